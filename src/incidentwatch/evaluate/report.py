"""The evaluation report as a plain-text table and as a JSON object."""

from __future__ import annotations

from collections import Counter
from typing import Any

from incidentwatch.evaluate.scoring import WITHIN_KM, Report


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def to_json(report: Report) -> dict[str, Any]:
    out: dict[str, Any] = {
        "articles": report.articles,
        "articles_missing_in_predicted": report.articles_missing,
        "articles_not_in_gold": report.articles_extra,
        "detection": {
            "gold": report.gold_incidents,
            "predicted": report.predicted_incidents,
            "matched": report.matched,
            "precision": _r(report.precision),
            "recall": _r(report.recall),
            "f1": _r(report.f1),
        },
        "fields": {
            name: {"n": s.n, "correct": s.correct, "accuracy": _r(s.accuracy)}
            for name, s in report.fields.items()
        },
        "counts": {
            name: {"n": s.n, "exact": _r(s.exact_share), "mae": _r(s.mae)}
            for name, s in report.counts.items()
        },
        "distance": {
            "n": len(report.distances_km),
            "within_25km": _r(report.within_km_share),
            "median_km": _r(report.median_km, 1),
        },
    }
    if report.merge is not None:
        m = report.merge
        out["merging"] = {
            "incidents": m.items,
            "gold_pairs": m.gold_pairs,
            "predicted_pairs": m.predicted_pairs,
            "both_pairs": m.both_pairs,
            "precision": _r(m.precision),
            "recall": _r(m.recall),
        }
    return out


def _short(value: Any, width: int = 60) -> str:
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def errors_by_field(report: Report, examples: int) -> list[str]:
    """Each field's mismatch count, most frequent first, with a few examples."""
    lines: list[str] = []
    for name, n in Counter(m.field for m in report.mismatches).most_common():
        lines.append(f"  {name}: {n}")
        shown = [m for m in report.mismatches if m.field == name][:examples]
        for m in shown:
            where = _short(m.article_id, 24)
            lines.append(f"    {where}: gold={_short(m.gold)} predicted={_short(m.predicted)}")
    return lines


def to_text(report: Report, title: str = "", by_field_errors: int = 0) -> str:
    lines: list[str] = []
    if title:
        lines += [title, "=" * len(title)]
    header = f"articles {report.articles}"
    if report.articles_missing:
        header += f"  (missing in predicted: {report.articles_missing})"
    if report.articles_extra:
        header += f"  (predicted, not in gold: {report.articles_extra})"
    lines.append(header)
    lines += [
        "",
        "detection      gold  pred  matched  precision  recall     F1",
        f"incidents  {report.gold_incidents:8d} {report.predicted_incidents:5d} {report.matched:8d}"
        f"  {_fmt(report.precision):>9}  {_fmt(report.recall):>6}  {_fmt(report.f1):>5}",
        "",
        f"{'field (matched pairs)':<24}{'n':>6}{'correct':>9}{'accuracy':>10}",
    ]
    for name, s in report.fields.items():
        lines.append(f"{name:<24}{s.n:6d}{s.correct:9d}{_fmt(s.accuracy):>10}")
    lines += ["", f"{'count':<24}{'n':>6}{'exact':>9}{'MAE':>10}"]
    for name, c in report.counts.items():
        lines.append(f"{name + '.best':<24}{c.n:6d}{_fmt(c.exact_share):>9}{_fmt(c.mae, 2):>10}")
    lines += [
        "",
        f"{'coordinates':<24}{'n':>6}{f'<={WITHIN_KM:.0f}km':>9}{'median km':>10}",
        f"{'distance':<24}{len(report.distances_km):6d}{_fmt(report.within_km_share):>9}"
        f"{_fmt(report.median_km, 1):>10}",
    ]
    if report.merge is not None:
        m = report.merge
        lines += [
            "",
            f"merging (pairs across articles over {m.items} linked incidents): "
            f"gold {m.gold_pairs}, predicted {m.predicted_pairs}, both {m.both_pairs}; "
            f"precision {_fmt(m.precision)}, recall {_fmt(m.recall)}",
        ]
    if by_field_errors and report.mismatches:
        lines += ["", f"errors by field (up to {by_field_errors} examples each)"]
        lines += errors_by_field(report, by_field_errors)
    return "\n".join(lines) + "\n"

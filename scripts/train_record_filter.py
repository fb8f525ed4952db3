"""Train and measure the learned record filter (extract/record_filter.py) side by side
with the rules.

    PYTHONPATH=src python scripts/train_record_filter.py [--devdata ../shared/devdata]
        [--work out/record_filter] [--reuse] [--notes GOLD.jsonl ...] [--write]

1. Extracts every dev article with the current rules (in process, the same Extractor
   as `incidentwatch extract`; `--reuse` reads `WORK/NAME.pred.jsonl` written by an
   earlier run instead), so the labels follow whatever the rules now output.
2. Labels each record: 1 when the evaluator pairs it with a gold incident
   (`evaluate.pairing.pair_incidents`, the one definition), else 0.
3. Cross-validates by article (5 folds, fixed seed: an article's records are never
   in both train and test): the threshold is chosen inside the training folds only
   (inner 4-fold out-of-fold probabilities, the threshold with the best F1 there),
   and the test fold's records below it are dropped. The filtered predictions of
   all test folds are scored with `evaluate.scoring.score` and printed beside the
   rules alone.
4. `--write` fits on everything and writes `data/extract/record_filter.json`.

`--notes` adds gold files that carry their text (ACLED/GTD/RAND imported by
`incidentwatch import-reference`, as scripts/evaluate_devdata.sh writes them to
out/eval/gold/) to the training folds only: every note is a real incident, so nearly
all their records are positives; they are never in a test fold.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from incidentwatch.evaluate.jsonl import ArticleIncidents, load_articles
from incidentwatch.evaluate.pairing import pair_incidents
from incidentwatch.evaluate.scoring import Report, score
from incidentwatch.extract.context import SHORT_REPORT_CHARS
from incidentwatch.extract.record_filter import MODEL_PATH, RecordFilter, record_features
from incidentwatch.records import Article, Incident

REPO = Path(__file__).resolve().parents[1]
SEED = 12
FOLDS = 5
INNER_FOLDS = 4
L2 = 1.0
PENALTY = [L2]  # set once from --l2
THRESHOLDS = [round(0.05 * i, 2) for i in range(0, 19)]  # 0.0 keeps every record


@dataclass
class DevSet:
    name: str
    articles: dict[str, Article]
    gold: dict[str, ArticleIncidents]
    predicted: dict[str, list[Incident]]


def read_articles(path: Path, wanted: set[str] | None = None) -> dict[str, Article]:
    out: dict[str, Article] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        if wanted is not None and raw["article_id"] not in wanted:
            continue
        out[raw["article_id"]] = Article(
            article_id=raw["article_id"],
            text=raw["text"],
            published_at=raw.get("published_at"),
            url=raw.get("url"),
            outlet=raw.get("outlet"),
            title=raw.get("title"),
        )
    return out


def predictions(
    name: str, articles: dict[str, Article], work: Path, reuse: bool
) -> dict[str, list[Incident]]:
    path = work / f"{name}.pred.jsonl"
    if not (reuse and path.exists()):
        from incidentwatch.extract.pipeline import Extractor
        from incidentwatch.records import ArticleResult

        extractor = Extractor()
        with path.open("w", encoding="utf-8") as out:
            for art, incidents in extractor.extract_many(articles.values()):
                line = ArticleResult(article_id=art.article_id, incidents=incidents)
                out.write(json.dumps(line.to_json(), ensure_ascii=False) + "\n")
    loaded = load_articles(path).articles
    return {a: (loaded[a].incidents if a in loaded else []) for a in articles}


def load_set(name: str, text_path: Path, gold_path: Path, work: Path, reuse: bool) -> DevSet:
    gold = load_articles(gold_path).articles
    articles = read_articles(text_path, set(gold))
    gold = {a: g for a, g in gold.items() if a in articles}
    return DevSet(name, articles, gold, predictions(name, articles, work, reuse))


@dataclass
class Row:
    set_name: str
    article_id: str
    index: int
    features: dict[str, float]
    label: int
    weight: float = 1.0


def rows_of(dev: DevSet, words: bool, weight: float = 1.0) -> list[Row]:
    rows = []
    for aid, art in dev.articles.items():
        preds = dev.predicted[aid]
        paired = {pi for _, pi, _ in pair_incidents(dev.gold[aid].incidents, preds)}
        for i, rec in enumerate(preds):
            feats = record_features(art, rec, preds, words)
            rows.append(Row(dev.name, aid, i, feats, int(i in paired), weight))
    return rows


def fit(rows: Sequence[Row], l2: float | None = None) -> dict[str, float]:
    """L2-regularised logistic regression (L-BFGS from zero: deterministic)."""
    penalty = PENALTY[0] if l2 is None else l2
    names = sorted({n for r in rows for n in r.features})
    col = {n: j for j, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for i, r in enumerate(rows):
        for n, v in r.features.items():
            x[i, col[n]] = v
    y = np.array([r.label for r in rows], dtype=float)
    w = np.array([r.weight for r in rows], dtype=float)
    penal = np.ones(len(names))
    penal[col["bias"]] = 0.0

    def loss(beta: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ beta
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))
        eps = 1e-12
        ll = -np.sum(w * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
        grad = x.T @ (w * (p - y)) + penalty * penal * beta
        return float(ll + 0.5 * penalty * np.sum(penal * beta**2)), grad

    res = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B")
    return {n: float(round(b, 6)) for n, b in zip(names, res.x, strict=True) if abs(b) >= 1e-6}


def folds_of(article_ids: Iterable[str], k: int, seed: int) -> list[list[str]]:
    ids = sorted(set(article_ids))
    random.Random(seed).shuffle(ids)
    return [ids[i::k] for i in range(k)]


def filtered(
    sets: Sequence[DevSet], probs: dict[tuple[str, int], float], t: float, ids: set[str]
) -> tuple[dict[str, ArticleIncidents], dict[str, ArticleIncidents]]:
    gold, pred = {}, {}
    for dev in sets:
        for aid in dev.articles:
            if aid not in ids:
                continue
            gold[aid] = dev.gold[aid]
            long = len(dev.articles[aid].text) >= SHORT_REPORT_CHARS
            kept = [
                r
                for i, r in enumerate(dev.predicted[aid])
                if not long or probs.get((aid, i), 1.0) >= t
            ]
            pred[aid] = ArticleIncidents(aid, kept)
    return gold, pred


def best_threshold(
    sets: Sequence[DevSet], probs: dict[tuple[str, int], float], ids: set[str]
) -> float:
    best, best_f1 = 0.0, -1.0
    for t in THRESHOLDS:
        report = score(*filtered(sets, probs, t, ids))
        f1 = report.f1 or 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = t, f1
    return best


def probabilities(weights: dict[str, float], rows: Iterable[Row]) -> dict[tuple[str, int], float]:
    model = RecordFilter(weights, 0.5)
    return {(r.article_id, r.index): model.probability(r.features) for r in rows}


def out_of_fold(
    rows: Sequence[Row], extra: Sequence[Row], ids: list[str], k: int, seed: int
) -> dict[tuple[str, int], float]:
    probs: dict[tuple[str, int], float] = {}
    for fold in folds_of(ids, k, seed):
        test = set(fold)
        weights = fit([r for r in rows if r.article_id not in test] + list(extra))
        probs.update(probabilities(weights, (r for r in rows if r.article_id in test)))
    return probs


def cross_validate(
    sets: Sequence[DevSet], rows: Sequence[Row], extra: Sequence[Row], seed: int = SEED
) -> tuple[dict[tuple[str, int], float], dict[str, float]]:
    """Test-fold probabilities and each test article's threshold (chosen on its training folds)."""
    ids = sorted({a for dev in sets for a in dev.articles})
    probs: dict[tuple[str, int], float] = {}
    threshold: dict[str, float] = {}
    for n, fold in enumerate(folds_of(ids, FOLDS, seed)):
        test = set(fold)
        train_rows = [r for r in rows if r.article_id not in test]
        train_ids = sorted({a for a in ids if a not in test})
        inner = out_of_fold(train_rows, extra, train_ids, INNER_FOLDS, seed + n + 1)
        t = best_threshold(sets, inner, set(train_ids))
        weights = fit(train_rows + list(extra))
        probs.update(probabilities(weights, (r for r in rows if r.article_id in test)))
        threshold.update({a: t for a in test})
    return probs, threshold


def report_line(label: str, report: Report) -> str:
    k = report.counts["fatalities"]
    f = lambda v: "-" if v is None else f"{v:.3f}"  # noqa: E731
    return (
        f"| {label} | {report.predicted_incidents} | {report.matched} | {f(report.precision)} | "
        f"{f(report.recall)} | {f(report.f1)} | {f(k.exact_share)} ({k.exact}/{k.n}) |"
    )


def per_article_filter(
    sets: Sequence[DevSet],
    probs: dict[tuple[str, int], float],
    threshold: dict[str, float],
    only: str | None,
) -> Report:
    gold, pred = {}, {}
    for dev in sets:
        if only is not None and dev.name != only:
            continue
        for aid in dev.articles:
            g, p = filtered([dev], probs, threshold[aid], {aid})
            gold.update(g)
            pred.update(p)
    return score(gold, pred)


def article_counts(
    sets: Sequence[DevSet], probs: dict[tuple[str, int], float], threshold: dict[str, float]
) -> dict[str, tuple[int, int, int]]:
    """(gold, predicted, paired) of each article after the filter."""
    out = {}
    for dev in sets:
        for aid in dev.articles:
            r = score(*filtered([dev], probs, threshold[aid], {aid}))
            out[aid] = (r.gold_incidents, r.predicted_incidents, r.matched)
    return out


def bootstrap_gain(
    rules: dict[str, tuple[int, int, int]],
    learned: dict[str, tuple[int, int, int]],
    rounds: int = 2000,
) -> tuple[float, float, float]:
    """F1 gain of the filter with a 95% interval from resampling articles (fixed seed):
    whether the gain is more than which articles happened to be coded."""
    ids = sorted(rules)
    a = np.array([rules[i] for i in ids], dtype=float)
    b = np.array([learned[i] for i in ids], dtype=float)

    def f1(m: np.ndarray) -> np.ndarray:
        g, p, k = m[..., 0], m[..., 1], m[..., 2]
        return np.where(g + p > 0, 2 * k / np.maximum(g + p, 1), 0.0)

    picks = np.random.default_rng(SEED).integers(0, len(ids), size=(rounds, len(ids)))
    gains = f1(b[picks].sum(axis=1)) - f1(a[picks].sum(axis=1))
    point = float(f1(b.sum(axis=0)) - f1(a.sum(axis=0)))
    return point, float(np.percentile(gains, 2.5)), float(np.percentile(gains, 97.5))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devdata", type=Path, default=REPO.parent / "shared" / "devdata")
    ap.add_argument("--work", type=Path, default=REPO / "out" / "record_filter")
    ap.add_argument("--reuse", action="store_true", help="reuse WORK/NAME.pred.jsonl")
    ap.add_argument("--notes", type=Path, nargs="*", default=[], help="note gold files with text")
    ap.add_argument("--notes-weight", type=float, default=0.2)
    ap.add_argument(
        "--extra-set",
        nargs=2,
        action="append",
        default=[],
        metavar=("TEXT", "GOLD"),
        help="another coded set (e.g. the Arabic pool) added to the training folds only",
    )
    ap.add_argument("--no-words", action="store_true", help="language-free features only")
    ap.add_argument("--l2", type=float, default=L2, help="L2 penalty of the weights")
    ap.add_argument("--seed", type=int, default=SEED, help="fold assignment seed")
    ap.add_argument(
        "--repeat", type=int, default=0, help="also cross-validate with seeds 1..N: F1 spread"
    )
    ap.add_argument("--only", nargs="*", default=None, help="keep only these features (a baseline)")
    ap.add_argument(
        "--check",
        type=Path,
        nargs="*",
        default=[],
        help="gold files with text never trained on: rules vs the filter fit on all",
    )
    ap.add_argument(
        "--dropped",
        type=Path,
        help="write each record the filter drops out of fold (id, paired?, p) as JSONL",
    )
    ap.add_argument("--write", action="store_true", help=f"fit on all and write {MODEL_PATH.name}")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    PENALTY[0] = args.l2
    words = not args.no_words
    dev = args.devdata
    sets = [
        load_set(
            "pool",
            dev / "news_pool_2016.jsonl",
            REPO / "annotations" / "news_pool_2016" / "gold.jsonl",
            args.work,
            args.reuse,
        ),
        load_set(
            "iraq13",
            dev / "iraq_news_2016_dev.jsonl",
            dev / "iraq_news_2016_dev.jsonl",
            args.work,
            args.reuse,
        ),
    ]
    rows = [r for s in sets for r in rows_of(s, words)]
    if args.only is not None:
        keep = {"bias", *args.only}
        for r in rows:
            r.features = {n: v for n, v in r.features.items() if n in keep}
    extra: list[Row] = []
    for path in args.notes:
        note_set = load_set(path.stem, path, path, args.work, args.reuse)
        extra += rows_of(note_set, words, args.notes_weight)
    for text_path, gold_path in args.extra_set:
        other = load_set(
            Path(text_path).stem, Path(text_path), Path(gold_path), args.work, args.reuse
        )
        extra += rows_of(other, words)
    positives = sum(r.label for r in rows)
    print(
        f"records: {len(rows)} ({positives} paired with gold, {len(rows) - positives} not); "
        f"note records added to training folds: {len(extra)} ({sum(r.label for r in extra)} paired)"
    )
    probs, threshold = cross_validate(sets, rows, extra, args.seed)
    everything = {a: 0.0 for s in sets for a in s.articles}
    oracle = {(r.article_id, r.index): float(r.label) for r in rows}
    print(f"thresholds chosen in the training folds: {sorted(set(threshold.values()))}")
    print("| set, system | records | paired | P | R | F1 | killed exact |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for only in ("pool", "iraq13", None):
        label = only or "pool + iraq13"
        print(
            report_line(f"{label}, (a) rules alone", per_article_filter(sets, {}, everything, only))
        )
        print(
            report_line(
                f"{label}, (b) rules + learned filter (out of fold)",
                per_article_filter(sets, probs, threshold, only),
            )
        )
        print(
            report_line(
                f"{label}, ceiling: drop exactly the unpaired",
                per_article_filter(sets, oracle, {a: 0.5 for a in everything}, only),
            )
        )
    if args.dropped is not None:
        with args.dropped.open("w", encoding="utf-8") as out:
            for r in rows:
                p = probs[(r.article_id, r.index)]
                if p < threshold[r.article_id]:
                    rec = next(d for d in sets if d.name == r.set_name).predicted[r.article_id]
                    row = {
                        "article_id": r.article_id,
                        "paired_with_gold": bool(r.label),
                        "p": round(p, 3),
                        "threshold": threshold[r.article_id],
                        "event_type": rec[r.index].event_type,
                        "sub_event_type": rec[r.index].sub_event_type,
                        "fatalities": rec[r.index].fatalities.best,
                        "event_date": rec[r.index].event_date,
                    }
                    out.write(json.dumps(row) + "\n")
    gain, low, high = bootstrap_gain(
        article_counts(sets, {}, everything), article_counts(sets, probs, threshold)
    )
    print(f"F1 gain {gain:+.3f}, 95% interval over articles (bootstrap) {low:+.3f} .. {high:+.3f}")
    if args.repeat:
        base = per_article_filter(sets, {}, everything, None)
        deltas = []
        for seed in range(1, args.repeat + 1):
            report = per_article_filter(sets, *cross_validate(sets, rows, extra, seed), None)
            deltas.append((report.f1 or 0.0) - (base.f1 or 0.0))
            print(report_line(f"seed {seed}", report))
        spread = np.array(deltas)
        print(
            f"F1 gain over the rules, {args.repeat} fold seeds: mean {spread.mean():+.3f}, "
            f"min {spread.min():+.3f}, max {spread.max():+.3f}"
        )
    if args.write or args.check:
        weights = fit(rows + extra)
        all_ids = sorted(everything)
        t = best_threshold(sets, out_of_fold(rows, extra, all_ids, FOLDS, SEED), set(all_ids))
        print(f"fit on all: threshold {t} (chosen out of fold), {len(weights)} weights")
    for path in args.check:
        held = load_set(path.stem, path, path, args.work, args.reuse)
        held_rows = rows_of(held, words)
        held_probs = probabilities(weights, held_rows)
        ids = {a: t for a in held.articles}
        print(
            report_line(f"{held.name}, (a) rules alone", per_article_filter([held], {}, ids, None))
        )
        print(
            report_line(
                f"{held.name}, (b) rules + filter",
                per_article_filter([held], held_probs, ids, None),
            )
        )
    if args.write:
        model = RecordFilter(
            weights,
            t,
            words,
            provenance={
                "trained_on": "records the rules extracted from the English real-news dev gold: "
                "annotations/news_pool_2016 (69 articles) and iraq_news_2016_dev (13 articles), "
                "labels from evaluate.pairing; licensed dev data, weights only",
                "also_trained_on": [Path(text).name for text, _gold in args.extra_set]
                + [p.name for p in args.notes],
                "script": "scripts/train_record_filter.py " + " ".join(argv),
                "seed": SEED,
                "l2": args.l2,
                "records": len(rows) + len(extra),
            },
        )
        MODEL_PATH.write_text(
            json.dumps(model.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {MODEL_PATH} (threshold {t}, {len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Assemble a situation report from the frame: numbers, sentences, charts, incidents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd

from incidentwatch import __version__
from incidentwatch.analyse import alerts as al
from incidentwatch.analyse.frame import area_mask, dated, select
from incidentwatch.analyse.hotspots import HotspotConfig, hotspots
from incidentwatch.analyse.report import charts
from incidentwatch.analyse.report import text as tx
from incidentwatch.analyse.tactics import categories, tactic_shift
from incidentwatch.analyse.trends import Window, compare_baseline, default_baseline, trends
from incidentwatch.records import Source


@dataclass
class Citation:
    label: str
    url: str | None


@dataclass
class IncidentLine:
    incident_id: str
    event_date: str
    place: str
    event_type: str
    actors: str
    fatalities: int
    summary: str
    citations: list[Citation]


@dataclass
class SituationReport:
    title: str
    area: str | None
    actor: str | None
    window: Window
    baseline: Window
    generated_at: str
    headline: list[str]
    key_numbers: list[dict[str, str]]
    assessment: list[str]
    alerts: list[str]
    hotspots: list[dict[str, str]]
    tactics: list[str]
    incidents: list[IncidentLine]
    method: list[str]
    charts: dict[str, bytes] = field(default_factory=dict)  # name -> PNG
    data: dict[str, object] = field(default_factory=dict)  # the numbers, for JSON consumers


def _cite(srcs: list[Source]) -> list[Citation]:
    out = []
    for s in srcs:
        label = " ".join(
            filter(
                None,
                [s.outlet or s.article_id, f"({s.published_at[:10]})" if s.published_at else None],
            )
        )
        out.append(
            Citation(
                label=label,
                url=s.url if s.url and s.url.startswith(("http://", "https://")) else None,
            )
        )
    return out


def _in_scope(a: al.Alert, df_area: pd.DataFrame, area: str | None, actor: str | None) -> bool:
    if (
        actor
        and a.actor != al.ALL_ACTORS
        and a.actor.casefold()
        not in set(pd.concat([df_area["actor1"], df_area["actor2"]]).dropna().str.casefold())
    ):
        return False
    if actor and a.actor == al.ALL_ACTORS:
        return False
    if not actor and a.actor != al.ALL_ACTORS:
        return True
    if area is None:
        return True
    q = area.casefold()
    return q in {
        (a.country or "").casefold(),
        (a.admin1 or "").casefold(),
        (a.admin2 or "").casefold(),
    }


def build_report(
    df: pd.DataFrame,
    window: Window,
    baseline: Window | None = None,
    *,
    area: str | None = None,
    actor: str | None = None,
    cite: Callable[[list[str]], dict[str, list[Source]]] | None = None,
    max_incidents: int = 15,
    alert_cfg: al.AlertConfig = al.DEFAULT_CONFIG,
    charts_on: bool = True,
) -> SituationReport:
    all_d = dated(df)
    if all_d.empty:
        raise ValueError("no dated incidents to report on")
    if area and not area_mask(all_d, area).any():
        raise ValueError(f"no incident is in an area named {area!r}")
    # The data's first incident marks the start of coverage: a default baseline
    # reaching before it would count months nobody collected as quiet.
    data_start = all_d["event_date"].min().normalize()
    if baseline is None:
        baseline = default_baseline(window)
        if baseline.start < data_start < window.start:
            baseline = Window(data_start, baseline.end)
    scoped = select(all_d, area=area, actor=actor)
    scope = tx.scope_text(area, actor)
    comp = compare_baseline(scoped, window, baseline)
    comparison = comp[0] if comp else None
    if comparison is None:
        from incidentwatch.analyse.trends import Comparison

        comparison = Comparison(
            {},
            str(window.start.date()),
            str(window.end.date()),
            str(baseline.start.date()),
            str(baseline.end.date()),
            0,
            0,
            0,
            0,
            0.0,
            0.0,
            None,
            None,
            1.0,
            1.0,
        )
    in_win = scoped.loc[
        (scoped["event_date"] >= window.start) & (scoped["event_date"] <= window.end)
    ]

    # Alerts: every unit inside the area, for windows ending in the report window.
    area_d = select(all_d, area=area) if area else all_d
    found = al.detect_alerts(
        area_d,
        alert_cfg,
        date_from=window.start,
        date_to=window.end,
        data_start=data_start,
        data_end=window.end,
    )
    found = [a for a in found if _in_scope(a, scoped, area, actor)]
    assessment = al.assess(
        all_d, area=area, actor=actor, as_of=window.end, cfg=alert_cfg, data_start=data_start
    )

    hot = hotspots(
        area_d if not actor else scoped,
        date_from=window.start,
        date_to=window.end,
        cfg=HotspotConfig(),
    )
    hot_rows = hot.loc[hot["hot"]].head(10)
    dimension = "target_type" if scoped["target_type"].notna().any() else "sub_event_type"
    shift = tactic_shift(scoped, window, baseline, dimension=dimension, n_permutations=1999)

    key_numbers = [
        {
            "measure": "Incidents",
            "window": f"{comparison.incidents:,}",
            "baseline": f"{comparison.baseline_incidents:,}",
            "expected": f"{comparison.expected_incidents:.1f}",
            "ratio": "-"
            if comparison.incident_ratio is None
            else f"{comparison.incident_ratio:.2f}",
            "test": tx.p_text(comparison.p_increase) + " (rise)",
        },
        {
            "measure": "Fatalities",
            "window": f"{comparison.fatalities:,}",
            "baseline": f"{comparison.baseline_fatalities:,}",
            "expected": f"{comparison.expected_fatalities:.1f}",
            "ratio": "-"
            if comparison.fatality_ratio is None
            else f"{comparison.fatality_ratio:.2f}",
            "test": "descriptive",
        },
    ]
    headline = tx.comparison_sentences(comparison, area, actor)[:1]
    headline += tx.comparison_sentences(comparison, area, actor)[2:]
    headline.append(tx.alerts_headline(found))
    if not hot_rows.empty:
        top = hot_rows.iloc[0]
        headline.append(
            f"The most significant hot spot is around {top['label']} "
            f"({int(top['incidents'])} incidents in "
            f"its cell, Getis-Ord Gi* z = {top['gi_z']:.2f}, FDR q = {top['q']:.2g})."
        )
    else:
        headline.append(
            "No statistically significant hot spot (Getis-Ord Gi*, FDR 5%) in the window."
        )

    top_inc = in_win.sort_values(["fatalities", "event_date"], ascending=[False, True]).head(
        max_incidents
    )
    srcs = cite(list(top_inc["incident_id"])) if cite else {}
    incidents = [
        IncidentLine(
            incident_id=str(r["incident_id"]),
            event_date=str(r["event_date"].date()),
            place=", ".join(
                str(v)
                for v in (r["location"], r["admin2"], r["admin1"])
                if isinstance(v, str) and v
            ),
            event_type=" / ".join(
                str(v) for v in (r["event_type"], r["sub_event_type"]) if isinstance(v, str) and v
            ),
            actors=" vs ".join(
                str(v) for v in (r["actor1"], r["actor2"]) if isinstance(v, str) and v
            ),
            fatalities=int(r["fatalities"]),
            summary=str(r["summary"]) if isinstance(r["summary"], str) else "",
            citations=_cite(srcs.get(str(r["incident_id"]), [])),
        )
        for _, r in top_inc.iterrows()
    ]
    hot_table = [
        {
            "place": str(r["label"]),
            "incidents": f"{int(r['incidents'])}",
            "fatalities": f"{int(r['fatalities'])}",
            "gi_z": f"{r['gi_z']:.2f}",
            "q": f"{r['q']:.2g}",
        }
        for _, r in hot_rows.iterrows()
    ]
    method = [
        "Baseline comparison: exact conditional test of two Poisson rates (binomial split of the "
        "combined count by the windows' lengths), one-sided.",
        f"Alerts: per area (admin1, admin2) and actor, the last {alert_cfg.window} "
        f"{alert_cfg.period}s against the trailing {alert_cfg.baseline_periods} (at least "
        f"{alert_cfg.min_history}); negative-binomial predictive test for incidents, compound "
        "test for fatalities; Benjamini-Hochberg at "
        f"{alert_cfg.alpha:g} across series; at least {alert_cfg.min_count} incidents, or "
        f"{alert_cfg.severe_fatalities} deaths, for an alert.",
        "Hot spots: Getis-Ord Gi* on H3 resolution-5 cells with their first ring, FDR 5%.",
        f"Type mix: chi-square test of homogeneity on {dimension.replace('_', ' ')} "
        "(permutation p-value when cells are sparse).",
    ]
    rep = SituationReport(
        title=f"Situation report: {scope}, {window.start.date()} to {window.end.date()}",
        area=area,
        actor=actor,
        window=window,
        baseline=baseline,
        generated_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        + f" by incidentwatch {__version__}",
        headline=headline,
        key_numbers=key_numbers,
        assessment=tx.assessment_sentences(assessment),
        alerts=[tx.alert_sentence(a) for a in found],
        hotspots=hot_table,
        tactics=tx.tactic_sentences(shift),
        incidents=incidents,
        method=method,
        data={
            "comparison": comparison.to_dict(),
            "assessment": {k: v for k, v in assessment.to_dict().items() if k != "series"},
            "alerts": [a.to_dict() for a in found],
            "hotspots": hot_rows.to_dict("records"),
            "tactics": shift.to_dict(),
        },
    )
    if charts_on:
        span_days = (window.end - min(baseline.start, window.start)).days
        period = "day" if span_days <= 45 else ("week" if span_days <= 400 else "month")
        series = trends(
            scoped, period=period, date_from=min(baseline.start, window.start), date_to=window.end
        )
        rep.charts["timeline"] = charts.to_png(
            charts.timeline(
                series, window, baseline, sorted({a.period_start for a in found}), period
            )
        )
        rep.charts["map"] = charts.to_png(charts.incident_map(in_win, hot_rows))
        base_d = scoped.loc[
            (scoped["event_date"] >= baseline.start) & (scoped["event_date"] <= baseline.end)
        ]
        mix = pd.DataFrame(
            {
                "baseline": categories(base_d, dimension).value_counts(normalize=True),
                "window": categories(in_win, dimension).value_counts(normalize=True),
            }
        ).fillna(0.0)
        if not mix.empty:
            rep.charts["type_mix"] = charts.to_png(
                charts.type_mix(mix.sort_values("window", ascending=False))
            )
    return rep

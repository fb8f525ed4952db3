"""`incidentwatch trends | alerts | hotspots | tactics | report`: assessment from incidents.

Every command reads incidents from the store (default), from `incidentwatch
extract` output (--input) or from an ACLED-format CSV (--acled), and prints a
table, JSON or CSV. Heavy imports stay inside the commands.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click


def _user_error(msg: str) -> click.ClickException:
    from incidentwatch.errors import UserError

    return UserError(msg)


def _input_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    opts = [
        click.option(
            "--db",
            "db",
            default=None,
            help="Store URL (default: $INCIDENTWATCH_DB or the SQLite file).",
        ),
        click.option(
            "--input",
            "input_path",
            type=click.Path(dir_okay=False),
            default=None,
            help="Read incidents from `incidentwatch extract` output (JSON Lines).",
        ),
        click.option(
            "--acled",
            "acled_path",
            type=click.Path(dir_okay=False),
            default=None,
            help="Read incidents from an ACLED-format CSV instead of the store.",
        ),
        click.option("--country", default=None, help="Only this country (name or ISO2)."),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["table", "json", "csv"]),
            default="table",
            show_default=True,
        ),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


def load(
    db: str | None, input_path: str | None, acled_path: str | None, country: str | None
) -> Any:
    from incidentwatch.analyse import sources
    from incidentwatch.analyse.frame import area_mask

    if input_path and acled_path:
        raise _user_error("give --input or --acled, not both")
    try:
        if input_path:
            if not Path(input_path).is_file():
                raise _user_error(f"{input_path}: no such file")
            loaded = sources.read_extract_jsonl(input_path)
        elif acled_path:
            if not Path(acled_path).is_file():
                raise _user_error(f"{acled_path}: no such file")
            loaded = sources.read_acled_csv(acled_path)
        else:
            loaded = sources.read_store(db)
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise _user_error(str(exc)) from None
    if country:
        loaded.frame = loaded.frame.loc[area_mask(loaded.frame, country)]
    return loaded


def _date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise _user_error(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


def _emit(rows: list[Any], fmt: str, columns: list[str] | None = None) -> None:
    import pandas as pd

    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, default=str, ensure_ascii=False))
        return
    df = pd.DataFrame(rows)
    if columns:
        df = df.loc[:, [c for c in columns if c in df.columns]]
    if fmt == "csv":
        df.to_csv(sys.stdout, index=False)
    elif df.empty:
        click.echo("(nothing)")
    else:
        with pd.option_context(
            "display.max_rows", 500, "display.width", 200, "display.max_colwidth", 50
        ):
            click.echo(df.to_string(index=False, float_format=lambda v: f"{v:.4g}"))


def register(group: click.Group) -> None:
    group.add_command(trends_cmd)
    group.add_command(alerts_cmd)
    group.add_command(hotspots_cmd)
    group.add_command(tactics_cmd)
    group.add_command(report_cmd)


# --------------------------------------------------------------------------- trends


@click.command("trends")
@_input_options
@click.option(
    "--period", type=click.Choice(["day", "week", "month"]), default="month", show_default=True
)
@click.option(
    "--by",
    multiple=True,
    type=click.Choice(["country", "admin1", "admin2", "actor", "event_type", "sub_event_type"]),
    help="Group by (repeatable).",
)
@click.option("--area", default=None, help="Only this admin1/admin2/country.")
@click.option("--actor", default=None, help="Only incidents involving this actor (either side).")
@click.option("--from", "date_from", default=None, help="Current window start (YYYY-MM-DD).")
@click.option("--to", "date_to", default=None, help="Current window end, inclusive.")
@click.option(
    "--baseline-from", default=None, help="Baseline start (default: 4x the window, just before)."
)
@click.option("--baseline-to", default=None, help="Baseline end, inclusive.")
@click.option(
    "--series", is_flag=True, help="Print the per-period series instead of the comparison."
)
def trends_cmd(
    db: str | None,
    input_path: str | None,
    acled_path: str | None,
    country: str | None,
    fmt: str,
    period: str,
    by: tuple[str, ...],
    area: str | None,
    actor: str | None,
    date_from: str | None,
    date_to: str | None,
    baseline_from: str | None,
    baseline_to: str | None,
    series: bool,
) -> None:
    """Incidents and fatalities by period and group, against a baseline period.

    With --from/--to, compares that window with the baseline (exact test of
    two Poisson rates); otherwise, or with --series, prints the series.
    """
    from incidentwatch.analyse.frame import select
    from incidentwatch.analyse.trends import Window, compare_baseline, trends

    df = load(db, input_path, acled_path, country).frame
    df = select(df, area=area, actor=actor)
    d_from, d_to = _date(date_from, "--from"), _date(date_to, "--to")
    if series or not (d_from and d_to):
        out = trends(df, period=period, by=by, date_from=d_from, date_to=d_to)
        out["period"] = out["period"].dt.date.astype(str)
        _emit(out.to_dict("records"), fmt)
        return
    try:
        cur = Window.of(d_from, d_to)
        b_from, b_to = _date(baseline_from, "--baseline-from"), _date(baseline_to, "--baseline-to")
        base = Window.of(b_from, b_to) if b_from and b_to else None
    except ValueError as exc:
        raise _user_error(str(exc)) from None
    rows = []
    for c in compare_baseline(df, cur, base, by=by):
        r: dict[str, Any] = c.to_dict()
        key: dict[str, Any] = r.pop("key")
        rows.append({**key, **r})
    _emit(rows, fmt)


# --------------------------------------------------------------------------- alerts


def _alert_config(**kw: Any) -> Any:
    from incidentwatch.analyse.alerts import AlertConfig, with_overrides

    levels = kw.pop("levels")
    if levels:
        kw["levels"] = tuple(x.strip() for x in levels.split(",") if x.strip())
    try:
        return with_overrides(AlertConfig(), **kw)
    except (ValueError, TypeError) as exc:
        raise _user_error(str(exc)) from None


ALERT_COLUMNS = [
    "period_start",
    "window_end",
    "level",
    "label",
    "kind",
    "measure",
    "incidents",
    "expected_incidents",
    "p_incidents",
    "q_incidents",
    "fatalities",
    "expected_fatalities",
    "p_fatalities",
    "last_year_incidents",
    "new",
]


@click.command("alerts")
@_input_options
@click.option(
    "--period", type=click.Choice(["day", "week", "month"]), default=None, help="Default: week."
)
@click.option("--window", type=int, default=None, help="Periods in the tested window (default 2).")
@click.option(
    "--baseline", "baseline_periods", type=int, default=None, help="Trailing baseline periods (26)."
)
@click.option(
    "--min-history", type=int, default=None, help="Fewest baseline periods for a test (8)."
)
@click.option("--alpha", type=float, default=None, help="FDR level / per-test alpha (0.01).")
@click.option("--correction", type=click.Choice(["bh", "none"]), default=None)
@click.option("--min-count", type=int, default=None, help="Fewest incidents for an alert (3).")
@click.option(
    "--severe",
    "severe_fatalities",
    type=int,
    default=None,
    help="Deaths that make one incident enough (10).",
)
@click.option("--levels", default=None, help="Comma list of admin1,admin2 (and country).")
@click.option("--no-actors", is_flag=True, help="Only all-actor series, none per actor.")
@click.option(
    "--from", "date_from", default=None, help="Report alerts for windows ending from this date."
)
@click.option("--to", "date_to", default=None, help="... up to this date (also the data end).")
@click.option("--area", default=None, help="Answer for one area: is it escalating as of --to?")
@click.option("--actor", default=None, help="With --area (or alone): one actor's series.")
@click.option(
    "--incidents", "show_incidents", is_flag=True, help="List the incidents behind each alert."
)
@click.option("--simulate", is_flag=True, help="Validate the model on simulated series and exit.")
@click.option(
    "--series-count",
    type=int,
    default=300,
    show_default=True,
    help="Series per scenario (--simulate).",
)
@click.option(
    "--benchmark", type=int, default=None, help="Time the scan on N synthetic incidents and exit."
)
def alerts_cmd(
    db: str | None,
    input_path: str | None,
    acled_path: str | None,
    country: str | None,
    fmt: str,
    period: str | None,
    window: int | None,
    baseline_periods: int | None,
    min_history: int | None,
    alpha: float | None,
    correction: str | None,
    min_count: int | None,
    severe_fatalities: int | None,
    levels: str | None,
    no_actors: bool,
    date_from: str | None,
    date_to: str | None,
    area: str | None,
    actor: str | None,
    show_incidents: bool,
    simulate: bool,
    series_count: int,
    benchmark: int | None,
) -> None:
    """Escalation alerts: areas (and actors in them) significantly above their own history.

    The model is a one-sided negative-binomial test of the current window
    against the trailing baseline (docs/analyse.md). With --area/--actor it
    answers one question -- is this series escalating? -- with the numbers,
    the test and the incidents.
    """
    from incidentwatch.analyse import alerts as al

    cfg = _alert_config(
        period=period,
        window=window,
        baseline_periods=baseline_periods,
        min_history=min_history,
        alpha=alpha,
        correction=correction,
        min_count=min_count,
        severe_fatalities=severe_fatalities,
        levels=levels,
        per_actor=False if no_actors else None,
    )
    if simulate:
        from incidentwatch.analyse.simulate import format_table, validate

        results = validate(cfg, series=series_count)
        if fmt == "table":
            click.echo(
                f"alert model on simulated weekly series (window {cfg.window}, baseline "
                f"{cfg.baseline_periods}, alpha {cfg.alpha}, {series_count} series x 104 weeks "
                "before and 26 after a jump per scenario)"
            )
            click.echo(format_table(results))
        else:
            _emit([r.to_dict() for r in results], fmt)
        return
    if benchmark:
        from incidentwatch.analyse.simulate import synthetic_frame

        df = synthetic_frame(benchmark)
        t0 = time.perf_counter()
        found = al.detect_alerts(df, cfg)
        dt = time.perf_counter() - t0
        click.echo(f"{benchmark} incidents: {len(found)} alerts in {dt:.2f} s")
        return
    loaded = load(db, input_path, acled_path, country)
    df = loaded.frame
    d_from, d_to = _date(date_from, "--from"), _date(date_to, "--to")
    if area or actor:
        try:
            a = al.assess(df, area=area, actor=actor, as_of=d_to, cfg=cfg)
        except ValueError as exc:
            raise _user_error(str(exc)) from None
        inc = al.assessment_incidents(df, a)
        if fmt == "json":
            click.echo(
                json.dumps(
                    {**a.to_dict(), "incident_list": _incident_rows(inc, loaded.sources)},
                    indent=2,
                    default=str,
                )
            )
            return
        from incidentwatch.analyse.report.text import assessment_sentences

        for line in assessment_sentences(a):
            click.echo(line)
        click.echo("")
        _emit(
            [
                {
                    k: v
                    for k, v in r.items()
                    if k
                    in ("period", "incidents", "fatalities", "expected_incidents", "p_incidents")
                }
                for r in a.series[-12:]
            ],
            "table",
        )
        click.echo("")
        click.echo("incidents in the window:")
        _emit(
            _incident_rows(inc, loaded.sources),
            "table",
            [
                "event_date",
                "admin1",
                "admin2",
                "location",
                "actor1",
                "actor2",
                "event_type",
                "fatalities",
                "sources",
            ],
        )
        return
    found = al.detect_alerts(df, cfg, date_from=d_from, date_to=d_to, data_end=d_to)
    rows: list[dict[str, Any]] = []
    for alert in found:
        r = alert.to_dict()
        if show_incidents:
            r["incidents_list"] = _incident_rows(al.alert_incidents(df, alert), loaded.sources)
        rows.append(r)
    if fmt == "table" and show_incidents:
        for r in rows:
            click.echo(
                f"{r['period_start']}  {r['label']}: {r['incidents']} incidents, "
                f"{r['fatalities']} killed "
                f"(expected {r['expected_incidents']:.2f}, "
                f"p={min(r['p_incidents'], r['p_fatalities']):.2g})"
            )
            for i in r["incidents_list"]:
                click.echo(
                    f"    {i['event_date']} {i['location'] or ''} {i['event_type']}: "
                    f"{i['fatalities']} killed [{i['sources']}]"
                )
        return
    _emit(rows, fmt, ALERT_COLUMNS)


def _incident_rows(df: Any, sources: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for r in df.itertuples():
        srcs = sources.get(r.incident_id, [])
        cite = (
            "; ".join(filter(None, ((s.outlet or s.article_id) for s in srcs)))
            or f"{r.n_sources or 0} source(s)"
        )
        rows.append(
            {
                "incident_id": r.incident_id,
                "event_date": str(r.event_date.date()) if r.event_date == r.event_date else None,
                "admin1": r.admin1,
                "admin2": r.admin2,
                "location": r.location,
                "actor1": r.actor1,
                "actor2": r.actor2,
                "event_type": r.event_type,
                "fatalities": int(r.fatalities),
                "summary": r.summary,
                "sources": cite,
            }
        )
    return rows


# --------------------------------------------------------------------------- hotspots


@click.command("hotspots")
@_input_options
@click.option("--method", type=click.Choice(["h3", "admin2"]), default="h3", show_default=True)
@click.option("--resolution", type=int, default=5, show_default=True, help="H3 resolution.")
@click.option(
    "--rings", "k", type=int, default=1, show_default=True, help="H3 neighbourhood rings."
)
@click.option(
    "--distance-km",
    type=float,
    default=50.0,
    show_default=True,
    help="admin2 neighbourhood radius.",
)
@click.option(
    "--value",
    type=click.Choice(["incidents", "fatalities"]),
    default="incidents",
    show_default=True,
)
@click.option("--alpha", type=float, default=0.05, show_default=True, help="FDR level.")
@click.option("--from", "date_from", default=None)
@click.option("--to", "date_to", default=None)
@click.option("--all", "show_all", is_flag=True, help="Show every unit, not only hot spots.")
def hotspots_cmd(
    db: str | None,
    input_path: str | None,
    acled_path: str | None,
    country: str | None,
    fmt: str,
    method: str,
    resolution: int,
    k: int,
    distance_km: float,
    value: str,
    alpha: float,
    date_from: str | None,
    date_to: str | None,
    show_all: bool,
) -> None:
    """Spatial clusters of incidents in a window (Getis-Ord Gi* on H3 cells or admin2)."""
    from incidentwatch.analyse.hotspots import HotspotConfig, hotspots

    df = load(db, input_path, acled_path, country).frame
    try:
        cfg = HotspotConfig(
            method=method,
            resolution=resolution,
            k=k,
            distance_km=distance_km,
            value=value,
            alpha=alpha,
        )
        out = hotspots(
            df, date_from=_date(date_from, "--from"), date_to=_date(date_to, "--to"), cfg=cfg
        )
    except ValueError as exc:
        raise _user_error(str(exc)) from None
    if not show_all:
        out = out.loc[out["hot"]]
    _emit(out.to_dict("records"), fmt)


# --------------------------------------------------------------------------- tactics


@click.command("tactics")
@_input_options
@click.option(
    "--actor",
    default=None,
    help="One actor (as actor1); default: every actor with enough incidents.",
)
@click.option("--area", default=None)
@click.option(
    "--dimension",
    type=click.Choice(
        ["target_type", "attack_type", "sub_event_type", "event_type", "victim_type"]
    ),
    default="target_type",
    show_default=True,
)
@click.option("--from", "date_from", required=True, help="Current window start.")
@click.option("--to", "date_to", required=True, help="Current window end.")
@click.option("--baseline-from", default=None)
@click.option("--baseline-to", default=None)
@click.option("--min-incidents", type=int, default=10, show_default=True)
@click.option("--alpha", type=float, default=0.05, show_default=True)
def tactics_cmd(
    db: str | None,
    input_path: str | None,
    acled_path: str | None,
    country: str | None,
    fmt: str,
    actor: str | None,
    area: str | None,
    dimension: str,
    date_from: str,
    date_to: str,
    baseline_from: str | None,
    baseline_to: str | None,
    min_incidents: int,
    alpha: float,
) -> None:
    """Shifts in an actor's mix of attack or target types (chi-square / permutation test)."""
    from incidentwatch.analyse.tactics import tactic_shift, tactic_shifts
    from incidentwatch.analyse.trends import Window

    df = load(db, input_path, acled_path, country).frame
    try:
        cur = Window.of(_date(date_from, "--from"), _date(date_to, "--to"))  # type: ignore[arg-type]
        b_from, b_to = _date(baseline_from, "--baseline-from"), _date(baseline_to, "--baseline-to")
        base = Window.of(b_from, b_to) if b_from and b_to else None
        if actor:
            shifts = [
                tactic_shift(
                    df, cur, base, actor=actor, area=area, dimension=dimension, alpha=alpha
                )
            ]
        else:
            shifts = tactic_shifts(
                df,
                cur,
                base,
                area=area,
                dimension=dimension,
                min_incidents=min_incidents,
                alpha=alpha,
            )
    except ValueError as exc:
        raise _user_error(str(exc)) from None
    if fmt == "json":
        _emit([s.to_dict() for s in shifts], fmt)
        return
    rows = []
    for s in shifts:
        for c in s.categories:
            rows.append(
                {
                    "actor": s.actor,
                    "test_p": s.p,
                    "method": s.method,
                    "n_base": s.baseline_incidents,
                    "n_cur": s.current_incidents,
                    "category": c.category,
                    "base_share": c.baseline_share,
                    "cur_share": c.current_share,
                    "change": c.change,
                    "q": c.q,
                }
            )
    _emit(rows, fmt)


# --------------------------------------------------------------------------- report


@click.command("report")
@_input_options
@click.option("--area", default=None, help="admin1, admin2 or country the report is about.")
@click.option("--actor", default=None, help="Focus on one actor (either side).")
@click.option("--from", "date_from", required=True, help="Report window start (YYYY-MM-DD).")
@click.option("--to", "date_to", required=True, help="Report window end, inclusive.")
@click.option("--baseline-from", default=None)
@click.option("--baseline-to", default=None)
@click.option(
    "--out",
    "out",
    type=click.Path(),
    default="report",
    show_default=True,
    help="Output path without extension (writes .md, .html, .pdf).",
)
@click.option("--formats", default="md,html,pdf", show_default=True)
@click.option("--max-incidents", type=int, default=15, show_default=True)
def report_cmd(
    db: str | None,
    input_path: str | None,
    acled_path: str | None,
    country: str | None,
    fmt: str,
    area: str | None,
    actor: str | None,
    date_from: str,
    date_to: str,
    baseline_from: str | None,
    baseline_to: str | None,
    out: str,
    formats: str,
    max_incidents: int,
) -> None:
    """A situation report (Markdown, HTML, PDF) with numbers, charts, alerts and sources."""
    from incidentwatch.analyse.report import build_report, write_report
    from incidentwatch.analyse.trends import Window

    loaded = load(db, input_path, acled_path, country)
    try:
        cur = Window.of(_date(date_from, "--from"), _date(date_to, "--to"))  # type: ignore[arg-type]
        b_from, b_to = _date(baseline_from, "--baseline-from"), _date(baseline_to, "--baseline-to")
        base = Window.of(b_from, b_to) if b_from and b_to else None
        wanted = {f.strip() for f in formats.split(",") if f.strip()}
        bad = wanted - {"md", "html", "pdf"}
        if bad:
            raise ValueError(f"unknown format(s): {', '.join(sorted(bad))}")
        sources = loaded.sources
        if not input_path and not acled_path:
            from incidentwatch.analyse.sources import store_sources

            def cite(ids: list[str]) -> dict[str, Any]:
                return store_sources(db, ids)
        else:

            def cite(ids: list[str]) -> dict[str, Any]:
                return {i: sources.get(i, []) for i in ids}

        rep = build_report(
            loaded.frame, cur, base, area=area, actor=actor, cite=cite, max_incidents=max_incidents
        )
    except ValueError as exc:
        raise _user_error(str(exc)) from None
    paths = write_report(rep, Path(out), formats=tuple(sorted(wanted)))
    for p in paths:
        click.echo(str(p))

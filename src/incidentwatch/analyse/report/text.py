"""Sentences with figures, generated from the numbers (never typed in by hand).

Every function takes a result object and returns plain sentences; templates
only place them. That keeps each figure in a report tied to the data.
"""

from __future__ import annotations

from incidentwatch.analyse.alerts import ALL_ACTORS, Alert, Assessment
from incidentwatch.analyse.tactics import TacticShift
from incidentwatch.analyse.trends import Comparison


def p_text(p: float | None) -> str:
    if p is None:
        return "n/a"
    if p < 0.0001:
        return "p < 0.0001"
    return f"p = {p:.2g}" if p < 0.01 else f"p = {p:.3f}".rstrip("0").rstrip(".")


def n_text(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def scope_text(area: str | None, actor: str | None) -> str:
    if area and actor:
        return f"{actor} in {area}"
    return actor or area or "all areas"


def comparison_sentences(c: Comparison, area: str | None, actor: str | None) -> list[str]:
    scope = scope_text(area, actor)
    out = [
        f"From {c.current_start} to {c.current_end}, {n_text(c.incidents, 'incident')} "
        f"({n_text(c.fatalities, 'fatality', 'fatalities')}) were recorded for {scope}."
    ]
    base = (
        f"The baseline {c.baseline_start} to {c.baseline_end} had "
        f"{n_text(c.baseline_incidents, 'incident')} and "
        f"{n_text(c.baseline_fatalities, 'fatality', 'fatalities')}, "
        f"{c.expected_incidents:.1f} incidents and {c.expected_fatalities:.1f} fatalities "
        "when scaled to the window's length."
    )
    out.append(base)
    if c.incident_ratio is not None:
        direction = "above" if c.incident_ratio >= 1 else "below"
        p = c.p_increase if c.incident_ratio >= 1 else c.p_decrease
        out.append(
            f"The incident rate is {c.incident_ratio:.2f} times the baseline rate, {direction} it "
            f"(exact test of two Poisson rates, one-sided {p_text(p)})."
        )
    elif c.incidents:
        out.append("The baseline had no incidents, so no rate ratio can be given.")
    return out


def assessment_sentences(a: Assessment) -> list[str]:
    scope = scope_text(a.area, a.actor)
    unit = {"day": "days", "week": "weeks", "month": "months"}[a.period]
    out = [
        f"Is {scope} escalating? {'Yes' if a.escalating else 'No'}: {a.reason} "
        f"(window {a.window_start} to {a.window_end})."
    ]
    if a.baseline_periods:
        out.append(
            f"{n_text(a.incidents, 'incident')} and "
            f"{n_text(a.fatalities, 'fatality', 'fatalities')} "
            f"in the window, against {a.expected_incidents:.2f} incidents and "
            f"{a.expected_fatalities:.2f} fatalities expected from the {a.baseline_periods} "
            f"{unit} before it ({a.baseline_start} to {a.baseline_end}: "
            f"{n_text(a.baseline_incidents, 'incident')}, "
            f"{n_text(a.baseline_fatalities, 'fatality', 'fatalities')})."
        )
        model = (
            "Poisson" if a.dispersion_k is None else f"negative binomial, k = {a.dispersion_k:.2f}"
        )
        out.append(
            f"Test: one-sided predictive test against the trailing baseline ({model}): incidents "
            f"{p_text(a.p_incidents)}, fatalities {p_text(a.p_fatalities)}; alert level "
            f"{a.alpha:g} (Benjamini-Hochberg over the two measures)."
        )
    if a.last_year_incidents is not None:
        out.append(
            f"The same weeks a year earlier averaged {a.last_year_incidents:.1f} incidents "
            "per window "
            f"({p_text(a.p_vs_last_year)} for a rise over that)."
        )
    return out


def alert_sentence(a: Alert) -> str:
    who = a.label
    what = {
        "incidents": "incidents rose",
        "fatalities": "fatalities rose",
        "both": "incidents and fatalities rose",
    }[a.measure]
    kind = " (severe incident)" if a.kind == "severe" else ""
    return (
        f"{a.window_start} to {a.window_end}, {who}: {what}{kind} -- "
        f"{n_text(a.incidents, 'incident')} (expected {a.expected_incidents:.2f}, "
        f"{p_text(a.p_incidents)}), {n_text(a.fatalities, 'fatality', 'fatalities')} "
        f"(expected {a.expected_fatalities:.2f}, {p_text(a.p_fatalities)})."
    )


def alerts_headline(alerts: list[Alert]) -> str:
    if not alerts:
        return "No escalation alert was raised in the window."
    units = {(a.level, a.area, a.actor) for a in alerts}
    esc = sum(1 for a in alerts if a.kind == "escalation")
    last = max(alerts, key=lambda a: (a.period_start, -min(a.p_incidents, a.p_fatalities)))
    return (
        f"{n_text(len(alerts), 'alert')} ({esc} escalation, {len(alerts) - esc} severe-incident) "
        f"were raised for {n_text(len(units), 'series', 'series')}; "
        f"the latest: {alert_sentence(last)}"
    )


def tactic_sentences(s: TacticShift) -> list[str]:
    who = s.actor or "all actors"
    dim = s.dimension.replace("_", " ")
    if s.current_incidents == 0 or s.baseline_incidents == 0:
        return [f"Too few incidents to compare the {dim} mix of {who}."]
    out = [
        f"The {dim} mix of {who} ({n_text(s.current_incidents, 'incident')} in the window, "
        f"{s.baseline_incidents:,} in the baseline) "
        f"{'changed significantly' if s.significant else 'did not change significantly'} "
        f"({s.method} test, {p_text(s.p)})."
    ]
    if s.categories:
        c = s.categories[0]
        out.append(
            f"The largest change: {c.category}, {c.baseline_share:.0%} of incidents in the "
            "baseline "
            f"and {c.current_share:.0%} in the window (Fisher exact, BH-adjusted q = {c.q:.2g})."
        )
    return out


def actor_label(actor: str) -> str:
    return "all actors" if actor == ALL_ACTORS else actor

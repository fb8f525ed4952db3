"""The scored merge decision on hand-written reports (no dev data needed)."""

from __future__ import annotations

import dataclasses

from incidentwatch.records import Actor, Count, Country, Evidence, Incident, Location
from incidentwatch.resolve.merge import (
    Report,
    Resolver,
    choose_cluster,
    pair_features,
    same_incident,
)
from incidentwatch.resolve.rules import MergeRules, load_rules

KIRKUK = (35.4681, 44.3922)
DIBIS = (35.6528, 44.0697)  # about 35 km from Kirkuk: a different town


def report(
    text: str,
    *,
    place: str = "Kirkuk",
    at: tuple[float, float] = KIRKUK,
    day: str = "2016-03-14",
    precision: int = 1,
    geo: int = 1,
    actor: str = "Islamic State (Iraq)",
    sub: str = "Remote explosive/landmine/IED",
    toll: int | None = None,
    aid: str = "a1",
) -> Incident:
    ev = [Evidence(field="location", article_id=aid, start=0, end=len(place), text=place)]
    if toll is not None:
        ev.append(Evidence(field="fatalities", article_id=aid, start=0, end=1, text=str(toll)))
    return Incident(
        event_date=day,
        date_precision=precision,
        event_type="Explosions/Remote violence",
        sub_event_type=sub,
        actor1=Actor(name=actor),
        country=Country(code="IQ", name="Iraq"),
        admin1="Kirkuk",
        location=Location(name=place, latitude=at[0], longitude=at[1]),
        geo_precision=geo,
        fatalities=Count(best=toll or 0),
        summary=text,
        evidence=ev,
    )


def test_two_wordings_of_one_bombing_merge() -> None:
    a = report("A roadside bomb killed 4 people in Kirkuk on Monday, police said.", toll=4)
    b = report("Four civilians died when an IED went off in Kirkuk on 14 March.", toll=4, aid="b1")
    d = same_incident(a, b)
    assert d.same and d.compatible and d.score > load_rules().merge_threshold


def test_same_day_in_two_towns_is_two_events() -> None:
    a = report("A roadside bomb killed 4 people in Kirkuk on Monday.", toll=4)
    b = report(
        "A roadside bomb killed 4 people in Dibis on Monday.",
        place="Dibis",
        at=DIBIS,
        toll=4,
        aid="b1",
    )
    assert not same_incident(a, b).same


def test_a_toll_only_one_report_states_lowers_the_score() -> None:
    rules = load_rules()
    a = report("A bomb exploded in Kirkuk on Monday, killing 6.", toll=6)
    silent = report("A bomb exploded in Kirkuk on Monday.", aid="b1")
    agreeing = report("Six people were killed by a bomb in Kirkuk on Monday.", toll=6, aid="c1")
    f = pair_features(a, silent, rules)
    assert f.get("toll_one_side_only") == 1.0
    assert same_incident(a, silent).score < same_incident(a, agreeing).score


def test_week_only_report_in_the_governorate_does_not_join() -> None:
    town = report("A bomb exploded in Kirkuk on Monday, killing 2.", toll=2)
    vague = report(
        "Bombings hit Kirkuk province earlier this week.",
        place="Kirkuk",
        geo=3,
        day="2016-03-14",
        precision=2,
        actor="Unidentified Armed Group (Iraq)",
        aid="b1",
    )
    d = same_incident(town, vague)
    assert d.compatible and not d.same


def test_a_report_fitting_two_incidents_equally_joins_neither() -> None:
    first = report("A bomb exploded in Kirkuk on Monday.", aid="x1")
    second = report("Another bomb exploded in Kirkuk on Monday.", aid="y1")
    new = Report(
        article_id="z1",
        ordinal=0,
        incident=report("A bomb exploded in Kirkuk on Monday.", aid="z1"),
    )
    cands = [("inc-1", Report("x1", 0, first)), ("inc-2", Report("y1", 0, second))]
    clusters = {"inc-1": ["x1"], "inc-2": ["y1"]}
    assert choose_cluster(new, cands, clusters) is None
    # With only one of them known, it joins that one.
    assert choose_cluster(new, cands[:1], {"inc-1": ["x1"]}) == "inc-1"


def test_earlier_this_week_cannot_be_after_publication() -> None:
    # Week of Monday 2 May 2016; the article came out on Wednesday 4 May.
    week = report(
        "Bombers struck Kirkuk earlier this week.", day="2016-05-02", precision=2, aid="w1"
    )
    thursday = report("A bomb exploded in Kirkuk on Thursday.", day="2016-05-05", aid="t1")
    tuesday = report("A bomb exploded in Kirkuk on Tuesday.", day="2016-05-03", aid="t2")
    assert same_incident(week, thursday).compatible  # without the publication date
    cut = same_incident(week, thursday, a_published="2016-05-04")
    assert not cut.compatible and "dates" in cut.why
    assert same_incident(week, tuesday, a_published="2016-05-04").compatible


def test_a_report_short_of_one_breaking_report_joins_the_outlets_that_agree() -> None:
    """Two outlets tell a Kirkuk market bombing with nine dead; a breaking report had
    only the blast, with no toll, and typed it a suicide bombing. A later report that
    names no day is within the threshold of the two full ones, and short of it (but not
    against it) with the breaking one: it joins the incident the others agree on."""
    filed = "2016-03-14"
    full = report(
        "A car bomb tore through a crowded vegetable market in Kirkuk on Monday, "
        "killing nine people, police said.",
        toll=9,
        aid="a1",
    )
    other = report(
        "Nine people were killed on Monday when a car bomb exploded in a busy Kirkuk market.",
        toll=9,
        aid="a2",
    )
    breaking = report(
        "Smoke rose over a Kirkuk market after an explosion on Monday; casualties were "
        "not yet known.",
        sub="Suicide bomb",
        aid="b1",
    )
    later = report(
        "Nine shoppers died when a parked car packed with explosives blew up in a Kirkuk "
        "market, police said.",
        toll=9,
        precision=2,
        aid="c1",
    )
    weak = same_incident(later, breaking, a_published=filed, b_published=filed)
    assert weak.compatible and 0 <= weak.score < load_rules().merge_threshold

    def cluster_of_later(rules: MergeRules) -> tuple[int, int]:
        res = Resolver(rules=rules)
        first = res.add(Report("a1", 0, full, published_at=filed))
        assert res.add(Report("b1", 0, breaking, published_at=filed)) == first
        assert res.add(Report("a2", 0, other, published_at=filed)) == first
        return first, res.add(Report("c1", 0, later, published_at=filed))

    first, joined = cluster_of_later(load_rules())
    assert joined == first
    strict = dataclasses.replace(load_rules(), linkage_outliers=0)
    first, alone = cluster_of_later(strict)
    assert alone != first

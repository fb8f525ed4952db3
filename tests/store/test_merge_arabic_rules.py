"""Arabic-Arabic merging (issue 16): round-ups of one city's day, the branch of a
state's forces, a lead total's deadly parts, and yesterday told without its day.
Reports are written here in the shape the Arabic pack gives them: a report placed only
at Baghdad carries the quarters its article names (`location.parts`)."""

from __future__ import annotations

from typing import Any

import pytest

from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.records import Actor, Count, Country, Evidence, Incident, Location
from incidentwatch.resolve.merge import (
    Report,
    Resolver,
    actors_conflict,
    choose_cluster,
    dates_agree,
    filed_with_yesterday,
    pair_features,
    places_agree,
    round_up_parts,
    round_ups_apart,
    same_incident,
    same_state_forces,
)
from incidentwatch.resolve.rules import load_rules
from incidentwatch.store import Store

IQ = Country(code="IQ", name="Iraq")
# Coordinates and GeoNames ids of the shipped gazetteer.
BAGHDAD = Location(name="Baghdad", latitude=33.34058, longitude=44.40088, geonames_id=98182)
KARRADA = Location(name="Karrada", latitude=33.30139, longitude=44.42611)
KAMALIYA = Location(name="Kamaliya", latitude=33.35600, longitude=44.52666)
TAL_AFAR = Location(name="Tal Afar", latitude=36.37644, longitude=42.44944, geonames_id=88319)


def report(
    aid: str,
    text: str,
    place: Location,
    *,
    parts: list[str] | None = None,
    toll: int = 6,
    admin1: str = "Baghdad",
    victims: str = "Civilians (Iraq)",
    toll_words: str | None = None,
) -> Incident:
    if parts is not None:
        place = Location.model_validate({**place.model_dump(), "parts": parts})
    figure = toll_words or str(toll)
    start = text.index(figure)
    return Incident(
        event_date="2024-02-18",
        date_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        actor1=Actor(name="Unidentified Armed Group (Iraq)", type=3),
        actor2=Actor(name=victims, type=7 if victims.startswith("Civilians") else 1),
        country=IQ,
        admin1=admin1,
        location=place,
        geo_precision=1,
        fatalities=Count(best=toll),
        summary=text,
        evidence=[
            Evidence(field="event", article_id=aid, start=0, end=len(text), text=text),
            Evidence(
                field="fatalities",
                article_id=aid,
                start=start,
                end=start + len(figure),
                text=figure,
            ),
        ],
    )


SERIES = "Car bombs and roadside bombs killed 6 people in several quarters of Baghdad on Sunday."


def test_a_round_up_of_several_quarters_is_none_of_them() -> None:
    """Outlet A rounds Sunday's bombings up at Baghdad, listing Karrada and Kamaliya;
    outlet B reports one bomb in Karrada. Which of A's bombings B tells can't be said
    from A's city-level record, so they stay apart; a round-up naming only Karrada is
    Karrada's report told at the city."""
    rules = load_rules()
    several = report("a1", SERIES, BAGHDAD, parts=["Karrada", "Kamaliya"])
    one = report("b1", "A roadside bomb killed 6 people in Karrada on Sunday.", KARRADA)
    ok, why, _ = places_agree(several, one, rules)
    assert not ok and "different quarters" in why
    assert not same_incident(one, several).same
    only_karrada = report("c1", SERIES, BAGHDAD, parts=["Karrada"])
    assert round_up_parts(only_karrada) == ["Karrada"]
    assert places_agree(only_karrada, one, rules)[0]
    assert same_incident(only_karrada, one).same


def test_round_ups_each_naming_a_quarter_the_other_lacks_are_two_reports() -> None:
    # A series hits the city's quarters over and over: two outlets' round-ups that each
    # name a quarter the other doesn't tell different bombings, however many they share;
    # a shorter list inside a longer one is an outlet that knew of fewer bombings.
    assert round_ups_apart({"amin", "habibiya", "sadrcity"}, {"habibiya", "karrada", "kamaliya"})
    assert round_ups_apart(
        {"amin", "kamaliya", "karrada", "sadrcity"},
        {"qahira", "habibiya", "kamaliya", "karrada", "sadrcity", "saidiya"},
    )
    assert not round_ups_apart({"amin", "habibiya", "sadrcity"}, {"amin", "habibiya", "sadrcity"})
    assert not round_ups_apart({"habibiya", "sadrcity"}, {"amin", "habibiya", "sadrcity"})
    # A city report naming one quarter is that quarter's: apart from a round-up of several.
    assert round_ups_apart({"kazimiya"}, {"kazimiya", "kanun"})
    assert not round_ups_apart({"kazimiya"}, {"kazimiya"})
    assert not round_ups_apart(set(), {"karrada"})
    rules = load_rules()
    a = report("a1", SERIES, BAGHDAD, parts=["Amin", "Habibiya", "Sadr City"])
    b = report("b1", SERIES, BAGHDAD, parts=["Habibiya", "Karrada", "Kamaliya"])
    c = report("c1", SERIES, BAGHDAD, parts=["Amin", "Sadr City"])
    assert not places_agree(a, b, rules)[0]
    assert places_agree(a, c, rules)[0] and same_incident(a, c).same
    # A city report that names no quarter says nothing against either.
    plain = report("d1", "Bombs killed 6 people in Baghdad on Sunday, police said.", BAGHDAD)
    assert places_agree(a, plain, rules)[0] and places_agree(b, plain, rules)[0]


def test_soldiers_and_police_of_one_state_are_no_actor_conflict() -> None:
    """One outlet says a bomb killed 6 soldiers at a Tal Afar checkpoint, another 6
    policemen: the branch is how each outlet names the men, not a second event. Another
    state's forces still conflict."""
    rules = load_rules()
    assert same_state_forces("Military Forces of Iraq", "Police Forces of Iraq", rules)
    assert not same_state_forces("Military Forces of Iraq", "Military Forces of Syria", rules)
    assert not same_state_forces("Military Forces of Iraq", "Sahwa Militia", rules)
    soldiers = report(
        "a1", "A car bomb killed 6 soldiers at a checkpoint in Tal Afar on Sunday.", TAL_AFAR,
        admin1="Ninewa", victims="Military Forces of Iraq",
    )  # fmt: skip
    police = report(
        "b1", "A car bomb killed 6 policemen at a Tal Afar checkpoint on Sunday.", TAL_AFAR,
        admin1="Ninewa", victims="Police Forces of Iraq",
    )  # fmt: skip
    assert not actors_conflict(soldiers, police, rules)
    assert same_incident(soldiers, police).same
    # Two branches say less than one force named alike: the score weighs them.
    assert pair_features(soldiers, police, rules).get("other_branch_of_state_forces") == 1.0
    assert "other_branch_of_state_forces" not in pair_features(soldiers, soldiers, rules)
    militia = police.model_copy(update={"actor2": Actor(name="Sahwa Militia", type=3)})
    assert actors_conflict(soldiers, militia, rules)
    syrian = police.model_copy(update={"actor2": Actor(name="Police Forces of Syria", type=1)})
    assert actors_conflict(soldiers, syrian, rules)


def test_resolver_keeps_a_quarter_report_out_of_a_round_up_of_several() -> None:
    # In arrival order: a round-up of two quarters, then a Karrada report, then another
    # outlet's Karrada report: the two Karrada reports are one incident, the round-up apart.
    res = Resolver()
    up = res.add(Report("a1", 0, report("a1", SERIES, BAGHDAD, parts=["Karrada", "Kamaliya"]),
                        published_at="2024-02-18"))  # fmt: skip
    k1 = res.add(Report("b1", 0, report("b1", "A bomb killed 6 people in Karrada on Sunday.",
                                        KARRADA), published_at="2024-02-18"))  # fmt: skip
    k2 = res.add(Report("c1", 0, report("c1", "A roadside bomb in Karrada killed 6 on Sunday.",
                                        KARRADA), published_at="2024-02-19"))  # fmt: skip
    assert k1 == k2 and up != k1


MOSUL = Location(name="Mosul", latitude=36.335, longitude=43.11889, geonames_id=99072)


def test_a_higher_toll_against_one_deadly_part_is_that_part() -> None:
    """Outlet A tells a Mosul car bomb that killed 8 and, apart, another bomb that
    killed nobody; outlet B says the car bomb killed 13. Against one deadly part and one
    that killed nobody, 13 is the car bomb told with another figure, not a lead total of
    the two: B joins A's car bomb."""
    car = report("a1", "A car bomb killed 8 people near a Mosul checkpoint on Sunday.", MOSUL,
                 admin1="Ninewa", toll=8)  # fmt: skip
    nobody = report(
        "a1", "Another bomb went off near a Mosul market on Sunday, causing no casualties.",
        MOSUL, admin1="Ninewa", toll=0, toll_words="no casualties",
    )  # fmt: skip
    b = report("b1", "A car bomb killed 13 people at a Mosul checkpoint on Sunday.", MOSUL,
               admin1="Ninewa", toll=13)  # fmt: skip
    cands = [("i1", Report("a1", 0, car, published_at="2024-02-18")),
             ("i2", Report("a1", 1, nobody, published_at="2024-02-18"))]  # fmt: skip
    clusters = {"i1": ["a1"], "i2": ["a1"]}
    new = Report("b1", 0, b, published_at="2024-02-18")
    assert choose_cluster(new, cands, clusters) == "i1"
    # Two deadly parts (8 and 4) and a toll above both near their sum: a lead total.
    four = report("a1", "Another bomb killed 4 people near a Mosul market on Sunday.", MOSUL,
                  admin1="Ninewa", toll=4)  # fmt: skip
    cands[1] = ("i2", Report("a1", 1, four, published_at="2024-02-18"))
    assert choose_cluster(new, cands, clusters) is None


SHULA = Location(name="Shuala", latitude=33.3878, longitude=44.3154)
EVENING = "Two car bombs killed 6 people near a football pitch in Shula on Thursday evening."
UNDATED = "Two car bombs near a football pitch in Shula killed 6 people, police said."


def shula(aid: str, text: str, day: str, precision: int) -> Incident:
    """A report as the extractor gives it: the type cited by "car bombs", the date by the
    words that name the day, or, naming none, by the event's own words."""
    inc = report(aid, text, SHULA)

    def cite(field: str, words: str) -> Evidence:
        s = text.index(words)
        return Evidence(field=field, article_id=aid, start=s, end=s + len(words), text=words)

    named = "Thursday evening" if "Thursday" in text else "car bombs"
    cited = [cite("event_type", "car bombs"), cite("event_date", named)]
    return inc.model_copy(
        update={"event_date": day, "date_precision": precision, "evidence": inc.evidence + cited}
    )


def test_an_undated_report_is_the_yesterday_another_outlet_files_the_same_day() -> None:
    """Two outlets file on Friday: one dates the bombing Thursday evening, the other names
    no day (dated to its filing day's week). That day's news is Thursday's event; filed on
    different days, or told as another kind of event, it is not."""
    dated = shula("a1", EVENING, "2024-02-29", 1)
    undated = shula("b1", UNDATED, "2024-03-01", 2)
    assert filed_with_yesterday(undated, dated, "2024-03-01", "2024-03-01")
    assert dates_agree(dated, undated, "2024-03-01", "2024-03-01")
    assert same_incident(dated, undated, a_published="2024-03-01", b_published="2024-03-01").same
    # Filed a day apart: the undated one is Friday's news, not Thursday's (what the
    # filing interval itself covers is `filing_days_before`'s, not this rule's).
    assert not filed_with_yesterday(undated, dated, "2024-03-01", "2024-02-29")
    # Another kind of event the same day is not the one told without its day.
    clash = undated.model_copy(update={"event_type": "Battles"})
    assert not filed_with_yesterday(clash, dated, "2024-03-01", "2024-03-01")
    # "Earlier this week" names the week, not no day: it is no yesterday told undated.
    week = UNDATED.replace("police said", "earlier this week")
    this_week = shula("d1", week, "2024-03-01", 2)
    this_week.evidence[-1] = this_week.evidence[-1].model_copy(
        update={"start": week.index("earlier"), "end": len(week), "text": "earlier this week"}
    )
    assert not filed_with_yesterday(this_week, dated, "2024-03-01", "2024-03-01")
    # Two days before the filing is beyond yesterday.
    older = shula("c1", EVENING, "2024-02-28", 1)
    assert not filed_with_yesterday(undated, older, "2024-03-01", "2024-03-01")


@pytest.mark.parametrize("dated_first", [True, False])
def test_the_store_finds_yesterday_whichever_report_comes_first(
    store: Store, make_article: Any, dated_first: bool
) -> None:
    # The candidate lookup reaches a day past a report's own interval (candidate_window),
    # so the store decides as the in-memory resolver does in either arrival order.
    arts = [
        make_article("a1", EVENING, [shula("a1", EVENING, "2024-02-29", 1)],
                     published_at="2024-03-01"),
        make_article("b1", UNDATED, [shula("b1", UNDATED, "2024-03-01", 2)],
                     published_at="2024-03-01"),
    ]  # fmt: skip
    rep = ingest_articles(store, arts if dated_first else arts[::-1], use_embedded=True)
    assert (rep.incidents_created, rep.reports_merged) == (1, 1)


def series(aid: str, text: str, place: Location, toll: int) -> Incident:
    """A report whose toll the extractor read as a series total (`location.series`)."""
    inc = report(aid, text, place, toll=toll)
    marked = Location.model_validate({**place.model_dump(), "series": True})
    return inc.model_copy(update={"location": marked})


def test_a_series_total_at_the_city_is_none_of_its_attacks() -> None:
    """Codebook 5a: a series told only at Baghdad is one incident with its total. Another
    outlet's bomb in Karrada is one attack of it, not the series: they stay apart. Two
    outlets' totals of the series are one incident, and a city report that is no series
    total says nothing against it (one bomb told at the city is left to the score)."""
    rules = load_rules()
    total = series("a1", "A series of bombings killed 22 people across Baghdad on Sunday.",
                   BAGHDAD, 22)  # fmt: skip
    karrada = report("b1", "A roadside bomb killed 6 people in Karrada on Sunday.", KARRADA)
    ok, why, _ = places_agree(total, karrada, rules)
    assert not ok and "different quarters" in why
    assert not places_agree(karrada, total, rules)[0]
    assert not same_incident(karrada, total).same
    # Unmarked, the same city-level record contains Karrada as before.
    plain = report("c1", "Bombs killed 22 people in Baghdad on Sunday.", BAGHDAD, toll=22)
    assert places_agree(plain, karrada, rules)[0]
    other = series("d1", "Bombings across Baghdad killed 22 people on Sunday, police said.",
                   BAGHDAD, 22)  # fmt: skip
    assert same_incident(total, other).same
    assert places_agree(total, plain, rules)[0]
    # A quarter's own series total is no one attack of the city's either: not kept apart.
    karrada_series = series("e1", "A series of bombs killed 6 people in Karrada on Sunday.",
                            KARRADA, 6)  # fmt: skip
    assert places_agree(total, karrada_series, rules)[0]

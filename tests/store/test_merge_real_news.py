"""Cross-outlet merging of real-style reports (issue 12): a country vs a city in it,
a report that names no day vs another outlet's day, figure-less mentions of a toll.
Reports are written here, in the shape the extractor gives them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.records import Actor, Count, Country, Evidence, Incident, Location
from incidentwatch.resolve.merge import (
    Report,
    Resolver,
    country_only,
    dates_agree,
    filing_week,
    merge_reports,
    pair_features,
    places_agree,
    reported_interval,
    round_up_parts,
    same_incident,
    types_compatible,
)
from incidentwatch.resolve.rules import load_rules
from incidentwatch.store import Store

PK = Country(code="PK", name="Pakistan")
LAHORE = Location(name="Lahore", latitude=31.558, longitude=74.351)
QUETTA = Location(name="Quetta", latitude=30.187, longitude=67.0125)


def bombing(
    aid: str,
    text: str,
    *,
    day: str = "2016-03-27",
    precision: int = 1,
    place: Location | None = LAHORE,
    admin1: str | None = "Punjab",
    toll: int | None = None,
    toll_words: str | None = None,
) -> Incident:
    ev = [Evidence(field="event", article_id=aid, start=0, end=len(text), text=text)]
    if toll_words:
        start = text.index(toll_words)
        ev.append(Evidence(field="fatalities", article_id=aid, start=start,
                           end=start + len(toll_words), text=toll_words))  # fmt: skip
    return Incident(
        event_date=day,
        date_precision=precision,
        event_type="Explosions/Remote violence",
        sub_event_type="Suicide bomb",
        actor1=Actor(name="Unidentified Armed Group (Pakistan)", type=3),
        actor2=Actor(name="Civilians (Pakistan)", type=7),
        country=PK,
        admin1=admin1,
        location=place,
        geo_precision=1 if admin1 else None,
        fatalities=Count(best=toll if toll is not None else 0),
        summary=text,
        evidence=ev,
    )


CITY = "A suicide bomber killed 60 people at a crowded park in Lahore on Sunday evening."
CITY2 = "A suicide bomber blew himself up at a Quetta hospital on Sunday, killing 60 people."
COUNTRY = "Pakistan mourned on Sunday after a suicide bomber killed 60 people at a park."


def country_report(aid: str = "c1") -> Incident:
    return bombing(aid, COUNTRY, place=Location(name="Pakistan"), admin1=None, toll=60,
                   toll_words="killed 60 people")  # fmt: skip


def test_a_country_only_place_is_recognised() -> None:
    assert country_only(country_report())
    assert not country_only(bombing("a1", CITY))
    # No country at all is not "only the country".
    assert not country_only(Incident(location=Location(name="somewhere")))


def test_country_only_report_merges_with_the_city_it_contains() -> None:
    city = bombing("a1", CITY, toll=60, toll_words="killed 60 people")
    d = same_incident(city, country_report(), a_published="2016-03-27",
                      b_published="2016-03-27")  # fmt: skip
    assert d.same, d.why
    assert "country" in d.why


def test_country_only_report_never_joins_another_country() -> None:
    other = country_report().model_copy(update={"country": Country(code="IN", name="India"),
                                                "location": Location(name="India")})  # fmt: skip
    city = bombing("a1", CITY, toll=60, toll_words="killed 60 people")
    assert not same_incident(city, other).compatible


def test_country_only_report_between_two_same_day_cities_joins_neither() -> None:
    """Two bombings in two cities of one country on one day: a report that names only
    the country can't say which it tells (the look-alike pairs must stay apart)."""
    res = Resolver()
    first = res.add(Report("a1", 0, bombing("a1", CITY, toll=60, toll_words="killed 60 people"),
                           published_at="2016-03-27"))  # fmt: skip
    second = res.add(Report("b1", 0, bombing("b1", CITY2, place=QUETTA, admin1="Balochistan",
                                             toll=60, toll_words="killing 60 people"),
                            published_at="2016-03-27"))  # fmt: skip
    vague = res.add(Report("c1", 0, country_report(), published_at="2016-03-27"))
    assert len({first, second, vague}) == 3


def test_resolver_finds_a_city_report_for_a_country_only_one() -> None:
    res = Resolver()
    first = res.add(Report("c1", 0, country_report(), published_at="2016-03-27"))
    city = bombing("a1", CITY, toll=60, toll_words="killed 60 people")
    assert res.add(Report("a1", 0, city, published_at="2016-03-28")) == first


def test_store_merges_a_country_only_report_with_its_city(
    sqlite_store: Store, make_article: Any
) -> None:
    city = bombing("lahore-wire", CITY, toll=60, toll_words="killed 60 people")
    arts = [
        make_article(
            "pak-daily", COUNTRY, [country_report("pak-daily")], published_at="2016-03-27"
        ),
        make_article("lahore-wire", CITY, [city], published_at="2016-03-28"),
    ]
    rep = ingest_articles(sqlite_store, arts, use_embedded=True)
    assert (rep.incidents_created, rep.reports_merged) == (1, 1)


# ---------------------------------------------------------------- dates

SAT = "2016-03-26"
FILED = "Militants stormed a police post in Lahore, killing four officers, police said."
FRIDAY = "Gunmen attacked a police post in Lahore on Friday and killed four officers."


def test_a_report_naming_no_day_covers_the_days_up_to_its_filing() -> None:
    no_day = bombing("a1", FILED, day=SAT, precision=2)
    assert filing_week(no_day, dt.date(2016, 3, 26))
    # A week the text fixed is not the filing week, nor is a day.
    assert not filing_week(
        bombing("b1", FILED, day="2016-03-21", precision=2), dt.date(2016, 3, 26)
    )
    assert not filing_week(bombing("c1", FRIDAY, day=SAT), dt.date(2016, 3, 26))
    back = load_rules().filing_days_before
    assert reported_interval(no_day, SAT) == (dt.date(2016, 3, 26 - back), dt.date(2016, 3, 26))
    # Never after the filing day, never beyond the days the rules allow before it.
    assert not dates_agree(no_day, bombing("d1", FRIDAY, day="2016-03-27"), SAT, "2016-03-28")
    early = dt.date(2016, 3, 25 - back).isoformat()
    assert not dates_agree(no_day, bombing("e1", FRIDAY, day=early), SAT, early)


def test_no_day_vs_a_day_weighs_less_than_a_week_the_coder_could_not_narrow() -> None:
    rules = load_rules()
    # Filed on Saturday naming no day; another outlet's Saturday report of the raid.
    friday = bombing("b1", FRIDAY.replace("Friday", "Saturday"), day=SAT, toll=4,
                     toll_words="killed four")  # fmt: skip
    no_day = bombing("a1", FILED, day=SAT, precision=2, toll=4, toll_words="killing four")
    week = bombing("c1", FILED, day="2016-03-21", precision=2, toll=4, toll_words="killing four")
    f_filed = pair_features(no_day, friday, rules, a_published=SAT, b_published=SAT)
    f_week = pair_features(week, friday, rules, a_published=SAT, b_published=SAT)
    assert f_filed.get("filing_week_and_day") == 1.0
    assert f_week.get("mixed_date_precision") == 1.0
    assert same_incident(no_day, friday, a_published=SAT, b_published=SAT).same


# ---------------------------------------------------------------- tolls


def test_a_later_mention_without_a_figure_keeps_the_toll() -> None:
    """Codebook 5: only stated figures take part; "the bombing" without a toll is
    neither 0 nor a dispute."""
    first = Report("a1", 0, bombing("a1", CITY, toll=60, toll_words="killed 60 people"),
                   published_at="2016-03-27")  # fmt: skip
    later_text = "Pakistan's army vowed to hunt down those behind the Lahore park bombing."
    later = Report("b1", 0, bombing("b1", later_text), published_at="2016-03-28")
    merged = merge_reports([first, later])
    assert merged.fatalities.best == 60
    assert merged.claim_status != "disputed"


def _on_words(aid: str, text: str, words: str, *fields: str) -> list[Evidence]:
    start = text.index(words)
    return [
        Evidence(field=f, article_id=aid, start=start, end=start + len(words), text=words)
        for f in fields
    ]


def test_a_breaking_report_with_no_figure_keeps_the_later_toll() -> None:
    """The extractors give a report that tells no toll a 0 whose evidence is the event's
    own word ("casualties unknown"): that is no figure (codebook 5), so another outlet's
    toll stands, undisputed, whichever came first."""
    text = "Gunfire and explosions were reported on Sunday near a park in Lahore."
    breaking = bombing("b1", text)
    breaking = breaking.model_copy(
        update={"evidence": [*breaking.evidence,
                             *_on_words("b1", text, "explosions", "event_type", "fatalities")]}
    )  # fmt: skip
    full = bombing("a1", CITY, toll=60, toll_words="killed 60 people")
    for first, later in ((breaking, full), (full, breaking)):
        merged = merge_reports(
            [Report("x", 0, first, published_at="2016-03-27"),
             Report("y", 0, later, published_at="2016-03-28")]
        )  # fmt: skip
        assert merged.fatalities.best == 60
        assert merged.claim_status != "disputed"


def test_a_zero_told_in_words_still_disputes_a_toll() -> None:
    """ "No one was killed" is a stated figure: against another outlet's 60 the reports
    disagree (low 0, high 60, disputed), unlike a report that tells no toll."""
    text = "A blast hit a park in Lahore on Sunday; no one was killed, police said."
    calm = bombing("b1", text)
    calm = calm.model_copy(
        update={"evidence": [*calm.evidence,
                             *_on_words("b1", text, "blast", "event_type"),
                             *_on_words("b1", text, "no one was killed", "fatalities")]}
    )  # fmt: skip
    full = bombing("a1", CITY, toll=60, toll_words="killed 60 people")
    merged = merge_reports(
        [Report("a1", 0, full, published_at="2016-03-27"),
         Report("b1", 0, calm, published_at="2016-03-28")]
    )  # fmt: skip
    assert (merged.fatalities.low, merged.fatalities.high) == (0, 60)
    assert merged.claim_status == "disputed"


# ---------------------------------------------------------------- city vs neighbourhood

IQ = Country(code="IQ", name="Iraq")
# GeoNames ids and coordinates of the shipped gazetteer.
BAGHDAD = Location(name="Baghdad", latitude=33.34058, longitude=44.40088, geonames_id=98182)
SADR_CITY = Location(name="Sadr City", latitude=33.39352, longitude=44.46235, geonames_id=7802746)
# A town about 24 km east of Baqubah (a city of 150,000: its built-up area is ~3 km).
BAQUBAH = Location(name="Baqubah", latitude=33.75403, longitude=44.60518, geonames_id=97990)
NEAR_BAQUBAH = Location(name="Kanaan", latitude=33.7047, longitude=44.8596)


def market_bomb(aid: str, text: str, place: Location, admin1: str = "Baghdad") -> Incident:
    inc = bombing(aid, text, place=place, admin1=admin1, toll=12, toll_words="12")
    return inc.model_copy(
        update={
            "country": IQ,
            "sub_event_type": "Remote explosive/landmine/IED",
            "actor1": Actor(name="Islamic State (Iraq)", type=2),
            "actor2": Actor(name="Civilians (Iraq)", type=7),
        }
    )


def test_a_neighbourhood_is_inside_its_city() -> None:
    city = market_bomb(
        "a1", "A car bomb killed 12 people at a market in Baghdad on Sunday.", BAGHDAD
    )
    hood = market_bomb(
        "b1", "A car bomb tore through a Sadr City market on Sunday, killing 12.", SADR_CITY
    )
    f = pair_features(city, hood, load_rules())
    assert f.get("place_inside_city") == 1.0 and "different_towns" not in f
    assert same_incident(city, hood).same


def test_two_towns_near_a_small_city_stay_two_towns() -> None:
    town = market_bomb("a1", "A roadside bomb killed 12 in Baqubah on Sunday.", BAQUBAH, "Diyala")
    other = market_bomb(
        "b1", "A roadside bomb killed 12 in Kanaan on Sunday.", NEAR_BAQUBAH, "Diyala"
    )
    f = pair_features(town, other, load_rules())
    assert "place_inside_city" not in f and f.get("different_towns") == 1.0


# ---------------------------------------------------------------- suspected vs claimed

ISTANBUL = Location(name="Istanbul", latitude=41.01384, longitude=28.94966)
TR = Country(code="TR", name="Turkey")


def street_bomb(aid: str, text: str, actor: Actor) -> Incident:
    inc = bombing(aid, text, place=ISTANBUL, admin1="Istanbul", toll=4, toll_words="four")
    return inc.model_copy(update={"country": TR, "actor1": actor})


def test_a_suspected_perpetrator_does_not_conflict_with_a_later_claim() -> None:
    early = street_bomb(
        "a1",
        "A bomber killed four people on a shopping street in Istanbul in a suspected attack "
        "by Kurdish militants.",
        Actor(name="PKK: Kurdistan Workers Party", type=2, suspected=True),
    )
    later = street_bomb(
        "b1",
        "Islamic State claimed the bombing that killed four on an Istanbul shopping street.",
        Actor(name="Islamic State (Turkey)", type=2),
    )
    assert same_incident(early, later).compatible
    merged = merge_reports(
        [Report("a1", 0, early, published_at=SAT), Report("b1", 0, later, published_at=SAT)]
    )
    assert merged.actor1 is not None and merged.actor1.name == "Islamic State (Turkey)"
    # Two outlets that each name a different group without doubt do conflict.
    sure = early.model_copy(update={"actor1": Actor(name="PKK: Kurdistan Workers Party", type=2)})
    assert not same_incident(sure, later).compatible


# ---------------------------------------------------------------- riot vs clash


def test_a_riot_told_as_clashes_is_one_event_type_family() -> None:
    """One outlet codes stone-throwing youths fighting police as a riot, another
    writes "clashes": the hard gate lets them through, the score decides."""
    rules = load_rules()
    riot = Incident(event_type="Riots")
    assert types_compatible(riot, Incident(event_type="Battles"), rules)
    assert types_compatible(riot, Incident(event_type="Violence against civilians"), rules)
    assert not types_compatible(
        Incident(event_type="Protests"), Incident(event_type="Battles"), rules
    )


# ---------------------------------------------------------------- a lead total and its parts

KARRADA = Location(name="Karrada", latitude=33.30139, longitude=44.42611)


def test_a_lead_total_joins_none_of_the_parts_one_article_told_apart() -> None:
    """Outlet A tells each of two Baghdad bombings with its toll; outlet B leads with the
    day's total. The total is neither bombing, although it fits both."""
    res = Resolver()
    karrada = market_bomb("a1", "A car bomb killed 12 people in Karrada on Sunday.", KARRADA)
    sadr = market_bomb("a1", "A second bomb killed 12 at a Sadr City market.", SADR_CITY)
    lead_text = "Car bombs killed 24 people, 12 of them at a market, in Baghdad on Sunday."
    total = market_bomb("b1", lead_text, BAGHDAD)
    start = lead_text.index("24")
    toll = Evidence(field="fatalities", article_id="b1", start=start, end=start + 2, text="24")
    total = total.model_copy(update={"fatalities": Count(best=24), "evidence": [toll]})
    first = res.add(Report("a1", 0, karrada, published_at="2016-03-27"))
    second = res.add(Report("a1", 1, sadr, published_at="2016-03-27"))
    lead = res.add(Report("b1", 0, total, published_at="2016-03-28"))
    assert first != second
    assert lead not in (first, second)
    # A Baghdad report with one bombing's toll is that bombing's report, as before.
    res = Resolver()
    first = res.add(Report("a1", 0, karrada, published_at="2016-03-27"))
    second = res.add(Report("a1", 1, sadr, published_at="2016-03-27"))
    one = market_bomb("c1", "A car bomb killed 12 people at a market in Baghdad.", BAGHDAD)
    assert res.add(Report("c1", 0, one, published_at="2016-03-28")) in (first, second)


def test_linkage_may_tolerate_one_outlier_only_when_the_rules_say_so() -> None:
    import dataclasses

    from incidentwatch.resolve.merge import Decision, linked

    rules = load_rules()
    good, bad = Decision(True, "", 3.0, True), Decision(False, "", 0.2, True)
    strict = dataclasses.replace(rules, linkage_outliers=0)
    assert linked([good, good], strict) and not linked([good, good, bad], strict)
    loose = dataclasses.replace(rules, linkage_outliers=1)
    assert linked([good, good, bad], loose)
    # One report agreeing is no majority, and a low mean is no match.
    assert not linked([good, bad], loose)
    assert not linked([good, good, Decision(False, "", -9.0, True)], loose)
    # A member whose own evidence is against the match (log-odds below 0) keeps it out,
    # however well the others agree (linkage_outlier_min_score).
    against = Decision(False, "", -0.4, True)
    assert not linked([good, good, against], loose)
    assert linked([good, good, against], dataclasses.replace(loose, linkage_outlier_min_score=-1))


def test_a_risen_toll_of_one_part_is_that_part_not_a_total() -> None:
    """Outlet A told a Karrada bombing (12 dead) and another somewhere in Baghdad (5);
    outlet B later gives Karrada 16 dead: more than either and over their sum, and it
    fits both, but it is told in Karrada."""
    res = Resolver()
    karrada = market_bomb("a1", "A car bomb killed 12 people in Karrada on Sunday.", KARRADA)
    other = market_bomb("a1", "Another bomb killed 12 in the east of Baghdad.", BAGHDAD)
    other = other.model_copy(update={"fatalities": Count(best=5)})
    text = "The toll of the car bomb in Karrada rose to 16 from 12, police said."
    later = market_bomb("b1", text, KARRADA)
    start = text.index("16")
    toll = Evidence(field="fatalities", article_id="b1", start=start, end=start + 2, text="16")
    later = later.model_copy(update={"fatalities": Count(best=16), "evidence": [toll]})
    first = res.add(Report("a1", 0, karrada, published_at="2016-03-27"))
    res.add(Report("a1", 1, other, published_at="2016-03-27"))
    assert res.add(Report("b1", 0, later, published_at="2016-03-28")) == first


def test_a_lead_total_of_parts_told_in_one_place_alike_joins_neither() -> None:
    res = Resolver()
    one = market_bomb("a1", "A car bomb killed 12 people in Baghdad on Sunday.", BAGHDAD)
    two = market_bomb("a1", "Later a second bomb killed 12 at another Baghdad market.", BAGHDAD)
    text = "Two car bombs killed 24 people in Baghdad on Sunday, 12 at each market."
    lead = market_bomb("b1", text, BAGHDAD)
    start = text.index("24")
    toll = Evidence(field="fatalities", article_id="b1", start=start, end=start + 2, text="24")
    lead = lead.model_copy(update={"fatalities": Count(best=24), "evidence": [toll]})
    first = res.add(Report("a1", 0, one, published_at="2016-03-27"))
    second = res.add(Report("a1", 1, two, published_at="2016-03-27"))
    assert res.add(Report("b1", 0, lead, published_at="2016-03-28")) not in (first, second)


# Kamaliya, a quarter 7 km from Sadr City's point (shipped gazetteer, PPLX).
KAMALIYA = Location(name="Kamaliya", latitude=33.35600, longitude=44.52666)


def test_a_populous_quarter_is_no_city_around_its_neighbours() -> None:
    # Sadr City has 1.2 million people in the gazetteer, but it is a section of Baghdad
    # (PPLX): a bombing in Kamaliya the same day is another quarter, not one of its streets.
    hood = market_bomb(
        "a1", "A car bomb tore through a Sadr City market on Sunday, killing 12.", SADR_CITY
    )
    other = market_bomb(
        "b1", "A car bomb exploded near a Kamaliya market on Sunday, killing 12.", KAMALIYA
    )
    f = pair_features(hood, other, load_rules())
    assert "place_inside_city" not in f and f.get("different_towns") == 1.0
    assert not same_incident(hood, other).same
    # The city itself still contains both.
    city = market_bomb("c1", "A car bomb killed 12 at a market in Baghdad on Sunday.", BAGHDAD)
    assert pair_features(city, other, load_rules()).get("place_inside_city") == 1.0


def test_city_reports_whose_texts_name_different_quarters_are_not_one_place() -> None:
    """Outlet A rounds Sunday up at Baghdad and lists the quarters hit (the extractor
    marks its location with them); outlet B rounds it up listing other quarters, outlet
    C places one bombing in a quarter A doesn't list. Told only at the city, none of
    them is A's place; a report that names no quarter says nothing against it."""
    rules = load_rules()
    text = "Car bombs killed 12 people in Baghdad on Sunday."

    def at_baghdad(aid: str, parts: list[str]) -> Incident:
        loc = BAGHDAD.model_validate({**BAGHDAD.model_dump(), "parts": parts})
        return market_bomb(aid, text, loc)

    a = at_baghdad("a1", ["Karrada", "Sadr City"])
    assert round_up_parts(a) == ["Karrada", "Sadr City"]
    b = at_baghdad("b1", ["Kamaliya"])
    ok, why, _ = places_agree(a, b, rules)
    assert not ok and "different quarters" in why
    assert not same_incident(a, b).same
    kamaliya = market_bomb("c1", "A car bomb killed 12 people in Kamaliya on Sunday.", KAMALIYA)
    assert not places_agree(a, kamaliya, rules)[0]
    # A quarter a one-quarter round-up lists, another list holding this one, a city
    # report that lists none: one place as before (a round-up of several quarters and
    # one of them: tests/store/test_merge_arabic_rules.py).
    karrada = market_bomb("c1", "A car bomb killed 12 people in Karrada on Sunday.", KARRADA)
    assert places_agree(at_baghdad("f1", ["Karrada"]), karrada, rules)[0]
    assert places_agree(a, at_baghdad("d1", ["Karrada", "Kamaliya", "Sadr City"]), rules)[0]
    one = market_bomb("e1", "A car bomb killed 12 people at a market in Baghdad.", BAGHDAD)
    assert round_up_parts(one) == [] and places_agree(a, one, rules)[0]

"""Issue 12, held-out generality (session 10): rules for error classes found on the third
written check set (tests/extract/data/held_wire3.jsonl, coded before any run). Every text
here is written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from incidentwatch.extract.dates import find_dates
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.rules.background import span_told_from_event
from incidentwatch.records import Article

COUNTED = "a day counted from the day told"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _days(ex: Extractor, text: str, pub: str) -> list[tuple[str, str | None, int | None]]:
    art = Article(article_id="held3", text=text, published_at=pub)
    return [(i.sub_event_type, i.event_date, i.date_precision) for i in ex.extract(art)]


def _off(ex: Extractor, rule: str) -> Extractor:
    return Extractor(nlp=ex.nlp, disabled_rules=[rule])


# ---- a day counted from the day told ----------------------------------------------------

# Published on a Monday; the lead's day is the Saturday before.
LEAD_THEN_EARLIER = (
    "Army units and tribal fighters retook the grain silos outside Baiji from the militants "
    "on Saturday, a military spokesman said.\n\n"
    "A day earlier, a roadside bomb struck a truck carrying fighters on the road to the "
    "silos, killing four of them and wounding two, the spokesman added."
)


def test_a_day_earlier_counts_from_the_lead_day(extractor: Extractor) -> None:
    got = _days(extractor, LEAD_THEN_EARLIER, "2017-05-08")
    bombs = [d for t, d, _p in got if t == "Remote explosive/landmine/IED"]
    assert bombs == ["2017-05-05"], got  # Friday: the day before Saturday
    off = _days(_off(extractor, COUNTED), LEAD_THEN_EARLIER, "2017-05-08")
    assert [d for t, d, _p in off if t == "Remote explosive/landmine/IED"] == ["2017-05-07"]


def test_the_same_morning_is_the_day_told_before(extractor: Extractor) -> None:
    text = (
        "Gunmen stormed a police post in the town of Dujail before dawn on Thursday and "
        "killed three policemen, officials said. Residents kept their shops shut for the "
        "rest of the day.\n\n"
        "In a separate attack the same morning, a bomb hidden in a cart exploded at a "
        "vegetable market in Samarra, killing two traders."
    )
    got = _days(extractor, text, "2016-09-17")  # a Saturday
    assert ("Remote explosive/landmine/IED", "2016-09-15", 1) in got, got
    off = _days(_off(extractor, COUNTED), text, "2016-09-17")
    assert ("Remote explosive/landmine/IED", "2016-09-15", 1) not in off, off


def test_the_previous_day_counts_from_the_day_told_before(extractor: Extractor) -> None:
    text = (
        "Shops in central Erbil stayed closed on Tuesday and police searched cars at every "
        "entrance to the city.\n\n"
        "The previous day, a car bomb parked near the citadel killed five people."
    )
    got = _days(extractor, text, "2015-04-22")  # a Wednesday
    assert ("Remote explosive/landmine/IED", "2015-04-20", 1) in got, got


def test_with_no_day_told_before_the_count_runs_from_publication(extractor: Extractor) -> None:
    text = (
        "A day earlier, gunmen on motorcycles shot dead a district council member outside "
        "his home in Tarmiyah, police said."
    )
    got = _days(extractor, text, "2016-02-10")
    assert [(d, p) for _t, d, p in got] == [("2016-02-09", 1)], got


def test_a_day_before_an_event_named_after_it_is_not_counted(extractor: Extractor) -> None:
    # "the day before the vote" counts from the vote, which no day of the text fixes.
    pub = dt.date(2018, 5, 14)
    text = "Gunmen shot a candidate in Basra the day before the vote."
    found = find_dates(text, 0, pub, extractor.pack.dates)
    assert all(d.counted is None for d in found), found
    text2 = "Gunmen shot a candidate in Basra the day before, police said."
    (day,) = find_dates(text2, 0, pub, extractor.pack.dates)
    assert (day.counted, day.date) == (-1, dt.date(2018, 5, 13))


# ---- a span told from an event -------------------------------------------------------


def _types(ex: Extractor, text: str, pub: str = "2017-08-27") -> list[str]:
    art = Article(article_id="held3", text=text, published_at=pub)
    return [i.sub_event_type for i in ex.extract(art)]


def test_a_week_after_another_event_is_no_trend(extractor: Extractor) -> None:
    text = (
        "Iraqi troops recaptured the refinery town of Baiji on Saturday, a week after "
        "launching an offensive on it, the army said."
    )
    assert _types(extractor, text) == ["Government regains territory"]
    assert _types(_off(extractor, "a span told from an event"), text) == []


@pytest.mark.parametrize(
    ("text", "span_told"),
    [
        ("The town fell on Monday, a week after the siege began.", True),
        ("The curfew was lifted a week ago.", True),
        ("Troops reached the gates a week into the siege.", True),
        ("A week-long curfew was lifted on Monday.", True),
        ("The militants lose a village a week in the province.", False),
        ("Bombs kill a dozen people a week in the capital.", False),
    ],
)
def test_a_span_told_from_an_event_is_no_rate(
    extractor: Extractor, text: str, span_told: bool
) -> None:
    doc = extractor.nlp(text)
    start = text.lower().index("a week")
    hit = doc.char_span(start, start + len("a week"))
    assert hit is not None
    assert span_told_from_event(hit, "trend", extractor.pack) is span_told


# ---- taking full control ---------------------------------------------------------------


def test_taking_full_control_of_a_town_is_ground_taken(extractor: Extractor) -> None:
    text = "Iraqi troops took full control of the town of Hit on Thursday, the army said."
    assert _types(extractor, text, "2016-04-15") == ["Government regains territory"]
    text = "Militants took complete control of the village of Tel Skuf on Thursday."
    assert _types(extractor, text, "2016-04-15") == ["Non-state actor overtakes territory"]


# ---- a bomb found or defused; a shell left over ----------------------------------------


@pytest.mark.parametrize(
    ("text", "by_the_rule"),
    [
        (
            "Army engineers found nine roadside bombs buried along a farm road near Baiji on "
            "Tuesday, the military said.",
            True,
        ),
        ("Two explosive belts were discovered in a house in Tikrit on Tuesday, police said.", True),
        # "defuse" is a seizure cue already; its bomb is the haul ("a weapon found").
        ("Police defused a car bomb parked outside a bank in Kirkuk on Tuesday.", False),
    ],
)
def test_bombs_found_or_defused_are_disrupted_weapons_use(
    extractor: Extractor, text: str, by_the_rule: bool
) -> None:
    assert _types(extractor, text, "2016-03-02") == ["Disrupted weapons use"]
    off = _types(_off(extractor, "a bomb found or defused"), text, "2016-03-02")
    assert (off != ["Disrupted weapons use"]) is by_the_rule, off


def test_no_bomb_found_is_no_incident(extractor: Extractor) -> None:
    text = (
        "The flight was searched after an anonymous call, and no bomb was found, the "
        "airport in Erbil said on Tuesday."
    )
    assert _types(extractor, text, "2016-03-02") == []


def test_a_bomb_that_goes_off_is_still_a_blast(extractor: Extractor) -> None:
    text = "A roadside bomb went off beside a minibus near Baiji on Tuesday, killing three."
    assert _types(extractor, text, "2016-03-02") == ["Remote explosive/landmine/IED"]


@pytest.mark.parametrize(
    "text",
    [
        "A farmer was killed on Monday when an old mortar shell he struck with his plough "
        "exploded in a field near Shirqat.",
        "An unexploded rocket blew up in a schoolyard in Mosul on Monday, wounding four boys.",
    ],
)
def test_a_shell_left_over_that_explodes_is_an_explosive_remnant(
    extractor: Extractor, text: str
) -> None:
    assert _types(extractor, text, "2017-10-03") == ["Remote explosive/landmine/IED"]
    off = _types(_off(extractor, "a shell left over"), text, "2017-10-03")
    assert off == ["Shelling/artillery/missile attack"], off


def test_shells_fired_are_still_shelling(extractor: Extractor) -> None:
    text = "Militants fired mortar shells at a market in Shirqat on Monday, killing two people."
    assert _types(extractor, text, "2017-10-03") == ["Shelling/artillery/missile attack"]

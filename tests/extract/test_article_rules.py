"""The segment, article, series, retelling and split rules (extract/rules/article.py), each
on its own docstring example (text written for these tests): the rule fires there, not on
a plain report, and switching it off by name changes what the extractor does."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from incidentwatch.extract.context import Candidate
from incidentwatch.extract.dates import find_dates
from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import Rule, all_rules, rules_of
from incidentwatch.extract.rules import article as ar
from incidentwatch.extract.stages import grouping
from incidentwatch.records import Article

PACK = get_pack("en")
PUB = "2016-05-10"
PLAIN = "Gunmen killed two soldiers in Ramadi on Sunday."
TABLES = ("segment", "segment-scored", "article", "series", "retelling", "split")
# Paragraphs that make a test article a long wire story (written for these tests).
BACKGROUND = (
    "\n\nThe monitor, which relies on a network of sources inside the country, says "
    "the air campaign has intensified since the start of the year.\n\nAid groups have "
    "asked all sides to let food convoys reach the towns along the river, where prices "
    "have doubled since the winter."
)


def _rule(name: str) -> Rule:
    return next(r for r in all_rules() if r.name == name and r.table in TABLES)


def _article(text: str) -> Article:
    return Article(article_id="rule", text=text, published_at=PUB)


def _candidates(ex: Extractor, text: str) -> list[Candidate]:
    return ex.candidates(_article(text)).candidates


def _segment(ex: Extractor, text: str) -> ar.Segment:
    dates = find_dates(text, 0, dt.date.fromisoformat(PUB), PACK.dates)
    signals = {cat for cat, _s, _e in ex.candidates(_article(text)).ctx_hits}
    return ar.Segment(dates, [d for d in dates if not d.background], signals, None)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _without(ex: Extractor, name: str) -> Extractor:
    return Extractor(nlp=ex.nlp, geocoder=ex.geocoder, disabled_rules=[name])


def _out(ex: Extractor, text: str) -> list[str]:
    return [i.model_dump_json() for i in ex.extract(_article(text))]


def test_every_table_is_listed_with_its_rules() -> None:
    names = {t: [r.name for r in rules_of(t)] for t in TABLES}
    assert names == {
        "segment": [
            "background date",
            "history told on",
            "an old deed told on a report's day",
            "statistic",
        ],
        "segment-scored": ["confidence"],
        "article": [
            "no place, no figures",
            "only a country, no day, no figures",
            "arrests with no named place",
            "arrests with no one named",
        ],
        "series": [
            "series total",
            "toll over places named together",
            "a total and its parts",
            "a lead total summed by its parts",
        ],
        "retelling": [
            "vague retelling",
            "a retelling with a borrowed place",
            "a retelling with no place or day",
            "a deed told before a report's day",
            "victims told again",
            "arrests of an incident told",
        ],
        "split": ["day range", "repeated attacks"],
    }


def test_background_date(extractor: Extractor) -> None:
    r = _rule("background date")
    verdict = r(_segment(extractor, r.example[0]))
    assert isinstance(verdict, str) and "before publication" in verdict
    assert not r(_segment(extractor, PLAIN))


def test_background_date_is_the_reason_logged(
    extractor: Extractor, caplog: pytest.LogCaptureFixture
) -> None:
    text = _rule("background date").example[0]
    with caplog.at_level(logging.DEBUG, logger="incidentwatch.extract"):
        assert _out(extractor, text) == []
    assert "segment dropped (background date: event 37 days before publication)" in caplog.text
    assert len(_out(_without(extractor, "background date"), text)) == 1


def test_statistic(extractor: Extractor) -> None:
    r = _rule("statistic")
    assert r(_segment(extractor, r.example[0])) is True
    assert not r(_segment(extractor, PLAIN))


def test_confidence(extractor: Extractor, caplog: pytest.LogCaptureFixture) -> None:
    text = _rule("confidence").example[0]
    with caplog.at_level(logging.DEBUG, logger="incidentwatch.extract"):
        assert _out(extractor, text) == []
    assert "segment dropped (confidence 0.45)" in caplog.text
    assert len(_out(_without(extractor, "confidence"), text)) == 1
    plain = _candidates(extractor, PLAIN)
    assert plain and not _rule("confidence")(plain[0])


def test_no_place_no_figures(extractor: Extractor) -> None:
    r = _rule("no place, no figures")
    (g,) = _candidates(extractor, r.example[0])
    assert r(ar.Passing(g, dated=True)) is True
    (p,) = _candidates(extractor, PLAIN)
    assert not r(ar.Passing(p, dated=True))


def test_only_a_country_no_day_no_figures(extractor: Extractor) -> None:
    r = _rule("only a country, no day, no figures")
    cands = _candidates(extractor, r.example[0])
    vague = [c for c in cands if c.place is not None and c.place.admin1 is None]
    assert vague and r(ar.Passing(vague[0], dated=True)) is True
    # Only when the article dates its incidents: an undated story keeps it.
    assert not r(ar.Passing(vague[0], dated=False))
    (p,) = _candidates(extractor, PLAIN)
    assert not r(ar.Passing(p, dated=True))


def test_arrests_with_no_named_place(extractor: Extractor) -> None:
    r = _rule("arrests with no named place")
    (g,) = _candidates(extractor, r.example[0])
    assert r(ar.Passing(g, dated=True)) is True
    # The same detentions in a named town are an incident (codebook 5a).
    (named,) = _candidates(
        extractor, "Four foreigners were detained in Raqqa on Monday, a rights group said."
    )
    assert not r(ar.Passing(named, dated=True))
    (p,) = _candidates(extractor, PLAIN)
    assert not r(ar.Passing(p, dated=True))


def test_arrests_with_no_one_named(extractor: Extractor) -> None:
    r = _rule("arrests with no one named")
    (g,) = _candidates(extractor, r.example[0])
    assert r(ar.Passing(g, dated=True)) is True
    # Detentions with their doer and their day are an incident.
    (named,) = _candidates(
        extractor, "Police detained four suspects in Basra on Monday, a spokesman said."
    )
    assert not r(ar.Passing(named, dated=True))


def test_series_total(extractor: Extractor, caplog: pytest.LogCaptureFixture) -> None:
    text = _rule("series total").example[0]
    with caplog.at_level(logging.DEBUG, logger="incidentwatch.extract"):
        on = _out(extractor, text)
    assert "series total dropped: Baghdad" in caplog.text
    off = _out(_without(extractor, "series total"), text)
    assert len(off) == len(on) + 1


def test_a_total_and_its_parts(extractor: Extractor) -> None:
    text = _rule("a total and its parts").example[0] + BACKGROUND
    on = extractor.extract(_article(text))
    tolls = sorted((i.fatalities.best, i.event_date) for i in on if i.fatalities)
    # The two parts, each on its day; the total of 20 is no incident of its own.
    assert tolls == [(8, "2016-05-10"), (12, "2016-05-09")], tolls
    # The villages are not named: that part lies in the province the total names.
    [villages] = [i for i in on if i.fatalities and i.fatalities.best == 8]
    assert villages.admin1 is not None and "Raqqa" in villages.admin1
    off = _without(extractor, "a total and its parts").extract(_article(text))
    assert 20 in {i.fatalities.best for i in off if i.fatalities}


def test_a_total_whose_parts_do_not_fit_stays(extractor: Extractor) -> None:
    text = (
        "At least 10 people were killed in air strikes in Raqqa province on Monday, a "
        "monitor said. The toll included 12 people killed when a strike hit a market in "
        "Tabqa on Sunday." + BACKGROUND
    )
    on = extractor.extract(_article(text))
    assert 10 in {i.fatalities.best for i in on if i.fatalities}


def test_toll_over_places_named_together(extractor: Extractor) -> None:
    text = _rule("toll over places named together").example[0]
    on = extractor.extract(_article(text))
    tolls = sorted((i.location.name if i.location else "", i.fatalities.best) for i in on)
    assert [t for _p, t in tolls] == [15, 15], tolls
    assert len({p for p, _t in tolls}) == 2
    # Each part keeps the undivided total as its evidence.
    assert all(any(e.field == "fatalities" and e.text == "30" for e in i.evidence) for i in on)
    off = _without(extractor, "toll over places named together").extract(_article(text))
    assert [i.fatalities.best for i in off] == [30]


def test_places_named_apart_or_one_inside_another_are_not_split(extractor: Extractor) -> None:
    for text in (
        # A quarter with its city is one scene.
        "A car bomb killed 12 people in Karrada and Baghdad on Sunday, police said.",
        # Places not in one list: the second is where the wounded were taken.
        "A car bomb killed 12 people in Samarra on Sunday. The wounded were taken to Tikrit.",
    ):
        assert [i.fatalities.best for i in extractor.extract(_article(text))] == [12], text
    # A place and an apposition, no list.
    text = "The mayor of Tikrit, Omar Hadi, was shot dead by gunmen on Sunday."
    assert len(extractor.extract(_article(text))) == 1
    # The toll kept is a part's own, told after the total over the places: no split.
    text = (
        "Four bombs hit mosques in Kirkuk and Tikrit, killing at least 20 people. Seven people "
        "died when one bomb exploded inside a mosque in southern Kirkuk."
    )
    assert [i.fatalities.best for i in extractor.extract(_article(text))] == [7]


def test_vague_retelling(extractor: Extractor) -> None:
    r = _rule("vague retelling")
    host_text, vague_text = r.example[0].split(". ", 1)
    (host,) = _candidates(extractor, host_text + ".")
    (vague,) = _candidates(extractor, vague_text)
    case = ar.Retelling(
        vague,
        [host, vague],
        lambda c: grouping.family(extractor, c),
        lambda c: grouping._sub_event_of(extractor, c),
    )
    assert r(case) is host
    # The placed telling retells nothing.
    assert r(ar.Retelling(host, [host, vague], case.family, case.sub_event)) is None


def test_day_range(extractor: Extractor) -> None:
    r = _rule("day range")
    assert r(ar.Split(dt.date(2016, 5, 1), dt.date(2016, 5, 4), 1)) == [
        dt.date(2016, 5, d) for d in (1, 2, 3, 4)
    ]
    assert r(ar.Split(dt.date(2016, 5, 1), dt.date(2016, 5, 20), 1)) is None  # a period
    text = r.example[0]
    assert len(_out(extractor, text)) == 4
    assert len(_out(_without(extractor, "day range"), text)) == 1


def test_repeated_attacks(extractor: Extractor) -> None:
    r = _rule("repeated attacks")
    assert r(ar.Split(dt.date(2016, 5, 9), None, 2)) == [dt.date(2016, 5, 9)] * 2
    assert r(ar.Split(dt.date(2016, 5, 9), None, 1)) is None
    text = r.example[0]
    assert len(_out(extractor, text)) == 2
    assert len(_out(_without(extractor, "repeated attacks"), text)) == 1

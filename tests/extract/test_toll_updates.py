"""Toll updates (issue 12, codebook 5: "a later report that updates a toll replaces the
earlier figure"). An update told alone is the incident it refers to, dated by the
reference ("Saturday's bombing"), not by the day of the update; an update told after the
incident in the same article replaces its figure instead of making a second incident.
Texts written for these tests (wire style, Iraq and Syria)."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _extract(extractor: Extractor, text: str, published: str = "2016-03-07") -> list[Incident]:
    art = Article(article_id="updates", text=text, published_at=published)
    return extractor.extract(art)


def test_a_lone_update_is_the_incident_it_names_dated_by_its_reference(
    extractor: Extractor,
) -> None:
    [inc] = _extract(
        extractor,
        "BAGHDAD (Reuters) - The death toll from Saturday's suicide bombing at a crowded "
        "vegetable market in Hilla rose to 60 on Monday, police and hospital sources said.\n\n"
        "Islamic State claimed responsibility in a statement posted online.",
    )
    assert inc.fatalities.best == 60
    assert inc.event_date == "2016-03-05"  # Saturday, not the Monday of the update
    assert inc.sub_event_type == "Suicide bomb"
    assert inc.location is not None and "Hil" in inc.location.name
    told = {e.text for e in inc.evidence if e.field == "fatalities"}
    assert "60" in told


def test_an_update_with_has_risen_and_a_report_day(extractor: Extractor) -> None:
    [inc] = _extract(
        extractor,
        "BAGHDAD (Reuters) - The death toll from a car bomb at a Shi'ite mosque in Baghdad's "
        "Shaab district on Friday has risen to 31, the interior ministry said on Monday.",
    )
    assert inc.fatalities.best == 31
    assert inc.event_date == "2016-03-04"


def test_an_update_later_in_the_article_replaces_the_first_toll(extractor: Extractor) -> None:
    incidents = _extract(
        extractor,
        "TIKRIT, Iraq (Reuters) - A car bomb exploded at an army checkpoint in Tikrit on "
        "Saturday, killing seven soldiers, police said.\n\n"
        "The Iraqi army has been fighting Islamic State in Salahuddin province for months.\n\n"
        "The death toll from the Tikrit attack rose to 12 on Monday, a hospital source said.",
    )
    assert len(incidents) == 1, [i.summary for i in incidents]
    [inc] = incidents
    assert (inc.event_date, inc.fatalities.best) == ("2016-03-05", 12)


def test_a_running_war_toll_that_rises_stays_background(extractor: Extractor) -> None:
    incidents = _extract(
        extractor,
        "BEIRUT (Reuters) - The death toll from Syria's five-year civil war has risen to more "
        "than 270,000 people, a monitoring group said on Monday.",
    )
    assert incidents == []


def test_a_trend_that_rises_is_still_a_trend(extractor: Extractor) -> None:
    incidents = _extract(
        extractor,
        "BAGHDAD (Reuters) - Bombings have increased across the capital in recent months, "
        "officials said on Monday.",
    )
    assert incidents == []


def test_an_update_with_its_day_before_the_figure(extractor: Extractor) -> None:
    [inc] = _extract(
        extractor,
        "KIRKUK, Iraq (Reuters) - The death toll from a suicide attack on a Shi'ite funeral "
        "tent in the town of Tuz Khurmato on Saturday rose on Monday to 19, a local official "
        "said.",
    )
    assert (inc.event_date, inc.fatalities.best) == ("2016-03-05", 19)

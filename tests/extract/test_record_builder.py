"""One construction of a codebook record for every language pack (building.py's
`place_fields`, `incident_record`, `add_summary`): an Arabic and an English report of
one bombing, written here, come out with the same place fields, sources and summary
citation."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.resources import load_knowledge
from incidentwatch.extract.stages.building import place_fields
from incidentwatch.records import Article, Country, Evidence, Incident, Place

TEXT = "A car bomb exploded in Baqubah, the capital of Diyala province, on Tuesday."


def collect(text: str) -> tuple[list[Evidence], Callable[[str, int, int], None]]:
    ev: list[Evidence] = []

    def add(field: str, s: int, e: int) -> None:
        if 0 <= s < e <= len(text):
            ev.append(Evidence(field=field, article_id="a1", start=s, end=e, text=text[s:e]))

    return ev, add


def test_place_fields_cite_the_place_words_and_the_country_where_it_is_told() -> None:
    kb = load_knowledge()
    s = TEXT.index("Baqubah")
    a = TEXT.index("Diyala")
    place = Place(
        name="Baqubah", latitude=33.754, longitude=44.605, geonames_id=97990,
        country=Country(code="IQ", name="Iraq"), admin1="Diyala", geo_precision=1,
        start=s, end=s + 7, admin_spans=[(a, a + 6)],
    )  # fmt: skip
    ev, add = collect(TEXT)
    where = place_fields(place, "IQ", kb, ev, add, (2, 10))
    assert where.location is not None and where.location.name == "Baqubah"
    assert (where.admin1, where.geo_precision, where.country) == ("Diyala", 1, place.country)
    assert [(e.field, e.text) for e in ev] == [
        ("location", "Baqubah"), ("admin1", "Diyala"), ("country", "Baqubah"),
    ]  # fmt: skip
    # No place: the country of the article's hint, cited by the words that name it.
    ev, add = collect(TEXT)
    where = place_fields(None, "IQ", kb, ev, add, (2, 10))
    assert where.location is None and where.country == Country(code="IQ", name="Iraq")
    assert [(e.field, e.text) for e in ev] == [("country", "car bomb")]
    # No country known: nothing to cite.
    ev, add = collect(TEXT)
    assert place_fields(None, None, kb, ev, add, (2, 10)).country is None
    assert ev == []


ENGLISH = (
    "A roadside bomb exploded near a busy market in Baqubah on Tuesday morning, killing "
    "three people and wounding seven others, a police source said."
)
ARABIC = (
    "قتل ثلاثة أشخاص وأصيب سبعة آخرون بانفجار عبوة ناسفة قرب سوق شعبي في مدينة بعقوبة "
    "صباح اليوم الثلاثاء، بحسب مصدر في الشرطة."
)


@pytest.fixture(scope="module")
def records() -> tuple[Incident, Incident]:
    ex = Extractor()
    art = {"url": "https://example.org/a", "outlet": "Paper", "published_at": "2024-04-09"}
    [en] = ex.extract(Article(article_id="en1", text=ENGLISH, **art))
    [ar] = ex.extract(Article(article_id="ar1", text=ARABIC, **art))
    return en, ar


def test_both_packs_build_the_same_record_shape(records: tuple[Incident, Incident]) -> None:
    en, ar = records
    for inc, aid in ((en, "en1"), (ar, "ar1")):
        [src] = inc.sources
        assert (src.article_id, src.url, src.outlet) == (aid, "https://example.org/a", "Paper")
        assert inc.location is not None and inc.country is not None
        # The summary is cited by the event's own words, the record's first evidence.
        summary = [e for e in inc.evidence if e.field == "summary"]
        assert [(e.start, e.end) for e in summary] == [(inc.evidence[0].start,
                                                        inc.evidence[0].end)]  # fmt: skip
        assert inc.evidence[0].field == "event"
    assert (ar.admin1, ar.country) == (en.admin1, en.country)
    # One summary template, in the codebook's language, whatever the article's.
    tail = " in Baqubah (Diyala) on 2024-04-09; 3 killed, 7 wounded."
    assert en.summary is not None and en.summary.endswith(tail)
    assert ar.summary is not None and ar.summary.endswith(tail)

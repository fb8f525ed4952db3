"""Two toll classes of issue 12 (kill12b): a live blog's entry tells one update, so a
telling with no place or day of its own in the entry of a told incident is that incident
(grouping rule "one live-blog entry"); and a toll whose sentence calls its dead the
attack's victims leaves the suicide attacker out, so he is added (codebook 5). Texts
written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.context import Candidate
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import rules_of
from incidentwatch.extract.rules.grouping import Pair
from incidentwatch.extract.rules.perpetrators import Told, toll_told_as_victims
from incidentwatch.extract.stages.grouping import mark_blog_entries
from incidentwatch.records import Article, Country, Incident, Place

BLOG = (
    "11:10 p.m.\n\nThe prime minister says 23 people and two suicide bombers have died in the "
    "attack at the bus station in Quetta.\n\n"
    "10:35 p.m.\n\nA provincial official says at least 18 people have been killed and some 60 "
    "wounded in the attack.\n\n"
    "A second official expects the number of dead to go up.\n\n"
    "That official had earlier put the dead at close to 40 people.\n\n"
    "9:15 p.m.\n\nTwo explosions rocked the main bus station in Quetta on Monday, killing at "
    "least nine people.\n"
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _rule(table: str, name: str):  # type: ignore[no-untyped-def]
    [r] = [x for x in rules_of(table) if x.name == name]
    return r


def _cand(sent: int, entry: int | None, place: Place | None = None) -> Candidate:
    return Candidate(
        seg_start=sent * 100, seg_end=sent * 100 + 90, sent_index=sent, cues=[],
        cats={"kill"}, killed=None, wounded=None, date=None, place=place, actors=[],
        blog_entry=entry,
    )  # fmt: skip


QUETTA = Place(name="Quetta", country=Country(code="PK", name="Pakistan"), admin1="Balochistan")


def test_a_telling_in_the_same_blog_entry_is_that_update() -> None:
    rule = _rule("grouping", "one live-blog entry")
    group = _cand(1, 1, QUETTA)
    # Two paragraphs on, same entry, no place or day of its own: the same incident.
    assert rule(Pair(group, _cand(3, 1), False, "violence", "violence")) is True
    # Another entry, a place of its own, another family, or no live blog: no opinion.
    assert rule(Pair(group, _cand(3, 2), False, "violence", "violence")) is None
    assert rule(Pair(group, _cand(3, 1, QUETTA), False, "violence", "violence")) is None
    assert rule(Pair(group, _cand(3, 1), False, "violence", "demo")) is None
    assert rule(Pair(_cand(1, None), _cand(3, None), False, "violence", "violence")) is None


def test_candidates_are_marked_with_their_blog_entry(extractor: Extractor) -> None:
    ctx = extractor.candidates(Article(article_id="blog", text=BLOG, published_at="2023-05-09"))
    mark_blog_entries(extractor, BLOG, ctx.candidates)
    by_start = sorted((c.seg_start, c.blog_entry) for c in ctx.candidates)
    # Entries in text order: 0 for the 11:10 entry, 1 for 10:35, 2 for 9:15.
    assert [e for _s, e in by_start] == sorted(e for _s, e in by_start)
    assert {e for _s, e in by_start} <= {0, 1, 2}
    [late] = [c for c in ctx.candidates if "had earlier put" in c.text]
    assert late.blog_entry == 1
    plain = "Police say at least 25 people were killed in Quetta. Later 41 had died."
    ctx = extractor.candidates(Article(article_id="plain", text=plain, published_at="2023-05-09"))
    mark_blog_entries(extractor, plain, ctx.candidates)
    assert all(c.blog_entry is None for c in ctx.candidates)


def test_a_live_blog_gives_one_incident_with_its_latest_toll(extractor: Extractor) -> None:
    [inc] = extractor.extract(Article(article_id="blog", text=BLOG, published_at="2023-05-09"))
    assert inc.event_date == "2023-05-08"
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (25, 2)


def _one(extractor: Extractor, text: str) -> Incident:
    incidents = extractor.extract(Article(article_id="v", text=text, published_at="2023-05-10"))
    assert len(incidents) == 1, [i.summary for i in incidents]
    return incidents[0]


def test_a_toll_of_victims_has_the_bomber_added(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A suicide bomber struck a crowded market near the shrine in Samarra on Tuesday. A "
        "monitoring group said the death toll had risen to 15, including nine civilians, "
        "with the other victims from the local police.",
    )
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (16, 1)
    # Told as the dead of the attack, with no word of victims: a total that may count him.
    inc = _one(
        extractor,
        "A suicide bomber struck a crowded market near the shrine in Samarra on Tuesday. A "
        "monitoring group said the death toll had risen to 15.",
    )
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (15, 1)


def test_victims_words_alone(extractor: Extractor) -> None:
    pack = extractor.pack
    assert toll_told_as_victims(Told("", "the toll rose to 9, the other victims police"), pack)
    assert toll_told_as_victims(Told("", "the victims included four children"), pack)
    assert not toll_told_as_victims(Told("", "the death toll rose to 9"), pack)
    assert not toll_told_as_victims(Told("", "relatives of victims of past attacks"), pack)

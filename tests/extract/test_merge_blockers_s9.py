"""Issue 12, merging, session 9: a breaking story whose only telling of its event is
"The explosion" after a headline the text lacks. Three rules together make it a record
another outlet's report can join:
- *a told event named again* keeps a definite singular event noun when the text has told
  no incident before it (the story's own news, named in the headline);
- *a state in its affairs*: "at a time Iraq is grappling with protests" names the state,
  not the scene, so the segment borrows the place told before it;
- *a breaking report*: "no further details were immediately available" dates an undated
  event to the filing day and marks its missing toll as pending, not none.
Texts written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import Rule, rules_of
from incidentwatch.records import Article, Incident
from incidentwatch.resolve.merge import DETAILS_PENDING

PACK = get_pack("en")
FILED = "2016-07-03"
# News-free paragraphs that make a story long enough to be a wire story.
PAD = (
    "\n\nThe provincial council met in the evening to discuss the water supply, which has "
    "been uneven since the spring, and agreed to ask the ministry for new pumps. Traders "
    "said the main road to the south would reopen on the weekend."
) * 3
BREAKING = (
    "Emergency crews rushed to the old bazaar in Hilla shortly before noon, a local radio "
    "station said.\n\n"
    "A medic spoke of casualties; no further details were immediately available.\n\n"
    "In March, two car bombs killed 60 people at a checkpoint on the road into the city.\n\n"
    "Footage shared online showed smoke rising over the market and shoppers running from it.\n\n"
    "The explosion comes at a time Iraq is grappling with a wave of protests over power cuts "
    "and unpaid salaries."
) + PAD


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _run(ex: Extractor, text: str, off: tuple[str, ...] = ()) -> list[Incident]:
    e = Extractor(nlp=ex.nlp, disabled_rules=list(off)) if off else ex
    return e.extract(Article(article_id="s9", text=text, published_at=FILED))


def _evidence(inc: Incident, field: str) -> list[str]:
    return [e.text for e in inc.evidence if e.field == field]


def test_a_breaking_story_told_only_by_the_explosion_is_one_incident(ex: Extractor) -> None:
    (inc,) = _run(ex, BREAKING)
    assert inc.event_type == "Explosions/Remote violence"
    assert inc.location is not None and inc.admin1 == "Babil"
    assert _evidence(inc, "location") == ["Hilla"]
    # Filed as it unfolds: its filing day, to the day, and its toll not yet known.
    assert (inc.event_date, inc.date_precision) == (FILED, 1)
    assert _evidence(inc, "event_date") == ["no further details were immediately available"]
    assert (inc.model_extra or {}).get(DETAILS_PENDING) is True
    assert inc.fatalities.best == 0 and "casualties unknown" in (inc.summary or "")


def test_without_the_breaking_rule_the_day_is_the_filing_week(ex: Extractor) -> None:
    (inc,) = _run(ex, BREAKING, ("a breaking report",))
    assert (inc.event_date, inc.date_precision) == (FILED, 2)
    assert DETAILS_PENDING not in (inc.model_extra or {})


def test_without_the_state_rule_the_country_is_the_place(ex: Extractor) -> None:
    (inc,) = _run(ex, BREAKING, ("a state in its affairs",))
    assert inc.admin1 is None and _evidence(inc, "location") == ["Iraq"]


def test_an_explosion_told_before_is_still_named_again(ex: Extractor) -> None:
    text = (
        "A bomb exploded in the old bazaar in Hilla on Sunday, killing four people, police "
        "said.\n\nCasualties were taken to the city hospital.\n\n"
        "The explosion comes at a time Iraq is grappling with a wave of protests over power "
        "cuts and unpaid salaries."
    ) + PAD
    (inc,) = _run(ex, text)
    assert inc.fatalities.best == 4 and inc.date_precision == 1
    # The re-mention adds no record and no evidence of its own.
    assert all("comes at a time" not in t for t in _evidence(inc, "event"))
    assert DETAILS_PENDING not in (inc.model_extra or {})


def test_the_strikes_a_coalition_carries_out_are_no_incident(ex: Extractor) -> None:
    # A definite plural names many deeds, a habit, not a headline's one event: the written
    # wire story held-09 ("carries out most of the air strikes against the militants")
    # tells no incident, and the rule still drops its strikes.
    path = Path(__file__).parent / "data" / "held_wire.jsonl"
    story = next(json.loads(line) for line in path.open(encoding="utf-8") if '"held-09"' in line)
    assert story["incidents"] == []
    art = Article(article_id="held-09", text=story["text"], published_at=story["published_at"])
    assert ex.extract(art) == []
    off = Extractor(nlp=ex.nlp, disabled_rules=["a told event named again"])
    assert off.extract(art) != []


@pytest.mark.parametrize("r", rules_of("breaking"), ids=lambda r: r.name)
def test_breaking_rule_on_its_example(r: Rule) -> None:
    text, words = r.example
    start = text.index(words)
    assert r(text, PACK) == (start, start + len(words))
    # A story that gives its details says nothing of the kind.
    assert r("A bomb killed four people in the main market of Hilla on Sunday.", PACK) is None


@pytest.mark.parametrize(
    "words",
    [
        "No further details were immediately available.",
        "Few other details were known.",
        "Details were not yet known.",
        "No more details have been released.",
    ],
)
def test_the_words_of_a_breaking_report(words: str) -> None:
    (r,) = rules_of("breaking")
    assert r(f"A blast shook the centre of Hilla. {words}", PACK) is not None

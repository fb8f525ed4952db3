"""Two toll classes of issue 12 (kill12b): a live blog's entry tells one update, so a
telling with no place or day of its own in the entry of a told incident is that incident
(grouping rule "one live-blog entry"); and a toll whose sentence calls its dead the
attack's victims leaves the suicide attacker out, so he is added (codebook 5). Texts
written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract import numbers as num
from incidentwatch.extract.context import Candidate
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import rules_of
from incidentwatch.extract.rules.grouping import Pair
from incidentwatch.extract.rules.perpetrators import Told, toll_told_as_victims
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
    # Another entry, a place named in its own words, another family, or no live blog: no
    # opinion.
    assert rule(Pair(group, _cand(3, 2), False, "violence", "violence")) is None
    own = QUETTA.model_copy(update={"start": 310, "end": 316})
    assert rule(Pair(group, _cand(3, 1, own), False, "violence", "violence")) is None
    # A place carried from earlier in the article is not its own.
    carried = QUETTA.model_copy(update={"start": 20, "end": 26})
    assert rule(Pair(group, _cand(3, 1, carried), False, "violence", "violence")) is True
    assert rule(Pair(group, _cand(3, 1), False, "violence", "demo")) is None
    assert rule(Pair(_cand(1, None), _cand(3, None), False, "violence", "violence")) is None


def test_candidates_are_marked_with_their_blog_entry(extractor: Extractor) -> None:
    ctx = extractor.candidates(Article(article_id="blog", text=BLOG, published_at="2023-05-09"))
    by_start = sorted((c.seg_start, c.blog_entry) for c in ctx.candidates)
    # Entries in text order: 0 for the 11:10 entry, 1 for 10:35, 2 for 9:15.
    assert [e for _s, e in by_start] == sorted(e for _s, e in by_start)
    assert {e for _s, e in by_start} <= {0, 1, 2}
    [late] = [c for c in ctx.candidates if "had earlier put" in c.text]
    assert late.blog_entry == 1
    plain = "Police say at least 25 people were killed in Quetta. Later 41 had died."
    ctx = extractor.candidates(Article(article_id="plain", text=plain, published_at="2023-05-09"))
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


def _all(extractor: Extractor, text: str) -> list[Incident]:
    return extractor.extract(Article(article_id="s", text=text, published_at="2023-05-09"))


AMBUSH = (
    "Three police officers were shot dead at a protest against rising fuel prices in Leeds on "
    "Monday night, police said. Six other officers were wounded in the ambush in central "
    "Leeds on Monday. Police killed the gunman after a standoff."
)


def test_a_protest_where_police_were_shot_is_the_scene(extractor: Extractor) -> None:
    [inc] = _all(extractor, AMBUSH)
    assert inc.event_type == "Battles"
    # The three officers and the gunman (codebook 5: killed attackers count).
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best, inc.injuries.best) == (4, 1, 6)
    # Without the rule the protest types the first sentence and the ambush splits off.
    off = Extractor(disabled_rules=["the scene of an attack on the police"])
    assert len(off.extract(Article(article_id="s", text=AMBUSH, published_at="2023-05-09"))) == 2


def test_the_scene_rule_alone(extractor: Extractor) -> None:
    rule = _rule("cue", "the scene of an attack on the police")

    def fires(text: str, word: str) -> bool:
        doc = extractor.nlp(text)
        [tok] = [t for t in doc if t.text == word]
        return bool(rule(tok, extractor.pack))

    assert fires("Two soldiers were killed during a march in Basra on Monday.", "march")
    assert fires("Gunmen shot two policemen at a rally in Mosul.", "rally")
    # Force used on the crowd: the forces are the doers, the protest stays an event.
    assert not fires("Police shot dead two protesters at a rally in Basra.", "rally")
    assert not fires("Hundreds joined a protest in Basra on Monday.", "protest")


def test_a_victim_told_by_name_is_one_of_the_dead(extractor: Extractor) -> None:
    [inc] = _all(
        extractor,
        "Four soldiers were killed when a bomb hit their patrol in Tikrit on Monday. Two of "
        "the soldiers were named on Tuesday. Also killed was Karim Saleh, 33.",
    )
    assert inc.fatalities.best == 4
    # Told with what he was, of a kind the toll did not count: one more.
    [inc] = _all(
        extractor,
        "Four soldiers were killed when a bomb hit their patrol in Tikrit on Monday. A local "
        "journalist, Karim Saleh, was also killed.",
    )
    assert inc.fatalities.best == 5


def test_a_member_off_duty_is_no_force_acting(extractor: Extractor) -> None:
    [inc] = _all(
        extractor,
        "A former army reservist opened fire on shoppers at a market in Basra on Sunday, "
        "killing two people before he was arrested.",
    )
    assert inc.actor1 is not None and inc.actor1.name.startswith("Unidentified Armed Group")
    [inc] = _all(
        extractor,
        "Army troops opened fire on shoppers at a market in Basra on Sunday, killing two people.",
    )
    assert inc.actor1 is not None and inc.actor1.name == "Military Forces of Iraq"
    rule = _rule("actor-mention", "a member off duty")
    doc = extractor.nlp("A retired police officer shot two neighbours in Mosul.")
    [span] = [sp for sp in extractor.actor_matcher.find(doc) if "police" in sp.text.lower()]
    assert rule(span, extractor.pack)
    doc = extractor.nlp("A police officer shot two gunmen in Mosul.")
    [span] = [sp for sp in extractor.actor_matcher.find(doc) if "police" in sp.text.lower()]
    assert not rule(span, extractor.pack)


def test_attackers_shot_by_troops_are_not_the_bomber(extractor: Extractor) -> None:
    [inc] = _all(
        extractor,
        "A suicide bomber set off a car bomb at the gate of a hotel in Mogadishu on Saturday "
        "and gunmen stormed inside. Troops killed two of the attackers, an army officer said.",
    )
    # The two gunmen the troops killed, and the bomber his own bomb killed.
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (3, 3)
    # No killer named: the three dead attackers may include the bomber, none is added.
    [inc] = _all(
        extractor,
        "A suicide bomber set off a car bomb at the gate of a hotel in Mogadishu on Saturday "
        "and gunmen stormed inside. All three attackers were killed, an army officer said.",
    )
    assert inc.perpetrator_fatalities.best == 3
    assert inc.fatalities.best == 3


BESIDE = (
    "Two soldiers were killed by a roadside bomb near Hit on Wednesday, officials said, a "
    "day after a car bomb in Ramadi killed 11 people.\n\nThe army sent reinforcements to "
    "the area and closed the main road to traffic for several hours.\n\nNo group has "
    "claimed responsibility for Tuesday's bombing in Ramadi, in which a car packed with "
    "explosives struck an army checkpoint."
)


def test_the_toll_told_beside_goes_to_the_event_told_again(extractor: Extractor) -> None:
    incs = extractor.extract(Article(article_id="b", text=BESIDE, published_at="2023-05-10"))
    assert {(i.event_date, i.fatalities.best) for i in incs} == {
        ("2023-05-10", 2),
        ("2023-05-09", 11),
    }
    [ramadi] = [i for i in incs if i.location and i.location.name == "Ramadi"]
    assert "11" in [e.text for e in ramadi.evidence if e.field == "fatalities"]
    off = Extractor(disabled_rules=["the earlier event told again"])
    incs = off.extract(Article(article_id="b", text=BESIDE, published_at="2023-05-10"))
    assert {i.location.name: i.fatalities.best for i in incs if i.location}["Ramadi"] == 0


def test_the_earlier_event_rule_alone() -> None:
    rule = _rule("counting", "the earlier event told again")
    ramadi = Place(name="Ramadi", country=Country(code="IQ", name="Iraq"), admin1="Anbar")
    news = _cand(0, None, QUETTA)
    told = _cand(4, None, ramadi)
    assert rule(told, news, ramadi)
    # Elsewhere, or with a figure of its own: not the event told beside.
    assert not rule(told, news, QUETTA)
    counted = _cand(4, None, ramadi)
    counted.killed = num.Casualties(3, None, None, ((0, 1),))
    assert not rule(counted, news, ramadi)

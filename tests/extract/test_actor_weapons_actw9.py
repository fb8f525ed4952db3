"""Actor data added for issue 12 (actw9): a state's, its government's or a side's adjective
on an aircraft or weapon noun names who used it ("Syrian government warplanes", "rebel
rocket fire"). Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident

PUB = "2017-03-06"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _incidents(ex: Extractor, text: str) -> list[Incident]:
    return ex.extract(Article(article_id="actw9", text=text, published_at=PUB))


def _actor1(inc: Incident) -> str | None:
    return inc.actor1.name if inc.actor1 else None


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        (
            "Syrian government jets bombed a bakery in the town of Saraqeb in Idlib province"
            " on Sunday, killing nine people, rescuers said.",
            "Military Forces of Syria",
        ),
        (
            "Regime helicopters dropped barrel bombs on a village near Hama on Saturday,"
            " killing four civilians, a monitor said.",
            "Military Forces of Syria",
        ),
        (
            "Rebel rocket fire hit a school in the government-held city of Hama on Tuesday,"
            " killing two children, state media said.",
            "Opposition Rebels (Syria)",
        ),
    ],
)
def test_a_sides_weapon_names_its_doer(extractor: Extractor, text: str, doer: str) -> None:
    incs = _incidents(extractor, text)
    assert incs, "no incident"
    assert _actor1(incs[0]) == doer
    # The doer carries its evidence: the words that named it.
    mention = incs[0].actor1.mention if incs[0].actor1 else ""
    assert mention and mention.lower() in text.lower()


def test_government_aircraft_of_another_state_are_that_states(extractor: Extractor) -> None:
    text = (
        "Iraqi government warplanes struck an Islamic State convoy near Qaim in Anbar"
        " province on Monday, killing 12 militants, the military said."
    )
    incs = _incidents(extractor, text)
    assert incs and _actor1(incs[0]) == "Military Forces of Iraq"


GROUP_FOUGHT_THEN_ACTS = (
    "Iraqi troops shelled ISIS militants dug in near Tal Afar on Monday, an army officer"
    " said. Villagers from Abu Maria said on Wednesday that the militants had shot dead"
    " three shepherds near the village on Tuesday."
)


def _killing(ex: Extractor, text: str) -> Incident:
    incs = [i for i in _incidents(ex, text) if i.event_type == "Violence against civilians"]
    assert len(incs) == 1, [i.summary for i in _incidents(ex, text)]
    return incs[0]


def test_the_militants_are_the_group_named_before_with_that_noun(extractor: Extractor) -> None:
    inc = _killing(extractor, GROUP_FOUGHT_THEN_ACTS)
    assert _actor1(inc) == "Islamic State (Iraq)"
    off = Extractor(
        nlp=extractor.nlp,
        geocoder=extractor.geocoder,
        disabled_rules=["the militants named before"],
    )
    assert _actor1(_killing(off, GROUP_FOUGHT_THEN_ACTS)).startswith("Unidentified")  # type: ignore[union-attr]


def test_indefinite_militants_stay_unidentified(extractor: Extractor) -> None:
    text = GROUP_FOUGHT_THEN_ACTS.replace("that the militants had", "that militants had")
    assert (_actor1(_killing(extractor, text)) or "").startswith("Unidentified")


DEPLOYED_THEN_CLAIMED = (
    "A car bomb exploded near a bus station in Hilla on Friday evening, killing 14 people"
    " and wounding 30, medics said. Iraqi security forces had deployed thousands of men"
    " across the province ahead of a religious holiday. Islamic State claimed"
    " responsibility for the bombing in a statement posted online."
)


def test_a_force_told_apart_from_a_claimed_bombing_is_not_its_doer(
    extractor: Extractor,
) -> None:
    incs = [i for i in _incidents(extractor, DEPLOYED_THEN_CLAIMED) if i.fatalities.best]
    assert len(incs) == 1, [i.summary for i in incs]
    assert _actor1(incs[0]) == "Islamic State (Iraq)"
    # Nor is the deployed force what the bomb hit.
    assert incs[0].actor2 is None or incs[0].actor2.type != 1
    off = Extractor(
        nlp=extractor.nlp,
        geocoder=extractor.geocoder,
        disabled_rules=["a force told apart from the bombing"],
    )
    off_incs = [i for i in _incidents(off, DEPLOYED_THEN_CLAIMED) if i.fatalities.best]
    assert [_actor1(i) for i in off_incs] == ["Military Forces of Iraq"]


def test_a_force_in_the_bombing_sentence_keeps_rule_20s_reading(extractor: Extractor) -> None:
    text = (
        "Iraqi troops detonated a roadside bomb they had found near Tikrit on Sunday,"
        " killing two people who were standing nearby, police said."
    )
    incs = [i for i in _incidents(extractor, text) if i.fatalities.best]
    assert incs and _actor1(incs[0]) == "Military Forces of Iraq"


MEMBERS_CLAIM = (
    "A bomb planted on a minibus exploded in the Shaab district of Baghdad on Thursday,"
    " killing six passengers, police said. Islamic State said on its Amaq channel that"
    " two of its members had carried out the attack against what it called apostates."
)


def test_a_group_saying_its_members_did_it_claims_the_attack(extractor: Extractor) -> None:
    incs = [i for i in _incidents(extractor, MEMBERS_CLAIM) if i.fatalities.best]
    assert len(incs) == 1, [i.summary for i in incs]
    assert _actor1(incs[0]) == "Islamic State (Iraq)"


def test_a_group_speaking_of_others_does_not_claim(extractor: Extractor) -> None:
    text = MEMBERS_CLAIM.replace("two of its members had carried out", "Shi'ite heretics deserved")
    incs = [i for i in _incidents(extractor, text) if i.fatalities.best]
    assert incs and (_actor1(incs[0]) or "").startswith("Unidentified")

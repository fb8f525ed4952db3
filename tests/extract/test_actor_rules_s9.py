"""Actor rules added for issue 12 (actor9): who did the incident told, on real-news
shapes. Each rule on text written for these tests, and switched off by name to show what
it changes."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import Rule, rules_of
from incidentwatch.extract.rules.actors import Victims
from incidentwatch.records import Article, Incident

PACK = get_pack("en")
PUB = "2016-05-10"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _without(ex: Extractor, name: str) -> Extractor:
    return Extractor(nlp=ex.nlp, geocoder=ex.geocoder, disabled_rules=[name])


def _one(ex: Extractor, text: str) -> Incident:
    incs = ex.extract(Article(article_id="actors9", text=text, published_at=PUB))
    assert len(incs) == 1, [i.summary for i in incs]
    return incs[0]


def _actor1(inc: Incident) -> str | None:
    return inc.actor1.name if inc.actor1 else None


SERIES = (
    "A bomb tore through a crowded market in Hasakah on Friday, killing six people, the"
    " latest in a wave of attacks claimed by Islamic State militants in the province."
)


def test_doer_of_the_series_is_not_the_doer_told(extractor: Extractor) -> None:
    on = _one(extractor, SERIES)
    assert _actor1(on) == "Unidentified Armed Group (Syria)"
    off = _one(_without(extractor, "doer of the series told"), SERIES)
    assert _actor1(off) == "Islamic State (Syria)"


@pytest.mark.parametrize(
    "text",
    [
        # The doer told as the subject of the incident's own verb stays the doer.
        "Islamic State militants stormed a village near Hasakah on Friday, killing six"
        " people, the latest in a wave of attacks in the province.",
        # A group named in a clause of its own after the series is not inside it.
        "Six people were killed by Islamic State militants at a checkpoint near Hasakah on Friday.",
    ],
)
def test_doer_named_outside_a_series_is_kept(extractor: Extractor, text: str) -> None:
    assert _actor1(_one(extractor, text)) == "Islamic State (Syria)"


def _actor2(inc: Incident) -> str | None:
    return inc.actor2.name if inc.actor2 else None


@pytest.mark.parametrize("r", list(rules_of("actor2")), ids=lambda r: r.name)
def test_actor2_rule_fires_on_its_example(r: Rule, extractor: Extractor) -> None:
    text, people, force, *sub = r.example
    doc = extractor.nlp(text)

    def span(words: str) -> Span:
        i = text.index(words)
        sp = doc.char_span(i, i + len(words))
        assert sp is not None
        return sp

    assert r(Victims(sub[0] if sub else "Suicide bomb", span(people), span(force)), PACK)


@pytest.mark.parametrize(
    ("text", "name", "rule"),
    [
        (
            "Four people, including two police officers, died on Friday after gunmen sprayed"
            " worshippers with bullets in Ramadi.",
            "Police Forces of Iraq",
            "victims told as a force",
        ),
        (
            "A bomber blew himself up at a recruitment centre in Aden on Sunday, killing nine"
            " people, most of them soldiers.",
            "Military Forces of Yemen",
            "victims told as a force",
        ),
        (
            "Six people were wounded on Tuesday when a bomb went off against a police bus in"
            " the town of Cizre.",
            "Police Forces of Turkey",
            "a force's post or vehicle hit",
        ),
    ],
)
def test_the_force_among_the_victims_is_acted_upon(
    extractor: Extractor, text: str, name: str, rule: str
) -> None:
    assert _actor2(_one(extractor, text)) == name
    assert (_actor2(_one(_without(extractor, rule), text)) or "").startswith("Civilians (")


@pytest.mark.parametrize(
    "text",
    [
        # A police station named as a landmark was not what the bomb hit.
        "A car bomb killed five people near a police station in Mosul on Thursday.",
        # Civilians told as civilians stay civilians, a force named elsewhere or not.
        "Gunmen killed four people, most of them farmers, in a village near Baquba on"
        " Monday, police said.",
    ],
)
def test_people_stay_civilians_without_a_force_hit(extractor: Extractor, text: str) -> None:
    assert (_actor2(_one(extractor, text)) or "").startswith("Civilians (")


DEFINITE = (
    "The insurgents arrived on motorcycles in the village of Kawuri near Maiduguri on"
    " Saturday night and killed 30 people, a military spokesman said. Boko Haram fighters"
    " armed with rifles stormed Kawuri, 10 km from Maiduguri, at about 7 p.m., residents said."
)


def test_the_insurgents_are_the_group_the_article_names(extractor: Extractor) -> None:
    assert _actor1(_one(extractor, DEFINITE)).startswith("Boko Haram")  # type: ignore[union-attr]
    off = _one(_without(extractor, "the group the definite noun names"), DEFINITE)
    assert _actor1(off) == "Unidentified Armed Group (Nigeria)"


@pytest.mark.parametrize(
    "text",
    [
        # Indefinite gunmen are unidentified, whoever else the article names.
        DEFINITE.replace("The insurgents", "Gunmen"),
        # A group's deeds of the past say nothing of who did this attack.
        DEFINITE.split(" Boko Haram")[0]
        + " Boko Haram fighters have killed thousands of people around Maiduguri since 2009.",
    ],
)
def test_unidentified_attackers_stay_unidentified(extractor: Extractor, text: str) -> None:
    assert _actor1(_one(extractor, text)) == "Unidentified Armed Group (Nigeria)"


def test_one_person_killed_is_a_civilian_victim(extractor: Extractor) -> None:
    text = "Shells fired by rebels hit the town of Qardaha on Thursday, killing one person."
    assert _actor2(_one(extractor, text)) == "Civilians (Syria)"


def test_the_victims_of_a_suspected_bomber_are_not_suspects(extractor: Extractor) -> None:
    # "believed to" casts doubt on who the bomber was, not on who died.
    text = (
        "A bomber believed to have come from Syria blew himself up near the old bazaar in"
        " Izmir on Tuesday, killing 12 people, most of them French tourists."
    )
    inc = _one(extractor, text)
    assert _actor1(inc) == "Unidentified Armed Group (Turkey)"
    assert _actor2(inc) == "Civilians (France)"


RELEASE = (
    "Three Turkish workers who were abducted in Baghdad in early March have been released,"
    " an official in the Interior Ministry said on Tuesday."
)


def test_a_release_is_the_captors_act(extractor: Extractor) -> None:
    on = _one(extractor, RELEASE)
    assert on.sub_event_type == "Other"
    assert _actor1(on) == "Unidentified Armed Group (Iraq)"
    assert _actor1(_one(_without(extractor, "captors release their captives"), RELEASE)) is None


def test_an_arrest_keeps_the_force_that_arrests(extractor: Extractor) -> None:
    text = "Police arrested two men suspected of planting a bomb in Kirkuk on Tuesday."
    assert _actor1(_one(extractor, text)) == "Police Forces of Iraq"

"""Actor rules added in session 10 (actor10, issue 12): who was acted upon, and who acted,
on wire-story shapes. Each rule on its own example and switched off by name to show what
it changes, then on the shapes it must leave alone. Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import Rule, rules_of
from incidentwatch.records import Article, Incident

PUB = "2016-05-10"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _without(ex: Extractor, name: str) -> Extractor:
    return Extractor(nlp=ex.nlp, geocoder=ex.geocoder, disabled_rules=[name])


def _incidents(ex: Extractor, text: str) -> list[Incident]:
    return ex.extract(Article(article_id="actors10", text=text, published_at=PUB))


def _one(ex: Extractor, text: str) -> Incident:
    incs = _incidents(ex, text)
    assert len(incs) == 1, [i.summary for i in incs]
    return incs[0]


def _actor1(inc: Incident) -> str | None:
    return inc.actor1.name if inc.actor1 else None


def _actor2(inc: Incident) -> str | None:
    return inc.actor2.name if inc.actor2 else None


def _evidence(inc: Incident, field: str) -> list[str]:
    return [e.text for e in inc.evidence if e.field == field]


@pytest.mark.parametrize("r", list(rules_of("acted-upon")), ids=lambda r: r.name)
def test_acted_upon_rule_names_actor2_on_its_example(r: Rule, extractor: Extractor) -> None:
    text, want = r.example
    on = _one(extractor, text)
    assert _actor2(on) == want
    # The side acted upon carries the words that tell it (provenance).
    assert _evidence(on, "actor2")
    off = _one(_without(extractor, r.name), text)
    assert _actor2(off) != want


# ---- detainees suspected of a group ----


@pytest.mark.parametrize(
    "text",
    [
        "Kurdish security forces detained seven men suspected of belonging to Islamic State"
        " in a raid on a village near Kirkuk on Wednesday.",
        "Police in Kirkuk arrested four suspected Islamic State militants at a checkpoint on"
        " Wednesday, a police spokesman said.",
    ],
)
def test_suspects_held_are_coded_as_the_group(extractor: Extractor, text: str) -> None:
    inc = _one(extractor, text)
    assert _actor2(inc) == "Islamic State (Iraq)"


def test_a_suspected_bombing_keeps_its_doer_unidentified(extractor: Extractor) -> None:
    # Suspicion of a deed is no attribution (codebook 5a): no one is held here.
    inc = _one(
        extractor,
        "A car bomb killed six people at a market in Kirkuk on Wednesday in a suspected"
        " Islamic State attack, police said.",
    )
    assert _actor1(inc) == "Unidentified Armed Group (Iraq)"
    assert _actor2(inc) != "Islamic State (Iraq)"


# ---- the militants the incident names ----


def test_two_groups_with_the_noun_leave_the_militants_unnamed(extractor: Extractor) -> None:
    # Which group's militants died is not told: no one group is named with the noun.
    text = (
        "Islamic State militants and al-Nusra militants fought Syrian troops near Palmyra on"
        " Monday. Dozens of militants were killed, a monitor said."
    )
    for inc in _incidents(extractor, text):
        assert _actor2(inc) not in ("Islamic State (Syria)", "Jabhat al Nusra")


# ---- victims of an attack are civilians ----


def test_a_lone_victim_shot_by_gunmen_is_a_civilian_attack(extractor: Extractor) -> None:
    text = (
        "A tax collector was shot dead by gunmen in a passing car as he left his office in"
        " Baquba on Sunday, police said."
    )
    on = _one(extractor, text)
    assert _actor2(on) == "Civilians (Iraq)"
    assert on.sub_event_type == "Attack"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # The toll counts a force: that force is actor2, never civilians.
        (
            "Two soldiers were killed when a roadside bomb hit their patrol near Tikrit on Sunday.",
            "Military Forces of Iraq",
        ),
        # A force's post hit: the attack was on the force.
        (
            "Gunmen attacked a police checkpoint near Samarra on Sunday, killing three.",
            "Police Forces of Iraq",
        ),
    ],
)
def test_a_force_counted_or_hit_is_no_civilian(extractor: Extractor, text: str, want: str) -> None:
    assert _actor2(_one(extractor, text)) == want


def test_a_state_force_shooting_close_names_no_civilians(extractor: Extractor) -> None:
    # Whom police shot in a raid the text does not say: no side is invented.
    inc = _one(extractor, "Police opened fire during a raid in Basra on Sunday, killing two.")
    assert _actor2(inc) != "Civilians (Iraq)"


def test_suspects_held_after_a_bombing_leave_its_victims(extractor: Extractor) -> None:
    # The arrests are told with the bombing: its side acted upon stays the tourists.
    text = (
        "Police in Istanbul detained four Syrians suspected of links with Islamic State on"
        " Wednesday after a suicide bomber killed ten German tourists in the old city on"
        " Tuesday."
    )
    for inc in _incidents(extractor, text):
        if inc.sub_event_type == "Suicide bomb":
            assert _actor2(inc) != "Islamic State (Turkey)"


# ---- a coalition of others ----

COALITION = "A coalition of rebel factions stormed an army post near Hama on Saturday."


def test_a_coalition_of_factions_is_those_factions(extractor: Extractor) -> None:
    on = _one(extractor, COALITION)
    assert _actor1(on) == "Opposition Rebels (Syria)"
    assert _actor2(on) == "Military Forces of Syria"
    off = _one(_without(extractor, "a coalition of others"), COALITION)
    assert _actor1(off) == "Global Coalition Against Daesh"


@pytest.mark.parametrize(
    "text",
    [
        "The coalition struck an Islamic State convoy near Raqqa on Saturday, killing nine.",
        "A coalition of Western countries struck an Islamic State convoy near Raqqa on"
        " Saturday, killing nine.",
    ],
)
def test_the_coalition_itself_stays_the_coalition(extractor: Extractor, text: str) -> None:
    assert _actor1(_one(extractor, text)) == "Global Coalition Against Daesh"


def test_a_paramilitary_group_hit_is_the_side_acted_upon(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A roadside bomb hit a vehicle carrying members of a Shi'ite paramilitary group near"
        " Baquba on Sunday, killing three of them.",
    )
    assert _actor2(inc) == "Popular Mobilization Forces"


# ---- a force's uniform worn ----


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen wearing military uniforms kidnapped three engineers from a building site in"
        " Baghdad on Friday.",
        "Three men dressed as police officers opened fire on worshippers at a mosque in Baquba"
        " on Friday, killing five.",
        "Gunmen disguised as soldiers stormed a wedding party in Diyala on Friday, killing four"
        " guests.",
    ],
)
def test_a_disguise_names_no_force(extractor: Extractor, text: str) -> None:
    inc = _one(extractor, text)
    assert _actor1(inc) == "Unidentified Armed Group (Iraq)"
    assert _actor2(inc) == "Civilians (Iraq)"
    off = _one(_without(extractor, "a force's uniform worn"), text)
    assert (_actor1(off), _actor2(off)) != (_actor1(inc), _actor2(inc))


def test_soldiers_in_uniform_are_still_soldiers(extractor: Extractor) -> None:
    inc = _one(extractor, "Soldiers in uniform opened fire on protesters in Basra on Friday.")
    assert "Military Forces of Iraq" in (_actor1(inc), _actor2(inc))


def test_a_member_counted_is_no_civilian(extractor: Extractor) -> None:
    # The victim belongs to a group the actor table does not know: not a civilian.
    inc = _one(
        extractor,
        "Gunmen shot and wounded a Jaish al-Furat member near Tweis in the Aleppo countryside"
        " on Sunday. He died a day later.",
    )
    assert _actor2(inc) != "Civilians (Syria)"


# ---- a group's post hit is not the bomber ----

POST = "A car bomb exploded at a checkpoint run by rebels near Idlib on Monday, killing six people."


def test_a_group_whose_post_is_hit_is_acted_upon(extractor: Extractor) -> None:
    on = _one(extractor, POST)
    assert (_actor1(on), _actor2(on)) == (
        "Unidentified Armed Group (Syria)",
        "Opposition Rebels (Syria)",
    )
    off = _one(_without(extractor, "a group's post hit is not the bomber"), POST)
    assert _actor1(off) == "Opposition Rebels (Syria)"


@pytest.mark.parametrize(
    "text",
    [
        # The rebels' own car carried the bomb: they are its doer.
        "A car driven by rebels exploded at an army checkpoint near Idlib on Monday, killing"
        " six soldiers.",
        "A car bomb planted by rebels exploded at an army checkpoint near Idlib on Monday,"
        " killing six soldiers.",
    ],
)
def test_a_group_that_brings_the_bomb_stays_its_doer(extractor: Extractor, text: str) -> None:
    assert _actor1(_one(extractor, text)) == "Opposition Rebels (Syria)"


# ---- victims named by nationality and trade (generic_actors.tsv) ----


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "A truck bomb exploded at a petrol station south of Hilla on Thursday, killing 50"
            " people, most of them Iranian pilgrims.",
            "Civilians (Iran)",
        ),
        (
            "Gunmen kidnapped 11 Turkish construction workers from a building site in Baghdad on"
            " Friday.",
            "Civilians (Turkey)",
        ),
        # Victims of the country itself stay its civilians.
        (
            "A car bomb killed six Iraqi workers at a market in Hilla on Thursday.",
            "Civilians (Iraq)",
        ),
    ],
)
def test_victims_by_nationality_and_trade(extractor: Extractor, text: str, want: str) -> None:
    assert _actor2(_one(extractor, text)) == want


# ---- a state force is no suicide bomber ----

CHASED = (
    "Iraqi troops chased a suicide car bomber who blew himself up near a market in Samarra on"
    " Sunday, killing five people."
)


def test_a_force_in_a_suicide_bombing_is_not_the_bomber(extractor: Extractor) -> None:
    on = _one(extractor, CHASED)
    assert _actor1(on) == "Unidentified Armed Group (Iraq)"
    # The people the bomb killed stay the side acted upon.
    assert _actor2(on) == "Civilians (Iraq)"
    off = _one(_without(extractor, "a state force is no suicide bomber"), CHASED)
    assert _actor1(off) == "Military Forces of Iraq"


def test_a_force_that_shoots_its_suicide_attacker_is_attacked(extractor: Extractor) -> None:
    # The rules before decide: the bomber came for the troops.
    inc = _one(
        extractor,
        "Troops opened fire on a suicide bomber who then blew himself up at a checkpoint near"
        " Samarra on Sunday, killing five people.",
    )
    assert _actor1(inc) == "Unidentified Armed Group (Iraq)"
    assert _actor2(inc) == "Military Forces of Iraq"


# ---- a force in support ----

BACKED = (
    "Backed by coalition air strikes, Iraqi troops retook the village of Hajj Ali from Islamic"
    " State on Sunday."
)


def _assoc1(inc: Incident) -> list[str]:
    return [a.name for a in inc.assoc_actors1]


def test_a_backing_force_is_associated_with_the_side_it_backs(extractor: Extractor) -> None:
    on = _one(extractor, BACKED)
    assert (_actor1(on), _actor2(on)) == ("Military Forces of Iraq", "Islamic State (Iraq)")
    assert _assoc1(on) == ["Global Coalition Against Daesh"]
    # The associated actor carries its words too.
    assert "coalition air strikes" in _evidence(on, "assoc_actors1")
    off = _one(_without(extractor, "a force in support"), BACKED)
    assert _actor1(off) == "Global Coalition Against Daesh"


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi forces, with air support from the U.S.-led coalition, retook the town of Rutba"
        " from Islamic State on Sunday.",
        "U.S.-backed Syrian Democratic Forces captured the village of Karama east of Raqqa from"
        " Islamic State on Tuesday. Hundreds of U.S. Marines are deployed in northern Syria to"
        " support the offensive.",
    ],
)
def test_a_backer_is_not_the_side_acted_upon(extractor: Extractor, text: str) -> None:
    inc = _one(extractor, text)
    assert _actor2(inc) is not None and _actor2(inc) not in (
        "Global Coalition Against Daesh",
        "Military Forces of the United States",
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # A strike of its own: the coalition struck, it backed no one here.
        ("Coalition air strikes killed 20 Islamic State militants near Mosul on Sunday.",
         "Global Coalition Against Daesh"),
        # What else happened is no purpose: the fleeing fighters back no one.
        ("Iraqi troops stormed the village of Hajj Ali on Sunday and Islamic State fighters"
         " fled, helping the advance on Mosul.", "Military Forces of Iraq"),
    ],
)  # fmt: skip
def test_a_force_acting_is_no_backer(extractor: Extractor, text: str, want: str) -> None:
    inc = _one(extractor, text)
    assert _actor1(inc) == want
    assert _assoc1(inc) == []


@pytest.mark.parametrize("r", list(rules_of("supporting-actor")), ids=lambda r: r.name)
def test_support_rule_fires_on_its_example(r: Rule, extractor: Extractor) -> None:
    text, words = r.example
    doc = extractor.nlp(text)
    start = text.index(words)
    span = doc.char_span(start, start + len(words))
    assert span is not None
    assert r(span, extractor.pack) is True


# ---- the other side of a battle ----


def test_a_battle_with_one_other_side_named(extractor: Extractor) -> None:
    text = (
        "Islamic State fighters attacked a village near Kirkuk on Tuesday, killing 12 people,"
        " and fought Peshmerga forces who rushed to the area."
    )
    on = _one(extractor, text)
    assert on.sub_event_type == "Armed clash"
    assert _actor2(on) == "Peshmerga (Kurdistan Regional Government)"
    off = _one(_without(extractor, "the other side of a battle"), text)
    assert _actor2(off) == "Civilians (Iraq)"


# ---- a group struck from the air ----

STRUCK = (
    "Aircraft struck a command post in the hills near Derik on Tuesday, killing 20 fighters"
    " and media workers, said the YPG, the main force in the Syrian Democratic Forces."
)


def test_a_group_in_an_air_strike_was_struck(extractor: Extractor) -> None:
    on = _one(extractor, STRUCK)
    assert _actor1(on) is None
    assert _actor2(on) == "QSD: Syrian Democratic Forces"
    off = _one(_without(extractor, "a group struck from the air"), STRUCK)
    assert _actor1(off) == "QSD: Syrian Democratic Forces"


def test_a_group_flying_drones_stays_their_doer(extractor: Extractor) -> None:
    inc = _one(
        extractor, "Islamic State drones attacked an army post near Mosul on Tuesday, killing"
        " two soldiers."
    )  # fmt: skip
    assert _actor1(inc) == "Islamic State (Iraq)"


def test_a_bare_count_keeps_the_type_its_words_give(extractor: Extractor) -> None:
    # "killing three" names no one: no civilians are invented to turn the fight into an attack.
    text = (
        "Islamic State fighters struck Tuz Khurmatu twice on Sunday, killing three and wounding"
        " six."
    )
    for inc in _incidents(extractor, text):
        assert inc.sub_event_type != "Attack"
        assert _actor2(inc) != "Civilians (Iraq)"

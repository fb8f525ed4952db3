"""Actor and type rules (issue 12; codebook 3, 4 and 5a): who is a party, who acted, what
kind of event. Each rule on its own example, then on whole reports. Texts written for
these tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from incidentwatch.extract.actors import resolve_entry, unidentified_group
from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import Rule, rules_of
from incidentwatch.extract.rules.actors import AIR_SUBEVENTS, OtherSentence
from incidentwatch.extract.stages.cues import find_cues
from incidentwatch.records import Article, Incident

PACK = get_pack("en")
PUB = "2016-05-10"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _incidents(ex: Extractor, text: str) -> list[Incident]:
    return ex.extract(Article(article_id="actors", text=text, published_at=PUB))


def _one(ex: Extractor, text: str) -> Incident:
    incs = _incidents(ex, text)
    assert len(incs) == 1, [i.summary for i in incs]
    return incs[0]


def _span(ex: Extractor, text: str, words: str) -> Span:
    doc = ex.nlp(text)
    start = text.index(words)
    span = doc.char_span(start, start + len(words))
    assert span is not None
    return span


def _without(ex: Extractor, name: str) -> Extractor:
    return Extractor(nlp=ex.nlp, geocoder=ex.geocoder, disabled_rules=[name])


def _actor1(inc: Incident) -> str | None:
    return inc.actor1.name if inc.actor1 else None


@pytest.mark.parametrize(
    "r",
    [*rules_of("actor-mention"), *rules_of("suspected-actor"), *rules_of("state-actor")],
    ids=lambda r: r.name,
)
def test_mention_rule_fires_on_its_example(r: Rule, extractor: Extractor) -> None:
    text, words = r.example
    assert r(_span(extractor, text, words), PACK) is True


@pytest.mark.parametrize("r", list(rules_of("type-cue")), ids=lambda r: r.name)
def test_type_cue_rule_fires_on_its_example(r: Rule, extractor: Extractor) -> None:
    text, word = r.example
    doc = extractor.nlp(text)
    cues = [c for c in find_cues(extractor, doc) if text[c.start : c.end].startswith(word)]
    assert cues, word
    cats = frozenset(c.cat for c in find_cues(extractor, doc))
    assert any(r(c, cats, PACK) for c in cues)
    # Switched off, the example is typed by the word the rule leaves out.
    on, off = _one(extractor, text), _one(_without(extractor, r.name), text)
    assert on.sub_event_type != off.sub_event_type


@pytest.mark.parametrize("r", list(rules_of("actor1")), ids=lambda r: r.name)
def test_actor1_rule_names_an_unidentified_group(r: Rule, extractor: Extractor) -> None:
    text, _word = r.example
    on = _one(extractor, text)
    if on.sub_event_type in AIR_SUBEVENTS:
        # No armed group flies: the strike's doer is the air force the article names, or none
        # (rule "a group struck from the air", actor10).
        assert _actor1(on) is None
        assert _actor1(_one(_without(extractor, r.name), text)) is not None
        return
    assert (_actor1(on) or "").startswith("Unidentified Armed Group (")
    # The evidence of an unnamed doer is the event's own words.
    assert any(e.field == "actor1" and e.text for e in on.evidence)
    off = _one(_without(extractor, r.name), text)
    assert not (_actor1(off) or "").startswith("Unidentified Armed Group")


@pytest.mark.parametrize("r", list(rules_of("article-actor")), ids=lambda r: r.name)
def test_article_actor_rule_fires_on_its_example(r: Rule, extractor: Extractor) -> None:
    text, doer, sub_event, *own = r.example
    span = _span(extractor, text, doer)
    own_span = _span(extractor, text, own[0]) if own else None
    assert r(OtherSentence(span.sent, sub_event, span, own_span), PACK) is True


def test_claims_of_other_attacks_name_no_doer(extractor: Extractor) -> None:
    (r,) = [x for x in rules_of("article-actor") if x.name == "claimed responsibility"]
    for text in (
        "The group claimed responsibility for similar attacks in the past.",
        "No group claimed responsibility for the blast.",
        "The group claimed responsibility for that attack on a hotel.",
    ):
        span = _span(extractor, text, "group")
        assert r(OtherSentence(span.sent, "Attack", span), PACK) is False, text


def test_a_force_that_denies_the_strike_is_not_its_doer(extractor: Extractor) -> None:
    (r,) = [x for x in rules_of("article-actor") if x.name == "the air force told"]
    text = "Russian warplanes did not strike the town, the ministry said."
    span = _span(extractor, text, "Russian warplanes")
    assert r(OtherSentence(span.sent, "Air/drone strike", span), PACK) is False
    text = "The coalition dropped leaflets over the city after the air strikes."
    span = _span(extractor, text, "The coalition")
    assert r(OtherSentence(span.sent, "Air/drone strike", span), PACK) is False


def test_unnamed_strike_takes_the_air_force_the_article_names(extractor: Extractor) -> None:
    incs = _incidents(
        extractor,
        "Air strikes hit a bakery in Raqqa on Thursday, killing 12 people. The coalition "
        "carried out 20 air strikes against Islamic State positions across Syria on "
        "Thursday, a statement said.",
    )
    bakery = [i for i in incs if i.fatalities.best == 12]
    assert bakery and _actor1(bakery[0]) == "Global Coalition Against Daesh"


def test_police_who_report_the_bombing_are_not_its_doer(extractor: Extractor) -> None:
    inc = _one(extractor, "Police said a roadside bomb killed three farmers near Kirkuk on Sunday.")
    assert _actor1(inc) == "Unidentified Armed Group (Iraq)"


def test_suspected_group_is_unidentified_and_marked(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Five people were killed on Sunday in a suspected attack by Kurdish militants on a "
        "bus station in Diyarbakir.",
    )
    assert inc.actor1 is not None
    assert inc.actor1.name == "Unidentified Armed Group (Turkey)"
    assert (inc.actor1.model_extra or {}).get("suspected") is True
    assert inc.actor1.mention == "Kurdish militants"


def test_a_named_doer_is_not_suspected(extractor: Extractor) -> None:
    inc = _one(
        extractor, "Kurdish militants attacked a bus station in Diyarbakir on Sunday, killing five."
    )
    assert _actor1(inc) == "PKK: Kurdistan Workers Party"
    assert not (inc.actor1.model_extra or {}).get("suspected") if inc.actor1 else False


def test_claim_names_the_doer_in_the_incidents_country(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A car bomb killed nine soldiers at a checkpoint in Aden on Monday. Islamic State "
        "claimed responsibility for the attack in a statement on its news agency.",
    )
    assert _actor1(inc) == "Islamic State (Yemen)"


def test_unclaimed_attack_keeps_an_unidentified_doer(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A car bomb killed nine soldiers at a checkpoint in Aden on Monday. Nobody has "
        "claimed the bombing. Islamic State claimed responsibility for a mosque attack "
        "in the city in 2015.",
    )
    assert _actor1(inc) == "Unidentified Armed Group (Yemen)"


def test_actor_of_a_dated_earlier_attack_is_not_the_doer(extractor: Extractor) -> None:
    incs = _incidents(
        extractor,
        "A roadside bomb killed two soldiers near Baiji on Sunday. A 2004 al-Qaeda-linked "
        "ambush on the same road killed nine drivers.",
    )
    assert incs
    assert all(_actor1(i) != "Al Qaeda" for i in incs)


def test_lone_attacker_who_invokes_a_group_is_unidentified(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A teenager stabbed a rabbi in Lyon on Monday and told police he acted in the name "
        "of Islamic State.",
    )
    assert _actor1(inc) != "Islamic State (France)"


def test_both_sides_of_a_battle_first_told_acts(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Dozens of fighters were killed on Tuesday in a battle between rebels and government "
        "forces in the south of Aleppo.",
    )
    assert _actor1(inc) == "Opposition Rebels (Syria)"
    assert inc.actor2 is not None and inc.actor2.name == "Military Forces of Syria"


def test_territory_retaken_is_still_regained(extractor: Extractor) -> None:
    inc = _one(
        extractor, "Iraqi forces retook the town of Hit from Islamic State fighters on Sunday."
    )
    assert inc.sub_event_type == "Government regains territory"


def test_hotel_retaken_from_gunmen_is_not_territory(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Soldiers retook the hotel from the gunmen in Bamako on Saturday after a night of "
        "fighting that killed twelve guests.",
    )
    # Storming a held building is fighting for it (codebook 5a), not territory changing hands.
    assert inc.sub_event_type == "Armed clash"


def test_son_freed_is_not_territory(extractor: Extractor) -> None:
    for inc in _incidents(
        extractor,
        "The kidnapped son of a provincial governor was freed by commandos near Ghazni on "
        "Tuesday, officials said.",
    ):
        assert inc.sub_event_type != "Government regains territory"


def test_hostages_in_an_attack_do_not_make_an_abduction(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Gunmen stormed a cafe in Dhaka on Friday night, killing 20 diners and taking "
        "dozens of hostages.",
    )
    assert inc.sub_event_type != "Abduction/forced disappearance"


def test_kidnapping_alone_is_still_an_abduction(extractor: Extractor) -> None:
    inc = _one(extractor, "Gunmen kidnapped two engineers near Kirkuk on Monday.")
    assert inc.sub_event_type == "Abduction/forced disappearance"


def test_bombs_carried_by_gunmen_do_not_make_a_blast(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Assailants armed with crude bombs and knives attacked a police checkpoint in "
        "Dinajpur on Thursday, killing a policeman.",
    )
    assert inc.sub_event_type != "Remote explosive/landmine/IED"


def test_a_bomb_that_explodes_is_still_a_blast(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "A bomb exploded at a market in Kirkuk on Thursday, killing four shoppers.",
    )
    assert inc.sub_event_type == "Remote explosive/landmine/IED"
    assert _actor1(inc) == "Unidentified Armed Group (Iraq)"


def test_al_qaeda_in_the_sahel_is_aqim(extractor: Extractor) -> None:
    kb = extractor.kb
    entries = extractor.actor_matcher.by_key["al qaeda"]
    aqim = resolve_entry(entries, "BF", kb)
    assert aqim is not None and aqim.name == "AQIM: Al Qaeda in the Islamic Maghreb"
    core = resolve_entry(entries, "IQ", kb)
    assert core is not None and core.name == "Al Qaeda"


def test_unidentified_group_needs_a_country(extractor: Extractor) -> None:
    assert unidentified_group(extractor.kb, None) is None
    uag = unidentified_group(extractor.kb, "SA")
    assert uag is not None and uag.name == "Unidentified Armed Group (Saudi Arabia)"


def test_claim_that_names_another_place_is_of_another_attack(extractor: Extractor) -> None:
    incs = _incidents(
        extractor,
        "A car bomb killed nine soldiers at a checkpoint in Aden on Monday. On Tuesday "
        "gunmen attacked a police station in Mukalla, killing two officers. Islamic State "
        "later claimed responsibility for the raid in Mukalla in a statement.",
    )
    by_place = {i.location.name: _actor1(i) for i in incs if i.location is not None}
    assert by_place.get("Aden") == "Unidentified Armed Group (Yemen)"
    assert by_place.get("Mukalla") == "Islamic State (Yemen)"


def test_seizing_control_of_a_paper_is_no_weapons_seizure(extractor: Extractor) -> None:
    for inc in _incidents(
        extractor,
        "Police fired tear gas at hundreds of readers outside the newspaper in Istanbul on "
        "Saturday after authorities seized control of it.",
    ):
        assert inc.sub_event_type != "Disrupted weapons use"


def test_agent_of_strikes_carried_out_flies_them(extractor: Extractor) -> None:
    incs = _incidents(
        extractor,
        "Strikes hit a school in Manbij on Monday, killing nine children. Dozens of air "
        "strikes were carried out by the coalition around the town that day, monitors said.",
    )
    school = [i for i in incs if i.fatalities.best == 9]
    assert school and school[0].sub_event_type == "Air/drone strike"
    assert _actor1(school[0]) == "Global Coalition Against Daesh"


def test_civilians_never_initiate_a_seizure(extractor: Extractor) -> None:
    for inc in _incidents(
        extractor,
        "The driver's rifle was confiscated by the police at a checkpoint in Erbil on Monday.",
    ):
        assert inc.actor1 is None or inc.actor1.type != 7


def test_generic_forces_never_default_to_iraq(extractor: Extractor) -> None:
    kb, by_key = extractor.kb, extractor.actor_matcher.by_key
    assert resolve_entry(by_key["police"], None, kb) is None
    assert resolve_entry(by_key["soldiers"], None, kb) is None
    police = resolve_entry(by_key["police"], "BF", kb, "Burkina Faso")
    assert police is not None and police.name == "Police Forces of Burkina Faso"
    # A group's own name still resolves without a country.
    peshmerga = resolve_entry(by_key["peshmerga"], None, kb)
    assert peshmerga is not None and peshmerga.name.startswith("Peshmerga")


def test_a_state_that_launches_strikes_is_its_military(extractor: Extractor) -> None:
    text = (
        "Russia launched air strikes on rebel-held villages north of Aleppo on Tuesday, "
        "killing 14 fighters, a monitoring group said."
    )
    inc = _one(extractor, text)
    assert _actor1(inc) == "Military Forces of Russia"
    assert any(e.field == "actor1" and e.text == "Russia" for e in inc.evidence)
    # Without the rule the country is only a place, and Russia is not the doer.
    off = _one(_without(extractor, "a state that strikes is its military"), text)
    assert _actor1(off) != "Military Forces of Russia"


def test_a_state_that_shells_is_its_military(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Turkey shelled Islamic State positions near Dabiq in northern Syria on Friday, "
        "killing 20 militants, the army said.",
    )
    assert _actor1(inc) == "Military Forces of Turkey"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Lebanon's news agency said a car bomb killed six people in Beirut on Friday.", "Lebanon"),
        ("Turkey said a car bomb killed eight people in Ankara on Sunday.", "Turkey"),
        ("Gunmen killed five shepherds near Mardin in Turkey on Monday.", "Turkey"),
        ("Russia denied that its jets bombed a hospital in Idlib on Monday.", "Russia"),
    ],
)
def test_a_country_that_reports_owns_or_hosts_does_not_act(
    text: str, country: str, extractor: Extractor
) -> None:
    [r] = rules_of("state-actor")
    assert r(_span(extractor, text, country), PACK) is False
    names = {s.text for s in extractor.actor_matcher.find(extractor.nlp(text))}
    assert country not in names

"""Detection on long reports (issue 12): background told around the news is not an
incident. Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article

# A wire-length story (over 1,000 characters): one dated incident in a town, then
# background a reader should not get as incidents.
_NEWS = (
    "A car bomb exploded near a vegetable market in Tuz Khurmatu on Tuesday, killing "
    "seven people and wounding 19 others, police and hospital sources said. The blast "
    "went off at midday as shoppers crowded the stalls, and ambulances took the wounded "
    "to the town hospital. No group immediately claimed the bombing. "
)
_BACKGROUND = (
    "The United States and its allies are carrying out air strikes against the militants "
    "in Syria and Iraq. The war has killed more than 250,000 people since it began. "
    "One civilian is killed every two hours in the country, a monitoring group says. "
    "The truce does not cover the militant groups, diplomats say. "
    "Police evacuated a shopping centre in the capital after a bomb threat. "
    '"Kill them all," some in the crowd chanted at the funeral. '
    "Regional officials have long warned that the security situation in the province "
    "remains fragile, and aid agencies say thousands of families have been displaced "
    "from villages in the surrounding area over the past two years, with many living "
    "in camps where services are scarce and jobs are hard to find."
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _extract(ex: Extractor, text: str) -> list[tuple[str, int | None]]:
    art = Article(article_id="det", text=text, published_at="2016-05-12")
    return [(i.sub_event_type, i.fatalities.best) for i in ex.extract(art)]


def test_background_around_one_incident_is_not_incidents(extractor: Extractor) -> None:
    text = _NEWS + _BACKGROUND
    assert len(text) > 1000
    got = _extract(extractor, text)
    assert len(got) == 1, got
    assert got[0][1] == 7


_RULE_SENTENCES = {
    "ongoing or habitual": "Government troops are fighting the militants in the mountains.",
    "a war's toll": "The war has killed more than 250,000 people in the country.",
    "a rate": "One civilian is killed every two hours in the province.",
    "truce word": "The truce does not cover the militant groups in the north.",
    "threat or plan": "Police evacuated a shopping centre after a bomb threat.",
    "imperative": "Kill the traitors, the crowd chanted at the funeral in Najaf.",
    "a slogan in quotes": 'A boy at the rally carried a banner that said: "Kill the tyrant."',
    "negated by its determiner": "Guards searched the bus in Erbil but no bomb was found.",
    "a running toll": "The latest fighting near Tal Afar has killed about 200 people.",
    "a road accident": "A speeding truck struck and killed a farmer on the highway near Kut.",
    "an earlier event named as such": "Two recent car bomb attacks in Basra killed 30 people.",
    "crime online": "Hackers behind the theft were linked to an attack on a bank in Amman.",
    "a question": "Who attacked the police station in Samarra last night?",
    "an idiom": "Critics in Basra said the oil agreement the government struck was unfair.",
    "a diplomatic agreement": "Iraq and Jordan signed an agreement in Amman on Monday to "
    "expand trade.",
    "a bomb said to be there": "A caller told police in Erbil that a bomb was on a bus to Kirkuk.",
    "a word quoted": 'Guards in Basra found a bag with "bomb" painted on its side.',
    "a standing target": "Farms in the province have been attacked by the militants.",
    "what should stop": "The elders asked the envoy to make the army stop shelling them.",
    "a vehicle accident": "Three men died on Friday night when a minibus overturned on "
    "the road to Kut.",
    "celebratory gunfire": "Stray bullets fired during wedding celebrations in Basra "
    "killed a girl on Sunday.",
    "a share destroyed": "In the old city, more than 60% of the houses were damaged or destroyed.",
    "a habit named by its adjective": "The town is known for the banners its people "
    "carried at weekly protests.",
    "a weapon kept": "Several militias still keep heavy weapons of their own in the south.",
}


@pytest.mark.parametrize("rule", sorted(_RULE_SENTENCES))
def test_each_background_rule_on_its_own_sentence(extractor: Extractor, rule: str) -> None:
    # Told alone (a short report), the sentence is no incident; with the rule switched
    # off it becomes one: the rule, not another, removes it.
    text = _RULE_SENTENCES[rule]
    off = Extractor(nlp=extractor.nlp, disabled_rules=[rule])
    assert _extract(extractor, text) == []
    assert _extract(off, text) != []


def test_a_war_length_does_not_date_a_standing_war(extractor: Extractor) -> None:
    # "for nearly four years" is how long a war has gone on, not the day of an incident.
    text = (
        "Kurdish fighters who have been battling the militants for nearly four years "
        "are short of ammunition."
    )
    off = Extractor(nlp=extractor.nlp, disabled_rules=["ongoing or habitual"])
    assert _extract(extractor, text) == []
    assert _extract(off, text) != []


def test_a_ceasefire_between_the_fighting_sides_is_an_agreement(extractor: Extractor) -> None:
    text = "Rebels and government forces signed a ceasefire in Homs on Monday."
    assert [t for t, _ in _extract(extractor, text)] == ["Agreement"]


def test_people_at_risk_of_dying_are_no_deaths(extractor: Extractor) -> None:
    text = "Aid workers said on Monday that children in the besieged town risk dying of hunger."
    assert _extract(extractor, text) == []


def test_fighting_for_two_days_is_still_news(extractor: Extractor) -> None:
    # A short duration tells a battle going on now: still one incident.
    text = "Iraqi troops have been battling the militants in the centre of Hit for two days."
    assert _extract(extractor, text) != []


def test_a_country_level_mention_is_kept_when_the_story_dates_nothing(
    extractor: Extractor,
) -> None:
    # Undated story (no publication date): a mention placed in a country stays an incident.
    text = (
        "Prisoners staged a rebellion in a jail in northern Syria and tried to break out "
        "with help from fighters outside. " + _BACKGROUND
    )
    art = Article(article_id="det", text=text, published_at=None)
    got = [i.sub_event_type for i in extractor.extract(art)]
    assert got, "the jail uprising was dropped"


def test_country_level_undated_mention_beside_a_dated_incident_is_dropped(
    extractor: Extractor,
) -> None:
    separately = "Separately, government warplanes bombed rebel positions in Syria. "
    text = _NEWS + separately + _BACKGROUND
    got = _extract(extractor, text)
    assert len(got) == 1, got


def test_a_dateline_city_abroad_is_not_the_place(extractor: Extractor) -> None:
    text = (
        "MOSCOW (Wire) - Russian warplanes bombed rebel positions near Idlib in northern "
        "Syria on Monday, killing 12 fighters, a monitoring group said."
    )
    art = Article(article_id="det", text=text, published_at="2016-05-12")
    [inc] = extractor.extract(art)
    assert inc.country is not None and inc.country.code == "SY", inc.location


# The dateline city kept as a fallback inside the story's country is exercised by
# tests/extract/test_extract.py::test_series_named_by_place_gives_one_incident_per_place.


def test_a_country_that_speaks_is_not_a_second_place(extractor: Extractor) -> None:
    text = (
        "A gunman opened fire at a wedding party in Kirkuk on Friday, killing five guests. "
        "Germany said one of its nationals was among the dead. "
    ) + _BACKGROUND
    got = _extract(extractor, text)
    assert len(got) == 1, got


def test_a_country_is_not_a_second_named_place(extractor: Extractor) -> None:
    from incidentwatch.extract.registry import rules_of
    from incidentwatch.extract.rules.grouping import Pair
    from incidentwatch.records import Country, Place

    [r] = [x for x in rules_of("grouping") if x.name == "two tolls in two named places"]
    text = "A bomb killed three people in Karrada. Gunmen killed two guards in Mansour."
    ctx = extractor.candidates(Article(article_id="rule", text=text, published_at="2023-05-10"))
    a, b = ctx.candidates[:2]
    assert r(Pair(a, b, False, "violence", "violence")) is False
    # The same later toll placed only in the country ("20 wounded in Iraq") is no second place.
    b.place = Place(name="Iraq", country=Country(code="IQ", name="Iraq"), geo_precision=3)
    assert r(Pair(a, b, False, "violence", "violence")) is None


def test_a_reaction_to_the_told_bombing_is_not_a_second_incident(extractor: Extractor) -> None:
    # The later sentences name the bombing again ("the blast", "Tuesday's bombing") to
    # react to it: one incident, whatever places the reactions bring in.
    text = (
        _NEWS
        + (
            "The government in Baghdad imposed a curfew on the town after the blast. "
            "Tuesday's bombing has angered residents, a local council member in Kirkuk said. "
            "Officials in Ankara gave no details on the explosion. "
        )
        + _BACKGROUND
    )
    got = _extract(extractor, text)
    assert len(got) == 1, got
    off = Extractor(nlp=extractor.nlp, disabled_rules=["a told event named again"])
    assert len(_extract(off, text)) > 1


def test_a_group_described_by_what_it_fights_is_no_clash(extractor: Extractor) -> None:
    text = (
        _NEWS
        + ("Kurdish fighters battling the militants near Sinjar say they lack ammunition. ")
        + _BACKGROUND
    )
    assert len(_extract(extractor, text)) == 1
    off = Extractor(nlp=extractor.nlp, disabled_rules=["a group described by what it fights"])
    assert len(_extract(off, text)) > 1


def test_victims_broken_down_by_nationality_stay_one_incident(extractor: Extractor) -> None:
    text = (
        "Gunmen stormed a hotel in Erbil on Sunday, killing 14 guests and wounding 20. "
        "Three of the dead were Lebanese, the foreign ministry said on Monday. "
        "Five of the wounded were from Jordan, the Jordanian embassy said. "
    ) + _BACKGROUND
    got = _extract(extractor, text)
    assert got == [(got[0][0], 14)], got
    off = Extractor(nlp=extractor.nlp, disabled_rules=["victims of the incident told"])
    assert len(_extract(off, text)) > 1


def test_an_event_last_week_is_background(extractor: Extractor) -> None:
    # Codebook 5a: "last week" does not fix the day.
    text = _NEWS + "Last week a roadside bomb killed two soldiers near Hawija. " + _BACKGROUND
    got = _extract(extractor, text)
    assert len(got) == 1, got


def test_a_definite_event_that_brings_in_a_new_place_is_kept(extractor: Extractor) -> None:
    # "the rebellion ... in a jail": the words bring in something new, so it is no
    # re-mention of an event told before; "the rebellion" alone is.
    from incidentwatch.extract.registry import rules_of
    from incidentwatch.extract.stages.background import why_background

    tables = [rules_of(t) for t in ("background-dependent", "background-governor", "background")]
    lede = "Guards in Hawija were hurt on Monday. "
    for tail, dropped in (
        ("Officials then dealt with the rebellion of inmates in a jail near the town.", False),
        ("Officials then dealt with the rebellion quickly.", True),
    ):
        doc = extractor.nlp(lede + tail + " " + _BACKGROUND * 2)  # a wire-length story
        [tok] = [t for t in doc if t.text == "rebellion"]
        why = why_background(tok, extractor.pack, *tables)
        assert (why is not None and why.startswith("a told event named again")) is dropped, why


def test_they_are_being_bombed_is_a_standing_war(extractor: Extractor) -> None:
    text = _NEWS + "Rebel leaders near Aleppo say they cannot talk while they are being bombed. "
    assert len(_extract(extractor, text + _BACKGROUND)) == 1


# A wire story's middle: words around the news with no event in them.
_FILLER = (
    "Shop owners cleared glass from the pavement in the afternoon and said they would open "
    "again once the street was cleared. The town, home to Turkmen, Arabs and Kurds, has "
    "long been a flashpoint between rival forces, and local leaders called for calm. "
    "Provincial officials met late into the evening to discuss security at markets. "
    "Traders say business has been slow for months, with families spending less on "
    "fruit and meat, and many stalls now stay shut for much of the week. Farmers from "
    "the surrounding villages bring their produce in at dawn, before the heat. Most "
    "of the traders are Turkmen families who have worked in the same stalls for decades. "
)


def test_victims_told_again_join_the_incident(extractor: Extractor) -> None:
    # Told late in a long story, a count of victims with no event, doer, day or scene of
    # its own names victims of the bombing, whatever country their nationality gives them.
    text = _NEWS + _FILLER + "A Jordanian engineer was also killed, Jordan's foreign ministry said."
    assert len(text) > 1000
    assert len(_extract(extractor, text)) == 1
    off = Extractor(nlp=extractor.nlp, disabled_rules=["victims told again"])
    assert len(_extract(off, text)) == 2


_HOST = "A car bomb exploded at a market in Kirkuk on Tuesday, killing seven people."


def _retelling(extractor: Extractor, told_text: str) -> tuple[object, object]:
    """The verdict of "victims told again" on `told_text` after the host bombing, and
    the host."""
    from incidentwatch.extract.registry import rules_of
    from incidentwatch.extract.rules.article import Retelling
    from incidentwatch.extract.stages import grouping

    [r] = [x for x in rules_of("retelling") if x.name == "victims told again"]
    pub = "2016-05-12"
    (host,) = extractor.candidates(Article(article_id="h", text=_HOST, published_at=pub)).candidates
    (told,) = extractor.candidates(
        Article(article_id="t", text=told_text, published_at=pub)
    ).candidates
    pat = extractor.pack.pattern("new-incident")
    assert pat is not None
    case = Retelling(
        told,
        [host, told],
        lambda c: grouping.family(extractor, c),
        lambda c: grouping._sub_event_of(extractor, c),
        lambda c: pat.search(c.text) is not None,
    )
    return r(case), host


@pytest.mark.parametrize(
    "victims",
    [
        "One Egyptian man was among the wounded, his country's embassy said.",
        "An Iranian was also killed, officials said.",
        "Four of the dead were police officers, the mayor said.",
    ],
)
def test_victims_told_again_names_the_incident_before(extractor: Extractor, victims: str) -> None:
    verdict, host = _retelling(extractor, victims)
    assert verdict is host


@pytest.mark.parametrize(
    "other",
    [
        "Elsewhere, one man was killed, police said.",
        "Two people were wounded on Sunday, police said.",
        "Gunmen killed two guards, police said.",
    ],
)
def test_other_victims_stay_their_own_incident(extractor: Extractor, other: str) -> None:
    # Brought in as another event ("elsewhere"), on a day of their own, or with a doer.
    assert _retelling(extractor, other)[0] is None


def test_a_wound_joined_to_a_death_given_as_cause_is_background(extractor: Extractor) -> None:
    text = (
        "The former general was charged in a court in Baghdad for the deaths of nine "
        "people and the wounding of 40 others."
    )
    assert _extract(extractor, text) == []
    off = Extractor(nlp=extractor.nlp, disabled_rules=["a death given as cause or background"])
    assert _extract(off, text) != []


def test_arrests_of_an_incident_told_join_it(extractor: Extractor) -> None:
    # The arrests of the bombing's investigation, with no day of their own, in the town
    # of the bombing, and what the story tells after them, are the bombing told again.
    after = (
        "Police arrested two suspects in Tuz Khurmatu hours later. Four of the dead were teachers."
    )
    text = _NEWS + _FILLER + after
    assert [s for s, _ in _extract(extractor, text)] == ["Remote explosive/landmine/IED"]
    off = Extractor(nlp=extractor.nlp, disabled_rules=["arrests of an incident told"])
    assert len(_extract(off, text)) == 2


def test_arrests_brought_in_as_another_event_stay(extractor: Extractor) -> None:
    text = _NEWS + _FILLER + "Elsewhere, police arrested two suspects in Tuz Khurmatu."
    assert len(_extract(extractor, text)) == 2


def test_a_count_since_a_day_is_a_running_total(extractor: Extractor) -> None:
    # "since 2 May" opens a period: the toll is a running count, not an incident of that
    # day. The same toll told "on 2 May" is one.
    since = "Shelling in Aleppo killed 48 civilians since 2 May, a monitoring group said."
    on = "Shelling in Aleppo killed 48 civilians on 2 May, a monitoring group said."
    assert _extract(extractor, since) == []
    assert [k for _, k in _extract(extractor, on)] == [48]


@pytest.mark.parametrize(
    "text",
    [
        "Two pilgrims were killed in a traffic accident near Karbala on Sunday.",
        "A boy was killed on Friday by men firing into the air at a wedding in Nasiriyah.",
    ],
)
def test_deaths_that_are_not_political_violence(extractor: Extractor, text: str) -> None:
    # A crash named by its noun, shots fired skyward at a feast: no incident.
    assert _extract(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # A bomb in the sentence makes the crash the end of an attack.
        (
            "Five soldiers died on Monday when their truck overturned after it hit a "
            "roadside bomb near Baiji.",
            5,
        ),
        # Attackers, or fire from the air, make a wedding the scene of an attack.
        ("Gunmen opened fire on a wedding party in Diyala on Friday, killing nine guests.", 9),
        ("An air strike hit a wedding celebration near Mosul on Friday, killing 20 people.", 20),
    ],
)
def test_an_attack_told_beside_a_crash_or_a_feast_stays(
    extractor: Extractor, text: str, killed: int
) -> None:
    assert [k for _, k in _extract(extractor, text)] == [killed]


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        # A count of things destroyed is one incident's damage, not a share of a whole.
        (
            "Militants destroyed two houses in the village of Bashir on Monday.",
            "Looting/property destruction",
        ),
        # A habit's protest on a named day may be the one the story tells.
        (
            "Hundreds joined the weekly protest in Sulaimaniya on Friday, and police fired "
            "tear gas.",
            "Protest with intervention",
        ),
        # Weapons carried in an attack are not an arsenal kept.
        (
            "Gunmen with rifles and grenades stormed a police post in Baiji on Sunday, "
            "killing four.",
            None,
        ),
    ],
)
def test_damage_a_habit_or_weapons_told_as_news_stay(
    extractor: Extractor, text: str, sub_event: str | None
) -> None:
    got = [t for t, _ in _extract(extractor, text)]
    assert len(got) == 1, got
    # The type of a gun-and-grenade raid is another rule's business: only its detection here.
    assert sub_event is None or got == [sub_event]

"""Tolls on real news (issue 12, session 9): a count of the badly hurt read as a second
source's full count of the wounded ("two were seriously wounded" beside "15 were
wounded"); bodies counted with no death word ("saw four bodies"); a suicide bomber lost
from a toll once the attackers shot were added to another figure; a series total told in
the second sentence of its telling kept beside its parts; a source told after the toll
("..., the monitor said") counted as one more dead; a toll whose place was carried from
another sentence split off as a second scene. Each test is on text written for it."""

from __future__ import annotations

import pytest

from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import rules_of
from incidentwatch.extract.stages.cues import find_cues
from incidentwatch.records import Article, Incident

PACK = get_pack("en")
PUB = "2016-03-15"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _without(ex: Extractor, name: str) -> Extractor:
    return Extractor(nlp=ex.nlp, geocoder=ex.geocoder, disabled_rules=[name])


def _one(ex: Extractor, text: str) -> Incident:
    incs = ex.extract(Article(article_id="tolls-s9", text=text, published_at=PUB))
    assert len(incs) == 1, [(i.location, i.fatalities, i.injuries) for i in incs]
    return incs[0]


# ------------------------------------------------------------------ a count by severity

BUS_BOMB = (
    "A bomb exploded on a crowded bus in Haifa on Tuesday, wounding at least 12 people, "
    "police said.\n\n"
    "The ambulance service said 12 people were hurt in the blast and were taken to two "
    "hospitals in the city.\n\n"
    "A police spokeswoman said three people sitting near the back of the bus were "
    "seriously wounded, while the others had only cuts from broken glass.\n\n"
    "Investigators were still trying to establish how the device got on board."
)


def test_a_count_by_severity_is_a_lower_bound_not_a_conflict(extractor: Extractor) -> None:
    inc = _one(extractor, BUS_BOMB)
    assert inc.injuries is not None
    assert inc.injuries.best == 12
    assert inc.claim_status != "disputed"


def test_without_the_rule_the_badly_hurt_dispute_the_whole_count(extractor: Extractor) -> None:
    inc = _one(_without(extractor, "a count by severity"), BUS_BOMB)
    assert inc.injuries is not None
    assert inc.injuries.best == 3


def test_a_count_by_severity_alone_is_still_the_figure(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Two farmers were critically injured when a landmine exploded near their field "
        "outside Kirkuk on Tuesday, a police officer said.",
    )
    assert inc.injuries is not None
    assert inc.injuries.best == 2


def test_the_rule_reads_the_severity_on_the_casualty_word(extractor: Extractor) -> None:
    [r] = [x for x in rules_of("counting") if x.name == "a count by severity"]
    doc = extractor.nlp("Four guards were badly injured and nine others were wounded.")
    injured = next(t for t in doc if t.text == "injured")
    wounded = next(t for t in doc if t.text == "wounded")
    assert r(injured, PACK) is True
    assert r(wounded, PACK) is False


def test_fatally_wounded_is_no_severity_count(extractor: Extractor) -> None:
    # "fatally wounded" tells a death, not how badly the living were hurt.
    inc = _one(
        extractor,
        "Gunmen fatally wounded a tribal elder and wounded three of his relatives in an "
        "attack on his house in Baquba on Tuesday, police said.",
    )
    assert inc.fatalities is not None and inc.fatalities.best == 1


# --------------------------------------------------------------------------- a body count

COMPOUND = (
    "Militants attacked a government compound in the Somali town of Baidoa on Tuesday, "
    "starting with a suicide car bomb at the main gate before gunmen forced their way in, "
    "police said.\n\n"
    "A police captain said troops had killed three of the attackers inside the compound.\n\n"
    "He said he had seen five bodies, believed to be those of staff, near the main gate.\n\n"
    "Fighting was still going on in the afternoon, residents said."
)


def test_bodies_counted_are_the_dead(extractor: Extractor) -> None:
    inc = _one(extractor, COMPOUND)
    assert inc.fatalities is not None
    # five bodies, three attackers shot by troops, and the suicide bomber (codebook 5)
    assert inc.fatalities.best == 9
    assert inc.perpetrator_fatalities is not None
    assert inc.perpetrator_fatalities.best == 4
    quotes = {e.text for e in inc.evidence if e.field == "fatalities"}
    assert "five" in quotes


def test_without_the_rule_the_bodies_are_not_counted(extractor: Extractor) -> None:
    inc = _one(_without(extractor, "a body count"), COMPOUND)
    assert inc.fatalities is not None
    assert inc.fatalities.best == 4


def test_bodies_with_no_number_and_other_bodies_are_no_cue(extractor: Extractor) -> None:
    for text in (
        "International bodies have criticised the election law.",
        "Residents said there were bodies in the street after the shelling.",
        "Two governing bodies met in Erbil on Tuesday.",
    ):
        doc = extractor.nlp(text)
        cues = find_cues(extractor, doc)
        assert not any(c.token.lower_ == "bodies" for c in cues), text


# ------------------------------------------------- a series total told in a second sentence

SERIES_IN_SECOND_SENTENCE = (
    "TIKRIT, Iraq - As the army pressed its offensive in the west, two suicide bombers blew "
    "up their cars in Salahuddin province on Tuesday. Together with a roadside bomb, they "
    "killed at least 25 people in three towns of the province, police said.\n\n"
    "The government has promised to tighten security at checkpoints along the highway, and "
    "parliament is due to question the interior minister next week. Shopkeepers say the "
    "markets have emptied since the spring, and many families now keep their children at "
    "home after school.\n\n"
    "The prime minister, who faces pressure from his own coalition over delays to a "
    "cabinet reshuffle, has said the offensive in the west will go on until the last "
    "town is taken, and has asked the allies for more training and equipment for the "
    "police.\n\n"
    "Aid groups say thousands of families who fled the fighting last year are still living "
    "in camps near the provincial capital, and that winter will make matters worse.\n\n"
    "A car bomb in Samarra killed ten people, while in Baiji six were killed by a roadside "
    "bomb. In Tuz Khurmatu, a suicide bomber on foot killed seven people at a checkpoint."
)


def test_a_series_total_told_after_its_first_sentence_gives_way_to_its_parts(
    extractor: Extractor,
) -> None:
    incs = extractor.extract(
        Article(article_id="series-s9", text=SERIES_IN_SECOND_SENTENCE, published_at=PUB)
    )
    places = sorted(i.location.name for i in incs if i.location is not None)
    # The three parts, each with its own toll; no record for the total over the province.
    assert len(incs) == 3, places
    assert places == ["Baiji", "Samarra", "Taza Khurmato"]
    # ten, six, and seven with the suicide bomber (codebook 5)
    assert sorted(i.fatalities.best for i in incs if i.fatalities) == [6, 8, 10]


def test_without_the_rule_the_total_stays_beside_its_parts(extractor: Extractor) -> None:
    incs = _without(extractor, "series total").extract(
        Article(article_id="series-s9", text=SERIES_IN_SECOND_SENTENCE, published_at=PUB)
    )
    assert len(incs) == 4
    assert max(i.fatalities.best for i in incs if i.fatalities) >= 25


# ---------------------------------------------------- a source told after the toll it gives


def test_a_source_after_the_toll_is_no_victim(extractor: Extractor) -> None:
    inc = _one(
        extractor,
        "Rebels clashed with government troops near the town of Khan Touman on Friday, "
        "killing seven soldiers, the Syrian Observatory for Human Rights said.",
    )
    assert inc.fatalities is not None
    assert inc.fatalities.best == 7


def test_a_victim_told_in_apposition_still_counts(extractor: Extractor) -> None:
    # The apposition with its own determiner is another victim, and no verb of saying
    # follows it.
    inc = _one(
        extractor,
        "Gunmen opened fire on a minibus near Baiji on Friday, killing four farmers, the "
        "bus driver, and two soldiers.",
    )
    assert inc.fatalities is not None
    assert inc.fatalities.best == 7


# ----------------------------------------- a toll with a place carried from another sentence

CARRIED_PLACE = (
    "ERBIL - Kurdish fighters battled Islamic State militants on the edge of the town of "
    "Bartella on Monday, killing at least 14 militants, a Kurdish commander said, as the "
    "offensive to retake the city of Mosul went into its third week.\n\n"
    "Two Kurdish fighters were also killed in the fighting, the commander said. Coalition "
    "jets flew overhead through the afternoon.\n\n"
    "More than 30,000 troops, police and militia fighters are taking part in the "
    "campaign, and aid groups have warned that hundreds of thousands of people could be "
    "driven from their homes before the winter. The United Nations has built new camps "
    "in the plains east of the city and says it is ready to receive many more families.\n\n"
    "Officials in the regional government say the campaign has gone faster than planned, "
    "though they expect the hardest part to come when the troops reach the eastern "
    "districts of the city, where the militants have had two years to prepare.\n\n"
    '"We move slowly because the snipers are everywhere," said one fighter, resting beside '
    "an armoured truck. The commander said his men had taken four villages since Saturday."
)


def test_a_toll_with_a_carried_place_is_no_second_scene(extractor: Extractor) -> None:
    incs = extractor.extract(Article(article_id="carried-s9", text=CARRIED_PLACE, published_at=PUB))
    tolls = sorted(i.fatalities.best for i in incs if i.fatalities and i.fatalities.best)
    # 14 militants and the two fighters "also killed": one incident, 16 dead
    assert tolls == [16], [(i.location, i.fatalities) for i in incs]

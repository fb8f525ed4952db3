"""Records that are no incident of their own on long real-news stories (issue 12,
precision): a retelling far from the lead with no place or day (rule "a retelling with
no place or day"), arrests whose later
tellings name the incident's day again, a pronoun "one" read as a figure, a city's
airport read as its government, and a live blog's early doubt about a suicide attack.
Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import rules_of
from incidentwatch.extract.rules.article import Retelling
from incidentwatch.extract.stages import grouping
from incidentwatch.records import Article, Incident

# Sentences with no event in them: they make a story long (a wire story, not a note).
_FILLER = (
    "Shopkeepers cleaned the pavement and said they would reopen once the road "
    "was cleared. The district, a mix of offices and small workshops, has seen heavy "
    "traffic since the new bridge opened, and residents have asked for more buses. "
    "City officials met late into the evening to talk about parking and street lights. "
    "Traders say business has been slow for months, with families spending less on "
    "clothes and food, and many stalls now stay shut for much of the week. Farmers from "
    "the villages nearby bring fruit in on carts each morning and leave before noon, "
    "when the heat makes the trip hard. The old cinema on the corner closed years ago "
    "and is now a warehouse for a furniture dealer who sells to the new flats. Children "
    "walk to the school by the river in groups, and a bakery on the square opens at dawn. "
)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _off(ex: Extractor, *names: str) -> Extractor:
    return Extractor(nlp=ex.nlp, disabled_rules=list(names))


def _run(ex: Extractor, text: str, day: str = "2016-04-20") -> list[Incident]:
    return ex.extract(Article(article_id="wire", text=text, published_at=day))


# ---- a retelling with no place or day ---------------------------------------------------

_BUS = "A bus exploded in Haifa on Monday, wounding 12 people, police said."
_CAR = "A car bomb exploded in Nazareth on Sunday, wounding 12 people."


def _retelling(ex: Extractor, told: str, *hosts: str) -> tuple[object, list[object]]:
    """The verdict of "a retelling with no place or day" on `told` (a telling of its own,
    so no place is carried to it) beside the incidents of `hosts`, and those incidents."""
    [r] = [x for x in rules_of("retelling") if x.name == "a retelling with no place or day"]
    pub = "2016-04-20"
    placed = [
        c for h in hosts
        for c in ex.candidates(Article(article_id="h", text=h, published_at=pub)).candidates
    ]  # fmt: skip
    (cand,) = ex.candidates(Article(article_id="t", text=told, published_at=pub)).candidates
    pat = ex.pack.pattern("new-incident")
    assert pat is not None
    case = Retelling(
        cand,
        [*placed, cand],
        lambda c: grouping.family(ex, c),
        lambda c: grouping._sub_event_of(ex, c),
        lambda c: pat.search(c.text) is not None,
        lambda c: grouping._event_type_of(ex, c),
    )
    return r(case), placed


def test_a_retelling_with_no_place_or_day_joins_the_incident(ex: Extractor) -> None:
    verdict, (host,) = _retelling(
        ex, "A medic said 12 people were wounded in the bus explosion.", _BUS
    )
    assert verdict is host
    # Fewer victims than the incident's toll fit in it (a part of them, told again).
    verdict, (host,) = _retelling(
        ex, "A medic said two people on the bus were badly wounded in the explosion.", _BUS
    )
    assert verdict is host


@pytest.mark.parametrize(
    "told",
    [
        # More victims than the incident has: not the same toll told again.
        "A medic said 30 people were wounded in the bus explosion.",
        # Dead the incident never counted.
        "A medic said three people were killed in the bus explosion.",
        # Brought in as another event.
        "In a separate attack, 12 people were wounded in a bus explosion, a medic said.",
        # A day of its own.
        "A medic said 12 people were wounded in a bus explosion on Tuesday.",
    ],
)
def test_a_telling_that_does_not_fit_stays_apart(ex: Extractor, told: str) -> None:
    assert _retelling(ex, told, _BUS)[0] is None


def test_with_two_placed_incidents_it_cannot_be_said_which(ex: Extractor) -> None:
    told = "A medic said 12 people were wounded in the explosion."
    assert _retelling(ex, told, _BUS + " " + _CAR)[0] is None


# ---- arrests of an incident told --------------------------------------------------------

_MARKET = (
    "A car bomb exploded near a vegetable market in Tuz Khurmatu on Tuesday, killing "
    "seven people and wounding 19 others, police said. " + _FILLER
)


def test_arrests_told_with_the_incidents_day_again_join_it(ex: Extractor) -> None:
    # The last sentence names Tuesday, the bombing's own day, inside the arrests' telling.
    after = (
        "Police arrested two suspects in Tuz Khurmatu hours later. The seven dead were all "
        "men, police said. At least 19 people were wounded in the blast on Tuesday, a "
        "doctor said."
    )
    (inc,) = _run(ex, _MARKET + after, "2016-04-27")
    assert (inc.fatalities.best, inc.injuries.best) == (7, 19)
    assert len(_run(_off(ex, "arrests of an incident told"), _MARKET + after, "2016-04-27")) == 2


def test_arrests_on_another_day_stay_their_own(ex: Extractor) -> None:
    after = "Police arrested two suspects in Tuz Khurmatu on Thursday."
    assert len(_run(ex, _MARKET + after, "2016-04-29")) == 2


# ---- a told event named again: a number word standing for a noun ------------------------


def test_another_one_is_no_figure(ex: Extractor) -> None:
    text = (
        "A suicide bomber blew himself up near a police post in Jeddah on Monday, wounding "
        "two guards, the interior ministry said. "
        + _FILLER
        + "The consulate sent a warning to its citizens on Saturday and another one "
        "after the attack Monday, telling them to avoid crowds."
    )
    (inc,) = _run(ex, text, "2016-07-04")
    assert inc.admin1 is not None and inc.injuries.best == 2
    assert len(_run(_off(ex, "a told event named again"), text, "2016-07-04")) == 2


# ---- possessed site: an airport ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Gunmen stormed Kirkuk's airport on Monday, killing two guards, police said.", "Kirkuk"),
        (
            "Crowds of travellers poured out of Basra's main airport on Monday after a bomb "
            "exploded in a car park.",
            "Al-Basrah",
        ),
    ],
)
def test_a_citys_airport_places_the_event(ex: Extractor, text: str, admin1: str) -> None:
    (inc,) = _run(ex, text)
    assert inc.admin1 == admin1


# ---- suicide attacker survived: a doubt settled by the toll ----------------------------


def test_a_toll_that_counts_the_bombers_settles_an_early_doubt(ex: Extractor) -> None:
    text = (
        "Explosions hit the airport in Baghdad on Tuesday. An official said it was unclear "
        "whether the explosions were caused by suicide bombers. The interior minister "
        "later said 20 people and three suicide bombers died in the attack on the airport."
    )
    (inc,) = _run(ex, text, "2016-06-28")
    assert inc.perpetrator_fatalities.best == 3
    assert inc.fatalities.best == 23


# ---- a condition ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "If Mosul is besieged tomorrow, the families there are going to run out of food.",
        "If Falluja is shelled again, the aid workers are going to leave the city.",
    ],
)
def test_a_condition_is_no_incident(ex: Extractor, text: str) -> None:
    assert _run(ex, text) == []
    assert _run(_off(ex, "a condition"), text) != []


def test_a_plain_report_stays(ex: Extractor) -> None:
    text = "The army attacked the camp near Mosul on Sunday, killing four militants."
    assert len(_run(ex, text)) == 1


# ---- a weapon as a policy topic ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The governor, pushing for new gun control laws, spoke to students in Basra on Friday.",
        "The president, blocked by the gun lobby in Congress, spoke in Warsaw on Friday.",
    ],
)
def test_a_weapon_named_as_a_policy_topic_is_no_attack(ex: Extractor, text: str) -> None:
    assert _run(ex, text) == []
    assert _run(_off(ex, "a weapon as a policy topic"), text) != []


def test_the_policy_rule_is_what_drops_it(ex: Extractor) -> None:
    text = "The senator called again for tighter gun control laws after the vote in the capital."
    rules = [r for r in rules_of("cue") if r.name == "a weapon as a policy topic"]
    assert rules
    (r,) = rules
    doc = ex.nlp(text)
    (gun,) = [t for t in doc if t.lower_ == "gun"]
    assert r(gun, ex.pack)
    (gunmen,) = [t for t in ex.nlp("Gunmen fired a gun at the police post.") if t.lower_ == "gun"]
    assert not r(gunmen, ex.pack)


# ---- a question quoted without its mark -------------------------------------------------


def test_a_quoted_question_without_its_mark_asks(ex: Extractor) -> None:
    text = (
        '"See how they smile. Why do so many of them enjoy killing animals," the man wrote '
        "in a post."
    )
    assert _run(ex, text) == []
    assert _run(_off(ex, "a question"), text) != []


def test_a_question_word_that_tells_stays(ex: Extractor) -> None:
    # "Who" opening a relative clause inside the sentence is no question.
    text = "Police in Kirkuk said on Sunday that the man who killed two guards was arrested."
    assert _run(ex, text) != []


def test_a_relative_who_after_a_comma_is_no_question(ex: Extractor) -> None:
    text = "The gunman, who was armed with a rifle, wounded two guards in Kirkuk on Sunday."
    (inc,) = _run(ex, text)
    assert inc.injuries.best == 2

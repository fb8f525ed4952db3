"""Killed tolls and incidents lost in long articles (issue 12, killed, session 8): a second
strike told with its own doer, weapon and toll joined the first; a sentence naming no place
carried on a reference ("just across from Syria") instead of the town its sentence was
about; "Earlier on Friday, X killed 20, a monitor said" read as an earlier event; "before
killing at least 20" read as background; a kidnapping told as news dropped for want of a
place. Each test is on text written for it."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.rules.grouping import two_tolls_two_doers_two_weapons
from incidentwatch.records import Article, Incident

PUB = "2016-04-12"

# Background that makes each text a long article (the grouping rules for notes differ);
# it tells no event.
BACKGROUND = (
    "Turkey, a member of the U.S.-led coalition, has taken in nearly three million Syrian "
    "refugees since the war began, and officials in Ankara have repeatedly asked Western "
    "allies for help in securing the long frontier. Opposition lawmakers say the government "
    "has not done enough to protect border communities, many of which depended on trade "
    "that has all but stopped. Farmers on both sides say they can no longer reach their "
    "fields, and shopkeepers in the border towns have closed their doors for good. The "
    "parliament is due to debate a new budget for the border provinces next month, and "
    "the prime minister has promised new schools and hospitals for the region. Aid groups "
    "say the camps near the frontier are full and that winter will make matters worse. "
    "Teachers in the region report that many children have not been to school for a year. "
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _without(ex: Extractor, name: str) -> Extractor:
    return Extractor(nlp=ex.nlp, geocoder=ex.geocoder, disabled_rules=[name])


def _all(ex: Extractor, text: str) -> list[Incident]:
    assert len(text) > 1000  # a long article, not a note
    return ex.extract(Article(article_id="killed-s8", text=text, published_at=PUB))


# ------------------------------------------------ two tolls by two doers with two weapons

ARTILLERY_THEN_AIR = (
    "ANKARA - Turkish artillery killed 30 Islamic State militants in northern Syria on "
    "Friday evening, army sources said, after rockets hit a Turkish border town. "
    + BACKGROUND
    + "Earlier on Friday, U.S.-led coalition air strikes in Syria killed 20 Islamic State "
    "fighters, the state-run news agency reported. Officials gave no further details."
)


def test_a_second_strike_with_its_own_doer_and_weapon_is_its_own_incident(
    extractor: Extractor,
) -> None:
    incs = _all(extractor, ARTILLERY_THEN_AIR)
    by_type = {i.sub_event_type: i for i in incs}
    assert set(by_type) == {"Shelling/artillery/missile attack", "Air/drone strike"}, by_type
    assert by_type["Shelling/artillery/missile attack"].fatalities.best == 30
    assert by_type["Air/drone strike"].fatalities.best == 20
    assert by_type["Air/drone strike"].actor1 is not None
    assert by_type["Air/drone strike"].actor1.name == "Global Coalition Against Daesh"


def test_without_the_rule_the_two_strikes_are_one_record(extractor: Extractor) -> None:
    incs = _all(_without(extractor, "two tolls by two doers with two weapons"), ARTILLERY_THEN_AIR)
    # One record standing for both: the air strikes' 20 dead have no record of their own.
    assert len(incs) == 1
    assert incs[0].fatalities.best != 20


def test_the_same_strikes_told_again_stay_one_incident(extractor: Extractor) -> None:
    # The second sentence tells the same doer's strikes again: one incident told twice.
    incs = _all(
        extractor,
        "BEIRUT - U.S.-led coalition air strikes killed 20 Islamic State fighters near the "
        "Syrian town of Shaddadi on Friday, a monitoring group said. The coalition's "
        "strikes also killed four civilians in the town, the monitor said. " + BACKGROUND,
    )
    assert len(incs) == 1, [i.summary for i in incs]


def test_two_doers_with_one_weapon_are_left_to_the_other_rules(extractor: Extractor) -> None:
    # The same weapon (air strikes) by two named doers: the rule has no say, the
    # grouping rules after it decide.
    ctx = extractor.candidates(
        Article(
            article_id="killed-s8",
            published_at=PUB,
            text=(
                "Russian air strikes killed 12 fighters near Aleppo on Monday, a monitor "
                "said. " + BACKGROUND + "Coalition air strikes killed nine militants near "
                "Raqqa on Monday, the monitor said."
            ),
        )
    )
    a, b = ctx.candidates[0], ctx.candidates[-1]
    from incidentwatch.extract.stages.grouping import make_pair

    assert two_tolls_two_doers_two_weapons(make_pair(extractor, a, b)) is None


# ------------------------------------------------------------- scene before a reference

ROCKETS_ON_A_BORDER_TOWN = (
    "ISTANBUL - Two soldiers were killed when a roadside bomb hit their vehicle in the "
    "southeastern province of Hakkari on Tuesday, the army said. "
    + BACKGROUND
    + "The town of Akcakale, just across from Syria, has come under repeated rocket fire "
    "from Islamic State positions in recent weeks. On Tuesday, two rockets wounded four "
    "people, the governor's office said."
)


def test_a_sentence_without_a_place_carries_the_town_not_the_border(
    extractor: Extractor,
) -> None:
    incs = _all(extractor, ROCKETS_ON_A_BORDER_TOWN)
    rockets = [i for i in incs if i.sub_event_type == "Shelling/artillery/missile attack"]
    assert len(rockets) == 1, [i.summary for i in incs]
    inc = rockets[0]
    assert inc.location is not None and inc.location.name == "Akcakale"
    assert inc.country is not None and inc.country.code == "TR"
    assert inc.injuries.best == 4


def test_a_town_named_with_no_reference_is_carried_as_before(extractor: Extractor) -> None:
    # The same story with no border named: the last place told before, the town, is
    # carried on as it always was.
    incs = _all(
        extractor,
        ROCKETS_ON_A_BORDER_TOWN.replace("just across from Syria", "a farming town"),
    )
    rockets = [i for i in incs if i.sub_event_type == "Shelling/artillery/missile attack"]
    assert rockets and rockets[0].location is not None
    assert rockets[0].location.name == "Akcakale"


def test_other_villages_do_not_carry_the_town_before_the_reference(
    extractor: Extractor,
) -> None:
    # "three other villages": told of places other than the town named before the border.
    incs = _all(
        extractor,
        "BEIRUT - Coalition air strikes have killed 30 people in Hasaka province over two "
        "days, a monitoring group said on Tuesday. "
        + BACKGROUND
        + "A strike hit a market in the town of Shaddadi near the border with Iraq on "
        "Monday, killing 12 people. Raids on three other villages killed 15 others on "
        "Tuesday, the group said.",
    )
    market = [i for i in incs if i.fatalities.best == 12]
    others = [i for i in incs if i.fatalities.best == 15]
    assert market and others, [i.summary for i in incs]
    assert market[0].location is not None
    shaddadi = market[0].location.name
    assert all(i.location is None or i.location.name != shaddadi for i in others)


# ------------------------------------------------------------- news told in time order


def _kill_word(ex: Extractor, text: str) -> tuple[object, object]:
    doc = ex.parse(text)
    [tok] = [t for t in doc if t.lower_ == "killed"]
    return tok, ex.pack


@pytest.mark.parametrize(
    "text",
    [
        "Earlier, coalition air strikes killed 20 militants near Raqqa, a monitor said.",
        "Earlier in the day, gunmen killed two guards at a checkpoint in Baiji, police said.",
        "Earlier Friday, coalition air strikes killed 20 militants near Raqqa, a monitor said.",
        "Two days ago, a car bomb killed five soldiers near Tikrit, the army said.",
    ],
)
def test_a_sentence_opening_with_earlier_tells_its_own_toll(
    extractor: Extractor, text: str
) -> None:
    from incidentwatch.extract.rules.counting import toll_of_earlier_event

    tok, pack = _kill_word(extractor, text)
    assert not toll_of_earlier_event(tok, pack)  # type: ignore[arg-type]


def test_a_victim_killed_earlier_that_day_is_still_another_event(extractor: Extractor) -> None:
    from incidentwatch.extract.rules.counting import toll_of_earlier_event

    tok, pack = _kill_word(
        extractor, "Mourners buried a policeman killed earlier that day in Baiji, police said."
    )
    assert toll_of_earlier_event(tok, pack)  # type: ignore[arg-type]


def test_the_toll_told_after_earlier_counts_in_a_long_article(extractor: Extractor) -> None:
    incs = _all(
        extractor,
        "BEIRUT - Russian jets struck a market in the town of Saraqeb on Friday, killing "
        "nine people, rescue workers said. "
        + BACKGROUND
        + "Earlier on Friday, coalition air strikes killed 20 Islamic State militants near "
        "Raqqa, a monitor said.",
    )
    assert sorted(i.fatalities.best for i in incs) == [9, 20], [i.summary for i in incs]


# ------------------------------------------------------------- a casualty after "before"


def _gerund(ex: Extractor, text: str, word: str) -> tuple[object, object]:
    doc = ex.parse(text)
    [tok] = [t for t in doc if t.lower_ == word]
    return tok, ex.pack


def test_a_killing_after_before_is_no_background(extractor: Extractor) -> None:
    from incidentwatch.extract.rules.background import gerund_after_preposition

    tok, pack = _gerund(
        extractor,
        "Gunmen stormed a wedding hall in Samarra late on Friday, before killing at least "
        "seven guests, police said.",
        "killing",
    )
    assert not gerund_after_preposition(tok, pack)  # type: ignore[arg-type]


def test_a_bomb_after_before_is_still_a_deed_that_did_not_happen(extractor: Extractor) -> None:
    from incidentwatch.extract.rules.background import gerund_after_preposition

    tok, pack = _gerund(
        extractor,
        "The bomber was shot dead at a checkpoint in Tikrit on Monday before detonating "
        "his vest, officials said.",
        "detonating",
    )
    assert gerund_after_preposition(tok, pack)  # type: ignore[arg-type]


def test_the_toll_after_before_is_the_attacks_own(extractor: Extractor) -> None:
    incs = extractor.extract(
        Article(
            article_id="killed-s8",
            published_at=PUB,
            text=(
                "Gunmen stormed a wedding hall in Samarra late on Friday, before killing at "
                "least seven guests, police said."
            ),
        )
    )
    assert len(incs) == 1
    assert incs[0].fatalities.best == 7


# ------------------------------------------------------------------- people taken


KIDNAPPED_NEAR_A_BORDER = (
    "NIAMEY - Soldiers killed six militants who attacked an army post near the town of "
    "Diffa on Saturday, the defence ministry said. "
    + BACKGROUND
    + "Meanwhile, two engineers were abducted from their convoy overnight close to the "
    "frontier with Mali, a ministry spokesman told reporters. No group has said it took them."
)


def test_people_taken_with_a_day_but_no_place_are_kept(extractor: Extractor) -> None:
    incs = _all(extractor, KIDNAPPED_NEAR_A_BORDER)
    taken = [i for i in incs if i.sub_event_type == "Abduction/forced disappearance"]
    assert len(taken) == 1, [i.summary for i in incs]
    assert taken[0].event_date == PUB


def test_people_taken_with_no_day_and_no_place_stay_a_mention(extractor: Extractor) -> None:
    incs = _all(
        extractor,
        KIDNAPPED_NEAR_A_BORDER.replace(
            "from their convoy overnight close to",
            "from their convoy close to",
        ),
    )
    assert not [i for i in incs if i.sub_event_type == "Abduction/forced disappearance"]

"""Records that are no incident of their own on long real-news stories (issue 12,
precision, session 9): fire named as support for a side, papers seized, a denial of
reports, a trend noun, a campaign told in the perfect, victims named by their death, a
habit, victims of a riot told after it, and a deed told as done before a report's day.
Each rule is checked on its own (it fires, and the output changes when it is switched
off) and beside a sentence it must leave alone. Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.rules.cues import seizure_of_no_weapon
from incidentwatch.records import Article, Incident

# Sentences with no event in them: they make a story long (a wire story, not a note);
# twice over, a story is long enough for the article and retelling rules.
_FILLER_ONCE = (
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
_FILLER = _FILLER_ONCE * 2


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _off(ex: Extractor, *names: str) -> Extractor:
    return Extractor(nlp=ex.nlp, disabled_rules=list(names))


def _run(ex: Extractor, text: str, day: str = "2016-04-20") -> list[Incident]:
    return ex.extract(Article(article_id="wire", text=text, published_at=day))


def _kinds(incs: list[Incident]) -> list[str | None]:
    return sorted(i.sub_event_type or "" for i in incs)


# ---- support for a side -----------------------------------------------------------------

_BACKED = (
    "Rebels backed by Turkish shelling attacked the village of Tal Rifaat on Monday, killing "
    "four soldiers, a monitor said."
)


def test_fire_that_backs_a_side_is_no_incident_of_its_own(ex: Extractor) -> None:
    (inc,) = _run(ex, _BACKED)
    assert inc.sub_event_type == "Armed clash"
    assert inc.fatalities.best == 4
    off = _run(_off(ex, "support for a side"), _BACKED)
    assert "Shelling/artillery/missile attack" in _kinds(off)


def test_a_campaign_backed_by_raids_is_no_bombing(ex: Extractor) -> None:
    text = (
        _FILLER + "Government troops and allied militias, all backed by Russian bombing "
        "raids, have reversed rebel gains north of Aleppo."
    )
    assert _run(ex, text) == []
    assert _run(_off(ex, "support for a side"), text) != []


def test_shelling_done_by_a_side_stays(ex: Extractor) -> None:
    text = "Turkish artillery shelled the village of Tal Rifaat on Monday, killing four people."
    (inc,) = _run(ex, text)
    assert inc.sub_event_type == "Shelling/artillery/missile attack"


# ---- a seizure of no weapon -------------------------------------------------------------


def test_papers_seized_are_no_disrupted_weapons_use(ex: Extractor) -> None:
    text = (
        "Kurdish fighters near Sinjar on Monday confiscated the passport and the phone of a "
        "man who crossed the front line, an officer said."
    )
    assert _run(ex, text) == []
    (off,) = _run(_off(ex, "a seizure of no weapon"), text)
    assert off.sub_event_type == "Disrupted weapons use"


@pytest.mark.parametrize(
    ("text", "verb", "fires"),
    [
        ("Police seized a truck loaded with explosives near the border.", "seized", False),
        ("Police confiscated rockets and mortar rounds near the border.", "confiscated", False),
        ("A licence confiscated by the guards was found to be forged.", "confiscated", True),
        ("Police seized his phone near the border.", "seized", True),
    ],
)
def test_what_was_seized_decides(ex: Extractor, text: str, verb: str, fires: bool) -> None:
    doc = ex.nlp(text)
    (tok,) = [t for t in doc if t.text == verb]
    assert seizure_of_no_weapon(tok, ex.pack) is fires


# ---- a report said to be untrue ---------------------------------------------------------

_STRIKE = (
    "Air strikes hit a camp for displaced families near Sarmada on Thursday, killing at "
    "least 20 people, a monitor said. "
)
_DENIAL = (
    '"There is no truth to reports ... about the air force targeting a camp in the Idlib '
    'countryside," the army said in a statement on Friday.'
)


def test_a_denied_report_is_no_incident(ex: Extractor) -> None:
    text = _STRIKE + _FILLER + _DENIAL
    (inc,) = _run(ex, text, "2016-05-06")
    assert inc.fatalities.best == 20
    assert len(_run(_off(ex, "a report said to be untrue"), text, "2016-05-06")) == 2


def test_a_report_told_as_true_stays(ex: Extractor) -> None:
    text = (
        "The army said on Friday there was truth to reports that the air force had bombed "
        "a camp near Sarmada, killing 20 people."
    )
    assert len(_run(ex, text, "2016-05-06")) == 1


# ---- a trend named ----------------------------------------------------------------------

_TREND = (
    "The study found a rise in bomb attacks in Yemen, where militants have gained ground, "
    "taking over the port and attacking army posts."
)


def test_a_rise_in_attacks_is_a_trend(ex: Extractor) -> None:
    text = _FILLER + _TREND
    assert _run(ex, text) == []
    assert _run(_off(ex, "a trend named"), text) != []


def test_a_rise_in_a_toll_is_left_to_the_toll(ex: Extractor) -> None:
    text = (
        "A car bomb killed nine people at a market in Kirkuk on Monday. Police said on "
        "Tuesday there was a rise in the death toll from the bombing to 12."
    )
    (inc,) = _run(ex, text, "2016-04-19")
    assert inc.admin1 is not None


# ---- a campaign told in the perfect -----------------------------------------------------


def test_ground_in_general_taken_in_the_perfect_is_a_campaign(ex: Extractor) -> None:
    text = (
        _FILLER + "In Syria, government forces backed by Russian jets have retaken territory "
        "from the rebels, including the town of Salma."
    )
    assert _run(ex, text) == []
    assert _run(_off(ex, "a campaign told in the perfect"), text) != []


def test_a_place_taken_in_the_perfect_stays(ex: Extractor) -> None:
    text = "Iraqi troops have retaken the town of Rutba from the militants, a general said."
    (inc,) = _run(ex, text)
    assert inc.event_type == "Battles"


# ---- victims named by their death -------------------------------------------------------

_AMBUSH = (
    "Gunmen ambushed a police patrol in Tarmiyah on Thursday, killing five officers, police said. "
)


def test_the_slain_named_later_are_the_incidents_victims(ex: Extractor) -> None:
    text = _AMBUSH + _FILLER + "Three of the slain officers were buried in Samarra on Friday."
    (inc,) = _run(ex, text, "2016-04-23")
    assert inc.fatalities.best == 5
    assert len(_run(_off(ex, "victims named by their death"), text, "2016-04-23")) == 2


def test_a_killing_of_officers_told_later_stays(ex: Extractor) -> None:
    text = _AMBUSH + _FILLER + "In Samarra, gunmen killed three officers on Friday."
    assert len(_run(ex, text, "2016-04-22")) == 2


# ---- told as a habit --------------------------------------------------------------------


def test_attacks_claimed_regularly_are_a_habit(ex: Extractor) -> None:
    text = (
        "Gunmen kidnapped two engineers in the Karrada district of Baghdad on Friday, police "
        "said. " + _FILLER + "The militants kept a few cells in the capital, regularly "
        "claiming bomb attacks on its markets."
    )
    (inc,) = _run(ex, text, "2016-01-18")
    assert inc.sub_event_type == "Abduction/forced disappearance"
    (off,) = _run(_off(ex, "told as a habit"), text, "2016-01-18")
    assert off.sub_event_type != "Abduction/forced disappearance"


def test_a_habit_adverb_with_a_day_stays(ex: Extractor) -> None:
    text = "Militants, who often strike at night, bombed a market in Basra on Monday."
    assert len(_run(ex, text)) == 1


# ---- victims told again: after a riot ---------------------------------------------------


def test_the_wounded_of_a_riot_are_the_riots(ex: Extractor) -> None:
    text = (
        "Thousands of protesters stormed the parliament building in Baghdad on Saturday, "
        "smashing windows and beating a guard. Around sunset security forces fired tear gas "
        "and bullets into the air to push them back. Around a dozen people were wounded, "
        "police sources said. " + _FILLER
    )
    (inc,) = _run(ex, text, "2016-04-30")
    assert inc.event_type == "Riots"
    assert inc.injuries.best == 12


# ---- a deed told before a report's day --------------------------------------------------

_KIDNAP = (
    "Gunmen kidnapped two engineers in the Karrada district of Baghdad on Friday, police said. "
)
_TOLD_AGAIN = "A television channel said on Sunday that two engineers had been kidnapped."


def test_a_deed_told_before_a_reports_day_joins_the_incident(ex: Extractor) -> None:
    text = _KIDNAP + _FILLER + _TOLD_AGAIN
    (inc,) = _run(ex, text, "2016-01-18")
    assert inc.event_date == "2016-01-15"
    off = _run(_off(ex, "a deed told before a report's day"), text, "2016-01-18")
    assert sorted(i.event_date or "" for i in off) == ["2016-01-15", "2016-01-17"]


def test_a_deed_told_after_the_incident_stays_its_own(ex: Extractor) -> None:
    # Told in the simple past on the report's day: a kidnapping of that day.
    text = _KIDNAP + _FILLER + "Gunmen kidnapped two engineers in Basra on Sunday, police said."
    assert len(_run(ex, text, "2016-01-18")) == 2


# ---- a cited record ---------------------------------------------------------------------

_CITED = (
    "The inquiry cited an account of a guard who shot two prisoners in Mosul after their "
    "escape failed."
)


def test_an_account_a_report_cites_is_no_incident(ex: Extractor) -> None:
    text = _FILLER + _CITED
    assert _run(ex, text, "2016-06-16") == []
    assert _run(_off(ex, "a cited record"), text, "2016-06-16") != []


def test_a_report_citing_its_sources_stays(ex: Extractor) -> None:
    text = "Citing police, the agency said gunmen shot two prisoners in Mosul on Monday."
    assert len(_run(ex, text, "2016-06-16")) == 1


# ---- what a toll counts -----------------------------------------------------------------

_RIOT = (
    "Riot police fired live rounds at protesters who stormed the parliament in Basra on "
    "Friday, killing four, hospital sources said on Saturday. "
)
_TOLL_SOURCES = (
    "The toll, gathered from three clinics where casualties were treated as well as the "
    "city morgue, counts bullet wounds only."
)


def test_the_words_on_a_toll_are_no_new_figure(ex: Extractor) -> None:
    text = _RIOT + _FILLER + _TOLL_SOURCES
    (inc,) = _run(ex, text, "2016-05-21")
    assert (inc.fatalities.best, inc.injuries.best) == (4, None)
    (off,) = _run(_off(ex, "what a toll counts"), text, "2016-05-21")
    assert off.injuries.best is not None


def test_a_toll_update_stays(ex: Extractor) -> None:
    text = "The death toll from Friday's bombing in Basra rose to 12 on Saturday."
    (inc,) = _run(ex, text, "2016-05-21")
    assert inc.fatalities.best == 12

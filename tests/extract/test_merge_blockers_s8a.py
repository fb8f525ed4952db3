"""Merge blockers of session 8 (issue 12, Dhaka cluster), each tested alone on text
written for it: "a government named" (a country named as its state, "urged the
government of Lebanon to ...", is no scene, and a telling that names no place of its own
then takes the place told before that one: "a borrowed place walked back"), and a
borrowed place is no place of a telling's own (retelling rule "victims told again")."""

from __future__ import annotations

import pytest

from incidentwatch.extract.context import Candidate
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.rules.article import _no_place_of_its_own
from incidentwatch.records import Article

# A follow-up story: the city is named in the lead only, the attack is told again further
# down without a place, and between them a country is named as the state addressed.
FOLLOW_UP = (
    "BEIRUT (Wire) - France on Monday offered Lebanon help to investigate the killing of "
    "nine guests at a Tripoli hotel, as investigators asked how the young attackers had "
    "been recruited.\n\n"
    "Police said all three gunmen shot dead in Saturday's assault, the worst in the country "
    "for a decade, were local men.\n\n"
    "A militant group said in a statement that its fighters carried out the assault.\n\n"
    "The State Department said it had urged the government of Lebanon to share what it "
    "learns with its partners and offered the help of its own investigators.\n\n"
    "The gunmen burst into the hotel lobby late on Saturday and opened fire on guests "
    "before troops stormed the building. Three of the attackers were killed and a fourth "
    "was captured.\n\n"
    "Two police officers were killed outside during the standoff.\n\n"
    "The interior minister told reporters the men had trained for months in the mountains "
    "and that the police were questioning their families. Hotels across the country have "
    "since put guards at their doors, and several embassies told their citizens to stay "
    "away from crowded places until the investigation is over."
)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _candidate(ex: Extractor, opening: str) -> Candidate:
    ctx = ex.candidates(Article(article_id="w", text=FOLLOW_UP, published_at="2016-05-16"))
    at = FOLLOW_UP.index(opening)
    return next(c for c in ctx.candidates if c.seg_start == at)


def test_a_country_named_as_its_government_is_no_scene(ex: Extractor) -> None:
    told = _candidate(ex, "The gunmen burst")
    assert told.place is not None and told.place.name == "Tripoli"
    assert told.place.country is not None and told.place.country.code == "LB"
    off = Extractor(nlp=ex.nlp, disabled_rules=["a government named"])
    told = _candidate(off, "The gunmen burst")
    assert told.place is not None and told.place.name == "Lebanon"


@pytest.mark.parametrize(
    "before",
    [
        "the government of Lebanon",
        "the authorities of Lebanon",
        "the embassy of Lebanon",
        "the prime minister of Lebanon",
    ],
)
def test_the_state_words_before_a_country(ex: Extractor, before: str) -> None:
    rule = next(r for r in ex.place_rules if r.name == "a government named")
    text = f"Officials urged {before} to act."
    doc = ex.parse(text)
    span = doc.char_span(text.index("Lebanon"), text.index("Lebanon") + len("Lebanon"))
    assert span is not None and rule(text, span, ex.pack)


def test_a_country_as_a_scene_is_still_a_place(ex: Extractor) -> None:
    rule = next(r for r in ex.place_rules if r.name == "a government named")
    text = "A bomb in the north of Lebanon killed two soldiers."
    doc = ex.parse(text)
    span = doc.char_span(text.index("Lebanon"), text.index("Lebanon") + len("Lebanon"))
    assert span is not None and not rule(text, span, ex.pack)


def test_a_borrowed_place_is_no_place_of_a_tellings_own(ex: Extractor) -> None:
    # "Two police officers were killed outside" names no place: the geocoder lends it the
    # city told earlier, which must not make it a second scene.
    police = _candidate(ex, "Two police officers")
    assert police.place is not None and police.place.name == "Tripoli"
    assert police.place.start is not None and police.place.start < police.seg_start
    assert _no_place_of_its_own(police)


def test_a_place_in_the_tellings_own_words_is_its_own(ex: Extractor) -> None:
    text = (
        "A car bomb killed five people at a market in Kirkuk on Monday, police said. "
        "Hours later, gunmen shot dead two farmers in a village near Tikrit."
    )
    ctx = ex.candidates(Article(article_id="k", text=text, published_at="2016-05-16"))
    tikrit = next(c for c in ctx.candidates if "farmers" in c.text)
    assert tikrit.place is not None and tikrit.place.admin1 is not None
    assert not _no_place_of_its_own(tikrit)


# ---- crime online: hacking people to death is a killing --------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Militants stormed a cafe, hacking six diners to death before police arrived.", "stormed"),
        ("A teacher was hacked to death by men with machetes near his school.", "death"),
        ("Attackers hacked a shopkeeper with machetes in an attack on Monday.", "attack"),
    ],
)
def test_hacking_people_to_death_is_no_crime_online(ex: Extractor, text: str, word: str) -> None:
    from incidentwatch.extract.stages.background import why_background

    doc = ex.parse(text)
    tok = next(t for t in doc if t.text == word)
    why = why_background(tok, ex.pack, ex.dependent_rules, ex.governor_rules, ex.own_rules)
    assert why != "crime online"


def test_hackers_attacking_a_bank_is_still_crime_online(ex: Extractor) -> None:
    from incidentwatch.extract.stages.background import why_background

    doc = ex.parse("Hackers who stole the funds were linked to an attack on a bank in Amman.")
    tok = next(t for t in doc if t.text == "attack")
    why = why_background(tok, ex.pack, ex.dependent_rules, ex.governor_rules, ex.own_rules)
    assert why == "crime online"


# ---- a week narrowed by its day -----------------------------------------------------------

# A follow-up story filed on Thursday 14 April 2016: the hotel siege of the week before is
# told with "last week", and named by its day further down ("last Friday's siege").
SIEGE_RETOLD = (
    "AMMAN (Wire) - Gunmen on motorbikes shot dead two police officers at a checkpoint in "
    "Zarqa on Thursday, police said.\n\n"
    "The shooting came as the country was still reeling from a siege last week, in which "
    "gunmen took guests hostage at a hotel in Amman, killing nine of them in an attack "
    "claimed by a militant group.\n\n"
    "No group said it carried out Thursday's shooting. Police said they were looking for "
    "the two men on the motorbike and had closed the roads out of the town.\n\n"
    "Security has been tight at hotels and government buildings across the kingdom since "
    "last Friday's siege, and the interior ministry has asked hotels to search every car "
    "that enters their grounds. Tourism officials said several tour groups had cancelled "
    "their visits for the coming month, and the ministry said it would review its "
    "security plans with the hotel owners next week."
)


def _incidents(ex: Extractor, text: str) -> list:
    return ex.extract(Article(article_id="s", text=text, published_at="2016-04-14"))


def test_a_week_narrowed_by_its_day_is_news_of_that_day(ex: Extractor) -> None:
    incs = _incidents(ex, SIEGE_RETOLD)
    siege = [i for i in incs if i.event_date == "2016-04-08"]
    assert len(siege) == 1 and siege[0].date_precision == 1
    assert siege[0].fatalities.best == 9
    day = [e for e in siege[0].evidence if e.field == "event_date"]
    assert day and day[0].text == "last Friday"
    off = Extractor(nlp=ex.nlp, disabled_rules=["a week narrowed by its day"])
    assert not [i for i in _incidents(off, SIEGE_RETOLD) if i.event_date == "2016-04-08"]


def test_a_week_without_its_day_stays_background(ex: Extractor) -> None:
    # No day names the siege: "last week" can't be fixed (codebook 5a).
    text = SIEGE_RETOLD.replace("since last Friday's siege", "since the siege")
    assert not [i for i in _incidents(ex, text) if i.fatalities.best == 9]


def test_a_day_naming_another_event_does_not_fix_the_week(ex: Extractor) -> None:
    text = SIEGE_RETOLD.replace("since last Friday's siege", "since last Friday's parade")
    assert not [i for i in _incidents(ex, text) if i.fatalities.best == 9]

"""Person names, dates and common words that must not become places (geocode/wordrules.py).

Each rule alone on a name in text written here, then the whole geocoder on short
reports written here that put the real-news traps (a speaker's surname, a byline, a
date, a quoted word, a car) next to a real Iraqi place."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidentwatch.geocode import Geocoder
from incidentwatch.geocode import wordrules as wr
from incidentwatch.geocode.gazetteer import data_dir
from incidentwatch.geocode.normalise import loose

WORDS = wr.WordLists.load(data_dir() / wr.FILE)


def name(text: str, word: str, *, next_capital: bool = False) -> wr.Name:
    start = text.index(word)
    return wr.Name(text, start, start + len(word), loose(word), next_capital)


# ------------------------------------------------------------------ each rule alone


def test_date_word_needs_a_day_or_year_next_to_it() -> None:
    assert wr.date_word(WORDS, name("They were detained on Jan 25 near Kirkuk.", "Jan"))
    assert wr.date_word(WORDS, name("since Nov. 13 in the city", "Nov"))
    assert wr.date_word(WORDS, name("on 25 January in Basra", "January"))
    assert not wr.date_word(WORDS, name("Jan Egeland visited the camp.", "Jan"))
    assert not wr.date_word(WORDS, name("They were detained on Jan 25.", "They"))


def test_common_word_unless_the_text_marks_a_place() -> None:
    assert wr.common_word(WORDS, name('The sign read: "Kill us if you want."', "Kill"))
    assert wr.common_word(WORDS, name("a bomb hidden in a Mercedes exploded", "Mercedes"))
    marked = name("in the town of Mercedes, Texas", "Mercedes")
    assert marked.marked and not wr.common_word(WORDS, marked)
    assert not wr.common_word(WORDS, name("a shooting in Union, New Jersey", "Union"))
    assert not wr.common_word(WORDS, name("a bomb exploded in Kirkuk", "Kirkuk"))


def test_nationality_adjective_is_never_a_place() -> None:
    assert wr.nationality_adjective(WORDS, name("a camp on the Greek island", "Greek"))
    assert wr.nationality_adjective(WORDS, name("an Argentine was among them", "Argentine"))
    assert not wr.nationality_adjective(WORDS, name("a camp near Sinjar", "Sinjar"))


def test_credit_line_names_are_journalists() -> None:
    credit = "(Reporting by Ahmed Rasheed/Suleiman Karim; Editing by Louise Ireland)"
    assert wr.credit_line(WORDS, name(credit, "Suleiman"))
    assert wr.credit_line(WORDS, name(credit, "Ireland"))
    where = "(Reporting by Ahmed Rasheed in Baghdad and Mustafa Kamal in Erbil, Iraq)"
    assert not wr.credit_line(WORDS, name(where, "Baghdad"))  # said with "in"
    assert not wr.credit_line(WORDS, name(where, "Iraq"))  # "in Erbil, Iraq"
    assert not wr.credit_line(WORDS, name("Police in Ireland said", "Ireland"))


def test_titled_name_is_a_person_however_big_the_city() -> None:
    t = "Russian President Vladimir Putin spoke by phone."
    assert wr.titled_name(WORDS, name(t, "Vladimir", next_capital=True))
    t = "a minister under former Burkina Faso President Blaise Compaore"
    assert not wr.titled_name(WORDS, name(t, "Burkina Faso", next_capital=True))
    t = "the governor of Nineveh Atheel met them"
    assert not wr.titled_name(WORDS, name(t, "Nineveh", next_capital=True))
    # Without a capitalised word after it the name may be the place ("Governor Kirkuk"
    # is not how news writes; "spokesman in Mosul" is).
    assert not wr.titled_name(WORDS, name("spokesman Mosul said", "Mosul"))


def test_rules_are_registered_by_name() -> None:
    names = [n for n, _ in wr.RULES]
    assert len(names) == len(set(names))
    hit = name("They were detained on Jan 25 near Kirkuk.", "Jan")
    assert wr.not_a_place(WORDS, hit) == "date_word"
    assert wr.not_a_place(WORDS, name("a bomb exploded in Kirkuk", "Kirkuk")) is None


def test_bad_lines_are_skipped(tmp_path: Path) -> None:
    f = tmp_path / "np.tsv"
    f.write_text("word\tclass\nFoo\tword\nBar\tcolour\n\tword\nReporting by\tcredit\n", "utf-8")
    w = wr.WordLists.load(f)
    assert w.words == frozenset({loose("Foo")}) and w.credit is not None
    assert wr.WordLists.load(tmp_path / "missing.tsv").credit is None


# ------------------------------------------------------- through the whole geocoder


def places(geo: Geocoder, text: str) -> dict[str, str]:
    """Name as written -> 'CC/admin1' of every place the geocoder finds."""
    out = {}
    for p in geo.mentions(text, prior=""):
        cc = p.country.code if p.country else "?"
        out[text[p.start : p.end]] = f"{cc}/{p.admin1}"
    return out


TRAPS = [
    # (report, the word that must not be a place, the real place that must stay)
    ("Two soldiers were killed in Kirkuk on Monday, spokesman Omar Anka said.", "Anka", "Kirkuk"),
    ("Anka told reporters that the attack near Tikrit was repelled.", "Anka", "Tikrit"),
    ("Johnson said coalition jets struck a depot near Mosul.", "Johnson", "Mosul"),
    ("Nine men detained on Jan 25 were freed in Basra on Sunday.", "Jan", "Basra"),
    ('"Kill the occupiers," the crowd chanted in Basra.', "Kill", "Basra"),
    ("A bomb hidden in a Mercedes exploded at a market in Baquba.", "Mercedes", "Baquba"),
    ("Brunswick contractors were flown out of Basra after the shelling.", "Brunswick", "Basra"),
    ("Story highlights: a car bomb killed six in Hilla.", "Story", "Hilla"),
    (
        "A car bomb killed six in Hilla. (Reporting by Ari Kadhim; Writing by Makini Rasul)",
        "Makini",
        "Hilla",
    ),
    ("Russian President Vladimir Putin condemned the bombing in Karbala.", "Vladimir", "Karbala"),
]


@pytest.mark.parametrize(("text", "word", "place"), TRAPS)
def test_trap_word_is_not_a_place_and_the_place_stays(
    geo: Geocoder, text: str, word: str, place: str
) -> None:
    got = places(geo, text)
    assert word not in got, got
    assert got.get(place, "").startswith("IQ/"), got


@pytest.mark.parametrize(
    ("text", "word", "where"),
    [
        ("A shooting near the town of Mercedes in Texas wounded two.", "Mercedes", "US/Texas"),
        ("Gunmen robbed a bank in the city of Union in New Jersey.", "Union", "US/New Jersey"),
    ],
)
def test_a_common_word_the_text_marks_as_a_place_stays(
    geo: Geocoder, text: str, word: str, where: str
) -> None:
    assert places(geo, text).get(word) == where

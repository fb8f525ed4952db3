"""Admin units as they were on the event's date (geocode/historical.py): Pakistan's
tribal areas (FATA, merged into Khyber Pakhtunkhwa on 31 May 2018) and the
North-West Frontier Province (renamed on 19 April 2010). Texts written here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from incidentwatch.geocode import Geocoder
from incidentwatch.geocode.historical import History

FATA = "Federally Administered Tribal Areas"


def admin1(geo: Geocoder, text: str, on: dt.date | None) -> str | None:
    place = geo.locate(text, 0, len(text), prior="", on=on)
    assert place is not None, text
    return place.admin1


@pytest.mark.parametrize(
    ("on", "want"),
    [
        (dt.date(2012, 11, 18), FATA),
        (dt.date(2018, 5, 30), FATA),
        (dt.date(2018, 5, 31), "Khyber Pakhtunkhwa"),
        (dt.date(2021, 3, 2), "Khyber Pakhtunkhwa"),
        (None, "Khyber Pakhtunkhwa"),
    ],
)
def test_a_tribal_agency_town_takes_the_province_of_the_day(
    geo: Geocoder, on: dt.date | None, want: str
) -> None:
    text = "A roadside bomb struck an army convoy near Miran Shah, North Waziristan, Pakistan."
    assert admin1(geo, text, on) == want


def test_the_former_province_named_in_the_text_is_the_unit(geo: Geocoder) -> None:
    # No district the gazetteer knows: the text's own "Federally Administered Tribal
    # Areas" resolves to today's province and, on the day, to FATA.
    text = (
        "Militants fired two rockets at a boys' school somewhere in the Federally "
        "Administered Tribal Areas of Pakistan."
    )
    assert admin1(geo, text, dt.date(2013, 7, 4)) == FATA
    assert admin1(geo, text, None) == "Khyber Pakhtunkhwa"


def test_renamed_province_before_and_after(geo: Geocoder) -> None:
    text = "A bomb exploded in a crowded market in Mardan, Pakistan, killing six."
    assert admin1(geo, text, dt.date(2008, 6, 1)) == "North-West Frontier Province"
    assert admin1(geo, text, dt.date(2011, 6, 1)) == "Khyber Pakhtunkhwa"


def test_other_countries_are_untouched(geo: Geocoder) -> None:
    text = "A car bomb killed four people in Tikrit on Sunday."
    assert admin1(geo, text, dt.date(2008, 6, 1)) == "Salah Al-Din"


def test_the_why_says_which_day(geo: Geocoder) -> None:
    text = "A roadside bomb struck an army convoy near Miran Shah, North Waziristan, Pakistan."
    place = geo.locate(text, 0, len(text), prior="", on=dt.date(2012, 1, 5))
    assert place is not None and "admin1 on 2012-01-05" in (place.why or "")


def test_bad_lines_are_skipped(tmp_path: Path) -> None:
    f = tmp_path / "h.tsv"
    f.write_text(
        "country\tadmin1\tadmin2\tadmin1_then\tuntil\n"
        "PK\tPunjab\t*\tOld Punjab\t2001-01-01\n"
        "PK\tPunjab\t*\tOld Punjab\tsoon\n"
        "PK\t\t*\tNo Name\t2001-01-01\n",
        "utf-8",
    )
    assert len(History.load(f).changes) == 1
    assert History.load(tmp_path / "none.tsv").changes == []

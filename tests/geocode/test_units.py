"""Admin units compared as units, not names (geocode/units.py), on the shipped gazetteer."""

from __future__ import annotations

import pytest

from incidentwatch.geocode import Geocoder
from incidentwatch.geocode.gazetteer import ADMIN1, ADMIN2
from incidentwatch.geocode.units import same_unit, unit_names


@pytest.mark.parametrize(
    ("cc", "gold", "pred"),
    [
        ("IR", "Isfahan", "Esfahan"),  # a vowel: close spelling
        ("PS", "Deir El Balah", "Deir al-Balah"),
        ("LB", "West Bekaa", "Beqaa-Ouest"),  # an English and a French name of one unit
    ],
)
def test_spellings_of_one_district_are_one_unit(
    geo: Geocoder, cc: str, gold: str, pred: str
) -> None:
    assert same_unit(geo.gaz, cc, ADMIN2, gold, pred)


@pytest.mark.parametrize(
    ("cc", "gold", "pred"),
    [
        ("IR", "Isfahan", "Kashan"),  # two districts of one province
        ("IQ", "Al-Mosul", "Tilkaif"),
        ("IR", "Isfahan", None),
        ("IR", "", "Esfahan"),
    ],
)
def test_different_districts_stay_different(
    geo: Geocoder, cc: str, gold: str, pred: str | None
) -> None:
    assert not same_unit(geo.gaz, cc, ADMIN2, gold, pred)


def test_the_prediction_country_decides_where_the_gold_name_is_looked_up(geo: Geocoder) -> None:
    # "Esfahan" is a unit of Iran only: in another country the names are compared as
    # names (by the caller), never as units.
    assert not same_unit(geo.gaz, "IQ", ADMIN2, "Isfahan", "Esfahan")


def test_a_gold_name_that_fits_two_units_is_not_resolved(geo: Geocoder) -> None:
    names = unit_names(geo.gaz)
    # Find a name two districts of one country share (GeoNames has several): such a
    # gold name must not count as either.
    for (cc, level), units in names.names.items():
        if level != ADMIN2:
            continue
        seen: dict[str, str] = {}
        for key, ns in units.items():
            for n in ns:
                if n in seen and seen[n] != key:
                    # Even the same name on both sides: it may be either unit.
                    assert not same_unit(geo.gaz, cc, ADMIN2, n, n)
                    return
                seen[n] = key
    pytest.fail("no shared district name in the gazetteer")


def test_governorates_too(geo: Geocoder) -> None:
    assert same_unit(geo.gaz, "IQ", ADMIN1, "Nineveh", "Ninewa")
    assert not same_unit(geo.gaz, "IQ", ADMIN1, "Nineveh", "Erbil")

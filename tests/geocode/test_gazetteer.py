"""The shipped gazetteer: coverage of Iraq's admin units by their common spellings,
user extension through data files, normalisation, and hostile input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from incidentwatch.cli import app
from incidentwatch.geocode import Geocoder, normalise_admin
from incidentwatch.geocode.admin import Boundaries
from incidentwatch.geocode.gazetteer import data_dir, load
from incidentwatch.geocode.measure import iraq_coverage
from incidentwatch.geocode.normalise import loose
from incidentwatch.geocode.resolver import Geocoder as _Geocoder

HERE = Path(__file__).parent


def test_every_iraqi_governorate_and_district_resolves_from_common_spellings(
    geo: Geocoder,
) -> None:
    report, fails = iraq_coverage(geo, HERE / "iraq_admin_spellings.tsv")
    assert "governorates: 18/18 units" in report, report
    assert "districts: 101/101 units" in report, (report, fails)
    assert not fails


@pytest.mark.parametrize(
    "spellings",
    [
        ["Baqubah", "Baquba", "Ba'qubah", "Baqouba", "Ba`qubah"],
        ["Tuz Khurmatu", "Tuz Khurmato", "Touz Hourmato"],
        ["Baiji", "Beiji", "Bayji"],
        ["Deir ez-Zor", "Deir Ezzor", "Deir al-Zour", "Dayr az Zawr"],
    ],
)
def test_spelling_variants_resolve_to_one_place(geo: Geocoder, spellings: list[str]) -> None:
    found = set()
    for name in spellings:
        text = f"A car bomb exploded in {name} on Thursday."
        place = geo.locate(text, 0, len(text))
        assert place is not None, name
        found.add((place.name, place.admin1, place.admin2))
    assert len(found) == 1, found


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Al-Anbar", "anbar"),
        ("Dar'a", "Dara"),
        ("Salah Al-Din Governorate", "salah al din"),
        ("Al Hasakeh", "Al-Hasakeh"),
        ("Şanlıurfa", "Sanliurfa"),
    ],
)
def test_normalise_admin_ignores_case_hyphens_articles(a: str, b: str) -> None:
    assert normalise_admin(a) == normalise_admin(b)


def test_normalise_admin_keeps_different_units_apart() -> None:
    assert normalise_admin("Diyala") != normalise_admin("Duhok")
    assert normalise_admin(None) == ""


def test_user_adds_an_alias_and_a_place_in_data_files(tmp_path: Path) -> None:
    folder = tmp_path / "gazetteer"
    shutil.copytree(data_dir(), folder)
    with open(folder / "aliases.tsv", "a", encoding="utf-8") as fh:
        fh.write("IQ\tKhanaqin\tDiyala\tKhaniqeen Town\n")
    with open(folder / "extra_places.tsv", "a", encoding="utf-8") as fh:
        fh.write("Wadi Hamrin Checkpoint 7\tCheckpoint Seven\tIQ\t34.50\t44.60\t\t\n")
    with open(folder / "admin_aliases.tsv", "a", encoding="utf-8") as fh:
        fh.write("IQ\tDiyala\t\tDiyalah Province Land\n")
    geo = _Geocoder(load(folder, cache=False), Boundaries.load(folder))

    text = "Mortars hit Khaniqeen Town at dawn."
    place = geo.locate(text, 0, len(text))
    assert place is not None and (place.admin1, place.admin2) == ("Diyala", "Khanaqin")

    text = "Gunmen attacked Checkpoint Seven overnight."
    place = geo.locate(text, 0, len(text))
    assert place is not None and place.name == "Wadi Hamrin Checkpoint 7"
    # Its admin units come from the shipped boundaries, not from the user's line:
    # 34.50 N 44.60 E lies in Diyala's Al-Khalis district, 4 km from Salah Al-Din.
    assert (place.admin1, place.admin2) == ("Diyala", "Al-Khalis")

    text = "Clashes were reported in Diyalah Province Land."
    place = geo.locate(text, 0, len(text))
    assert place is not None and place.admin1 == "Diyala"


def test_shipped_files_carry_attribution() -> None:
    readme = (data_dir() / "README.md").read_text("utf-8")
    for needle in ("GeoNames", "CC BY 4.0", "OCHA", "CC BY 3.0 IGO", "Who's On First"):
        assert needle in readme


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x01\x02 binary \xff\xfe junk",
        "in in in in in " * 2000,
        "Mosul " * 5000,
        "<script>alert('Baghdad')</script><div>Kirkuk</div>",
        "١٢٣ في بغداد قتل شخصان",
    ],
)
def test_hostile_input_never_crashes(geo: Geocoder, text: str) -> None:
    places = geo.mentions(text)
    assert isinstance(places, list)
    geo.locate(text, 0, len(text))
    geo.locate(text, -5, 10**9)


def test_arabic_names_resolve(geo: Geocoder) -> None:
    text = "انفجرت عبوة ناسفة في بعقوبة"
    places = geo.mentions(text)
    assert any(p.admin1 == "Diyala" for p in places)


def test_cli_shows_candidates_and_reasons() -> None:
    result = CliRunner().invoke(
        app, ["geocode", "Gunmen attacked a checkpoint in Jalawla, 105 km northeast of Baqubah."]
    )
    assert result.exit_code == 0, result.output
    assert "'Jalawla'" in result.output and "role=offset" in result.output
    assert "event place: Jalawla" in result.output
    assert "Diyala / Khanaqin" in result.output


def test_cli_json_output() -> None:
    import json

    result = CliRunner().invoke(app, ["geocode", "--json", "Clashes in Tal Afar."])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["event_place"]["admin1"] == "Ninewa"
    assert loose(data["mentions"][0]["text"]) == loose("Tal Afar")

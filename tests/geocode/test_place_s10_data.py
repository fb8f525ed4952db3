"""Session 10 (place10): names the gazetteer build dropped, and close spellings the
fuzzy look-up could not try. Sentences written for these tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from incidentwatch.geocode import Geocoder
from incidentwatch.geocode.fuzzy import skeleton, skeletons
from incidentwatch.geocode.normalise import loose

REPO = Path(__file__).resolve().parents[2]


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "_build_gazetteer_s10", REPO / "scripts" / "build_gazetteer.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_a_name_opening_with_an_ayn_mark_is_a_key_but_no_label() -> None:
    b = _build_module()
    for name in ("‘Āmiriyat al Fallūjah", "`Ayn an Nur", "'Anah"):
        assert b.usable_name(name, True), name
        assert not b.usable_label(name), name
    # Still refused: codes, lower-case romanisations, a mark alone.
    for name in ("BGW", "bghdad", "‘", "‘12"):
        assert not b.usable_name(name, True), name
    assert b.usable_label("Ain Issa")


def test_a_place_known_only_by_names_opening_with_an_ayn_mark_is_found(geo: Geocoder) -> None:
    # The data's only Latin names of this Anbar town open with an ayn mark; the build
    # had dropped them all, so the text's name was read as Fallujah alone.
    text = "Gunmen shot dead a tribal leader outside a mosque in Amiriyat al-Fallujah on Sunday."
    place = geo.locate(text, 0, len(text))
    assert place is not None and place.admin1 == "Al-Anbar", place
    assert place.start == text.index("Amiriyat"), place
    assert geo.gaz.lookup(loose("Amiriyat al-Fallujah")) != ()


@pytest.mark.parametrize(
    ("a", "b"),
    [("dakuk", "daquq"), ("zuluiya", "dholuiya"), ("fatatra", "fatira")],
)
def test_close_spellings_share_a_skeleton(a: str, b: str) -> None:
    assert {sk for _, sk in skeletons(a)} & {sk for _, sk in skeletons(b)}


def test_two_alike_consonants_a_vowel_parts_keep_a_short_name_searchable() -> None:
    assert skeleton("dakuk") == "dk"  # too narrow to try for a five-letter name
    assert ("dakuk", "dkk") in skeletons("dakuk")
    assert skeletons("dak") == []  # still too short either way


def test_a_road_s_ends_give_way_to_the_scene_near_it(geo: Geocoder) -> None:
    text = (
        "Gunmen stopped a bus on the highway between Baghdad and Kirkuk near Tuz Khurmatu "
        "on Friday night and abducted four passengers."
    )
    place = geo.locate(text, 0, len(text))
    assert place is not None and place.admin1 == "Salah Al-Din", place
    # Alone, the road still places the event near its first end.
    alone = "Gunmen stopped a bus on the road linking Kirkuk and Erbil on Friday night."
    place = geo.locate(alone, 0, len(alone))
    assert place is not None and place.admin1 == "Kirkuk" and place.geo_precision == 2, place

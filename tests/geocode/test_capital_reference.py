"""A reference place named by its rank ("north of the capital city of Amman") is still a
reference, not the event's place (geocode.text.relation_before). Text written for it."""

from __future__ import annotations

import pytest

from incidentwatch.geocode import Geocoder
from incidentwatch.geocode.text import relation_before


@pytest.mark.parametrize(
    ("before", "kind"),
    [
        ("a checkpoint in Zarqa, about 25 km northeast of the capital city of ", "offset"),
        ("a checkpoint in Zarqa, 15 miles northeast of the capital of ", "offset"),
        ("a checkpoint in Zarqa, northeast of the capital of ", "direction"),
        ("a checkpoint in Zarqa, northeast of the city of ", "direction"),
    ],
)
def test_a_capital_named_by_its_rank_is_a_reference(before: str, kind: str) -> None:
    text = before + "Amman"
    assert relation_before(text, len(before)).kind == kind


def test_the_capital_of_a_country_is_no_reference_by_itself() -> None:
    before = "Gunmen attacked a hotel in the capital of "
    assert relation_before(before + "Jordan", len(before)).kind == ""


def test_a_later_sentence_borrows_the_scene_not_the_capital(geo: Geocoder) -> None:
    text = (
        "Gunmen attacked a police post in Zarqa, about 25 km northeast of the capital city "
        "of Amman, on Friday. Two officers were killed in the attack, police said."
    )
    start = text.index("Two officers")
    place = geo.locate(text, start, len(text), country_hint="JO")
    assert place is not None and place.name == "Zarqa"

"""Actor names from the data tables, in the incident's country (codebook 4, 5a).
Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.actors import resolve_entry
from incidentwatch.extract.lang import get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article

KB = get_pack("en").knowledge


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _actor1(extractor: Extractor, text: str) -> str | None:
    [inc] = extractor.extract(Article(article_id="act", text=text, published_at="2023-05-10"))
    return inc.actor1.name if inc.actor1 else None


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Islamic State militants attacked a cafe in Dhaka, Bangladesh on Tuesday, killing "
         "nine people.", "Islamic State (Bangladesh)"),
        ("Islamic State militants attacked an army checkpoint near Tikrit on Tuesday, killing "
         "two soldiers.", "Islamic State (Iraq)"),
        ("Islamic State fighters shelled a village near Raqqa, Syria on Tuesday, killing four "
         "civilians.", "Islamic State (Syria)"),
    ],
)  # fmt: skip
def test_islamic_state_is_named_for_the_incidents_country(
    extractor: Extractor, text: str, actor1: str
) -> None:
    assert _actor1(extractor, text) == actor1


def test_a_country_outside_the_table_still_names_the_group() -> None:
    entries = [(e, None) for e in KB.actors if e.name == "Islamic State ({country})"]
    # New Caledonia is no state: countries.tsv has no line for it (held12 filled in the states).
    actor = resolve_entry(entries, "NC", KB, "New Caledonia")
    assert actor is not None and actor.name == "Islamic State (New Caledonia)"
    # Without a name for the country there is nothing to fill in.
    assert resolve_entry(entries, "NC", KB) is None


def test_generic_forces_take_the_article_the_country_needs() -> None:
    forces = [(e, None) for e in KB.actors if e.name == "Military Forces of {the_country}"]
    us = resolve_entry(forces, "US", KB)
    iq = resolve_entry(forces, "IQ", KB)
    assert us is not None and us.name == "Military Forces of the United States"
    assert iq is not None and iq.name == "Military Forces of Iraq"

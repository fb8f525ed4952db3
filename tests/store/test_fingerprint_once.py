"""The writer fingerprints an article once for its two admissions in a parallel ingest
(`Store._fingerprint`, issue 15): the same values as computing them again, kept per
text and URL, bounded. Report text written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.records import Article
from incidentwatch.store import Store
from incidentwatch.store import store as store_module
from incidentwatch.store.store import _Fingerprint

TEXT = (
    "KIRKUK, Iraq - A car bomb exploded near a vegetable market in southern Kirkuk on "
    "Thursday morning, killing four people and wounding eleven, a police officer said. "
    "The officer, who asked not to be named, said the car had been parked since dawn "
    "beside a row of shops that sell tomatoes and onions, and that ambulances took the "
    "wounded to the city's general hospital. No group said it carried out the bombing."
)


def art(article_id: str, text: str = TEXT, url: str | None = None) -> Article:
    return Article(article_id=article_id, text=text, url=url, published_at="2016-05-12")


def test_same_fingerprint_as_computed_again_and_kept(sqlite_store: Store) -> None:
    a = art("kirkuk-1", url="https://news.example/kirkuk-1")
    first = sqlite_store.admit(a)
    assert first.fingerprint == _Fingerprint.of(a)
    assert first.fingerprint.long_enough and first.fingerprint.url_key
    # The second admission (the writer storing what a worker extracted) reuses it.
    again = sqlite_store.admit(a.model_copy())
    assert again.fingerprint is first.fingerprint
    # Another URL or another text is another fingerprint.
    moved = sqlite_store.admit(art("kirkuk-1", url="https://news.example/other"))
    assert moved.fingerprint.url_key != first.fingerprint.url_key
    assert moved.fingerprint == _Fingerprint.of(art("k", url="https://news.example/other"))
    edited = sqlite_store.admit(art("kirkuk-2", TEXT.replace("four", "five")))
    assert edited.fingerprint.content_hash != first.fingerprint.content_hash
    assert edited.fingerprint == _Fingerprint.of(art("k", TEXT.replace("four", "five")))


def test_duplicates_still_found_and_memory_bounded(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "_FINGERPRINTS", 3)
    a = art("kirkuk-1", url="https://news.example/kirkuk-1")
    adm = sqlite_store.admit(a)
    assert sqlite_store.add_article(adm, []) == (0, 0)
    # Stored: the same article is a duplicate, from the kept fingerprint.
    assert sqlite_store.admit(a).duplicate_of == "kirkuk-1"
    for i in range(5):
        sqlite_store.admit(art(f"other-{i}", TEXT.replace("four", f"{i + 5}")))
    assert len(sqlite_store._fingerprints) == 3
    # Evicted, computed again: still a duplicate.
    assert sqlite_store.admit(a).duplicate_of == "kirkuk-1"

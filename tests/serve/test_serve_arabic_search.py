"""Searching Arabic text through the real server over a real SQLite store (issue 16):
the query and the article's words are folded alike (hamza seats, ta marbuta, alef
maqsura, diacritics, tatweel), so a spelling variant finds the incident."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from serve_helpers import serving

from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.records import Article
from incidentwatch.store import open_store

KARRADA = (
    "انفجرت سيارة مفخخة في منطقة الكرادة وسط بغداد مساء اليوم الأحد، ما أسفر عن مقتل "
    "خمسة أشخاص وإصابة اثني عشر آخرين، بحسب مصدر في الشرطة."
)
FALLUJAH = "قتل جندي برصاص قناص في مدينة الفلوجة بمحافظة الأنبار صباح اليوم الأحد."
ENGLISH = "A roadside bomb killed two soldiers near Baqubah on Sunday, police said."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    path: Path = tmp_path_factory.mktemp("serve-arabic-search") / "incidents.db"
    st = open_store(f"sqlite:///{path}")
    arts = [
        Article(article_id=aid, text=text, published_at="2024-04-14")
        for aid, text in (("ar-karrada", KARRADA), ("ar-fallujah", FALLUJAH), ("en-1", ENGLISH))
    ]
    assert ingest_articles(st, arts).added == 3
    ids = {
        inc.sources[0].article_id: inc.incident_id or "" for inc in st.query_incidents(limit=None)
    }
    try:
        with serving(st) as url:
            yield url, ids
    finally:
        st.close()


def _found(url: str, q: str) -> set[str]:
    r = httpx.get(f"{url}/api/incidents", params={"q": q}, timeout=20)
    assert r.status_code == 200
    return {i["incident_id"] for i in r.json()["items"]}


@pytest.mark.parametrize(
    ("query", "article"),
    [
        ("الكرادة", "ar-karrada"),  # as written
        ("الكراده", "ar-karrada"),  # ha for ta marbuta
        ("الْكَرَّادَة", "ar-karrada"),  # with diacritics
        ("الكــرادة", "ar-karrada"),  # with tatweel
        ("الفلوجه", "ar-fallujah"),
        ("الانبار", "ar-fallujah"),  # bare alef for alef with hamza
    ],
)
def test_arabic_query_finds_the_incident_however_spelt(
    server: tuple[str, dict[str, str]], query: str, article: str
) -> None:
    url, ids = server
    assert _found(url, query) == {ids[article]}


def test_arabic_query_without_a_match_finds_nothing_and_english_search_is_unchanged(
    server: tuple[str, dict[str, str]],
) -> None:
    url, ids = server
    assert _found(url, "الموصل") == set()
    assert _found(url, "%") == set()  # a LIKE wildcard is a literal character
    assert ids["en-1"] in _found(url, "Baqubah")

"""Arabic search through the API and the web UI (issue 16): a live server over a real
SQLite store filled by the real extractor from Arabic reports written here; the UI's
search box is typed into in headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from serve_helpers import chromium_context, serving

from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.records import Article
from incidentwatch.store import open_store

REPORTS = {
    "ar-mosul": (
        "قُتل ثلاثة جنود وأصيب خمسة آخرون بانفجار عبوة ناسفة استهدفت دوريتهم في مدينة "
        "الموصل صباح اليوم الأحد، بحسب مصدر أمني."
    ),
    "ar-kirkuk": (
        "أطلق مسلحون مجهولون النار على سيارة موظف حكومي في مدينة كركوك مساء أمس، "
        "ما أدى إلى مقتله على الفور."
    ),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    path: Path = tmp_path_factory.mktemp("serve-arabic-search") / "incidents.db"
    st = open_store(f"sqlite:///{path}")
    arts = [Article(article_id=k, text=v, published_at="2024-03-10") for k, v in REPORTS.items()]
    assert ingest_articles(st, arts).added == 2
    ids = {
        i.location.name: i.incident_id
        for i in st.query_incidents(limit=None)
        if i.location and i.incident_id
    }
    assert set(ids) == {"Mosul", "Kirkuk"}
    try:
        with serving(st) as url:
            yield url, ids
    finally:
        st.close()


def _api(url: str, q: str) -> list[str]:
    r = httpx.get(url + "/api/incidents", params={"q": q}, timeout=60)
    assert r.status_code == 200, r.text
    return sorted(item["incident_id"] for item in r.json()["items"])


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("بالموصل", "Mosul"),  # the report writes "الموصل"
        ("عبوه ناسفه", "Mosul"),  # ha for ta marbuta
        ("إنفجار", "Mosul"),  # hamza the report does not write
        ("كـركوك", "Kirkuk"),  # tatweel
        ("مُسلَّحون", "Kirkuk"),  # diacritics
    ],
)
def test_api_search_finds_arabic_incident(
    server: tuple[str, dict[str, str]], query: str, place: str
) -> None:
    url, ids = server
    assert _api(url, query) == [ids[place]]


def test_api_search_no_match_and_hostile_query(server: tuple[str, dict[str, str]]) -> None:
    url, ids = server
    assert _api(url, "البصرة") == []
    # Only the Arabic words of a query are matched: markup around them is no wildcard.
    assert _api(url, "<script>الموصل</script>") == [ids["Mosul"]]
    assert _api(url, "_%") == []


@pytest.fixture(scope="module")
def page(server: tuple[str, dict[str, str]]) -> Iterator[Any]:
    with chromium_context() as ctx:
        yield ctx.new_page()


@pytest.mark.browser
def test_ui_search_box_finds_arabic_incident(page: Any, server: tuple[str, dict[str, str]]) -> None:
    from playwright.sync_api import expect

    url, ids = server
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: errors.append("dialog: " + d.message))
    page.goto(f"{url}/?view=table")
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)
    rows = page.locator("#table tbody tr[data-id]")
    expect(rows).to_have_count(2)
    # Typed as a reader would, with an attached preposition and a hamza the report lacks.
    page.locator("#f-q").press_sequentially("بإنفجار عبوة", delay=20)
    expect(rows).to_have_count(1, timeout=10_000)
    expect(rows.first).to_have_attribute("data-id", ids["Mosul"])
    assert "q=" in page.url
    # A query with markup is a query, not markup: its Arabic word matches, nothing runs.
    page.fill("#f-q", '<img src=x onerror="alert()">كركوك')
    expect(rows.first).to_have_attribute("data-id", ids["Kirkuk"], timeout=10_000)
    expect(rows).to_have_count(1)
    assert page.locator("img[src=x]").count() == 0
    page.fill("#f-q", "البصرة")
    expect(rows).to_have_count(0, timeout=10_000)
    assert errors == []

"""The web UI in headless Chromium shows an Arabic incident with its evidence
highlighted right to left (issue 16): a real store filled by the real extractor from
an Arabic report written here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serve_helpers import chromium_context, serving

from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.records import Article
from incidentwatch.store import open_store

pytestmark = pytest.mark.browser

ARABIC = (
    "قتل أربعة أشخاص وأصيب تسعة آخرون بانفجار سيارة مفخخة قرب سوق شعبي في مدينة كركوك "
    "مساء اليوم الخميس، بحسب مصدر في الشرطة."
)


@pytest.fixture(scope="module")
def arabic_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    path: Path = tmp_path_factory.mktemp("serve-arabic") / "incidents.db"
    st = open_store(f"sqlite:///{path}")
    art = Article(article_id="ar-kirkuk", text=ARABIC, published_at="2024-04-11", outlet="صحيفة")
    assert ingest_articles(st, [art]).added == 1
    [inc] = st.query_incidents(limit=None)
    assert inc.incident_id is not None
    try:
        with serving(st) as url:
            yield url, inc.incident_id
    finally:
        st.close()


@pytest.fixture(scope="module")
def page(arabic_server: tuple[str, str]) -> Iterator[Any]:
    with chromium_context() as ctx:
        yield ctx.new_page()


def test_arabic_evidence_is_highlighted_right_to_left(
    page: Any, arabic_server: tuple[str, str]
) -> None:
    url, incident_id = arabic_server
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/?incident={incident_id}")
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)
    page.wait_for_selector("#panel:not([hidden]) .article-text")
    text = page.locator("#panel .article-text")
    assert text.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # The Arabic words stay as written (shaping is the browser's: the stored text is
    # the original letters, not presentation forms).
    words = text.evaluate(
        "e => { const c = e.cloneNode(true);"
        " c.querySelectorAll('.ev-label').forEach(l => l.remove()); return c.textContent; }"
    )
    assert words == ARABIC
    marks = page.locator("#panel .article-text mark.ev")
    assert marks.count() >= 3
    quoted = " ".join(marks.nth(i).inner_text() for i in range(marks.count()))
    assert "بانفجار" in quoted and "كركوك" in quoted and "الخميس" in quoted
    for i in range(marks.count()):
        mark = marks.nth(i)
        assert mark.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
        assert mark.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # Right to left on screen: the first words of the text are right of the later ones.
    first = page.locator("#panel .article-text mark.ev").first.bounding_box()
    box = text.bounding_box()
    assert first is not None and box is not None
    assert first["x"] + first["width"] > box["x"] + box["width"] / 2
    assert errors == []

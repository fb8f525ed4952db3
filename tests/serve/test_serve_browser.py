"""End-to-end: the web UI in a real headless Debian Chromium (Playwright), against
the app served by uvicorn over a real SQLite store."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser_ctx() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium is not installed (scripts/setup-system.sh installs it)")
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="iw-chromium-")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=ARGS,
            viewport={"width": 1400, "height": 900},
        )
        yield ctx
        ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


class Watch:
    """Everything a page did that a test may want to check afterwards."""

    def __init__(self, page: Any) -> None:
        self.console: list[tuple[str, str]] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))
        page.on("request", lambda r: self.requests.append(r.url))

        def on_dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)

    def errors(self) -> list[tuple[str, str]]:
        return [m for m in self.console if m[0] in ("error", "pageerror")]


@pytest.fixture
def page(browser_ctx: Any, live_server: str) -> Iterator[tuple[Any, Watch]]:
    pg = browser_ctx.new_page()
    watch = Watch(pg)
    yield pg, watch
    pg.close()


def _open(pg: Any, url: str) -> None:
    pg.goto(url)
    pg.wait_for_selector("body[data-ready='1']", timeout=20_000)


def _markers(pg: Any, n: int) -> None:
    pg.wait_for_selector(f"#map[data-markers='{n}']", timeout=10_000)


def test_page_loads_offline_with_markers(page: tuple[Any, Watch], live_server: str) -> None:
    pg, watch = page
    _open(pg, live_server + "/")
    _markers(pg, 5)
    pg.wait_for_selector("path.incident-marker", timeout=10_000)
    assert pg.locator("#timeline canvas").count() >= 1
    assert "5 incidents match" in pg.inner_text("#status")
    # Boundaries drawn from the shipped files, and their attribution shown.
    assert pg.locator("path.leaflet-interactive").count() > 30
    assert "OCHA" in pg.inner_text(".leaflet-control-attribution")
    pg.wait_for_timeout(300)
    assert watch.errors() == []
    server = urlsplit(live_server).netloc
    outside = [u for u in watch.requests if urlsplit(u).netloc != server]
    assert outside == [], outside
    assert any("/static/vendor/leaflet/leaflet.js" in u for u in watch.requests)


def test_filter_changes_map_and_table_and_url(
    page: tuple[Any, Watch], live_server: str, ids: dict[str, str]
) -> None:
    pg, watch = page
    _open(pg, live_server + "/")
    _markers(pg, 5)
    pg.select_option("#f-admin1", "Diyala")
    _markers(pg, 2)
    assert "admin1=Diyala" in pg.url
    pg.click("#views button[data-view=table]")
    pg.wait_for_selector("#table tbody tr[data-id]")
    rows = pg.locator("#table tbody tr[data-id]")
    assert rows.count() == 2
    assert "view=table" in pg.url
    expect(pg.locator("#map")).to_be_hidden()
    places = set(pg.locator("#table tbody tr[data-id] td:nth-child(8)").all_inner_texts())
    assert places == {"Khanaqin", "Muqdadiyah"}
    # Sorting by a column header re-orders the rows (deadliest first, then reversed).
    pg.click("#table th[data-sort=fatalities]")
    expect(pg.locator("#table tbody tr[data-id] >> nth=0")).to_have_attribute(
        "data-id", ids["Khanaqin"]
    )
    pg.click("#table th[data-sort=fatalities]")
    expect(pg.locator("#table tbody tr[data-id] >> nth=0")).to_have_attribute(
        "data-id", ids["Muqdadiyah"]
    )
    assert "sort=fatalities" in pg.url
    csv_href = pg.get_attribute("#csv", "href")
    assert csv_href is not None and "admin1=Diyala" in csv_href
    pg.select_option("#f-event_type", "Battles")
    expect(pg.locator("#table tbody tr[data-id]")).to_have_count(1)
    assert pg.inner_text("#table tbody tr[data-id] td:nth-child(4)") == "Islamic State (Iraq)"
    # The shared link restores the same view.
    pg2 = pg.context.new_page()
    try:
        _open(pg2, pg.url)
        expect(pg2.locator("#table tbody tr[data-id]")).to_have_count(1)
        assert pg2.input_value("#f-admin1") == "Diyala"
        assert pg2.input_value("#f-event_type") == "Battles"
    finally:
        pg2.close()
    assert watch.errors() == []


def test_click_opens_incident_with_highlighted_evidence(
    page: tuple[Any, Watch], live_server: str, ids: dict[str, str]
) -> None:
    pg, watch = page
    _open(pg, live_server + "/?admin1=Diyala")
    _markers(pg, 2)
    # Zoom in on Diyala so the two incidents are separate markers, not a cluster.
    pg.locator(".leaflet-control-zoom-in").click()
    pg.locator(".leaflet-control-zoom-in").click()
    marker = pg.locator(f"path.incident-marker[data-id='{ids['Khanaqin']}']")
    marker.wait_for(timeout=10_000)
    marker.click()
    pg.wait_for_selector("#panel:not([hidden]) .source mark.ev")
    assert ids["Khanaqin"] in pg.url
    assert pg.locator("#panel .source").count() == 2
    marks = pg.locator("#panel .source mark.ev").all_inner_texts()
    joined = " | ".join(marks)
    for words in ("Islamic State militants", "killing four soldiers", "ISIS fighters"):
        assert words in joined, joined
    actor_marks = pg.locator("#panel mark.ev[data-fields~='actor1']").all_inner_texts()
    assert any("Islamic State militants" in t for t in actor_marks)
    assert "actor1" in pg.inner_text("#panel .source .ev-label >> nth=0") or actor_marks
    assert "Islamic State (Iraq)" in pg.inner_text("#panel table.fields")
    pg.keyboard.press("Escape")
    pg.wait_for_selector("#panel", state="hidden")
    assert watch.errors() == []


def test_hostile_article_shows_as_text(
    page: tuple[Any, Watch], live_server: str, ids: dict[str, str]
) -> None:
    pg, watch = page
    _open(pg, live_server + f"/?incident={ids['Kirkuk']}")
    pg.wait_for_selector("#panel:not([hidden]) .article-text")
    text = pg.inner_text("#panel .article-text")
    assert "<script>alert(1)</script>" in text
    assert "onerror=" in text
    assert "<img src=x onerror=alert(2)>" in pg.inner_text("#panel .source h3")
    assert "<b>Hostile Outlet</b>" in pg.inner_text("#panel .source .meta")
    assert "<script>alert(3)</script>" in pg.inner_text("#panel h2")
    # Nothing from the article became markup, nothing ran, and the javascript: URL is no link.
    assert pg.locator("#panel script, #panel img, #panel b").count() == 0
    assert pg.locator("#panel a[href^='javascript']").count() == 0
    pg.wait_for_timeout(300)
    assert watch.dialogs == []
    assert pg.title() == "incidentwatch"
    assert watch.errors() == []


def test_timeline_brush_filters_the_map(page: tuple[Any, Watch], live_server: str) -> None:
    pg, watch = page
    _open(pg, live_server + "/")
    _markers(pg, 5)
    over = pg.locator("#timeline .u-over")
    box = over.bounding_box()
    assert box is not None
    # Drag over the right part of the timeline: the latest weeks only.
    y = box["y"] + box["height"] / 2
    pg.mouse.move(box["x"] + box["width"] * 0.80, y)
    pg.mouse.down()
    pg.mouse.move(box["x"] + box["width"] * 0.90, y, steps=5)
    pg.mouse.move(box["x"] + box["width"] - 2, y, steps=5)
    pg.mouse.up()
    expect(pg).to_have_url(re.compile("date_to="))
    params = dict(parse_qsl(urlsplit(pg.url).query))
    # The map now shows exactly what the API says is in the brushed period, which is
    # fewer than all and includes the latest incident (the Khanaqin ambush, 2024-03-11).
    want = httpx.get(
        live_server + "/api/incidents",
        params={"date_from": params["date_from"], "date_to": params["date_to"]},
    ).json()
    assert 0 < want["total"] < 5
    assert params["date_to"] >= "2024-03-11"
    _markers(pg, want["total"])
    assert pg.input_value("#f-date_from").startswith("2024-0")
    pg.click("#clear-dates")
    _markers(pg, 5)
    assert watch.errors() == []


def test_map_window_filters_the_timeline(
    page: tuple[Any, Watch], live_server: str, ids: dict[str, str]
) -> None:
    pg, watch = page
    _open(pg, live_server + "/")
    _markers(pg, 5)
    expect(pg.locator("#timeline")).to_have_attribute("data-periods", re.compile(r"[2-9]"))
    raqqa = pg.locator(f"path.incident-marker[data-id='{ids['Raqqa']}']")
    box = raqqa.bounding_box()
    assert box is not None
    # Zoom in on Raqqa with the mouse wheel: only the Raqqa incident stays in the window.
    pg.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(4):
        pg.mouse.wheel(0, -300)
        pg.wait_for_timeout(250)
    expect(pg.locator("#timeline")).to_have_attribute("data-periods", "1")
    assert "Explosions/Remote violence" in pg.inner_text("#timeline")
    # Unticking "only the map's area" brings the whole record back.
    pg.uncheck("#follow-map")
    expect(pg.locator("#timeline")).to_have_attribute("data-periods", re.compile(r"[2-9]"))
    assert watch.errors() == []

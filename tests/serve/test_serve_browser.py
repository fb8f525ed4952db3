"""End-to-end: the web UI in a real headless Debian Chromium (Playwright), against
the app served by uvicorn over a real SQLite store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from playwright.sync_api import expect
from serve_helpers import chromium_context

pytestmark = pytest.mark.browser

# httpx waits 5 s by default; the alerts computation can take longer on a loaded
# 2-core machine, and a slow answer is not what these tests check.
SLOW_MACHINE = 60.0


@pytest.fixture(scope="module")
def browser_ctx() -> Iterator[Any]:
    with chromium_context(viewport={"width": 1400, "height": 900}) as ctx:
        yield ctx


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


def _map_settled(pg: Any) -> None:
    """Wait until the map's zoom and the marker clusters' split have finished.

    Leaflet starts a zoom on the next animation frame, and drops a second zoom click that
    lands during the first one's animation: two quick clicks give one or two levels
    depending on the machine's load, and at two levels the legend covered the marker."""
    pg.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    pg.wait_for_function(
        "() => !document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim')",
        timeout=10_000,
    )


def _zoom_in_until_shown(pg: Any, marker: Any, most: int = 6) -> None:
    for _ in range(most):
        if marker.count():
            return
        pg.locator(".leaflet-control-zoom-in").click()
        _map_settled(pg)
    marker.wait_for(timeout=10_000)


# The marker's centre and whether a click there reaches the marker (not a control over it).
_MARKER_HIT = """(m) => { const r = m.getBoundingClientRect();
  const x = r.x + r.width / 2, y = r.y + r.height / 2;
  const top = document.elementFromPoint(x, y);
  return { x: x, y: y, free: top !== null && (top === m || m.contains(top)) }; }"""


def _uncover(pg: Any, marker: Any) -> None:
    """Drag the map, as a user would, so a marker under a map control (the legend, the
    zoom buttons) comes to the middle of the map."""
    hit = marker.evaluate(_MARKER_HIT)
    if hit["free"]:
        return
    box = pg.locator("#map").bounding_box()
    assert box is not None
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    pg.mouse.move(cx, cy)
    pg.mouse.down()
    pg.mouse.move(cx + (cx - hit["x"]) / 2, cy + (cy - hit["y"]) / 2, steps=5)
    pg.mouse.move(cx + (cx - hit["x"]), cy + (cy - hit["y"]), steps=5)
    # A pause then a last 1-pixel step: Leaflet then sees no drag speed and adds no
    # inertia glide that would carry the marker past the middle.
    pg.wait_for_timeout(150)
    pg.mouse.move(cx + (cx - hit["x"]) + 1, cy + (cy - hit["y"]))
    pg.mouse.up()
    _map_settled(pg)
    expect(marker).to_be_visible()
    assert marker.evaluate(_MARKER_HIT)["free"], "a map control still covers the marker"


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
    # Zoom in on Diyala until the Khanaqin incident is a marker of its own, not part of
    # a cluster, then make sure no map control covers it before clicking it.
    marker = pg.locator(f"path.incident-marker[data-id='{ids['Khanaqin']}']")
    _zoom_in_until_shown(pg, marker)
    _uncover(pg, marker)
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
        timeout=SLOW_MACHINE,
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


def test_alerts_view_and_report_link(page: tuple[Any, Watch], live_server: str) -> None:
    pg, watch = page
    _open(pg, live_server + "/?admin1=Diyala")
    _markers(pg, 2)
    pg.click("#views button[data-view=alerts]")
    pg.wait_for_selector("#alerts-view[data-loaded]", timeout=20_000)
    assert "view=alerts" in pg.url
    # The panel shows what the endpoint found for Diyala, whatever that is.
    api = httpx.get(
        live_server + "/api/analyse/alerts", params={"limit": 5000}, timeout=SLOW_MACHINE
    ).json()
    want = [a for a in api["items"] if a["admin1"] == "Diyala"]
    rows = pg.locator("#alerts tbody tr[data-area]")
    assert rows.count() == len(want)
    if not want:
        expect(pg.locator("#no-alerts")).to_contain_text("No alerts")
    model = pg.inner_text("#alerts-model")
    assert f"alpha = {api['config']['alpha']}" in model
    assert f"{api['config']['baseline_periods']}-week baseline" in model

    # Report: the area and a window ending on Diyala's latest incident (2024-03-11).
    href = pg.get_attribute("#report-link", "href")
    assert pg.get_attribute("#report-link", "target") == "_blank"
    parts = urlsplit(href)
    assert parts.path == "/api/analyse/report"
    params = dict(parse_qsl(parts.query))
    assert params == {"area": "Diyala", "date_from": "2024-02-13", "date_to": "2024-03-11"}
    pg.fill("#f-date_from", "2024-01-01")
    pg.dispatch_event("#f-date_from", "change")
    pg.fill("#f-date_to", "2024-03-31")
    pg.dispatch_event("#f-date_to", "change")
    expect(pg.locator("#report-link")).to_have_attribute("href", re.compile("date_to=2024-03-31"))
    href = pg.get_attribute("#report-link", "href")
    assert dict(parse_qsl(urlsplit(href).query))["date_from"] == "2024-01-01"
    assert watch.errors() == []

    # The report itself keeps its own strict policy, so its inline style applies and
    # nothing (no script, no outside request) loads; the charts are data URIs.
    r = httpx.get(live_server + href, timeout=SLOW_MACHINE)
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    report = pg.context.new_page()
    rwatch = Watch(report)
    report.goto(live_server + href)
    report.wait_for_load_state("load")
    assert "Diyala" in report.inner_text("body")
    srcs = report.eval_on_selector_all("img", "els => els.map(e => e.getAttribute('src'))")
    assert srcs and all(s.startswith("data:image/") for s in srcs)
    # The report's inline <style> caps the body at 60rem; blocked, it would be "none".
    assert report.evaluate("getComputedStyle(document.body).maxWidth") == "960px"
    report.wait_for_timeout(200)
    report.close()
    assert rwatch.errors() == [], rwatch.errors()
    server = urlsplit(live_server).netloc
    outside = [u for u in watch.requests + rwatch.requests if urlsplit(u).netloc != server]
    outside = [u for u in outside if not u.startswith("data:")]
    assert outside == [], outside


def test_alert_rows_apply_their_filters(browser_ctx: Any, alert_server: str) -> None:
    pg = browser_ctx.new_page()
    watch = Watch(pg)
    try:
        _open(pg, alert_server + "/?view=alerts")
        pg.wait_for_selector("#alerts-view[data-loaded]", timeout=20_000)
        api = httpx.get(
            alert_server + "/api/analyse/alerts", params={"limit": 5000}, timeout=SLOW_MACHINE
        ).json()
        assert api["total"] > 0, "the Kirkuk flare-up must raise an alert"
        rows = pg.locator("#alerts tbody tr[data-area]")
        assert rows.count() == api["total"]
        assert pg.locator("#no-alerts").count() == 0
        # Latest first; the all-actors row for Kirkuk over the burst's two weeks.
        first = api["items"][0]
        row = rows.filter(has_text="all actors").first
        cells = row.locator("td").all_inner_texts()
        assert cells[0] == "Kirkuk (Iraq)"
        assert cells[2] == f"{first['window_start']} – {first['window_end']}"
        assert cells[3].startswith("escalation")
        assert cells[5] == f"{first['incidents']} ({first['expected_incidents']:.1f})"
        # An actor filter keeps only that actor's alerts.
        pg.select_option("#f-actor", "Police Forces of Iraq")
        expect(rows).to_have_count(sum(a["actor"] == "Police Forces of Iraq" for a in api["items"]))
        pg.select_option("#f-actor", "")
        expect(rows).to_have_count(api["total"])
        # Clicking the row shows that area and period on the map: the burst's incidents.
        rows.filter(has_text="all actors").first.click()
        pg.wait_for_selector("#map-view:not([hidden])")
        q = dict(parse_qsl(urlsplit(pg.url).query))
        assert q == {
            "admin1": "Kirkuk",
            "date_from": first["window_start"],
            "date_to": first["window_end"],
        }
        _markers(pg, first["incidents"])
        assert watch.errors() == []
    finally:
        pg.close()

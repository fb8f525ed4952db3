"""The REST API over a real SQLite store (FastAPI TestClient, no mocks)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from serve_sample_data import TOKEN

from incidentwatch.serve.app import create_app
from incidentwatch.store import open_store


def _ids(resp: Any) -> set[str]:
    return {i["incident_id"] for i in resp.json()["items"]}


def test_list_filters_and_pagination(client: TestClient, ids: dict[str, str]) -> None:
    r = client.get("/api/incidents")
    assert r.status_code == 200
    assert r.json()["total"] == 5
    dates = [i["event_date"] for i in r.json()["items"]]
    assert dates == sorted(dates, reverse=True)
    assert "evidence" not in r.json()["items"][0]

    diyala = client.get("/api/incidents", params={"admin1": "Diyala"})
    assert _ids(diyala) == {ids["Khanaqin"], ids["Muqdadiyah"]}
    isis = client.get(
        "/api/incidents",
        params={"admin1": "Diyala", "actor": "Islamic State (Iraq)", "date_from": "2024-03-01"},
    )
    assert _ids(isis) == {ids["Khanaqin"]}
    assert isis.json()["items"][0]["n_sources"] == 2
    assert _ids(client.get("/api/incidents", params={"country": "SY"})) == {ids["Raqqa"]}
    assert _ids(client.get("/api/incidents", params={"event_type": "Protests"})) == {ids["Basra"]}
    killed = client.get("/api/incidents", params={"min_fatalities": 3})
    assert _ids(killed) == {ids["Khanaqin"], ids["Raqqa"]}
    window = client.get(
        "/api/incidents", params={"date_from": "2024-01-01", "date_to": "2024-02-29"}
    )
    assert _ids(window) == {ids["Basra"], ids["Muqdadiyah"]}
    shepherd = client.get("/api/incidents", params={"q": "shepherd"})
    assert _ids(shepherd) == {ids["Muqdadiyah"]}
    district = client.get("/api/incidents", params={"admin2": "Khanaqin"})
    assert _ids(district) == {ids["Khanaqin"]}
    # Raqqa is the only incident west of 40E.
    west = client.get("/api/incidents", params={"bbox": "35,30,40,38"})
    assert _ids(west) == {ids["Raqqa"]}

    p1 = client.get("/api/incidents", params={"limit": 2, "offset": 0, "sort": "-fatalities"})
    p2 = client.get("/api/incidents", params={"limit": 2, "offset": 2, "sort": "-fatalities"})
    assert p1.json()["total"] == 5 and len(p1.json()["items"]) == 2
    assert _ids(p1) == {ids["Khanaqin"], ids["Raqqa"]}
    assert not _ids(p1) & _ids(p2)


def test_invalid_input_gets_clear_4xx(client: TestClient) -> None:
    cases = [
        ({"date_from": "yesterday"}, 422, "date_from"),
        ({"date_from": "2024-03-01", "date_to": "2024-01-01"}, 400, "after"),
        ({"min_fatalities": -1}, 422, "min_fatalities"),
        ({"limit": 0}, 422, "limit"),
        ({"limit": 100000}, 422, "limit"),
        ({"sort": "summary; DROP TABLE incidents"}, 422, "sort"),
        ({"bbox": "1,2,3"}, 400, "bbox"),
        ({"bbox": "0,80,10,95"}, 400, "bbox"),
        ({"q": "x" * 500}, 422, "q"),
    ]
    for params, status, word in cases:
        r = client.get("/api/incidents", params=params)
        assert r.status_code == status, (params, r.text)
        assert word in r.text, (params, r.text)
    r = client.get("/api/aggregates", params={"period": "year"})
    assert r.status_code == 422 and "period" in r.text
    r = client.get("/api/aggregates", params={"by": "summary"})
    assert r.status_code == 422 and "by" in r.text
    r = client.get("/api/incidents/no-such-incident")
    assert r.status_code == 404 and "no-such-incident" in r.json()["detail"]
    assert client.get("/api/articles/nope").status_code == 404


def test_one_incident_has_every_source_with_text_and_evidence(
    client: TestClient, ids: dict[str, str]
) -> None:
    r = client.get(f"/api/incidents/{ids['Khanaqin']}")
    assert r.status_code == 200
    inc = r.json()
    assert inc["actor1"]["name"] == "Islamic State (Iraq)"
    assert inc["fatalities"]["best"] == 4
    by_article = {s["article_id"]: s for s in inc["sources"]}
    assert set(by_article) == {"t-diyala-1", "t-diyala-2"}
    for src in inc["sources"]:
        assert src["text"] and src["evidence"]
        for ev in src["evidence"]:
            # Every span quotes the words at its offsets in that source's text.
            assert src["text"][ev["start"] : ev["end"]] == ev["text"]
    quotes = {ev["text"] for ev in by_article["t-diyala-2"]["evidence"]}
    assert "ISIS fighters" in quotes
    fields = {ev["field"] for ev in by_article["t-diyala-1"]["evidence"]}
    assert {"actor1", "fatalities", "location", "event_date"} <= fields


def test_aggregates(client: TestClient) -> None:
    r = client.get("/api/aggregates", params={"period": "month", "by": "admin1"})
    assert r.status_code == 200
    rows = {(x["period"], x["key"]): x for x in r.json()["rows"]}
    assert rows[("2024-03-01", "Diyala")]["incidents"] == 1
    assert rows[("2024-03-01", "Diyala")]["fatalities"] == 4
    assert rows[("2024-03-01", "Kirkuk")]["fatalities"] == 2
    total = client.get("/api/aggregates", params={"period": "week"}).json()["rows"]
    assert sum(x["incidents"] for x in total) == 5
    assert {x["period"] for x in total} >= {"2024-03-11", "2024-03-04"}  # ISO week starts
    iraq = client.get("/api/aggregates", params={"by": "event_type", "country": "IQ"}).json()
    assert {x["key"] for x in iraq["rows"]} == {
        "Battles",
        "Violence against civilians",
        "Protests",
        "Explosions/Remote violence",
    }


def test_points_csv_facets(client: TestClient, ids: dict[str, str]) -> None:
    pts = client.get("/api/incidents/points", params={"admin1": "Diyala"}).json()
    assert pts["total"] == 2 and not pts["truncated"]
    khanaqin = next(p for p in pts["points"] if p[0] == ids["Khanaqin"])
    assert khanaqin[1:5] == [34.3482, 45.3919, "Battles", 4]
    assert khanaqin[5:] == ["2024-03-11", "Khanaqin", "Islamic State (Iraq)"]
    one = client.get("/api/incidents/points", params={"limit": 1}).json()
    assert one["truncated"] and one["points"][0][0] == ids["Khanaqin"]  # deadliest first

    r = client.get("/api/incidents.csv", params={"country": "Iraq"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {row["incident_id"] for row in rows} == {
        ids["Khanaqin"],
        ids["Muqdadiyah"],
        ids["Basra"],
        ids["Kirkuk"],
    }
    kirkuk = next(row for row in rows if row["location"] == "Kirkuk")
    assert kirkuk["event_date"] == "2024-03-05" and kirkuk["fatalities"] == "2"
    assert "<NA>" not in r.text and "nan" not in r.text.lower().split(",")

    facets = client.get("/api/facets").json()
    admin1 = {f["value"]: f["incidents"] for f in facets["admin1"]}
    assert admin1["Diyala"] == 2
    assert "Islamic State (Iraq)" in {f["value"] for f in facets["actor"]}


def test_article_text_is_returned_as_data_not_markup(
    client: TestClient, ids: dict[str, str]
) -> None:
    inc = client.get(f"/api/incidents/{ids['Kirkuk']}").json()
    src = inc["sources"][0]
    assert src["text"].startswith("<script>alert(1)</script>")
    art = client.get("/api/articles/t-hostile")
    assert art.headers["content-type"].startswith("application/json")
    assert art.json()["text"] == src["text"]


def test_security_headers_and_read_only(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    # No inline script in the page: every <script> has a local src.
    html = r.text
    assert html.count("<script") == html.count('<script src="/static/')
    assert "http://" not in html and "https://" not in html

    body = [{"article_id": "x1", "text": "Gunmen attacked a checkpoint."}]
    r = client.post("/api/articles", json=body)
    assert r.status_code == 403 and "read-only" in r.json()["detail"]
    assert client.delete("/api/incidents/anything").status_code == 405


def test_ingest_needs_the_token(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'ingest.db'}")
    token_client = TestClient(create_app(store, token=TOKEN))
    body = [
        {
            "article_id": "t-api-1",
            "text": "A short note with no incident in it.",
            "published_at": "2024-03-20",
        }
    ]
    assert token_client.post("/api/articles", json=body).status_code == 401
    bad = {"Authorization": "Bearer wrong-token"}
    assert token_client.post("/api/articles", json=body, headers=bad).status_code == 401
    good = {"Authorization": f"Bearer {TOKEN}"}
    assert token_client.post("/api/articles", json=[], headers=good).status_code == 400
    r = token_client.post("/api/articles", json=[{"text": ""}, {"nope": 1}], headers=good)
    assert r.status_code == 201 and r.json()["accepted"] == 0 and len(r.json()["rejected"]) == 2
    before = store.stats()["articles"]
    r = token_client.post("/api/articles", json=body, headers=good)
    assert r.status_code == 201, r.text
    assert r.json()["accepted"] == 1
    assert store.get_article("t-api-1") is not None
    assert store.stats()["articles"] == before + 1
    # Same article again: idempotent.
    r = token_client.post("/api/articles", json=body, headers=good)
    assert r.status_code == 201 and r.json()["report"]["duplicates"] == 1
    assert store.stats()["articles"] == before + 1
    store.close()


def test_openapi_documents_the_endpoints(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in (
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/aggregates",
        "/api/incidents.csv",
        "/api/articles",
    ):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/incidents"]["get"]["parameters"]}
    assert {"date_from", "date_to", "country", "admin1", "admin2", "actor", "event_type"} <= params
    assert {"min_fatalities", "q", "limit", "offset"} <= params


def test_map_points_fast_path_matches_the_store_contract(store: Any) -> None:
    from incidentwatch.serve.points import _frame_points, _sql_points
    from incidentwatch.store import IncidentFilter

    for f, limit in [
        (IncidentFilter(), 100),
        (IncidentFilter(admin1="diyala"), 100),
        (IncidentFilter(min_fatalities=2), 100),
        (IncidentFilter(), 2),
    ]:
        fast, slow = _sql_points(store, f, limit), _frame_points(store, f, limit)
        assert fast[:2] == slow[:2]
        assert sorted(fast[2]) == sorted(slow[2]), (f, limit)


def test_no_page_pulls_from_a_cdn(client: TestClient) -> None:
    assert client.get("/api/docs").status_code == 404  # Swagger UI would need a CDN
    for path in ("/", "/static/app.js", "/static/style.css"):
        body = client.get(path).text
        assert "cdn" not in body.lower() and "unpkg" not in body.lower(), path


def test_online_tiles_only_when_configured(store: Any) -> None:
    plain = TestClient(create_app(store))
    assert plain.get("/api/config").json()["tiles_url"] is None
    assert "img-src 'self' data:;" in plain.get("/").headers["content-security-policy"]
    url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    tiled = TestClient(create_app(store, tiles_url=url, tiles_attribution="© OSM"))
    assert tiled.get("/api/config").json()["tiles_url"] == url
    csp = tiled.get("/").headers["content-security-policy"]
    assert "img-src 'self' data: https://tile.openstreetmap.org;" in csp
    assert "connect-src 'self';" in csp

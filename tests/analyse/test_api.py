"""The /api/analyse routes over a real SQLite store."""

from __future__ import annotations

import pandas as pd
import pytest
from analyse_rows import ISIS, make_row
from fastapi import FastAPI
from fastapi.testclient import TestClient

from incidentwatch.analyse.api import router
from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.records import Actor, Article, Count, Country, Evidence, Incident, Location
from incidentwatch.store import open_store

HISTORY = [1, 0, 2, 1, 1, 0, 1, 2, 0, 1, 1, 1, 0, 2, 1, 1, 0, 1, 1, 2, 1, 0, 1, 1, 2, 1, 0, 1, 1, 1]
START = pd.Timestamp("2021-01-04")


def _articles() -> list[tuple[Article, Incident]]:
    out = []
    for week, c in enumerate([*HISTORY, 6, 7]):
        for d in range(c):  # at most one incident a day, so the store merges none
            day = (START + pd.Timedelta(days=7 * week + d)).date().isoformat()
            n = len(out)
            dead = 2 if week >= len(HISTORY) else 1
            row = make_row(n, day, fatalities=dead)
            text = (
                f"KHANAQIN, Iraq -- Islamic State militants attacked an army post near Khanaqin "
                f"in Diyala province on {day}, killing {dead} soldiers, officials said. <b>#{n}</b>"
            )
            inc = Incident(
                event_date=day,
                date_precision=1,
                event_type="Battles",
                sub_event_type="Armed clash",
                attack_type="Armed Assault",
                target_type="Military",
                actor1=Actor(name=ISIS, type=2),
                actor2=Actor(name=row["actor2"], type=1),
                country=Country(code="IQ", name="Iraq"),
                admin1="Diyala",
                admin2="Khanaqin",
                location=Location(
                    name="Khanaqin", latitude=row["latitude"], longitude=row["longitude"]
                ),
                geo_precision=1,
                fatalities=Count(best=dead),
                summary=f"IS militants attacked an army post near Khanaqin; {dead} killed.",
                evidence=[
                    Evidence(field="event", article_id=f"a{n}", start=15, end=len(text) - 14)
                ],
                confidence=0.9,
                claim_status="reported",
            )
            art = Article(
                article_id=f"a{n}",
                text=text,
                published_at=day,
                url=f"https://news.example.org/a{n}",
                outlet="Example Wire",
            )
            out.append((art, inc))
    return out


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    pairs = _articles()
    by_id = {a.article_id: i for a, i in pairs}
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('db') / 'iw.db'}")
    rep = ingest_articles(
        store, [a for a, _ in pairs], extractor=lambda art: [by_id[art.article_id]]
    )
    assert not rep.rejected
    app = FastAPI()
    app.state.store = store
    app.include_router(router)
    yield TestClient(app)
    store.close()


def test_assess_route_answers_is_isis_escalating_in_diyala(client):
    end = (START + pd.Timedelta(weeks=len(HISTORY) + 2, days=-1)).date().isoformat()
    r = client.get(
        "/api/analyse/assess", params={"area": "Diyala", "actor": "Islamic State", "as_of": end}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["escalating"] is True
    assert body["incidents"] == 13 and body["fatalities"] == 26
    assert len(body["incident_list"]) == 13 and body["incident_list"][0]["fatalities"] == 2
    assert body["sentences"][0].startswith("Is Islamic State in Diyala escalating? Yes")
    assert body["p_incidents"] < 0.001


def test_alerts_route_lists_the_incidents_behind_each_alert(client):
    r = client.get("/api/analyse/alerts")
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    diyala = [
        a
        for a in items
        if a["admin1"] == "Diyala" and a["actor"] == "(all actors)" and a["level"] == "admin1"
    ]
    assert diyala and all(len(a["incident_ids"]) == a["incidents"] for a in diyala)


def test_trends_hotspots_tactics_and_report_routes(client):
    r = client.get("/api/analyse/trends", params={"period": "month", "by": "admin1"})
    assert (
        r.status_code == 200
        and sum(x["incidents"] for x in r.json()["series"]) == sum(HISTORY) + 13
    )
    assert client.get("/api/analyse/hotspots", params={"only_hot": "false"}).status_code == 200
    r = client.get(
        "/api/analyse/tactics", params={"date_from": "2021-07-01", "date_to": "2021-08-15"}
    )
    assert r.status_code == 200
    end = (START + pd.Timedelta(weeks=len(HISTORY) + 2, days=-1)).date().isoformat()
    r = client.get(
        "/api/analyse/report", params={"area": "Diyala", "date_from": "2021-08-02", "date_to": end}
    )
    assert r.status_code == 200, r.text
    assert "Situation report: Diyala" in r.text and "Example Wire" in r.text
    assert "https://news.example.org/" in r.text
    r = client.get(
        "/api/analyse/report", params={"area": "Diyala", "date_from": end, "date_to": "2021-01-01"}
    )
    assert r.status_code == 422

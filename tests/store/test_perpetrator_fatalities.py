"""Codebook section 5: attackers killed are counted apart (GTD nkillter), and a
report without a figure neither lowers nor disputes the figure of another."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from incidentwatch.export import export
from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.records import Article, Count, Evidence, Incident, Location
from incidentwatch.resolve.merge import Report, merge_reports
from incidentwatch.store import Store

WIRE = "A suicide bomber blew himself up at a checkpoint in Samarra, killing six people."
LATER = "The attack on the Samarra checkpoint was condemned by the governor."


def _incident(aid: str, text: str, killed: int | None, bombers: int | None) -> Incident:
    ev = [Evidence(field="event", article_id=aid, start=0, end=len(text), text=text)]
    if killed is not None:
        at = text.index("killing")
        ev.append(Evidence(field="fatalities", article_id=aid, start=at, end=at + 15))
    if bombers is not None:
        at = text.index("suicide bomber")
        ev.append(Evidence(field="perpetrator_fatalities", article_id=aid, start=at, end=at + 14))
    return Incident(
        event_date="2024-02-11",
        date_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Suicide bomb",
        admin1="Salah al-Din",
        location=Location(name="Samarra", latitude=34.2, longitude=43.87),
        fatalities=Count(best=killed if killed is not None else 0),
        perpetrator_fatalities=Count(best=bombers) if bombers is not None else Count(),
        evidence=ev,
    )


def test_a_report_without_a_toll_keeps_the_stated_figures() -> None:
    first = Report("wire", 0, _incident("wire", WIRE, 7, 1), published_at="2024-02-11")
    second = Report("later", 0, _incident("later", LATER, None, None), published_at="2024-02-12")
    merged = merge_reports([first, second])
    assert merged.fatalities == Count(best=7)
    assert merged.perpetrator_fatalities == Count(best=1)
    assert merged.claim_status != "disputed"


def test_no_report_states_attackers_killed() -> None:
    only = Report("later", 0, _incident("later", LATER, None, None), published_at="2024-02-12")
    merged = merge_reports([only])
    assert merged.fatalities.best == 0
    assert merged.perpetrator_fatalities.best is None


def test_gtd_export_writes_nkillter(
    store: Store, make_article: Callable[..., Article], tmp_path: Path
) -> None:
    inc = _incident("wire", WIRE, 7, 1)
    art = make_article("wire", WIRE, [inc], published_at="2024-02-11")
    assert ingest_articles(store, [art], use_embedded=True).added == 1
    [stored] = store.query_incidents(limit=None)
    assert stored.perpetrator_fatalities.best == 1
    assert store.incidents_frame()["perpetrator_fatalities"].tolist() == [1]
    out = tmp_path / "gtd.csv"
    assert export(store, "gtd-csv", out) == 1
    with out.open(encoding="utf-8-sig", newline="") as fh:
        [row] = list(csv.DictReader(fh))
    assert (row["nkill"], row["nkillter"]) == ("7", "1")

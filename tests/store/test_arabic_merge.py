"""An Arabic and an English report of one incident (texts written here) merge into one
record with both sources, through the real ingest pipeline and store."""

from __future__ import annotations

from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.records import Article
from incidentwatch.store import Store

ENGLISH = (
    "A roadside bomb exploded near a busy market in Baqubah on Tuesday morning, killing "
    "three people and wounding seven others, a police source said."
)
ARABIC = (
    "قتل ثلاثة أشخاص وأصيب سبعة آخرون بانفجار عبوة ناسفة قرب سوق شعبي في مدينة بعقوبة "
    "صباح اليوم الثلاثاء، بحسب مصدر في الشرطة."
)


def test_arabic_and_english_reports_merge(store: Store) -> None:
    en = Article(article_id="wire-en", text=ENGLISH, published_at="2024-04-09", outlet="Wire")
    ar = Article(article_id="paper-ar", text=ARABIC, published_at="2024-04-09", outlet="Paper")
    rep = ingest_articles(store, [en, ar])
    assert rep.seen == 2
    [inc] = store.query_incidents(limit=None)
    assert {s.article_id for s in inc.sources} == {"wire-en", "paper-ar"}
    assert inc.fatalities.best == 3 and inc.admin1 == "Diyala"
    # The Arabic report is stored under the merged incident with its own evidence,
    # which slices back to the Arabic words.
    [(incident_id, report)] = store.reports_of_articles(["paper-ar"])["paper-ar"]
    assert incident_id == inc.incident_id
    ar_ev = report.incident.evidence
    assert ar_ev and all(ARABIC[e.start : e.end] == e.text for e in ar_ev)

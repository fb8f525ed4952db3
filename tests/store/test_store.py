"""The store on real SQLite and a real PostgreSQL server: ingest, merge, query."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import select

from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.records import Article
from incidentwatch.store import IncidentFilter, Store, open_store
from incidentwatch.store.models import ArticleRow

REUTERS = (
    "BAGHDAD (Reuters) - A roadside bomb killed three soldiers in Khanaqin on Monday, "
    "security sources said. Islamic State claimed responsibility."
)
AP = (
    "Iraqi officials say an explosive device planted by Islamic State militants went off "
    "beside an army vehicle in Khanaqin, in Diyala province, killing 3 soldiers and wounding 4."
)
LATER = (
    "The death toll from Monday's bombing in Khanaqin rose to five, a local official said "
    "on Tuesday, after two wounded soldiers died in hospital."
)
BAQUBAH = (
    "A car bomb exploded in a market in Baqubah on Monday, killing seven people, "
    "police said. No group claimed the attack."
)
NEXT_DAY = (
    "Gunmen attacked a checkpoint in Khanaqin on Tuesday. Islamic State militants "
    "set off a bomb that killed two policemen."
)


@pytest.fixture
def three_reports(make_incident: Any, make_article: Any) -> list[Article]:
    a1 = make_article(
        "reuters-1",
        REUTERS,
        [
            make_incident(
                "reuters-1",
                REUTERS,
                date="2016-05-02",
                place="Khanaqin",
                killed=3,
                killed_words="killed three",
                actor1_words="Islamic State",
            )
        ],
        published_at="2016-05-02",
        outlet="Reuters",
        url="https://www.reuters.com/article/iraq-khanaqin-1",
    )
    a2 = make_article(
        "ap-1",
        AP,
        [
            make_incident(
                "ap-1",
                AP,
                date="2016-05-02",
                place="Khanaqin",
                killed=3,
                killed_words="killing 3",
                wounded=4,
                wounded_words="wounding 4",
                actor1_words="Islamic State",
            )
        ],
        published_at="2016-05-02",
        outlet="AP",
        url="https://apnews.com/khanaqin-bomb",
    )
    a3 = make_article(
        "baq-1",
        BAQUBAH,
        [
            make_incident(
                "baq-1",
                BAQUBAH,
                date="2016-05-02",
                place="Baqubah",
                actor1="Unidentified Armed Group (Iraq)",
                sub_event_type="Remote explosive/landmine/IED",
                killed=7,
                killed_words="killing seven",
            )
        ],
        published_at="2016-05-02",
        outlet="Reuters",
    )
    return [a1, a2, a3]


def test_ingest_merges_reports_of_one_incident(store: Store, three_reports: list[Article]) -> None:
    rep = ingest_articles(store, three_reports, use_embedded=True)
    assert rep.added == 3 and rep.reports == 3 and not rep.rejected
    assert rep.incidents_created == 2 and rep.reports_merged == 1
    incs = store.query_incidents(IncidentFilter(), include_evidence=True)
    by_place = {i.location.name: i for i in incs if i.location}
    kh = by_place["Khanaqin"]
    assert sorted(s.article_id for s in kh.sources) == ["ap-1", "reuters-1"]
    assert {e.article_id for e in kh.evidence} == {"ap-1", "reuters-1"}
    # Each evidence span quotes its own article's text.
    for e in kh.evidence:
        art = store.get_article(e.article_id)
        assert art is not None and art.text[e.start : e.end] == e.text
    assert kh.fatalities.best == 3 and kh.injuries.best == 4
    assert kh.claim_status == "reported"
    assert store.stats()["incidents"] == 2
    assert store.stats()["articles"] == 3


def test_reingest_adds_nothing(store: Store, three_reports: list[Article]) -> None:
    ingest_articles(store, three_reports, use_embedded=True)
    before = store.stats()
    again = ingest_articles(store, three_reports, use_embedded=True)
    assert again.added == 0 and again.duplicates == 3
    # The same article under another id and URL with trivially different text.
    a = three_reports[0]
    copy = a.model_copy(
        update={
            "article_id": "syndicated-copy",
            "url": "https://other.example/copy",
            "text": a.text.upper().replace(",", " ,"),
        }
    )
    # Same URL, tracking parameters added.
    same_url = three_reports[1].model_copy(
        update={
            "article_id": "ap-again",
            "text": "Updated: " + three_reports[1].text,
            "url": "https://apnews.com/khanaqin-bomb/?utm_source=twitter",
        }
    )
    rep = ingest_articles(store, [copy, same_url], use_embedded=True)
    assert rep.added == 0 and rep.duplicates == 2
    # The copy links to the stored article it repeats (not to the reason it is one),
    # so the merge evaluation can read its incidents as the original's.
    assert rep.duplicate_of == {
        "syndicated-copy": a.article_id,
        "ap-again": three_reports[1].article_id,
    }
    assert store.stats() == before


def test_near_identical_text_is_a_duplicate(sqlite_store: Store, make_article: Any) -> None:
    body = (
        "Security forces in Diyala province repelled an attack by Islamic State militants on "
        "the outskirts of Muqdadiya late on Sunday, killing four of the attackers, a police "
        "officer said. Two members of the Popular Mobilization Forces were wounded in the "
        "fighting, which lasted about two hours, according to the officer, who did not give "
        "his name since he was not cleared to brief reporters. Diyala, "
        "north-east of Baghdad, borders Iran and has seen repeated attacks by sleeper cells."
    )
    a = make_article("n1", body, [], url="https://a.example/1")
    b = make_article(
        "n2", body.replace("about two hours", "nearly two hours"), [], url="https://b.example/2"
    )
    c = make_article("n3", "A different story about a protest in Basra over power cuts.", [])
    rep = ingest_articles(sqlite_store, [a, b, c], use_embedded=True)
    assert rep.added == 2 and rep.duplicates == 1
    assert rep.duplicate_of == {"n2": "n1"}


def test_updated_toll_replaces_earlier(
    store: Store, three_reports: list[Article], make_incident: Any, make_article: Any
) -> None:
    later = make_article(
        "afp-2",
        LATER,
        [
            make_incident(
                "afp-2",
                LATER,
                date="2016-05-02",
                place="Khanaqin",
                killed=5,
                killed_words="five",
                actor1=None,
            )
        ],
        published_at="2016-05-03",
        outlet="AFP",
    )
    ingest_articles(store, [*three_reports, later], use_embedded=True)
    kh = store.query_incidents(IncidentFilter(text="Khanaqin"))
    assert len(kh) == 1
    assert kh[0].fatalities.best == 5 and kh[0].claim_status == "reported"
    assert len(kh[0].sources) == 3


def test_disagreeing_tolls_are_disputed(
    store: Store, make_incident: Any, make_article: Any
) -> None:
    t1 = "An IED blast in Tuz Khurmatu on Friday killed four people, police said."
    t2 = "A bomb in Tuz Khurmatu on Friday killed nine civilians, a local official said."
    arts = [
        make_article(
            aid,
            t,
            [
                make_incident(
                    aid,
                    t,
                    date="2016-06-03",
                    place="Tuz Khurmatu",
                    killed=k,
                    killed_words=w,
                    actor1=None,
                )
            ],
            published_at="2016-06-03",
        )
        for aid, t, k, w in (("t1", t1, 4, "killed four"), ("t2", t2, 9, "killed nine"))
    ]
    ingest_articles(store, arts, use_embedded=True)
    [inc] = store.query_incidents()
    assert (inc.fatalities.low, inc.fatalities.best, inc.fatalities.high) == (4, 4, 9)
    assert inc.claim_status == "disputed"


def test_near_misses_stay_apart(store: Store, make_incident: Any, make_article: Any) -> None:
    t1 = "A roadside bomb killed two soldiers in Khanaqin on Monday, police said."
    t2 = NEXT_DAY
    t3 = "A roadside bomb killed two soldiers in Baqubah on Monday, police said."
    arts = [
        make_article(
            "m1",
            t1,
            [
                make_incident(
                    "m1",
                    t1,
                    date="2016-05-02",
                    place="Khanaqin",
                    killed=2,
                    killed_words="killed two",
                )
            ],
        ),
        make_article(
            "m2",
            t2,
            [
                make_incident(
                    "m2",
                    t2,
                    date="2016-05-03",
                    place="Khanaqin",
                    event_type="Battles",
                    sub_event_type="Armed clash",
                    killed=2,
                    killed_words="killed two",
                )
            ],
        ),
        make_article(
            "m3",
            t3,
            [
                make_incident(
                    "m3",
                    t3,
                    date="2016-05-02",
                    place="Baqubah",
                    killed=2,
                    killed_words="killed two",
                )
            ],
        ),
    ]
    rep = ingest_articles(store, arts, use_embedded=True)
    assert rep.incidents_created == 3 and rep.reports_merged == 0
    assert store.count_incidents() == 3


def test_one_article_never_merges_with_itself(
    store: Store, make_incident: Any, make_article: Any
) -> None:
    # Two attacks on Khanaqin the same day in one article stay two incidents
    # (codebook section 1), even when a later report matches both.
    t = (
        "Khanaqin was targeted twice on Monday: a bomb near the market in the morning, "
        "and a second bomb at the Khanaqin bus station in the evening."
    )
    i1 = make_incident("twice", t, date="2016-05-02", place="Khanaqin")
    i2 = make_incident(
        "twice", t, date="2016-05-02", place="Khanaqin", place_words="Khanaqin bus station"
    )
    later = "A bomb exploded in Khanaqin on Monday."
    ingest_articles(
        store,
        [
            make_article("twice", t, [i1, i2]),
            make_article(
                "later", later, [make_incident("later", later, date="2016-05-02", place="Khanaqin")]
            ),
        ],
        use_embedded=True,
    )
    incs = store.query_incidents()
    assert len(incs) == 2
    for inc in incs:
        assert [s.article_id for s in inc.sources].count("twice") == 1


def test_vague_report_does_not_chain_two_towns(
    store: Store, make_incident: Any, make_article: Any
) -> None:
    # A vague governorate-level report fits inside both towns' incidents, but
    # Jalawla and Muqdadiya are ~40 km apart: it may join one of them, never
    # make the two one incident.
    ta = "Islamic State fighters attacked an army post in Jalawla on Sunday."
    tb = "Fighting broke out in Diyala province on Sunday between IS and the army."
    tc = "Islamic State fighters attacked an army post in Muqdadiya on Sunday."
    arts = [
        make_article(
            "A",
            ta,
            [make_incident("A", ta, date="2016-05-01", place="Jalawla", event_type="Battles")],
        ),
        make_article(
            "B",
            tb,
            [
                make_incident(
                    "B",
                    tb,
                    date="2016-05-01",
                    place="Diyala",
                    place_words="Diyala province",
                    event_type="Battles",
                )
            ],
        ),
        make_article(
            "C",
            tc,
            [make_incident("C", tc, date="2016-05-01", place="Muqdadiya", event_type="Battles")],
        ),
    ]
    rep = ingest_articles(store, arts, use_embedded=True)
    assert rep.incidents_created == 2 and rep.reports_merged == 1
    groups = sorted(sorted(s.article_id for s in i.sources) for i in store.query_incidents())
    assert groups == [["A", "B"], ["C"]]
    # The merged incident keeps the most specific place.
    [ab] = [i for i in store.query_incidents() if len(i.sources) == 2]
    assert ab.location is not None and ab.location.name == "Jalawla" and ab.geo_precision == 1


def test_merge_is_deterministic(tmp_path: Any, three_reports: list[Article]) -> None:
    results = []
    for k, order in enumerate((three_reports, three_reports[::-1])):
        st = open_store(f"sqlite:///{tmp_path / f'o{k}.db'}")
        ingest_articles(st, order, use_embedded=True)
        results.append(
            sorted(
                (tuple(sorted(s.article_id for s in i.sources)), i.fatalities.best)
                for i in st.query_incidents()
            )
        )
        st.close()
    assert results[0] == results[1]


def test_bad_article_in_batch_keeps_store_consistent(
    store: Store, three_reports: list[Article], make_article: Any
) -> None:
    def extractor(art: Article) -> Any:
        if art.article_id == "boom":
            raise RuntimeError("extractor crashed on this one")
        return []

    bad = [
        make_article("boom", "Some text that crashes the extractor.", []),
        Article.model_construct(article_id="empty", text="   "),
        Article.model_construct(article_id="nul", text="abc\x00def" * 10),
    ]
    rep = ingest_articles(store, [three_reports[0], *bad, three_reports[2]], extractor=extractor)
    assert rep.added == 2
    assert {r.where for r in rep.rejected} == {"boom", "empty", "nul"}
    assert store.get_article("boom") is None
    # A retry after fixing the extractor stores the missing article.
    rep2 = ingest_articles(store, [bad[0]], extractor=lambda a: [])
    assert rep2.added == 1


def test_id_collision_renames(sqlite_store: Store, make_article: Any) -> None:
    a = make_article("report", "Clashes were reported in Tarmiyah on Sunday night.", [])
    b = make_article("report", "Protesters gathered in Basra on Friday over water shortages.", [])
    rep = ingest_articles(sqlite_store, [a, b], use_embedded=True)
    assert rep.added == 2
    assert rep.article_ids[0] == "report" and rep.article_ids[1].startswith("report-")


def test_filters_and_aggregates(store: Store, three_reports: list[Article]) -> None:
    ingest_articles(store, three_reports, use_embedded=True)
    F = IncidentFilter
    assert store.count_incidents(F(country="IQ")) == 2
    assert store.count_incidents(F(country="iraq")) == 2
    assert store.count_incidents(F(country="SY")) == 0
    assert store.count_incidents(F(admin1="diyala")) == 2
    assert store.count_incidents(F(admin2="Khanaqin")) == 1
    assert store.count_incidents(F(actor="Islamic State (Iraq)")) == 1
    assert store.count_incidents(F(min_fatalities=5)) == 1
    assert store.count_incidents(F(date_from=dt.date(2016, 5, 3))) == 0
    assert store.count_incidents(F(date_to=dt.date(2016, 5, 2))) == 2
    assert store.count_incidents(F(text="market")) == 1
    assert store.count_incidents(F(text="100%_")) == 0
    assert store.count_incidents(F(bbox=(45.0, 34.0, 46.0, 35.0))) == 1
    assert store.count_incidents(F(event_type="Explosions/Remote violence")) == 2
    ids = [i.incident_id for i in store.query_incidents()]
    assert store.count_incidents(F(incident_ids=ids[:1])) == 1
    page = store.query_incidents(limit=1, offset=1, order_by="-fatalities")
    assert len(page) == 1 and page[0].fatalities.best == 3
    with pytest.raises(ValueError):
        store.query_incidents(order_by="text; drop table incidents")

    rows = store.aggregate(F(), period="month", by="admin1")
    assert rows == [{"period": "2016-05-01", "key": "Diyala", "incidents": 2, "fatalities": 10}]
    weeks = store.aggregate(F(), period="week")
    assert weeks == [{"period": "2016-05-02", "key": None, "incidents": 2, "fatalities": 10}]
    actors = {r["key"]: r["incidents"] for r in store.aggregate(F(), by="actor")}
    assert actors == {"Islamic State (Iraq)": 1, "Unidentified Armed Group (Iraq)": 1}


def test_get_incident_article_and_frame(store: Store, three_reports: list[Article]) -> None:
    ingest_articles(store, three_reports, use_embedded=True)
    kh = store.query_incidents(IncidentFilter(text="Khanaqin"))[0]
    assert kh.incident_id is not None
    full = store.get_incident(kh.incident_id)
    assert full is not None and full.evidence and len(full.sources) == 2
    arts = store.articles_for_incident(kh.incident_id)
    assert [a.article_id for a in arts] == ["ap-1", "reuters-1"]
    assert arts[0].text == AP and arts[0].outlet == "AP"
    assert store.get_incident("iw-nope") is None and store.get_article("nope") is None

    df = store.incidents_frame()
    assert len(df) == 2
    assert pd.api.types.is_datetime64_any_dtype(df["event_date"])
    assert set(df["n_sources"]) == {1, 2}
    assert df.loc[df["location"] == "Khanaqin", "fatalities"].item() == 3
    expected = {"incident_id", "event_date", "actor1", "latitude", "fatalities_low", "n_sources"}
    assert expected <= set(df.columns)
    empty = store.incidents_frame(IncidentFilter(country="SY"))
    assert len(empty) == 0 and "incident_id" in empty.columns


def test_open_uses_env_and_python_api(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import incidentwatch

    path = tmp_path / "env.db"
    monkeypatch.setenv("INCIDENTWATCH_DB", f"sqlite:///{path}")
    st = incidentwatch.open()
    assert st.url.endswith("env.db") and path.exists()
    assert st.stats()["articles"] == 0
    st.close()


def test_articles_keep_metadata(sqlite_store: Store, make_article: Any) -> None:
    art = make_article(
        "meta-1",
        "Clashes in Tarmiyah on Sunday.",
        [],
        outlet="Rudaw",
        url="https://www.rudaw.net/english/1",
        published_at="2016-04-03",
    )
    art = Article.model_validate({**art.model_dump(), "license": "CC-BY", "title": "Clashes"})
    ingest_articles(sqlite_store, [art], use_embedded=True)
    got = sqlite_store.get_article("meta-1")
    assert got is not None and got.title == "Clashes" and got.outlet == "Rudaw"
    assert got.model_dump().get("license") == "CC-BY"
    with sqlite_store._read() as s:
        row = s.scalar(select(ArticleRow).where(ArticleRow.article_id == "meta-1"))
        assert row is not None and row.content_hash == art.content_hash
        assert row.outlet_id is not None


def test_odd_records_are_cut_or_rejected_not_fatal(
    store: Store, make_incident: Any, make_article: Any
) -> None:
    t = "Clashes were reported in Tarmiyah on Sunday night, residents said."
    inc = make_incident("odd", t, date="2016-05-01", place="Tarmiyah", event_type="Battles")
    inc = inc.model_copy(
        update={
            "location": inc.location.model_copy(update={"name": "Tarmiyah " * 100}),
            "admin1": "x" * 500,
        }
    )
    inc.country.code = "IRQ"  # type: ignore[union-attr]
    odd = make_article("odd", t, [inc], published_at="3rd of May, 2016")
    long_id = make_article("y" * 400, "Protest in Basra over power cuts on Friday.", [])
    bad_date = make_article(
        "bd", "A protest took place in Basra on Friday.", [], published_at="not a date at all"
    )
    rep = ingest_articles(store, [odd, long_id, bad_date], use_embedded=True)
    assert rep.added == 2 and [r.where for r in rep.rejected] == ["y" * 400]
    got = store.get_article("odd")
    assert got is not None and got.published_at == "2016-05-03"
    assert store.get_article("bd").published_at is None  # type: ignore[union-attr]
    [stored] = store.query_incidents()
    assert stored.location is not None and stored.location.name.startswith("Tarmiyah")


def test_incident_keeps_the_id_the_extractor_gave(
    sqlite_store: Store, make_incident: Any, make_article: Any
) -> None:
    # One owner for ids (records.incident_id): the store keeps the extractor's id for the
    # incident a report starts, mints one only for a report without one or a taken one.
    from incidentwatch.records import incident_id

    inc = make_incident("baq-9", BAQUBAH, date="2016-05-02", place="Baqubah", killed=7,
                        killed_words="killing seven")  # fmt: skip
    given = inc.model_copy(update={"incident_id": incident_id("baq-9", "given")})
    art = make_article("baq-9", BAQUBAH, [], published_at="2016-05-02")
    ingest_articles(sqlite_store, [art], extractor=lambda a: [given])
    got = sqlite_store.get_incident(incident_id("baq-9", "given"))
    assert got is not None and got.fatalities.best == 7
    # Same id again from another article, a different incident (far away): minted anew.
    other = make_incident("kh-9", NEXT_DAY, date="2016-05-03", place="Khanaqin", killed=2,
                          killed_words="killed two")  # fmt: skip
    clash = other.model_copy(update={"incident_id": incident_id("baq-9", "given")})
    art2 = make_article("kh-9", NEXT_DAY, [], published_at="2016-05-03")
    ingest_articles(sqlite_store, [art2], extractor=lambda a: [clash])
    minted = sqlite_store.get_incident(incident_id("kh-9", 0))
    assert minted is not None and minted.fatalities.best == 2

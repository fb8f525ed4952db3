"""Arabic search (issue 16): an Arabic query finds an Arabic incident whatever the
spelling of hamza seats, ta marbuta, alef maqsura, tatweel, diacritics, attached
prefixes or digits, on SQLite and PostgreSQL; reports written here, read by the real
extractor and stored by the real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from incidentwatch.extract.lang.ar.search import index_text, query_keys
from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.records import Article
from incidentwatch.store import IncidentFilter, Store, db, open_store

MOSUL = (
    "قُتل ٣ جنود وأصيب خمسة آخرون بانفجار عبوة ناسفة استهدفت دوريتهم في مدينة الموصل "
    "صباح اليوم الأحد، بحسب مصدر أمني."
)
KIRKUK = (
    "أطلق مسلحون مجهولون النار على سيارة موظف حكومي في مدينة كركوك مساء أمس، "
    "ما أدى إلى مقتله على الفور."
)


def _fill(st: Store) -> None:
    arts = [
        Article(article_id="ar-mosul", text=MOSUL, published_at="2024-03-10"),
        Article(article_id="ar-kirkuk", text=KIRKUK, published_at="2024-03-10"),
    ]
    assert ingest_articles(st, arts).added == 2


def _found(st: Store, q: str) -> list[str]:
    incs = st.query_incidents(IncidentFilter(text=q), limit=None)
    return sorted(i.location.name for i in incs if i.location)


@pytest.mark.parametrize(
    ("query", "places"),
    [
        ("الموصل", ["Mosul"]),
        ("وبالموصل", ["Mosul"]),  # attached conjunction, preposition and article
        ("موصل", ["Mosul"]),
        ("عُبْوَة ناسفه", ["Mosul"]),  # diacritics; ta marbuta written as ha
        ("إنفجار", ["Mosul"]),  # hamza seat the report does not write
        ("٣ جنود", ["Mosul"]),  # Eastern digit against Eastern digit in the report
        ("3 جنود", ["Mosul"]),  # Western digit against it
        ("كـركوك", ["Kirkuk"]),  # tatweel
        ("مسلح", ["Kirkuk"]),  # a word's start: "مسلحون"
        (
            "\u0639\u0644\u064a \u0633\u064a\u0627\u0631\u0647",
            ["Kirkuk"],
        ),  # ya for alef maqsura, ha for ta marbuta
        ("مدينة", ["Kirkuk", "Mosul"]),
        ("بغداد", []),
        ("الموصل كركوك", []),  # every word must be found in one incident
        ("%", []),  # LIKE wildcards are literal
        ("،", []),  # Arabic punctuation alone is no word
    ],
)
def test_arabic_query_finds_incident(store: Store, query: str, places: list[str]) -> None:
    _fill(store)
    assert _found(store, query) == places


def test_english_search_unchanged(store: Store) -> None:
    _fill(store)
    assert _found(store, "Mosul") == ["Mosul"]
    # English words never reach the Arabic keys.
    assert _found(store, "bomb") == []


def test_keys_fold_spelling() -> None:
    keys = index_text(["وبالموصل إطلاقُ النـار"])
    assert keys is not None
    for k in ("وبالموصل", "الموصل", "موصل", "اطلاق", "النار", "نار"):
        assert f" {k} " in keys
    assert index_text(["a car bomb in Mosul"]) is None
    assert query_keys("Mosul") == []
    assert [sorted(k) for k in query_keys("بالموصل")] == [["الموصل", "بالموصل", "موصل"]]


def test_migration_fills_existing_incidents(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    st = open_store(url)
    _fill(st)
    st.close()
    engine = db.make_engine(url)
    from alembic import command

    cfg = db.alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007")
    db.upgrade(engine)
    with engine.connect() as conn:
        filled = conn.execute(
            text("SELECT count(*) FROM incidents WHERE search_text LIKE '% موصل %'")
        )
        assert filled.scalar() == 1
    engine.dispose()
    st = open_store(url)
    try:
        assert _found(st, "عبوه") == ["Mosul"]
    finally:
        st.close()

"""Fuzz: thousands of generated hostile records through every reader into the store.

Hypothesis writes JSONL lines, CSV files, HTML pages and RSS/Atom feeds full of
what breaks parsers: deep nesting, huge numbers, lone surrogates, NULs and
other control characters, unbalanced quotes and tags, wrong types, odd
encodings. Every record must come out as an Article or a Rejected (never an
exception), and what is accepted is stored without breaking the database
(SQLite's own integrity and foreign-key checks).

Seeded (derandomize) and bounded (~3,000 records, well under a minute); the
thresholds at the end leave room for Hypothesis drawing a few different cases
when more modules are loaded.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text as sql

from incidentwatch.ingest.fetch import FetchConfig, Fetched
from incidentwatch.ingest.pipeline import ingest_articles
from incidentwatch.ingest.readers import Rejected, read_jsonl
from incidentwatch.ingest.sources import feed_articles, html_to_article, read_csv
from incidentwatch.records import Article
from incidentwatch.store import Store, open_store

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Every character class parsers trip on: controls, NUL, surrogates, RTL marks,
# line and paragraph separators, BOMs, Arabic, and markup characters.
HOSTILE_CHARS = st.characters(codec=None, categories=None)  # any code point, surrogates too
SHARP = st.sampled_from(
    ["\x00", "\ud800", "\udfff", "\u2028", "\u202e", "\ufeff", "\r", "\x1b", "<", "&", '"',
     "'", ",", "\\", "]]>", "<!--", "&#0;", "&#xD800;", "بغداد", "=cmd|", "\t"]
)  # fmt: skip
HOSTILE_TEXT = st.one_of(
    st.text(HOSTILE_CHARS, max_size=60),
    st.lists(st.one_of(SHARP, st.text(max_size=8)), max_size=12).map("".join),
    st.just("A bomb killed three people in Baqubah on Sunday, police said."),
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), HOSTILE_TEXT
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda kids: st.one_of(
        st.lists(kids, max_size=3), st.dictionaries(st.text(max_size=5), kids, max_size=3)
    ),
    max_leaves=8,
)
ARTICLE_KEYS = ["article_id", "id", "text", "url", "outlet", "title", "incidents"]
# Publication dates go through dateparser (~25 ms for a junk string), so they are
# drawn less often than the other fields to keep the fuzz quick.
DATES = st.one_of(
    st.sampled_from(["2016-05-01", "1 May 2016", "", "0000-00-00", "2016-13-45"]),
    HOSTILE_TEXT,
    JSON_VALUES,
)


@st.composite
def jsonl_line(draw: st.DrawFn) -> bytes:
    kind = draw(st.integers(0, 5))
    if kind == 0:  # raw bytes: invalid UTF-8, NULs, half a JSON document
        return draw(st.binary(max_size=80)).replace(b"\n", b" ")
    if kind == 1:  # deep nesting or a huge number
        depth = draw(st.integers(500, 50_000))
        return draw(
            st.sampled_from(
                [b"[" * depth, b'{"a":' * depth, b'{"text": ' + b"9" * (depth // 5 + 4400) + b"}"]
            )
        )
    obj = draw(st.dictionaries(st.sampled_from(ARTICLE_KEYS), JSON_VALUES, max_size=7))
    if kind >= 3:
        obj["text"] = draw(HOSTILE_TEXT)
    if draw(st.integers(0, 4)) == 0:
        obj["published_at"] = draw(DATES)
    # ensure_ascii keeps lone surrogates as \\ud800 escapes, as a hostile file would.
    return json.dumps(obj, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


@st.composite
def csv_file(draw: st.DrawFn) -> tuple[bytes, int]:
    """A CSV file's bytes and the number of rows written into it."""
    header = draw(
        st.lists(st.sampled_from(["text", "id", "date", "source", "url", "title", "x", ""]),
                 min_size=1, max_size=5)
    )  # fmt: skip
    if draw(st.integers(0, 4)):  # mostly a file the reader accepts, to reach the rows
        header.insert(draw(st.integers(0, len(header))), "text")
    lines = [",".join(header)]
    rows = draw(st.integers(0, 12))
    for _ in range(rows):
        cells = draw(st.lists(HOSTILE_TEXT, max_size=len(header) + 1))
        quote = draw(st.booleans())
        lines.append(",".join(f'"{c}"' if quote else c for c in cells))
    sep = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-16"]))
    return sep.join(lines).encode(encoding, "surrogatepass"), rows


@st.composite
def html_page(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                HOSTILE_TEXT,
                st.sampled_from(["<p>", "</p>", "<article>", "<script>", "<![CDATA[", "<!--",
                                 "<meta charset='x-evil'>", "<title>", "<svg onload=x>",
                                 "&#x0;", "&nbsp;" * 40, "<p>" * 300]),
            ),
            max_size=25,
        )
    )  # fmt: skip
    body = "<p>Gunmen attacked a police post in Tikrit on Monday, killing two officers. </p>" * (
        draw(st.integers(0, 3))
    )
    return "<html><head><title>t</title></head><body><article>" + body + "".join(parts)


@st.composite
def feed_doc(draw: st.DrawFn) -> bytes:
    items = []
    for _ in range(draw(st.integers(0, 6))):
        t, link, desc, date = (draw(HOSTILE_TEXT) for _ in range(4))
        items.append(
            f"<item><title>{t}</title><link>{link}</link><description>{desc}</description>"
            f"<pubDate>{date}</pubDate></item>"
        )
    atom = draw(st.booleans())
    doc = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        + "".join(i.replace("item>", "entry>") for i in items)
        + "</feed>"
        if atom
        else '<?xml version="1.0"?><rss version="2.0"><channel><title>'
        + draw(HOSTILE_TEXT)
        + "</title>"
        + "".join(items)
        + "</channel></rss>"
    )
    return doc.encode("utf-8", "surrogatepass")


# Records fed and their outcomes over the whole module, checked at the end.
TALLY = {"records": 0, "articles": 0, "rejected": 0}


def _check(items: list[Any], sink: list[Article]) -> None:
    for it in items:
        TALLY["articles" if isinstance(it, Article) else "rejected"] += 1
        assert isinstance(it, Article | Rejected), type(it)
        if isinstance(it, Article):
            # An accepted article is valid text a database and a parser can take.
            it.text.encode("utf-8")
            assert it.text.strip() and "\x00" not in it.text
            sink.append(it)
        else:
            assert it.reason and it.where


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    st_ = open_store(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}")
    yield st_
    st_.close()


def _ingest_and_check(store: Store, articles: list[Article]) -> None:
    if articles:
        rep = ingest_articles(store, articles, use_embedded=True)
        assert rep.seen == len(articles)
        assert rep.added + rep.duplicates + len(rep.rejected) == rep.seen


@settings(FUZZ, max_examples=120)
@given(st.lists(jsonl_line(), min_size=5, max_size=30))
def test_fuzz_jsonl(store: Store, lines: list[bytes]) -> None:
    got: list[Article] = []
    TALLY["records"] += len(lines)
    items = list(read_jsonl(io.BytesIO(b"\n".join(lines) + b"\n"), "fuzz.jsonl"))
    _check(items, got)
    assert len(items) <= len(lines)
    _ingest_and_check(store, got)


@settings(FUZZ, max_examples=250)
@given(csv_file())
def test_fuzz_csv(store: Store, file: tuple[bytes, int]) -> None:
    raw, rows = file
    got: list[Article] = []
    TALLY["records"] += rows
    _check(list(read_csv(io.BytesIO(raw), "fuzz.csv")), got)
    _ingest_and_check(store, got)


@settings(FUZZ, max_examples=150)
@given(html_page())
def test_fuzz_html(store: Store, page: str) -> None:
    from incidentwatch.ingest.readers import BadInput

    got: list[Article] = []
    TALLY["records"] += 1
    try:
        item: Article | Rejected = html_to_article(page, url="https://news.example.org/p")
    except BadInput as exc:  # the reader's documented refusal
        item = Rejected("page", str(exc))
    _check([item], got)
    _ingest_and_check(store, got)


@settings(FUZZ, max_examples=150)
@given(feed_doc())
def test_fuzz_feeds(store: Store, doc: bytes) -> None:
    got: list[Article] = []
    TALLY["records"] += 1 + doc.count(b"<item>") + doc.count(b"<entry>")
    fetched = Fetched("https://news.example.org/feed", 200, "application/rss+xml", None, doc)
    cfg = FetchConfig()  # entries are not fetched: fetch_entries=False
    _check(list(feed_articles(fetched, cfg, fetch_entries=False)), got)
    _ingest_and_check(store, got)


def test_zz_store_survived_the_fuzz(store: Store) -> None:
    """Runs after the fuzz tests above (file order): the database is intact."""
    with store.engine.connect() as conn:
        assert conn.execute(sql("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(sql("PRAGMA foreign_key_check")).fetchall() == []
    print("fuzz tally:", TALLY)  # shown with pytest -s
    # Enough records, and both outcomes well represented, or the fuzz tested little.
    # (Hypothesis also draws constants from the modules loaded, so the exact cases
    # differ a little between this file alone and the whole suite: ~3,000-3,200.)
    assert TALLY["records"] >= 2000, TALLY
    assert TALLY["articles"] >= 200 and TALLY["rejected"] >= 300, TALLY
    assert store.stats()["articles"] >= 10, "the fuzz must have stored articles too"

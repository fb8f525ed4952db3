"""Articles from any source `incidentwatch ingest` accepts.

A source is a file (.txt, .html, .jsonl, .csv), a directory of such files,
'-' (standard input), an RSS/Atom feed URL or an article URL. HTML is reduced
to article text and metadata with trafilatura; feeds are read with feedparser.
Bad records come out as `Rejected` with a reason; reading goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from incidentwatch.ingest.fetch import FetchConfig, Fetched, FetchError, fetch
from incidentwatch.ingest.readers import (
    JSONL_SUFFIXES,
    MAX_TEXT_CHARS,
    BadInput,
    Rejected,
    article_from_dict,
    clean_text,
    decode_bytes,
    read_source,
)
from incidentwatch.records import Article

log = logging.getLogger(__name__)

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", *JSONL_SUFFIXES}
CSV_SUFFIXES = {".csv", ".tsv"}
# Column names that hold an article's fields in CSV files from common tools.
CSV_FIELDS = {
    "text": ("text", "body", "content", "article", "full_text", "notes", "description", "summary"),
    "article_id": ("article_id", "id", "doc_id", "guid"),
    "url": ("url", "link", "source_url"),
    "title": ("title", "headline"),
    "published_at": ("published_at", "date", "published", "pub_date", "publication_date"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename"),
}
# A feed entry shorter than this is a teaser: fetch the article it links to.
TEASER_CHARS = 600
MIN_ENTRY_CHARS = 200


def url_article_id(url: str) -> str:
    host = (urlsplit(url).hostname or "web").removeprefix("www.")
    return f"{host}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:12]}"


def decode_html(raw: bytes, charset: str | None = None) -> str:
    if charset:
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            log.info("declared charset %s does not decode; detecting", charset)
    m = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", raw[:4096], re.I)
    if m:
        try:
            return raw.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(raw)


def html_to_article(html: str, *, url: str | None = None, article_id: str | None = None) -> Article:
    """Article text and metadata (title, date, outlet) from an HTML page."""
    import trafilatura

    if len(html) > MAX_TEXT_CHARS * 4:
        raise BadInput(f"HTML too large ({len(html):,} chars)")
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise BadInput("no article text found in the HTML")
    title = getattr(doc, "title", None)
    date = getattr(doc, "date", None)
    outlet = getattr(doc, "sitename", None) or (
        (urlsplit(url).hostname or "").removeprefix("www.") if url else None
    )
    data: dict[str, Any] = {
        "article_id": article_id or (url_article_id(url) if url else None),
        "text": clean_text(body),
        "url": url,
        "title": title,
        "published_at": date,
        "outlet": outlet,
    }
    fallback = "html-" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:12]
    return article_from_dict(data, fallback_id=fallback)


def read_html_file(path: Path) -> Article:
    raw = path.read_bytes()
    return html_to_article(decode_html(raw), article_id=path.stem)


def _pick(row: dict[str, Any], names: tuple[str, ...]) -> Any:
    lower = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    for n in names:
        v = lower.get(n)
        if v not in (None, ""):
            return v
    return None


def read_csv(stream: IO[bytes], name: str) -> Iterator[Article | Rejected]:
    """Articles from a CSV (or TSV) with a header row; column names as in CSV_FIELDS."""
    raw = stream.read()
    try:
        text = decode_bytes(raw)
    except BadInput as exc:
        yield Rejected(name, str(exc))
        return
    csv.field_size_limit(MAX_TEXT_CHARS + 1)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",\t;")
    except csv.Error:
        dialect = csv.excel
    # newline=None: files saved with bare CR line ends (old Mac tools) read as rows too.
    reader = csv.DictReader(io.StringIO(text, newline=None), dialect=dialect)
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        yield Rejected(f"{name}:1", f"bad CSV header: {exc}")
        return
    if not fieldnames or not any(f and f.strip().lower() in CSV_FIELDS["text"] for f in fieldnames):
        yield Rejected(name, f"no text column (one of {', '.join(CSV_FIELDS['text'])})")
        return
    stem = Path(name).stem
    # `record` numbers rows for fallback ids (stable across versions); `where` names the
    # physical line a record starts on, which differs once a field spans several lines.
    record = 1
    while True:
        record += 1
        where = f"{name}:{reader.line_num + 1}"
        try:
            # Inside the try: the csv module raises while reading a row (a field over the
            # size limit, a NUL byte), and the reader can go on with the next one.
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejected(where, f"bad CSV row: {exc}")
            continue
        try:
            data = {k: _pick(row, names) for k, names in CSV_FIELDS.items()}
            if data["text"] is None:
                raise BadInput("empty text")
            yield article_from_dict(data, fallback_id=f"{stem}-{record}")
        except BadInput as exc:
            yield Rejected(where, str(exc))


def read_file(path: Path) -> Iterator[Article | Rejected]:
    suffix = path.suffix.lower()
    try:
        if suffix in HTML_SUFFIXES:
            yield read_html_file(path)
        elif suffix in CSV_SUFFIXES:
            with path.open("rb") as fh:
                yield from read_csv(fh, str(path))
        else:
            yield from read_source(path)
    except (BadInput, OSError) as exc:
        yield Rejected(str(path), str(exc))


def read_path(path: Path) -> Iterator[Article | Rejected]:
    """A file, or every supported file under a directory (sorted, recursive)."""
    if not path.exists():
        yield Rejected(str(path), "no such file or directory")
        return
    if path.is_dir():
        for f in list_files(path):
            yield from read_file(f)
        return
    yield from read_file(path)


def list_files(directory: Path) -> list[Path]:
    """The files of a directory that ingest reads, in the order it reads them."""
    wanted = HTML_SUFFIXES | TEXT_SUFFIXES | CSV_SUFFIXES
    return sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in wanted)


# ---------------------------------------------------------------- web


def looks_like_feed(got: Fetched) -> bool:
    if any(t in got.content_type for t in ("rss", "atom", "rdf")):
        return True
    head = got.content[:1024].lstrip().lower()
    if got.content_type in ("text/xml", "application/xml") or head.startswith(b"<?xml"):
        return b"<rss" in head or b"<feed" in head or b"<rdf" in head
    return head.startswith((b"<rss", b"<feed"))


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            try:
                return dt.date(t.tm_year, t.tm_mon, t.tm_mday).isoformat()
            except (ValueError, AttributeError):
                continue
    return None


def _html_text(fragment: str) -> str:
    import lxml.html

    try:
        return str(lxml.html.fromstring(fragment).text_content())
    except Exception:  # lxml raises several types on junk; the fragment is then plain text
        return fragment


def feed_articles(
    got: Fetched, cfg: FetchConfig, *, fetch_entries: bool = True, limit: int = 200
) -> Iterator[Article | Rejected]:
    """Articles from an RSS/Atom document: the linked page when the entry is a teaser."""
    import feedparser

    try:
        parsed = feedparser.parse(got.content)
    except Exception as exc:  # feedparser fails in many ways on hostile XML (e.g. &#xD800;)
        yield Rejected(got.url, f"not a readable feed: {type(exc).__name__}: {str(exc)[:120]}")
        return
    if parsed.bozo and not parsed.entries:
        yield Rejected(got.url, f"not a readable feed: {parsed.get('bozo_exception')}")
        return
    outlet = parsed.feed.get("title") or (urlsplit(got.url).hostname or "")
    for entry in parsed.entries[:limit]:
        link = entry.get("link")
        where = link or f"{got.url}#{entry.get('id', '?')}"
        body = ""
        if entry.get("content"):
            body = _html_text(entry["content"][0].get("value", ""))
        if not body:
            body = _html_text(entry.get("summary", "") or "")
        try:
            if fetch_entries and link and len(body) < TEASER_CHARS:
                try:
                    page = fetch(link, cfg)
                    art = html_to_article(decode_html(page.content, page.charset), url=page.url)
                except (BadInput, FetchError) as exc:
                    # The entry's own text is better than nothing when it says something.
                    if len(body) < MIN_ENTRY_CHARS:
                        raise
                    log.info("%s: %s; using the feed entry's text", link, exc)
                else:
                    data = art.model_dump()
                    data["published_at"] = data.get("published_at") or _entry_date(entry)
                    data["outlet"] = outlet or data.get("outlet")
                    data["title"] = data.get("title") or entry.get("title")
                    yield Article.model_validate(data)
                    continue
            aid = url_article_id(link) if link else None
            yield article_from_dict(
                {
                    "article_id": aid,
                    "text": body.strip(),
                    "url": link,
                    "title": entry.get("title"),
                    "published_at": _entry_date(entry),
                    "outlet": outlet,
                },
                fallback_id=f"feed-{hashlib.sha1(where.encode()).hexdigest()[:12]}",
            )
        except (BadInput, FetchError) as exc:
            yield Rejected(where, str(exc))


def read_url(url: str, cfg: FetchConfig | None = None) -> Iterator[Article | Rejected]:
    """An article URL, or every entry of a feed URL."""
    cfg = cfg or FetchConfig.from_env()
    try:
        got = fetch(url, cfg)
    except FetchError as exc:
        yield Rejected(url, str(exc))
        return
    if looks_like_feed(got):
        yield from feed_articles(got, cfg)
        return
    try:
        yield html_to_article(decode_html(got.content, got.charset), url=got.url)
    except BadInput as exc:
        yield Rejected(url, str(exc))


def is_url(source: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source))


def read_any(
    source: str, *, cfg: FetchConfig | None = None, stdin: IO[bytes] | None = None
) -> Iterator[Article | Rejected]:
    """Articles from one SOURCE argument of `incidentwatch ingest`."""
    if source == "-":
        yield from read_source("-", stdin=stdin)
        return
    if is_url(source):
        yield from read_url(source, cfg)
        return
    yield from read_path(Path(source))

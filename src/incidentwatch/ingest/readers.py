"""Read articles from JSON Lines, a directory of .txt files, or plain text.

Bad input never stops a batch: each bad record is reported as a `Rejected`
with where it came from and why, and reading goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from incidentwatch.records import Article

log = logging.getLogger(__name__)

# A news article is a few kB; 2 MB of text is a book or a mistake.
MAX_TEXT_CHARS = 2_000_000
MAX_LINE_BYTES = 8_000_000
# Files read as JSON Lines (one article object a line).
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
# A clock time in a free-form date ("02:12", "2:12:05").
_CLOCK = re.compile(r"\b\d{1,2}:\d\d\b")


class BadInput(ValueError):
    """An input record that cannot become an Article."""


@dataclass(frozen=True)
class Rejected:
    where: str  # "file.jsonl:12" or a path
    reason: str


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_bytes(raw: bytes) -> str:
    """Decode article bytes: UTF-8 first, then the detected charset.

    Raises BadInput for binary data (NUL bytes, or mostly control characters).
    """
    if b"\x00" in raw[:65536]:
        raise BadInput("binary data (NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is None:
            raise BadInput("undecodable bytes: not UTF-8 and no charset detected") from None
        text = str(best)
        log.info("decoded as %s, not UTF-8", best.encoding)
    return text


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def check_unicode(value: str, what: str) -> None:
    """Raise BadInput for a lone surrogate: JSON can carry one ("\\ud800") but it is not
    text, and it fails later, deep inside the NLP model or the database driver."""
    m = _SURROGATE.search(value)
    if m:
        raise BadInput(f"{what} is not valid Unicode (lone surrogate at character {m.start()})")


def clean_text(text: str) -> str:
    """Validate and normalise article text; raise BadInput when unusable."""
    if not isinstance(text, str):
        raise BadInput(f"text must be a string, got {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise BadInput(f"text too long ({len(text):,} chars > {MAX_TEXT_CHARS:,})")
    check_unicode(text, "text")
    sample = text[:20000]
    if "\x00" in sample:
        raise BadInput("binary data (NUL characters), not text")
    controls = len(_CONTROL.findall(sample))
    if sample and controls / len(sample) > 0.05:
        raise BadInput("binary data (too many control characters), not text")
    # Offsets in evidence spans index this exact string, so only changes that
    # keep a reader's view intact are made: CRLF -> LF and stray controls -> space.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    if not text.strip():
        raise BadInput("empty text")
    return text


def normalise_date(value: Any) -> str | None:
    """ISO date string for a publication date, or None when it can't be read.

    A time given with the date is kept ("2013-02-09T02:12:05", an offset as given):
    "today" in a wire story filed before dawn means the evening before (the Arabic
    pack's `written_day`), so the hour is part of what the date says."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        raise BadInput(f"published_at must be a date string, got {value!r}")
    s = str(value).strip()
    try:
        if len(s) == 10:
            return dt.date.fromisoformat(s).isoformat()
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(s, settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        raise BadInput(f"unreadable published_at {s[:40]!r}")
    # dateparser fills a missing time with midnight: only a clock written in the
    # string is a time ("Sat, 09 Feb 2013 02:12:05 +0000", not "9 February 2013").
    return parsed.isoformat() if _CLOCK.search(s) else parsed.date().isoformat()


# Names other tools and feed exporters give the publication date. Relative days ("on
# Sunday", "yesterday") are counted from it, so a date under another name must not be lost.
DATE_ALIASES = ("published", "pubDate", "pub_date", "published_date", "publish_date", "date")


def _date_from_alias(data: dict[str, Any]) -> None:
    if data.get("published_at") not in (None, ""):
        return
    for key in DATE_ALIASES:
        if data.get(key) not in (None, ""):
            log.info("article %r: publication date read from %r", str(data["article_id"])[:80], key)
            data["published_at"] = data[key]
            return


def article_from_dict(obj: Any, fallback_id: str) -> Article:
    if not isinstance(obj, dict):
        raise BadInput(f"expected a JSON object, got {type(obj).__name__}")
    if "text" not in obj or obj["text"] is None:
        raise BadInput("missing 'text'")
    data = dict(obj)
    data["text"] = clean_text(data["text"])
    aid = data.get("article_id") or data.get("id") or fallback_id
    if not isinstance(aid, str | int) or isinstance(aid, bool):
        raise BadInput(f"article_id must be a string or a number, got {type(aid).__name__}")
    data["article_id"] = str(aid)
    _date_from_alias(data)
    try:
        data["published_at"] = normalise_date(data.get("published_at"))
    except BadInput as exc:
        # A wrong date must not give wrong event dates: drop it, keep the article.
        log.warning("article %r: %s; treated as unknown", data["article_id"][:80], exc)
        data["published_at"] = None
    for key in ("url", "outlet", "title"):
        if data.get(key) is not None and not isinstance(data[key], str):
            data[key] = str(data[key])
        if isinstance(data.get(key), str):
            check_unicode(data[key], key)
    check_unicode(data["article_id"], "article_id")
    try:
        return Article.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise BadInput(f"invalid field {loc}: {first['msg']}") from None


def parse_json_line(line: str) -> Any:
    """json.loads for one untrusted record; every way it can fail becomes BadInput."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadInput(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        # Thousands of nested brackets: the C decoder recurses once per level.
        raise BadInput("invalid JSON (nested too deeply)") from None
    except ValueError as exc:
        # Python refuses integers of more than 4,300 digits (CVE-2020-10735).
        raise BadInput(f"invalid JSON ({str(exc).split(':')[0][:100]})") from None


def read_jsonl(stream: IO[bytes], name: str, first_line: int = 1) -> Iterator[Article | Rejected]:
    """Articles from JSON Lines; `first_line`: the number of the stream's first line in
    `name` (a partition of a big file read on its own), for file:line and fallback ids."""
    for lineno, raw in enumerate(stream, start=first_line):
        where = f"{name}:{lineno}"
        if len(raw) > MAX_LINE_BYTES:
            yield Rejected(where, f"line too long ({len(raw):,} bytes)")
            continue
        if not raw.strip():
            continue
        try:
            obj = parse_json_line(decode_bytes(raw))
            yield article_from_dict(obj, fallback_id=f"{Path(name).stem}-{lineno}")
        except BadInput as exc:
            yield Rejected(where, str(exc))


def text_article_id(text: str, stem: str | None = None) -> str:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return f"{stem}" if stem else f"text-{digest}"


def read_text_file(path: Path) -> Article:
    raw = path.read_bytes()
    if len(raw) > MAX_TEXT_CHARS * 4:
        raise BadInput(f"file too large ({len(raw):,} bytes)")
    text = clean_text(decode_bytes(raw))
    return Article(article_id=path.stem, text=text)


def read_directory(path: Path) -> Iterator[Article | Rejected]:
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    for f in files:
        try:
            yield read_text_file(f)
        except (BadInput, OSError) as exc:
            yield Rejected(str(f), str(exc))


def read_plain_text(raw: bytes, name: str = "stdin") -> Iterator[Article | Rejected]:
    try:
        text = clean_text(decode_bytes(raw))
    except BadInput as exc:
        yield Rejected(name, str(exc))
        return
    yield Article(article_id=text_article_id(text), text=text)


def looks_like_jsonl(raw: bytes) -> bool:
    head = raw.lstrip()[:1]
    return head == b"{"


def read_source(path: str | Path, stdin: IO[bytes] | None = None) -> Iterator[Article | Rejected]:
    """Articles from a .jsonl file, a directory of .txt, a .txt file, or '-' (stdin)."""
    if str(path) == "-":
        if stdin is None:
            raise BadInput("no standard input")
        raw = stdin.read()
        if looks_like_jsonl(raw):
            import io

            yield from read_jsonl(io.BytesIO(raw), "stdin")
        else:
            yield from read_plain_text(raw)
        return
    p = Path(path)
    if not p.exists():
        raise BadInput(f"{p}: no such file or directory")
    if p.is_dir():
        yield from read_directory(p)
        return
    if p.suffix.lower() in JSONL_SUFFIXES:
        with p.open("rb") as fh:
            yield from read_jsonl(fh, str(p))
        return
    try:
        yield read_text_file(p)
    except BadInput as exc:
        yield Rejected(str(p), str(exc))


def count_records(path: str | Path) -> int | None:
    """Number of records a source will yield, for a progress bar (None if unknown)."""
    p = Path(path)
    if str(path) == "-" or not p.exists():
        return None
    if p.is_dir():
        return sum(1 for f in p.iterdir() if f.suffix.lower() == ".txt")
    if p.suffix.lower() in JSONL_SUFFIXES:
        with p.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    return 1


def split_valid(items: Iterable[Article | Rejected]) -> tuple[list[Article], list[Rejected]]:
    ok: list[Article] = []
    bad: list[Rejected] = []
    for it in items:
        (bad if isinstance(it, Rejected) else ok).append(it)  # type: ignore[arg-type]
    return ok, bad

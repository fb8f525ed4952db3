"""Shared pieces of the reference converters: lookups, dates, numbers."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from importlib import resources

from incidentwatch.evaluate.names import loose_label
from incidentwatch.records import Country


class RowError(ValueError):
    """A row that cannot become a gold article; the message says why."""


def _data_lines(name: str) -> list[list[str]]:
    path = resources.files("incidentwatch.data").joinpath(f"evaluate/{name}")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows[1:]  # header


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[int, str], dict[str, str]]:
    by_numeric: dict[int, str] = {}
    by_name: dict[str, str] = {}
    for alpha2, numeric, name, *others in _data_lines("countries.tsv"):
        by_numeric[int(numeric)] = alpha2
        for n in [name, *(others[0].split("|") if others and others[0] else [])]:
            key = loose_label(n)
            if key:
                by_name.setdefault(key, alpha2)
    return by_numeric, by_name


def country(name: str, numeric: str = "") -> Country | None:
    """ISO alpha-2 from a numeric code when given, else from the name; the
    dataset's own name is kept as the display name."""
    by_numeric, by_name = _countries()
    code = None
    if numeric.strip():
        try:
            code = by_numeric.get(int(float(numeric)))
        except ValueError:
            code = None
    if code is None and name:
        code = by_name.get(loose_label(name) or "")
    if code is None:
        return None
    return Country(code=code, name=name or code)


@lru_cache(maxsize=1)
def rand_weapons() -> dict[str, str]:
    return {loose_label(r[0]) or "": r[1] for r in _data_lines("rand_weapons.tsv")}


@lru_cache(maxsize=1)
def acled_actor_types() -> dict[str, int]:
    return {loose_label(r[0]) or "": int(r[1]) for r in _data_lines("acled_actor_types.tsv")}


_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d-%b-%y", "%d-%b-%Y", "%m/%d/%Y", "%d/%m/%Y")


def parse_date(value: str) -> date:
    text = value.strip()
    if not text:
        raise RowError("no date")
    # Some exports carry a time part ("2022-02-06 00:00:00").
    candidates = [text, text.split(" ")[0]] if len(text) > 10 and text[4] == "-" else [text]
    for candidate in candidates:
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    raise RowError(f"bad date {text!r}")


def parse_int(value: str, what: str) -> int | None:
    """Empty -> None; "6", "6.0" -> 6; anything else is a bad row."""
    text = value.strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError as exc:
        raise RowError(f"bad {what} {text!r}") from exc
    if number < 0 or number != int(number):
        raise RowError(f"bad {what} {text!r}")
    return int(number)


def parse_float(value: str, what: str) -> float | None:
    text = value.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError as exc:
        raise RowError(f"bad {what} {text!r}") from exc


def is_unknown(value: str) -> bool:
    return value.strip().casefold() in {"", "unknown", "n/a", "na", "none", "-"}

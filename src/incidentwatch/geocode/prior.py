"""The area prior: which country a feed, a source or a run is about.

A user who watches Iraqi news says so once ("this feed is about Iraq") and every
name that has namesakes across a border leans that way. Four places set it, the
first that has a value wins:

1. the caller: `prior=` on `locate`/`mentions`, `incidentwatch geocode --country`;
2. the outlet's country: `source_countries.tsv` in the gazetteer folder, plus the
   user's own file (`INCIDENTWATCH_SOURCE_COUNTRIES`, else `source_countries.tsv` in
   the user config folder), whose lines win over the shipped ones;
3. the feed's or the run's country for the texts read in a block (`area_prior`):
   `incidentwatch watch --country IQ FEED` (kept with the feed in the store),
   `incidentwatch ingest --country IQ`;
4. the process default: `INCIDENTWATCH_COUNTRY`, `set_default_prior`
   (`incidentwatch extract --country IQ`).

The outlet list beats a feed's or a run's country because it knows one outlet, while
a run or an aggregating feed mixes them.
"""

from __future__ import annotations

import csv
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

ENV_VAR = "INCIDENTWATCH_COUNTRY"
SOURCES_ENV_VAR = "INCIDENTWATCH_SOURCE_COUNTRIES"
SOURCES_FILE = "source_countries.tsv"

# A context variable, not a global: threads and tasks that read different feeds at
# the same time each keep their own feed's country.
_block_prior: ContextVar[str | None] = ContextVar("incidentwatch_area_prior", default=None)


def iso2(value: str | None) -> str | None:
    """``value`` as an upper-case ISO2 code, or None when it is not one."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip().upper()
    return value if len(value) == 2 and value.isalpha() else None


def env_prior() -> str | None:
    raw = os.environ.get(ENV_VAR)
    code = iso2(raw)
    if raw and code is None:
        log.warning("%s=%r is not an ISO2 country code; ignored", ENV_VAR, raw)
    return code


def checked(country: str | None) -> str | None:
    """``country`` as ISO2 (None or "" for none); anything else is a ValueError, so a
    typo in a user's option is said, not silently ignored."""
    code = iso2(country)
    if country and code is None:
        raise ValueError(f"not an ISO2 country code: {country!r} (use e.g. IQ)")
    return code


@contextmanager
def area_prior(country: str | None) -> Iterator[str | None]:
    """Within the block, ``country`` (ISO2) is the area prior of every text that gets
    none from its call or its outlet: the feed's or the run's country. None: no
    block prior (the process default applies)."""
    token = _block_prior.set(checked(country))
    try:
        yield _block_prior.get()
    finally:
        _block_prior.reset(token)


def set_block_prior(country: str | None) -> None:
    """Make ``country`` the area prior of this process for good (a worker process
    takes its writer's run prior this way)."""
    _block_prior.set(checked(country))


def block_prior() -> str | None:
    """The country set by the innermost `area_prior` block, if any."""
    return _block_prior.get()


def user_sources_file() -> Path | None:
    """The user's own outlet -> country file: $INCIDENTWATCH_SOURCE_COUNTRIES, else
    `source_countries.tsv` in the user config folder (if it exists)."""
    raw = os.environ.get(SOURCES_ENV_VAR)
    if raw:
        return Path(raw).expanduser()
    try:
        from platformdirs import user_config_dir
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return None
    path = Path(user_config_dir("incidentwatch", appauthor=False)) / SOURCES_FILE
    return path if path.exists() else None


@dataclass
class SourceCountries:
    """Outlet (host name, "rudaw.net", or the outlet label a reader gave) -> country."""

    by_outlet: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load_all(cls, shipped: Path, user: Path | None) -> SourceCountries:
        """The shipped list, then the user's file on top (its lines win)."""
        out = cls.load(shipped)
        if user is not None:
            if not user.exists():
                log.warning("%s: no such file (%s); none added", user, SOURCES_ENV_VAR)
            else:
                out.by_outlet.update(cls.load(user).by_outlet)
        return out

    @classmethod
    def load(cls, path: Path) -> SourceCountries:
        out: dict[str, str] = {}
        if not path.exists():
            return cls(out)
        with open(path, encoding="utf-8", newline="") as fh:
            lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
                code = iso2(row.get("country"))
                key = _outlet_key(row.get("outlet"))
                if code is None or not key:
                    log.warning("%s: bad line %r, skipped", path.name, row)
                    continue
                out[key] = code
        return cls(out)

    def country_of(self, outlet: str | None) -> str | None:
        key = _outlet_key(outlet)
        while key:
            if key in self.by_outlet:
                return self.by_outlet[key]
            # "english.alarabiya.net" -> "alarabiya.net"
            _, dot, rest = key.partition(".")
            key = rest if dot and "." in rest else ""
        return None


def _outlet_key(outlet: str | None) -> str:
    if not outlet or not isinstance(outlet, str):
        return ""
    raw = outlet.strip().lower()
    if "://" in raw:
        raw = urlsplit(raw).hostname or ""
    return raw.removeprefix("www.").rstrip("/")

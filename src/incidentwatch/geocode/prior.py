"""The area prior: which country a feed, a source or a run is about.

A user who watches Iraqi news says so once ("this feed is about Iraq") and every
name that has namesakes across a border leans that way. Three places set it, the
first that has a value wins: the caller (`prior=` on `locate`/`mentions`, the
`--country` option of the commands), the outlet's country (`source_countries.tsv`
in the gazetteer folder, one line per outlet, extendable by the user) and the run's
default (the `INCIDENTWATCH_COUNTRY` environment variable or `set_default_prior`).
"""

from __future__ import annotations

import csv
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

ENV_VAR = "INCIDENTWATCH_COUNTRY"


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


@dataclass
class SourceCountries:
    """Outlet (host name, "rudaw.net", or the outlet label a reader gave) -> country."""

    by_outlet: dict[str, str] = field(default_factory=dict)

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

"""Country codes and region names for export columns (data/store/countries.tsv)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class CountryInfo:
    iso2: str
    iso3: str
    numeric: int
    name: str
    acled_region: str
    gtd_region: str


@lru_cache(maxsize=1)
def countries() -> dict[str, CountryInfo]:
    text = (
        resources.files("incidentwatch.data")
        .joinpath("store/countries.tsv")
        .read_text(encoding="utf-8")
    )
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    out: dict[str, CountryInfo] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        info = CountryInfo(
            row["iso2"],
            row["iso3"],
            int(row["numeric"]),
            row["name"],
            row["acled_region"],
            row["gtd_region"],
        )
        out[info.iso2] = info
    return out


def lookup(code: str | None) -> CountryInfo | None:
    return countries().get((code or "").upper())

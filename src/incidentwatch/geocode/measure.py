"""Measuring the geocoder on human-coded data (read at run time, never copied).

ACLED: each row's `notes` is a short report; we locate the event told in its first
sentence and compare admin1, admin2 and the point (within 25 km) with ACLED's.
GTD: the same on `summary`, compared with `provstate` and `city`.
Also: how many of Iraq's governorates and districts resolve from common English
spellings, and the cost (places per second, memory).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import resource
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from incidentwatch.geocode.gazetteer import ADMIN2
from incidentwatch.geocode.normalise import normalise_admin
from incidentwatch.geocode.resolver import Geocoder, km
from incidentwatch.geocode.units import same_unit
from incidentwatch.records import Place

_FIRST_SENTENCE = re.compile(r"(?<=[a-z0-9\)\]])\.\s+(?=[A-Z\[\(\"])")
ISO2 = {
    "Syria": "SY",
    "Yemen": "YE",
    "Turkey": "TR",
    "Iran": "IR",
    "Palestine": "PS",
    "Israel": "IL",
    "Lebanon": "LB",
    "Bahrain": "BH",
    "Saudi Arabia": "SA",
    "United Arab Emirates": "AE",
    "Kuwait": "KW",
    "Pakistan": "PK",
    "Afghanistan": "AF",
    "India": "IN",
    "Somalia": "SO",
    "Ukraine": "UA",
    "West Bank and Gaza Strip": "PS",
    "Venezuela": "VE",
    "Libya": "LY",
    "Myanmar": "MM",
    "Georgia": "GE",
    "Nigeria": "NG",
    "Mali": "ML",
    "Iraq": "IQ",
}


def first_sentence(text: str) -> tuple[int, int]:
    m = _FIRST_SENTENCE.search(text, 20)
    return (0, m.start() + 1) if m else (0, len(text))


def _same_admin_fn() -> Callable[[str | None, str | None], bool]:
    try:  # the evaluator's comparison, so these numbers match `incidentwatch evaluate`
        from incidentwatch.evaluate.names import loose_place

        def same(gold: str | None, pred: str | None) -> bool:
            return bool(gold) and bool(pred) and loose_place(gold) == loose_place(pred)

        return same
    except ImportError:  # pragma: no cover - evaluate stage absent
        return lambda g, p: bool(g) and bool(p) and normalise_admin(g) == normalise_admin(p)


def _same_unit_fn(geo: Geocoder) -> Callable[[Place, str], bool]:
    """Gold admin2 name vs the prediction's, compared as gazetteer units (units.py)."""

    def same(place: Place, gold2: str) -> bool:
        cc = place.country.code if place.country else None
        return same_unit(geo.gaz, cc, ADMIN2, gold2, place.admin2)

    return same


@dataclass
class Tally:
    n: int = 0
    found: int = 0
    admin1: int = 0
    admin2: int = 0
    # admin2 compared as units: the gold name resolved in the gazetteer (units.py).
    admin2_unit: int = 0
    admin2_n: int = 0
    within25: int = 0
    coords_n: int = 0
    km_errors: list[float] = field(default_factory=list)

    def row(self, name: str) -> str:
        def pct(a: int, b: int) -> str:
            return f"{a / b:.3f}" if b else "  -  "

        return (
            f"| {name:<22} | {self.n:5d} | {pct(self.found, self.n)} | {pct(self.admin1, self.n)} "
            f"| {pct(self.admin2, self.admin2_n)} | {pct(self.admin2_unit, self.admin2_n)} "
            f"| {pct(self.within25, self.coords_n)} |"
        )


HEADER = (
    "| subset                 |  rows | found | admin1 | admin2 | admin2 unit | <=25 km |\n"
    "|------------------------|------:|------:|-------:|-------:|------------:|--------:|"
)


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def eval_acled(
    geo: Geocoder,
    path: Path,
    *,
    use_hint: bool = False,
    limit: int | None = None,
    misses: list[str] | None = None,
    use_prior: bool = False,
) -> dict[str, Tally]:
    same = _same_admin_fn()
    unit = _same_unit_fn(geo)
    tallies: dict[str, Tally] = defaultdict(Tally)
    for i, r in enumerate(_rows(path)):
        if limit is not None and i >= limit:
            break
        text = r["notes"] or ""
        s, e = first_sentence(text)
        hint = ISO2.get(r["country"]) if use_hint else None
        # The row's country as the area prior: a single-country feed ("this feed is
        # about Lebanon"), softer than the hint.
        prior = (ISO2.get(r["country"]) or "") if use_prior else ""
        on = _iso_date(r.get("event_date"))
        place = geo.locate(text, s, e, country_hint=hint, prior=prior, on=on)
        for t in (tallies["all"], tallies[r["country"]]):
            _score_row(
                t, place, r["admin1"], r["admin2"], r["latitude"], r["longitude"], same, unit
            )
        if misses is not None and (place is None or not same(r["admin1"], place.admin1)):
            misses.append(
                f"{r['country']}|{r['admin1']}|{r['admin2']}|{r['location']} -> "
                f"{place.name if place else None}|{place.admin1 if place else None}|"
                f"{place.admin2 if place else None}"
            )
    return tallies


def eval_gtd(
    geo: Geocoder, path: Path, *, use_hint: bool = False, use_prior: bool = False
) -> dict[str, Tally]:
    same = _same_admin_fn()
    tallies: dict[str, Tally] = defaultdict(Tally)
    for r in _rows(path):
        text = r["summary"] or ""
        # GTD summaries open with the date ("02/24/2012: ..."); the first sentence tells it.
        s, e = first_sentence(text)
        hint = ISO2.get(r["country_txt"]) if use_hint else None
        prior = (ISO2.get(r["country_txt"]) or "") if use_prior else ""
        place = geo.locate(text, s, e, country_hint=hint, prior=prior, on=gtd_date(r))
        gold1 = r["provstate"] if r["provstate"] not in ("", "Unknown") else None
        if gold1 is None:
            continue
        for t in (tallies["all"], tallies[r["country_txt"]]):
            _score_row(t, place, gold1, "", r["latitude"], r["longitude"], same)
    return tallies


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def gtd_date(r: dict[str, str]) -> dt.date | None:
    """The event's date (GTD gives month 0 / day 0 when unknown: the first then)."""
    try:
        return dt.date(int(r["iyear"]), max(1, int(r["imonth"])), max(1, int(r["iday"])))
    except (KeyError, ValueError):
        return None


def _score_row(
    t: Tally,
    place: Place | None,
    gold1: str,
    gold2: str,
    lat: str,
    lon: str,
    same: Callable[[str | None, str | None], bool],
    unit: Callable[[Place, str], bool] | None = None,
) -> None:
    t.n += 1
    if gold2:
        t.admin2_n += 1
    if lat and lon:
        t.coords_n += 1
    if place is None:
        return
    t.found += 1
    if same(gold1, place.admin1):
        t.admin1 += 1
    if gold2 and same(gold2, place.admin2):
        t.admin2 += 1
        t.admin2_unit += 1
    elif gold2 and unit is not None and unit(place, gold2):
        t.admin2_unit += 1
    if lat and lon and place.latitude is not None and place.longitude is not None:
        d = km(float(lat), float(lon), place.latitude, place.longitude)
        t.km_errors.append(d)
        if d <= 25:
            t.within25 += 1


def table(tallies: dict[str, Tally]) -> str:
    order = sorted(tallies, key=lambda k: (k != "all", -tallies[k].n))
    return "\n".join([HEADER, *(tallies[k].row(k) for k in order)])


def iraq_coverage(geo: Geocoder, names_file: Path) -> tuple[str, list[str]]:
    """How many governorates/districts resolve from common English spellings: for each
    line (level, COD name, parent, spelling) the text "in the <spelling> <word>"
    must locate to that unit."""
    ok: Counter[str] = Counter()
    total: Counter[str] = Counter()
    units: dict[str, set[str]] = defaultdict(set)
    unit_ok: dict[str, set[str]] = defaultdict(set)
    fails = []
    for line in names_file.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        level, cod, parent, spelling = line.split("\t")
        word = "province" if level == "1" else "district"
        text = f"Gunmen attacked a checkpoint in the {spelling} {word} on Monday."
        place = geo.locate(text, 0, len(text), country_hint=None, prior="")
        got = (place.admin1 if level == "1" else place.admin2) if place else None
        par = place.admin1 if place else None
        good = normalise_admin(got) == normalise_admin(cod) and (
            level == "1" or normalise_admin(par) == normalise_admin(parent)
        )
        total[level] += 1
        units[level].add(cod + "/" + parent)
        if good:
            ok[level] += 1
            unit_ok[level].add(cod + "/" + parent)
        else:
            fails.append(f"{spelling!r} -> {got} ({par}); want {cod} ({parent})")
    report = (
        f"governorates: {len(unit_ok['1'])}/{len(units['1'])} units, "
        f"{ok['1']}/{total['1']} spellings; districts: {len(unit_ok['2'])}/{len(units['2'])} "
        f"units, {ok['2']}/{total['2']} spellings"
    )
    return report, fails


@dataclass
class Cost:
    texts: int
    chars: int
    places: int
    wall_s: float
    cpu_s: float
    rss_mb: float

    @property
    def per_s(self) -> float:
        return self.places / max(1e-9, self.wall_s)

    @property
    def per_cpu_s(self) -> float:
        return self.places / max(1e-9, self.cpu_s)

    def __str__(self) -> str:
        return (
            f"{self.texts} texts, {self.chars} chars, {self.places} places in "
            f"{self.wall_s:.2f} s ({self.cpu_s:.2f} s CPU): {self.per_s:.0f} places/s "
            f"({self.per_cpu_s:.0f} per CPU second), {self.texts / self.wall_s:.0f} texts/s, "
            f"{1000 * self.wall_s / max(1, self.texts):.1f} ms/text; "
            f"peak RSS {self.rss_mb:.0f} MB"
        )


def cost(geo: Geocoder, texts: list[str]) -> Cost:
    """Places resolved per second, by the wall clock and per CPU second of this
    process (on a shared machine the CPU figure is the one that compares)."""
    t0, c0 = time.perf_counter(), time.process_time()
    n_places = 0
    for text in texts:
        n_places += len(geo.mentions(text))
    wall = max(1e-9, time.perf_counter() - t0)
    cpu = time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Cost(len(texts), sum(len(t) for t in texts), n_places, wall, cpu, rss)


def closing_table(rows: list[tuple[str, str, str]]) -> str:
    """The issue's summary: measure, now, target."""
    lines = ["| measure | now | target |", "|---|---:|---:|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def evaluate_field(report: str, name: str) -> float | None:
    """The accuracy of one field line of `incidentwatch evaluate`'s table."""
    for line in report.splitlines():
        parts = line.split()
        if parts and parts[0] == name:
            try:
                return float(parts[-1])
            except ValueError:
                return None
    return None


def median(xs: list[float]) -> float:
    if not xs:
        return math.nan
    ys = sorted(xs)
    return ys[len(ys) // 2]


def eval_articles(gold: Path) -> str:
    """Extract the hand-coded articles of ``gold`` and score them with the project's
    evaluator (the admin1/admin2/location lines of `incidentwatch evaluate`)."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        cli = [sys.executable, "-m", "incidentwatch"]
        subprocess.run(
            [*cli, "extract", str(gold), "-o", str(pred), "--no-progress"],
            check=True,
            capture_output=True,
        )
        out = subprocess.run(
            [*cli, "evaluate", str(gold), str(pred)], check=True, capture_output=True, text=True
        ).stdout
    keep = ("incidents", "admin1", "admin2", "country.code", "location.name", "distance")
    return "\n".join(line for line in out.splitlines() if line.startswith(keep))

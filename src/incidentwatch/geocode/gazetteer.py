"""The shipped gazetteer, loaded into memory.

Built files (scripts/build_gazetteer.py): places.tsv.gz, admins.tsv.gz,
countries.tsv, boundaries.geojson.gz. Hand-written, user-extendable files read at
load time: admin_aliases.tsv, aliases.tsv, extra_places.tsv, demonyms.tsv,
stopwords.txt. Every name is indexed under its spelling-tolerant key
(normalise.loose); one key maps to every entity that bears it, so the resolver
sees all namesakes and chooses in context.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import logging
import math
import os
import pickle
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from incidentwatch.geocode.normalise import loose, normalise_admin

log = logging.getLogger(__name__)

# Entity ids: places 0..P-1, then admin units, then countries.
PLACE, ADMIN1, ADMIN2, COUNTRY = 0, 1, 2, 3
CACHE_VERSION = 8
ADDRESS_KEY = "@"
MAX_WORDS = 6
# Admin.seat_gid of a district none of whose places the data holds (Istanbul's
# Beyoglu, Lebanon's Chouf, 43 of Yemen's districts): its point is its governorate's,
# so it names the admin2 but places the event no finer than precision 3.
# scripts/build_gazetteer.py writes the same value.
PARENT_POINT = -1


def data_dir() -> Path:
    return Path(str(resources.files("incidentwatch") / "data" / "gazetteer"))


@dataclass(slots=True)
class Admin:
    key: str
    cc: str
    level: int
    name: str
    parent: str
    seat_gid: int
    seat_name: str
    lat: float
    lon: float


# The feature code of a site of extra_places.tsv (a base, dam, airport, camp).
SITE_FCODE = "FAC"


@dataclass
class Gazetteer:
    # Places, column-wise (205k rows: lists of scalars are far smaller than objects).
    gid: list[int] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    fcode: list[str] = field(default_factory=list)
    pop: list[int] = field(default_factory=list)
    adm1: list[str] = field(default_factory=list)
    adm2: list[str] = field(default_factory=list)
    admins: list[Admin] = field(default_factory=list)
    admin_by_key: dict[str, int] = field(default_factory=dict)
    countries: list[tuple[str, str, str]] = field(default_factory=list)  # cc, name, capital
    country_by_cc: dict[str, int] = field(default_factory=dict)
    # loose key -> entity ids (an int when there is one, a tuple when several).
    index: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    country_cues: dict[str, str] = field(default_factory=dict)  # lower-case phrase -> cc
    stopwords: frozenset[str] = frozenset()
    name_heads: frozenset[str] = frozenset()
    facility_words: frozenset[str] = frozenset()
    facility_modifiers: frozenset[str] = frozenset()
    # A city's own admin1 key -> the admin1 key of the unit around it
    # (city_surroundings.tsv: "a Damascus suburb" is in Rural Damascus).
    surroundings: dict[str, str] = field(default_factory=dict)
    by_gid: dict[int, int] = field(default_factory=dict)

    # ---- entity helpers -------------------------------------------------
    @property
    def n_places(self) -> int:
        return len(self.gid)

    def kind(self, eid: int) -> int:
        # Called millions of times an article batch: len() once, no property call.
        n = len(self.gid)
        if eid < n:
            return PLACE
        if eid < n + len(self.admins):
            return self.admins[eid - n].level
        return COUNTRY

    def admin(self, eid: int) -> Admin:
        return self.admins[eid - self.n_places]

    def admin_eid(self, key: str) -> int | None:
        i = self.admin_by_key.get(key)
        return None if i is None else self.n_places + i

    def country_eid(self, cc: str) -> int | None:
        i = self.country_by_cc.get(cc)
        return None if i is None else self.n_places + len(self.admins) + i

    def country(self, eid: int) -> tuple[str, str, str]:
        return self.countries[eid - self.n_places - len(self.admins)]

    def lookup(self, key: str) -> tuple[int, ...]:
        hit = self.index.get(key)
        if hit is None:
            return ()
        return (hit,) if isinstance(hit, int) else hit

    def entity_cc(self, eid: int) -> str:
        n = len(self.gid)
        if eid < n:
            return self.cc[eid]
        if eid < n + len(self.admins):
            return self.admins[eid - n].cc
        return self.countries[eid - n - len(self.admins)][0]

    def admin_name(self, key: str) -> str | None:
        i = self.admin_by_key.get(key)
        return None if i is None else self.admins[i].name

    def find_admin(self, cc: str, name: str, parent_name: str = "") -> str | None:
        """The key of the admin unit of country ``cc`` called ``name`` (any spelling)."""
        want = normalise_admin(name)
        wantl = loose(name)
        parent = normalise_admin(parent_name)
        for a in self.admins:
            if a.cc != cc:
                continue
            if normalise_admin(a.name) != want and loose(a.name) != wantl:
                continue
            if parent_name:
                pa = self.admin_name(a.parent) or ""
                if normalise_admin(pa) != parent and loose(pa) != loose(parent_name):
                    continue
            elif a.level != 1:
                continue
            return a.key
        return None

    # ---- building the index ---------------------------------------------
    def add_key(self, key: str, eid: int) -> None:
        if not key:
            return
        old = self.index.get(key)
        if old is None:
            self.index[key] = eid
        elif isinstance(old, int):
            if old != eid:
                self.index[key] = (old, eid)
        elif eid not in old:
            self.index[key] = (*old, eid)

    def add_place(
        self,
        gid: int,
        name: str,
        cc: str,
        lat: float,
        lon: float,
        fcode: str,
        pop: int,
        adm1: str,
        adm2: str,
    ) -> int:
        self.gid.append(gid)
        self.name.append(name)
        # Interned: 205k rows share a few hundred codes (saves ~50 MB).
        self.cc.append(sys.intern(cc))
        self.lat.append(lat)
        self.lon.append(lon)
        self.fcode.append(sys.intern(fcode))
        self.pop.append(pop)
        self.adm1.append(sys.intern(adm1))
        self.adm2.append(sys.intern(adm2))
        return len(self.gid) - 1


def _tsv_rows(path: Path) -> Iterator[dict[str, str]]:
    if not path.exists():
        return
    with open(path, encoding="utf-8", newline="") as fh:
        lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _lines(raw: bytes) -> Iterator[list[str]]:
    text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    next(text)  # header
    for line in text:
        yield line.rstrip("\n").split("\t")


def _fingerprint(folder: Path) -> str:
    h = hashlib.sha256(str(CACHE_VERSION).encode())
    for p in sorted(folder.iterdir()):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:20]


def load(folder: Path | None = None, *, cache: bool = True) -> Gazetteer:
    """Load the gazetteer; a pickled copy keyed by the data files' hash makes
    later loads fast (the cache is rebuilt whenever any data file changes)."""
    folder = folder or data_dir()
    key = _fingerprint(folder)
    cache_file: Path | None = None
    if cache:
        try:
            from platformdirs import user_cache_dir

            cache_file = Path(user_cache_dir("incidentwatch")) / f"gazetteer-{key}.pickle"
            if cache_file.exists():
                with open(cache_file, "rb") as fh:
                    gaz = pickle.load(fh)
                if isinstance(gaz, Gazetteer):
                    return gaz
        except Exception as exc:  # a broken cache is rebuilt, never fatal
            log.info("gazetteer cache unusable (%s); rebuilding", exc)
    gaz = build(folder)
    if cache_file is not None:
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")  # concurrent loaders
            with open(tmp, "wb") as fh:
                pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache_file)
        except OSError as exc:
            log.info("cannot write gazetteer cache: %s", exc)
    return gaz


def build(folder: Path) -> Gazetteer:
    gaz = Gazetteer()
    place_keys: list[list[str]] = []
    for f in _lines(gzip.decompress((folder / "places.tsv.gz").read_bytes())):
        gid, name, cc, lat, lon, fcode, pop, adm1, adm2, keys = f
        i = gaz.add_place(int(gid), name, cc, float(lat), float(lon), fcode, int(pop), adm1, adm2)
        gaz.by_gid.setdefault(int(gid), i)
        place_keys.append(keys.split("|") if keys else [])

    # User places first get a row, so admins computed by point-in-polygon can use them.
    extra_rows = list(_tsv_rows(folder / "extra_places.tsv"))
    pending: list[tuple[int, str, str, str]] = []
    from incidentwatch.geocode.admin import Boundaries

    bounds = Boundaries.load(folder)
    for n, r in enumerate(extra_rows):
        try:
            plat, plon = float(r["latitude"]), float(r["longitude"])
        except (KeyError, TypeError, ValueError):
            log.warning("extra_places.tsv: bad coordinates for %r, skipped", r.get("name"))
            continue
        cc = (r.get("country") or "").strip().upper()
        a1, a2 = bounds.locate(plat, plon) if cc in bounds.countries else ("", "")
        i = gaz.add_place(-(10_000_000 + n), r["name"], cc, plat, plon, SITE_FCODE, 0, a1, a2)
        names = [r["name"], *(r.get("aliases") or "").split("|")]
        place_keys.append([loose(x) for x in names if x.strip()])
        given1, given2 = (r.get("admin1") or "").strip(), (r.get("admin2") or "").strip()
        if given1:
            pending.append((i, cc, given1, given2))

    admin_keys: list[list[str]] = []
    for f in _lines(gzip.decompress((folder / "admins.tsv.gz").read_bytes())):
        gaz.admin_by_key[f[0]] = len(gaz.admins)
        gaz.admins.append(
            Admin(f[0], f[1], int(f[2]), f[3], f[4], int(f[5]), f[6], float(f[7]), float(f[8]))
        )
        admin_keys.append(f[9].split("|") if f[9] else [])
    for r in _tsv_rows(folder / "admin_aliases.tsv"):
        cc, a1, a2 = r["country"], r["admin1"], r.get("admin2") or ""
        akey = gaz.find_admin(cc, a2, a1) if a2 else gaz.find_admin(cc, a1)
        if akey is None:
            log.warning("admin_aliases.tsv: no admin unit %s/%s/%s", cc, a1, a2)
            continue
        admin_keys[gaz.admin_by_key[akey]].append(loose(r["alias"]))
    # A unit's former name ("Federally Administered Tribal Areas, Pakistan") names
    # today's unit that took it over; with the event's date, `historical.py` gives
    # the place the name of the day again.
    for r in _tsv_rows(folder / "historical_admins.tsv"):
        akey = gaz.find_admin(r["country"], r["admin1"])
        if akey is None:
            log.warning("historical_admins.tsv: no admin unit %s/%s", r["country"], r["admin1"])
            continue
        former = admin_keys[gaz.admin_by_key[akey]]
        if loose(r["admin1_then"]) not in former:
            former.append(loose(r["admin1_then"]))
    for r in _tsv_rows(folder / "admin_names.tsv"):
        cc, a1, a2 = r["country"], r["admin1"], r.get("admin2") or ""
        akey = gaz.find_admin(cc, a2, a1) if a2 else gaz.find_admin(cc, a1)
        if akey is None:
            log.warning("admin_names.tsv: no admin unit %s/%s/%s", cc, a1, a2)
            continue
        i = gaz.admin_by_key[akey]
        admin_keys[i].append(loose(r["name"]))
        gaz.admins[i].name = r["name"]
    for i, cc, a1, a2 in pending:
        k1 = gaz.find_admin(cc, a1)
        k2 = gaz.find_admin(cc, a2, a1) if a2 else None
        gaz.adm1[i] = k1 or gaz.adm1[i]
        gaz.adm2[i] = k2 or gaz.adm2[i]

    for r in _tsv_rows(folder / "city_surroundings.tsv"):
        inner, outer = gaz.find_admin(r["country"], r["admin1"]), None
        if inner is not None:
            outer = gaz.find_admin(r["country"], r["surrounding"])
        if inner is None or outer is None:
            log.warning("city_surroundings.tsv: no admin unit for %s", r)
            continue
        gaz.surroundings[inner] = outer

    for row in _tsv_rows(folder / "countries.tsv"):
        gaz.country_by_cc[row["cc"]] = len(gaz.countries)
        gaz.countries.append((row["cc"], row["name"], row["capital"]))
    country_keys: list[list[str]] = []
    for row in _tsv_rows(folder / "countries.tsv"):
        country_keys.append(row["keys"].split("|") if row["keys"] else [])

    # Admin names without their admin word ("Southern" for "Southern District",
    # "Eastern" for "Eastern Province"), under ADDRESS_KEY: the resolver takes them
    # only inside an address list ("Khurais, Eastern, Saudi Arabia").
    for i, unit_keys in enumerate(admin_keys):
        for k in unit_keys:
            bare = loose(normalise_admin(k))
            if bare and bare != k and bare not in unit_keys:
                gaz.add_key(ADDRESS_KEY + bare, gaz.n_places + i)
    base = 0
    for table in (place_keys, admin_keys, country_keys):
        for i, names in enumerate(table):
            for k in names:
                gaz.add_key(k, base + i)
        base += len(table)

    for r in _tsv_rows(folder / "aliases.tsv"):
        target = _find_place(gaz, r["country"], r["place"], r.get("admin1") or "")
        if target is None:
            log.warning("aliases.tsv: no place %s in %s", r["place"], r["country"])
            continue
        gaz.add_key(loose(r["alias"]), target)
    for r in _tsv_rows(folder / "demonyms.tsv"):
        gaz.demonyms[loose(r["word"])] = r["country"]
    for r in _tsv_rows(folder / "country_cues.tsv"):
        if r.get("phrase") and r.get("country"):
            gaz.country_cues[r["phrase"].strip()] = r["country"].strip().upper()
    stop = (folder / "stopwords.txt").read_text("utf-8").splitlines()
    words = {loose(w) for w in stop if w.strip() and not w.startswith("#")}
    # English function words ("But", "Our", "Took") name villages somewhere too.
    from spacy.lang.en.stop_words import STOP_WORDS

    words |= {loose(w) for w in STOP_WORDS}
    gaz.stopwords = frozenset(w for w in words if w)
    gaz.name_heads = _word_list(folder / "name_heads.txt")
    gaz.facility_words = _word_list(folder / "facility_words.txt")
    gaz.facility_modifiers = _word_list(folder / "facility_modifiers.txt")
    return gaz


def _word_list(path: Path) -> frozenset[str]:
    if not path.exists():
        return frozenset()
    lines = path.read_text("utf-8").splitlines()
    return frozenset(loose(w) for w in lines if w.strip() and not w.startswith("#"))


def _find_place(gaz: Gazetteer, cc: str, name: str, admin1: str) -> int | None:
    a1 = gaz.find_admin(cc, admin1) if admin1 else None
    best: tuple[float, int] | None = None
    for eid in gaz.lookup(loose(name)):
        if gaz.kind(eid) != PLACE or gaz.cc[eid] != cc:
            continue
        if a1 and gaz.adm1[eid] != a1:
            continue
        score = math.log10(gaz.pop[eid] + 10) + (2 if gaz.fcode[eid] in MAJOR else 0)
        if best is None or score > best[0]:
            best = (score, eid)
    return None if best is None else best[1]


MAJOR = frozenset({"PPLC", "PPLA", "CITY", "PPLA2"})


def boundaries_json(folder: Path | None = None) -> dict[str, object]:
    folder = folder or data_dir()
    data: dict[str, object] = json.loads(
        gzip.decompress((folder / "boundaries.geojson.gz").read_bytes())
    )
    return data

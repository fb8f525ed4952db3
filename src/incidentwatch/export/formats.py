"""Incident -> row mappings for each export format (pure functions)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from incidentwatch.export.countries import lookup
from incidentwatch.records import Actor, Incident, flat_incident

# ACLED's standard export columns, in ACLED's order.
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]

# GTD column names (a subset of the GTD codebook's, in its order).
GTD_COLUMNS = [
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "approxdate",
    "extended",
    "country_txt",
    "region_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "vicinity",
    "summary",
    "success",
    "suicide",
    "attacktype1_txt",
    "targtype1_txt",
    "gname",
    "gname2",
    "claimed",
    "weaptype1_txt",
    "weaptype2_txt",
    "nkill",
    "nkillter",
    "nwound",
    "scite1",
    "scite2",
    "scite3",
    "dbsource",
    "addnotes",
]

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

# GTD "specificity" (1 = exact place ... 5 = unknown) from the codebook's geo_precision.
GTD_SPECIFICITY = {1: 1, 2: 3, 3: 4}


def _date(inc: Incident) -> dt.date | None:
    try:
        return dt.date.fromisoformat((inc.event_date or "")[:10])
    except ValueError:
        return None


def _names(actors: list[Actor]) -> str:
    return "; ".join(a.name for a in actors if a.name)


def _num(v: float | None) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else round(v, 6)


def acled_row(inc: Incident, timestamp: int) -> dict[str, Any]:
    d = _date(inc)
    c = lookup(inc.country.code if inc.country else None)
    t1 = inc.actor1.type if inc.actor1 else None
    t2 = inc.actor2.type if inc.actor2 else None
    if t1 and t2:
        interaction: int | str = int(f"{min(t1, t2)}{max(t1, t2)}")
    elif t1:
        interaction = t1 * 10
    else:
        interaction = ""
    civ = (
        "Civilian targeting"
        if t2 == 7
        and inc.event_type in ("Violence against civilians", "Explosions/Remote violence")
        else ""
    )
    return {
        "event_id_cnty": inc.incident_id,
        "event_date": d.isoformat() if d else "",
        "year": d.year if d else "",
        "time_precision": inc.date_precision or "",
        "disorder_type": DISORDER.get(inc.event_type or "", ""),
        "event_type": inc.event_type or "",
        "sub_event_type": inc.sub_event_type or "",
        "actor1": inc.actor1.name if inc.actor1 else "",
        "assoc_actor_1": _names(inc.assoc_actors1),
        "inter1": t1 or "",
        "actor2": inc.actor2.name if inc.actor2 else "",
        "assoc_actor_2": _names(inc.assoc_actors2),
        "inter2": t2 or "",
        "interaction": interaction,
        "civilian_targeting": civ,
        "iso": c.numeric if c else "",
        "region": c.acled_region if c else "",
        "country": inc.country.name if inc.country else "",
        "admin1": inc.admin1 or "",
        "admin2": inc.admin2 or "",
        "admin3": "",
        "location": inc.location.name if inc.location else "",
        "latitude": _num(inc.location.latitude) if inc.location else None,
        "longitude": _num(inc.location.longitude) if inc.location else None,
        "geo_precision": inc.geo_precision or "",
        "source": "; ".join(dict.fromkeys(s.outlet or s.url or s.article_id for s in inc.sources)),
        "source_scale": "",
        "notes": inc.summary or "",
        "fatalities": inc.fatalities.best if inc.fatalities.best is not None else 0,
        "tags": "disputed" if inc.claim_status == "disputed" else "",
        "timestamp": timestamp,
    }


def gtd_row(inc: Incident, eventid: str) -> dict[str, Any]:
    d = _date(inc)
    c = lookup(inc.country.code if inc.country else None)
    prec = inc.date_precision or 1
    gnames = [a.name for a in (inc.actor1, *inc.assoc_actors1) if a is not None and a.name]
    weapons = inc.weapon_types
    cites = [s.url or f"{s.outlet or ''} {s.published_at or ''}".strip() for s in inc.sources]
    return {
        "eventid": eventid,
        "iyear": d.year if d else "",
        # GTD codes an unknown day or month as 0.
        "imonth": d.month if d and prec <= 3 else 0,
        "iday": d.day if d and prec == 1 else 0,
        "approxdate": "" if prec == 1 or d is None else d.strftime("%B %Y"),
        "extended": 0,
        "country_txt": inc.country.name if inc.country else "",
        "region_txt": c.gtd_region if c else "",
        "provstate": inc.admin1 or "",
        "city": inc.location.name if inc.location else "",
        "latitude": _num(inc.location.latitude) if inc.location else None,
        "longitude": _num(inc.location.longitude) if inc.location else None,
        "specificity": GTD_SPECIFICITY.get(inc.geo_precision or 0, 5),
        "vicinity": 1 if inc.geo_precision == 2 else 0,
        "summary": inc.summary or "",
        "success": 1,
        "suicide": 1 if inc.sub_event_type == "Suicide bomb" else 0,
        "attacktype1_txt": inc.attack_type or "Unknown",
        "targtype1_txt": inc.target_type or "Unknown",
        "gname": gnames[0] if gnames else "Unknown",
        "gname2": gnames[1] if len(gnames) > 1 else "",
        "claimed": 1 if inc.claim_status == "claimed" else 0,
        "weaptype1_txt": weapons[0] if weapons else "Unknown",
        "weaptype2_txt": weapons[1] if len(weapons) > 1 else "",
        "nkill": inc.fatalities.best if inc.fatalities.best is not None else "",
        "nkillter": (
            inc.perpetrator_fatalities.best if inc.perpetrator_fatalities.best is not None else ""
        ),
        "nwound": inc.injuries.best if inc.injuries.best is not None else "",
        "scite1": cites[0] if cites else "",
        "scite2": cites[1] if len(cites) > 1 else "",
        "scite3": cites[2] if len(cites) > 2 else "",
        "dbsource": "incidentwatch",
        "addnotes": f"incidentwatch id {inc.incident_id}",
    }


def gtd_eventids(incidents: list[Incident]) -> dict[str, str]:
    """GTD-style ids (YYYYMMDD + 4-digit sequence), deterministic per date."""
    out: dict[str, str] = {}
    per_day: dict[str, int] = {}
    for inc in sorted(incidents, key=lambda i: ((i.event_date or "")[:10], i.incident_id or "")):
        d = _date(inc)
        prefix = d.strftime("%Y%m%d") if d else "00000000"
        per_day[prefix] = per_day.get(prefix, 0) + 1
        out[inc.incident_id or ""] = f"{prefix}{per_day[prefix]:04d}"
    return out


def geojson_feature(inc: Incident) -> dict[str, Any] | None:
    loc = inc.location
    if loc is None or loc.latitude is None or loc.longitude is None:
        return None
    lat, lon = float(loc.latitude), float(loc.longitude)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    props = flat_row(inc)
    props.pop("latitude", None)
    props.pop("longitude", None)
    return {
        "type": "Feature",
        "id": inc.incident_id,
        "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
        "properties": props,
    }


def flat_row(inc: Incident) -> dict[str, Any]:
    """The incidents_frame columns, plus sources, for GeoJSON and Parquet."""
    return {
        **flat_incident(inc),
        "weapon_types": "; ".join(inc.weapon_types),
        "sources": "; ".join(s.url or s.article_id for s in inc.sources),
        "outlets": "; ".join(dict.fromkeys(s.outlet for s in inc.sources if s.outlet)),
    }

"""Hotspots: where incidents cluster more than chance allows (Getis-Ord Gi*).

Incidents in a window are counted per spatial unit -- an H3 hexagon, or an
admin2 district -- and each unit's neighbourhood total is compared with what
the study region's mean would give (Getis & Ord 1992; Ord & Getis 1995):

    Gi* = (sum_j w_ij x_j - xbar W_i) / (S sqrt((n sum_j w_ij^2 - W_i^2) / (n - 1)))

with binary weights w_ij = 1 for the unit itself and its neighbours (H3: the
cells within `k` rings; admin2: districts whose centroids are within
`distance_km`), n units in the region, xbar and S the mean and standard
deviation of x over the region. Gi* is approximately standard normal under
spatial randomness; hot spots are units with a one-sided p-value below
`alpha` after Benjamini-Hochberg correction over all units.

The study region is every unit that has had any incident in the whole frame
(not only the window), widened by the neighbourhood, so a quiet district next
to a busy one counts as a zero rather than vanishing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import h3
import numpy as np
import pandas as pd
from scipy import stats

from incidentwatch.analyse.alerts import bh_reject
from incidentwatch.analyse.frame import dated

METHODS = ("h3", "admin2")


@dataclass(frozen=True)
class HotspotConfig:
    method: str = "h3"
    resolution: int = 5  # H3 resolution 5: cells of about 250 km^2 (edge ~9 km)
    k: int = 1  # H3 rings in the neighbourhood
    distance_km: float = 50.0  # admin2 neighbourhood radius between centroids
    value: str = "incidents"  # or "fatalities"
    alpha: float = 0.05
    # Incidents placed only at a governorate capital (precision 3) would make
    # every capital look hot; they are left out of the map.
    max_geo_precision: int = 2

    def validate(self) -> HotspotConfig:
        if self.method not in METHODS:
            raise ValueError(f"method must be one of {', '.join(METHODS)}")
        if not 0 <= self.resolution <= 15:
            raise ValueError("H3 resolution must be between 0 and 15")
        if self.value not in ("incidents", "fatalities"):
            raise ValueError("value must be incidents or fatalities")
        return self


def getis_ord(x: np.ndarray, neighbours: list[np.ndarray]) -> np.ndarray:
    """Gi* z-scores with binary weights (each neighbour list includes the unit itself)."""
    n = x.size
    if n < 3:
        return np.zeros(n)
    xbar = x.mean()
    s = np.sqrt((x * x).mean() - xbar * xbar)
    w = np.array([len(nb) for nb in neighbours], dtype=float)
    local = np.array([x[nb].sum() for nb in neighbours], dtype=float)
    denom = s * np.sqrt(np.maximum(n * w - w * w, 0.0) / (n - 1))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(denom > 0, (local - xbar * w) / denom, 0.0)
    return z


def _located(df: pd.DataFrame, cfg: HotspotConfig) -> pd.DataFrame:
    d = df.loc[df["latitude"].notna() & df["longitude"].notna()]
    prec = d["geo_precision"].fillna(1)
    return d.loc[prec <= cfg.max_geo_precision]


def _h3_units(all_d: pd.DataFrame, cfg: HotspotConfig) -> tuple[pd.Series, list[str]]:
    cells = pd.Series(
        [
            h3.latlng_to_cell(lat, lon, cfg.resolution)
            for lat, lon in zip(all_d["latitude"], all_d["longitude"], strict=True)
        ],
        index=all_d.index,
        dtype="object",
    )
    region: set[str] = set()
    for c in set(cells):
        # Two neighbourhoods wide, so every cell whose neighbourhood touches an
        # incident has its full neighbourhood inside the region (no edge effect).
        region.update(h3.grid_disk(c, 2 * cfg.k))
    return cells, sorted(region)


def hotspots(
    df: pd.DataFrame,
    *,
    date_from: date | pd.Timestamp | None = None,
    date_to: date | pd.Timestamp | None = None,
    cfg: HotspotConfig | None = None,
) -> pd.DataFrame:
    """One row per unit with any incident in its neighbourhood during the window.

    Columns: unit, label, latitude, longitude, incidents, fatalities,
    neighbourhood (the weighted total the statistic uses), gi_z, p, q, hot.
    Sorted by gi_z, highest first.
    """
    cfg = (cfg or HotspotConfig()).validate()
    all_d = _located(df, cfg)
    cols = [
        "unit",
        "label",
        "latitude",
        "longitude",
        "incidents",
        "fatalities",
        "neighbourhood",
        "gi_z",
        "p",
        "q",
        "hot",
    ]
    if all_d.empty:
        return pd.DataFrame(columns=cols)
    in_win = pd.Series(True, index=all_d.index)
    if date_from is not None:
        in_win &= all_d["event_date"] >= pd.Timestamp(date_from)
    if date_to is not None:
        in_win &= all_d["event_date"] <= pd.Timestamp(date_to)

    if cfg.method == "h3":
        unit_of, region = _h3_units(all_d, cfg)
        index = {u: i for i, u in enumerate(region)}
        neighbours = [
            np.array([index[v] for v in h3.grid_disk(u, cfg.k) if v in index]) for u in region
        ]
        centres = [h3.cell_to_latlng(u) for u in region]
        labels = _cell_labels(all_d, unit_of, region)
    else:
        key = all_d["admin1"].fillna("?") + " / " + all_d["admin2"].fillna("?")
        key = key.where(all_d["admin2"].notna())
        unit_of = key
        cent = (
            all_d.assign(unit=key)
            .dropna(subset=["unit"])
            .groupby("unit")[["latitude", "longitude"]]
            .mean()
        )
        region = list(cent.index)
        latlon = np.radians(cent.to_numpy())
        dist = _haversine_km(latlon[:, None, :], latlon[None, :, :])
        neighbours = [np.flatnonzero(row <= cfg.distance_km) for row in dist]
        centres = [tuple(v) for v in cent.to_numpy()]
        labels = {u: u for u in region}
    index = {u: i for i, u in enumerate(region)}
    win = all_d.loc[in_win].assign(unit=unit_of[in_win]).dropna(subset=["unit"])
    counts = np.zeros(len(region))
    fats = np.zeros(len(region))
    idx = win["unit"].map(index).to_numpy(dtype=int)
    np.add.at(counts, idx, 1)
    np.add.at(fats, idx, win["fatalities"].to_numpy(dtype=float))
    x = counts if cfg.value == "incidents" else fats
    z = getis_ord(x, neighbours)
    p = stats.norm.sf(z)
    local = np.array([x[nb].sum() for nb in neighbours])
    keep = local > 0
    reject, q = bh_reject(p[keep], cfg.alpha)
    out = pd.DataFrame(
        {
            "unit": np.array(region, dtype=object)[keep],
            "label": [labels.get(u, u) for u in np.array(region, dtype=object)[keep]],
            "latitude": np.array([c[0] for c in centres])[keep],
            "longitude": np.array([c[1] for c in centres])[keep],
            "incidents": counts[keep].astype(int),
            "fatalities": fats[keep].astype(int),
            "neighbourhood": local[keep],
            "gi_z": z[keep],
            "p": p[keep],
            "q": q,
            "hot": reject & (z[keep] > 0),
        }
    )
    if cfg.method == "h3":
        # An empty cell inside a cluster is named after its busiest neighbour.
        busiest = {
            u: max(neighbours[index[u]], key=lambda j: counts[j])
            for u in out["unit"]
            if u not in labels
        }
        out["label"] = [
            labels[u]
            if u in labels
            else (f"near {labels[region[busiest[u]]]}" if region[busiest[u]] in labels else u)
            for u in out["unit"]
        ]
    # Cells around one cluster share its neighbourhood total; the cluster's own cell leads.
    out = out.assign(_z=out["gi_z"].round(9))
    out = out.sort_values(["_z", "incidents"], ascending=False).drop(columns="_z")
    return out.reset_index(drop=True)


def _cell_labels(d: pd.DataFrame, cells: pd.Series, region: list[str]) -> dict[str, str]:
    """Name each cell after its most frequent location (and admin2) in the data."""
    named = d.assign(cell=cells)
    named = named.loc[named["location"].notna()]
    if named.empty:
        return {}
    top = (
        named.groupby(["cell", "location", "admin2"], dropna=False)
        .size()
        .reset_index(name="n")
        .sort_values("n", ascending=False)
        .drop_duplicates("cell")
    )
    return {
        str(cell): (str(loc) if pd.isna(adm2) else f"{loc} ({adm2})")
        for cell, loc, adm2 in zip(top["cell"], top["location"], top["admin2"], strict=True)
    }


def _haversine_km(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    dlat = b[..., 0] - a[..., 0]
    dlon = b[..., 1] - a[..., 1]
    h = np.sin(dlat / 2) ** 2 + np.cos(a[..., 0]) * np.cos(b[..., 0]) * np.sin(dlon / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def cell_boundary(unit: str) -> list[tuple[float, float]]:
    """(lat, lon) corners of an H3 cell, for drawing."""
    return [tuple(p) for p in h3.cell_to_boundary(unit)]


def window_frame(
    df: pd.DataFrame, date_from: date | pd.Timestamp | None, date_to: date | pd.Timestamp | None
) -> pd.DataFrame:
    d = dated(df)
    if date_from is not None:
        d = d.loc[d["event_date"] >= pd.Timestamp(date_from)]
    if date_to is not None:
        d = d.loc[d["event_date"] <= pd.Timestamp(date_to)]
    return d

"""Admin assignment by point-in-polygon against the shipped OCHA COD boundaries
(Iraq and Syria governorates and districts)."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely import STRtree
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

# Points just outside every polygon (coast, border, rounding) take the nearest
# polygon within this distance (degrees, ~10 km), as the gazetteer build does.
NEAREST_MAX_DEG = 0.1


@dataclass
class _Level:
    keys: list[str]
    geoms: list[BaseGeometry]
    tree: STRtree

    def find(self, pt: Point) -> str:
        for i in self.tree.query(pt, predicate="intersects"):
            return self.keys[int(i)]
        i = self.tree.query_nearest(pt, max_distance=NEAREST_MAX_DEG)
        if len(i):
            return self.keys[int(i[0])]
        return ""


class Boundaries:
    def __init__(self, features: list[dict[str, Any]]) -> None:
        self.countries: set[str] = set()
        levels: dict[int, tuple[list[str], list[BaseGeometry]]] = {1: ([], []), 2: ([], [])}
        for f in features:
            props = f["properties"]
            keys, geoms = levels[int(props["level"])]
            keys.append(props["key"])
            geoms.append(shape(f["geometry"]))
            self.countries.add(props["cc"])
        self.levels = {
            lvl: _Level(keys, geoms, STRtree(geoms)) for lvl, (keys, geoms) in levels.items()
        }

    @classmethod
    def load(cls, folder: Path) -> Boundaries:
        path = folder / "boundaries.geojson.gz"
        if not path.exists():
            return cls([])
        data = json.loads(gzip.decompress(path.read_bytes()))
        return cls(data["features"])

    def locate(self, lat: float, lon: float) -> tuple[str, str]:
        """(admin1 key, admin2 key) of the polygons containing the point, or ''."""
        pt = Point(lon, lat)
        return self.levels[1].find(pt), self.levels[2].find(pt)

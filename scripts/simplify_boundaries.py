"""Make the display-only boundary files the web UI draws (no tile server needed).

Reads the OCHA COD-AB GeoJSON in ../shared/geodata, simplifies each polygon
(~0.005 degrees, about 500 m: invisible at governorate zoom, 10-20x smaller), keeps
only the names, and writes src/incidentwatch/serve/static/geo/*.geojson. The geocoder
uses the full-resolution files; these are for drawing only.

Usage: .venv/bin/python scripts/simplify_boundaries.py [--geodata ../shared/geodata]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "incidentwatch" / "serve" / "static" / "geo"
# (source file, output file, properties kept -> renamed)
LAYERS = [
    ("iraq_adm1.geojson", "adm1.geojson", {"ADM1_EN": "admin1", "ADM0_EN": "country"}),
    ("syria_adm1.geojson", "adm1.geojson", {"ADM1_EN": "admin1", "ADM0_EN": "country"}),
    ("iraq_adm2.geojson", "adm2.geojson", {"ADM2_EN": "admin2", "ADM1_EN": "admin1"}),
    ("syria_adm2.geojson", "adm2.geojson", {"ADM2_EN": "admin2", "ADM1_EN": "admin1"}),
]


def _round(obj: object, nd: int = 3) -> object:
    if isinstance(obj, float):
        return round(obj, nd)
    if isinstance(obj, list | tuple):
        return [_round(x, nd) for x in obj]
    return obj


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--geodata", type=Path, default=ROOT.parent / "shared" / "geodata")
    ap.add_argument("--tolerance", type=float, default=0.005)
    args = ap.parse_args()
    out: dict[str, list[dict[str, object]]] = {}
    for src, dst, keep in LAYERS:
        data = json.loads((args.geodata / src).read_text(encoding="utf-8"))
        for feat in data["features"]:
            geom = shape(feat["geometry"]).simplify(args.tolerance, preserve_topology=True)
            props = {new: feat["properties"].get(old) for old, new in keep.items()}
            if "country" not in props:
                props["country"] = "Iraq" if src.startswith("iraq") else "Syria"
            if props["country"] and "Syria" in str(props["country"]):
                props["country"] = "Syria"
            gj = mapping(geom)
            out.setdefault(dst, []).append(
                {
                    "type": "Feature",
                    "properties": props,
                    "geometry": {"type": gj["type"], "coordinates": _round(gj["coordinates"])},
                }
            )
    OUT.mkdir(parents=True, exist_ok=True)
    for dst, feats in out.items():
        path = OUT / dst
        path.write_text(
            json.dumps({"type": "FeatureCollection", "features": feats}, separators=(",", ":")),
            encoding="utf-8",
        )
        print(f"{path.relative_to(ROOT)}: {len(feats)} features, {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()

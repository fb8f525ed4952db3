"""Great-circle distance, shared by the geocoder, the merge stage, the extractor and the
evaluation (the codebook's 25 km rule must mean the same everywhere)."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def within_km(
    lat1: float, lon1: float, lat2: float, lon2: float, max_km: float
) -> tuple[bool, float]:
    """The distance part of "same place" (codebook: within 25 km, `max_distance_km` in
    data/resolve/merge_rules.json), shared by the extractor's within-article grouping and
    the cross-article merge: whether the two points are within `max_km`, and how far apart."""
    km = haversine_km(lat1, lon1, lat2, lon2)
    return km <= max_km, km


def city_radius_km(population: int, density_per_km2: float) -> float:
    """The radius of a city's built-up area, taken as a disc of `population` people at
    `density_per_km2`: 1,000,000 people at 6,000/km2 -> about 7.3 km.

    >>> round(city_radius_km(1_000_000, 6000.0), 1)
    7.3
    """
    return math.sqrt(population / density_per_km2 / math.pi)


def inside_city(
    city: tuple[float, float], population: int, point: tuple[float, float], density_per_km2: float
) -> bool:
    """Whether `point` lies in the built-up area of the city at `city` (a neighbourhood
    or suburb told by its own name: Karrada or Sadr City in Baghdad). Shared by the
    cross-article merge and any stage that must treat "Baghdad" and "Karrada" as one place."""
    return haversine_km(city[0], city[1], point[0], point[1]) <= city_radius_km(
        population, density_per_km2
    )

"""Offline geocoder: toponyms in news text -> places with admin units and precision.

    from incidentwatch.geocode import get_geocoder
    geo = get_geocoder()
    geo.mentions(text)                 # every place named, resolved in context
    geo.locate(text, start, end)       # where the event told in text[start:end] happened

See docs/geocode.md for the data, the method and the measured accuracy.
"""

from __future__ import annotations

import threading

from incidentwatch.geocode.normalise import normalise_admin
from incidentwatch.geocode.resolver import Geocoder, new_geocoder

__all__ = ["Geocoder", "get_geocoder", "normalise_admin", "set_default_prior"]

_lock = threading.Lock()
_instance: Geocoder | None = None


def get_geocoder() -> Geocoder:
    """The process-wide geocoder (the gazetteer loads once, ~1-2 s)."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = new_geocoder()
    return _instance


def set_default_prior(country: str | None) -> None:
    """The run's area prior (ISO2, e.g. "IQ"; None for none): "this run is about
    Iraq". Overrides `INCIDENTWATCH_COUNTRY`; a per-call or per-outlet prior wins."""
    from incidentwatch.geocode.prior import iso2

    code = iso2(country)
    if country and code is None:
        raise ValueError(f"not an ISO2 country code: {country!r}")
    get_geocoder().default_prior = code

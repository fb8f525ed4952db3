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

__all__ = ["Geocoder", "get_geocoder", "normalise_admin"]

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

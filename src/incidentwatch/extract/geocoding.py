"""The geocoder as the extractor sees it: a typed interface, and failures logged and counted.

A geocoder failure costs an incident its place, not the article: the extractor goes
on without one, but every failure is logged with its reason and counted
(`Extractor.geocode_failures`), so a broken gazetteer shows in the run summary
instead of silently emptying the map.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Protocol

from incidentwatch.records import Place

log = logging.getLogger(__name__)


class Geocoder(Protocol):
    def mentions(
        self, text: str, *, country_hint: str | None = None, outlet: str | None = None
    ) -> list[Place]:
        """Every place named in `text`, resolved in the context of the whole text."""
        ...

    def locate(
        self,
        text: str,
        start: int,
        end: int,
        *,
        country_hint: str | None = None,
        outlet: str | None = None,
        skip: frozenset[int] = frozenset(),
    ) -> Place | None:
        """The place where the event told in text[start:end] happened, leaving out the
        names that start at the offsets in `skip`."""
        ...


class FailureCount:
    """A counter several threads may add to."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._n = 0

    def add(self) -> None:
        with self._lock:
            self._n += 1

    @property
    def value(self) -> int:
        return self._n


def default_geocoder(failures: FailureCount) -> Geocoder | None:
    """The shipped offline geocoder, or None (logged, counted) when it cannot load."""
    try:
        from incidentwatch.geocode import get_geocoder
    except ImportError as exc:
        log.warning("geocoder unavailable: %s", exc)
        failures.add()
        return None
    try:
        return get_geocoder()
    except Exception as exc:  # the extractor still works without places
        log.warning("geocoder unavailable: %s", exc)
        failures.add()
        return None


def mentions(
    geo: Geocoder | None, failures: FailureCount, text: str, outlet: str | None = None
) -> list[Place]:
    if geo is None:
        return []
    try:
        return geo.mentions(text, outlet=outlet)
    except Exception as exc:
        log.warning("geocoder failed on the article's places (%s: %s); no country hint",
                    type(exc).__name__, exc)  # fmt: skip
        failures.add()
        return []


def locate(
    geo: Geocoder | None,
    failures: FailureCount,
    text: str,
    start: int,
    end: int,
    country_hint: str | None,
    outlet: str | None = None,
    skip: frozenset[int] = frozenset(),
) -> Place | None:
    if geo is None:
        return None
    try:
        if skip:
            return geo.locate(text, start, end, country_hint=country_hint, outlet=outlet, skip=skip)
        return geo.locate(text, start, end, country_hint=country_hint, outlet=outlet)
    except Exception as exc:
        log.warning("geocoder failed to place text[%d:%d] (%s: %s); no place",
                    start, end, type(exc).__name__, exc)  # fmt: skip
        failures.add()
        return None


def as_of(geo: Geocoder | None, place: Place | None, on: dt.date | None, text: str) -> Place | None:
    """``place`` with the admin units of the event's day (a geocoder that knows none
    leaves it as it is): "Federally Administered Tribal Areas" before 2018."""
    fn = getattr(geo, "as_of", None)
    if place is None or on is None or fn is None:
        return place
    try:
        out: Place | None = fn(place, on, text)
        return out
    except Exception as exc:
        log.warning("geocoder failed on the admin units of %s (%s: %s); today's kept",
                    on, type(exc).__name__, exc)  # fmt: skip
        return place

"""Shared fixtures: one real geocoder (the shipped gazetteer) for the whole session."""

from __future__ import annotations

import pytest

from incidentwatch.geocode import Geocoder, get_geocoder


@pytest.fixture(scope="session")
def geo() -> Geocoder:
    return get_geocoder()

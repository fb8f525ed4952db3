"""Fixtures for the analyse tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from incidentwatch.analyse.frame import normalize_frame


@pytest.fixture
def frame_of() -> Callable[[list[dict[str, Any]]], pd.DataFrame]:
    def build(rows: list[dict[str, Any]]) -> pd.DataFrame:
        return normalize_frame(pd.DataFrame(rows))

    return build

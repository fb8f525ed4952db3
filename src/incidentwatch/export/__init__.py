"""Exports of the incident store in the formats analysts use (see docs/store.md).

acled-csv: ACLED's column names; gtd-csv: GTD's; geojson: RFC 7946 points for
QGIS; parquet: one row per incident for pandas, R (arrow) or DuckDB.
"""

from __future__ import annotations

from incidentwatch.export.writers import FORMATS, export

__all__ = ["FORMATS", "export"]

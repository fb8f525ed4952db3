"""store stage: the incident database (SQLite or PostgreSQL), see docs/store.md.

from incidentwatch.store import open_store, IncidentFilter
store = open_store()            # $INCIDENTWATCH_DB or the default SQLite file
store.ingest_articles(articles)
store.query_incidents(IncidentFilter(admin1="Diyala"))
"""

from __future__ import annotations

from incidentwatch.store.query import IncidentFilter
from incidentwatch.store.store import IngestReport, Store, open_store

__all__ = ["IncidentFilter", "IngestReport", "Store", "open_store"]

"""store stage: the incident database (SQLite or PostgreSQL), see docs/store.md.

from incidentwatch.store import open_store, IncidentFilter
store = open_store()            # $INCIDENTWATCH_DB or the default SQLite file
ingest_articles(store, articles)   # incidentwatch.ingest.pipeline
store.query_incidents(IncidentFilter(admin1="Diyala"))
"""

from __future__ import annotations

from incidentwatch.store.query import IncidentFilter
from incidentwatch.store.store import Store, open_store

__all__ = ["IncidentFilter", "Store", "open_store"]

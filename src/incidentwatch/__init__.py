"""incidentwatch: political-violence incidents from news text, with evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from incidentwatch.store import Store


def open(url: str | None = None) -> Store:
    """Open the incident store (`url`, else $INCIDENTWATCH_DB, else the default SQLite file).

    >>> import incidentwatch
    >>> df = incidentwatch.open().incidents_frame()
    """
    from incidentwatch.store import open_store

    return open_store(url)

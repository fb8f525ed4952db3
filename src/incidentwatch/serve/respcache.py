"""Serialised API responses, kept while the store has not changed.

The page asks for the same filter several times (map, timeline, list, and again on
every pan back or tab switch), and a 100,000-incident aggregate or map costs
50-200 ms of SQL and JSON each time. An entry is valid only for the store's
`data_version()` it was computed under; any commit, by this server or by another
process writing the same SQLite file, changes that number. A store that cannot
report a version (PostgreSQL) is never cached.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

MAX_ENTRIES = 64
MAX_BYTES = 64 * 1024 * 1024  # all entries together


def compact_json(value: Any) -> bytes:
    """What JSONResponse renders, for values that are already plain JSON types."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


class ResponseCache:
    def __init__(self, store: Any, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES):
        version = getattr(store, "data_version", None)
        self._version: Callable[[], int | None] = version if callable(version) else lambda: None
        self._entries: OrderedDict[Hashable, tuple[int, bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], Any]) -> bytes:
        """The JSON of compute() for `key`, from the cache when the store is unchanged."""
        # The version is read BEFORE computing: a commit that lands during the
        # computation bumps it, so the entry can be stale only under an old number.
        version = self._version()
        if version is not None:
            with self._lock:
                hit = self._entries.get(key)
                if hit is not None and hit[0] == version:
                    self._entries.move_to_end(key)
                    self.hits += 1
                    return hit[1]
        body = compact_json(compute())
        if version is None:
            return body
        with self._lock:
            self.misses += 1
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old[1])
            if len(body) <= self.max_bytes // 4:
                self._entries[key] = (version, body)
                self._bytes += len(body)
            while self._entries and (
                len(self._entries) > self.max_entries or self._bytes > self.max_bytes
            ):
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= len(dropped)
        return body

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

"""Reading gold and predicted JSON Lines files leniently.

A bad line is reported with its number and skipped: one broken annotation must
not stop a whole evaluation. Nulls where the records expect a value
(`"fatalities": null`) are read as "not given".
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from incidentwatch.records import Incident

log = logging.getLogger(__name__)

_LIST_FIELDS = ("assoc_actors1", "assoc_actors2", "weapon_types", "sources", "evidence")
_COUNT_FIELDS = ("fatalities", "perpetrator_fatalities", "injuries")


@dataclass
class ArticleIncidents:
    article_id: str
    incidents: list[Incident]


@dataclass
class LoadResult:
    articles: dict[str, ArticleIncidents] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _clean_incident(raw: dict[str, Any]) -> dict[str, Any]:
    data = dict(raw)
    for name in _LIST_FIELDS:
        if data.get(name) is None:
            data.pop(name, None)
    for name in _COUNT_FIELDS:
        value = data.get(name)
        if value is None:
            data.pop(name, None)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            # A bare number is a common shorthand for {"best": N}.
            data[name] = {"best": int(value)}
    for name in ("actor1", "actor2", "location", "country"):
        if isinstance(data.get(name), str):
            data[name] = {"name": data[name]} if name != "country" else None
    return data


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open("r", encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


def load_articles(path: Path) -> LoadResult:
    """Read `{"article_id", "incidents": [...]}` lines (gold or predicted)."""
    result = LoadResult()
    for number, line in _lines(path):
        where = f"{path.name}:{number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            result.problems.append(f"{where}: not JSON ({exc.msg})")
            continue
        if not isinstance(raw, dict) or not isinstance(raw.get("article_id"), str | int):
            result.problems.append(f"{where}: no article_id")
            continue
        article_id = str(raw["article_id"])
        raw_incidents = raw.get("incidents") or []
        if not isinstance(raw_incidents, list):
            result.problems.append(f"{where}: 'incidents' is not a list")
            continue
        incidents: list[Incident] = []
        for index, item in enumerate(raw_incidents):
            if not isinstance(item, dict):
                result.problems.append(f"{where}: incident {index} is not an object; skipped")
                continue
            try:
                incidents.append(Incident.model_validate(_clean_incident(item)))
            except ValidationError as exc:
                first = exc.errors()[0]
                loc = ".".join(str(p) for p in first["loc"])
                result.problems.append(f"{where}: incident {index}: {loc}: {first['msg']}; skipped")
        if article_id in result.articles:
            # Extract may emit an article twice when a run was resumed; keep both sets.
            result.articles[article_id].incidents.extend(incidents)
            result.problems.append(f"{where}: article_id {article_id} repeated; incidents merged")
        else:
            result.articles[article_id] = ArticleIncidents(article_id, incidents)
    for problem in result.problems[:20]:
        log.warning(problem)
    return result

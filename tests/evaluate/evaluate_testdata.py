"""Incidents and helpers shared by the evaluation tests.

All rows and texts here were written for these tests; none comes from the
licensed dev data. (A plain module, not conftest: tests import from it.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from incidentwatch.evaluate.jsonl import ArticleIncidents
from incidentwatch.records import Incident


def incident(**fields: Any) -> Incident:
    return Incident.model_validate(fields)


def articles(mapping: dict[str, list[dict[str, Any]]]) -> dict[str, ArticleIncidents]:
    return {
        article_id: ArticleIncidents(article_id, [incident(**i) for i in items])
        for article_id, items in mapping.items()
    }


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


# A Mosul car bomb and a Tarmiyah checkpoint attack, both in one invented article.
MOSUL_BOMB: dict[str, Any] = {
    "event_date": "2016-05-11",
    "date_precision": 1,
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Remote explosive/landmine/IED",
    "attack_type": "Bombing/Explosion",
    "target_type": "Private Citizens & Property",
    "actor1": {"name": "Islamic State (Iraq)", "type": 2},
    "actor2": {"name": "Civilians (Iraq)", "type": 7},
    "country": {"code": "IQ", "name": "Iraq"},
    "admin1": "Ninewa",
    "admin2": "Al-Mosul",
    "location": {"name": "Mosul", "latitude": 36.335, "longitude": 43.119},
    "fatalities": {"best": 7},
    "injuries": {"best": 15},
}
TARMIYAH_ATTACK: dict[str, Any] = {
    "event_date": "2016-05-09",
    "date_precision": 1,
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "attack_type": "Armed Assault",
    "target_type": "Police",
    "actor1": {"name": "Unidentified Armed Group (Iraq)", "type": 3},
    "actor2": {"name": "Police Forces of Iraq", "type": 1},
    "country": {"code": "IQ", "name": "Iraq"},
    "admin1": "Baghdad",
    "admin2": "Al Kadhmiyah",
    "location": {"name": "Tarmiyah", "latitude": 33.671, "longitude": 44.393},
    "fatalities": {"best": 3},
    "injuries": {"best": None},
}

# Small reference exports in each dataset's usual layout; every row is invented,
# and some rows are broken on purpose (see the importer tests).
FIXTURES = Path(__file__).parent / "fixtures"
ACLED_CSV = (FIXTURES / "acled_small.csv").read_text(encoding="utf-8")

GTD_CSV = (FIXTURES / "gtd_small.csv").read_text(encoding="utf-8")

RAND_CSV = (FIXTURES / "rand_small.csv").read_text(encoding="utf-8")

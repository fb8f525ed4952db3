"""search_text: the folded keys of an incident's Arabic words, for Arabic search
(issue 16). An Arabic query is matched word by word against these keys, so hamza
seats, ta marbuta, alef maqsura, tatweel, diacritics, Eastern digits and attached
prefixes do not decide whether an incident is found.

Existing incidents are filled from their stored evidence, actor mentions and (Arabic
ones) their articles' text, with the function the store uses on write
(extract/lang/ar/search.py).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

from incidentwatch.extract.lang.ar.search import index_text

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_BATCH = 500


def upgrade() -> None:
    op.add_column("incidents", sa.Column("search_text", sa.Text(), nullable=True))
    bind = op.get_bind()
    words: dict[str, list[str]] = defaultdict(list)
    for iid, text in bind.execute(
        sa.text(
            "SELECT r.incident_id, e.text FROM evidence e "
            "JOIN incident_reports r ON r.report_id = e.report_id WHERE e.text IS NOT NULL"
        )
    ):
        words[iid].append(text)
    for iid, record in bind.execute(sa.text("SELECT incident_id, record FROM incidents")):
        rec: dict[str, Any] = record if isinstance(record, dict) else _json(record)
        for key in ("actor1", "actor2"):
            actor = rec.get(key) or {}
            if actor.get("mention"):
                words[iid].append(actor["mention"])
    # Arabic incidents only: the words of their reports' articles too, as on write.
    arabic = {iid for iid, texts in words.items() if index_text(texts) is not None}
    for iid, text in bind.execute(
        sa.text(
            "SELECT DISTINCT r.incident_id, a.text FROM incident_reports r "
            "JOIN articles a ON a.article_id = r.article_id"
        )
    ):
        if iid in arabic and text:
            words[iid].append(text)
    update = sa.text("UPDATE incidents SET search_text = :t WHERE incident_id = :i")
    batch: list[dict[str, str]] = []
    for iid, texts in words.items():
        keys = index_text(texts)
        if keys is not None:
            batch.append({"t": keys, "i": iid})
        if len(batch) >= _BATCH:
            bind.execute(update, batch)
            batch = []
    if batch:
        bind.execute(update, batch)


def _json(value: object) -> dict[str, Any]:
    # SQLite hands the JSON column back as text here (no ORM type on a raw select).
    try:
        out = json.loads(value) if isinstance(value, str | bytes) else {}
    except ValueError:
        return {}
    return out if isinstance(out, dict) else {}


def downgrade() -> None:
    op.execute("ALTER TABLE incidents DROP COLUMN search_text")

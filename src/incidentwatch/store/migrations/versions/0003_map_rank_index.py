"""a covering index in the map's "deadliest first" order

The map endpoint returns at most 20,000 of 100,000 incidents, the deadliest first.
Without an index in that order SQLite read and sorted the whole (wide) incidents
table for every unfiltered map request (~140 ms); with this one, which also holds
every column a map point needs (~110 bytes per incident), it reads the first 20,000
index entries and nothing else (~20 ms).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


# Keep in step with models.IncidentRow and serve.points (the columns of a map point).
COLUMNS = ["incident_id", "latitude", "longitude", "event_type", "fatalities", "event_date",
           "location", "actor1"]  # fmt: skip


def upgrade() -> None:
    op.create_index(
        "ix_incidents_fat_rank",
        "incidents",
        [sa.text("coalesce(fatalities, 0) DESC"), *COLUMNS],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_incidents_fat_rank", table_name="incidents")

"""covering indexes for the aggregate and filter queries of the web API

At 100,000 incidents the month x type and week x admin1 aggregates scanned the
whole table (p95 244-583 ms); these indexes let SQLite and PostgreSQL answer them
from the index alone.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_incidents_date_type_fat": ["event_date", "event_type", "fatalities"],
    "ix_incidents_date_admin1_fat": ["event_date", "admin1", "fatalities"],
    "ix_incidents_date_actor1_fat": ["event_date", "actor1", "fatalities"],
    "ix_incidents_type_fat": ["event_type", "fatalities"],
}


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch_op:
        for name, cols in INDEXES.items():
            batch_op.create_index(name, cols, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("incidents") as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)

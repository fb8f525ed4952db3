"""perpetrator_fatalities: the attackers among an incident's dead (codebook section 5)

GTD's nkillter: a suicide attacker's own death counts in `fatalities` and again
here, so that users can count victims only. Nullable: stores made before this
revision have no figure for their incidents.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("incidents", sa.Column("perpetrator_fatalities", sa.Integer(), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+, PostgreSQL): a batch copy of the table
    # would lose the expression index of revision 0003.
    op.execute("ALTER TABLE incidents DROP COLUMN perpetrator_fatalities")

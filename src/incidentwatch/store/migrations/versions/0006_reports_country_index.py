"""Index incident reports by country and date: a report that names only its country
("a suicide bombing in Pakistan") is one place with every report of that country, so
the merge looks its candidates up by country (never by a scan of all reports).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_reports_country_date", "incident_reports", ["country_code", "date_lo"])


def downgrade() -> None:
    op.drop_index("ix_reports_country_date", table_name="incident_reports")

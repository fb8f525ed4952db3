"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 17:26:23.315982
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "feeds",
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("interval_s", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_polled", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_poll", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("etag", sa.String(length=300), nullable=True),
        sa.Column("modified", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("url"),
    )
    op.create_table(
        "incident_aliases",
        sa.Column("old_id", sa.String(length=64), nullable=False),
        sa.Column("incident_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("old_id"),
    )
    with op.batch_alter_table("incident_aliases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incident_aliases_incident_id"), ["incident_id"], unique=False
        )

    op.create_table(
        "incidents",
        sa.Column("incident_id", sa.String(length=64), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.Integer(), nullable=True),
        sa.Column("event_type", sa.String(length=100), nullable=True),
        sa.Column("sub_event_type", sa.String(length=100), nullable=True),
        sa.Column("attack_type", sa.String(length=100), nullable=True),
        sa.Column("target_type", sa.String(length=100), nullable=True),
        sa.Column("actor1", sa.String(length=300), nullable=True),
        sa.Column("actor1_type", sa.Integer(), nullable=True),
        sa.Column("actor2", sa.String(length=300), nullable=True),
        sa.Column("actor2_type", sa.Integer(), nullable=True),
        sa.Column("country_code", sa.String(length=2), nullable=True),
        sa.Column("country", sa.String(length=100), nullable=True),
        sa.Column("admin1", sa.String(length=200), nullable=True),
        sa.Column("admin2", sa.String(length=200), nullable=True),
        sa.Column("location", sa.String(length=300), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("fatalities_low", sa.Integer(), nullable=True),
        sa.Column("fatalities_high", sa.Integer(), nullable=True),
        sa.Column("injuries", sa.Integer(), nullable=True),
        sa.Column("injuries_low", sa.Integer(), nullable=True),
        sa.Column("injuries_high", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("claim_status", sa.String(length=20), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column(
            "record",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("incident_id"),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incidents_actor1"), ["actor1"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_actor2"), ["actor2"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_admin1"), ["admin1"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_incidents_country_code"), ["country_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_incidents_event_date"), ["event_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_event_type"), ["event_type"], unique=False)
        batch_op.create_index("ix_incidents_lat_lon", ["latitude", "longitude"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "outlets",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("domain", sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "articles",
        sa.Column("article_id", sa.String(length=300), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("url_key", sa.String(length=64), nullable=True),
        sa.Column("outlet_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("outlet", sa.String(length=300), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published_at", sa.String(length=40), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("norm_hash", sa.String(length=64), nullable=False),
        sa.Column("sim0", sa.Integer(), nullable=False),
        sa.Column("sim1", sa.Integer(), nullable=False),
        sa.Column("sim2", sa.Integer(), nullable=False),
        sa.Column("sim3", sa.Integer(), nullable=False),
        sa.Column(
            "meta",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("n_incidents", sa.Integer(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"],
            ["outlets.id"],
        ),
        sa.PrimaryKeyConstraint("article_id"),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_articles_content_hash"), ["content_hash"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_articles_norm_hash"), ["norm_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_outlet_id"), ["outlet_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_articles_published_at"), ["published_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_articles_sim0"), ["sim0"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_sim1"), ["sim1"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_sim2"), ["sim2"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_sim3"), ["sim3"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_url_key"), ["url_key"], unique=True)

    op.create_table(
        "incident_actors",
        sa.Column("incident_id", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.incident_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("incident_id", "role", "name"),
    )
    with op.batch_alter_table("incident_actors", schema=None) as batch_op:
        batch_op.create_index("ix_incident_actors_name", ["name"], unique=False)

    op.create_table(
        "incident_reports",
        sa.Column(
            "report_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("incident_id", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.String(length=300), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("date_lo", sa.Date(), nullable=True),
        sa.Column("date_hi", sa.Date(), nullable=True),
        sa.Column("cell", sa.Integer(), nullable=True),
        sa.Column("country_code", sa.String(length=2), nullable=True),
        sa.Column("admin1_key", sa.String(length=200), nullable=True),
        sa.Column("place_key", sa.String(length=300), nullable=True),
        sa.Column("fatalities_update", sa.Boolean(), nullable=False),
        sa.Column("injuries_update", sa.Boolean(), nullable=False),
        sa.Column(
            "record",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["article_id"], ["articles.article_id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.incident_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("report_id"),
        sa.UniqueConstraint("article_id", "ordinal", name="uq_report_article_ordinal"),
    )
    with op.batch_alter_table("incident_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incident_reports_article_id"), ["article_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_incident_reports_incident_id"), ["incident_id"], unique=False
        )
        batch_op.create_index("ix_reports_admin1_date", ["admin1_key", "date_lo"], unique=False)
        batch_op.create_index("ix_reports_cell_date", ["cell", "date_lo"], unique=False)
        batch_op.create_index("ix_reports_place_date", ["place_key", "date_lo"], unique=False)

    op.create_table(
        "evidence",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "report_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("article_id", sa.String(length=300), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["incident_reports.report_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_report_id"), ["report_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_report_id"))

    op.drop_table("evidence")
    with op.batch_alter_table("incident_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_reports_place_date")
        batch_op.drop_index("ix_reports_cell_date")
        batch_op.drop_index("ix_reports_admin1_date")
        batch_op.drop_index(batch_op.f("ix_incident_reports_incident_id"))
        batch_op.drop_index(batch_op.f("ix_incident_reports_article_id"))

    op.drop_table("incident_reports")
    with op.batch_alter_table("incident_actors", schema=None) as batch_op:
        batch_op.drop_index("ix_incident_actors_name")

    op.drop_table("incident_actors")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_url_key"))
        batch_op.drop_index(batch_op.f("ix_articles_sim3"))
        batch_op.drop_index(batch_op.f("ix_articles_sim2"))
        batch_op.drop_index(batch_op.f("ix_articles_sim1"))
        batch_op.drop_index(batch_op.f("ix_articles_sim0"))
        batch_op.drop_index(batch_op.f("ix_articles_published_at"))
        batch_op.drop_index(batch_op.f("ix_articles_outlet_id"))
        batch_op.drop_index(batch_op.f("ix_articles_norm_hash"))
        batch_op.drop_index(batch_op.f("ix_articles_content_hash"))

    op.drop_table("articles")
    op.drop_table("outlets")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_updated_at"))
        batch_op.drop_index("ix_incidents_lat_lon")
        batch_op.drop_index(batch_op.f("ix_incidents_event_type"))
        batch_op.drop_index(batch_op.f("ix_incidents_event_date"))
        batch_op.drop_index(batch_op.f("ix_incidents_country_code"))
        batch_op.drop_index(batch_op.f("ix_incidents_admin1"))
        batch_op.drop_index(batch_op.f("ix_incidents_actor2"))
        batch_op.drop_index(batch_op.f("ix_incidents_actor1"))

    op.drop_table("incidents")
    with op.batch_alter_table("incident_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_aliases_incident_id"))

    op.drop_table("incident_aliases")
    op.drop_table("feeds")

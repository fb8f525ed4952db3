"""SQLAlchemy models of the incident store.

Articles are kept whole (text, metadata, content hashes). Each article's
extracted incidents are kept as `reports` (one article's account, with its own
evidence spans); an incident is a cluster of reports from different articles,
and its row holds the merged, queryable fields. `incident_reports` is therefore
the link from each incident to every article that reports it.

Schema changes go through an Alembic migration in store/migrations/versions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

JSONType = JSON().with_variant(JSONB(), "postgresql")
# SQLite wants INTEGER PRIMARY KEY for autoincrement; PostgreSQL gets BIGINT.
BigID = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    pass


class Outlet(Base):
    """A news source (outlet) that published articles."""

    __tablename__ = "outlets"
    id: Mapped[int] = mapped_column(BigID, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    domain: Mapped[str | None] = mapped_column(String(300))


class ArticleRow(Base):
    __tablename__ = "articles"
    article_id: Mapped[str] = mapped_column(String(300), primary_key=True)
    url: Mapped[str | None] = mapped_column(Text)
    # Normalised URL (no fragment, no tracking parameters) for re-ingest detection.
    url_key: Mapped[str | None] = mapped_column(String(64), index=True, unique=True)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"), index=True)
    outlet: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[str | None] = mapped_column(String(40), index=True)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    # Hash of the text with case, punctuation and spacing removed.
    norm_hash: Mapped[str] = mapped_column(String(64), index=True)
    # 64-bit SimHash split in four 16-bit bands: near-identical texts share a band.
    sim0: Mapped[int] = mapped_column(Integer, index=True)
    sim1: Mapped[int] = mapped_column(Integer, index=True)
    sim2: Mapped[int] = mapped_column(Integer, index=True)
    sim3: Mapped[int] = mapped_column(Integer, index=True)
    meta: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    n_incidents: Mapped[int] = mapped_column(Integer, default=0)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class IncidentRow(Base):
    __tablename__ = "incidents"
    incident_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[int | None] = mapped_column(Integer)
    event_type: Mapped[str | None] = mapped_column(String(100), index=True)
    sub_event_type: Mapped[str | None] = mapped_column(String(100))
    attack_type: Mapped[str | None] = mapped_column(String(100))
    target_type: Mapped[str | None] = mapped_column(String(100))
    actor1: Mapped[str | None] = mapped_column(String(300), index=True)
    actor1_type: Mapped[int | None] = mapped_column(Integer)
    actor2: Mapped[str | None] = mapped_column(String(300), index=True)
    actor2_type: Mapped[int | None] = mapped_column(Integer)
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    country: Mapped[str | None] = mapped_column(String(100))
    admin1: Mapped[str | None] = mapped_column(String(200), index=True)
    admin2: Mapped[str | None] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    perpetrator_fatalities: Mapped[int | None] = mapped_column(Integer)
    injuries: Mapped[int | None] = mapped_column(Integer)
    injuries_low: Mapped[int | None] = mapped_column(Integer)
    injuries_high: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str | None] = mapped_column(Text)
    claim_status: Mapped[str | None] = mapped_column(String(20))
    confidence: Mapped[float | None] = mapped_column(Float)
    n_sources: Mapped[int] = mapped_column(Integer, default=0)
    # The folded keys of the incident's Arabic words (evidence and actor mentions), for
    # Arabic search across spellings (extract/lang/ar/search.py, migration 0008).
    search_text: Mapped[str | None] = mapped_column(Text)
    # The merged Incident record without sources and evidence (those live in
    # their own tables), for fields that have no column (weapons, assoc actors).
    record: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)

    __table_args__ = (
        Index("ix_incidents_lat_lon", "latitude", "longitude"),
        # Covering indexes for aggregates (migration 0002).
        Index("ix_incidents_date_type_fat", "event_date", "event_type", "fatalities"),
        Index("ix_incidents_date_admin1_fat", "event_date", "admin1", "fatalities"),
        Index("ix_incidents_date_actor1_fat", "event_date", "actor1", "fatalities"),
        Index("ix_incidents_type_fat", "event_type", "fatalities"),
        # The map's "deadliest first" order, covering a map point (migration 0003).
        Index(
            "ix_incidents_fat_rank",
            text("coalesce(fatalities, 0) DESC"),
            "incident_id",
            "latitude",
            "longitude",
            "event_type",
            "fatalities",
            "event_date",
            "location",
            "actor1",
        ),
    )


class ReportRow(Base):
    """One article's account of one incident: the link incident <-> article."""

    __tablename__ = "incident_reports"
    report_id: Mapped[int] = mapped_column(BigID, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(
        ForeignKey("incidents.incident_id", ondelete="CASCADE"), index=True
    )
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.article_id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    # Candidate keys for merging: the date interval the report allows, a
    # 0.5-degree grid cell, the governorate and the normalised place name.
    date_lo: Mapped[dt.date | None] = mapped_column(Date)
    date_hi: Mapped[dt.date | None] = mapped_column(Date)
    cell: Mapped[int | None] = mapped_column(Integer)
    country_code: Mapped[str | None] = mapped_column(String(2))
    admin1_key: Mapped[str | None] = mapped_column(String(200))
    place_key: Mapped[str | None] = mapped_column(String(300))
    fatalities_update: Mapped[bool] = mapped_column(Boolean, default=False)
    injuries_update: Mapped[bool] = mapped_column(Boolean, default=False)
    # The extracted Incident as the article gave it, without evidence.
    record: Mapped[dict[str, Any]] = mapped_column(JSONType)

    __table_args__ = (
        UniqueConstraint("article_id", "ordinal", name="uq_report_article_ordinal"),
        Index("ix_reports_cell_date", "cell", "date_lo"),
        Index("ix_reports_admin1_date", "admin1_key", "date_lo"),
        Index("ix_reports_place_date", "place_key", "date_lo"),
        Index("ix_reports_country_date", "country_code", "date_lo"),
    )


class EvidenceRow(Base):
    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(BigID, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("incident_reports.report_id", ondelete="CASCADE"), index=True
    )
    article_id: Mapped[str] = mapped_column(String(300))
    field: Mapped[str] = mapped_column(String(100))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)


class IncidentActorRow(Base):
    """Actor names of an incident (actor1, actor2, associated), for filtering."""

    __tablename__ = "incident_actors"
    incident_id: Mapped[str] = mapped_column(
        ForeignKey("incidents.incident_id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(300), primary_key=True)
    __table_args__ = (Index("ix_incident_actors_name", "name"),)


class IncidentAliasRow(Base):
    """Ids of incidents that were merged into another one, so old links keep working."""

    __tablename__ = "incident_aliases"
    old_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    incident_id: Mapped[str] = mapped_column(String(64), index=True)


class FeedRow(Base):
    """A feed `incidentwatch watch` polls, with its back-off state."""

    __tablename__ = "feeds"
    url: Mapped[str] = mapped_column(String(2000), primary_key=True)
    interval_s: Mapped[int] = mapped_column(Integer, default=900)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_polled: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    next_poll: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(300))
    modified: Mapped[str | None] = mapped_column(String(100))
    # The country the feed is about (ISO2): the geocoder's area prior for its articles.
    country: Mapped[str | None] = mapped_column(String(2))


class IngestPartitionRow(Base):
    """A partition of an archive whose every article a backfill (`ingest --dask`) has
    stored or skipped: a re-run of an interrupted backfill skips it without reading it."""

    __tablename__ = "ingest_partitions"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(Text)  # what it covers, for people
    articles: Mapped[int] = mapped_column(Integer)
    done_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

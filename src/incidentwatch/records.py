"""Typed records passed between pipeline stages.

The field names and meanings follow the codebook (docs/CODEBOOK.md, section 2).
Every stage takes and returns these plain records; I/O lives at the edges.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ClaimStatus = Literal["reported", "claimed", "disputed"]


def iso_date(value: str | None) -> dt.date | None:
    """The date of an ISO date or datetime string (`event_date`, `published_at`), or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def incident_id(article_id: str, *key: object) -> str:
    """The one place an incident id is minted: a hash of the article id and the parts that
    tell its incidents apart. The extractor keys on date, place, type and an ordinal (so
    re-running gives the same ids); the store keeps that id for the incident a report
    starts, and keys on the report's position only for reports that come without one."""
    joined = "|".join(str(x) for x in (article_id, *key))
    return f"iw-{hashlib.sha1(joined.encode()).hexdigest()[:16]}"


class Record(BaseModel):
    # Gold files and older outputs may carry fields we do not model (comments,
    # annotator notes); keeping them lets a file round-trip without loss.
    model_config = ConfigDict(extra="allow", validate_assignment=False)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=False)


class Article(Record):
    article_id: str
    text: str
    published_at: str | None = None  # ISO date (YYYY-MM-DD) or datetime
    url: str | None = None
    outlet: str | None = None
    title: str | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


class Evidence(Record):
    field: str
    article_id: str
    start: int
    end: int
    # The quoted words, so a reader can check a span without the article at hand.
    text: str | None = None


class Actor(Record):
    name: str
    type: int | None = None  # ACLED actor type 1-8
    mention: str | None = None


class Count(Record):
    best: int | None = None
    low: int | None = None
    high: int | None = None


class Country(Record):
    code: str
    name: str


class Location(Record):
    name: str
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None


class Source(Record):
    article_id: str
    url: str | None = None
    outlet: str | None = None
    published_at: str | None = None


class Place(Record):
    """A toponym resolved by the geocoder, with the span that names it."""

    name: str
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    country: Country | None = None
    admin1: str | None = None
    admin2: str | None = None
    geo_precision: int | None = None
    start: int | None = None
    end: int | None = None
    # Spans of the admin names that placed it (e.g. "in Diyala"), if any.
    admin_spans: list[tuple[int, int]] = Field(default_factory=list)
    why: str | None = None


class Incident(Record):
    incident_id: str | None = None
    event_date: str | None = None
    date_precision: int | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    attack_type: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actors1: list[Actor] = Field(default_factory=list)
    assoc_actors2: list[Actor] = Field(default_factory=list)
    target_type: str | None = None
    weapon_types: list[str] = Field(default_factory=list)
    country: Country | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: Location | None = None
    geo_precision: int | None = None
    fatalities: Count = Field(default_factory=Count)
    # The attackers among `fatalities` (GTD nkillter), so users can count victims only.
    perpetrator_fatalities: Count = Field(default_factory=Count)
    injuries: Count = Field(default_factory=Count)
    summary: str | None = None
    sources: list[Source] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float | None = None
    claim_status: ClaimStatus | None = None

    @field_validator("fatalities", "perpetrator_fatalities", "injuries", mode="before")
    @classmethod
    def _no_figure(cls, v: Any) -> Any:
        # Gold and other tools write a count nobody stated as null: that is "no
        # figure" (codebook 5), the same as an empty Count, not a reason to drop the record.
        return Count() if v is None else v


class ArticleResult(Record):
    """One output line of `incidentwatch extract`."""

    article_id: str
    incidents: list[Incident] = Field(default_factory=list)


class GoldArticle(Article):
    incidents: list[Incident] = Field(default_factory=list)


# The flat, one-row-per-incident layout shared by the store's incidents_frame(), the
# analysis functions and the GeoJSON/Parquet exports (docs: STORE_API in docs/store.md).
FRAME_COLUMNS: tuple[str, ...] = (
    "incident_id",
    "event_date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "attack_type",
    "target_type",
    "actor1",
    "actor1_type",
    "actor2",
    "actor2_type",
    "country_code",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "perpetrator_fatalities",
    "injuries",
    "summary",
    "claim_status",
    "confidence",
    "n_sources",
)


def flat_incident(inc: Incident) -> dict[str, Any]:
    """One Incident as a row in the FRAME_COLUMNS layout."""
    loc = inc.location
    return {
        "incident_id": inc.incident_id,
        "event_date": inc.event_date,
        "date_precision": inc.date_precision,
        "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type,
        "attack_type": inc.attack_type,
        "target_type": inc.target_type,
        "actor1": inc.actor1.name if inc.actor1 else None,
        "actor1_type": inc.actor1.type if inc.actor1 else None,
        "actor2": inc.actor2.name if inc.actor2 else None,
        "actor2_type": inc.actor2.type if inc.actor2 else None,
        "country_code": inc.country.code if inc.country else None,
        "country": inc.country.name if inc.country else None,
        "admin1": inc.admin1,
        "admin2": inc.admin2,
        "location": loc.name if loc else None,
        "latitude": loc.latitude if loc else None,
        "longitude": loc.longitude if loc else None,
        "geo_precision": inc.geo_precision,
        "fatalities": inc.fatalities.best,
        "fatalities_low": inc.fatalities.low,
        "fatalities_high": inc.fatalities.high,
        "perpetrator_fatalities": inc.perpetrator_fatalities.best,
        "injuries": inc.injuries.best,
        "summary": inc.summary,
        "claim_status": inc.claim_status,
        "confidence": inc.confidence,
        "n_sources": len(inc.sources),
    }


# Column dtypes of the flat layout, so every frame of incidents types them alike.
INT_COLUMNS: tuple[str, ...] = (
    "date_precision",
    "actor1_type",
    "actor2_type",
    "geo_precision",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "perpetrator_fatalities",
    "injuries",
    "n_sources",
)
FLOAT_COLUMNS: tuple[str, ...] = ("latitude", "longitude", "confidence")


def assign_ids(article: Article, incidents: list[Incident]) -> None:
    """Ids from the article, date, place and type, and an ordinal among equal ones, so
    re-running gives the same ids (`incident_id` mints them). The extractor's ids; the
    ingest writer re-keys an article the store renamed with the same call."""
    seen: Counter[str] = Counter()
    for inc in incidents:
        key = "|".join(
            str(x)
            for x in (
                article.article_id, inc.event_date, inc.location.name if inc.location else "",
                inc.event_type, inc.sub_event_type,
            )
        )  # fmt: skip
        seen[key] += 1
        inc.incident_id = incident_id(key, seen[key])

"""Typed records passed between pipeline stages.

The field names and meanings follow the codebook (docs/CODEBOOK.md, section 2).
Every stage takes and returns these plain records; I/O lives at the edges.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ClaimStatus = Literal["reported", "claimed", "disputed"]


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
    injuries: Count = Field(default_factory=Count)
    summary: str | None = None
    sources: list[Source] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float | None = None
    claim_status: ClaimStatus | None = None


class ArticleResult(Record):
    """One output line of `incidentwatch extract`."""

    article_id: str
    incidents: list[Incident] = Field(default_factory=list)


class GoldArticle(Article):
    incidents: list[Incident] = Field(default_factory=list)

"""The data the merge decision reads (src/incidentwatch/data/resolve/merge_rules.json)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType


@dataclass(frozen=True)
class MergeRules:
    max_distance_km: float
    compatible_event_types: frozenset[frozenset[str]]
    generic_actor_prefixes: tuple[str, ...]
    wildcard_actor_prefixes: tuple[str, ...]
    toll_update: re.Pattern[str]
    # The scored decision (see merge.score_pair): feature -> log-odds weight.
    score_weights: Mapping[str, float]
    merge_threshold: float
    ambiguity_margin: float
    # A report that names no day may tell an event this many days before its filing.
    filing_days_before: int
    # A city contains the places of its built-up area (geo.inside_city).
    city_min_population: int
    city_density_per_km2: float
    # Complete linkage tolerates this many members below the threshold (see choose_cluster).
    linkage_outliers: int = 0
    # ... and only when each of them scores at least this (log-odds: 0 is even odds).
    linkage_outlier_min_score: float = 0.0
    # A report whose toll is at least this share of the summed tolls of incidents one
    # article told apart is their total, not one of them (see total_of_parts).
    total_min_share: float = 0.8
    # Generic actors of these "countries" match the same generic actor of any country.
    any_country_labels: tuple[str, ...] = ()
    # A city-level report whose article names this many quarters is no one quarter's.
    round_up_min_parts: int = 2
    # Actor names of a state's forces ("Police Forces of Iraq"): one side's victims told
    # as soldiers by one outlet and police by another don't conflict (same_state_forces).
    state_forces_prefixes: tuple[str, ...] = ()
    # A report dated by its filing day that tells the deed as done before it
    # (merge.told_before_report) may tell an event this many days before its filing.
    told_before_days: int = 0
    # Weapon labels that name no weapon (GTD's "Unknown"): they set no report apart.
    unknown_weapon_labels: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def load_rules() -> MergeRules:
    raw = json.loads(
        resources.files("incidentwatch.data")
        .joinpath("resolve/merge_rules.json")
        .read_text(encoding="utf-8")
    )
    return MergeRules(
        max_distance_km=float(raw["max_distance_km"]),
        compatible_event_types=frozenset(frozenset(p) for p in raw["compatible_event_types"]),
        generic_actor_prefixes=tuple(raw["generic_actor_prefixes"]),
        wildcard_actor_prefixes=tuple(raw["wildcard_actor_prefixes"]),
        toll_update=re.compile("|".join(raw["toll_update_patterns"]), re.IGNORECASE),
        score_weights=MappingProxyType({k: float(v) for k, v in raw["score_weights"].items()}),
        merge_threshold=float(raw["merge_threshold"]),
        ambiguity_margin=float(raw["ambiguity_margin"]),
        filing_days_before=int(raw["filing_days_before"]),
        city_min_population=int(raw["city_min_population"]),
        city_density_per_km2=float(raw["city_density_per_km2"]),
        linkage_outliers=int(raw.get("linkage_outliers", 0)),
        linkage_outlier_min_score=float(raw.get("linkage_outlier_min_score", 0.0)),
        total_min_share=float(raw.get("total_min_share", 0.8)),
        any_country_labels=tuple(raw.get("any_country_labels", ())),
        round_up_min_parts=int(raw.get("round_up_min_parts", 2)),
        state_forces_prefixes=tuple(raw.get("state_forces_prefixes", ())),
        told_before_days=int(raw.get("told_before_days", 0)),
        unknown_weapon_labels=tuple(raw.get("unknown_weapon_labels", ())),
    )

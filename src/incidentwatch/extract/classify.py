"""Event, sub-event, attack, target and weapon types from an incident's cues (codebook 3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from incidentwatch.extract.resources import Knowledge, SubEventRule
from incidentwatch.extract.wordre import compiled, whole_word
from incidentwatch.records import Actor

# Actor types that fight (state forces, rebels, militias, external forces).
ARMED_TYPES = {1, 2, 3, 4, 8}
STATE_TYPES = {1, 8}
# Cue categories (cues.toml) of violence told without a weapon that types it.
GENERIC_VIOLENCE = frozenset({"attack", "kill", "wound", "clash"})
# The cue categories of the protest family, and of the weapons that type an explosion.
PROTEST_CUES = frozenset({"excessive", "riot", "mob", "protest"})
WEAPON_CUES = frozenset({"chemical", "suicide", "airstrike", "shelling", "grenade", "ied"})


@dataclass(frozen=True)
class Typing:
    event_type: str
    sub_event_type: str
    attack_type: str | None
    rule_cue: str


def _rule(kb: Knowledge, cue: str) -> SubEventRule | None:
    for r in kb.subevents:
        if r.cue == cue:
            return r
    return None


def classify(
    cats: set[str],
    actor1: Actor | None,
    actor2: Actor | None,
    kb: Knowledge,
    *,
    has_casualties: bool,
    target_type: str | None,
) -> Typing | None:
    """Choose the codebook types for an incident whose cue categories are `cats`."""
    rule = next((r for r in kb.subevents if r.cue in cats), None)
    if rule is None:
        return None
    event_type, sub, attack = rule.event_type, rule.sub_event_type, rule.attack_type
    a1t = actor1.type if actor1 else None
    a2t = actor2.type if actor2 else None

    # Protest family: interventions and violence change the sub-event (ACLED rules).
    # Rioters acting make a riot whatever weapons the other side used.
    if a1t == 5 and rule.cue not in PROTEST_CUES:
        if "protest" in cats:
            return Typing("Riots", "Violent demonstration", None, "riot")
        return Typing("Riots", "Mob violence", None, "mob")
    # Demonstrators who storm, fight or kill are a violent demonstration, not a battle:
    # ACLED's Battles are between armed, organised sides ("protesters who stormed the
    # Green Zone", "demonstrators clashed with police").
    if a1t == 6 and rule.cue in GENERIC_VIOLENCE:
        return Typing("Riots", "Violent demonstration", None, "riot")
    # Demonstrators met by a state force: violence between them is a violent
    # demonstration (ACLED keeps excessive force for the words that say so, cues.toml),
    # their dispersal a protest with intervention, whatever the authorities also seized
    # ("police fired tear gas to disperse protesters after authorities seized the paper").
    if a2t == 6 and a1t in STATE_TYPES and rule.cue not in PROTEST_CUES:
        if rule.cue in GENERIC_VIOLENCE:
            return Typing("Riots", "Violent demonstration", None, "riot")
        if "intervention" in cats and rule.cue not in WEAPON_CUES:
            return Typing("Protests", "Protest with intervention", None, "intervention")
    if rule.cue in PROTEST_CUES:
        if "excessive" in cats:
            return Typing("Protests", "Excessive force against protesters", None, "excessive")
        if rule.cue in ("riot", "mob") or a1t == 5:
            # Violence at a demonstration (or by demonstrators) vs violence by a crowd
            # with no demonstration.
            if "protest" in cats or a1t == 6:
                return Typing("Riots", "Violent demonstration", None, "riot")
            return Typing("Riots", "Mob violence", None, "mob")
        if "intervention" in cats or "arrest" in cats:
            return Typing("Protests", "Protest with intervention", None, "intervention")
        if {"attack", "clash", "kill"} & cats and a1t in (5, 6):
            return Typing("Riots", "Violent demonstration", None, "riot")
        return Typing("Protests", "Peaceful protest", None, "protest")

    # Detention by a non-state group is an abduction, by the state an arrest.
    if rule.cue == "arrest" and a1t in (2, 3, 4):
        return Typing(
            "Violence against civilians", "Abduction/forced disappearance",
            "Hostage Taking (Kidnapping)", "abduct",
        )  # fmt: skip

    # Territory: who gains decides between the two sub-events.
    if rule.cue in ("regain", "overtake"):
        if a1t in STATE_TYPES:
            return Typing("Battles", "Government regains territory", "Armed Assault", rule.cue)
        if a1t in (2, 3, 4):
            return Typing(
                "Battles", "Non-state actor overtakes territory", "Armed Assault", rule.cue
            )
        return Typing("Battles", sub, "Armed Assault", rule.cue)

    # Generic violence: a one-sided attack on civilians is Violence against civilians.
    if rule.cue in ("attack", "kill", "wound", "clash"):
        civilian_target = (a2t == 7) or (
            a2t is None and target_type in ("Private Citizens & Property", "Business",
                                            "Religious Figures/Institutions",
                                            "Journalists & Media", "Educational Institution")
        )  # fmt: skip
        if rule.cue != "clash" and civilian_target and (a1t is None or a1t in ARMED_TYPES):
            attack = "Armed Assault"
            return Typing("Violence against civilians", "Attack", attack, rule.cue)
        if not has_casualties and rule.cue in ("kill", "wound") and "attack" not in cats:
            return Typing(event_type, sub, attack, rule.cue)
    if rule.cue == "looting" and {"attack", "kill"} & cats:
        return Typing("Violence against civilians", "Attack", "Armed Assault", "attack")
    return Typing(event_type, sub, attack, rule.cue)


_LEFT, _RIGHT = r"(?<![\w-])", r"(?![\w-])"


def _has_word(text: str, word: str) -> re.Match[str] | None:
    return whole_word(word, _LEFT, _RIGHT).search(text)


@lru_cache(maxsize=256)
def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    # The alternation backtracks into the next word when one fails its boundary, so it
    # matches somewhere exactly when `_has_word` does for some word of the list: one
    # scan of the text rules out a whole type, which most segments name no word of
    # (issue 15: a scan per word was the extractor's largest regex cost).
    return compiled(f"{_LEFT}(?:{'|'.join(re.escape(w) for w in words)}){_RIGHT}")


def _names_any(text: str, words: list[str]) -> bool:
    return bool(words) and _any_word(tuple(words)).search(text) is not None


def target_type(
    text: str, offset: int, kb: Knowledge, exclude: tuple[int, int] | None = None
) -> tuple[str, int, int] | None:
    """GTD target type from the words of the incident, with the span that names the target.
    Words inside `exclude` (the attacker's own mention) are not targets."""
    low = text.lower()
    best: tuple[int, str, int, int] | None = None
    for rank, (ttype, words) in enumerate(kb.targets):
        if best is not None:
            break  # ranks only grow: no later type can take the place of a found one
        if not _names_any(low, words):
            continue
        for w in words:
            m = _has_word(low, w)
            if m and exclude and exclude[0] <= offset + m.start() < exclude[1]:
                m = None
            if m:
                cand = (rank, ttype, offset + m.start(), offset + m.end())
                if best is None or cand[0] < best[0]:
                    best = cand
                break
    if best is None:
        return None
    return best[1], best[2], best[3]


def weapon_types(text: str, offset: int, kb: Knowledge) -> list[tuple[str, int, int]]:
    low = text.lower()
    out = []
    for wtype, words in kb.weapons:
        if not _names_any(low, words):
            continue
        for w in words:
            m = _has_word(low, w)
            if m:
                out.append((wtype, offset + m.start(), offset + m.end()))
                break
    return out

"""Background stage: is a cue word talk, a trend, a hypothetical — not an event?

Applies the background rule tables (extract/rules/background.py) in order: the cue's
own dependents, then up to eight words up its chain of heads, then the cue itself.
The first rule that fires gives the reason (its name, plus its detail)."""

from __future__ import annotations

from spacy.tokens import Token

from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.registry import Rule
from incidentwatch.extract.rules.background import Step

MAX_GOVERNOR_STEPS = 8


def reason(r: Rule, verdict: bool | str) -> str:
    return r.name if verdict is True else f"{r.name} {verdict}"


def why_background(
    tok: Token,
    pack: LanguagePack,
    dependent: tuple[Rule, ...],
    governor: tuple[Rule, ...],
    own: tuple[Rule, ...],
) -> str | None:
    """Why the cue `tok` does not report a real event, or None."""
    for child in tok.children:
        for r in dependent:
            v = r(child, pack)
            if v:
                return reason(r, v)
    node = tok
    for _ in range(MAX_GOVERNOR_STEPS):
        head = node.head
        if head.i == node.i:
            break
        coordinated = pack.dep(node, "coordinated") and node.pos_ == "VERB" and head.pos_ == "VERB"
        step = Step(node, head, coordinated, tok)
        for r in governor:
            v = r(step, pack)
            if v:
                return reason(r, v)
        node = head
    for r in own:
        v = r(tok, pack)
        if v:
            return reason(r, v)
    return None

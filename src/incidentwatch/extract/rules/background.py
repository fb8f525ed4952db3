"""Background rules: why a cue word does not report an event that happened.

Three tables, applied in this order by `stages/background.py`: the cue word's own
dependents ("background-dependent"), then each word up the chain of heads that
governs it ("background-governor"), then the cue word itself ("background"). A
rule returns None when it does not apply, True when it does (the reason logged is
its name), or a detail appended to its name ("governed by 'warned'").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.registry import rule

Verdict = bool | str | None

# Universal POS tags (the same for every language the parser supports).
_VERB_LIKE = ("VERB", "ADJ", "NOUN")


@dataclass(frozen=True)
class Step:
    """One step up the heads from a cue word: `node` is governed by `head`.
    `coordinated`: a verb joined to the verb before it ("tried to defuse it, and were
    killed") is not governed by it, but shares its modal and what governs it."""

    node: Token
    head: Token
    coordinated: bool
    cue: Token | None = None  # the cue word the walk started from


# ---- the cue's own dependents -------------------------------------------------------


@rule(
    "negated",
    table="background-dependent",
    order=10,
    example=("The militants did not attack the checkpoint on Sunday.", "attack"),
)
def negated(child: Token, pack: LanguagePack) -> Verdict:
    """A negation on the cue: "did not attack the checkpoint"."""
    return pack.dep(child, "negation")


@rule(
    "modal",
    table="background-dependent",
    order=20,
    example=("Officials said the group could attack the dam.", "attack"),
)
def modal_auxiliary(child: Token, pack: LanguagePack) -> Verdict:
    """A modal auxiliary on the cue: "the group could attack the dam"."""
    return pack.dep(child, "auxiliary") and child.lemma_.lower() in pack.words("modal")


# ---- words that govern the cue ------------------------------------------------------


@rule(
    "governed by",
    table="background-governor",
    order=10,
    example=("The governor urged residents to report attacks on farms.", "attacks"),
)
def governed_by_opinion(step: Step, pack: LanguagePack) -> Verdict:
    """Governed by an opinion or warning word: "urged residents to report attacks".
    Not a hedge on who the attacker is: "a bomber thought to be from Syria killed ten"
    reports the killing (the parser makes "thought" the root)."""
    head = step.head
    if step.coordinated:
        return None
    if head.lemma_.lower() in pack.words("opinion") and head.pos_ in _VERB_LIKE:
        if identity_hedge(step, pack) or told_as_occasion(step, pack):
            return None
        return f"'{head.text}'"
    return None


def told_as_occasion(step: Step, pack: LanguagePack) -> bool:
    """ "vowed to retaliate after a car bomb attack killed 20": the cue sits in an
    "after"/"following" phrase under the opinion word; that phrase reports the event
    the reaction answers, as news."""
    if step.cue is None:
        return False
    markers = pack.words("occasion-markers")
    node = step.cue
    for _ in range(12):
        if node.lower_ in markers or any(
            pack.dep(c, "marker-or-adverbial") and c.lower_ in markers for c in node.children
        ):
            return True
        if node.i == step.node.i or node.head.i == node.i:
            break
        node = node.head
    return False


def identity_hedge(step: Step, pack: LanguagePack) -> bool:
    """ "thought to be from Syria", "believed to have crossed": the opinion word, followed
    by an infinitive of being or having, hedges a description of the doer; the event the
    sentence reports sits outside that infinitive."""
    head = step.head
    doc = head.doc
    if head.i + 2 >= len(doc) or pack.dep(step.node, "open-complement"):
        return False
    # "bombs are believed to be strewn" states a belief (its auxiliary says so); the hedge
    # is the bare participle after a noun ("a bomber thought to be").
    if any(pack.dep(c, "auxiliary-or-passive") for c in head.children):
        return False
    return pack.tag(doc[head.i + 1], "infinitive-marker") and (
        doc[head.i + 2].lemma_.lower() in pack.words("hedge-infinitives")
    )


@rule(
    "trend",
    table="background-governor",
    order=20,
    example=("The insurgents have escalated their bombings in the north.", "bombings"),
)
def governed_by_trend(step: Step, pack: LanguagePack) -> Verdict:
    """Governed by a trend verb: "have escalated their bombings"."""
    head = step.head
    if step.coordinated:
        return None
    if head.lemma_.lower() in pack.words("trend") and head.pos_ == "VERB":
        return f"'{head.text}'"
    return None


@rule(
    "modal",
    table="background-governor",
    order=30,
    example=("Police said the gunmen might try and kidnap the judge.", "kidnap"),
)
def governed_by_modal(step: Step, pack: LanguagePack) -> Verdict:
    """A governing (or coordinated) verb with a modal: "might try and kidnap"."""
    head = step.head
    if not step.coordinated and head.pos_ not in ("VERB", "AUX"):
        return None
    return any(
        pack.dep(c, "auxiliary") and c.lemma_.lower() in pack.words("modal") for c in head.children
    )


# ---- the cue word itself ------------------------------------------------------------


@rule(
    "generic plural after a preposition",
    table="background",
    order=10,
    example=("Markets reopened in the town despite bombings.", "bombings"),
)
def generic_plural_after_preposition(tok: Token, pack: LanguagePack) -> Verdict:
    """A bare plural event noun after "amid", "despite", "after": "despite bombings"."""
    return (
        pack.tag(tok, "plural-noun")
        and pack.dep(tok, "preposition-object")
        and tok.head.lower_ in pack.words("background-prepositions")
        and not any(pack.dep(c, "number-modifier") for c in tok.children)
    )


@rule(
    "attributive",
    table="background",
    order=20,
    example=("Villagers found a dead man's car near the river.", "dead"),
)
def attributive_death(tok: Token, pack: LanguagePack) -> Verdict:
    """The death word as an attribute names no death: "a dead man's car"."""
    if (
        tok.lower_ in pack.words("attributive-death")
        and pack.dep(tok, "attribute")
        and tok.head.pos_ in ("NOUN", "PROPN")
    ):
        return f"'{tok.lower_}' ('a dead person's body')"
    return None


@rule(
    "a death given as cause or background",
    table="background",
    order=30,
    example=("Tribesmen blocked the road in anger over the killing of a shepherd.", "killing"),
)
def death_as_cause(tok: Token, pack: LanguagePack) -> Verdict:
    """A death after "for", "over", "about": "in anger over the killing of a shepherd"."""
    if (
        tok.pos_ == "NOUN"
        and pack.dep(tok, "preposition-object")
        and tok.head.lower_ in pack.words("cause-prepositions")
        and tok.lemma_.lower() in pack.words("death-nouns")
    ):
        return "('in revenge for the death of')"
    return None


@rule(
    "generic plural",
    table="background",
    order=40,
    example=("The army says it has foiled their bombings for years.", "bombings"),
)
def generic_plural(tok: Token, pack: LanguagePack) -> Verdict:
    """A plural event noun with no number, or with "its", "their", "such": "their bombings"."""
    if pack.tag(tok, "plural-noun") and tok.lemma_.lower() in pack.words("generic-plural-events"):
        dets = {c.lower_ for c in tok.children if pack.dep(c, "determiner-possessive-number")}
        if not dets or dets & pack.words("generic-determiners"):
            return True
    return None


@rule(
    "cumulative count",
    table="background",
    order=50,
    example=("Twelve shepherds have been killed in the valley in recent weeks.", "killed"),
)
def cumulative_count(tok: Token, pack: LanguagePack) -> Verdict:
    """A perfect-tense toll over a period: "have been killed ... in recent weeks"."""
    cumulative = pack.pattern("cumulative")
    if (
        pack.tag(tok, "past-participle")
        and any(
            pack.dep(c, "auxiliary-or-passive")
            and c.lemma_ in pack.words("perfect-auxiliary")
            and pack.tag(c, "present-finite")
            for c in tok.children
        )
        and (
            any(t.lower_ in pack.words("since") for t in tok.sent)
            or (
                tok.lemma_.lower() in pack.words("casualty-lemmas")
                and cumulative is not None
                and cumulative.search(tok.sent.text) is not None
            )
        )
    ):
        return "('have been killed since', 'in recent weeks')"
    return None


@rule(
    "an earlier death told in a relative clause",
    table="background",
    order=60,
    example=("The family of a driver who had been killed buried him today.", "killed"),
)
def earlier_death_in_relative_clause(tok: Token, pack: LanguagePack) -> Verdict:
    """A pluperfect death in a relative clause: "a driver who had been killed"."""
    if (
        pack.tag(tok, "past-participle")
        and pack.dep(tok, "relative-clause")
        and tok.lemma_.lower() in pack.words("casualty-lemmas")
        and any(
            pack.dep(c, "auxiliary") and c.lower_ in pack.words("pluperfect-auxiliary")
            for c in tok.children
        )
    ):
        return "('who had been killed')"
    return None


@rule(
    "gerund after a preposition",
    table="background",
    order=70,
    example=("He was arrested for bombing a church.", "bombing"),
)
def gerund_after_preposition(tok: Token, pack: LanguagePack) -> Verdict:
    """A gerund after a preposition other than "by", "after": "arrested for bombing a church"."""
    return (
        pack.tag(tok, "gerund")
        and pack.dep(tok, "preposition-complement")
        and tok.head.lower_ not in pack.words("event-gerund-prepositions")
        # "claimed responsibility for beheading the hostage" reports the killing
        and not (
            tok.head.lower_ in pack.words("responsibility-preposition")
            and tok.head.head.lemma_.lower() in pack.words("responsibility-nouns")
            and pack.dep(tok.head.head.head, "root")
        )
        # "in Hit killing five": a misparse gives the gerund a subject
        and not any(pack.dep(c, "subject") for c in tok.children)
    )


@rule(
    "purpose clause",
    table="background",
    order=80,
    example=("Soldiers were sent to the village to arrest the suspects.", "arrest"),
)
def purpose_clause(tok: Token, pack: LanguagePack) -> Verdict:
    """An infinitive of purpose: "sent to the village to arrest the suspects"."""
    return (
        tok.pos_ == "VERB"
        and any(pack.dep(c, "auxiliary") and pack.tag(c, "infinitive-marker") for c in tok.children)
        # "are known to have been killed", "were said to have died": a report
        and not (
            pack.dep(tok, "open-complement")
            and tok.head.lemma_.lower() in pack.words("raising-verbs")
        )
    )


# ---- issue 12: topics, habits, statistics, slogans and threats ----------------------


def _names_a_day(sent: Span, pack: LanguagePack) -> bool:
    """The sentence names a day or a number (a weekday, a month, "yesterday", "3"): then a
    progressive or present tense may still tell one incident ("are fighting ... on Sunday")."""
    dw = pack.dates
    days = set(dw.weekdays) | set(dw.months) | set(dw.relative)
    return any(t.lower_ in days or t.like_num for t in sent)


@rule(
    "ongoing or habitual",
    table="background",
    order=90,
    example=("The coalition is fighting the militants in neighbouring countries.", "fighting"),
)
def ongoing_or_habitual(tok: Token, pack: LanguagePack) -> Verdict:
    """A progressive of the present ("is fighting", "have been battling") in a sentence that
    names no day and no number tells a standing war, not an incident."""
    if not (tok.pos_ == "VERB" and pack.tag(tok, "gerund")):
        return None
    auxes = [c.lower_ for c in tok.children if pack.dep(c, "auxiliary")]
    progressive = any(a in pack.words("present-progressive-auxiliary") for a in auxes) or (
        any(a in pack.words("progressive-perfect-auxiliary") for a in auxes)
        and any(a in pack.words("perfect-present-auxiliary") for a in auxes)
    )
    if progressive and not _names_a_day(tok.sent, pack):
        return "('is fighting', 'have been battling')"
    return None


@rule(
    "a war's toll",
    table="background",
    order=100,
    example=("The war has killed thousands of people in the country.", "killed"),
)
def war_toll(tok: Token, pack: LanguagePack) -> Verdict:
    """A war or conflict as the killer gives the war's toll, a statistic: "The war has
    killed thousands"."""
    if tok.lemma_.lower() not in pack.words("casualty-lemmas"):
        return None
    if any(
        pack.dep(c, "subject") and c.lemma_.lower() in pack.words("war-nouns") for c in tok.children
    ):
        return "('the war has killed')"
    return None


@rule(
    "a rate",
    table="background",
    order=110,
    example=("One child is killed every two days in the province.", "killed"),
)
def rate(tok: Token, pack: LanguagePack) -> Verdict:
    """A toll given as a rate is a statistic: "one child is killed every two days"."""
    pat = pack.pattern("rate")
    return (
        tok.lemma_.lower() in pack.words("casualty-lemmas")
        and pat is not None
        and pat.search(tok.sent.text) is not None
    )


@rule(
    "imperative",
    table="background",
    order=120,
    example=("Kill them all, the crowd chanted outside the court.", "Kill"),
)
def imperative(tok: Token, pack: LanguagePack) -> Verdict:
    """A bare verb opening its sentence with no subject is a command or slogan: "Kill them
    all", not a killing."""
    start = tok.sent.start
    while start < tok.i and (tok.doc[start].is_punct or tok.doc[start].is_space):
        start += 1
    return (
        tok.i == start
        and pack.tag(tok, "base-verb")
        and not any(pack.dep(c, "subject-or-passive-subject") for c in tok.children)
        and not any(pack.dep(c, "auxiliary-or-passive") for c in tok.children)
    )


@rule(
    "threat or plan",
    table="background",
    order=130,
    example=("The mall was evacuated after a bomb threat on Friday.", "bomb"),
)
def threat_or_plan(tok: Token, pack: LanguagePack) -> Verdict:
    """An event word naming what was threatened or may come: "a bomb threat", "potential
    clashes", "a planned attack"."""
    if pack.dep(tok, "compound-or-attribute") and tok.head.lemma_.lower() in pack.words(
        "threat-nouns"
    ):
        return f"'{tok.head.text}'"
    for c in tok.children:
        if pack.dep(c, "compound-or-attribute") and c.lower_ in pack.words("unrealised-modifiers"):
            return f"'{c.text}'"
    return None

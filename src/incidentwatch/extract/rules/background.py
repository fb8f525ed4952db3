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

from incidentwatch.extract.context import SHORT_REPORT_CHARS
from incidentwatch.extract.doctext import doc_text
from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.numbers import word_value
from incidentwatch.extract.registry import rule
from incidentwatch.extract.rules.counting import toll_update_verb

# A deed further back than this many weeks is no news (codebook 5a: 14 days).
MAX_NEWS_WEEKS = 2

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


def _bare_verb(tok: Token, pack: LanguagePack) -> bool:
    """A verb in its base form with no subject and no auxiliary: an imperative or a
    slogan ("Kill them all"), not a report of a killing."""
    return (
        pack.tag(tok, "base-verb")
        and not any(pack.dep(c, "subject-or-passive-subject") for c in tok.children)
        and not any(pack.dep(c, "auxiliary-or-passive") for c in tok.children)
    )


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
        if toll_told_as_fact(step, pack):
            return None
        return f"'{head.text}'"
    return None


def toll_told_as_fact(step: Step, pack: LanguagePack) -> bool:
    """ "The army denied it had carried out air strikes on the camp which killed 28": what
    is denied or blamed is who did it; the toll, told in a "which"/"that" clause on the
    event, is the writer's own report of what happened (issue 12: the lead's toll was lost).
    Only for a denial or a blame (`disputed-doer-verbs`), not a call or a warning, and for
    an event the sentence dates."""
    if step.cue is None or step.head.lemma_.lower() not in pack.words("disputed-doer-verbs"):
        return False
    cue = step.cue
    # The event is news the sentence dates ("on Thursday"), not history it is blamed for
    # ("accused over the bombing in Bali which killed 202").
    dated = any(pack.entity(t.ent_type_, "date") for t in cue.sent)
    return (
        dated
        and cue.lemma_.lower() in pack.words("casualty-lemmas")
        and any(
            pack.dep(c, "subject") and c.lower_ in pack.words("relative-pronouns")
            for c in cue.children
        )
    )


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
    """Governed by a trend verb: "have escalated their bombings". Not a toll told as an
    update ("the death toll from Saturday's bombing rose to 60"): that is a figure of one
    incident (codebook 5), not a trend."""
    head = step.head
    if step.coordinated:
        return None
    if head.lemma_.lower() in pack.words("trend") and head.pos_ == "VERB":
        if toll_update_verb(head, pack):
            return None
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
    """The death word as an attribute names no death: "a dead man's car". An attribute
    stands before its noun: "left ten soldiers and two militants dead" tells deaths (the
    parser may hang the predicate "dead" on the last noun as an attribute)."""
    if (
        tok.lower_ in pack.words("attributive-death")
        and pack.dep(tok, "attribute")
        and tok.head.pos_ in ("NOUN", "PROPN")
        and tok.i < tok.head.i
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
    """A death after "for", "over", "about": "in anger over the killing of a shepherd".
    A noun joined to that death ("charged for the deaths of 15 and the wounding of 250")
    is the same background."""
    first = tok
    while pack.dep(first, "coordinated") and first.head is not first:
        first = first.head
    if (
        tok.pos_ == "NOUN"
        and pack.dep(first, "preposition-object")
        and first.head.lower_ in pack.words("cause-prepositions")
        and first.lemma_.lower() in pack.words("death-nouns")
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
        # "twin bombings", "a double suicide attack": the modifier counts them
        if any(c.lower_ in pack.words("counting-modifiers") for c in tok.children):
            return None
        if not dets and (_cause_of_a_counted_toll(tok, pack) or _plural_that_acted(tok, pack)):
            return None
        if not dets or dets & pack.words("generic-determiners"):
            return True
    return None


def _plural_that_acted(tok: Token, pack: LanguagePack) -> bool:
    """ "Air strikes hit a market in Ariha on Tuesday", "Clashes killed five": the bare
    plural is the subject of a verb in the simple past in a sentence that names a day or
    a number, so it tells what happened, not a topic (held12). "Air strikes have killed
    300 since 2015" (a perfect) stays generic."""
    return (
        pack.dep(tok, "subject")
        and pack.tag(tok.head, "past-tense")
        and _names_a_day(tok.sent, pack)
    )


def _cause_of_a_counted_toll(tok: Token, pack: LanguagePack) -> bool:
    """ "At least 63 people have died in air strikes on the town": the bare plural is
    what killed the people just counted, the incident itself (held12). Not over a period
    ("killed in bombings over the past month", "since January"): that sums many."""
    if not pack.dep(tok, "preposition-object"):
        return False
    verb = tok.head.head
    if verb.lemma_.lower() not in pack.words("casualty-lemmas"):
        return False
    cumulative = pack.pattern("cumulative")
    if cumulative is not None and cumulative.search(tok.sent.text):
        return False
    if any(t.lower_ in pack.words("since") for t in tok.sent):
        return False
    return any(t.like_num for t in verb.subtree if t.i < tok.i)


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
    """A gerund after a preposition other than "by", "after": "arrested for bombing a church".
    A casualty after "before" is the attackers' next deed, the attack's own toll ("stormed
    the hall before killing seven guests"); other deeds after it did not happen ("shot dead
    before detonating his vest")."""
    return (
        pack.tag(tok, "gerund")
        and pack.dep(tok, "preposition-complement")
        and tok.head.lower_ not in pack.words("event-gerund-prepositions")
        and not (
            tok.head.lower_ in pack.words("casualty-gerund-prepositions")
            and tok.lower_ in pack.words("casualty-gerunds")
        )
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
    # "for nearly six years": a long duration's number makes a war's length, not a day.
    lasting = pack.words("standing-duration-units")
    return any(
        t.lower_ in days or (t.like_num and t.head.lemma_.lower() not in lasting) for t in sent
    )


@rule(
    "ongoing or habitual",
    table="background",
    order=90,
    example=("The coalition is fighting the militants in neighbouring countries.", "fighting"),
)
def ongoing_or_habitual(tok: Token, pack: LanguagePack) -> Verdict:
    """A progressive of the present ("is fighting", "have been battling", "are being
    bombed") in a sentence that names no day and no number tells a standing war, not an
    incident."""
    if not (tok.pos_ == "VERB" and (pack.tag(tok, "gerund") or pack.tag(tok, "past-participle"))):
        return None
    auxes = [c.lower_ for c in tok.children if pack.dep(c, "auxiliary")]
    present = any(a in pack.words("present-progressive-auxiliary") for a in auxes)
    progressive = (
        (present and pack.tag(tok, "gerund"))
        or (
            # "they are being bombed": the progressive passive
            pack.tag(tok, "past-participle")
            and present
            and any(
                c.lower_ in pack.words("progressive-passive-auxiliary")
                for c in tok.children
                if pack.dep(c, "auxiliary-or-passive")
            )
        )
        or (
            any(a in pack.words("progressive-perfect-auxiliary") for a in auxes)
            and any(a in pack.words("perfect-present-auxiliary") for a in auxes)
        )
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
    return tok.i == start and _bare_verb(tok, pack)


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


@rule(
    "an idiom",
    table="background",
    order=135,
    example=("The two parties struck a deal on the budget in Erbil.", "struck"),
)
def idiom(tok: Token, pack: LanguagePack) -> Verdict:
    """A violent verb whose object makes a set phrase: "struck a deal", "the accord the
    West struck", "strike fear", "hit a record" name no attack."""
    if tok.lemma_.lower() not in pack.words("idiom-verbs"):
        return None
    objects = pack.words("idiom-objects")
    for c in tok.children:
        if pack.dep(c, "object") and c.lemma_.lower() in objects:
            return f"'{tok.text} {c.text}'"
    # "the deal the West struck": the verb is a relative clause on its object
    if pack.dep(tok, "relative-clause") and tok.head.lemma_.lower() in objects:
        return f"'{tok.head.text} ... {tok.text}'"
    return None


@rule(
    "a diplomatic agreement",
    table="background",
    order=137,
    example=("The two presidents agreed to expand trade between their countries.", "agreed"),
)
def diplomatic_agreement(tok: Token, pack: LanguagePack) -> Verdict:
    """The codebook's Agreement is one between parties to the fighting: a ceasefire, a
    truce, a prisoner swap, a surrender, an evacuation. Governments agreeing on policy
    ("agreed to back safe zones", "an agreement to expand cooperation") is diplomacy."""
    if tok.lemma_.lower() not in pack.words("agreement-lemmas"):
        return None
    fighting = pack.words("conflict-agreement-words")
    if any(t.lemma_.lower() in fighting or t.lower_ in fighting for t in tok.sent):
        return None
    return "(no ceasefire, truce, swap or surrender in its sentence)"


# ---- issue 12, second pass: re-mentions, descriptions, running tolls, accidents ---------


# A wire-length story (the rule reads only stories of SHORT_REPORT_CHARS or more).
_WIRE_STORY = (
    "Two soldiers were hurt near the bridge on Sunday when gunmen fired on their patrol. "
    + "Villagers said the patrol had stopped to check a truck at the edge of the market. " * 12
    + "Nobody has claimed the ambush so far."
)


def _definite(tok: Token, pack: LanguagePack) -> bool:
    """ "the blast", "this attack", "Friday's attack", "the previous day's attack"."""
    return any(
        (pack.dep(c, "determiner") and c.lower_ in pack.words("definite-determiners"))
        or (pack.dep(c, "possessive") and c.pos_ in ("PROPN", "NOUN"))
        for c in tok.children
    )


# The rule below by name: the candidate stage keeps such a cue when the article has told
# no incident before it (stages/candidate.py).
TOLD_AGAIN = "a told event named again"


@rule(
    TOLD_AGAIN,
    table="background",
    order=140,
    example=(_WIRE_STORY, "ambush"),
)
def told_event_named_again(tok: Token, pack: LanguagePack) -> Verdict:
    """In a wire story, an event noun made definite ("the blast", "Friday's attack") after
    the first sentence, in a sentence with no casualty word and no number, names an event
    the article has told: "no claim of responsibility for the blast" is a reaction, not a
    new incident. A new incident is brought in with "a" ("a car bomb exploded")."""
    if tok.pos_ != "NOUN" or tok.sent.start == 0 or not _definite(tok, pack):
        return None
    # A note tells one event: its later sentences ("the drone was intercepted") add to it.
    if len(doc_text(tok.doc)) < SHORT_REPORT_CHARS:
        return None
    # "the battle that began early on Tuesday": a clause on the noun tells it anew.
    if any(pack.dep(c, "number-modifier") or pack.dep(c, "clause-modifier") for c in tok.children):
        return None
    # A figure, or a verb of happening, tells the event anew ("put the death toll at 27",
    # "The assault began on Friday", "The kidnapping occurred in the Baraboule area").
    # "the rebellion of its members in a prison in eastern Syria": words that bring in
    # something new ("a prison") tell an event not told before.
    if any(
        pack.dep(t, "determiner") and t.lower_ in pack.words("indefinite-determiners")
        for t in tok.subtree
    ):
        return None
    # A death noun ("the execution of the drivers") counts the people taken before. A
    # number word standing for a noun ("one warning before the blast and another one
    # after the blast") counts nothing.
    casualty = pack.words("casualty-lemmas") | pack.words("death-nouns")
    if any(
        (t.like_num and t.pos_ == "NUM") or t.lemma_.lower() in casualty or t.lower_ in casualty
        for t in tok.sent
    ):
        return None
    if pack.dep(tok, "subject") and tok.head.lemma_.lower() in pack.words("happening-verbs"):
        return None
    return f"'{tok.text}'"


@rule(
    "a condition",
    table="background-dependent",
    order=40,
    example=("If the town is besieged next week, the classes will move to a cellar.", "besieged"),
)
def condition(child: Token, pack: LanguagePack) -> Verdict:
    """A cue that opens a condition ("if the town is besieged next week", "unless the army
    attacks") tells what may happen, not what happened (codebook 1: forecasts and
    threats are no incident)."""
    return pack.dep(child, "marker") and child.lower_ in pack.words("condition-markers")


@rule(
    "negated by its determiner",
    table="background-dependent",
    order=30,
    example=("Police said no bomb was found on the plane.", "bomb"),
)
def negated_by_determiner(child: Token, pack: LanguagePack) -> Verdict:
    """ "no bomb was found": the determiner says the thing named was not there."""
    return pack.dep(child, "determiner") and child.lower_ in pack.words("negating-determiners")


@rule(
    "a group described by what it fights",
    table="background",
    order=150,
    example=("Rebels fighting the government say the army kept up its pressure.", "fighting"),
)
def described_by_fight(tok: Token, pack: LanguagePack) -> Verdict:
    """A participle after a noun ("rebels fighting the government", "insurgents battling
    the army in the west") describes who the group is, not a fight that happened."""
    return (
        pack.tag(tok, "gerund")
        and pack.dep(tok, "clause-modifier-participle")
        and tok.lemma_.lower() in pack.words("standing-fight-verbs")
        and tok.head.pos_ in ("NOUN", "PROPN")
    )


@rule(
    "a running toll",
    table="background",
    order=160,
    example=("The latest fighting around the city has killed about 300 people.", "killed"),
)
def running_toll(tok: Token, pack: LanguagePack) -> Verdict:
    """A perfect-tense toll whose subject is fighting or violence that goes on ("the latest
    fighting has killed 300") is a running total, a statistic, not one incident."""
    if tok.lemma_.lower() not in pack.words("casualty-lemmas") or not pack.tag(
        tok, "past-participle"
    ):
        return None
    perfect = any(
        pack.dep(c, "auxiliary") and c.lower_ in pack.words("perfect-present-auxiliary")
        for c in tok.children
    )
    subject = any(
        pack.dep(c, "subject") and c.lower_ in pack.words("running-toll-subjects")
        for c in tok.children
    )
    return perfect and subject


@rule(
    "a road accident",
    table="background",
    order=170,
    example=("A truck in the convoy struck and killed a young boy in the village.", "killed"),
)
def road_accident(tok: Token, pack: LanguagePack) -> Verdict:
    """A vehicle that strikes and kills ("a truck in the convoy struck and killed a boy") is
    a road accident, not political violence, unless the sentence names a bomb or ramming."""
    casualty = pack.words("casualty-lemmas")
    verb = tok.head if pack.dep(tok, "coordinated") else tok
    # The cue may be the killing or the verb it is joined to ("struck and killed").
    if not any(w.lemma_.lower() in casualty for w in (verb, *verb.conjuncts)):
        return None
    vehicles = pack.words("traffic-vehicles")
    if not any(pack.dep(c, "subject") and c.lemma_.lower() in vehicles for c in verb.children):
        return None
    bombs = pack.words("explosive-words")
    if any(t.lower_ in bombs or t.lemma_.lower() in bombs for t in tok.sent):
        return None
    return True


# ---- issue 12 precw9 ----


def _names_a_hostile_hand(sent: Span, pack: LanguagePack, concept: str) -> bool:
    """Whether a word of the concept, or a bomb, is in the sentence: then a crash or
    gunfire it tells is an attack, not an accident."""
    hostile = pack.words(concept) | pack.words("explosive-words")
    return any(t.lower_ in hostile or t.lemma_.lower() in hostile for t in sent)


@rule(
    "a vehicle accident",
    table="background",
    order=172,
    example=(
        "Three men died on Friday night when a minibus overturned on the road to Kut.",
        "died",
    ),
)
def vehicle_accident(tok: Token, pack: LanguagePack) -> Verdict:
    """A death told with a vehicle that overturns, crashes or collides in its own clause
    ("six people died when a tanker overturned", "killed in a traffic accident") is an
    accident, not political violence (codebook 1). Only a vehicle brought in as new ("a
    tanker"): "the minibus crashed" after gunmen fired on it is the end of that attack. Not
    when the sentence names a bomb or a hostile hand ("the bus overturned after it was hit
    by a roadside bomb")."""
    if tok.lemma_.lower() not in pack.words("casualty-lemmas"):
        return None
    vehicles = pack.words("accident-vehicles")
    new = pack.words("indefinite-determiners")

    def a_new_vehicle(v: Token) -> bool:
        return v.lemma_.lower() in vehicles and any(d.lower_ in new for d in v.children)

    own = list(tok.subtree)
    crashed = any(
        t.lemma_.lower() in pack.words("accident-verbs")
        and t.pos_ == "VERB"
        and (
            any(pack.dep(c, "subject-or-passive-subject") and a_new_vehicle(c) for c in t.children)
            # "when a minibus overturned": the parser may hang the verb on its vehicle.
            or a_new_vehicle(t.head)
        )
        for t in own
    )
    named = any(t.lemma_.lower() in pack.words("accident-nouns") for t in own)
    if not (crashed or named):
        return None
    return None if _names_a_hostile_hand(tok.sent, pack, "hostile-hand-words") else True


@rule(
    "celebratory gunfire",
    table="background",
    order=174,
    example=(
        "Stray bullets fired during wedding celebrations in Basra killed a girl on Sunday.",
        "killed",
    ),
)
def celebratory_gunfire(tok: Token, pack: LanguagePack) -> Verdict:
    """Deaths from shots fired in joy ("celebratory gunfire killed a boy", "stray bullets
    killed two people during street celebrations", "fired into the air at a wedding") are
    not political violence (codebook 1). Not when the sentence names attackers or a bomb
    ("gunmen opened fire on a wedding party"): that is an attack on a celebration."""
    sent = tok.sent
    words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
    if not words & pack.words("celebration-words"):
        return None
    skyward = any(
        t.lower_ in pack.words("sky-words") and t.head.lower_ in pack.words("upward-prepositions")
        for t in sent
    )
    if not (skyward or words & pack.words("stray-fire-words")):
        return None
    return None if _names_a_hostile_hand(sent, pack, "celebration-attackers") else True


@rule(
    "a share destroyed",
    table="background",
    order=176,
    example=(
        "In the old city, more than 60% of the houses were damaged or destroyed.",
        "destroyed",
    ),
)
def share_destroyed(tok: Token, pack: LanguagePack) -> Verdict:
    """Damage told as a share of a whole ("more than 80% of homes were destroyed", "70
    percent of the old city was razed") sums what a war or a siege did over months: a
    statistic (codebook 1), not one incident. A count of things ("two houses were
    destroyed") is left alone."""
    verb = tok.head if pack.dep(tok, "coordinated") else tok
    if not any(
        w.lemma_.lower() in pack.words("destruction-lemmas") for w in (verb, *verb.conjuncts)
    ):
        return None
    shares = pack.words("share-words")
    for subj in verb.children:
        if not pack.dep(subj, "subject-or-passive-subject"):
            continue
        if subj.lower_ in shares or any(c.lower_ in shares for c in subj.children):
            return True
    return None


@rule(
    "a habit named by its adjective",
    table="background",
    order=178,
    example=(
        "The town is known for the banners its people carried at weekly protests.",
        "protests",
    ),
)
def habit_adjective(tok: Token, pack: LanguagePack) -> Verdict:
    """An event noun named with an adjective of habit ("weekly demonstrations", "daily
    shelling", "regular raids"), in a sentence that names no day or number, tells what
    happens again and again (codebook 1: habits and trends), not one incident. With a day
    ("the weekly protest on Friday turned violent") it may be the one told."""
    adj = next(
        (c for c in tok.children if c.lower_ in pack.words("habit-adjectives")),
        None,
    )
    if adj is None or _names_a_day(tok.sent, pack):
        return None
    return f"'{adj.text}'"


@rule(
    "a weapon kept",
    table="background",
    order=179,
    example=("Several militias still keep heavy weapons of their own in the south.", "heavy"),
)
def weapon_kept(tok: Token, pack: LanguagePack) -> Verdict:
    """A weapon named as what someone owns or keeps ("factions still keep heavy weapons",
    "residents must register rifles kept at home") tells an arsenal, not a weapon used:
    no incident. A weapon fired or found stays a cue."""
    nouns = pack.words("kept-weapon-nouns")
    node = tok
    # "heavy weapons": the cue may be the adjective of the weapon noun.
    if node.lemma_.lower() not in nouns and node.head.lemma_.lower() in nouns:
        node = node.head
    if node.lemma_.lower() not in nouns:
        return None
    keepers = pack.words("keeping-verbs")
    head = node.head
    # "rifles and pistols kept at home": the keeping verb may hang on the weapon.
    if any(c.lemma_.lower() in keepers and c.pos_ == "VERB" for c in node.children):
        return True
    return head.i != node.i and head.lemma_.lower() in keepers and pack.dep(node, "object")


@rule(
    "a slogan in quotes",
    table="background",
    order=125,
    example=('One man held a sign which read: "Kill us if you want."', "Kill"),
)
def slogan_in_quotes(tok: Token, pack: LanguagePack) -> Verdict:
    """A bare verb right after an opening quote mark, with no subject, is a slogan or a
    command quoted ("Kill us if you want"), not a killing."""
    prev = tok.i - 1
    while prev >= tok.sent.start and tok.doc[prev].is_space:
        prev -= 1
    return (
        prev >= tok.sent.start
        and tok.doc[prev].text in pack.words("quote-marks")
        and _bare_verb(tok, pack)
    )


@rule(
    "an earlier event named as such",
    table="background",
    order=180,
    example=("Two recent attacks on the power station cut electricity to the city.", "attacks"),
)
def earlier_event_named(tok: Token, pack: LanguagePack) -> Verdict:
    """An event noun told as past ("two recent car bomb attacks", "previous bombings") does
    not fix its day: background (codebook 5a), not the news of the article."""
    node = tok
    # "two recent attacks that killed 66": the toll told in a clause on that event noun.
    if tok.lemma_.lower() in pack.words("casualty-lemmas"):
        if pack.dep(tok, "relative-clause"):
            node = tok.head
        else:  # "Two recent attacks killed 30": the toll of the events named as past
            node = next((c for c in tok.children if pack.dep(c, "subject")), tok)
    if node.pos_ != "NOUN":
        return None
    # "car bomb attacks": the modifier sits on the head of the compound.
    while pack.dep(node, "compound") and node.head.i != node.i:
        node = node.head
    for c in node.children:
        if pack.dep(c, "attribute") and c.lower_ in pack.words("earlier-event-modifiers"):
            return f"'{c.text}'"
    return None


@rule(
    "crime online",
    table="background",
    order=190,
    example=("Hackers who stole the funds were linked to an attack on a bank.", "attack"),
)
def crime_online(tok: Token, pack: LanguagePack) -> Verdict:
    """An "attack" by hackers or malware is crime online, not political violence. Hacking
    people to death is a killing with blades ("hacking 20 people to death"), no crime
    online."""
    cyber = pack.words("cyber-words")
    blades = pack.pattern("blade-killing")
    if blades is not None and blades.search(tok.sent.text):
        return None
    return any(t.lower_ in cyber for t in tok.sent)


@rule(
    "a question",
    table="background",
    order=200,
    example=("Who attacked the checkpoint near the bridge?", "attacked"),
)
def question(tok: Token, pack: LanguagePack) -> Verdict:
    """A cue in a question ("Why do they enjoy killing?") asks; it reports nothing. A
    question quoted without its mark still opens with a question word and an auxiliary
    ('"Why do they enjoy killing," he wrote')."""
    text = tok.sent.text.rstrip()
    while text and text[-1] in pack.words("quote-marks"):
        text = text[:-1].rstrip()
    if text.endswith(tuple(pack.words("question-marks"))):
        return True
    # The question may open after another quoted sentence the parser kept in this one
    # ('"Look at them. Why do ...'), never after a comma ("the boy, who was armed, ...").
    words = pack.words("question-words")
    opens = pack.words("question-openers")
    sent = tok.sent
    return any(
        t.lower_ in words
        and t.i < tok.i
        and t.i + 1 < sent.end
        and t.doc[t.i + 1].pos_ == "AUX"
        and (t.i == sent.start or t.doc[t.i - 1].text in opens)
        for t in sent
    )


@rule(
    "a bomb said to be there",
    table="background",
    order=210,
    example=("A caller told the airport that a bomb was on the plane.", "bomb"),
)
def bomb_said_to_be_there(tok: Token, pack: LanguagePack) -> Verdict:
    """A bomb that only "was" somewhere ("a caller said a bomb was on board") is a threat or
    a hoax until something explodes, kills or is defused: no blast happened, and a bomb
    found or defused is told with its own verb. Not when the sentence tells a blast."""
    if tok.lemma_.lower() not in pack.words("bomb-nouns"):
        return None
    if not pack.dep(tok, "subject") or tok.head.lemma_.lower() not in pack.words("being-verbs"):
        return None
    blast = pack.words("blast-words")
    if any(t.lemma_.lower() in blast for t in tok.sent):
        return None
    return f"'{tok.head.text}'"


@rule(
    "a standing target",
    table="background",
    order=220,
    example=("Villages in the region have been attacked by the militants.", "attacked"),
)
def standing_target(tok: Token, pack: LanguagePack) -> Verdict:
    """A present-perfect passive whose subject is a bare plural ("countries have been
    targeted by the group", "villages have been attacked") tells what keeps happening to a
    kind of place or people, not one incident: no number and no article picks out who
    was hit."""
    if not pack.tag(tok, "past-participle"):
        return None
    aux = {c.lower_ for c in tok.children if pack.dep(c, "auxiliary-or-passive")}
    if not aux & pack.words("perfect-present-auxiliary") or not aux & pack.words(
        "progressive-perfect-auxiliary"
    ):
        return None
    subj = next((c for c in tok.children if pack.dep(c, "passive-subject")), None)
    if subj is None or not pack.tag(subj, "plural-noun"):
        return None
    if any(pack.dep(c, "determiner-possessive-number") for c in subj.children):
        return None
    return f"'{subj.text}'"


@rule(
    "what should stop",
    table="background",
    order=230,
    example=("The rebels asked the envoy to make the army stop shelling them.", "shelling"),
)
def what_should_stop(tok: Token, pack: LanguagePack) -> Verdict:
    """An event told as what stops or should stop ("pressed the army to stop shelling",
    "the army must cease shelling") names an activity, not one incident."""
    if not pack.dep(tok, "open-complement"):
        return None
    if tok.head.lemma_.lower() in pack.words("cessation-verbs"):
        return f"'{tok.head.text}'"
    return None


# ---- issue 12 held12: held-out generality ---------------------------------------------


@rule(
    "a gathering, not a protest",
    table="background",
    order=240,
    example=(
        "Relatives gathered outside the hospital on Monday to wait for news of the wounded.",
        "gathered",
    ),
)
def gathering_not_protest(tok: Token, pack: LanguagePack) -> Verdict:
    """A crowd word ("gathered", "rallied", "marched") in a sentence that says nothing a
    protest has (no demand, slogan, banner, tear gas, no protester named) tells people
    coming together, not a demonstration: "relatives gathered outside the hospital"."""
    if tok.lemma_.lower() not in pack.words("crowd-verbs"):
        return None
    sent = tok.sent
    signs = pack.pattern("protest-signs")
    if signs is not None and signs.search(sent.text):
        return None
    if any(t.lemma_.lower() in pack.words("protester-nouns") for t in sent):
        return None
    return True


@rule(
    "habitual present",
    table="background",
    order=250,
    example=("The army says its jets target only militant positions near the border.", "target"),
)
def habitual_present(tok: Token, pack: LanguagePack) -> Verdict:
    """An event verb in the simple present ("its jets target only militants", "the
    group attacks convoys on this road") in a sentence that names no day and no number
    tells a habit or a policy, not one incident: wire stories tell incidents in the past."""
    if tok.pos_ != "VERB" or not pack.tag(tok, "present-finite"):
        return None
    if any(pack.dep(c, "auxiliary-or-passive") for c in tok.children):
        return None
    if _names_a_day(tok.sent, pack):
        return None
    return True


@rule(
    "a death sentence",
    table="background",
    order=35,
    example=("A court in Baghdad sentenced five men to death on Monday.", "death"),
)
def death_sentence(tok: Token, pack: LanguagePack) -> Verdict:
    """A court's verdict ("sentenced five men to death", "condemned to death") kills nobody
    and is no incident (codebook 1): the death word is the object of "to" on a verdict
    verb."""
    prep = tok.head
    if (
        tok.lower_ in pack.words("to-death-noun")
        and pack.dep(tok, "preposition-object")
        and prep.lower_ in pack.words("to-death-preposition")
        and prep.head.lemma_.lower() in pack.words("verdict-verbs")
    ):
        return f"'{prep.head.text} ... {prep.text} {tok.text}' (a verdict)"
    return None


@rule(
    "a superlative's window",
    table="context-hit",
    order=10,
    example=(
        "A car bomb killed nine people in Hilla on Friday, the deadliest attack in the city "
        "in recent months.",
        "in recent months",
    ),
)
def superlative_window(hit: Span, cat: str, pack: LanguagePack) -> bool:
    """A period named after a superlative in its own clause ("in the deadliest attack on
    the capital in several weeks", "the worst fighting since the start of the year")
    measures how rare the event told is: it is no trend or statistic of many events."""
    text = doc_text(hit.doc)
    before = text[hit.sent.start_char : hit.start_char]
    window = pack.pattern("superlative-before")
    return window is not None and window.search(before) is not None


# ---- session 10 fresh10 ----
@rule(
    "a span told from an event",
    table="context-hit",
    order=17,
    example=(
        "Troops retook the centre of the town on Saturday, a week after launching the offensive.",
        "a week",
    ),
)
def span_told_from_event(hit: Span, cat: str, pack: LanguagePack) -> bool:
    """A length of time told from another event ("a week after launching the offensive",
    "a week ago", "a week into the siege", "a week-long curfew") measures when or how
    long: it is no rate of events ("fifty people killed a week"), so no trend."""
    if cat != "trend" or hit.text.lower() not in pack.words("span-phrases"):
        return False
    text = doc_text(hit.doc)
    if text[hit.end_char : hit.end_char + 1] == "-":
        return True
    return hit.end < len(hit.doc) and hit.doc[hit.end].lower_ in pack.words("span-from-event")


@rule(
    "a deed that dates another",
    table="background",
    order=260,
    example=(
        "Police detained six suspects near Baiji on Monday, five weeks after troops retook "
        "the town from the militants.",
        "retook",
    ),
)
def deed_that_dates_another(tok: Token, pack: LanguagePack) -> bool:
    """A deed told as how long ago something else began ("five weeks after troops retook
    the town", "a year after Iraqi forces recaptured Ramadi") is the measure of a later
    time: it happened weeks, months or years before the news, so it is background
    (codebook 5a). A distance of two weeks or less may still be news and is left alone."""
    # "was overrun": the time words hang on the copula the participle completes.
    if pack.dep(tok, "copula-complement") and tok.head.i != tok.i:
        tok = tok.head
    after = pack.words("after-words")
    if not any(pack.dep(c, "marker") and c.lower_ in after for c in tok.children):
        return False
    for c in tok.children:
        if not pack.dep(c, "noun-adverbial") or c.lemma_.lower() not in pack.words("long-spans"):
            continue
        if c.lemma_.lower() not in pack.words("short-spans"):
            return True
        counts = [word_value(n, pack) for n in c.children if pack.dep(n, "number-modifier")]
        return any(v is not None and v > MAX_NEWS_WEEKS for v in counts)
    return False


# ---- issue 12 precision (prec9) ---------------------------------------------------------


@rule(
    "a report said to be untrue",
    table="background",
    order=271,
    example=(
        "The army said there was no truth to reports about rebel shelling of a school.",
        "shelling",
    ),
)
def report_said_untrue(tok: Token, pack: LanguagePack) -> Verdict:
    """An event told after a denial of the reports of it in its sentence ("There is no
    truth to reports ... about the air force targeting a camp", "no evidence for claims of
    shelling") is what a party denies: a reaction to reports, not a telling of the event
    (the article tells it elsewhere if it is news). Read from the words, not the parse: a
    quote's ellipsis breaks the parse of such sentences."""
    pat = pack.pattern("untrue-report")
    if pat is None:
        return None
    sent = tok.sent
    m = pat.search(tok.doc.text[sent.start_char : tok.idx])
    return f"'{m.group(0)}'" if m else None


@rule(
    "a cited record",
    table="background-governor",
    order=41,
    example=(
        "The inquiry cited an account of a guard who shot two prisoners after their escape failed.",
        "shot",
    ),
)
def cited_record(step: Step, pack: LanguagePack) -> Verdict:
    """Told inside an account, a testimony or documents that a report cites ("the inquiry
    cited an account of a guard who shot two prisoners", "citing documents that showed
    ...") is evidence a report gathered about the past, not news of one incident
    (codebook 1: background and history). A report that tells the event itself ("citing
    police, the agency said gunmen killed three") does not put it under the cited words."""
    head = step.head
    if head.pos_ != "NOUN" or head.lemma_.lower() not in pack.words("cited-record-nouns"):
        return None
    verb = head.head
    if not pack.dep(head, "object") or verb.lemma_.lower() not in pack.words("citing-verbs"):
        return None
    return f"'{verb.text} ... {head.text}'"


@rule(
    "what a toll counts",
    table="background-governor",
    order=47,
    example=(
        "The toll, gathered from three hospitals in Basra, counts gunshot wounds only, not "
        "people hurt by tear gas.",
        "wounds",
    ),
)
def what_a_toll_counts(step: Step, pack: LanguagePack) -> Verdict:
    """Told as what a toll told before covers ("The toll ... accounts for bullet wounds
    only", "the figure counts gunshot wounds only"), an event word describes that toll, not
    a new incident. A toll's update ("the toll rose to 12"), a part of it told with its
    own event ("the toll included 12 people killed when a strike hit a market") and words
    inside the toll's own phrase ("the toll from Saturday's bombing") are left alone."""
    head = step.head
    if step.coordinated or head.pos_ != "VERB" or toll_update_verb(head, pack):
        return None
    subject = next(
        (
            c for c in head.children
            if pack.dep(c, "subject") and c.lemma_.lower() in pack.words("toll-update-subjects")
            and _definite(c, pack)
        ),
        None,
    )  # fmt: skip
    if subject is None:
        return None
    # "The toll included 12 people killed when a strike hit a market": a part of the
    # total told with its own event (the series rule "a total and its parts").
    parts = pack.pattern("toll-includes-part")
    if parts is not None and parts.search(head.sent.text) is not None:
        return None
    if step.node.i == subject.i and not _in_clause_on(step.cue, subject, pack):
        return None
    return f"'{subject.text} ... {head.text}'"


def _in_clause_on(cue: Token | None, noun: Token, pack: LanguagePack) -> bool:
    """The cue sits in a clause on the noun ("the toll, compiled from hospitals where
    casualties were taken"), not in its own phrase ("the toll from Saturday's bombing")."""
    node = cue
    while node is not None and node.head.i != node.i:
        if node.head.i == noun.i:
            return pack.dep(node, "clause-modifier")
        node = node.head
    return False


@rule(
    "a trend named",
    table="background-governor",
    order=44,
    example=(
        "The study found a rise in bomb attacks in Yemen, where militants have gained "
        "ground, taking over the port and attacking army posts.",
        "attacking",
    ),
)
def trend_named(step: Step, pack: LanguagePack) -> Verdict:
    """Governed by a trend noun over plural events ("a rise in attacks in Libya, where the
    militants took over Sirte", "an increase in bombings"): the events summed up, and what
    a clause on them tells, are a trend (codebook 1), not one incident. A single thing
    measured ("a rise in the death toll from Saturday's bombing") is a toll's update, left
    alone."""
    head = step.head
    if head.pos_ != "NOUN" or head.lemma_.lower() not in pack.words("trend-nouns"):
        return None
    node = step.node
    if not (pack.dep(node, "preposition") and node.lower_ in pack.words("trend-prepositions")):
        return None
    measured = [c for c in node.children if pack.dep(c, "preposition-object")]
    if measured and all(pack.tag(m, "plural-noun") for m in measured):
        return f"'{head.text} {node.text} {measured[0].text}'"
    return None


@rule(
    "a campaign told in the perfect",
    table="background",
    order=263,
    example=(
        "Government forces backed by Russian jets have retaken territory from the rebels, "
        "including the town of Salma.",
        "retaken",
    ),
)
def campaign_in_the_perfect(tok: Token, pack: LanguagePack) -> Verdict:
    """Ground in general taken, told in the present perfect with no day ("have recaptured
    territory from Islamic State, including Palmyra", "have reversed rebel gains"), sums a
    campaign over months (codebook 1: general trends), not one day's taking of one place:
    news of a taking names what was taken ("have retaken the town of Salma")."""
    if tok.pos_ != "VERB" or not pack.tag(tok, "past-participle"):
        return None
    if not any(
        pack.dep(c, "auxiliary") and c.lower_ in pack.words("perfect-auxiliaries")
        for c in tok.children
    ):
        return None
    obj = next((c for c in tok.children if pack.dep(c, "object")), None)
    if obj is None or obj.lemma_.lower() not in pack.words("ground-in-general"):
        return None
    if _names_a_day(tok.sent, pack):
        return None
    return f"'{tok.text} {obj.text}'"


@rule(
    "victims named by their death",
    table="background",
    order=267,
    example=(_WIRE_STORY + " Three of the slain soldiers were named by the army.", "slain"),
)
def victims_named_by_death(tok: Token, pack: LanguagePack) -> Verdict:
    """A death word as the attribute of victims made definite, after the first sentence of
    a wire story ("Three of the slain officers were identified on Friday", "the families of
    the killed soldiers") names victims the article has told: who they were, not a new
    killing (codebook 1: one incident told twice)."""
    if tok.lower_ not in pack.words("death-attributes") or not pack.dep(tok, "attribute"):
        return None
    noun = tok.head
    if noun.pos_ != "NOUN" or tok.i > noun.i or tok.sent.start == 0:
        return None
    if len(doc_text(tok.doc)) < SHORT_REPORT_CHARS or not _definite(noun, pack):
        return None
    return f"'{tok.text} {noun.text}'"


@rule(
    "support for a side",
    table="background",
    order=265,
    example=(
        "Rebels backed by Turkish shelling attacked the village of Tal Rifaat on Monday.",
        "shelling",
    ),
)
def support_for_a_side(tok: Token, pack: LanguagePack) -> Verdict:
    """Fire named as what backs a force ("fighters backed by coalition air strikes",
    "troops supported by artillery") is support for the deed the sentence tells, not an
    incident of its own: codebook 3 codes ground fighting with air support as the fight,
    the supporting side associated. The deed itself is judged on its own words."""
    node = tok
    # "backed by Russian bombing raids", "backed by air and artillery strikes": the cue may
    # be a modifier or a conjunct of the noun "by" takes.
    for _ in range(3):
        if pack.dep(node, "preposition-object") and pack.dep(node.head, "agent"):
            verb = node.head.head
            if verb.lemma_.lower() in pack.words("support-verbs"):
                return f"'{verb.text} {node.head.text}'"
            return None
        if not (pack.dep(node, "compound-or-attribute") or pack.dep(node, "coordinated")):
            return None
        node = node.head
    return None


# How many heads up from a cue a habit's adverb may sit ("regularly claiming bomb attacks").
_HABIT_REACH = 2


@rule(
    "told as a habit",
    table="background",
    order=269,
    example=(
        "The militants have kept a small presence in the city, regularly claiming bomb "
        "attacks on markets.",
        "bomb",
    ),
)
def told_as_habit(tok: Token, pack: LanguagePack) -> Verdict:
    """An event word under an adverb of habit ("regularly claiming bomb attacks",
    "routinely shells the villages"), in a sentence that names no day or number, tells
    what a side does again and again (codebook 1: habits and trends), not one incident."""
    node = tok
    for _ in range(_HABIT_REACH + 1):
        adverb = next(
            (
                c for c in node.children
                if pack.dep(c, "adverbial") and c.lower_ in pack.words("habit-adverbs")
            ),
            None,
        )  # fmt: skip
        if adverb is not None:
            return None if _names_a_day(tok.sent, pack) else f"'{adverb.text}'"
        if node.head.i == node.i:
            break
        node = node.head
    return None


# ---- session 10 prec10: history, court cases, remembrance, disasters ----------------


def _event_noun_told(tok: Token, pack: LanguagePack) -> Token:
    """The event noun a cue word names or tells the toll of: the word itself, the noun a
    relative clause with a casualty word hangs on ("a 2016 bombing that killed 300") or
    the casualty word's subject ("the 2016 bombing killed 300"), climbed to the head its
    word describes ("car bomb attack", "a toxic gas attack")."""
    node = tok
    if tok.lemma_.lower() in pack.words("casualty-lemmas"):
        if pack.dep(tok, "relative-clause"):
            node = tok.head
        else:  # "A 2016 bombing near the hospital killed 14": the subject is the event.
            node = next((c for c in tok.children if pack.dep(c, "subject")), tok)
    # "a toxic gas attack": a cue that only describes the noun names the event it heads.
    while pack.dep(node, "compound-or-attribute") and node.head.i != node.i:
        node = node.head
    return node


@rule(
    "an event named by its year",
    table="background",
    order=281,
    example=(
        "Security was tightened on Monday. A 2016 bombing near the hospital killed 14 people.",
        "killed",
    ),
)
def event_named_by_year(tok: Token, pack: LanguagePack) -> Verdict:
    """An event noun named by its year ("a 2016 bombing", "the 2014 massacre at the
    camp", "the 2015 attack that killed 40") is history a story tells beside its news
    (codebook 1: background and history; 5a: its day can't be fixed), not the news itself.
    The year may stand on the noun or on a name before it ("the 2016 Karrada bombing")."""
    year = pack.pattern("year-as-modifier")
    noun = _event_noun_told(tok, pack)
    events = pack.words("year-named-events")
    if year is None or not {noun.lower_, noun.lemma_.lower()} & events:
        return None

    def modifiers(n: Token) -> list[Token]:
        return [
            c
            for c in n.children
            if pack.dep(c, "number-modifier") or pack.dep(c, "compound-or-attribute")
        ]

    mods = modifiers(noun)
    mods += [g for c in mods for g in modifiers(c)]
    found = next((m for m in mods if year.fullmatch(m.text)), None)
    return f"'{found.text} {noun.text}'" if found is not None else None


@rule(
    "a deed dated by its year",
    table="background",
    order=282,
    example=(
        "A report released on Friday found that troops carried out a gas attack in 2015.",
        "attack",
    ),
)
def deed_dated_by_year(tok: Token, pack: LanguagePack) -> Verdict:
    """A deed dated by its year ("carried out a gas attack in 2015", "nine soldiers were
    killed in 2014 near the dam") is history (codebook 5a: its day can't be fixed), though
    its sentence also names the day of the report that tells it ("a report obtained on
    Friday"): that day dates the report, not the deed."""
    year = pack.pattern("year-as-modifier")
    if year is None:
        return None
    noun = _event_noun_told(tok, pack)
    words = [tok, noun]
    # "carried out a gas attack in 2015": the year on the verb the event noun is the
    # object or subject of.
    if noun.pos_ == "NOUN" and (
        pack.dep(noun, "object") or pack.dep(noun, "subject-or-passive-subject")
    ):
        words.append(noun.head)
    for w in words:
        for prep in w.children:
            if not pack.dep(prep, "preposition") or prep.lower_ not in pack.words(
                "year-prepositions"
            ):
                continue
            for obj in prep.children:
                if pack.dep(obj, "preposition-object") and year.fullmatch(obj.text):
                    return f"'{prep.text} {obj.text}'"
    return None


@rule(
    "a court case",
    table="background-governor",
    order=56,
    example=(
        "The court convicted four men of the bombing of a bus station in Hilla.",
        "bombing",
    ),
)
def court_case(step: Step, pack: LanguagePack) -> Verdict:
    """An event told as what a court case is about ("convicted four men of the bombing",
    "sentenced three men for the attack", "the trial of 30 people over the shooting") is the
    past deed judged, not news of an incident (codebook 1: background and history): the
    news is the verdict."""
    head = step.head
    if step.coordinated or head.lemma_.lower() not in pack.words("court-words"):
        return None
    # "sentenced five men to death": the penalty, which the rule "a death sentence" names.
    if step.node.lower_ in pack.words("penalty-prepositions"):
        return None
    return f"'{head.text}'" if head.pos_ in _VERB_LIKE else None


@rule(
    "a day of remembrance",
    table="background-governor",
    order=58,
    example=(
        "Families gathered in the square to mark the anniversary of the bombing.",
        "bombing",
    ),
)
def day_of_remembrance(step: Step, pack: LanguagePack) -> Verdict:
    """An event told as what a day remembers ("the anniversary of the bombing", "to
    commemorate the victims of the massacre") happened a year or more before: history
    (codebook 1), not news; the news is the remembrance."""
    head = step.head
    if step.coordinated or head.lemma_.lower() not in pack.words("remembrance-words"):
        return None
    return f"'{head.text}'"


@rule(
    "a recollection",
    table="background-governor",
    order=60,
    example=(
        "Survivors of the prison massacre recalled how militants shot hundreds of inmates.",
        "shot",
    ),
)
def recollection(step: Step, pack: LanguagePack) -> Verdict:
    """An event told as what people remember ("survivors recalled how militants shot the
    inmates", "he recounted the day gunmen stormed the village") is memory of the past:
    history (codebook 1), not news of an incident; the news, if any, is told on its own."""
    head = step.head
    if step.coordinated or head.lemma_.lower() not in pack.words("recollection-verbs"):
        return None
    return f"'{head.text}'" if head.pos_ == "VERB" else None


def _recording_of(verb: Token, pack: LanguagePack) -> Token | None:
    """The noun that is the subject of a verb of showing ("a video showed", "a video that
    appeared to show"), through a verb it completes and a relative pronoun."""
    node = verb
    for _ in range(3):
        subj = next((c for c in node.children if pack.dep(c, "subject-or-passive-subject")), None)
        if subj is not None:
            if subj.lower_ in pack.words("relative-pronouns") and pack.dep(node, "relative-clause"):
                return node.head
            return subj
        if node.head.i == node.i:
            return None
        node = node.head
    return None


@rule(
    "what a recording shows",
    table="background-governor",
    order=62,
    example=(
        "The group posted a video that appeared to show the execution of two soldiers.",
        "execution",
    ),
)
def what_a_recording_shows(step: Step, pack: LanguagePack) -> Verdict:
    """An event told as what a video, footage or a photo shows ("a video that appeared to
    show the execution of two soldiers", "footage showed gunmen shooting three men") is a
    picture of a deed whose day and place the recording does not fix: the news is that it
    was published; the deed is an incident only where the text tells it on its own."""
    head = step.head
    if step.coordinated or head.lemma_.lower() not in pack.words("showing-verbs"):
        return None
    noun = _recording_of(head, pack)
    if noun is None or noun.lemma_.lower() not in pack.words("recording-nouns"):
        return None
    return f"'{noun.text} ... {head.text}'"


@rule(
    "a raid with no violence",
    table="background-governor",
    order=64,
    example=(
        "Police detained 40 suspects on Monday. No shots were fired during the raids.",
        "raids",
    ),
)
def raid_with_no_violence(step: Step, pack: LanguagePack) -> Verdict:
    """A raid told as the occasion of violence that did not happen ("No shots were fired
    during the raids", "no one was hurt in the operation") was a search or a sweep, not an
    attack (codebook 3: a security sweep with no reported fighting is a strategic
    development; its arrests, told on their own, make it Arrests)."""
    cue = step.cue
    if cue is None or cue.lemma_.lower() not in pack.words("raid-nouns"):
        return None
    node, head = step.node, step.head
    if not pack.dep(node, "preposition") or head.pos_ != "VERB":
        return None
    negated = any(
        pack.dep(c, "subject-or-passive-subject")
        and any(
            pack.dep(d, "determiner") and d.lower_ in pack.words("negating-determiners")
            for d in c.children
        )
        for c in head.children
    )
    return f"'{head.text}'" if negated else None


def _causes_of_death(tok: Token, pack: LanguagePack) -> list[Token]:
    """The words a casualty word's own clause gives as the cause: its subject ("a fire
    killed two"), what a preposition on it names ("died of cholera", "killed in a fire"),
    and the subject and verb of a clause on it ("died when a fire broke out", "when a
    building collapsed")."""
    found = [c for c in tok.children if pack.dep(c, "subject-or-passive-subject")]
    for c in tok.children:
        if pack.dep(c, "preposition") or pack.dep(c, "agent"):
            found += [g for g in c.children if pack.dep(g, "preposition-object")]
        elif pack.dep(c, "adverbial-clause"):
            # "died when a fire broke out", "died when a building collapsed": the clause's
            # subject, and its verb.
            found += [g for g in c.children if pack.dep(g, "subject-or-passive-subject")]
            found.append(c)
    return found


@rule(
    "a death by disaster or disease",
    table="background",
    order=283,
    example=("Two workers died on Sunday when a fire broke out at a warehouse.", "died"),
)
def death_by_disaster(tok: Token, pack: LanguagePack) -> Verdict:
    """A death told with a disaster, a blaze or a disease as its cause ("a fire at a
    warehouse killed two workers", "12 people died of cholera", "killed in floods") is no
    political violence (codebook 1: deaths from disease and accidents are not incidents).
    A blaze counts only when brought in as new ("a fire"): "the fire" after an arson, or
    "heavy fire", is the attack's. Not when the sentence names a hostile hand or a bomb
    ("a fire started by a rocket", "set fire to the house")."""
    if tok.lemma_.lower() not in pack.words("casualty-lemmas"):
        return None
    causes = pack.words("disaster-causes")
    needs_article = pack.words("disaster-needs-article")
    new = pack.words("indefinite-determiners")

    def a_cause(n: Token) -> bool:
        if n.lower_ not in causes and n.lemma_.lower() not in causes:
            return False
        if n.pos_ == "VERB":  # "when a building collapsed"
            return True
        dets = [d.lower_ for d in n.children if pack.dep(d, "determiner")]
        if n.lemma_.lower() in needs_article:
            return any(d in new for d in dets)
        return not dets or any(d in new for d in dets)

    cause = next((n for n in _causes_of_death(tok, pack) if a_cause(n)), None)
    if cause is None:
        return None
    if _names_a_hostile_hand(tok.sent, pack, "hostile-hand-words"):
        return None
    hostile = pack.words("disaster-hostile-words")
    if any(t.lower_ in hostile for t in tok.sent):
        return None
    return f"'{cause.text}'"

"""Actor rules (codebook 4 and 5a): who is a party to an incident, and who acted.

Three tables:
- `actor-mention`: an actor named in an event's words; True when the mention is no
  party to the event (a police spokesman who reports it);
- `suspected-actor`: True when the text only suspects, blames or guesses the actor ("a
  suspected attack by Kurdish militants"). Such an actor is coded as the codebook's
  unidentified armed group (a state force stays that force) and carries
  `suspected: true`, so that merging lets a later claim win (resolve/merge.py,
  `is_suspected`);
- `actor1`: the incident's actors and type; True when its actor1 is an unidentified armed
  group (codebook 4: "unnamed gunmen are Unidentified Armed Group (<country>)");
- `article-actor`: a sentence of the article; True when the one doer it names is the doer
  of an incident whose own words name none (a claim of the attack, the air force that
  struck).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from incidentwatch.extract.actors import INITIATOR, the_one_named
from incidentwatch.extract.doctext import doc_text
from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.registry import rule
from incidentwatch.records import Actor

# Sub-events (codebook values) whose doer, when the text names none, is an armed group: a
# bomb or an attack has an attacker even when the report only counts the dead.
ATTACKER_SUBEVENTS = frozenset(
    {
        "Suicide bomb",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Attack",
        "Armed clash",
        "Abduction/forced disappearance",
    }
)
AIR_SUBEVENTS = frozenset({"Air/drone strike"})
# A release of captives is a strategic development (codebook 5a).
RELEASE_SUBEVENTS = frozenset({"Other"})
# Explosions whose target is often the only force named ("a car bomb hit a police bus").
BOMB_SUBEVENTS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"})
CIVILIANS, STATE = 7, 1  # ACLED actor types
# State forces, a country's own and external ones: never "unidentified armed groups".
STATE_FORCE_TYPES = frozenset({1, 8})
REBELS = frozenset({2, 3, 4})  # rebel groups, political and identity militias
# Who a text can suspect of a deed: armed sides. The people a suspected bomber killed ("a
# bomber thought to be from Syria killed ten people, many of them German tourists") are
# not suspects: civilians, rioters and protesters keep their own name.
SUSPECT_TYPES = frozenset({1, 2, 3, 4, 8})
# The actor types that may be told elsewhere in the article as the doer (article-actor
# rules): a claiming group (rebels, militias) for attacks, a state's forces for air strikes.
ARTICLE_DOER_TYPES = {"Air/drone strike": frozenset({1, 8})}
CLAIMING_TYPES = frozenset({2, 3})


def _head_of_mention(tok: Token, pack: LanguagePack) -> Token:
    """The word an actor mention hangs on as a whole: "police" in "police spokesman" is
    the spokesman's; "Israeli" in "Israeli police" is the police's."""
    for _ in range(4):
        if tok.head.i == tok.i or not (
            pack.dep(tok, "compound-or-attribute") or pack.dep(tok, "coordinated")
        ):
            break
        tok = tok.head
    return tok


@rule(
    "speaker is not a party",
    table="actor-mention",
    order=10,
    example=("Police said a bomb killed three people in the market.", "Police"),
)
def speaker_not_party(span: Span, pack: LanguagePack) -> bool:
    """The subject of a reporting verb, or the source after "according to", tells the
    event; it did not take part in it ("Police said", "a police spokesman told
    reporters", "according to the army")."""
    tok = _head_of_mention(span.root, pack)
    head = tok.head
    verb = head.lemma_.lower()
    if pack.dep(tok, "subject") and verb in pack.words("reporting-verbs"):
        # "Islamic State claimed responsibility": the claimer is the doer, not a reporter.
        # So is a group that says its own men did it ("said one of its fighters had
        # carried out the bombing", actw9).
        members = pack.pattern("claim-through-members")
        if members is not None and members.search(span.sent.text):
            return False
        return verb not in pack.words("claim-verbs")
    return (
        pack.dep(tok, "preposition-object")
        and head.head.i != head.i
        and head.head.lower_ in pack.words("attribution-words")
    )


@rule(
    "the speaker's title is not a party",
    table="actor-mention",
    order=15,
    example=(
        "Rashid Karim, a senior police official, said gunmen attacked a checkpoint on Sunday.",
        "police",
    ),
)
def speaker_title_not_party(span: Span, pack: LanguagePack) -> bool:
    """An actor word in the title set beside a speaker's name ("Rashid Karim, a senior
    police official, said") says who the speaker is, not who took part in the event."""
    tok = _head_of_mention(span.root, pack)
    if not pack.dep(tok, "apposition") or tok.head.i == tok.i:
        return False
    speaker = tok.head
    return pack.dep(speaker, "subject") and speaker.head.lemma_.lower() in (
        pack.words("reporting-verbs") - pack.words("claim-verbs")
    )


@rule(
    "a member off duty",
    table="actor-mention",
    order=17,
    example=(
        "A former army reservist opened fire on a crowd in the town square on Sunday.",
        "army",
    ),
)
def member_off_duty(span: Span, pack: LanguagePack) -> bool:
    """A force named to say where a person served ("an Army reservist", "a former police
    officer", "a retired soldier") describes one man, not the force acting: what he did he
    did alone (codebook 5a: a lone attacker with no group is unidentified)."""
    tok = _head_of_mention(span.root, pack)
    if tok.lemma_.lower() in pack.words("off-duty-nouns"):
        return True
    former = pack.words("former-words")
    return any(c.lower_ in former for c in tok.children) or any(
        c.lower_ in former for c in span.root.children
    )


@rule(
    "actor of a dated earlier event",
    table="actor-mention",
    order=20,
    example=(
        "A 2004 al-Qaeda-linked attack on the consulate killed nine people.",
        "al-Qaeda",
    ),
)
def actor_of_dated_event(span: Span, pack: LanguagePack) -> bool:
    """An actor named as the doer of an event the text dates by its year ("a 2004
    al-Qaeda-linked attack") belongs to that history, not to the incident told."""
    tok = span.root
    for _ in range(4):
        if any(_is_year(c) for c in tok.children):
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


@rule(
    "doer of the series told",
    table="actor-mention",
    order=22,
    example=(
        "A bomb killed four people at a market in Hasakah on Friday, the latest in a wave"
        " of bombings carried out by Sunni militants.",
        "militants",
    ),
)
def doer_of_series(span: Span, pack: LanguagePack) -> bool:
    """An actor named inside the series the incident is set in ("..., the latest in a
    wave of raids claimed by the rebels") did, or claimed, the series: that says
    nothing of who did this one (codebook 4: actor1 is the initiator when the text says
    who acted)."""
    pat = pack.pattern("latest-in-series")
    if pat is None:
        return False
    sent = span.sent
    text = doc_text(span.doc)
    for m in pat.finditer(text, sent.start_char, span.start_char):
        # The series noun ("string", "wave") is the word before the closing "of"; the
        # mention must hang in what it heads, not in a clause of its own after it.
        series = span.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if series is None or len(series) < 2:
            continue
        noun = series[-2]
        if noun in span.root.ancestors:
            return True
    return False


# ---- session 10 actor10 ----
@rule(
    "a coalition of others",
    table="actor-mention",
    order=25,
    example=(
        "A coalition of rebel factions stormed an army post near Hama on Saturday.",
        "coalition",
    ),
)
def coalition_of_others(span: Span, pack: LanguagePack) -> bool:
    """A bare grouping word followed by what it groups ("a coalition of rebel factions",
    "a coalition of mostly Shi'ite militias") names those groups together, not the
    coalition an alias means (the anti-IS coalition): the groups named after it are the
    party. Not a coalition of states ("a coalition of 60 countries")."""
    if len(span) != 1 or span[0].lower_ not in pack.words("grouping-nouns"):
        return False
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ not in pack.words("grouping-links"):
        return False
    grouped = [t for t in doc[span.end].children if pack.dep(t, "preposition-object")]
    states = pack.words("state-group-nouns")
    return bool(grouped) and not any(t.lemma_.lower() in states for t in grouped)


@rule(
    "a force's uniform worn",
    table="actor-mention",
    order=18,
    example=(
        "Gunmen in army uniforms kidnapped two engineers from a building site in Baghdad on"
        " Friday.",
        "army",
    ),
)
def force_uniform_worn(span: Span, pack: LanguagePack) -> bool:
    """A force named for the clothes attackers wore or the part they played ("gunmen
    wearing military uniforms", "men dressed as police", "posing as soldiers") says how
    they looked, not who they were: the force did not act, and was not attacked."""
    tok = _head_of_mention(span.root, pack)
    if tok.lemma_.lower() in pack.words("disguise-nouns") and tok is not span.root:
        return True
    # Read on the words before the mention: the parse often takes "as" for a conjunction.
    pat = pack.pattern("disguised-as")
    before = doc_text(span.doc)[max(0, span.start_char - 40) : span.start_char]
    return pat is not None and pat.search(before) is not None


@rule(
    "a force in support",
    table="supporting-actor",
    order=10,
    example=(
        "Backed by coalition air strikes, Iraqi troops retook the village of Hajj Ali from"
        " Islamic State on Sunday.",
        "coalition air strikes",
    ),
)
def force_in_support(span: Span, pack: LanguagePack) -> bool:
    """A force named as what backs a side ("backed by coalition air strikes", "U.S.-backed
    fighters", "with air support from the coalition", "Marines deployed to support the
    offensive") is an associated actor of the side it supports (codebook 5a, air
    support): it is neither the one who acted nor the side acted upon."""
    support = pack.words("support-verbs")
    tok = span.root
    # The phrase the mention sits in, up to its clause's verb: "backed by X", "support from X".
    for _ in range(4):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.lemma_.lower() in support:
            return True
        if tok.pos_ in ("VERB", "AUX"):
            break
    # "X are deployed ... to support the offensive": the purpose of the mention's own verb,
    # also where a count heads the mention ("hundreds of Marines").
    own = _head_of_mention(span.root, pack)
    of = own.head
    if pack.dep(own, "preposition-object") and of.lower_ in pack.words("grouping-links"):
        own = of.head
    if not pack.dep(own, "subject-or-passive-subject"):
        return False
    # A purpose told by its marker ("to support"), not a clause of what else happened
    # ("militants fled, helping the advance").
    marks = pack.words("purpose-markers")
    purposes = (c for c in own.head.children if pack.dep(c, "clause-chain"))
    return any(
        c.lemma_.lower() in support and any(m.lower_ in marks for m in c.children if m.i < c.i)
        for c in purposes
    )


def _is_year(tok: Token) -> bool:
    return tok.is_digit and len(tok.text) == 4 and 1900 <= int(tok.text) <= 2100


def _path_words(span: Span, pack: LanguagePack, steps: int = 4) -> list[Token]:
    """The mention's words, the words that govern it (a few steps up) and their
    modifiers: where "suspected", "blamed" or "thought" would sit."""
    out: list[Token] = list(span)
    tok = span.root
    for _ in range(steps):
        out.extend(
            c
            for c in tok.children
            if (c.i < span.start or c.i >= span.end) and pack.dep(c, "suspicion-site")
        )
        if tok.head.i == tok.i:
            break
        tok = tok.head
        out.append(tok)
    return out


@rule(
    "suspected perpetrator",
    table="suspected-actor",
    order=10,
    example=("Five people died in a suspected attack by Kurdish militants.", "Kurdish militants"),
)
def suspected_perpetrator(span: Span, pack: LanguagePack) -> bool:
    """The actor is only suspected, blamed or believed to have acted ("a suspected attack
    by Kurdish militants", "officials blamed the group", "militants believed to belong to
    the group"): no attribution (codebook 5a), so an unidentified group, marked suspected."""
    words = pack.words("suspicion-words")
    return any(t.lower_ in words or t.lemma_.lower() in words for t in _path_words(span, pack))


@rule(
    "acted in the name of",
    table="suspected-actor",
    order=20,
    example=(
        "The teenager who stabbed a teacher said he acted in the name of Islamic State.",
        "Islamic State",
    ),
)
def acted_in_the_name_of(span: Span, pack: LanguagePack) -> bool:
    """A lone attacker who invokes a group ("acted in the name of", "inspired by") is not
    that group's member (codebook 5a: a lone attacker with no group is unidentified)."""
    pat = pack.pattern("invoked-group")
    if pat is None:
        return False
    before = doc_text(span.doc)[max(0, span.start_char - 80) : span.start_char]
    return pat.search(before) is not None


def _in_dateline(span: Span, pack: LanguagePack) -> bool:
    """The country is part of a dateline ("ERBIL, Iraq (Reuters) - Islamic State militants
    fired rockets ..."): the parser may make it the subject of the lede's verb, but it only
    says where the report was filed (held12)."""
    pat = pack.pattern("dateline-before-country")
    text = doc_text(span.doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    return pat is not None and pat.search(text[line_start : span.start_char]) is not None


@rule(
    "a state that strikes is its military",
    table="state-actor",
    order=10,
    example=("Turkey shelled Islamic State positions near Dabiq on Friday.", "Turkey"),
)
def state_that_strikes(span: Span, pack: LanguagePack) -> bool:
    """A country that is the subject of an attack ("Turkey shelled the village", "Russia
    launched air strikes on the town") is its armed forces acting (codebook 4: state forces
    are `Military Forces of <country>`), not a place. Not a country that suffers, reports
    or denies ("Turkey said", "Russia denied bombing"): only the verb it is subject of."""
    if _in_dateline(span, pack):
        return False
    tok = _head_of_mention(span.root, pack)
    verb = tok.head
    if not pack.dep(tok, "subject") or verb.i == tok.i:
        return False
    lemma = verb.lemma_.lower()
    if lemma in pack.words("state-attack-verbs"):
        return True
    if lemma not in pack.words("state-launch-verbs"):
        return False
    launched = pack.words("state-launched-nouns")
    return any(pack.dep(c, "object") and c.lemma_.lower() in launched for c in verb.children)


@dataclass(frozen=True)
class OtherSentence:
    """What the `article-actor` rules read: one sentence of the article and the sub-event
    of an incident whose doer its own words do not name."""

    sentence: Span
    sub_event_type: str
    doer: Span  # an actor the sentence names as acting (subject, "by X")
    # The incident's own words for its doer when they name one only generically ("the
    # insurgents"), else None.
    own: Span | None = None
    # Whether the sentence names the doer as acting (subject, "by X") in this incident's
    # places and days; a group named only as fought or hit, or in a sentence of another
    # attack, is read by `the militants named before` alone (actw9).
    acting: bool = True


@rule(
    "claimed responsibility",
    table="article-actor",
    order=10,
    example=(
        "Islamic State claimed responsibility for the attack in a statement.",
        "Islamic State",
        "Attack",
    ),
)
def claimed_responsibility(told: OtherSentence, pack: LanguagePack) -> bool:
    """A sentence in which a group claims the attack told ("Islamic State claimed
    responsibility for the attack", "the assault, claimed by AQIM"): that group is the
    doer of the article's attacks that name none. Not a denial or an absent claim ("no
    claim of responsibility"), nor a claim of earlier or similar attacks."""
    if not told.acting or told.sub_event_type not in ATTACKER_SUBEVENTS:
        return False
    sent = told.sentence
    claim, history = pack.pattern("responsibility-claim"), pack.pattern("claim-of-history")
    members = pack.pattern("claim-through-members")
    if not any(p is not None and p.search(sent.text) for p in (claim, members)):
        return False
    if any(pack.dep(t, "negation") or t.lower_ in pack.words("no-claim-words") for t in sent):
        return False
    return history is None or history.search(sent.text) is None


@rule(
    "the air force told",
    table="article-actor",
    order=20,
    example=(
        "Russian warplanes struck the town of Tadef on Monday, monitors said.",
        "Russian warplanes",
        "Air/drone strike",
    ),
)
def air_force_told(told: OtherSentence, pack: LanguagePack) -> bool:
    """An air strike whose own words name no doer ("strikes hit a bakery") was flown by the
    air force the article names as striking (codebook 5a: unnamed warplanes in a report
    about Russian jets are Russian), when it names only one and denies nothing."""
    if not told.acting or told.sub_event_type not in AIR_SUBEVENTS:
        return False
    sent = told.sentence
    if any(pack.dep(t, "negation") or t.lemma_.lower() in pack.words("denial-verbs") for t in sent):
        return False
    # The doer flies the strike: "Russian warplanes struck", "the coalition carried out
    # air strikes", "strikes by the coalition" (an air word in what the doer heads).
    lemmas = set(pack.knowledge.cues.get("airstrike", {}).get("lemmas", []))
    lemmas |= pack.words("air-strike-words")
    tok = _head_of_mention(told.doer.root, pack)
    agent = pack.dep(tok, "preposition-object")
    if agent:
        tok = tok.head.head  # "by the coalition": the strike the agent hangs on
    elif tok.head.i != tok.i:
        tok = tok.head  # the verb the doer is the subject of
    # "air strikes carried out by the coalition": the noun the agent's verb describes. Not
    # the clause a subject's verb hangs on: in "jets bombed the city as government forces
    # clashed with rebels" the forces clash, they fly nothing.
    words = [*told.doer, tok, *([tok.head] if agent else [])]
    for c in tok.children:
        if pack.dep(c, "object") or pack.dep(c, "passive-subject"):
            words.extend(c.subtree)
    return any(t.lemma_.lower() in lemmas or t.lower_ in lemmas for t in words)


@rule(
    "the group the definite noun names",
    table="article-actor",
    order=30,
    example=(
        "Boko Haram fighters stormed the village of Kawuri at dusk on Saturday. The"
        " insurgents set fire to the market and shot at people fleeing.",
        "Boko Haram fighters",
        "Attack",
        "insurgents",
    ),
)
def group_of_the_definite_noun(told: OtherSentence, pack: LanguagePack) -> bool:
    """An attack whose own words call the doer only "the insurgents" or "the militants",
    with the article that the reader already knows them from, was done by the one group
    the article names as acting ("Boko Haram fighters stormed the village ... The
    insurgents set fire to the market"): codebook 4, the text says who acted. Not
    indefinite "gunmen" (unidentified), nor a group's deeds of the past ("attacks in
    recent years")."""
    own = told.own
    if not told.acting or own is None or told.sub_event_type not in ATTACKER_SUBEVENTS:
        return False
    definite = pack.words("definite-determiners")
    if not any(pack.dep(c, "determiner") and c.lower_ in definite for c in own.root.children):
        return False
    history = pack.pattern("claim-of-history")
    return history is None or history.search(told.sentence.text) is None


# ---- issue 12 actw9 ----
@rule(
    "the militants named before",
    table="article-actor",
    order=35,
    example=(
        "Troops fought al-Shabaab militants outside Afgoye on Monday. The militants"
        " beheaded two traders on the road to the town on Tuesday.",
        "al-Shabaab militants",
        "Attack",
        "The militants",
    ),
)
def militants_named_before(told: OtherSentence, pack: LanguagePack) -> bool:
    """An attack whose own words call the doer "the militants" was done by the group the
    article named earlier with that same noun ("troops fought al-Shabaab militants ...
    the militants beheaded two traders"), even where that group was only fought or hit
    there: the definite noun refers back to it (codebook 4, the text says who acted). Only
    a group named before the attack's words with the noun they repeat, and only when one
    group is so named."""
    own, doer = told.own, told.doer
    if own is None or told.sub_event_type not in ATTACKER_SUBEVENTS:
        return False
    if doer.end_char > own.start_char or len(doer) < 2:
        return False
    definite = pack.words("definite-determiners")
    if not any(pack.dep(c, "determiner") and c.lower_ in definite for c in own.root.children):
        return False
    # The repeated noun: "militants" in "al-Shabaab militants" and in "the militants".
    return doer[-1].lower_ == own.root.lower_


@dataclass(frozen=True)
class Sides:
    """What the `actor1` rules read: the incident's sub-event and actor1, with the role the
    parse gave actor1's mention (None when it is only named near the event)."""

    sub_event_type: str
    actor1: Actor | None
    actor1_role: str | None
    actor2: Actor | None = None
    # The words of the actor mentions the parse makes targets ("the gunman" in "police
    # shot dead the gunman"), lower case.
    target_words: tuple[str, ...] = ()
    # A target told as the one who attacked, by a relative clause ("a man who tried to
    # stab soldiers", "gunmen who opened fire on a patrol"): stages/building.py (held12).
    target_attacked: bool = False
    # The incident's cue categories ("release", "arrest", ...).
    cats: frozenset[str] = frozenset()
    # actor1 is named only in sentences that tell none of the incident's event words.
    actor1_apart: bool = False
    # actor1's words name the owner of a post or vehicle the incident hit ("a checkpoint
    # run by rebels", "a rebel checkpoint"): stages/building.py (actor10).
    actor1_owns_hit: bool = False


@rule(
    "victims do not initiate",
    table="actor1",
    order=10,
    example=(
        "Residents fled after a bomb exploded in a market in Mardin on Sunday, killing four.",
        "bomb",
    ),
)
def victims_do_not_initiate(sides: Sides, pack: LanguagePack) -> bool:
    """Civilians suffer an attack or a bombing; they are not its doer ("residents fled
    after a bomb exploded" names no attacker): the attacker is unidentified. Nor do they
    initiate an arrest or a seizure ("the driver's licence seized by the police"): that
    incident then has no actor1 (ACLED never codes civilians as actor1)."""
    a1 = sides.actor1
    return a1 is not None and a1.type == CIVILIANS


@rule(
    "a force hit is not the bomber",
    table="actor1",
    order=20,
    example=(
        "A car bomb ripped through a police bus in Diyarbakir on Tuesday, killing two officers.",
        "bomb",
    ),
)
def force_hit_not_bomber(sides: Sides, pack: LanguagePack) -> bool:
    """A state force named in a bombing without the role of its doer ("a car bomb ripped
    through a police bus") is what was hit: the bomber is unidentified."""
    a1 = sides.actor1
    return (
        sides.sub_event_type in BOMB_SUBEVENTS
        and a1 is not None
        and a1.type == STATE
        and sides.actor1_role != "initiator"
    )


# ---- session 10 actor10 ----
@rule(
    "a group's post hit is not the bomber",
    table="actor1",
    order=21,
    example=(
        "A car bomb exploded at a checkpoint run by rebels near Idlib on Monday, killing six"
        " people.",
        "bomb",
    ),
)
def group_post_hit(sides: Sides, pack: LanguagePack) -> bool:
    """An armed group named as the one who holds the post or vehicle a bomb hit ("a car
    bomb exploded at a checkpoint run by rebels", "a bomb hit a rebel convoy") is what was
    hit, though "by rebels" reads like a doer: the bomber is unidentified unless a group
    claims it, and the group is the side acted upon (codebook 4)."""
    a1 = sides.actor1
    return (
        sides.sub_event_type in BOMB_SUBEVENTS
        and a1 is not None
        and a1.type in REBELS
        and sides.actor1_owns_hit
    )


@rule(
    "a state force is no suicide bomber",
    table="actor1",
    order=27,
    example=(
        "Iraqi troops chased a suicide car bomber who blew himself up near a market in"
        " Samarra on Sunday, killing five people.",
        "bomber",
    ),
)
def state_no_suicide_bomber(sides: Sides, pack: LanguagePack) -> bool:
    """A state force is never the one who blows himself up: in a suicide bombing, a force
    told as acting ("troops chased the bomber", "troops recaptured the district") did
    something else, and the bomber is unidentified unless a group claims him (codebook
    4). Its victims stay what the report counts; a force that shot at its attacker is the
    side attacked (the rules before)."""
    a1 = sides.actor1
    suicide = sides.sub_event_type == "Suicide bomb"
    return suicide and a1 is not None and a1.type in STATE_FORCE_TYPES


# ---- issue 12 actw9 ----
@rule(
    "a force told apart from the bombing",
    table="actor1",
    order=22,
    example=(
        "A car bomb exploded at a bus station in Hilla on Friday, killing nine people."
        " Iraqi security forces had deployed extra patrols across the city.",
        "bomb",
    ),
)
def force_apart_from_bombing(sides: Sides, pack: LanguagePack) -> bool:
    """A state force named only in sentences that do not tell the bombing ("a car bomb
    exploded at a bus station ... security forces had deployed extra patrols") guarded, responded
    or was deployed: it did not set off the bomb, whose doer is unidentified unless a
    group claims it (codebook 4: actor1 is the initiator the text names)."""
    a1 = sides.actor1
    return (
        sides.sub_event_type in BOMB_SUBEVENTS
        and a1 is not None
        and a1.type in STATE_FORCE_TYPES
        and sides.actor1_apart
    )


@rule(
    "a group struck from the air",
    table="actor1",
    order=24,
    example=(
        "Aircraft struck a command post in the hills near Derik on Tuesday, killing 20"
        " fighters and media workers, said the YPG, the main force in the Syrian Democratic"
        " Forces.",
        "struck",
    ),
)
def group_struck_from_air(sides: Sides, pack: LanguagePack) -> bool:
    """An armed group named in an air strike but not as its doer ("aircraft struck a YPG
    headquarters", "the YPG said 20 of its fighters were killed") was struck: a rebel
    group or militia flies no warplanes, so the strike's doer is the air force the
    article names, or none (codebook 4: actor1 is the initiator the text names)."""
    a1 = sides.actor1
    return (
        sides.sub_event_type in AIR_SUBEVENTS
        and a1 is not None
        and a1.type in REBELS
        and sides.actor1_role != INITIATOR
    )


@rule(
    "a force that shoots the attackers responds",
    table="actor1",
    order=25,
    example=(
        "Police shot dead two attackers who opened fire on a checkpoint in Ramadi on Sunday.",
        "attackers",
    ),
)
def force_responds(sides: Sides, pack: LanguagePack) -> bool:
    """A state force whose targets are named as the attackers ("police shot dead the
    gunman", "soldiers responded and shot the attackers") answers their attack: the
    attackers initiated it (an unidentified group unless a group is named), the force is
    what they attacked (actor2)."""
    a1 = sides.actor1
    if a1 is None or a1.type != STATE or sides.actor1_role != INITIATOR:
        return False
    if sides.sub_event_type not in ATTACKER_SUBEVENTS:
        return False
    nouns = pack.words("attacker-nouns")
    return any(w.split()[-1] in nouns for w in sides.target_words if w.split())


@rule(
    "a force shooting its attacker responds",
    table="actor1",
    order=26,
    example=(
        "Soldiers shot dead a man who tried to stab a guard at a checkpoint near Hebron on Friday.",
        "man",
    ),
)
def force_shoots_its_attacker(sides: Sides, pack: LanguagePack) -> bool:
    """A state force whose target is told as the one who attacked ("troops shot and killed
    a man who tried to stab soldiers", "police killed two men who opened fire on a
    patrol") answers his attack: he initiated it (an unidentified attacker unless a group
    is named), the force is what he attacked (actor2). The relative clause says so
    where no attacker noun does (`a force that shoots the attackers responds`)."""
    a1 = sides.actor1
    if a1 is None or a1.type != STATE or sides.actor1_role != INITIATOR:
        return False
    nouns = pack.words("attacker-nouns")
    if any(w.split()[-1] in nouns for w in sides.target_words if w.split()):
        return False  # named as attackers: the rule before decides
    return sides.sub_event_type in ATTACKER_SUBEVENTS and sides.target_attacked


@rule(
    "unnamed attacker",
    table="actor1",
    order=30,
    example=(
        "Two soldiers were killed when a roadside bomb exploded near Baiji on Sunday.",
        "bomb",
    ),
)
def unnamed_attacker(sides: Sides, pack: LanguagePack) -> bool:
    """An attack or a bombing whose doer the text does not name ("two soldiers were killed
    in a roadside bomb blast"): `Unidentified Armed Group (<country>)` (codebook 4). Not a
    clash with an armed group named as the other side ("clashes with Islamic State"): that
    group's enemy is unnamed, not unidentified."""
    if sides.actor1 is not None or sides.sub_event_type not in ATTACKER_SUBEVENTS:
        return False
    a2 = sides.actor2
    return not (sides.sub_event_type == "Armed clash" and a2 is not None and a2.type in REBELS)


@dataclass(frozen=True)
class Victims:
    """What the `actor2` rules read: an incident's victims told only as people ("seven
    people"), and a state force or armed group named in the same sentence."""

    sub_event_type: str
    people: Span
    force: Span


@rule(
    "victims told as a force",
    table="actor2",
    order=10,
    example=(
        "A suicide bomber killed seven people, most of them soldiers, at a checkpoint in"
        " Aden on Thursday.",
        "people",
        "soldiers",
    ),
)
def victims_told_as_force(v: Victims, pack: LanguagePack) -> bool:
    """The people hit are said to be, mostly or in part, a force ("seven people, most of
    them soldiers", "three people, including two police officers"): that force is the
    side acted upon (codebook 2: actor2 is the side acted upon), not civilians."""
    pat = pack.pattern("victims-described-as")
    if pat is None or v.force.start_char < v.people.end_char:
        return False
    between = doc_text(v.people.doc)[v.people.end_char : v.force.start_char]
    return pat.fullmatch(between) is not None


@rule(
    "a force's post or vehicle hit",
    table="actor2",
    order=20,
    example=(
        "Ten people were wounded when a bomb hit a police bus in Diyarbakir on Thursday.",
        "people",
        "police",
        "Remote explosive/landmine/IED",
    ),
)
def force_property_hit(v: Victims, pack: LanguagePack) -> bool:
    """A bombing or an attack that hits a force's vehicle or post ("a bomb hit a police
    bus", "gunmen attacked an army checkpoint") is aimed at that force: the people it
    wounded were its men or around them, and the force is the side acted upon."""
    if v.sub_event_type not in ATTACKER_SUBEVENTS:
        return False
    tok = v.force.root
    if not pack.dep(tok, "compound-or-attribute") or tok.head.i == tok.i:
        return False
    thing = tok.head
    if thing.lemma_.lower() not in pack.words("force-property-nouns"):
        return False
    # Hit by the event: what a verb acts on ("hit a police bus"), or what it goes through
    # or at ("ripped through a police convoy", "fired on an army post"), not a landmark
    # named for where it happened ("near a police station").
    if pack.dep(thing, "object"):
        return True
    return bool(
        pack.dep(thing, "preposition-object")
        and thing.head.lower_ in pack.words("hit-prepositions")
    )


@rule(
    "captors release their captives",
    table="actor1",
    order=40,
    example=(
        "Four aid workers who were seized in Mosul in early April have been released, a"
        " ministry official said on Friday.",
        "released",
    ),
)
def captors_release(sides: Sides, pack: LanguagePack) -> bool:
    """Captives who "were released" were let go by whoever held them: a release told with
    no one named as releasing or rescuing them is the captors' act, an unidentified armed
    group (codebook 4, unnamed gunmen; 5a, hostage releases are strategic developments
    with a conflict actor). A force that frees them is named and is actor1 instead."""
    return (
        sides.actor1 is None
        and sides.sub_event_type in RELEASE_SUBEVENTS
        and bool(sides.cats & pack.words("release-cues"))
    )


# ---- session 10 actor10: the side acted upon, by what the incident's words name ----
# Sub-events with victims: an attack, a bombing, a kidnapping, a strike or a shelling acts
# on someone even when the report names them only by the toll ("one man was shot dead").
VICTIM_SUBEVENTS = frozenset(
    {
        "Attack",
        "Suicide bomb",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Abduction/forced disappearance",
        "Air/drone strike",
        "Shelling/artillery/missile attack",
    }
)
# Sub-events a state force does to people from afar: its victims named by a toll alone
# are the people there; a state force acting close (a raid, a shooting) may have hit anyone.
STATE_STRIKE_SUBEVENTS = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
# GTD target types (codebook 3) that name an armed side as what was hit.
ARMED_TARGETS = frozenset({"Police", "Military", "Terrorists/Non-State Militia"})


@dataclass(frozen=True)
class ActedUpon:
    """What the `acted-upon` rules read: an incident's sides as the parse found them, and
    what its words name that may say better who was acted upon."""

    sub_event_type: str
    cats: frozenset[str]
    actor1: Actor | None
    actor2: Actor | None
    words: Span | None = None  # actor2's own words
    # The armed group actor2's words name where the text only suspects it ("14 suspected
    # Islamic State militants"): the suspicion made actor2 an unidentified group.
    named_as: Actor | None = None
    # Named armed groups the incident's words name, other than actor1, with their words.
    groups: tuple[tuple[Actor, Span], ...] = ()
    # The incident country's civilians, and the words of a toll of victims that are not
    # the attackers ("a man was shot dead"), if any.
    civilians: Actor | None = None
    toll: Span | None = None
    target_type: str | None = None
    # The toll counts nouns that name an armed side ("two soldiers"): no civilians.
    force_counted: bool = False
    # Armed sides of any kind (state forces, groups) the incident's words name, other than
    # actor1 and its backers, with their words.
    armed: tuple[tuple[Actor, Span], ...] = ()


@rule(
    "the other side of a battle",
    table="acted-upon",
    order=5,
    example=(
        "Dozens of people were killed in a battle between rebels and government forces in"
        " western Aleppo on Tuesday.",
        "Military Forces of Syria",
    ),
)
def other_side_of_battle(a: ActedUpon, pack: LanguagePack) -> tuple[Actor, Span] | None:
    """A battle is fought by armed sides: where actor2 is only the people its toll counts
    ("dozens of people were killed in a battle between rebels and government forces"),
    the side acted upon is the armed side the incident names besides actor1 (codebook 3:
    battles are between organised armed groups). Only when one such side is named."""
    a2 = a.actor2
    if a.sub_event_type != "Armed clash" or a2 is None or a2.type != CIVILIANS:
        return None
    if a.actor1 is None or a.actor1.type == CIVILIANS or a.words is None:
        return None
    return the_one_named(a.armed)


@rule(
    "detainees suspected of a group",
    table="acted-upon",
    order=10,
    example=(
        "Police arrested nine suspected Islamic State militants in raids near Kirkuk on Tuesday.",
        "Islamic State (Iraq)",
    ),
)
def detainees_suspected(a: ActedUpon, pack: LanguagePack) -> tuple[Actor, Span] | None:
    """People detained as suspected members of a group ("arrested nine suspected Islamic
    State militants", "detained men suspected of belonging to ISIS") are held as that
    group's members: the group is the side acted upon. Suspicion turns the doer of a deed
    into an unidentified group (codebook 5a); a suspect held is coded as whom he is held
    for, as ACLED codes arrests. Not in an attack told with the arrests ("detained over
    the bombing that killed ten tourists"): its victims were acted upon."""
    if a.named_as is None or a.words is None or not (a.cats & pack.words("detention-cues")):
        return None
    # A bombing's side acted upon is its victims, whoever was detained after it.
    return None if a.sub_event_type in VICTIM_SUBEVENTS else (a.named_as, a.words)


@rule(
    "the militants the incident names",
    table="acted-upon",
    order=20,
    example=(
        "Iraqi troops fought Islamic State militants in the east of Mosul on Monday. Dozens"
        " of militants were killed, an officer said.",
        "Islamic State (Iraq)",
    ),
)
def militants_the_incident_names(a: ActedUpon, pack: LanguagePack) -> tuple[Actor, Span] | None:
    """Actor2 told by a bare noun ("dozens of militants were killed") is the group the
    incident's own words name with that noun ("troops fought Islamic State militants"):
    the same fighters, not an unidentified group (codebook 4: the text says who they are).
    Only when one group is so named."""
    a2, words = a.actor2, a.words
    if a2 is None or words is None or (a2.model_extra or {}).get("suspected"):
        return None
    if a2.type in STATE_FORCE_TYPES or not a2.name.startswith("Unidentified"):
        return None
    noun = words.root.lower_
    return the_one_named((g, sp) for g, sp in a.groups if len(sp) > 1 and sp[-1].lower_ == noun)


@rule(
    "victims of an attack are civilians",
    table="acted-upon",
    order=30,
    example=(
        "A government employee was shot dead by gunmen outside his home in Ramadi on Friday.",
        "Civilians (Iraq)",
    ),
)
def victims_are_civilians(a: ActedUpon, pack: LanguagePack) -> tuple[Actor, Span] | None:
    """An attack, a bombing or a strike with victims whose words name no side ("a sheikh was
    shot dead", "a blast wounded three") acted upon the people there: civilians of the
    country (codebook 4), the toll's words the evidence. Not when the toll counts an armed
    side, the target is a force's, or a state force acted close by (a raid, a shooting)."""
    if a.actor2 is not None or a.civilians is None or a.toll is None or a.force_counted:
        return None
    if a.sub_event_type not in VICTIM_SUBEVENTS or a.target_type in ARMED_TARGETS:
        return None
    a1 = a.actor1
    state_close = a1 is not None and a1.type in STATE_FORCE_TYPES
    if state_close and a.sub_event_type not in STATE_STRIKE_SUBEVENTS:
        return None
    return a.civilians, a.toll

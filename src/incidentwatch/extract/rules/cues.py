"""Cue rules: a word matched a cue lemma, but in this use it names no event.

The cues stage (stages/cues.py) asks each rule in order for every word whose lemma
is a cue; True leaves the word out."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from incidentwatch.extract import numbers as num
from incidentwatch.extract.context import Cue
from incidentwatch.extract.doctext import doc_text
from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.numbers import word_value
from incidentwatch.extract.registry import rule
from incidentwatch.extract.rules.counting import raises_a_toll, toll_update_verb, updated_to


@rule(
    "attribution",
    table="cue",
    order=10,
    example=("According to the police, the market reopened.", "According"),
)
def attribution(tok: Token, pack: LanguagePack) -> bool:
    """ "according to" is attribution, not an accord."""
    return tok.lower_ in pack.words("attribution-words")


@rule(
    "crowd-control munition",
    table="cue",
    order=20,
    example=("Riot police threw smoke bombs into the crowd.", "bombs"),
)
def crowd_control_munition(tok: Token, pack: LanguagePack) -> bool:
    """ "stun grenades", "smoke bombs": an intervention, not an explosion."""
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ in pack.words("crowd-control-munitions")


@rule(
    "display, not demonstration",
    table="cue",
    order=30,
    example=("The group demonstrated its intent to expand.", "demonstrated"),
)
def display_not_demonstration(tok: Token, pack: LanguagePack) -> bool:
    """ "demonstrated its intent" is not a demonstration."""
    return tok.lemma_.lower() in pack.words("display-verbs") and any(
        pack.dep(c, "object-or-clause") for c in tok.children
    )


@rule(
    "membership",
    table="cue",
    order=40,
    example=("An American man fighting for Islamic State was arrested.", "fighting"),
)
def membership(tok: Token, pack: LanguagePack) -> bool:
    """ "an American fighting for Islamic State" tells membership, not a fight."""
    return tok.lemma_.lower() in pack.words("membership-verbs") and any(
        pack.dep(c, "preposition") and c.lower_ in pack.words("membership-prepositions")
        for c in tok.children
    )


@rule(
    "truce word",
    table="cue",
    order=50,
    example=("The truce does not cover the northern province.", "truce"),
)
def truce_word(tok: Token, pack: LanguagePack) -> bool:
    """A truce or agreement word names an Agreement only when something signs it: "the
    truce does not cover" is background, "the two sides signed a truce" is not."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in pack.words("truce-nouns"):
        return False
    return tok.head.lemma_.lower() not in pack.words("signing-verbs")


@rule(
    "a word quoted",
    table="cue",
    order=60,
    example=('A note with "bomb" written on it was found in the toilet.', "bomb"),
)
def word_quoted(tok: Token, pack: LanguagePack) -> bool:
    """An event word alone in quote marks is a word written or said ("a note with "bomb"
    written on it"), not the thing it names."""
    doc, quotes = tok.doc, pack.words("quote-marks")
    return (
        0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text in quotes and doc[tok.i + 1].text in quotes
    )


@rule(
    "a weapon made or stored",
    table="cue",
    order=70,
    example=("Jets hit a bomb-making workshop outside the town.", "bomb"),
)
def weapon_made_or_stored(tok: Token, pack: LanguagePack) -> bool:
    """A weapon word naming what a place makes or keeps ("a bomb-making workshop", "a bomb
    factory", "a rocket depot") tells the target, not the weapon used."""
    if tok.lemma_.lower() not in pack.words("made-weapon-nouns"):
        return False
    head = tok.head
    return (
        pack.dep(tok, "compound-or-noun-adverbial")
        and head.i != tok.i
        and head.lemma_.lower() in pack.words("weapon-making-words")
    )


@rule(
    "a weapon as a policy topic",
    table="cue",
    order=75,
    example=("The senator called again for tighter gun control laws.", "gun"),
)
def weapon_as_policy_topic(tok: Token, pack: LanguagePack) -> bool:
    """A weapon word naming what a law or a debate is about ("gun control laws", "a
    weapons ban", "the gun lobby") is a policy topic, not a weapon used."""
    head = tok.head
    for _ in range(2):
        if not pack.dep(tok, "compound-or-noun-adverbial") or head.i == tok.i:
            return False
        if head.lemma_.lower() in pack.words("policy-topic-nouns"):
            return True
        tok, head = head, head.head
    return False


@rule(
    "the raid of an arrest",
    table="cue",
    order=80,
    example=("Police detained five men during a raid on a house in Kirkuk.", "raid"),
)
def raid_of_an_arrest(tok: Token, pack: LanguagePack) -> bool:
    """ "arrested 12 suspects in raids", "detained five men during a raid": the raid is how
    the arrest was made, not an attack of its own."""
    if tok.lemma_.lower() not in pack.words("raid-nouns"):
        return False
    prep = tok.head
    # One list of arrest words: the arrest cue's lemmas, and the few that are no cue alone.
    arrest = set(pack.knowledge.cues.get("arrest", {}).get("lemmas", []))
    arrest |= pack.words("arrest-verbs-beyond-cues")
    return (
        pack.dep(tok, "preposition-object")
        and prep.lower_ in pack.words("means-prepositions")
        and prep.head.lemma_.lower() in arrest
    )


@rule(
    "the scene of an attack on the police",
    table="cue",
    order=90,
    example=("Four police officers were shot dead at a protest in the city on Monday.", "protest"),
)
def scene_of_attack_on_police(tok: Token, pack: LanguagePack) -> bool:
    """A protest named as where security forces were attacked ("four police officers were
    shot dead at a protest", "gunmen fired on soldiers during a rally") is the scene of
    that attack, not a demonstration the sentence reports: the violence is the incident
    (an attack on police is Battles, codebook 3). Force used on protesters ("police shot
    two protesters at a rally") is left alone: there the forces are the doers."""
    if tok.lemma_.lower() not in pack.words("scene-gathering-nouns"):
        return False
    prep = tok.head
    if not pack.dep(tok, "preposition-object") or prep.lower_ not in pack.words(
        "scene-prepositions"
    ):
        return False
    verb = prep.head
    forces = pack.words("security-force-nouns")
    return verb.i != prep.i and any(
        pack.dep(c, "passive-subject-or-object") and c.lemma_.lower() in forces
        for c in verb.children
    )


# Cue categories of a fight on the ground and of fire from afar (codebook types, not
# words of a language): one doer's assault and its rocket fire on another target are two
# incidents (ACLED codes a ground battle and shelling of one day apart).
_GROUND_CATS = frozenset({"attack", "clash"})
_REMOTE_CATS = frozenset({"shelling", "airstrike"})


def _kinds_under(verb: Token, other: Token, cues: Sequence[Cue], pack: LanguagePack) -> set[str]:
    """The cue categories of the words `verb` governs in its own clause (itself included;
    not through `other`, nor a clause of their own: "violence to hit civilians")."""
    out: set[str] = set()
    for c in cues:
        t = c.token
        for _ in range(5):
            if t.i == verb.i:
                out.add(c.cat)
                break
            if t.i == other.i or t.head.i == t.i:
                break
            if pack.dep(t, "subordinate-clause") or pack.dep(t, "clause-modifier"):
                break
            t = t.head
    return out


@rule(
    "an assault and fire from afar",
    table="clause-split",
    order=10,
    example=(
        "Militants launched an assault on an army post in Hama on Monday and fired rockets "
        "on a school in the city.",
        "and",
    ),
)
def assault_and_fire_from_afar(tok: Token, cues: Sequence[Cue], pack: LanguagePack) -> bool:
    """Two coordinated deeds, one a ground assault or fight and the other fire from afar
    (shelling, rockets, air strikes) ("launched an assault on an army post and fired
    rockets on a school"), are two incidents: the sentence splits before the conjunction.
    A bombing and a storming stay one complex attack (bombs are neither kind)."""
    if not pack.dep(tok, "coordinating-conjunction"):
        return False
    first = tok.head
    second = next((c for c in first.children if pack.dep(c, "coordinated") and c.i > tok.i), None)
    if second is None or first.pos_ != "VERB" or second.pos_ != "VERB":
        return False
    a = _kinds_under(first, second, cues, pack)
    b = _kinds_under(second, first, cues, pack)
    return bool(
        (a & _GROUND_CATS and not a & _REMOTE_CATS and b & _REMOTE_CATS and not b & _GROUND_CATS)
        or (a & _REMOTE_CATS and not a & _GROUND_CATS and b & _GROUND_CATS and not b & _REMOTE_CATS)
    )


# The cue category (cues.toml id) of territory taken: the typing gives it to the side
# that gained (classify: state forces regain, others overtake).
TERRITORY_TAKEN = "overtake"


@rule(
    "an advance into a place",
    table="cue-added",
    order=10,
    example=(
        "Government troops advanced in large numbers into the town's outskirts on Monday.",
        "advanced",
    ),
)
def advance_into_place(tok: Token, pack: LanguagePack) -> str | None:
    """A force that moves into or up to a place ("troops advanced in large numbers into
    the city limits", "the army stormed to the southern edge of the town") takes ground:
    territory changes hands (ACLED's territory sub-events), however many words stand
    between the verb and its goal, which a phrase cue ("advanced into") cannot match. The
    goal must be ground (an edge, outskirts, a district, a village), not a building, and
    the verb takes no object ("pushed the country to the edge of war" moves something
    else)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in pack.words("advance-verbs"):
        return None
    if any(pack.dep(c, "object") for c in tok.children):
        return None
    goals, preps = pack.words("advance-goals"), pack.words("advance-prepositions")
    for prep in tok.children:
        if not (pack.dep(prep, "preposition") and prep.lower_ in preps):
            continue
        for obj in prep.children:
            if pack.dep(obj, "preposition-object") and {obj.lemma_.lower(), obj.lower_} & goals:
                return TERRITORY_TAKEN
    return None


@rule(
    "a dateline's first word",
    table="parse-word",
    order=10,
    example=("MOSUL, Iraq (Reuters) - Shelling killed four people on Monday.", "Shelling"),
)
def dateline_first_word(tok: Token, pack: LanguagePack) -> bool:
    """The word that opens a wire story after its dateline ("ERBIL, Iraq (Reuters) - Mortar
    bombs hit ...", "BEIRUT (AFP) - Clashes erupted ...") is capitalised because it opens
    the sentence, but the tagger, reading on from the names of the dateline, takes it for
    a name too, and a name is never an event word: the lead's own cue was lost. Such a
    capitalised word right after the dateline's dash is read as a common word."""
    if tok.i < 2 or not tok.is_title:
        return False
    dash = tok.doc[tok.i - 1]
    if dash.text not in pack.words("dateline-dashes"):
        return False
    lead = pack.pattern("dateline-lead")
    text = doc_text(tok.doc)
    line = text[text.rfind("\n", 0, dash.idx) + 1 : dash.idx]
    return lead is not None and lead.fullmatch(line.strip()) is not None


# ---- issue 12 precision (prec9) ---------------------------------------------------------


def _thing_seized(tok: Token, pack: LanguagePack) -> Token | None:
    """What a seizing verb took: its object, its passive subject, or the noun its participle
    modifies ("a licence confiscated by the police")."""
    if pack.dep(tok, "clause-modifier-participle"):
        return tok.head
    return next((c for c in tok.children if pack.dep(c, "passive-subject-or-object")), None)


@rule(
    "a seizure of no weapon",
    table="cue",
    order=96,
    example=(
        "The passport confiscated by the border guards was issued in Cairo.",
        "confiscated",
    ),
)
def seizure_of_no_weapon(tok: Token, pack: LanguagePack) -> bool:
    """Seizing papers or goods ("a driver's licence confiscated by the peshmerga", "police
    seized his phone") is no disrupted weapons use (codebook 3: weapons or IEDs found or
    defused). A weapon named anywhere in what was taken ("seized a car loaded with
    explosives") keeps the cue."""
    if tok.lemma_.lower() not in pack.words("seizing-verbs"):
        return False
    thing = _thing_seized(tok, pack)
    if thing is None or thing.lemma_.lower() not in pack.words("seized-non-weapons"):
        return False
    weapons = pack.words("made-weapon-nouns")
    return not any(t.lemma_.lower() in weapons for t in thing.subtree)


# The cue category (cues.toml id) of deaths: a body counted is one dead.
DEATHS = "kill"


@rule(
    "a body count",
    table="cue-added",
    order=20,
    example=("A police officer said he saw four bodies lying outside the hotel.", "bodies"),
)
def body_count(tok: Token, pack: LanguagePack) -> str | None:
    """Bodies counted ("saw four bodies", "rescuers pulled 17 bodies from the rubble", "12
    bodies were recovered") are the dead of the incident told: a toll, though no death word
    is said. The phrase cues ("bodies were found") cannot match the number between the
    verb and its noun. Only a plural body noun with a number of its own, seen, found,
    lying or taken away (the verb it hangs on): "two governing bodies met" counts no dead."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in pack.words("counted-body-nouns"):
        return None
    if not pack.tag(tok, "plural-noun"):
        return None
    if tok.head.lemma_.lower() not in pack.words("counted-body-verbs"):
        return None
    for c in tok.children:
        if pack.dep(c, "number-modifier") and c.i < tok.i and word_value(c, pack):
            return DEATHS
    return None


# ---- session 10 fresh10 ----
# The cue category of weapons taken out of use (cues.toml, types.toml).
WEAPONS_DISRUPTED = "disrupt"


@rule(
    "a bomb found or defused",
    table="cue-added",
    order=50,
    example=("Army engineers found 14 roadside bombs in a culvert near Rutba on Monday.", "found"),
)
def bomb_found_or_defused(tok: Token, pack: LanguagePack) -> str | None:
    """A bomb that a finding or defusing verb takes as its object ("engineers found 14
    roadside bombs", "troops defused a car bomb", "a suicide belt was dismantled") was taken
    out of use: ACLED's Disrupted weapons use (codebook 3: weapons or IEDs found or
    defused), though no seizure word is said. The bomb went off nowhere: the type rule "a
    weapon found" leaves it out of the typing."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in pack.words("disarming-verbs"):
        return None
    if any(pack.dep(c, "negation") for c in tok.children):
        return None  # "did not find any explosives"
    weapons, nothing = pack.words("disarmed-weapon-nouns"), pack.words("negating-determiners")
    for c in tok.children:
        if not (pack.dep(c, "object") or pack.dep(c, "passive-subject")):
            continue
        if c.lemma_.lower() not in weapons:
            continue
        # "no bomb was found": nothing was there to disrupt.
        if not any(pack.dep(d, "determiner") and d.lower_ in nothing for d in c.children):
            return WEAPONS_DISRUPTED
    return None


# ---- session 10 prec10 -------------------------------------------------------------


@rule(
    "a weapon naming a body",
    table="cue",
    order=77,
    example=(
        "Inspectors from the chemical weapons watchdog arrived in the town on Friday.",
        "weapons",
    ),
)
def weapon_naming_a_body(tok: Token, pack: LanguagePack) -> bool:
    """A weapon word naming a body, a treaty or the people who watch over a kind of weapon
    ("the chemical weapons watchdog", "the Chemical Weapons Convention", "weapons
    inspectors", "the Organization for the Prohibition of Chemical Weapons") says who acts
    or speaks, not a weapon used: the event, if any, is told by its own words."""
    bodies = pack.words("weapon-body-nouns")
    node = tok
    for _ in range(3):
        head = node.head
        if head.i == node.i:
            return False
        if pack.dep(node, "compound-or-noun-adverbial") and head.lemma_.lower() in bodies:
            return True
        # "the Prohibition of Chemical Weapons"
        if (
            pack.dep(node, "preposition-object")
            and head.lower_ in pack.words("of-prepositions")
            and head.head.lemma_.lower() in bodies
        ):
            return True
        if not pack.dep(node, "compound-or-noun-adverbial"):
            return False
        node = head
    return False


# ---- session 10 toll10 ------------------------------------------------------------------


@rule(
    "a toll told by its update",
    table="cue-added",
    order=30,
    example=(
        "A bomb tore through a market in Hilla on Monday. By Tuesday the toll had climbed to "
        "14, a hospital source said.",
        "toll",
    ),
)
def toll_told_by_update(tok: Token, pack: LanguagePack) -> str | None:
    """A toll told only by its update ("the toll had climbed to 14", "officials put the toll
    at 31") counts the dead of the incident told (codebook 5: the update replaces the
    figure told before), though no death word is said: "death toll" is a cue by its phrase,
    a bare "toll" is not ("the toll on the economy"). Only a toll that an update verb
    carries to a number: "the toll rose" with no figure updates nothing."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in pack.words("toll-nouns"):
        return None
    dead = pack.words("dead-of-any-kind")
    # "the death toll": a phrase cue already.
    if any(pack.dep(c, "compound") and c.lemma_.lower() in dead for c in tok.children):
        return None
    verb = tok.head
    if not (
        (pack.dep(tok, "subject") and toll_update_verb(verb, pack))
        or (pack.dep(tok, "object") and raises_a_toll(verb, pack))
    ):
        return None
    figures = (t for obj in updated_to(verb, pack) for t in obj.subtree)
    return DEATHS if any(word_value(t, pack) for t in figures) else None


WOUNDS = "wound"


@rule(
    "the wounded told by their treatment",
    table="cue-added",
    order=40,
    example=(
        "A car bomb hit a market in Hilla on Monday. Hospital officials said 45 people were "
        "still being treated.",
        "treated",
    ),
)
def wounded_by_treatment(tok: Token, pack: LanguagePack) -> str | None:
    """People counted as treated for their wounds ("45 people were still being treated",
    "with more than 30 people being treated for burns", "12 were hospitalised") are the
    wounded of the incident told (codebook 5: injuries, people wounded), though no wound
    word is said. Only a count of people treated: "the attack was treated as terrorism"
    treats no one, and "doctors treated the wounded" names them by a wound word already."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in pack.words("treatment-verbs"):
        return None
    units = pack.words("non-person-units")
    for c in tok.children:
        if not pack.dep(c, "passive-subject"):
            continue
        counted = c.like_num or bool(num.number_children(c, pack))
        if counted and c.lemma_.lower() not in units:
            return WOUNDS
    return None

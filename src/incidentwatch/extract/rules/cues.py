"""Cue rules: a word matched a cue lemma, but in this use it names no event.

The cues stage (stages/cues.py) asks each rule in order for every word whose lemma
is a cue; True leaves the word out."""

from __future__ import annotations

from spacy.tokens import Token

from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.registry import rule


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

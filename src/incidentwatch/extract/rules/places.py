"""Place rules: a place named in an event's words that is not where it happened.

The place stage (stages/place.py) takes the geocoder's place for an event segment,
then asks the `not-event-place` table about the words that name it: a rule returns
True when the place is where the report was filed, who spoke, or a reference point,
and the stage looks on for another place. The name of the rule that fired is the
reason `-vv` logs. Rules read words and patterns through the language pack."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.registry import rule
from incidentwatch.geocode.normalise import fold
from incidentwatch.records import Place

# How far before a name a border phrase may start ("near the border with ").
BORDER_WINDOW = 40
# The rule below by name: also the `why` of a place read as this side of a border.
BORDER = "border reference"
# How many words up from a place the phrase naming a speaker may reach ("a spokesman for
# the governor of Anbar": Anbar, of, governor, for, spokesman).
_SEAT_STEPS = 6
# How far before a name the words of a comparison may start ("unparalleled in the ").
_COMPARISON_WINDOW = 30
# The cities before this one in a dateline filed from several ("BEIRUT/PARIS/").
_DATELINE_CITIES = re.compile(r"\s*(?:[A-Z][A-Z .'-]*[A-Z]\s*/\s*)+")


@rule("a state in its affairs", table="not-event-place", order=22,
      example=("The bombing came as Lebanon was dealing with a crisis of its own.",
               "Lebanon"))  # fmt: skip
def state_in_its_affairs(text: str, span: Span, pack: LanguagePack) -> bool:
    """A place that is the subject of a verb of a state's affairs ("at a time Iraq is
    grappling with protests", "Lebanon faces a crisis") is the state that copes, not where
    the event happened: the stage looks on, and a segment that names no other place takes
    the one told before it (as for a state named, rule "a government named")."""
    root = span.root
    return bool(pack.dep(root, "subject")) and root.head.lemma_.lower() in pack.words(
        "state-affairs-verbs"
    )


@rule("dateline", table="not-event-place", order=10,
      example=("BEIRUT (Wire) - Gunmen shot dead two guards at a checkpoint in Tripoli.",
               "BEIRUT"))  # fmt: skip
def dateline(text: str, span: Span, pack: LanguagePack) -> bool:
    """A place in capitals opening a line is the dateline ("BEIRUT (Reuters) -", each
    city of "BEIRUT/GENEVA"): where the report was filed, not where the event happened
    (it may still be the event's place when nothing else is named: the stage keeps it
    as a fallback)."""
    line_start = text.rfind("\n", 0, span.start_char) + 1
    before = text[line_start : span.start_char]
    # A report filed from several cities names them all ("BEIRUT/GENEVA"): each is the
    # dateline, not only the first.
    opens_line = not before.strip() or _DATELINE_CITIES.fullmatch(before) is not None
    return span.text.isupper() and len(span.text) > 2 and opens_line


@rule("speaker", table="not-event-place", order=20,
      example=("Canada said six of its citizens were killed in the hotel attack.",
               "Canada"))  # fmt: skip
def speaker(text: str, span: Span, pack: LanguagePack) -> bool:
    """A place that speaks ("Canada said six of its citizens were killed", "Israel has
    confirmed") is a government, not where the event happened."""
    root = span.root
    return bool(pack.dep(root, "subject")) and root.head.lemma_.lower() in pack.words(
        "reporting-verbs"
    )


@rule("seat of a speaker", table="not-event-place", order=25,
      example=("Jets killed 30 militants on Sunday, the defence ministry in Moscow said.",
               "Moscow"))  # fmt: skip
def speaker_seat(text: str, span: Span, pack: LanguagePack) -> bool:
    """A place inside the words that name who speaks ("the defence ministry in Moscow
    said", "officials in Baghdad say", "a spokesman for the governor of Anbar told") is
    where the speaker sits, not where the event happened (like a dateline, the stage
    keeps it as a fallback when the story names no other place in its country)."""
    tok = span.root
    for _ in range(_SEAT_STEPS):
        attached = (
            pack.dep(tok, "preposition")
            or pack.dep(tok, "preposition-object")
            or pack.dep(tok, "compound-or-attribute")
        )
        if not attached or tok.head is tok:
            return False
        tok = tok.head
        if pack.dep(tok, "subject") and tok.head.lemma_.lower() in pack.words("reporting-verbs"):
            return True
    return False


def _told_just_before(text: str, span: Span, pack: LanguagePack, pattern: str, window: int) -> bool:
    """The pack's pattern `pattern` matches the words ending right before the name, within
    `window` characters: the shared test of the rules that read a name's role from the
    phrase that leads into it ("near the border with", "born in", "backed by")."""
    pat = pack.pattern(pattern)
    if pat is None:
        return False
    return pat.search(text[max(0, span.start_char - window) : span.start_char]) is not None


@rule(BORDER, table="not-event-place", order=30,
      example=("Two rockets hit a farm in a village near the border with Syria on Monday.",
               "Syria"))  # fmt: skip
def border_reference(text: str, span: Span, pack: LanguagePack) -> bool:
    """The country across a border is a reference point ("a village near the border with
    Syria", "clashes on the frontier with Iran", "the town of Kilis, just across from
    Syria"): the event is on this side, in the country the report is about, not in the
    neighbour it is measured from."""
    return _told_just_before(text, span, pack, "border-reference", BORDER_WINDOW)


# How far before a name a birthplace phrase may start ("born in 1992 in the southern
# province of ").
_BIRTHPLACE_WINDOW = 60


@rule("birthplace", table="not-event-place", order=40,
      example=("The bomber, born in 1990 in Kirkuk, blew himself up at a market in Tikrit.",
               "Kirkuk"))  # fmt: skip
def birthplace(text: str, span: Span, pack: LanguagePack) -> bool:
    """Where a person was born or comes from ("born in 1992 in Gaziantep", "a native of
    Mosul") describes him, not the event: the stage looks on for the place where it
    happened."""
    return _told_just_before(text, span, pack, "birthplace", _BIRTHPLACE_WINDOW)


@rule("domain of a comparison", table="not-event-place", order=60,
      example=("The assault, unprecedented in Lebanon for its brutality, killed 12 people in "
               "a restaurant in Beirut.", "Lebanon"))  # fmt: skip
def domain_of_comparison(text: str, span: Span, pack: LanguagePack) -> bool:
    """The place a comparison ranges over ("an attack unprecedented in Bangladesh for its
    scale") judges the event against the country's past, it does not say where the
    event happened: the stage looks on for that place."""
    return _told_just_before(text, span, pack, "comparison-domain", _COMPARISON_WINDOW)


# How far before a name the words naming where information came from may start.
_SOURCE_WINDOW = 50


@rule("source of information", table="not-event-place", order=45,
      example=("Jets struck a depot in a Syrian town, acting on intelligence from Ankara.",
               "Ankara"))  # fmt: skip
def information_source(text: str, span: Span, pack: LanguagePack) -> bool:
    """Where the information behind an action came from ("acting on intelligence from
    Ankara", "on a tip from Baghdad") is where it was gathered or sent from, not where the
    event happened: the stage looks on."""
    return _told_just_before(text, span, pack, "information-source", _SOURCE_WINDOW)


@rule("a government addressed", table="not-event-place", order=50,
      example=("The army asked Moscow to stop after jets bombed a village near Daraa.",
               "Moscow"))  # fmt: skip
def government_addressed(text: str, span: Span, pack: LanguagePack) -> bool:
    """A place that is spoken to ("the U.S. asked Moscow to stop", "urged Ankara to act",
    "told Baghdad") is a government addressed, not where the event happened: the object of
    a reporting verb, as a place that speaks is its subject (rule "speaker")."""
    root = span.root
    return bool(pack.dep(root, "object")) and root.head.lemma_.lower() in pack.words(
        "reporting-verbs"
    )


@rule("a backer", table="not-event-place", order=55,
      example=("Jets bombed rebels, some backed by Turkey, in a village near Idlib.",
               "Turkey"))  # fmt: skip
def backer(text: str, span: Span, pack: LanguagePack) -> bool:
    """A state named as the backer of a side ("fighters, including some backed by the
    United States", "a militia armed by Iran") takes part through that side; it is not
    where the event happened: the stage looks on."""
    return _told_just_before(text, span, pack, "backer", _SOURCE_WINDOW)


@rule("a government named", table="not-event-place", order=57,
      example=("Officials urged the government of Lebanon to act after gunmen killed two "
               "guards in Tripoli.", "Lebanon"))  # fmt: skip
def government_named(text: str, span: Span, pack: LanguagePack) -> bool:
    """A country named as its state ("encouraged the government of Bangladesh to
    investigate", "the authorities of Turkey") is an actor or an addressee, not where the
    event happened: the stage looks on (before the segment too, for a place borrowed from
    earlier in the article)."""
    return _told_just_before(text, span, pack, "government-of", _SOURCE_WINDOW)


@rule("a common word opening a sentence", table="place-word", order=10,
      example=("Car bombs killed 12 people in a market in Hilla on Monday.", "Car"))  # fmt: skip
def common_word_opening(
    tok: Token, read_as: Place, dictionary: frozenset[str], pack: LanguagePack
) -> bool:
    """A capitalised word that opens its sentence (after quote marks or a bracket at
    most), that the tagger reads as a common word and the language's dictionary holds,
    and that the geocoder read as a place of another name ("Car bombs killed 12": "Car"
    as the abbreviation of a Philippine region; "Mass killings" as the village Maas), is
    capitalised because it opens the sentence, not because it names a place: the
    geocoder reads it in lower case. A word the tagger reads as a name ("Hit has been
    under siege"), one the model labels a place, one the dictionary lacks ("Tikrit
    residents") and a place read by its own name ("Aleppo residents", however the tagger
    reads it) are left to the geocoder."""
    if not dictionary or not tok.is_title or tok.is_punct:
        return False
    if any(not t.is_punct for t in tok.doc[tok.sent.start : tok.i]):
        return False
    if tok.ent_type_ and pack.entity(tok.ent_type_, "place"):
        return False
    if not pack.tag(tok, "common-word"):
        return False
    if tok.lower_ not in dictionary and tok.lemma_.lower() not in dictionary:
        return False
    return fold(read_as.name) != fold(tok.text)


# ---- session 10 place10: places told of the victims or of a state, not the scene ----
# How far before a name the words of a journey or of a transfer to hospital may start
# ("most of them pilgrims returning from a religious ceremony in ").
_JOURNEY_WINDOW = 80


@rule("where the wounded were taken", table="not-event-place", order=62,
      example=("Shelling killed four people in a market, and the wounded were transferred "
               "to hospitals in Erbil.", "Erbil"))  # fmt: skip
def wounded_taken_to(text: str, span: Span, pack: LanguagePack) -> bool:
    """Where the wounded were taken for treatment ("were transferred to hospitals in
    Erbil, 85 km to the east", "rushed to a hospital in Kirkuk", "evacuated to Baghdad")
    is where they were treated, not where they were hurt: the stage looks on, and a
    segment that names no other place keeps the scene told before it. A hospital that
    is itself the scene ("a bomb at a hospital in Erbil") is not told as a transfer."""
    return _told_just_before(text, span, pack, "wounded-taken-to", _JOURNEY_WINDOW)


@rule("where travellers came from", table="not-event-place", order=64,
      example=("The bomb killed 20 people at a petrol station, most of them pilgrims "
               "returning from a ceremony in Kerbala.", "Kerbala"))  # fmt: skip
def travel_origin(text: str, span: Span, pack: LanguagePack) -> bool:
    """Where the victims came from or were going ("pilgrims returning from a religious
    ceremony in Kerbala", "a few travellers from Bahrain", "on their way home to Iran")
    describes them, like a birthplace, not the scene: the stage looks on for the place
    where they were hit."""
    return _told_just_before(text, span, pack, "travel-origin", _JOURNEY_WINDOW)


@rule("a government asked to answer", table="not-event-place", order=58,
      example=("Five guards were killed by the strike, and the ministry demanded an "
               "explanation from Ankara.", "Ankara"))  # fmt: skip
def answer_demanded(text: str, span: Span, pack: LanguagePack) -> bool:
    """A capital asked to answer for the event ("demanding an explanation from Ankara",
    "sought assurances from Baghdad") is the state held to account, an addressee, not
    where the event happened: the stage looks on, and a segment that names no other
    place takes the one told before it (as for rule "a government named")."""
    return _told_just_before(text, span, pack, "answer-demanded", _SOURCE_WINDOW)

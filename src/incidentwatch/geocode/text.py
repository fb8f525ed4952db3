"""Finding toponym candidates in text and reading the words around them.

Pure functions over a string: tokens with offsets, the dateline span, candidate
phrases (capitalised word runs that the gazetteer knows), admin words after a
name ("Diyala province", "Khanaqin district") and relative descriptions before it
("105 km northeast of", "on the outskirts of", "near").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache

from incidentwatch.geocode.normalise import ARTICLES

TOKEN = re.compile(r"[^\W_](?:[\w’'‘`ʻ]|-(?=[^\W_]))*")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# Lower-case words that may sit inside a multi-word name ("Ras al-Ayn",
# "Ramallah and al-Bireh", "Deir ez-Zor").
_CONNECTOR_WORDS = "al el ad ar as ash at ath az an ez es ed er et en ul il and of de la du des"
CONNECTORS = frozenset([*_CONNECTOR_WORDS.split(" "), "bin", "ibn", "abu", "bani", "bu", "wa"])
# An article joined to the name by a hyphen ("al-Khalis", "ez-Zor", "ul-Khalis"): the
# normaliser's articles, one definition (a list of its own here had lost "ul", "es"...).
ARTICLE_PREFIX = re.compile(
    r"^(" + "|".join(sorted(ARTICLES, key=len, reverse=True)) + r")[-‐](?=[A-Z])"
)

# "BAGHDAD (Reuters) -", "Erbil, Iraq (AP) —", "DAMASCUS:" at the very start.
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z’'\.\-]+(?:[ \-][A-Z][A-Za-z’'\.\-]+){0,3}"
    r"(?:,\s*[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)?)"
    r"\s*(?:\((?P<agency>[^)\n]{1,40})\)\s*)?(?P<dash>[-–—:])\s"
)

_DIR = (
    r"north|south|east|west|north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west|"
    r"northeastern|northwestern|southeastern|southwestern|northern|southern|eastern|western"
)
BEARINGS = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
}
_NUM_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a few": 5,
    "several": 10,
    "a": 1,
}
# "north of the capital (city) of Dhaka" names the reference by its rank: still the reference.
_THE = (
    r"(?:the\s+)?(?:(?:capital\s+city|capital|city|town|village|district|province|governorate|"
    r"area|outskirts)\s+of\s+)?"
)
# Text right before a name. Anchored at the end ($): the name follows.
OFFSET = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)?|[a-z]+(?:\s[a-z]+)?)\s*[- ]?\s*"
    r"(?P<unit>km|kms|kilometers|kilometres|kilometer|kilometre|miles|mile|mi)\.?"
    r"(?:\s*\([^)]{1,25}\))?\s+"
    r"(?:\(?(?P<dir>" + _DIR + r")\)?\s+)?(?:of|from)\s+" + _THE + r"$",
    re.IGNORECASE,
)
DIRECTION = re.compile(
    r"\b(?P<dir>" + _DIR + r")\s+(?:of|from)\s+" + _THE + r"$",
    re.IGNORECASE,
)
NEAR = re.compile(
    r"\b(?P<rel>near|nearby|outskirts\s+of|outside(?:\s+of)?|close\s+to|vicinity\s+of|"
    r"suburbs?\s+of|edge\s+of|environs\s+of|countryside\s+of|rural|between|around|"
    r"surrounding|surroundings\s+of|on\s+the\s+road\s+to|road\s+to|highway\s+to|"
    r"(?:" + _DIR + r")\s+countryside\s+of)\s+" + _THE + r"$",
    re.IGNORECASE,
)
# Rule "a road's ends" (session 10): "on the highway between Kirkuk and Baghdad", "the road
# linking Kirkuk to Erbil": the two cities are where the road runs, references like a
# bearing's, not the scene; a scene the clause names besides ("near Tuz Khurmatu") wins,
# and alone they still place the event near the first. The second end follows the first.
ROAD_ENDS = re.compile(
    r"\b(?:road|roads|highway|highways|motorway|route)\s+"
    r"(?:(?:that\s+)?(?:links?|linking|connects?|connecting|between|from)\s+)"
    r"(?:the\s+)?(?:[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,3}\s+(?:and|to|with)\s+(?:the\s+)?)?$"
)
# Words after a name: its admin level ("Diyala province", "Khanaqin district").
ADMIN_AFTER = re.compile(
    r"^(?:’s|'s)?\s+(?P<word>province|governorate|governate|region|district|county|"
    r"sub-?district|qadha|qada|nahiya|countryside|suburbs|outskirts)\b",
    re.IGNORECASE,
)
ADMIN_BEFORE = re.compile(
    r"\b(?P<word>province|governorate|district|sub-?district|region)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
ADMIN_WORD_LEVEL = {
    "province": 1,
    "governorate": 1,
    "governate": 1,
    "region": 1,
    "district": 2,
    "county": 2,
    "qadha": 2,
    "qada": 2,
    "subdistrict": 3,
    "sub-district": 3,
    "nahiya": 3,
    "countryside": 0,
    "suburbs": 0,
    "outskirts": 0,
}
LOCATIVE = re.compile(
    r"\b(?:in|at|on|into|inside|within|across|near|outside|targeting|hit|struck|stormed|"
    r"attacked|attack on|raid on)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$"
    # "in the southeastern Turkish town of Midyat": a place noun and its describing
    # words between the preposition and the name.
    r"|\b(?:in|at|into|inside|near|outside)\s+(?:the|a)\s+(?:[a-z-]+\s+){0,3}"
    r"(?:town|village|city|district|province|governorate|area|neighbou?rhood|suburb|"
    r"region|port|camp|capital)\s+of\s+$",
    re.IGNORECASE,
)
ORIGIN = re.compile(r"\b(?:from|to|towards|toward|for|fled|displaced)\s+(?:the\s+)?$", re.I)
SENTENCE_END = re.compile(r"[.!?;]\s*$|^\s*$|\n\s*$")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def capital(self) -> bool:
        c = self.text[0]
        return c.isupper() or bool(_ARABIC.match(c)) or bool(ARTICLE_PREFIX.match(self.text))

    @property
    def is_acronym(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return self.text.isupper() and len(letters) <= 4


def tokens(text: str) -> list[Token]:
    return list(_tokens(text))


# One analysis reads the tokens of its text twice (places, country words), and an
# article is analysed once per country hint: the last few texts' tokens are kept.
@lru_cache(maxsize=8)
def _tokens(text: str) -> tuple[Token, ...]:
    out = []
    for m in TOKEN.finditer(text):
        s, e = m.start(), m.end()
        word = m.group()
        if word.endswith(("'s", "’s")) and len(word) > 3:
            e -= 2
            word = word[:-2]
        out.append(Token(s, e, word))
    return tuple(out)


# A feed that dropped the agency and dash: "BAGHDAD Iraqi forces ...", "CAMP TARIQ,
# Iraq Islamic State fighters ..." (capitals, then a sentence in mixed case).
BARE_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z’'\.\-]{2,}(?:[ \-][A-Z][A-Z’'\.\-]*){0,4}"
    r"(?:,\s*[A-Z][a-z]+)?)\s+(?=[A-Z][a-z])"
)


def dateline_span(text: str) -> tuple[int, int] | None:
    """The span of the dateline place ("BAGHDAD" in "BAGHDAD (Reuters) - ...")."""
    m = DATELINE.match(text[:200])
    if not m:
        bare = BARE_DATELINE.match(text[:200])
        return (bare.start("place"), bare.end("place")) if bare else None
    place = m.group("place")
    # A dateline is written in capitals or followed by an agency in brackets.
    if not (place.split(",")[0].isupper() or m.group("agency")):
        return None
    return m.start("place"), m.end("place")


@dataclass(slots=True)
class Relation:
    kind: str  # "offset", "direction", "near" or ""
    distance_km: float | None = None
    bearing: float | None = None
    cue_start: int | None = None
    area: bool = False  # "countryside of", "rural": the area around, not the town


def relation_before(text: str, start: int) -> Relation:
    """How the words just before ``start`` relate the name that follows to the event."""
    before = text[max(0, start - 80) : start]
    # Stop at a sentence boundary: cues do not cross it.
    cut = max(before.rfind(". "), before.rfind("\n"))
    if cut >= 0:
        before = before[cut + 1 :]
    offset = max(0, start - len(before))
    m = OFFSET.search(before)
    if m:
        dist = _number(m.group("num"))
        if m.group("unit").lower().startswith("mi") and dist is not None:
            dist *= 1.609
        bearing = _bearing(m.group("dir"))
        return Relation("offset", dist, bearing, offset + m.start())
    m = DIRECTION.search(before)
    if m:
        return Relation("direction", None, _bearing(m.group("dir")), offset + m.start())
    m = ROAD_ENDS.search(before)
    if m:
        return Relation("direction", None, None, offset + m.start())
    m = NEAR.search(before)
    if m:
        rel = m.group("rel").lower()
        area = "countryside" in rel or rel == "rural"
        return Relation("near", cue_start=offset + m.start(), area=area)
    return Relation("")


def _number(word: str) -> float | None:
    word = word.lower().replace(",", ".")
    try:
        return float(word)
    except ValueError:
        return float(_NUM_WORDS[word]) if word in _NUM_WORDS else None


def _bearing(word: str | None) -> float | None:
    if not word:
        return None
    w = word.lower().replace("-", "").replace(" ", "")
    for suffix in ("ern",):
        if w.endswith(suffix):
            w = w[: -len(suffix)]
    return BEARINGS.get(w)


def bearing_word(word: str) -> float | None:
    """The bearing a single compass word names ("south", "North"), else None; not the
    adjective ("southern"), which names a part of a country rather than a unit."""
    return BEARINGS.get(word.lower())


def admin_word_after(text: str, end: int) -> tuple[int, int] | None:
    """(level, end of the admin word) when a name is followed by e.g. "province"."""
    m = ADMIN_AFTER.match(text[end : end + 30])
    if not m:
        return None
    return ADMIN_WORD_LEVEL[m.group("word").lower()], end + m.end()


def admin_word_before(text: str, start: int) -> int | None:
    m = ADMIN_BEFORE.search(text[max(0, start - 40) : start])
    if not m:
        return None
    return ADMIN_WORD_LEVEL[m.group("word").lower()]


def is_sentence_start(text: str, start: int) -> bool:
    return bool(SENTENCE_END.search(text[max(0, start - 3) : start])) or start == 0


def locative_before(text: str, start: int) -> bool:
    return bool(LOCATIVE.search(text[max(0, start - 40) : start]))


def origin_before(text: str, start: int) -> bool:
    return bool(ORIGIN.search(text[max(0, start - 20) : start]))


def in_parentheses(text: str, start: int) -> bool:
    """Whether ``start`` sits inside a "( ... )" that directly follows a word, as in
    "Al Hazm (Al Hazm, Al Jawf)"."""
    window = text[max(0, start - 60) : start]
    opened = window.rfind("(")
    if opened < 0 or ")" in window[opened:]:
        return False
    return bool(window[:opened].rstrip()[-1:].isalnum())


_PLACE_AFTER = re.compile(
    r"^(?:’s|'s)?\s+(?:town|village|city|area|neighbou?rhood|camp|axis|plains?|hill|"
    r"farms?|farmlands|sector|front|road|municipality|subdistrict|sub-district|"
    r"district|countryside|region|mountains?|mount|range|valley|border|crossing|desert|"
    r"heights|ridge)\b",
    re.IGNORECASE,
)
_PLACE_BEFORE = re.compile(
    r"\b(?:town|village|city|neighbou?rhood|area|villages|towns|mountains?|mount|"
    r"valley)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def place_word_after(text: str, end: int) -> bool:
    return bool(_PLACE_AFTER.match(text[end : end + 30]))


def place_word_before(text: str, start: int) -> bool:
    return bool(_PLACE_BEFORE.search(text[max(0, start - 30) : start]))


PERSON_TITLE = re.compile(
    r"\b(?:president|prime\s+minister|minister|general|gen\.|colonel|col\.|lieutenant|"
    r"lt\.|major|captain|capt\.|sergeant|sheikh|mr\.?|mrs\.?|ms\.?|dr\.?|commander|"
    r"spokesman|spokeswoman|spokesperson|director|leader|chief|governor|mayor|emir|king|"
    r"prince|imam|cleric|ayatollah|judge|mukhtar|analyst|expert|professor)\s+"
    r"(?:[A-Z][\w’'\-.]*\s+){0,2}$",
    re.IGNORECASE,
)
SPEECH_AFTER = re.compile(
    r"^(?:’s|'s)?\s*,?\s+(?:said|says|told|added|stated|noted|warned|explained|wrote|"
    r"asked|argued|believes|thinks|who\s+(?:is|was|served|heads|leads))\b"
)
# Words right before a name that introduce a place (or a list of places).
PLACE_CUE = re.compile(
    r"(?:\b(?:in|at|on|near|from|to|into|of|outside|around|towards|toward|between|across|"
    r"through|inside|and|via|targeting|hit|struck|shelled|bombed|stormed|captured|took|"
    r"retook|liberated|entered|attacked|besieged|seized|recaptured|reached)\s+(?:the\s+)?"
    r"(?:\w+\s+){0,1}|[,(]\s*)$",
    re.IGNORECASE,
)


def person_cue(text: str, start: int, end: int) -> bool:
    """A title before the name ("Prime Minister Haider Abadi") or speech after it
    ("Abadi said"): the name is a person's."""
    return bool(PERSON_TITLE.search(text[max(0, start - 60) : start])) or bool(
        SPEECH_AFTER.match(text[end : end + 40])
    )


def place_cue(text: str, start: int) -> bool:
    return bool(PLACE_CUE.search(text[max(0, start - 30) : start]))


# Capitalised words after a place name that keep it a place ("Hakkari Governor's
# office", "Kirkuk Police", "Mosul Airport"), unlike a surname after a first name.
_MODIFIER_WORDS = (
    "governor governorate province provincial council police operations command "
    "municipality mayor directorate district city airport security health education "
    "camp dam front road highway border crossing countryside"
)
PLACE_MODIFIERS = frozenset(_MODIFIER_WORDS.split(" "))


_SPEAKER = re.compile(
    r"\b([A-Z][\w’'\-]+)(?:’s|'s)?\s*,?\s+(?:said|says|told|added|stated|noted|warned|"
    r"explained|wrote|asked|argued)\b"
)


def speakers(text: str) -> set[str]:
    """Loose keys of capitalised words used as the subject of a speech verb
    ("Aziz told", "al-Sadr warned"): surnames of people in the text."""
    from incidentwatch.geocode.normalise import loose

    out = set()
    for m in _SPEAKER.finditer(text):
        word = m.group(1)
        if word.lower() in ("police", "officials", "sources", "he", "she", "they", "it"):
            continue
        out.add(loose(word))
    return out


# The words between a place and the bigger place it lies in ("Zuhur neighbourhood of
# Mosul", "Al-Joura neighborhood in Deir-ez-Zor city", "Qatana town in rural
# Damascus", "the Jihad area, Baghdad city"), up to two place or area words.
_HOST_WORD = (
    r"(?:town|village|city|area|neighbou?rhood|quarter|district|suburb|"
    r"subdistrict|sub-district|camp|market|road|street|region|center|centre|square|"
    r"mountains?|range|valley|border|crossing|desert)"
)
_HOST_AFTER = re.compile(
    r"^(?:’s|'s)?\s*(?:" + _HOST_WORD + r"\s*){0,2}"
    r"(?:,|\bin|\bof|\bwithin|\binside|\s-)\s+(?:the\s+)?(?:(?:city|town|rural|"
    r"countryside|outskirts|province|governorate|district)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
# "<City>'s X", "<City> - X" (ACLED's "city - district"): the host comes first.
_HOST_BEFORE = re.compile(r"^(?:’s|'s)\s+(?:[a-z]+\s+)?$|^\s+-\s+$")


# ACLED's "X (District, Governorate)": the unit in brackets, the district perhaps
# unknown to the gazetteer ("Ar Rayyan (Khabb wa Ash Shaaf, Al Jawf)").
_HOST_PARENS = re.compile(
    r"^\s*(?:" + _HOST_WORD + r"\s*)?\((?:[^(),]{1,30}(?:,\s*)?)?$", re.IGNORECASE
)


def host_after(gap: str) -> bool:
    """Whether ``gap``, the text between a name and the next one, says the first lies
    inside the second."""
    if len(gap) > 40 or "\n" in gap:
        return False
    return bool(_HOST_AFTER.match(gap) or _HOST_PARENS.match(gap))


def host_before(gap: str) -> bool:
    """Whether ``gap``, the text between a name and the next one, makes the first the
    host of the second ("Mosul's Zuhur", "Mosul - Al Zuhur")."""
    return len(gap) <= 20 and bool(_HOST_BEFORE.match(gap))


_DEMONYM_BEFORE = re.compile(
    r"\b([A-Z][a-z]+)\s+(?:(?:border\s+)?(?:town|village|city|region|province|governorate|"
    r"district|area|neighbou?rhood|camp)\s+of\s+)?(?:the\s+)?$"
)


def demonym_before(text: str, start: int) -> str | None:
    """The capitalised adjective right before a name or its place word ("the Syrian
    village of X", "Syrian Kobani"), for the caller to check against the demonyms."""
    m = _DEMONYM_BEFORE.search(text[max(0, start - 40) : start])
    return m.group(1) if m else None


# ", Saudi Arabia." / ", Eastern, Saudi Arabia": the rest of an address list.
_ADDRESS_REST = re.compile(r"^\s*,\s*(?:[A-Z][\w’'\-]*\s*){1,4}(?:[.,;]|$)")


def in_address(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is followed by more items of a comma
    address list ("in Khurais, Eastern, Saudi Arabia")."""
    return bool(_ADDRESS_REST.match(text[end : end + 60]))


_HOST_FOLLOWS = re.compile(
    r"^\s+(?:(?:town|village|area|neighbou?rhood|quarter|district)\s+)?(?:in|of)\s+"
    r"(?:the\s+)?[A-Z]"
)


def host_follows(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is put inside a named place ("X in Mosul",
    "X neighbourhood of Damascus")."""
    return bool(_HOST_FOLLOWS.match(text[end : end + 40]))


_BEARING_FOLLOWS = re.compile(
    r"^\s*,?\s*(?:(?:about\s+|some\s+)?\d+\s*(?:km|kms|kilometers|kilometres|miles)\s+)?"
    r"(?:" + _DIR + r")\s+of\s+(?:the\s+)?[A-Z]",
    re.IGNORECASE,
)


_BEARING_GAP = re.compile(
    r"^\s*(?:(?:area|town|village|district|region|desert|mountains?)\s*)?,?\s*"
    r"(?:(?:about\s+|some\s+)?\d+\s*(?:km|kms|kilometers|kilometres|miles)\s+)?"
    r"(?:" + _DIR + r")\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def bearing_gap(gap: str) -> bool:
    """Whether ``gap``, the text between a name and the next one, places the first by a
    bearing from the second ("Yathrib area, south of Balad", "X, 20 km north of Y")."""
    return len(gap) <= 50 and "\n" not in gap and bool(_BEARING_GAP.match(gap))


def bearing_follows(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is placed by a bearing from another
    ("X, south of Baghdad", "X, 20 km north of Tikrit")."""
    return bool(_BEARING_FOLLOWS.match(text[end : end + 60]))


@dataclass(frozen=True)
class ArabicPlaceWords:
    prefixes: tuple[str, ...]  # longest first
    locative_prefixes: frozenset[str]
    cues: frozenset[str]  # keyed like the gazetteer (loose)
    not_places: frozenset[str]
    quarter_cues: frozenset[str] = frozenset()
    host_words: frozenset[str] = frozenset()
    host_units: frozenset[str] = frozenset()
    host_prefixes: frozenset[str] = frozenset()
    conjunctions: tuple[str, ...] = ()
    quarter_list_cues: frozenset[str] = frozenset()
    bearings: dict[str, float] = field(default_factory=dict)
    distance_units: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    company_words: frozenset[str] = frozenset()


def _arabic_prefix_sets() -> dict[str, list[str]]:
    from incidentwatch.extract.resources import read_toml

    sets: dict[str, list[str]] = {}
    for doc in read_toml("words.toml", "ar"):
        for k, v in (doc.get("words") or {}).items():
            if k.startswith("prefix-") and isinstance(v, list):
                sets[k] = [str(w) for w in v]
    return sets


def arabic_prefixes() -> tuple[tuple[str, ...], frozenset[str]]:
    """The attached prefixes of a place name, longest first, and the locative ones, from
    the Arabic pack's one definition (data/extract/ar/words.toml): each conjunction and
    preposition, each conjunction before each preposition ("وب", "فل"), the contracted
    article ("لل"); locative are those that end in the locative preposition."""
    sets = _arabic_prefix_sets()
    conj, prep = sets.get("prefix-conjunctions", []), sets.get("prefix-prepositions", [])
    found = {*conj, *prep, *(c + p for c in conj for p in prep), *sets.get("prefix-contracted", [])}
    loc = tuple(sets.get("prefix-locative", []))
    return (
        tuple(sorted(found, key=lambda p: (-len(p), p))),
        frozenset(p for p in found if loc and p.endswith(loc)),
    )


@cache
def arabic_place_words() -> ArabicPlaceWords:
    from incidentwatch.geocode.gazetteer import data_dir
    from incidentwatch.geocode.normalise import loose

    with open(data_dir() / "arabic_place_words.toml", "rb") as fh:
        doc = tomllib.load(fh)
    prefixes, locative = arabic_prefixes()
    return ArabicPlaceWords(
        prefixes=prefixes,
        locative_prefixes=locative,
        cues=frozenset(loose(w) for w in doc.get("cues", [])),
        not_places=frozenset(loose(w) for w in doc.get("not_places", [])),
        quarter_cues=frozenset(loose(w) for w in doc.get("quarter_cues", [])),
        host_words=frozenset(loose(w) for w in doc.get("host_words", [])),
        host_units=frozenset(loose(w) for w in doc.get("host_units", [])),
        # "حي الجامعة ببغداد": the locative preposition alone, not "وب" ("and in").
        host_prefixes=frozenset(_arabic_prefix_sets().get("prefix-locative", [])),
        conjunctions=tuple(_arabic_prefix_sets().get("prefix-conjunctions", [])),
        quarter_list_cues=frozenset(loose(w) for w in doc.get("quarter_list_cues", [])),
        bearings={loose(k): float(v) for k, v in (doc.get("bearings") or {}).items()},
        distance_units=frozenset(loose(w) for w in doc.get("distance_units", [])),
        person_titles=frozenset(loose(w) for w in doc.get("person_titles", [])),
        company_words=frozenset(loose(w) for w in doc.get("company_words", [])),
    )


def is_arabic(word: str) -> bool:
    return bool(word) and bool(_ARABIC.match(word[0]))


def arabic_prefixes_of(word: str) -> list[str]:
    """The attached prefixes an Arabic word may start with, longest first ("وب" and "و"
    of "وبغداد", "و" of "وكركوك"), each leaving a stem of at least three letters: the
    name is the stem that the gazetteer knows."""
    return [
        p for p in arabic_place_words().prefixes if word.startswith(p) and len(word) - len(p) >= 3
    ]


def arabic_prefix(word: str) -> str:
    """The longest attached prefix of an Arabic word ("ب" of "ببغداد"), or "" when none
    leaves a stem of at least three letters."""
    found = arabic_prefixes_of(word)
    return found[0] if found else ""


def arabic_quarter_cue(text: str, toks: list[Token], i: int) -> bool:
    """The word before token i names a quarter or district ("حي", "منطقة"): a common
    word after it ("حي الأمين", "منطقة الشرطة") is that quarter's name."""

    if i == 0 or "\n" in text[toks[i - 1].end : toks[i].start]:
        return False
    return _arabic_word_in(toks[i - 1].text, arabic_place_words().quarter_cues)


def _arabic_word_in(word: str, keys: frozenset[str]) -> bool:
    """Whether an Arabic word, as written or with an attached prefix taken off ("بمدينة",
    "وفي", "بحي"), is one of ``keys`` (loose forms)."""
    from incidentwatch.geocode.normalise import loose

    if loose(word) in keys:
        return True
    return any(loose(word[len(p) :]) in keys for p in arabic_prefixes_of(word))


def arabic_bracket_reference(gap: str) -> str | None:
    """What Arabic words in brackets between a name and the next one make of the next:
    "كركوك (240 كلم شمال بغداد)" a distance and a bearing ("offset": Kirkuk lies away from
    Baghdad, not in it); "الرمادي (غرب بغداد)" a bare bearing ("bearing": beside the city,
    or one of its quarters, "اليرموك (غرب بغداد)", so only a small namesake is ruled
    out); None for other gaps (English ones among them)."""
    from incidentwatch.geocode.normalise import loose

    if "(" not in gap or not any(is_arabic(w) for w in gap.replace("(", " ").split()):
        return None
    words = arabic_place_words()
    parts = [loose(w) for w in gap.replace("(", " ").split()]
    if any(w in words.distance_units for w in parts):
        return "offset"
    if any(w in words.bearings for w in parts):
        return "bearing"
    return None


def arabic_owner_before(text: str, toks: list[Token], i: int) -> bool:
    """A rank or title ("العميد", "اللواء") or a company word ("شركة") right before the
    name at token i: the name is a person's or a company's, not a place."""
    if i == 0 or "\n" in text[toks[i - 1].end : toks[i].start]:
        return False
    words = arabic_place_words()
    return _arabic_word_in(toks[i - 1].text, words.person_titles | words.company_words)


def arabic_quarter_list_cue(text: str, toks: list[Token], start: int) -> bool:
    """The word before the name at ``start`` names two or more quarters ("حيي",
    "مناطق"): the names after it are a list."""
    i = next((k for k, t in enumerate(toks) if t.end > start), 0)
    if i == 0 or "\n" in text[toks[i - 1].end : toks[i].start]:
        return False
    return _arabic_word_in(toks[i - 1].text, arabic_place_words().quarter_list_cues)


def arabic_direction_before(
    text: str, toks: list[Token], i: int, prev_end: int | None
) -> Relation | None:
    """ "ناحية سليمان بيك جنوب كركوك": a bare bearing (or two, "شمال شرق") right before
    token i, with another name ending just before it (one word may stand between),
    makes the name at i a reference that places the other, not the event's place."""
    from incidentwatch.geocode.normalise import loose

    if prev_end is None:
        return None
    bearings = arabic_place_words().bearings
    k = i
    found: list[float] = []
    while k > 0 and len(found) < 2 and "\n" not in text[toks[k - 1].end : toks[k].start]:
        b = bearings.get(loose(toks[k - 1].text))
        if b is None:
            break
        found.append(b)
        k -= 1
    if not found or k == 0:
        return None
    # The other name ends right before the bearing, or one word before it.
    if not (toks[k - 1].end == prev_end or (k > 1 and toks[k - 2].end == prev_end)):
        return None
    if len(found) == 2 and {found[0], found[1]} == {0.0, 270.0}:
        bearing = 315.0  # north-west: the mean of 0 and 270 is not 135
    else:
        bearing = sum(found) / len(found)
    return Relation("direction", None, bearing, toks[k].start)


def arabic_host_after(gap: str, in_list: bool = False) -> bool:
    """Whether ``gap``, Arabic words between a name and the next one, puts the first
    inside the second: "حي اليرموك غربي بعقوبة", "اليرموك الثانية في مدينة بعقوبة",
    "حي الجامعة ببغداد" (the gap then ends in the name's attached "ب"). One word may come
    first ("الثانية"), but not one joined by "و"/"ف": "في الموصل وآخر في كركوك" names two
    places side by side; unless ``in_list``, the first name opening a list of quarters
    ("حيي اليرموك والاملاك في بعقوبة")."""
    from incidentwatch.geocode.normalise import loose

    if not gap or len(gap) > 40 or "\n" in gap or not gap[0].isspace():
        return False
    words = arabic_place_words()
    parts = gap.split()
    if not parts or not all(is_arabic(w) for w in parts):
        return False
    if not gap[-1].isspace():
        # The gap ends in the next name's attached prefix.
        if parts.pop() not in words.host_prefixes:
            return False
    elif parts and loose(parts[-1]) in words.host_units:
        parts.pop()
        if not parts:
            return False
        if loose(parts[-1]) not in words.host_words:
            return False
        parts.pop()
    elif parts and loose(parts[-1]) in words.host_words:
        parts.pop()
    else:
        return False
    if in_list:
        return len(parts) <= 1
    return len(parts) <= 1 and not any(w.startswith(words.conjunctions) for w in parts)


def arabic_joined(gap: str) -> bool:
    """Whether ``gap`` between two Arabic names is only "و" (or "ف") attached to the
    second: "اليرموك والاملاك"."""
    return (
        0 < len(gap) <= 3
        and gap[0].isspace()
        and not gap[-1].isspace()
        and gap.strip() in arabic_place_words().conjunctions
    )


def arabic_place_cue(text: str, toks: list[Token], i: int, prefix: str) -> bool:
    """An Arabic name is introduced as a place: by a prepositional prefix ("ببغداد") or
    by a cue word right before it ("في", "حي", "قضاء", "غربي")."""

    words = arabic_place_words()
    if prefix in words.locative_prefixes:
        return True
    if i == 0 or "\n" in text[toks[i - 1].end : toks[i].start]:
        return False
    return _arabic_word_in(toks[i - 1].text, words.cues)

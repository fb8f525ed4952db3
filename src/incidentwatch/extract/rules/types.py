"""Type rules (codebook 3): a cue word that is in an incident but does not decide its type.

The first cue category in `types.toml` order decides the sub-event. Some words of a
category say less than the category: a hotel "retaken" from gunmen is the end of an
attack, not territory changing hands; "hostages" held during an attack do not make it an
abduction; bombs the attackers carried are not a blast. The building stage asks the
`type-cue` table about each cue of an incident; True leaves that cue's category out of
the typing (when no other cue of the category remains)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from incidentwatch.extract.context import Candidate, Cue
from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.registry import Rule, rule

# Cue categories (cues.toml ids) that tell violence done in the incident itself.
VIOLENCE_CATS = frozenset({"kill", "attack", "clash", "ied", "suicide", "shelling", "grenade"})
TERRITORY_CATS = frozenset({"regain", "overtake"})
CLASH = "clash"
# The categories of a fight that support backs (rule "a weapon in support").
_FIGHT_CATS = frozenset({"clash", "regain", "overtake"})
# The categories of a search whose haul a weapon may be (rule "a weapon found").
_SEARCH_CATS = frozenset({"arrest", "disrupt"})


def _taken(tok: Token, pack: LanguagePack) -> Token | None:
    """What a taking verb took: its object, or its passive subject; through "control of"."""
    for c in tok.children:
        if pack.dep(c, "object") or pack.dep(c, "passive-subject"):
            if c.lemma_.lower() in pack.words("control-nouns"):
                for p in c.children:
                    for o in p.children:
                        if pack.dep(o, "preposition-object"):
                            return o
            return c
    # "stormed into a restaurant": no object, the place after the preposition.
    for c in tok.children:
        if pack.dep(c, "preposition") and c.lower_ in pack.words("taken-prepositions"):
            for o in c.children:
                if pack.dep(o, "preposition-object"):
                    return o
    return None


@rule(
    "territory needs a territory",
    table="type-cue",
    order=10,
    example=(
        "Security forces retook the hotel from the gunmen on Saturday after a night of fighting.",
        "retook",
    ),
)
def territory_needs_territory(cue: Cue, cats: frozenset[str], pack: LanguagePack) -> bool:
    """Retaking, freeing or seizing control of a building, a business or a person is not
    territory changing hands (ACLED's territory sub-events need a place): "retook the
    hotel", "seized control of the newspaper", "the son was freed"."""
    if cue.cat not in TERRITORY_CATS:
        return False
    taken = _taken(cue.token, pack)
    if taken is None:
        return False
    word = taken.lemma_.lower()
    return (
        word in pack.words("not-territory")
        or word in pack.words("kin-nouns")
        or word in pack.words("hostage-words")
    )


@rule(
    "hostages in an attack",
    table="type-cue",
    order=20,
    example=(
        "Gunmen stormed a cafe in the capital on Friday, killing 20 people and taking "
        "dozens of hostages.",
        "hostages",
    ),
)
def hostages_in_attack(cue: Cue, cats: frozenset[str], pack: LanguagePack) -> bool:
    """Hostages held during an attack that kills or fights are part of the attack, not an
    abduction ("stormed a cafe, killing 20 and taking hostages")."""
    return (
        cue.cat == "abduct"
        and cue.token.lemma_.lower() in pack.words("hostage-words")
        and bool(cats & VIOLENCE_CATS)
    )


@rule(
    "bombs carried are not a blast",
    table="type-cue",
    order=30,
    example=(
        "Assailants armed with crude bombs and knives attacked a police checkpoint on Thursday.",
        "bombs",
    ),
)
def bombs_carried(cue: Cue, cats: frozenset[str], pack: LanguagePack) -> bool:
    """A bomb named as what someone carried or used ("armed with crude bombs", "with a
    bomb-carrying robot") is a weapon of the event, not an explosion that makes it one:
    the other violence of the incident decides its type."""
    if cue.cat != "ied" or not (cats & (VIOLENCE_CATS - {"ied"})):
        return False
    tok = cue.token
    for _ in range(4):
        if pack.dep(tok, "preposition-object"):
            return tok.head.lower_ in pack.words("instrument-prepositions")
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


@rule(
    "a bomb worn is no blast",
    table="type-cue",
    order=35,
    example=(
        "Two gunmen, one of them wearing an explosive belt, opened fire on a police "
        "checkpoint near Tikrit.",
        "explosive",
    ),
)
def bomb_worn(cue: Cue, cats: frozenset[str], pack: LanguagePack) -> bool:
    """A bomb named as what the attackers wore or carried ("some of them wearing
    explosive belts", "carrying hand grenades") is their gear, not an explosion: when the
    incident tells other violence, that violence types it (a gun attack on a checkpoint
    stays an armed clash)."""
    if cue.cat != "ied" or not (cats & (VIOLENCE_CATS - {"ied"})):
        return False
    tok = cue.token
    for _ in range(3):
        head = tok.head
        if head.i == tok.i:
            return False
        if head.pos_ == "VERB":
            return pack.dep(tok, "object") and head.lemma_.lower() in pack.words("wearing-verbs")
        tok = head
    return False


@rule(
    "seizing control is no weapons seizure",
    table="type-cue",
    order=40,
    example=(
        "Police seized control of the opposition newspaper in Istanbul on Friday and "
        "detained two editors.",
        "seized",
    ),
)
def seizing_control(cue: Cue, cats: frozenset[str], pack: LanguagePack) -> bool:
    """ "Seized control of" a place or a paper takes it over; only weapons, explosives or
    goods seized disrupt weapons use."""
    return cue.cat == "disrupt" and any(
        pack.dep(c, "object") and c.lemma_.lower() in pack.words("control-nouns")
        for c in cue.token.children
    )


@rule(
    "a suicide attack only asked about",
    table="type-cue",
    order=50,
    example=(
        "A bus exploded in Haifa on Monday, wounding nine people. Police said it was too "
        "early to say if it was a suicide bombing.",
        "suicide",
    ),
)
def suicide_asked_about(cue: Cue, cats: frozenset[str], pack: LanguagePack) -> bool:
    """ "Too early to say if it was a suicide bombing", "unclear whether the bomber died":
    a suicide attack the text only asks about is not told; the blast is typed by its other
    words (a remote explosive when nothing else is said)."""
    if cue.cat != "suicide":
        return False
    markers = pack.words("question-markers")
    tok = cue.token
    for _ in range(4):
        if any(pack.dep(c, "marker") and c.lower_ in markers for c in tok.children):
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


@rule(
    "an aircraft that describes is no strike",
    table="type-cue",
    order=60,
    example=(
        "Police set up checkpoints around Kirkuk and sent out helicopter search parties on "
        "Monday after two engineers went missing.",
        "helicopter",
    ),
)
def aircraft_describes(cue: Cue, cats: frozenset[str], pack: LanguagePack) -> bool:
    """An aircraft word that only describes another noun ("helicopter search parties",
    "drone footage", "an aircraft carrier") names no strike; "helicopter gunships" and "a
    drone attack" still do (`aircraft-strike-heads`)."""
    if cue.cat != "airstrike" or cue.end - cue.start != len(cue.token.text):
        return False  # a phrase ("air strike", "drone strike") is a strike
    tok = cue.token
    if not pack.dep(tok, "compound") or tok.head.i == tok.i:
        return False
    return tok.head.lemma_.lower() not in pack.words("aircraft-strike-heads")


@rule(
    "the detained who protest",
    table="type-cue",
    order=70,
    example=(
        "Dozens of migrants being detained at a camp near Athens protested behind its fence "
        "on Tuesday.",
        "detained",
    ),
)
def detained_who_protest(cue: Cue, cats: frozenset[str], pack: LanguagePack) -> bool:
    """Detention that says who the protesters are ("migrants being detained at a camp
    protested", "detained workers went on hunger strike") is their state, not an
    intervention in the protest: the protest stays peaceful unless something else is
    told."""
    if cue.cat != "arrest" or "protest" not in cats:
        return False
    tok = cue.token
    if tok.head.i == tok.i:
        return False
    if pack.dep(tok, "attribute"):
        return True
    being = pack.words("progressive-passive-auxiliary")
    return pack.dep(tok, "clause-modifier") and any(c.lower_ in being for c in tok.children)


@rule(
    "the sound of a fight",
    table="type-cue",
    order=80,
    example=(
        "Troops stormed the southern district of the town on Monday, and a crew nearby said "
        "explosions and gunfire were ripping through its streets.",
        "explosions",
    ),
)
def sound_of_fight(cue: Cue, cats: frozenset[str], pack: LanguagePack) -> bool:
    """Explosions told together with gunfire ("explosions and gunfire were ripping through
    the district", "heard gunfire and blasts") are the noise of fighting heard from afar,
    not a bomb: when the incident tells other violence (troops storming, a clash, an
    assault), that violence types it, and an army advance is no IED."""
    if cue.cat != "ied" or not (cats - {"ied"}) & (VIOLENCE_CATS | TERRITORY_CATS):
        return False
    tok = cue.token
    if tok.lemma_.lower() not in pack.words("explosion-nouns"):
        return False
    gunfire = pack.words("gunfire-nouns")
    heads = [tok.head] if pack.dep(tok, "coordinated") else []
    return any(
        t.lemma_.lower() in gunfire
        for t in [*heads, *(c for c in tok.children if pack.dep(c, "coordinated"))]
    )


@rule(
    "explosives that open a siege",
    table="type-cue",
    order=90,
    example=(
        "Two car bombs went off outside a hotel in the capital on Friday before masked "
        "gunmen stormed it.",
        "bombs",
    ),
)
def siege_explosives(cue: Cue, cats: frozenset[str], pack: LanguagePack) -> bool:
    """Explosions that open an assault by armed men who then storm the place ("two car
    bombs went off outside the hotel before gunmen stormed it"), or set off in an incident
    that tells both an attack and hostages taken (a siege: "gunmen detonated explosives
    and took the diners hostage"), are part of the assault: it types the incident, not a
    bomb. The explosion must be told before the storming in its sentence: attackers who
    storm a gate and then detonate their bombs ("stormed the entrance and detonated their
    explosives") carried out a bombing. A car bomb followed by gunmen opening fire is
    still a bombing: only a storming or a siege counts."""
    # Bombs worn or carried are the attackers' gear: their own rules decide.
    if cue.cat != "ied" or bomb_worn(cue, cats, pack) or bombs_carried(cue, cats, pack):
        return False
    if {"attack", "abduct"} <= cats:
        return True
    storming = pack.words("storming-lemmas")
    sent = cue.token.sent
    return "attack" in cats and any(
        t.lemma_.lower() in storming for t in sent[cue.token.i - sent.start + 1 :]
    )


def type_cats(
    members: Iterable[Candidate], cats: set[str], rules: tuple[Rule, ...], pack: LanguagePack
) -> set[str]:
    """The categories that type an incident: `cats` without those whose every cue a
    `type-cue` rule leaves out (all of them when nothing would be left). A building
    retaken by force from its attackers was fought for: a clash (codebook 5a: security
    forces storming a held hotel are Battles / Armed clash)."""
    frozen = frozenset(cats)
    dropped: set[str] = set()
    kept: set[str] = set()
    for c in (cue for m in members for cue in m.cues):
        if any(r(c, frozen, pack) for r in rules):
            dropped.add(c.cat)
        else:
            kept.add(c.cat)
    out = cats - (dropped - kept)
    if (dropped - kept) & TERRITORY_CATS and out & VIOLENCE_CATS:
        out.add(CLASH)
    return out or set(cats)


@rule(
    "a weapon in support",
    table="type-cue",
    order=97,
    example=(
        "Kurdish-led fighters captured the village of Jaabar on Thursday after three days "
        "of clashes, with U.S. gunners supporting the push with artillery.",
        "artillery",
    ),
)
def weapon_in_support(cue: Cue, cats: frozenset[str], pack: LanguagePack) -> bool:
    """Strikes or artillery told as what backs a fight ("units backed by tanks and
    artillery advanced", "to support the offensive with artillery", "supported by
    coalition air strikes") back one side of it (codebook 5a, air support): when the
    incident tells the fight itself (a clash, ground taken), the fight types
    it, not the support. Strikes that do the backing ("jets struck rebel positions to
    support an advance") are not governed by the support word and stay strikes."""
    if cue.cat not in pack.words("support-weapon-cues") or not (cats & _FIGHT_CATS):
        return False
    # The weapon is what the support verb is done "by" or "with": reached from the cue
    # through a preposition, never as the verb's subject ("strikes supported the troops"
    # may be parsed either way).
    support = pack.words("support-verbs")
    tok, through = cue.token, False
    for _ in range(4):
        if tok.head.i == tok.i:
            return False
        through = through or pack.dep(tok, "agent-or-preposition")
        tok = tok.head
        if tok.lemma_.lower() in support:
            return through
    return False


@rule(
    "a weapon found",
    table="type-cue",
    order=98,
    example=(
        "Police detained nine suspects in a raid near Baiji on Monday. Two rifles and a "
        "suicide vest were found in one of the houses.",
        "suicide",
    ),
)
def weapon_found(cue: Cue, cats: frozenset[str], pack: LanguagePack) -> bool:
    """A bomb named as what a search found or seized ("a suicide vest and rifles were
    found in one house", "troops seized explosives") went off nowhere: in an incident that
    tells arrests or a seizure, it is the search's haul (codebook 3: a sweep with arrests
    is Arrests, with weapons found Disrupted weapons use), not a blast."""
    if not (cats & _SEARCH_CATS):
        return False
    return found_by_search(cue, pack)


def found_by_search(cue: Cue, pack: LanguagePack) -> bool:
    """Whether the cue is a weapon a finding verb governs ("a suicide vest ... were found",
    "troops seized explosives"): one definition for the type rule "a weapon found" and the
    grouping rule "a search's haul"."""
    if cue.cat not in pack.words("found-weapon-cues"):
        return False
    tok = cue.token
    for _ in range(4):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ == "VERB":
            return tok.lemma_.lower() in pack.words("finding-verbs")
    return False


@rule(
    "the attack it answers",
    table="type-cue",
    order=93,
    example=(
        "Warships fired cruise missiles at an air base near Homs on Friday in retaliation "
        "for a chemical attack on a rebel-held town.",
        "chemical",
    ),
)
def attack_answered(cue: Cue, cats: frozenset[str], pack: LanguagePack) -> bool:
    """An attack named as what this one answers ("in retaliation for the chemical attack",
    "in revenge for the bombings", "to avenge the killing") is an earlier incident: its
    weapon does not type the strike that answers it (the missiles stay a missile attack).
    The cue must hang on the answer word through a preposition or as its verb's object."""
    nouns, verbs = pack.words("answer-nouns"), pack.words("answer-verbs")
    tok, through = cue.token, False
    for _ in range(5):
        head = tok.head
        if head.i == tok.i:
            return False
        through = through or pack.dep(tok, "preposition-object")
        word = head.lemma_.lower()
        if word in nouns:
            return through
        if word in verbs:
            return through or pack.dep(tok, "object")
        tok = head
    return False


# ---- session 10 fresh10 ----
@rule(
    "a shell left over",
    table="type-cue",
    order=95,
    example=(
        "Two boys were killed on Sunday when an old artillery shell they had picked up blew "
        "up in a field outside Haditha.",
        "artillery",
    ),
)
def shell_left_over(cue: Cue, cats: frozenset[str], pack: LanguagePack) -> bool:
    """A shell, mortar round or rocket that lay where an earlier fight left it ("an old
    artillery shell ... blew up", "an unexploded mortar round went off", "a rocket left by
    the militants exploded") was fired by no one that day: its blast is an explosive
    remnant, which ACLED codes as Remote explosive/landmine/IED, not shelling. Only when
    the incident tells the blast (an explosion cue)."""
    if cue.cat != "shelling" or "ied" not in cats:
        return False
    noun = cue.token
    for _ in range(3):  # "artillery" in "old artillery shell": up to the head noun
        if not pack.dep(noun, "compound") or noun.head.i == noun.i:
            break
        noun = noun.head
    left = pack.words("left-over-words")
    return any(c.lower_ in left for c in noun.children) or noun.lower_ in left

"""Grouping rules: do two tellings in one article tell the same incident?

The grouping stage (stages/grouping.py) asks, for a group told so far (`a`) and a
later telling (`b`), each rule in order; the first that answers True (same
incident) or False (two incidents) decides. None: no opinion, ask the next."""

from __future__ import annotations

from dataclasses import dataclass

from incidentwatch.extract.actors import INITIATOR
from incidentwatch.extract.classify import WEAPON_CUES
from incidentwatch.extract.context import Candidate
from incidentwatch.extract.registry import rule
from incidentwatch.geo import within_km
from incidentwatch.records import Place
from incidentwatch.resolve.rules import load_rules

# Cue categories (codebook types, not words of a language).
CASUALTY_CATS = {"kill", "wound"}
# Police action that makes a demonstration violent, so it may join a violent telling.
_ESCALATION_CATS = {"riot", "excessive", "intervention"}
# Sentences after a fight within which damage told with no day or place of its own is that
# fight's (rule "damage done in the fight"): the next paragraph's telling, not the story's end.
_FIGHT_DAMAGE_REACH = 2


def same_place(a: Place, b: Place) -> bool:
    """Two tellings in one article are at one place: the same name, within the merge's
    same-place distance (codebook 25 km, data/resolve/merge_rules.json), or one inside the
    other (a country or governorate agrees with a town in it). Looser than the merge
    across articles (resolve.merge.places_agree): one article names its places once and
    then refers to them by their governorate or country."""
    if a.name.lower() == b.name.lower():
        return True
    if (
        a.latitude is not None
        and b.latitude is not None
        and a.longitude is not None
        and b.longitude is not None
        and within_km(a.latitude, a.longitude, b.latitude, b.longitude,
                      load_rules().max_distance_km)[0]
    ):  # fmt: skip
        return True
    ca = a.country.code if a.country else None
    cb = b.country.code if b.country else None
    if (a.admin1 is None or b.admin1 is None) and ca and ca == cb:
        return True
    if a.geo_precision == 3 or b.geo_precision == 3:
        return bool(a.admin1 and a.admin1 == b.admin1)
    return False


@dataclass(frozen=True)
class Pair:
    a: Candidate  # the group so far (the first telling and those merged into it)
    b: Candidate  # the later telling
    short: bool  # a note or narrative that tells one event
    fa: str  # event family of each ("violence", "demo", "sd", "other")
    fb: str
    # `b` brings in an incident of its own: "Elsewhere", "in a separate attack"
    # (the pack's `new-incident` words).
    opens_new: bool = False
    # `b` names its event by the day it happened ("killed in Friday's fighting").
    named_by_day: bool = False
    # `b` names an attack told or its doers ("the attack", "one of the attackers").
    attackers_told: bool = False
    # `b` says the toll told before includes it ("The toll included 15 people killed ...").
    part_of_total: bool = False
    # `b` tells its toll as an update ("the death toll has climbed to 14", "..., raising the
    # toll to eight": the merge's `toll_update_patterns`).
    updates_toll: bool = False
    # `b` says the incident told was followed by another deed ("This attack was followed
    # by a car bombing that killed four": the pack's `followed-by-another` words).
    followed_by: bool = False
    # `b`'s only event words are weapons a search found ("a suicide vest ... were found in
    # one house": rules/types.found_by_search).
    search_haul: bool = False
    # `b`'s only event words are dying verbs ("He died a day later", "two of them died the
    # following day"): a death, not a deed (the pack's `dying-verbs`).
    dies: bool = False

    @property
    def same_family(self) -> bool:
        return self.fa == self.fb or "sd" in (self.fa, self.fb)

    @property
    def both_tolls(self) -> bool:
        a, b = self.a, self.b
        return bool((a.killed or a.wounded) and (b.killed or b.wounded))

    @property
    def toll_in_same_sentence(self) -> bool:
        return self.both_tolls and any(m.sent_index == self.b.sent_index for m in self.a.all)


def _country(c: Candidate) -> str | None:
    p = c.place
    return p.country.code if p is not None and p.country is not None else None


def _breaks_down(a: Candidate, b: Candidate) -> bool:
    """The group counted victims of the kind `b` breaks down (the dead, the wounded)."""
    for attr in ("killed", "wounded"):
        if getattr(b, attr) is not None:
            return any(getattr(m, attr) is not None for m in a.all)
    return False


# Days after the wounding within which a death told with no doer is the wounded dying.
_DIED_LATER_DAYS = 7


@rule(
    "the wounded who died days later",
    table="grouping",
    order=1,
    example=(
        "A roadside bomb wounded three soldiers near Tikrit on Sunday. Two of them died the "
        "following day.",
        "same",
    ),
)
def wounded_who_died_days_later(p: Pair) -> bool | None:
    """A death told a few days after an incident that wounded people, with no doer, no
    event word but dying and no place of its own ("He died a day later", "Two of them died
    the following day"), is the wounded dying: one more dead of that incident (codebook 5),
    though its day is the day of the death, not a new incident."""
    a, b = p.a, p.b
    if not p.dies or p.opens_new or b.killed is None or b.wounded is not None:
        return None
    if any(m.role == INITIATOR for m in b.actors):
        return None
    if not any(m.wounded is not None for m in a.all):
        return None
    if a.date is None or b.date is None or a.date.date is None or b.date.date is None:
        return None
    if not 0 < (b.date.date - a.date.date).days <= _DIED_LATER_DAYS:
        return None
    return True if _places_do_not_differ(a, b) else None


@rule(
    "an incident followed by another",
    table="grouping",
    order=2,
    example=(
        "A suicide bomber killed six soldiers at a checkpoint in Tarmiya on Sunday. This "
        "attack was followed by a car bombing that killed four civilians in the town.",
        "different",
    ),
)
def an_incident_followed_by_another(p: Pair) -> bool | None:
    """A telling that says the incident told was followed by another deed ("This attack
    was followed by a car bombing that killed four civilians", "The blast was followed by
    a second explosion that killed two more") brings in a second incident, though it names
    the first again ("This attack") and shares its place and day: two incidents. Only
    when the second deed has a toll or a doer of its own."""
    b = p.b
    if not p.followed_by or b.subset:
        return None
    has_doer = any(m.role == INITIATOR for m in b.actors)
    if has_doer or b.killed is not None or b.wounded is not None:
        return False
    return None


@rule(
    "a part of a total",
    table="grouping",
    order=3,
    example=(
        "At least 20 people were killed in air strikes in Raqqa province on Monday. The "
        "toll included 12 people killed when a strike hit a market in Tabqa on Monday.",
        "different",
    ),
)
def a_part_of_a_total(p: Pair) -> bool | None:
    """A telling that says the toll told before includes it ("The toll included 12 people
    killed when a strike hit a market in Tabqa") and tells an event of its own is a part
    of that total, not the total told again: two tellings (the series rule "a total and
    its parts" then keeps the parts), though they share a day and a place."""
    a, b = p.a, p.b
    if not p.part_of_total or a.killed is None or b.killed is None:
        return None
    if b.cats <= CASUALTY_CATS or (b.killed.best or 0) >= (a.killed.best or 0):
        return None
    return False


@rule(
    "victims of the incident told",
    table="grouping",
    order=5,
    example=(
        "A bomb killed nine people at a cafe in Kirkuk. Two of the dead were police officers.",
        "same",
    ),
)
def victims_of_the_incident_told(p: Pair) -> bool | None:
    """A breakdown of the victims just counted ("six of its citizens were killed", "Two
    of the dead were police officers") tells the incident before it again, whatever day
    or country its speaker or the victims' nationality gives it."""
    pa, pb = p.a.place, p.b.place
    # "raising its toll after many of the wounded died" in another named town is its own.
    if pa is not None and pb is not None and pa.admin1 and pb.admin1 and not same_place(pa, pb):
        return None
    if not p.b.subset:
        return None
    if _breaks_down(p.a, p.b):
        return p.same_family
    # A breakdown of the wounded after a group that counted only the dead ("many of the
    # dozens wounded have minor injuries" in a live blog): the same victims of another
    # kind; let the other rules decide, as for a note.
    if any(m.killed is not None or m.wounded is not None for m in p.a.all):
        return None
    # In a long article, a group that counted no victims is not the one broken down:
    # look further back. A note tells one event: let the other rules decide.
    return None if p.short else False


def _places_do_not_differ(a: Candidate, b: Candidate) -> bool:
    """No place, or one place (the one same-place test) for the two tellings."""
    return a.place is None or b.place is None or same_place(a.place, b.place)


def _no_day_or_place_of_its_own(a: Candidate, b: Candidate) -> bool:
    """The later telling `b` gives no event day (a report's day aside) and no place that
    differ from `a`'s."""
    if b.date and not b.day_of_report and a.date and b.date.date != a.date.date:
        return False
    return _places_do_not_differ(a, b)


@rule(
    "an event named by its day",
    table="grouping",
    order=6,
    example=(
        "Gunmen killed a guard at a bank in Kirkuk on Friday. A second guard died of his "
        "wounds after Friday's attack, his family said.",
        "same",
    ),
)
def an_event_named_by_its_day(p: Pair) -> bool | None:
    """A telling that names its event by the day it happened ("was killed in Friday's
    fighting", "Thursday's air strikes") refers to the incident the article told on that
    day: the same incident (codebook 1), though its words name no place or a scene the
    first telling did not. Not when the two name different places, nor when the telling
    brings in another incident ("in a separate attack")."""
    a, b = p.a, p.b
    if not p.named_by_day or p.opens_new or not p.same_family:
        return None
    if a.date is None or b.date is None or a.date.date != b.date.date:
        return None
    return True if _places_do_not_differ(a, b) else None


# A report names an incident told before at most this many days after it.
REPORT_AFTER_DAYS = 3


@rule(
    "a report on an incident told",
    table="grouping",
    order=7,
    example=(
        "A suicide bomber killed six people at a mosque in Kirkuk on Friday. Police on "
        "Saturday identified the bomber in Kirkuk as a local man who detonated a vest.",
        "same",
    ),
)
def a_report_on_an_incident_told(p: Pair) -> bool | None:
    """A telling dated only by its report ("police on Monday named one of the gunmen at
    the shrine as ...") that names the attack or its doers again, at the
    place of an incident the article told a day or few before, tells that incident: the
    report's day is a bound on the event's day, not another day of violence (codebook
    1: one incident, one day). Both places must be named below a country, and agree."""
    a, b = p.a, p.b
    if not b.day_of_report or not p.attackers_told or p.opens_new or not p.same_family:
        return None
    if a.date is None or b.date is None or a.date.date is None or b.date.date is None:
        return None
    if not 0 < (b.date.date - a.date.date).days <= REPORT_AFTER_DAYS:
        return None
    if a.place is None or b.place is None or a.place.admin1 is None or b.place.admin1 is None:
        return None
    return True if same_place(a.place, b.place) else None


@rule(
    "two deeds told apart",
    table="grouping",
    order=4,
    example=(
        "Militants launched an assault on an army post in Hama on Monday and fired rockets "
        "on a school in the city.",
        "different",
    ),
)
def two_deeds_told_apart(p: Pair) -> bool | None:
    """The second of two deeds a `clause-split` rule cut apart ("launched an assault on
    an army post ... and fired rockets on a school") is not the incident of the clause
    before it, though they share the sentence, the doer and the day. Not in a note or a
    narrative (ACLED, GTD, RAND): it codes one event per note."""
    b = p.b
    if not p.short and b.split_clause and any(m.sent_index == b.sent_index for m in p.a.all):
        return False
    return None


@rule(
    "a new incident told",
    table="grouping",
    order=8,
    example=(
        "Jets bombed a market in Aleppo on Monday, killing nine. Elsewhere in the city, "
        "rebels clashed with Kurdish fighters, killing four.",
        "different",
    ),
)
def a_new_incident_told(p: Pair) -> bool | None:
    """A telling that says it brings in another event ("Elsewhere in the city, rebels
    clashed with Kurdish fighters", "In a separate attack, ...") is not the incident told
    before it, though it shares its city and its day: two incidents. Only a telling with
    an event of its own (a doer, people taken, or a toll that is no breakdown of the
    victims counted)."""
    b = p.b
    if not p.opens_new or b.subset:
        return None
    has_doer = any(m.role == INITIATOR for m in b.actors)
    if has_doer or b.killed is not None or b.wounded is not None:
        return False
    # People taken ("Meanwhile, a doctor and his wife were kidnapped") are an event of
    # their own too, though no kidnapper is named.
    if b.abducted is not None:
        return False
    return None


@rule(
    "a toll update of the incident told",
    table="grouping",
    order=9,
    example=(
        "A car bomb killed nine people at a market in Baquba on Friday. Rescuers found two "
        "more bodies on Saturday, raising the death toll to 11.",
        "same",
    ),
)
def a_toll_update_of_the_incident_told(p: Pair) -> bool | None:
    """A telling whose toll is an update ("The death toll has climbed to 14, a hospital
    source said on Sunday", "Rescuers found two more bodies on Saturday, raising the death
    toll to 11") and that tells no event of its own (only casualty words, no doer) updates
    the toll of the incident told before it (codebook 5: an update replaces the figure of
    the incident it refers to), though its day is the day of the update: not a new
    incident. Not when it brings in another incident ("Elsewhere, ..."), names another
    place, or is dated before the incident."""
    a, b = p.a, p.b
    if not p.updates_toll or p.opens_new or b.killed is None or not p.same_family:
        return None
    if not b.cats <= CASUALTY_CATS or any(m.role == INITIATOR for m in b.actors):
        return None
    if not any(m.killed is not None for m in a.all):
        return None
    da, db = (a.date.date if a.date else None), (b.date.date if b.date else None)
    if da is not None and db is not None and db < da:
        return None
    return True if _places_do_not_differ(a, b) else None


@rule(
    "different days",
    table="grouping",
    order=10,
    example=(
        "Gunmen attacked a checkpoint on Monday. Gunmen attacked a checkpoint on Friday.",
        "different",
    ),
)
def different_days(p: Pair) -> bool | None:
    """Two days named: two incidents ("on Monday ... on Friday")."""
    a, b = p.a, p.b
    if a.date and b.date and a.date.date != b.date.date:
        return False
    return None


@rule(
    "refers back",
    table="grouping",
    order=20,
    example=(
        "A car bomb exploded in Kirkuk on Monday. The explosion killed two policemen.",
        "same",
    ),
)
def refers_back(p: Pair) -> bool | None:
    """An undated telling that refers back ("The explosion killed two policemen") within
    two sentences is the event just told, wherever the geocoder places its words."""
    b = p.b
    near = abs(p.a.all[-1].sent_index - b.sent_index) <= 2
    if b.anaphoric and near and b.date is None and p.same_family:
        return True
    return None


@rule(
    "short report follow-up",
    table="grouping",
    order=30,
    example=(
        "Gunmen attacked a police patrol in Tikrit. One policeman was wounded.",
        "same",
    ),
)
def short_report_follow_up(p: Pair) -> bool | None:
    """A short report (a note, a narrative) tells one event: a follow-up sentence without
    its own day elaborates it, unless it gives a second toll in the same sentence."""
    if p.short and p.b.date is None and p.same_family and not p.toll_in_same_sentence:
        return True
    return None


@rule(
    "different countries",
    table="grouping",
    order=40,
    example=(
        "A bomb killed two soldiers in Mosul. A bomb killed four people in Aleppo.",
        "different",
    ),
)
def different_countries(p: Pair) -> bool | None:
    """Places in two countries: two incidents."""
    ca, cb = _country(p.a), _country(p.b)
    if ca and cb and ca != cb:
        return False
    return None


@rule(
    "different places",
    table="grouping",
    order=50,
    example=(
        "A bomb killed two soldiers in Mosul. Gunmen attacked a checkpoint in Basra.",
        "different",
    ),
)
def different_places(p: Pair) -> bool | None:
    """Two places that are not the same (by name, within 25 km, or one inside the other)."""
    pa, pb = p.a.place, p.b.place
    if pa is not None and pb is not None and not same_place(pa, pb):
        return False
    return None


@rule(
    "two tolls in one sentence",
    table="grouping",
    order=60,
    example=(
        "A car bomb killed nine people in the market, while six were killed at a mosque.",
        "different",
    ),
)
def two_tolls_in_one_sentence(p: Pair) -> bool | None:
    """ "A car bomb in X killed 9, while in Y six were killed": two tolls, two incidents."""
    if p.toll_in_same_sentence:
        return False
    return None


def _doers(c: Candidate) -> set[str]:
    """The canonical names of the initiators a telling names (any of their readings)."""
    return {e.name for m in c.actors if m.role == INITIATOR for e, _country in m.entries}


@rule(
    "two tolls by two doers with two weapons",
    table="grouping",
    order=65,
    example=(
        "Turkish artillery killed 30 militants near Azaz on Friday, the army said. Earlier "
        "on Friday, coalition air strikes in Syria killed 20 militants, a monitor said.",
        "different",
    ),
)
def two_tolls_two_doers_two_weapons(p: Pair) -> bool | None:
    """In a long article, two tellings that each count their own dead, told of different
    doers striking with different weapons ("Turkish artillery killed 30 ... coalition air
    strikes killed 20"), are two incidents, though one is placed only by the country the
    other lies in. Not a breakdown of the victims counted nor a telling that refers back
    ("the strikes killed 20"): those tell the same incident again."""
    a, b = p.a, p.b
    if p.short or b.subset or b.anaphoric or a.killed is None or b.killed is None:
        return None
    doers_a, doers_b = _doers(a), _doers(b)
    means_a, means_b = a.cats & WEAPON_CUES, b.cats & WEAPON_CUES
    if doers_a and doers_b and not doers_a & doers_b and means_a and means_b:
        return False if not means_a & means_b else None
    return None


def _named_in_telling(c: Candidate) -> bool:
    """The telling's place is named in its own words, not carried from another sentence
    (a place with no known offset counts as named)."""
    at = c.place.start if c.place is not None else None
    return at is None or c.seg_start <= at < c.seg_end


@rule(
    "two tolls in two named places",
    table="grouping",
    order=70,
    example=(
        "A bomb killed three people in Karrada. Gunmen killed two guards in Mansour.",
        "different",
    ),
)
def two_tolls_two_places(p: Pair) -> bool | None:
    """In a long article, two tolls in two named places are two incidents. A place named
    only by its country is not a second place: "36 people had been wounded, Turkey's
    health minister said" tells the Istanbul bombing again. Nor is a place the later
    telling does not name, carried from an earlier sentence ("Three fighters were also
    killed in the fighting" after a lead that names the city the offensive is aimed at):
    its toll is told without a scene of its own."""
    pa, pb = p.a.place, p.b.place
    if (
        not p.short
        and p.both_tolls
        and pa is not None
        and pb is not None
        and pa.admin1 is not None
        and pb.admin1 is not None
        and pa.name.lower() != pb.name.lower()
        and not p.b.anaphoric
        and _named_in_telling(p.b)
    ):
        return False
    return None


@rule(
    "different kinds",
    table="grouping",
    order=80,
    example=(
        "Hundreds protested in Basra over power cuts. A bomb killed two soldiers in Basra.",
        "different",
    ),
)
def different_kinds(p: Pair) -> bool | None:
    """Violence and a demonstration are two incidents, unless the demonstration turned
    violent or was broken up."""
    fa, fb = p.fa, p.fb
    if (
        fa != fb
        and "sd" not in (fa, fb)
        and not ({fa, fb} == {"violence", "demo"} and (_ESCALATION_CATS & (p.a.cats | p.b.cats)))
    ):
        return False
    return None


@rule(
    "sweep and attack",
    table="grouping",
    order=90,
    example=(
        "Police arrested five suspects near Hawija. Gunmen attacked a checkpoint near Hawija.",
        "different",
    ),
)
def sweep_and_attack(p: Pair) -> bool | None:
    """A security operation (arrests, a sweep) and an attack are different incidents unless
    told as one."""
    if {p.fa, p.fb} == {"violence", "sd"} and (not (p.b.cats & CASUALTY_CATS) or p.b.repeats > 1):
        return False
    return None


@rule(
    "damage done in the fight",
    table="grouping",
    order=87,
    example=(
        "Rebels attacked army posts outside Hama on Monday, killing four soldiers. The "
        "soldiers destroyed a rebel truck before falling back, the army said.",
        "same",
    ),
)
def damage_in_the_fight(p: Pair) -> bool | None:
    """Things destroyed, told in the sentences right after a fight or an attack with no
    casualty, day or other place of their own ("The soldiers destroyed two vehicles before
    falling back"), are the fight's damage (codebook 1: one incident, one day, one place),
    not a looting or property destruction of their own."""
    a, b = p.a, p.b
    if p.fa != "violence" or p.opens_new or not b.cues:
        return None
    if not all(c.cat == "looting" for c in b.cues) or b.killed or b.wounded:
        return None
    if b.sent_index - max(m.sent_index for m in a.all) > _FIGHT_DAMAGE_REACH:
        return None
    return True if _no_day_or_place_of_its_own(a, b) else None


@rule(
    "a search's haul",
    table="grouping",
    order=88,
    example=(
        "Police detained nine suspects in a raid near Baiji on Monday. Two rifles and a "
        "suicide vest were found in one of the houses.",
        "same",
    ),
)
def search_haul(p: Pair) -> bool | None:
    """Weapons found, told after arrests or a sweep with no casualty, day or other place of
    their own ("Rifles and a suicide vest were found in one house"), are what that search
    turned up (codebook 3: a sweep with weapons found is one incident), not a bombing of
    their own: they join it, before "sweep and attack" would part them."""
    a, b = p.a, p.b
    if not p.search_haul or b.killed is not None or b.wounded is not None:
        return None
    if not ({"arrest", "disrupt"} & a.cats) or p.opens_new:
        return None
    return True if _no_day_or_place_of_its_own(a, b) else None


@rule(
    "different initiators, no places",
    table="grouping",
    order=100,
    example=(
        "Islamic State fighters attacked a village. Kurdish forces attacked a convoy.",
        "different",
    ),
)
def different_initiators(p: Pair) -> bool | None:
    """Two different named initiators and no places: two incidents."""
    names_a = {m.text.lower() for m in p.a.actors if m.role == INITIATOR}
    names_b = {m.text.lower() for m in p.b.actors if m.role == INITIATOR}
    if names_a and names_b and not names_a & names_b and p.a.place is None and p.b.place is None:
        return False
    return None


@rule(
    "one live-blog entry",
    table="grouping",
    order=990,
    example=(
        "10:05 p.m.\n\nA minister says 20 people were killed at the Ankara station.\n\n"
        "Another official expects more dead.\n\n"
        "That official had earlier put the dead at 30 people.\n\n"
        "9:40 p.m.\n\nA blast hit the station.\n\n9:15 p.m.\n\nThe station was crowded.",
        "same",
    ),
)
def one_live_blog_entry(p: Pair) -> bool | None:
    """A live blog's time-stamped entry is one update on the story: a telling in the same
    entry as the group's last one, with no place and no day of its own ("That official had
    earlier put the dead at 30" two paragraphs after "a minister says 20 were killed at the
    station"), carries that update on, not a new incident. Only in a live blog
    (`live-blog-time` stamps), and only between tellings of one family. A place carried
    from earlier in the article is not its own."""
    last, b = p.a.all[-1], p.b
    if b.blog_entry is None or b.blog_entry != last.blog_entry or b.date is not None:
        return None
    if _names_own_place(b) or not p.same_family:
        return None
    return True


def _names_own_place(c: Candidate) -> bool:
    """The telling's place is named in its own words, not carried from earlier."""
    p = c.place
    return p is not None and p.start is not None and c.seg_start <= p.start < c.seg_end


@rule(
    "something in common",
    table="grouping",
    order=1000,
    example=(
        "A bomb exploded in Tikrit. It killed two soldiers.",
        "same",
    ),
)
def something_in_common(p: Pair) -> bool | None:
    """The last word: the same incident if they share a place, an actor, or are told in
    adjacent sentences."""
    a, b = p.a, p.b
    share_actor = bool({m.text.lower() for m in a.actors} & {m.text.lower() for m in b.actors})
    share_place = a.place is not None and b.place is not None
    adjacent = abs(a.all[-1].sent_index - b.sent_index) <= 1
    return share_place or share_actor or adjacent

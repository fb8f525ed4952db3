"""Perpetrator rules: a suicide attacker's own death (codebook 5).

A suicide attacker who blew himself up is dead although the report may not say so:
he counts in `fatalities` and in `perpetrator_fatalities` (GTD and RAND count him
too). The building stage finds the attackers an incident names
(`suicide_attackers`), then asks the `suicide-attacker` table whether to leave
them out: a rule returns True when the attacker's death is not to be added."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.registry import rule
from incidentwatch.extract.resources import Knowledge


@dataclass(frozen=True)
class Told:
    """What the `suicide-attacker` rules read: the words of the incident's tellings, and
    the words of the segments and figures that give its toll."""

    words: str
    toll_segments: str = ""
    toll_figures: str = ""
    # The nouns the toll's figures count ("police officers" in "Six police officers were
    # killed"); empty when a figure stands alone ("the toll rose to 12").
    toll_nouns: tuple[str, ...] = ()


@dataclass(frozen=True)
class SuicideAttackers:
    n: int  # how many attackers died
    start: int  # character offsets (in the text given) of the words that name them
    end: int


def suicide_attackers(
    text: str,
    pack: LanguagePack,
    kb: Knowledge,
    series_count: Callable[[str, int, LanguagePack], bool] | None = None,
) -> SuicideAttackers | None:
    """The suicide attackers a text names, the largest number told: "Four suicide bombers
    stormed the hall" gives 4; "a suicide bomber", "a suicide attack", "blew himself up"
    give 1; "twin suicide bombings" 2; "three suicide bombings" 3 (an attacker each); a
    plural with no number ("suicide bombers") at least 2, but attacks with no number
    ("a wave of suicide bombings") give none. Mentions of the same attackers are not added
    up. A count `series_count` calls a series' ("one of ten suicide bombings") is not this
    incident's."""
    best: SuicideAttackers | None = None

    def keep(n: int, s: int, e: int) -> None:
        nonlocal best
        if best is None or n > best.n:
            best = SuicideAttackers(n, s, e)

    pat = pack.pattern("suicide-attacker")
    if pat is not None:
        for m in pat.finditer(text):
            noun = (m.group("noun") or "").lower()
            word = (m.group("n") or "").lower()
            plural = noun.endswith("s")
            if word in kb.number_words:
                n = kb.number_words[word]
                start = m.start("n")
            elif word.isdigit():
                n = int(word)
                start = m.start("n")
            elif word in pack.words("pair-words"):
                n, start = 2, m.start("n")
            else:
                n, start = (2 if plural else 1), m.start() + (len(m.group("n")) + 1 if word else 0)
            if n <= 0 or n > 50:  # not a count of attackers ("1,000 suicide attacks")
                continue
            if n > 1 and series_count is not None and series_count(text, start, pack):
                continue
            keep(n, start, m.end())
    counted = pack.pattern("suicide-attacks-counted")
    if counted is not None:
        for m in counted.finditer(text):
            attacks = _count_word(m.group("n").lower(), pack, kb)
            if attacks is None or not 0 < attacks <= 50 or _told_before(text, m.start("n"), pack):
                continue
            if attacks > 1 and series_count is not None and series_count(text, m.start("n"), pack):
                continue
            keep(attacks, m.start("n"), m.end())
    paired = pack.pattern("suicide-attacks-paired")
    if paired is not None:
        for m in paired.finditer(text):
            keep(2, m.start(), m.end())
    plural_pat = pack.pattern("suicide-attackers-plural")
    if plural_pat is not None:
        for m in plural_pat.finditer(text):
            keep(2, m.start(), m.end())
    return best


def _told_before(text: str, start: int, pack: LanguagePack) -> bool:
    """The attacks counted at `start` are told as an earlier event ("This follows four
    suicide bombings"): their attackers are not this incident's. A lead that tells its
    news after a reaction ("after two suicide bombings killed 14") loses its count too;
    its own "a suicide bomber" words still give one."""
    pat = pack.pattern("suicide-attacks-before")
    return pat is not None and pat.search(text[max(0, start - 20) : start]) is not None


def _count_word(word: str, pack: LanguagePack, kb: Knowledge) -> int | None:
    """The number a word before "suicide bombings" gives: "two" 2, "3" 3, "twin" 2;
    None for any other word ("several", "the")."""
    if word in kb.number_words:
        return kb.number_words[word]
    if word.isdigit():
        return int(word)
    if word in pack.words("pair-words"):
        return 2
    return None


@rule(
    "suicide attacker survived",
    table="suicide-attacker",
    order=10,
    example=(
        "Police arrested a would-be suicide bomber at a checkpoint in Tikrit on Sunday.",
        "arrested",
    ),
)
def attacker_survived(told: Told, pack: LanguagePack) -> bool:
    """The attacker did not die: arrested, survived, stopped before he could detonate,
    or a remote-controlled bomb. His death is then not added. Not when the toll itself
    counts the attackers among the dead ("36 people and three suicide bombers have
    died"): a live blog's early report is settled by its later toll."""
    if _toll_counts_attackers(told, pack):
        return False
    pat = pack.pattern("suicide-attacker-alive")
    return pat is not None and pat.search(told.words) is not None


def _toll_counts_attackers(told: Told, pack: LanguagePack) -> bool:
    """The toll's own words count the attackers among the dead ("36 people and three
    suicide bombers")."""
    nouns = pack.words("suicide-attacker-nouns")
    return any(w.strip(".,;:").lower() in nouns for w in told.toll_figures.split())


# How far after a doubt its own words run ("unclear whether he blew himself up").
_DOUBT_REACH = 80


@rule(
    "a suicide attack only doubted",
    table="suicide-attacker",
    order=15,
    example=(
        "A blast hit a checkpoint in Tikrit. It was unclear whether it was a suicide attack.",
        "unclear",
    ),
)
def attack_only_doubted(told: Told, pack: LanguagePack) -> bool:
    """The report is not sure it was a suicide attack ("it was unclear whether the blast
    was a suicide bombing", "too early to say if"): the attacker's death is not added.
    Not when the incident's words also tell an attacker blowing himself up outside the
    doubt ("two attackers blew themselves up", a live blog's later entry after its first
    one doubted), nor when its toll counts the attackers among the dead: the doubt was
    answered."""
    doubt = pack.pattern("suicide-attack-doubted")
    if doubt is None or _toll_counts_attackers(told, pack):
        return False
    doubts = [m.start() for m in doubt.finditer(told.words)]
    if not doubts:
        return False
    told_pat = pack.pattern("suicide-attack-told")
    if told_pat is None:
        return True
    return not any(
        not any(0 <= m.start() - d <= _DOUBT_REACH for d in doubts)
        for m in told_pat.finditer(told.words)
    )


@rule(
    "toll includes the attacker",
    table="suicide-attacker",
    order=20,
    example=(
        "A suicide attack on a market in Hilla killed nine people, including the bomber.",
        "including",
    ),
)
def toll_includes_attacker(told: Told, pack: LanguagePack) -> bool:
    """The toll told already counts him: "nine people, including the bomber", "killing a
    suicide bomber and three officials". He is a perpetrator fatality but is not added to
    the toll again."""
    pat = pack.pattern("toll-includes-attacker")
    if pat is not None and pat.search(told.words) is not None:
        return True
    nouns = pack.words("suicide-attacker-nouns")
    return any(w.strip(".,;:").lower() in nouns for w in told.toll_figures.split())


@rule(
    "toll of the dead",
    table="suicide-attacker",
    order=30,
    example=(
        "A suicide bomber struck a police station in Tikrit. Three people were killed in "
        "the attack.",
        "were killed",
    ),
)
def toll_of_the_dead(told: Told, pack: LanguagePack) -> bool:
    """The toll is told as the dead of the attack ("three people were killed in the
    attack", "the death toll rose to 12"), a total that may count the attacker; only a toll
    told as his victims ("killing six", "the bomber killed six") has him added. A toll of
    dead who cannot include him ("six police officers were killed") leaves him out: he is
    added. The attacker is a perpetrator fatality either way."""
    pat = pack.pattern("toll-of-the-dead")
    if pat is None or not any(
        not _over_a_period(told.toll_segments, m.start(), pack)
        for m in pat.finditer(told.toll_segments)
    ):
        return False
    return not victims_exclude_attacker(told, pack) and not toll_told_as_victims(told, pack)


def _over_a_period(text: str, start: int, pack: LanguagePack) -> bool:
    """The dead told from `start` to the clause's end are a running toll over a period
    ("a wave of bombings that has left some 30 dead over the past months"), not this
    attack's dead."""
    cumulative = pack.pattern("cumulative")
    if cumulative is None:
        return False
    clause = re.split(r"[.;,]", text[start:], maxsplit=1)[0]
    return cumulative.search(clause) is not None


def victims_exclude_attacker(told: Told, pack: LanguagePack) -> bool:
    """The toll counts a kind of victim the attacker is not ("six police officers", "two
    soldiers and a child"), not people in general ("six people", "six dead", "the toll
    rose to 6"): such a toll leaves the attacker out."""
    generic = pack.words("dead-of-any-kind")
    nouns = [n.lower() for n in told.toll_nouns]
    return bool(nouns) and not any(n in generic for n in nouns)


def toll_told_as_victims(told: Told, pack: LanguagePack) -> bool:
    """The toll's own sentence breaks its dead down as victims ("the death toll rose to 20,
    including 13 civilians, with the other victims from the militias"): victims of the
    attack, which the attacker is not, so a toll of the dead told so leaves him out and
    he is added (codebook 5)."""
    pat = pack.pattern("toll-told-as-victims")
    return pat is not None and pat.search(told.toll_segments) is not None

"""Counting rules: which casualty cue words and figures give an incident's own toll.

The figures stage (stages/figures.py) consults them by name where its walk over
a segment's cue words and figures reaches each question; a rule returns True
when it applies (the cue word or figure is left out)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from incidentwatch.extract import numbers as num
from incidentwatch.extract.context import Candidate
from incidentwatch.extract.dates import BACKGROUND_KINDS
from incidentwatch.extract.doctext import doc_text
from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.registry import rule
from incidentwatch.extract.rules.grouping import same_place
from incidentwatch.records import Place
from incidentwatch.resolve.rules import load_rules


@rule(
    "toll of another event told in passing",
    table="counting",
    order=10,
    example=(
        "Police arrested a man over an attack that killed three guards, and two "
        "soldiers were killed in a clash.",
        "killed",
    ),
)
def describes_other_event(tok: Token, pack: LanguagePack) -> bool:
    """A casualty verb in a relative clause on an event noun: "an attack that killed three".
    Applies when the segment has another casualty cue word."""
    node = tok
    for _ in range(3):
        if pack.dep(node, "relative-clause") and node.head.pos_ == "NOUN":
            return node.head.lemma_.lower() in pack.words("other-event-nouns")
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _earlier_time(c: Token, pack: LanguagePack) -> bool:
    """'earlier that day', 'a week before', 'two days ago', 'previously'."""
    if not pack.dep(c, "time-modifier"):
        return False
    if pack.dep(c, "adverbial") and c.lower_ in pack.words("earlier-adverbs"):
        return True
    if c.lower_ in pack.words("relative-time-words"):
        return any(t.lemma_.lower() in pack.words("time-units") for t in c.subtree)
    return pack.dep(c, "noun-adverbial") and any(
        t.lower_ in pack.words("earlier-time-words") for t in c.subtree
    )


def news_told_in_order(verb: Token, when: Token, pack: LanguagePack) -> bool:
    """Rule "news told in time order" (a guard of "toll of an earlier event"): a sentence
    that opens with its time word and tells what a report says ("Earlier on Friday,
    coalition air strikes killed 20 militants, a monitor said") tells the news of the
    story in the order it happened, not an earlier event set beside it: the casualty verb
    is the report's content (a clause of the sentence's telling verb), and the time word
    opens the sentence. "A soldier killed earlier that day was buried" is left alone."""
    head = verb.head
    return (
        when.left_edge.i == verb.sent.start
        and pack.dep(verb, "clausal-complement")
        and pack.dep(head, "root")
        and head.lemma_.lower() in pack.words("telling-verbs")
    )


def main_clause_is_casualty(tok: Token, pack: LanguagePack) -> bool:
    return tok.sent.root.lemma_.lower() in pack.words("casualty-lemmas")


def main_clause_answers(tok: Token, pack: LanguagePack) -> bool:
    """ "Police sealed off the area after a car bomb killed nine": the main clause is the
    response to the event the "after" clause tells, so that event is the news and its toll
    is the incident's own."""
    root = tok.sent.root
    verbs = pack.words("response-verbs")
    return root.lemma_.lower() in verbs or root.lower_ in verbs


@rule(
    "toll of an earlier event",
    table="counting",
    order=20,
    example=(
        "Police defused a bomb on Monday, just after two bombings killed 18 people in the city.",
        "killed",
    ),
)
def toll_of_earlier_event(tok: Token, pack: LanguagePack) -> bool:
    """A casualty verb in a subordinate clause about another, earlier event: "near where a
    blast the day before killed nine", "just after two bombings killed 18". The main clause
    must report something else (not a casualty, not the response to it: "sealed off the
    area after a bomb killed nine"), or the toll is the incident's own. A sentence that
    opens with its time and tells what a report says ("Earlier on Friday, air strikes
    killed 20 militants, a monitor said") is the news told in time order, not an earlier
    event (`news_told_in_order`)."""
    verb = tok
    for _ in range(3):
        # "an officer killed earlier that day", "was shot and killed a week before"
        if not pack.dep(verb, "root") and any(
            _earlier_time(c, pack) and not news_told_in_order(verb, c, pack) for c in verb.children
        ):
            return True
        if (
            pack.dep(verb, "relative-clause")
            and verb.head.lemma_.lower() in pack.words("place-nouns")
            and any(t.lower_ in pack.words("relative-where") for t in verb.subtree)
            # "It is the same street where two teachers were killed"
            and not main_clause_is_casualty(verb, pack)
        ):
            return True
        if not pack.dep(verb, "coordinated"):
            break
        verb = verb.head
    node = tok
    for _ in range(4):
        if pack.dep(node, "subordinate-clause"):
            markers = {c.lower_ for c in node.children if pack.dep(c, "marker-or-adverbial")}
            if pack.dep(node, "preposition-complement"):
                markers |= {c.lower_ for c in node.children} & pack.words("earlier-markers")
            earlier = bool(markers & pack.words("earlier-markers")) or any(
                t.lower_ in pack.words("earlier-words") for t in node.subtree if t.i < node.i
            )
            if pack.dep(node, "relative-clause"):
                # "the scene of a car bomb explosion that killed three"
                noun = node.head
                earlier = (
                    earlier
                    or (
                        pack.dep(noun, "preposition-object")
                        and noun.head.head.lemma_.lower() in pack.words("scene-nouns")
                    )
                    # "an earlier bombing at the shrine which killed 7"
                    or any(c.lower_ in pack.words("earlier-words") for c in noun.children)
                )
            doer: Token | None = (
                node.head
                if pack.dep(node, "relative-clause")
                else next(
                    (c for c in node.children if pack.dep(c, "subject-or-passive-subject")), None
                )
            )
            if earlier and doer is not None and doer.lemma_.lower() in pack.words("event-doers"):
                return not (main_clause_is_casualty(node, pack) or main_clause_answers(node, pack))
        if not pack.dep(node, "clause-chain") or node.head.i == node.i:
            return False
        node = node.head
    return False


@rule(
    "figure told again",
    table="counting",
    order=30,
    example=("Three men were killed when gunmen killed all three at a farm.", "all three"),
)
def figure_told_again(doc: Doc, q: num.Quantity, pack: LanguagePack) -> bool:
    """A figure told again with a definite word ("all six", "the two", "both") after
    a toll is counted: "... were killed when gunmen ... killed all six men"."""
    toks = doc.char_span(q.start, q.end, alignment_mode="expand")
    if toks is None or toks.start == 0:
        return False
    return doc[toks.start - 1].lower_ in pack.words("definite-quantifiers")


@rule(
    "pronoun for counted victims",
    table="counting",
    order=40,
    example=("Gunmen kidnapped a local official and shot him dead.", "him"),
)
def pronoun_for_counted(doc: Doc, q: num.Quantity, pack: LanguagePack) -> bool:
    """A pronoun after a toll is counted names the same victims: "assassinated a local
    official ... and shot him dead"."""
    return doc_text(doc)[q.start : q.end].strip().lower() in pack.words("personal-pronouns")


@rule(
    "cumulative toll told in passing",
    table="counting",
    order=25,
    example=(
        "A bomb killed two guards in Hit on Monday, the latest of the raids that have left "
        "over 40 dead in the past year.",
        "dead",
    ),
)
def cumulative_toll_in_passing(tok: Token, pack: LanguagePack) -> bool:
    """A toll in the present perfect over a period, told beside the event as background:
    "the latest of the raids that have left over 40 dead in the past year". The verb that
    carries the toll (the cue word or a word it hangs on) is "have" + participle, and its
    sentence names a period ("in the past year", "since")."""
    cumulative = pack.pattern("cumulative")
    node = tok
    for _ in range(3):
        perfect = pack.tag(node, "past-participle") and any(
            pack.dep(c, "auxiliary-or-passive")
            and c.lemma_ in pack.words("perfect-auxiliary")
            and pack.tag(c, "present-finite")
            for c in node.children
        )
        if perfect:
            # The period may sit in a clause beside it: "Over the last seven months, 28
            # soldiers have been killed, while at least 90 militants have been killed."
            words = " ".join(t.lower_ for t in node.sent)
            return any(w in pack.words("since") for w in words.split()) or (
                cumulative is not None and cumulative.search(words) is not None
            )
        if node.head.i == node.i:
            return False
        node = node.head
    return False


@rule(
    "toll of an event of another year",
    table="counting",
    order=27,
    example=(
        "Gunmen attacked the embassy on Monday. One 2009 attack hit the embassy, killing nine.",
        "killing",
    ),
)
def toll_of_a_dated_event(tok: Token, pack: LanguagePack) -> bool:
    """A casualty told of an event named with its year ("One 2009 attack hit the embassy,
    killing nine", "the 2013 bombing that killed 40"): history told beside the news, not
    its toll. The event noun is the subject of the clause that carries the cue word, or the
    noun a relative clause with the cue hangs on."""
    year = pack.pattern("year-as-modifier")
    if year is None:
        return False
    return any(
        year.fullmatch(c.text)
        for noun in _event_nouns_of_toll(tok, pack)
        for c in _modifiers(noun, pack)
    )


def _modifiers(noun: Token, pack: LanguagePack) -> list[Token]:
    return [
        c
        for c in noun.children
        if pack.dep(c, "number-modifier") or pack.dep(c, "compound-or-attribute")
    ]


def _event_nouns_of_toll(tok: Token, pack: LanguagePack) -> list[Token]:
    """The event nouns a casualty word tells the toll of: the subject of the clause that
    carries it ("the bombing killed 40") or the noun a relative clause with it hangs on
    ("a bombing that killed 12"), up to three steps up the heads."""
    found: list[Token] = []
    node = tok
    for _ in range(3):
        nouns = [c for c in node.children if pack.dep(c, "subject-or-passive-subject")]
        if pack.dep(node, "relative-clause"):
            nouns.append(node.head)
            # "a bombing at a hotel that killed 30": the parser may hang the clause on the
            # place after the event noun.
            if pack.dep(node.head, "preposition-object"):
                nouns.append(node.head.head.head)
        found += [n for n in nouns if n.lemma_.lower() in pack.words("event-doers")]
        if node.head.i == node.i:
            break
        node = node.head
    return found


@rule(
    "toll of an event of another month",
    table="counting",
    order=28,
    example=(
        "Gunmen attacked a hotel in the city on Saturday, an attack similar to a January "
        "bombing that killed 12 tourists.",
        "killed",
    ),
)
def toll_of_a_month_named_event(tok: Token, pack: LanguagePack) -> bool:
    """A casualty told of an event named by its month with no day ("a January suicide
    bombing that killed 12", "the November attack killed 40", "in early June, a siege
    killed 15"): its day can't be fixed, so
    it is background (codebook 5a), not the toll of the incident told. A month with a day
    or a count ("the Nov. 28 bombing", "two January attacks") is left alone."""
    month = pack.pattern("month-as-modifier")
    if month is None:
        return False
    for noun in _event_nouns_of_toll(tok, pack):
        mods = _modifiers(noun, pack)
        if any(month.fullmatch(c.text) for c in mods) and not any(
            t.like_num for c in mods for t in c.subtree
        ):
            return True
    # "In early June, a siege at another hotel killed 15": the month dates the clause.
    return any(
        month.fullmatch(o.text)
        and not any(t.like_num for t in o.subtree)
        # "in 7 July" (a day, or a district named so), "in July 7": not a month alone
        and not any(t.like_num for t in o.doc[max(0, o.i - 1) : o.i + 2])
        for o in _clause_preposition_objects(tok, pack)
    )


@rule(
    "toll of an event of last week",
    table="counting",
    order=26,
    example=(
        "Rebels shelled the old city on Tuesday after air strikes on their areas, including "
        "one that hit a clinic last week, which a charity said killed 40 civilians.",
        "killed",
    ),
)
def toll_of_an_unfixed_event(tok: Token, pack: LanguagePack) -> bool:
    """A casualty told in a relative clause on an event the text dates only by a week or a
    month ("air strikes ..., including one that hit a clinic last week, which a charity
    said killed 40"): its day can't be fixed, so it is background (codebook 5a), and the
    toll is that earlier event's, not the incident's the sentence tells."""
    kinds = pack.dates.relative
    node = tok
    for _ in range(3):
        if node.head.i == node.i:
            return False
        if pack.dep(node, "relative-clause"):
            told = " ".join(t.lower_ for t in node.head.subtree)
            return any(
                kind in BACKGROUND_KINDS and re.search(rf"\b{re.escape(w)}\b", told)
                for w, kind in kinds.items()
            )
        node = node.head
    return False


def _clause_preposition_objects(tok: Token, pack: LanguagePack) -> Iterator[Token]:
    """The objects of the prepositions on the cue word and on the word it hangs on ("in
    early June", "in two other incidents"): the phrases that set its clause."""
    node = tok
    for _ in range(2):
        for p in node.children:
            if pack.dep(p, "preposition"):
                yield from (o for o in p.children if pack.dep(o, "preposition-object"))
        if node.head.i == node.i:
            break
        node = node.head


@rule(
    "toll update",
    table="counting",
    order=45,
    example=("A bomb killed nine people on Monday. The death toll rose to 12 on Tuesday.", "12"),
)
def toll_update(doc: Doc, c: num.Casualties, pack: LanguagePack) -> bool:
    """A toll told as an update ("the death toll rose to 12", "has risen to") replaces the
    figures told before it (codebook 5), whether larger or smaller. The words are the
    merge's (`toll_update_patterns`), one definition for both."""
    spans = c.figure_spans
    return bool(spans) and all(
        load_rules().toll_update.search(doc_text(doc)[max(0, a - 60) : b + 40]) for a, b in spans
    )


@rule(
    "an update over its sentence",
    table="counting",
    order=46,
    example=(
        "Two of the wounded died in hospital overnight, bringing the death toll to 11.",
        "11",
    ),
)
def update_over_its_sentence(doc: Doc, q: num.Quantity, pack: LanguagePack) -> bool:
    """A figure told as the updated toll ("..., bringing the death toll to 11", "raising
    the toll to 12") is the whole toll, deaths told before it in its sentence included: it
    replaces them (codebook 5), it does not add to them ("two died, bringing the toll to
    11" is 11 dead, not 13). The update words are the merge's (`toll_update_patterns`),
    and they must stand before the figure in its own sentence. A figure after the update's
    own ("the death toll rose to 12 after six of the wounded died") is a part of it, told
    after it: it is no update."""
    toks = doc.char_span(q.start, q.end, alignment_mode="expand")
    if toks is None:
        return False
    start = max(toks.sent.start_char, q.start - 60)
    told = list(load_rules().toll_update.finditer(doc_text(doc)[start : q.start]))
    if not told:
        return False
    between = doc.char_span(start + told[-1].end(), q.start, alignment_mode="expand")
    return between is None or not any(_figure_of_an_update(t, pack) for t in between)


def _figure_of_an_update(t: Token, pack: LanguagePack) -> bool:
    """A number that is the object of an update's "to" or "at" ("rose to 12")."""
    preps = pack.words("update-prepositions")
    return t.like_num and pack.dep(t, "preposition-object") and t.head.lower_ in preps


@rule(
    "deaths that raised the toll",
    table="counting",
    order=48,
    example=(
        "The death toll rose to 12 on Monday after six of the wounded died in hospital.",
        "six",
    ),
)
def deaths_that_raised_the_toll(doc: Doc, q: num.Quantity, pack: LanguagePack) -> bool:
    """Deaths told after an updated toll in its sentence ("the death toll rose to 12 after
    six of the wounded died", "officials raised the toll to 20 when three more bodies were
    found") are how the toll grew: they are in the updated figure (codebook 5: the update
    replaces the figures), not more dead beside it. The update's figure is the object of
    the update verb's "to" or "at" (rule "an update over its sentence" takes the other
    order, the deaths first)."""
    toks = doc.char_span(q.start, q.end, alignment_mode="expand")
    if toks is None:
        return False
    for t in doc[toks.sent.start : toks.start]:
        if not _figure_of_an_update(t, pack):
            continue
        verb = t.head.head
        if toll_update_verb(verb, pack) or raises_a_toll(verb, pack):
            return True
    return False


def toll_update_verb(verb: Token, pack: LanguagePack) -> bool:
    """The verb updates a toll: its subject is a toll ("the death toll ... rose to 60",
    "the number of dead has risen to 12") and the words that follow it are the merge's
    update words (`toll_update_patterns`, one definition). Not a toll that runs on: of a
    war or of fighting that goes on ("the death toll from Syria's war has risen to
    270,000", "the toll of the clashes"), or over a period ("since 2011")."""
    # "KIRKUK (Reuters) - The death toll ... rose": a dateline may be parsed as a subject too.
    subject = next(
        (
            c for c in verb.children
            if pack.dep(c, "subject") and c.lemma_.lower() in pack.words("toll-update-subjects")
        ),
        None,
    )  # fmt: skip
    if subject is None:
        return False
    # A count of the dead ("the death toll", "the number of dead"), not of attacks.
    dead = pack.words("dead-of-any-kind")
    if not any(t.lemma_.lower() in dead or t.lower_ in dead for t in subject.subtree):
        return False
    running = pack.words("war-nouns") | pack.words("running-toll-subjects") | pack.words("since")
    if any(t.lemma_.lower() in running or t.lower_ in running for t in subject.subtree):
        return False
    doc = verb.doc
    # "has risen to", "rose to": the update words start at the verb or its auxiliary.
    start = min([verb.idx, *(c.idx for c in verb.children if c.i < verb.i and c.i > subject.i)])
    told = doc_text(doc)[start : verb.idx + len(verb)]
    # "rose on Monday to 60": the verb and its preposition, without the day between.
    joined = [f"{told} {c.lower_}" for c in verb.children if c.i > verb.i]
    return any(load_rules().toll_update.search(t) for t in (told, *joined)) or bool(
        load_rules().toll_update.search(doc_text(doc)[start : verb.idx + len(verb) + 20])
    )


def raises_a_toll(verb: Token, pack: LanguagePack) -> bool:
    """The verb raises a count of the dead: "raised the death toll", "raising the number of
    dead" (its object is a toll word with a word for the dead in its phrase)."""
    if verb.lemma_.lower() not in pack.words("toll-raising-verbs"):
        return False
    dead = pack.words("dead-of-any-kind")
    return any(
        pack.dep(c, "object")
        and c.lemma_.lower() in pack.words("toll-update-subjects")
        and any(t.lemma_.lower() in dead or t.lower_ in dead for t in c.subtree)
        for c in verb.children
    )


@rule(
    "a toll raised to its figure",
    table="counting",
    order=44,
    example=(
        "Officials raised the death toll from a truck bombing at a petrol station in the "
        "town of Shomali to 73 on Friday.",
        "toll",
    ),
)
def toll_raised_to_figure(tok: Token, pack: LanguagePack) -> bool:
    """A toll told as the object of a verb that raises it ("officials raised the death toll
    from a truck bombing at a petrol station in Shomali to 73", "..., raising the toll from
    Sunday's raids to 21") is raised to the figure the verb's "to" brings, however long the
    toll's own phrase between them (codebook 5: the update replaces the figure told
    before). A toll that only names the raising ("raised the toll") brings no figure."""
    return pack.dep(tok, "object") and raises_a_toll(tok.head, pack)


def updated_to(verb: Token, pack: LanguagePack) -> Iterator[Token]:
    """The words a toll's update may bring it to: the objects of the update verb's "to" or
    "at" ("rose to 60", "raised ... to 73", "put the toll at 31"). "raised the toll from a
    bombing at a market ... to 31" has a place there too: the caller looks for the figure."""
    for prep in verb.children:
        if pack.dep(prep, "preposition") and prep.lower_ in pack.words("update-prepositions"):
            yield from (o for o in prep.children if pack.dep(o, "preposition-object"))


def whole_toll(c: num.Casualties, pack: LanguagePack) -> bool:
    """The figure counts the dead of the incident, not a part of them: "eight people",
    "at least 20 were killed", "36 people and three bombers", not "two police officers"
    (codebook 5: a partial count is a lower bound, no conflict)."""
    if c.by_severity:
        return False
    return not c.nouns or any(n in pack.words("dead-of-any-kind") for n in c.nouns)


@rule(
    "a count by severity",
    table="counting",
    order=52,
    example=(
        "Fifteen people were wounded in the blast, a rescue service said. A police spokesman "
        "said two passengers were seriously wounded.",
        "wounded",
    ),
)
def count_by_severity(tok: Token, pack: LanguagePack) -> bool:
    """A casualty word told with how badly the victims were hurt ("two were seriously
    wounded", "three critically injured", "lightly hurt") counts the victims of that
    severity only, a part of the wounded: beside the whole count ("15 people were wounded")
    it is a lower bound of the same group (codebook 5: a report that counts only part of
    the victims does not conflict with a full toll), so the larger whole stays the figure
    and the incident is not disputed. Alone it is still the figure told."""
    severity = pack.words("severity-adverbs")
    return any(c.lower_ in severity and pack.dep(c, "adverbial") for c in tok.children)


@rule(
    "figures in conflict",
    table="counting",
    order=50,
    example=(
        "A car bomb hit a market in Homs on Monday. State media said eight people died. "
        "But a monitoring group said at least 20 were killed.",
        "8 20",
    ),
)
def figures_in_conflict(a: num.Casualties, b: num.Casualties, pack: LanguagePack) -> bool:
    """Two tolls of one incident told by different sources that disagree ("State media said
    eight people died. A monitor said at least 20 were killed"): the reports conflict
    (codebook 5), so best and low are the smallest, high the largest, and the incident is
    disputed. Not a vague word beside a figure ("dozens" and 55), not a lower bound under a
    larger figure ("at least three" and five), not a count of part of the victims."""
    if a.source is None or b.source is None or a.source == b.source:
        return False
    if a.vague or b.vague or a.additive or b.additive:
        return False
    if a.best is None or b.best is None or a.best == b.best:
        return False
    smaller = a if a.best < b.best else b
    if smaller.low is not None:
        return False  # "at least 3" does not contradict 5
    return whole_toll(a, pack) and whole_toll(b, pack)


@rule(
    "toll of other incidents",
    table="counting",
    order=29,
    example=(
        "Police shot dead a man who stabbed a guard in Hebron on Sunday, and three other "
        "assailants were killed in two other incidents.",
        "killed",
    ),
)
def toll_of_other_incidents(tok: Token, pack: LanguagePack) -> bool:
    """A toll told of other events ("three assailants were killed in two other incidents",
    "in a separate attack, two soldiers died") belongs to them, not to the incident its
    segment tells: the casualty word's clause names an event noun with "other" or
    "separate"."""
    return any(
        o.lemma_.lower() in pack.words("other-event-nouns")
        and any(c.lower_ in pack.words("other-incident-words") for c in o.children)
        for o in _clause_preposition_objects(tok, pack)
    )


@rule(
    "dead who attacked",
    table="counting",
    order=60,
    example=(
        "Police shot dead two men who opened fire at officers at a checkpoint.",
        "two men",
    ),
)
def dead_who_attacked(doc: Doc, q: num.Quantity, pack: LanguagePack) -> bool:
    """The dead are told as the attackers by what they did ("two men who opened fire at
    officers", "a man tried to stab a guard and was shot dead"): killed attackers count in
    the toll and again as perpetrator fatalities (codebook 5)."""
    acts = pack.pattern("attacker-acts")
    toks = doc.char_span(q.start, q.end, alignment_mode="expand")
    if acts is None or toks is None:
        return False
    last = toks[-1]
    noun = last.head if pack.dep(last, "number-modifier") else last
    for c in noun.children:
        if pack.dep(c, "relative-clause") and c.i > noun.i:
            words = doc[c.left_edge.i : c.right_edge.i + 1].text
            if acts.search(words):
                return True
    if pack.dep(noun, "subject") and noun.head.i > noun.i:
        verb = noun.head
        # Only the words up to the next clause: "tried to stab a guard" (not "and was shot").
        end = next(
            (t.i for t in verb.subtree if t.i > verb.i and pack.dep(t, "coordinated")),
            verb.right_edge.i + 1,
        )
        return acts.search(doc[verb.i : end].text) is not None
    return False


@rule(
    "the other attackers",
    table="counting",
    order=62,
    example=(
        "Two of the attackers blew themselves up at the gate and three others were shot dead "
        "by guards.",
        "three others",
    ),
)
def other_attackers(doc: Doc, q: num.Quantity, pack: LanguagePack) -> bool:
    """Dead told as "others" in a clause joined to one whose subject is the attackers ("Two
    of the attackers blew themselves up and three others were shot dead", "one of the
    gunmen was arrested and four others were killed") are more of those attackers, not
    more victims: killed attackers count in the toll, beside the victims, and again as
    perpetrator fatalities (codebook 5). "Three soldiers were killed and two others
    wounded" counts soldiers: the first clause's subject must be an attacker word."""
    toks = doc.char_span(q.start, q.end, alignment_mode="expand")
    if toks is None:
        return False
    last = toks[-1]
    noun = last.head if pack.dep(last, "number-modifier") else last
    if noun.lower_ not in pack.words("others"):
        return False
    if not pack.dep(noun, "subject-or-passive-subject"):
        return False
    attackers = set(pack.knowledge.context.get("attackers", {}).get("lemmas", []))
    sent = noun.sent
    # The clause before, joined by "and" (the parser may hang the two clauses on a "said"
    # after them instead of on each other): its subject names the attackers.
    joins = [t for t in sent if t.i < noun.i and pack.dep(t, "coordinating-conjunction")]
    if not joins:
        return False
    for subject in sent:
        if subject.i >= joins[-1].i or not pack.dep(subject, "subject-or-passive-subject"):
            continue
        # "Two of the attackers" (the partitive's noun), "two gunmen": counted attackers,
        # of whom the others are the rest. Not attackers who killed a count of victims
        # ("Gunmen killed three soldiers and two others were killed": more soldiers).
        if subject.like_num:
            named = [o for p in subject.children if pack.dep(p, "preposition")
                     for o in p.children if pack.dep(o, "preposition-object")]  # fmt: skip
        else:
            named = [subject] if num.number_children(subject, pack) else []
        if not any(t.lemma_.lower() in attackers or t.lower_ in attackers for t in named):
            continue
        victims = (o for o in subject.head.children if pack.dep(o, "object"))
        if not any(o.like_num or num.number_children(o, pack) for o in victims):
            return True
    return False


def _sides_counted(doc: Doc, toll: num.Casualties, pack: LanguagePack) -> set[str]:
    """The lemmas of the people a toll counts, with the noun after a vague count ("dozens
    of militants" gives dozen and militant)."""
    nouns = set(toll.nouns)
    for a, b in toll.figure_spans:
        words = doc.char_span(a, b, alignment_mode="expand")
        for t in words if words is not None else ():
            for p in t.children:
                if pack.dep(p, "preposition") and p.lower_ in pack.words("partitive-prepositions"):
                    nouns |= {
                        o.lemma_.lower() for o in p.children if pack.dep(o, "preposition-object")
                    }
    return nouns


@rule(
    "dead of the other side",
    table="counting",
    order=85,
    example=(
        "Two soldiers were killed and 11 wounded in the fighting in Mosul, an officer said. He "
        "said dozens of militants had been killed.",
        "dozens",
    ),
)
def dead_of_the_other_side(
    doc: Doc, ours: num.Casualties, theirs: num.Casualties, pack: LanguagePack
) -> bool:
    """A toll of irregular fighters ("dozens of militants had been killed", "20 jihadists
    died") told apart from a toll of the other side or of civilians in one incident ("Two
    soldiers were killed") counts other dead, not the same ones again: the incident's
    toll is both (codebook 2: fatalities are all the people killed, on every side). Not a
    toll of people of any kind ("20 people were killed"): that may hold the fighters. Only
    tolls told together, in one paragraph: a soldier's death told in another entry of a
    live blog beside strikes "killing 320 militants" is news of its own."""
    fighters, whole = pack.words("irregular-fighter-nouns"), pack.words("dead-of-any-kind")
    spans = [*ours.figure_spans, *theirs.figure_spans]
    if not spans:
        return False
    # The parser keeps a paragraph break as a line end in the text between sentences.
    if "\n" in doc_text(doc)[min(a for a, _ in spans) : max(b for _, b in spans)]:
        return False
    them = _sides_counted(doc, theirs, pack)
    us = _sides_counted(doc, ours, pack)
    return bool(them & fighters) and not them & whole and bool(us) and not us & (fighters | whole)


def live_blog_entries(text: str, pack: LanguagePack) -> list[tuple[int, int]]:
    """The time-stamped entries of a live blog, as (start offset, minutes since midnight),
    in text order; empty for an article with fewer than three stamps on their own lines."""
    stamp = pack.pattern("live-blog-time")
    if stamp is None:
        return []
    entries = []
    for m in stamp.finditer(text):
        hour = int(m.group("hour")) % 12 + (12 if m.group("half").lower() == "p" else 0)
        entries.append((m.start(), hour * 60 + int(m.group("minute") or 0)))
    return entries if len(entries) >= 3 else []


@rule(
    "latest toll of a live blog",
    table="counting",
    order=47,
    example=(
        "3:10 a.m.\n\nThe governor says 36 people have died in the attack on the airport.\n\n"
        "2:35 a.m.\n\nA minister says at least 31 people have been killed.\n\n"
        "11 p.m.\n\nOfficials say 10 people were killed in the attack.",
        "36",
    ),
)
def latest_toll_of_live_blog(
    doc: Doc, figures: list[num.Casualties], pack: LanguagePack
) -> num.Casualties | None:
    """A live blog tells a toll as it grows, entry by entry: the toll of its latest entry
    replaces the earlier ones (codebook 5: a later report updates the toll), whether it is
    larger or smaller ("close to 50", later retracted). Entries are ordered by their time
    stamps, newest first or last as most of the stamps run; only whole tolls ("36
    people"), not counts of part of the dead, take part. None when the article is no live
    blog or one entry holds all the tolls."""
    entries = live_blog_entries(doc_text(doc), pack)
    if not entries:
        return None
    times = [t for _s, t in entries]
    falling = sum(a > b for a, b in itertools.pairwise(times))
    newest_first = falling * 2 > len(times) - 1
    whole = [c for c in figures if c.figure_spans and whole_toll(c, pack)]

    def entry(c: num.Casualties) -> int:
        start = c.figure_spans[0][0]
        return max((i for i, (s, _t) in enumerate(entries) if s <= start), default=-1)

    told = {entry(c) for c in whole}
    if len(told) < 2 or -1 in told:
        return None
    latest = min(told) if newest_first else max(told)
    return max((c for c in whole if entry(c) == latest), key=lambda c: c.best or 0)


@rule(
    "toll of an event a day before",
    table="counting",
    order=22,
    example=(
        "Two soldiers were killed by a bomb in Hit on Wednesday, police said, a day after a "
        "bomb in Ramadi killed 11 people.",
        "killed",
    ),
)
def toll_of_an_event_a_day_before(tok: Token, pack: LanguagePack) -> bool:
    """A casualty told after "a day after", "two days after", "hours after" in its clause
    ("..., a day after a bomb in Ramadi killed 11 people") is the toll of another, earlier
    event set beside the news, not the incident's own; the parse of such a tail varies, so
    the words between the phrase and the cue word decide: no comma or clause break between
    them ("A day after the bombing, gunmen killed five" is news told with its time)."""
    pat = pack.pattern("time-after-another-event")
    if pat is None:
        return False
    sent = tok.sent
    head = sent.text[: tok.idx - sent.start_char]
    for m in pat.finditer(head):
        between = head[m.end() :]
        # "A day after the bombing, gunmen killed five": the comma ends the time phrase.
        breaks = pack.words("clause-punctuation") | pack.words("phrase-punctuation")
        if not any(p in between for p in breaks):
            return True
    return False


@rule(
    "the earlier event told again",
    table="counting",
    order=23,
    example=(
        "Two soldiers were killed by a bomb in Hit on Wednesday, a day after a bomb in "
        "Ramadi killed 11 people. No group has claimed Tuesday's bombing in Ramadi.",
        "Ramadi",
    ),
)
def earlier_event_told_again(told: Candidate, news: Candidate, place: Place) -> bool:
    """The toll of an earlier event set beside the news ("..., a day after a bomb in Ramadi
    killed 11 people", left out of the news's own toll by "toll of an event a day before")
    is the toll of the event the article tells again at that place with no figure of its
    own ("Tuesday's bombing in Ramadi"): one incident told twice (codebook 1), its figure
    from the first telling. Only a telling dated before the news, or not dated."""
    if any(c.killed is not None for c in told.all):
        return False
    if told.place is None or not same_place(told.place, place):
        return False
    day, news_day = told.date.date if told.date else None, news.date.date if news.date else None
    return day is None or news_day is None or day < news_day


@rule(
    "victim named again",
    table="counting",
    order=70,
    example=(
        "A bomb killed three Israelis and an Iranian in Istanbul on Saturday. An Iranian "
        "was also killed, officials said.",
        "An Iranian",
    ),
)
def victim_named_again(
    doc: Doc, extra: num.Casualties, base: num.Casualties, pack: LanguagePack
) -> bool:
    """A victim told as "also killed" who is named with the same words in a toll counted
    already ("killed three Israelis and an Iranian ... An Iranian was also killed") is that
    toll's victim told again, not one more. "A soldier was also killed" after "two
    soldiers" names another one and still adds."""
    told = " ".join(" ".join(doc_text(doc)[a:b].lower().split()) for a, b in base.figure_spans)
    words = [" ".join(doc_text(doc)[a:b].lower().split()) for a, b in extra.figure_spans]
    # "killing two drivers ... Two of the gunmen were also killed": the same number word
    # counting other people is one more toll.
    # The parser may tag a nationality an adjective in a list ("three Israelis and an
    # Iranian") and a noun alone ("An Iranian was also killed"): the toll's words count too.
    if extra.nouns and not set(extra.nouns) <= set(base.nouns) | set(re.findall(r"\w+", told)):
        return False
    return bool(words) and all(
        w and re.search(rf"(?<!\w){re.escape(w)}(?!\w)", told) for w in words
    )


@rule(
    "a victim told by name",
    table="counting",
    order=72,
    example=(
        "Four police officers were shot dead at the station in Leeds on Monday. Two of them "
        "were named on Tuesday. Also killed was Daniel Reyes, 38.",
        "Daniel Reyes",
    ),
)
def victim_told_by_name(
    doc: Doc, extra: num.Casualties, base: num.Casualties, pack: LanguagePack
) -> bool:
    """One dead person told by his name alone ("Also killed was Daniel Reyes, 38") after a
    toll of several is counted is one of those dead named, not one more: the codebook
    takes a named victim as part of the victims (5: "one named soldier" is a lower bound).
    A name told with what the person was, when the toll did not count such people ("a
    local journalist, Ali Hassan, was also killed" after "four soldiers"), still adds; so
    do killed attackers."""
    if extra.best != 1 or extra.perpetrators or (base.best or 0) < 2:
        return False
    people = [
        e
        for e in doc.ents
        if pack.entity(e.label_, "person")
        and any(e.start_char < b and a < e.end_char for a, b in extra.figure_spans)
    ]
    if not people:
        return False
    # What the person was, beside his name ("a journalist, Ali Hassan"): the name's own
    # words are no kind of victim.
    name_words = {t.lemma_.lower() for e in people for t in e} | {
        t.lower_ for e in people for t in e
    }
    kinds = set(extra.nouns) - name_words
    return not kinds or kinds <= set(base.nouns)


@rule(
    "attackers shot are not the bomber",
    table="counting",
    order=73,
    example=(
        "A suicide bomber set off a car bomb at the hotel gate in Mogadishu on Saturday and "
        "gunmen stormed inside. Troops killed two of the attackers.",
        "two",
    ),
)
def attackers_shot_not_bomber(doc: Doc, kill: num.Casualties, pack: LanguagePack) -> bool:
    """Attackers counted as killed by someone else ("troops killed two of the attackers",
    "three gunmen were shot by police") did not die by their own bomb: the suicide
    attacker the incident also tells is one more dead attacker, not one of them (codebook
    5: he counts, and they count). "All three gunmen were killed", with no killer named,
    may count him, and "soldiers killed two suicide bombers" counts the bombers themselves:
    the stage then adds no one."""
    figures = [
        (a, b) for a, b in kill.perpetrator_spans if any(a == fa for fa, _fb in kill.figure_spans)
    ]
    if not figures:
        return False
    return all(
        _killed_by_others(doc, a, b, pack) and not _named_suicide_attackers(doc, a, b, pack)
        for a, b in figures
    )


def _named_suicide_attackers(doc: Doc, start: int, end: int, pack: LanguagePack) -> bool:
    """The dead counted are named as the suicide attackers themselves ("soldiers killed two
    suicide bombers"): then they are the bombers, not others."""
    span = doc.char_span(start, end, alignment_mode="expand")
    pat = pack.pattern("suicide-attacker")
    if span is None or pat is None:
        return False
    # "two suicide bombers": the number hangs on the noun; "two of the bombers": the
    # number heads the words.
    noun = span.root.head if pack.dep(span.root, "number-modifier") else span.root
    words = doc[min(noun.left_edge.i, span.start) : max(noun.right_edge.i, span.end - 1) + 1]
    return pat.search(words.text) is not None


def _killed_by_others(doc: Doc, start: int, end: int, pack: LanguagePack) -> bool:
    """The words at start..end are the object of a killing verb with a subject, or the
    subject of a passive one with its doer after "by"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            return False
        if head.pos_ == "VERB":
            if pack.dep(tok, "object"):
                return any(pack.dep(c, "subject") for c in head.children)
            if pack.dep(tok, "passive-subject"):
                return any(pack.dep(c, "agent") for c in head.children)
            return False
        tok = head
    return False


@rule(
    "a death that did not happen",
    table="counting",
    order=5,
    example=(
        "A police officer was nearly killed when a bomb hit his car in Baghdad.",
        "killed",
    ),
)
def near_miss(tok: Token, pack: LanguagePack) -> bool:
    """A casualty word told with "nearly", "almost" or "narrowly" just before it ("was
    nearly killed", "almost killing a shopkeeper") tells a death that did not happen: no
    one is counted from it. "nearly 50 were killed" is left alone: there the adverb
    modifies the number, not the casualty word."""
    if tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return prev.head.i == tok.i and prev.lower_ in pack.words("near-miss-adverbs")


@rule(
    "victims of a breakdown",
    table="counting",
    order=75,
    example=(
        "Four bombs hit markets in Baghdad on Sunday, killing 20 people. Most of the dead were "
        "shoppers, though a police captain and two guards were also killed.",
        "a police captain and two guards",
    ),
)
def victims_of_a_breakdown(
    doc: Doc, extra: num.Casualties, base: num.Casualties, pack: LanguagePack
) -> bool:
    """Victims told as "also killed" in a sentence that breaks down the dead already counted
    ("Most of the dead were shoppers, though a police captain and two guards were also
    killed") are among that toll, not more of them (codebook 1: one incident, its victims
    counted once). The toll must be a whole toll ("20 people"), not a count of part."""
    subset = pack.pattern("victim-subset")
    if subset is None or not extra.figure_spans or not whole_toll(base, pack):
        return False
    sent = doc.char_span(*extra.figure_spans[0], alignment_mode="expand")
    return sent is not None and subset.search(sent.sent.text) is not None


@rule(
    "the attacking group's own dead",
    table="counting",
    order=80,
    example=(
        "Islamic State militants attacked an army post near Baiji on Sunday, and the clashes "
        "killed 12 soldiers and 20 militants.",
        "20 militants",
    ),
)
def attacking_groups_own_dead(
    doc: Doc, toll: num.Casualties, pack: LanguagePack
) -> tuple[int, list[tuple[int, int]]]:
    """A toll counted by side ("killed 12 soldiers and 20 militants") in a fight an armed
    group started: the group's own fighters among the dead are the attackers killed
    (codebook 5: they count in the toll and again as perpetrator fatalities). The stage
    asks only when the incident's initiator is a non-state armed group; the verdict is
    how many, and the words that count them."""
    n = 0
    spans: list[tuple[int, int]] = []
    seen: set[int] = set()
    for a, b in toll.figure_spans:
        words = doc.char_span(a, b, alignment_mode="expand")
        if words is None:
            continue
        # "Twenty militants were also killed": the figure read is the number alone; the
        # noun it counts is its head, the one who died. Not the victims of a deed ("...
        # clashed with rebels, killing five rebel fighters"): those are the other side.
        nouns = [
            *words,
            *(
                t.head for t in words
                if t in num.number_children(t.head, pack)
                and pack.dep(t.head, "subject-or-passive-subject")
            ),
        ]  # fmt: skip
        for tok in nouns:
            if tok.i in seen or tok.lemma_.lower() not in pack.words("armed-group-nouns"):
                continue
            seen.add(tok.i)
            counts = [v for c in num.number_children(tok, pack) if (v := num.word_value(c, pack))]
            if counts:
                n += counts[0]
                left = min([tok.i, *(c.i for c in num.number_children(tok, pack))])
                spans.append((doc[left].idx, tok.idx + len(tok)))
    return n, spans


@rule(
    "a wounded victim who died later",
    table="counting",
    order=77,
    example=(
        "Gunmen shot dead two guards at a checkpoint in Kirkuk and wounded three. One of the "
        "wounded later died in hospital.",
        "died",
    ),
)
def died_of_wounds(tok: Token, pack: LanguagePack) -> bool:
    """A death told as a wounded victim dying afterwards ("One of the wounded later died in
    hospital", "a guard died of his wounds the next day") is one more dead of the incident:
    the figure adds to the toll told before it, it is not a second telling of that toll.
    Not when the same sentence tells a toll ("... died overnight, bringing the death toll
    to 73"): that is the updated toll itself, not one more."""
    if tok.lemma_.lower() not in pack.words("dying-verbs"):
        return False
    later = pack.pattern("died-of-wounds")
    sent = tok.sent
    of_wounds = later is not None and later.search(doc_text(tok.doc)[tok.idx : sent.end_char])
    from_wounded = any(_wounded_partitive(s, pack) for s in tok.children if pack.dep(s, "subject"))
    if not (of_wounds or from_wounded):
        return False
    return load_rules().toll_update.search(sent.text) is None and not any(
        t.lemma_.lower() in pack.words("toll-update-subjects") for t in sent
    )


def _wounded_partitive(subject: Token, pack: LanguagePack) -> bool:
    """'One of the wounded', 'two of the injured': the dead come from the wounded."""
    return any(
        pack.dep(p, "preposition") and p.lower_ in pack.words("partitive-prepositions")
        and any(
            pack.dep(o, "preposition-object") and o.lower_ in pack.words("the-wounded")
            for o in p.children
        )
        for p in subject.children
    )  # fmt: skip


@rule(
    "toll of other events the same day",
    table="counting",
    order=24,
    example=(
        "Gunmen shot dead two policemen in Hilla, on the same day as a wave of bombings "
        "killed 90 people.",
        "killed",
    ),
)
def toll_of_other_events_the_same_day(tok: Token, pack: LanguagePack) -> bool:
    """A casualty told after "on the same day as", "on a day in which", "at the same time
    as" is the toll of other events set beside the news ("The attack came on the same day
    as a wave of bombings killed 90"), not the incident's own. The phrase must follow the
    words of the news in its sentence: opening the sentence ("On the same day as the vote,
    gunmen killed five") it only dates the news. Other events told with a place of their
    own ("..., mostly in Baghdad, killed 90") are an incident of that place, with its toll
    (codebook 5a): the rule leaves them to the grouping."""
    pat = pack.pattern("same-day-as-another-event")
    if pat is None:
        return False
    sent = tok.sent
    head = sent.text[: tok.idx - sent.start_char]
    for m in pat.finditer(head):
        if not head[: m.start()].strip():
            continue
        between = tok.doc.char_span(sent.start_char + m.end(), tok.idx, alignment_mode="expand")
        if between is None or not any(pack.entity(t.ent_type_, "place") for t in between):
            return True
    return False

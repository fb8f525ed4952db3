"""Figures stage: the casualties a segment reports — victims attached to each casualty cue
word by the parse, else found in a window around it, with victims named alongside, and
the counting rules (extract/rules/counting.py) deciding which figures are the
incident's own."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from incidentwatch.extract import numbers as num
from incidentwatch.extract.context import Cue
from incidentwatch.extract.doctext import doc_text
from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.rules.counting import toll_update_verb, updated_to

if TYPE_CHECKING:
    from incidentwatch.extract.pipeline import Extractor


def casualties(
    ex: Extractor, span: Span, cues: list[Cue], *, beside: bool = False
) -> num.Casualties | None:
    """Sum the victims attached to casualty cue words in a segment. With `beside`, the toll
    of the earlier event the segment sets beside its news ("..., a day after a car bomb in
    Ramadi killed 11 people"): only the cue words rule "toll of an event a day before"
    leaves out of the segment's own toll."""
    if not cues:
        return None
    pack = ex.pack
    if beside:
        told_beside = ex.counting.get("toll of an event a day before")
        if told_beside is None:
            return None
        cues = [c for c in cues if told_beside(c.token, pack)]
        if not cues:
            return None
    quantities = num.find_quantities(span, ex.pack)
    used: set[int] = set()
    total_best = 0
    lows: list[int | None] = []
    highs: list[int | None] = []
    spans: list[tuple[int, int]] = []
    counted: list[tuple[int, int]] = []
    perpetrators = 0
    perpetrator_spans: list[tuple[int, int]] = []
    vague = False
    attacker_figures: list[tuple[int, int]] = []
    # The figures of the toll: all of them, or an update and what follows it.
    first_figure = 0
    updated = False
    # "two men who opened fire at officers": the dead are the attackers.
    attacked = ex.counting.get("dead who attacked")
    # "Two of the attackers blew themselves up and three others were shot dead".
    others_attacked = ex.counting.get("the other attackers")
    other_event = ex.counting.get("toll of another event told in passing")
    earlier_event = ex.counting.get("toll of an earlier event")
    called_earlier = ex.counting.get("toll of an event called earlier")
    cumulative = ex.counting.get("cumulative toll told in passing")
    dated = ex.counting.get("toll of an event of another year")
    month_named = ex.counting.get("toll of an event of another month")
    unfixed = ex.counting.get("toll of an event of last week")
    other_incidents = ex.counting.get("toll of other incidents")
    day_before = ex.counting.get("toll of an event a day before")
    same_day = ex.counting.get("toll of other events the same day")
    series_beside = ex.counting.get("toll of a series told beside the news")
    told_again = ex.counting.get("figure told again")
    pronoun = ex.counting.get("pronoun for counted victims")
    died_later = ex.counting.get("a wounded victim who died later")
    near_miss = ex.counting.get("a death that did not happen")
    update_total = ex.counting.get("an update over its sentence")
    raised_by = ex.counting.get("deaths that raised the toll")
    severity = ex.counting.get("a count by severity")
    severe: list[bool] = []  # per figure counted: told by its severity only
    # "was nearly killed": nobody died.
    if near_miss is not None:
        cues = [c for c in cues if not near_miss(c.token, pack)]
    # "an attack that killed three members": a toll of another event told in passing.
    if len(cues) > 1 and other_event is not None:
        cues = [c for c in cues if not other_event(c.token, pack)] or cues
    # "Police defused a bomb near where a blast the day before killed nine":
    # the toll of an earlier event told to set the scene.
    if earlier_event is not None:
        cues = [c for c in cues if not earlier_event(c.token, pack)]
    # "... responded to an earlier attack which left three dead"
    if called_earlier is not None:
        cues = [c for c in cues if not called_earlier(c.token, pack)]
    # "..., the latest of the raids that have left over 40 dead in recent months"
    if cumulative is not None:
        cues = [c for c in cues if not cumulative(c.token, pack)]
    # "One 2004 attack hit the consulate, killing nine"
    if dated is not None:
        cues = [c for c in cues if not dated(c.token, pack)]
    # "... similar to a January suicide bombing that killed 12 tourists"
    if month_named is not None:
        cues = [c for c in cues if not month_named(c.token, pack)]
    # "... including one that hit a clinic last week, which a charity said killed 40"
    if unfixed is not None:
        cues = [c for c in cues if not unfixed(c.token, pack)]
    # "... on a day when three other assailants were killed in two other incidents"
    if other_incidents is not None:
        cues = [c for c in cues if not other_incidents(c.token, pack)]
    # "..., a day after a bomb in Istanbul killed 11 people"
    if day_before is not None and not beside:
        cues = [c for c in cues if not day_before(c.token, pack)]
    # "The attack came on the same day as ten bombings in Baghdad killed 90"
    if same_day is not None:
        cues = [c for c in cues if not same_day(c.token, pack)]
    # "... on the same day as 11 bombings, mostly in Basra, killed 60"
    if series_beside is not None:
        cues = [c for c in cues if not series_beside(c.token, pack)]
    if not cues:
        return None
    # "shot dead" and "dead" name one death: keep the longest of overlapping cue words.
    cues = [
        c for c in cues
        if not any(o is not c and o.start <= c.start and c.end <= o.end
                   and (o.end - o.start) > (c.end - c.start) for o in cues)
    ]  # fmt: skip
    for cue in cues:
        ci = cue.token.i - span.start
        q = quantity_for(ex, span, ci, quantities, used, cue)
        if q is None:
            continue
        qi, q_ = q
        if any(q_.start < e and s < q_.end for s, e in counted):
            continue  # the same victims, reached from a second cue word
        if counted and told_again is not None and told_again(span.doc, q_, pack):
            continue  # "... were killed when gunmen ... killed all six men"
        if counted and pronoun is not None and pronoun(span.doc, q_, pack):
            continue  # "assassinated a local official ... and shot him dead"
        if counted and raised_by is not None and raised_by(span.doc, q_, pack):
            continue  # "the toll rose to 12 after six of the wounded died"
        used.add(qi)
        q_ = with_conjuncts(ex, span, q_, quantities, used)
        q_ = with_listed(ex, span, q_, quantities, used, counted)
        if counted and update_total is not None and update_total(span.doc, q_, pack):
            # "Two died, bringing the death toll to 11": the update counts them already.
            total_best, lows, highs, spans, vague = 0, [], [], [], False
            first_figure, updated = len(counted), True
        counted.append((q_.start, q_.end))
        severe.append(severity is not None and severity(cue.token, pack))
        total_best += q_.best
        vague = vague or q_.vague
        if (
            attackers_only(ex, span.doc, q_.start, q_.end)
            or (attacked is not None and attacked(span.doc, q_, pack))
            or (others_attacked is not None and others_attacked(span.doc, q_, pack))
        ):
            attacker_figures.append((q_.start, q_.end))
            perpetrators += q_.best
            perpetrator_spans.extend([(q_.start, q_.end), (cue.start, cue.end)])
        lows.append(q_.low)
        highs.append(q_.high)
        spans.append((q_.start, q_.end))
        spans.append((cue.start, cue.end))
        more = num.along_extra(cue.token, ex.pack)
        if more is not None and not any(more.start < e and s < more.end for s, e in counted):
            counted.append((more.start, more.end))
            for qi2, (_s2, _e2, q2) in enumerate(quantities):
                if more.start <= q2.start < more.end:
                    used.add(qi2)
            total_best += more.best
            lows.append(more.best if q_.low is not None else None)
            highs.append(more.best if q_.high is not None else None)
            spans.append((more.start, more.end))
    if not counted:
        return None
    source = next((sp for c in cues if (sp := figure_source(c.token, pack)) is not None), None)
    figures = counted[first_figure:]
    nouns = tuple(n for a, b in figures for n in counted_nouns(span.doc, a, b, pack))
    low = sum(x for x in lows if x is not None) if all(x is not None for x in lows) else None
    high = sum(x for x in highs if x is not None) if all(x is not None for x in highs) else None
    also = pack.words("additive-adverbs")
    additive_text = pack.pattern("additive-toll")
    additive = not updated and (
        any(
            c.token.lower_ in also or any(ch.lower_ in also for ch in c.token.children)
            for c in cues
        )
        or bool(additive_text is not None and additive_text.search(span.text))
        # Killed attackers count beside their victims (codebook 5): "All three
        # gunmen were killed" adds to the toll told before.
        or all(c in attacker_figures for c in counted)
        # "One of the wounded later died": one more dead, not the toll told again.
        or (died_later is not None and any(died_later(c.token, pack) for c in cues))
    )
    return num.Casualties(
        total_best,
        low,
        high,
        tuple(spans),
        additive=additive,
        perpetrators=perpetrators,
        perpetrator_spans=tuple(perpetrator_spans),
        source=_source_key(span.doc, source),
        source_span=source,
        vague=vague,
        nouns=nouns,
        figure_spans=tuple(figures),
        by_severity=bool(severe) and all(severe),
    )


def figure_source(tok: Token, pack: LanguagePack) -> tuple[int, int] | None:
    """Who tells the toll a cue word carries: the subject of the reporting verb it hangs on
    ("State media said eight people perished" gives "State media"), or the source after
    "according to". None when the sentence names none, or only a pronoun ("it said")."""
    node = tok
    for _ in range(6):
        if node is not tok and node.lemma_.lower() in pack.words("figure-source-verbs"):
            subject = next((c for c in node.children if pack.dep(c, "subject")), None)
            if subject is None or subject.lower_ in pack.words("no-source-subjects"):
                return None
            return _phrase(subject, pack)
        if node.head.i == node.i:
            break
        node = node.head
    for t in tok.sent:
        if t.lower_ in pack.words("attribution-words"):
            for o in (o for p in t.children for o in p.children):
                if pack.dep(o, "preposition-object"):
                    return _phrase(o, pack)
    return None


def _phrase(head: Token, pack: LanguagePack) -> tuple[int, int]:
    """The words of a noun phrase up to a comma or a relative clause after its head: "the
    governor of the province", not "Al-Manar, which is owned by ..."."""
    last = head
    for t in head.subtree:
        if t.i <= head.i:
            continue
        if t.text in pack.words("clause-punctuation") or pack.dep(t, "relative-clause"):
            break
        last = t
    return (head.left_edge.idx, last.idx + len(last))


def _source_key(doc: Doc, span: tuple[int, int] | None) -> str | None:
    """The source's words, folded, to tell two sources apart."""
    if span is None:
        return None
    return " ".join(doc_text(doc)[span[0] : span[1]].lower().split())


def counted_nouns(doc: Doc, start: int, end: int, pack: LanguagePack | None = None) -> list[str]:
    """The lemmas of the nouns a figure counts: the nouns inside its span, the noun a
    number in it modifies ("Six police officers" gives police, officer) and, with a pack,
    the noun of a partitive ("Six of the attackers" gives attacker); "six" alone, in "six
    were killed", gives nothing."""
    toks = doc.char_span(start, end, alignment_mode="expand")
    if toks is None:
        return []
    nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN")]
    nouns += [t.head for t in toks if t.like_num and t.head.pos_ in ("NOUN", "PROPN")]
    if pack is not None:
        objs = [
            o
            for t in toks if t.like_num
            for p in t.children
            if pack.dep(p, "preposition") and p.lower_ in pack.words("partitive-prepositions")
            for o in p.children
            if pack.dep(o, "preposition-object")
        ]  # fmt: skip
        nouns += [o for o in objs if o.pos_ in ("NOUN", "PROPN")]
        nouns += [n for o in objs if (n := _pronoun_antecedent(o, pack)) is not None]
    return [t.lemma_.lower() for t in nouns]


def _pronoun_antecedent(o: Token, pack: LanguagePack) -> Token | None:
    """The plural noun a plural pronoun of a partitive stands for, the nearest before it in
    its sentence: "fired back at the gunmen, killing all four of them" gives gunman. None
    for other words."""
    if not (pack.tag(o, "personal-pronoun") and o.lower_ in pack.words("plural-pronouns")):
        return None
    before = [t for t in o.sent if t.i < o.i and pack.tag(t, "plural-noun-any")]
    return before[-1] if before else None


def attackers_only(ex: Extractor, doc: Doc, start: int, end: int) -> bool:
    """The figure counts attackers only ("all three gunmen", "six of the attackers"). The
    words set off by a comma after them describe who they are ("the gunman, identified by
    a government source as ..."), they count nobody else."""
    words = doc_text(doc)[start:end]
    cut = min(
        (i for i, ch in enumerate(words) if ch in ex.pack.words("phrase-punctuation")),
        default=len(words),
    )
    nouns = counted_nouns(doc, start, start + cut, ex.pack) if cut else []
    return bool(nouns) and all(n in ex.attackers for n in nouns)


def with_conjuncts(
    ex: Extractor,
    span: Span,
    q: num.Quantity,
    quantities: list[tuple[int, int, num.Quantity]],
    used: set[int],
) -> num.Quantity:
    """Add victims named alongside: 'killing one policeman and two civilians' is 3."""
    doc = span.doc
    tok_span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if tok_span is None:
        return q
    last = tok_span[-1]
    split = num.shared_noun_extra(last, ex.pack)
    if split is not None:
        # "killed nine German and one Peruvian tourists": one noun, counts by nationality.
        extra, end = split
        for qi, (_s, _e, other) in enumerate(quantities):
            if q.end <= other.start < end:
                used.add(qi)
        low = q.low + extra if q.low is not None else None
        high = q.high + extra if q.high is not None else None
        return num.Quantity(q.best + extra, low, high, q.start, end, q.vague)
    if last.like_num:
        # "killed one of the colonel's aides and his driver": the driver, with his own
        # possessive, is a companion beside the partitive, one more
        more, more_end = num.partitive_companions(last, ex.pack)
        if more:
            low = q.low + more if q.low is not None else None
            high = q.high + more if q.high is not None else None
            return num.Quantity(q.best + more, low, high, q.start, max(more_end, q.end), q.vague)
    noun = (
        last.head
        if ex.pack.dep(last, "number-modifier")
        or (last.like_num and ex.pack.dep(last, "compound-or-attribute"))
        else last
    )
    if noun.pos_ not in ("NOUN", "PROPN", "NUM"):
        return q
    extra, end = num.conjunct_extra(noun, ex.pack, (q.start, q.end))
    if not extra:
        return q
    for qi, (_s, _e, other) in enumerate(quantities):
        if q.end <= other.start < end:
            used.add(qi)
    low = q.low + extra if q.low is not None else None
    high = q.high + extra if q.high is not None else None
    return num.Quantity(q.best + extra, low, high, q.start, max(end, q.end), q.vague)


def with_listed(
    ex: Extractor,
    span: Span,
    q: num.Quantity,
    quantities: list[tuple[int, int, num.Quantity]],
    used: set[int],
    counted: list[tuple[int, int]],
) -> num.Quantity:
    """Add the counted items of a list the parse did not join to the figure (rules "a
    list of counted victims", "counted items before the victim",
    extract/rules/victim_lists.py): "left twelve officers, four guards, and nine gunmen
    dead" is 25. Victims in `counted` are counted already."""
    for name in ("counted items before the victim", "a list of counted victims"):
        r = ex.counting.get(name)
        more = r(span.doc, q, ex.pack) if r is not None else None
        if more is None or any(more.start < e and s < more.end for s, e in counted):
            continue  # those victims are counted from another cue word
        for qi, (_s, _e, other) in enumerate(quantities):
            if more.start <= other.start < more.end:
                used.add(qi)
        low = q.low + more.best if q.low is not None else None
        high = q.high + more.best if q.high is not None else None
        q = num.Quantity(
            q.best + more.best, low, high, min(q.start, more.start), max(q.end, more.end), q.vague
        )
    return q


def update_figure(
    tok: Token,
    span: Span,
    quantities: list[tuple[int, int, num.Quantity]],
    pack: LanguagePack,
    raised: Callable[[Token, LanguagePack], bool] | None = None,
) -> tuple[int, num.Quantity] | None:
    """The figure a toll is updated to: "the death toll from Saturday's bombing in Hilla
    rose to 60" gives 60, however long the toll's own phrase (the update's number is the
    object of the verb's preposition, `update-prepositions`); so does a toll a verb raises
    when rule `raised` says so ("raised the death toll from the bombing ... to 73")."""
    verb = tok.head
    told = pack.dep(tok, "subject") and toll_update_verb(verb, pack)
    if not told and not (raised is not None and raised(tok, pack)):
        return None
    for obj in updated_to(verb, pack):
        for qi, (_s, _e, q) in enumerate(quantities):
            if obj.left_edge.idx <= q.start and q.start <= obj.idx:
                return (qi, q)
    return None


def quantity_for(
    ex: Extractor,
    span: Span,
    ci: int,
    quantities: list[tuple[int, int, num.Quantity]],
    used: set[int],
    cue: Cue,
) -> tuple[int, num.Quantity] | None:
    tok = cue.token
    pack = ex.pack
    uq = update_figure(tok, span, quantities, pack, ex.counting.get("a toll raised to its figure"))
    if uq is not None and uq[0] not in used:
        return uq
    aside = ex.counting.get("a figure before an aside")
    aq = aside(tok, pack) if aside is not None else None
    if aq is not None:
        # "Three people, at least one of whom was a guard, were killed": the figure before
        # the aside, not the one inside it
        for qi, (_s, _e, found) in enumerate(quantities):
            if found.start <= aq.start < found.end or aq.start <= found.start < aq.end:
                if qi in used:
                    return None  # counted already for another cue word
                # the number as the window read it ("Thirty-eight", "at least 20")
                return (qi, found)
        return (-5000 - tok.i, aq)
    dq = num.dependency_number(tok, span, ex.pack)
    if dq is not None:
        inside = [
            qi for qi, (_s, _e, q) in enumerate(quantities)
            if q.start < dq.end and dq.start < q.end
        ]  # fmt: skip
        if any(qi in used for qi in inside):
            pass  # these victims are already counted for another cue word
        elif len(inside) == 1 and quantities[inside[0]][2].best == dq.best:
            return (inside[0], quantities[inside[0]][2])
        else:
            used.update(inside)
            return (-2000 - tok.i, dq)
    by_verb = ex.counting.get("the verb's number counts the victims")
    vn = by_verb(tok, pack) if by_verb is not None else None
    if vn is not None:
        # "A lawyer and rights activist was shot dead": one person with two titles.
        return (-4000 - tok.i, vn)
    vq0 = num.dependency_victims(tok, ex.pack)
    if vq0 is not None:
        # A named or singular victim ("killed a Turkish engineer along with two Iraqis").
        return (-3000 - tok.i, vq0)
    forward_first = (
        pack.tag(tok, "gerund")
        or (pack.tag(tok, "past-tense") and any(pack.dep(c, "object") for c in tok.children))
        or tok.lower_ in pack.words("figure-after-cue")
    )

    def backward() -> tuple[int, num.Quantity] | None:
        best = None
        for qi, (s, e, q) in enumerate(quantities):
            if qi in used or e > ci + 1 or s > ci:
                continue
            gap = span[e:ci] if e <= ci else span[ci:ci]
            if len(gap) > 7:
                continue
            if any(
                t.text in pack.words("clause-punctuation")
                or t.lower_ in pack.words("casualty-gerunds")
                for t in gap
            ):
                continue
            if any(
                t.pos_ == "VERB"
                and not pack.dep(t, "auxiliary-or-modifier")
                and t.lemma_ not in pack.words("light-verbs")
                for t in gap
            ):
                continue
            best = (qi, q)
        if best is None:
            # "a soldier was killed"
            for k in range(max(0, ci - 6), ci):
                pq = num.person_article_count(span, k, ex.pack)
                if pq is not None:
                    gap = span[k:ci]
                    if not any(
                        t.pos_ == "VERB" and not pack.dep(t, "auxiliary-or-passive") for t in gap
                    ):
                        return (-1 - k, pq)
        return best

    def forward() -> tuple[int, num.Quantity] | None:
        for qi, (s, _e, q) in enumerate(quantities):
            if qi in used or s <= ci:
                continue
            gap = span[ci + 1 : s]
            if len(gap) > 5:
                return None
            if any(
                t.text in pack.words("phrase-punctuation")
                or t.lemma_.lower() in pack.words("casualty-verbs")
                for t in gap
            ):
                return None
            if any(t.pos_ == "VERB" and t.lemma_ not in pack.words("copula") for t in gap):
                return None
            # The number must quantify people, not weapons or vehicles.
            after = span[_e : _e + 3]
            if any(t.lemma_.lower() in pack.words("non-person-units") for t in after[:2]):
                return None
            return (qi, q)
        for k in range(ci + 1, min(len(span), ci + 4)):
            pq = num.person_article_count(span, k, ex.pack)
            if pq is not None:
                return (-1 - k, pq)
        return None

    order = (forward, backward) if forward_first else (backward, forward)
    for fn in order:
        r = fn()
        if r is not None:
            return r
    vq = num.dependency_victims(tok, ex.pack)
    if vq is not None:
        return (-1000 - tok.i, vq)
    return None

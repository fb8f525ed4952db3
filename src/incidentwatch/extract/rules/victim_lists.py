"""Counting rules on lists of counted victims the parse did not join (issue 12, RAND
counting classes right by the codebook, section 5: each person killed is counted, once).

The figures stage (stages/figures.py) asks them after a figure and the victims the parse
joined to it are read; a rule answers with the victims the words around the figure add,
or None. They read the words, not the parse: in a long list the parser often hangs an
item on another noun ("the gun battle left seventeen police officers, five guards, and
fourteen attackers dead" makes "five guards" an apposition of "battle")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from incidentwatch.extract import numbers as num
from incidentwatch.extract.lang import LanguagePack
from incidentwatch.extract.registry import rule

_NOUNS = ("NOUN", "PROPN")
_MODIFIERS = ("ADJ", "NOUN", "PROPN")


@rule(
    "a list of counted victims",
    table="counting",
    order=81,
    example=(
        "The clash left twelve police officers, four tribal fighters, and nine gunmen dead.",
        "twelve",
    ),
)
def listed_victims(doc: Doc, q: num.Quantity, pack: LanguagePack) -> num.Quantity | None:
    """Counted items listed with a figure ("twelve police officers, four tribal fighters,
    and nine gunmen"; "two guards and a driver"; "three pilgrims, the bus driver, and two
    British tourists") name more victims, each counted once: the figure at start..end
    q has the first, the answer is how many the others add, and the words they span. An
    item is a number (or, inside a list that an "and" closes with a number, "the"/"a"
    and a person noun) and the words of its noun, with one place or unit phrase after it
    ("sixteen commandos from the rapid reaction force and five civilians"). Not a
    breakdown of a whole ("20 people, 15 civilians and five police"), not a subject of
    another clause ("and three civilians were wounded")."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent_end = span[-1].sent.end
    k, head = _item_words(doc, span[-1].i + 1, sent_end)
    if head is None:
        if span[-1].like_num:
            return None  # "Two of the workers, one British and one Iraqi": who they were
        head = span[-1]
        if head.pos_ not in _NOUNS and not head.like_num:
            return None
    if head.lemma_.lower() in pack.words("breakdown-heads"):
        return None  # "20 people, 15 civilians and five police": a breakdown
    k = _place_phrase(doc, k, sent_end, pack)
    extra, pending, last, closed = 0, 0, -1, False
    apposed = k < sent_end and doc[k].text == ","
    while k < sent_end:
        j = k
        if doc[j].text == ",":
            j += 1
        joined = j < sent_end and doc[j].lower_ in pack.words("and-words")
        if joined:
            j += 1
        if j == k or j >= sent_end:
            break
        item = _item(doc, j, sent_end, pack)
        if item is None:
            break
        n, stop, counted = item
        after = _place_phrase(doc, stop, sent_end, pack)
        if any(doc[m].pos_ in ("VERB", "AUX") for m in (stop, after) if m < sent_end):
            break  # "and three civilians were wounded": another clause's subject
        if counted:
            extra += pending + n
            pending = 0
            last = doc[stop - 1].idx + len(doc[stop - 1])
            closed = closed or joined
        else:
            pending += n
        k = after
    if not extra or not closed:
        return None
    if apposed and extra == q.best:
        return None  # "twelve soldiers, eight officers and four privates": a breakdown
    return num.Quantity(extra, None, None, q.end, last)


@rule(
    "counted items before the victim",
    table="counting",
    order=82,
    example=(
        "The clash left nine police officers, three border guards, and twelve gunmen dead.",
        "twelve",
    ),
)
def counted_items_before(doc: Doc, q: num.Quantity, pack: LanguagePack) -> num.Quantity | None:
    """Counted items listed just before the victims read ("nine police officers, three
    border guards, and twelve gunmen dead"; "Four guards and a child were killed"): the
    parser made the last item the subject, so the figure read is the last; the items before
    it are more victims (9 + 3 + 12). Each item is a number and a plural noun of people
    ("on 12 July and a child" is a date, "two hours and" a time), joined by a comma or
    "and", the one next to the figure by "and"."""
    first = next((t for t in doc if t.idx >= q.start), None)
    if first is None:
        return None
    sent_start = first.sent.start
    # nouns the parse joined to the figure's nouns are counted already
    # (numbers.conjunct_extra)
    span = doc.char_span(q.start, q.end, alignment_mode="expand") or doc[first.i : first.i + 1]
    joined_already = {c.i for t in span for x in (t, t.head) for c in x.conjuncts}
    i, extra, start = first.i, 0, q.start
    while True:
        j = i - 1
        if j <= sent_start:
            break
        joined = doc[j].lower_ in pack.words("and-words")
        if not joined and doc[j].text != ",":
            break
        if not extra and not joined:
            break  # the item next to the figure is joined by "and"
        if joined and j - 1 > sent_start and doc[j - 1].text == ",":
            j -= 1
        h = j - 1
        head = doc[h]
        if (
            head.pos_ not in _NOUNS
            or not pack.tag(head, "plural-noun-any")
            or head.i in joined_already
        ):
            break
        lemma = head.lemma_.lower()
        if lemma in pack.words("non-person-units") | pack.words("age-units") or lemma in (
            pack.words("not-victims")
        ):
            break
        k = h
        while k - 1 > sent_start and doc[k - 1].pos_ in _MODIFIERS and not doc[k - 1].like_num:
            k -= 1
        number = doc[k - 1]
        n = _value(number, pack) if number.like_num or num.word_value(number, pack) else None
        if n is None:
            break
        extra += n
        start = number.idx
        i = k - 1
    if not extra or (i > sent_start and doc[i - 1].lower_ in pack.words("part-of-a-whole-words")):
        return None  # "including eight officers, and thirty people": part of a whole
    return num.Quantity(extra, None, None, start, q.start)


@rule(
    "a figure before an aside",
    table="counting",
    order=84,
    example=(
        "Four men, at least two of whom were police recruits, were killed by gunmen.",
        "killed",
    ),
)
def figure_before_aside(tok: Token, pack: LanguagePack) -> num.Quantity | None:
    """The victims of a casualty verb told before an aside set off by commas ("Four men,
    at least two of whom were police recruits, were killed"): the parser makes the aside's
    verb the head, so the casualty verb has no subject. The figure is the counted noun just
    before the aside's opening comma; the aside opens with `aside-openers` within its first
    words, and the verb follows its closing comma (auxiliaries and adverbs between)."""
    doc, sent = tok.doc, tok.sent
    k = tok.i - 1
    while k > sent.start and doc[k].pos_ in ("AUX", "ADV", "PART"):
        k -= 1
    if k <= sent.start or doc[k].text != ",":
        return None
    m = k - 1
    while m > sent.start and doc[m].text != ",":
        if doc[m].text in pack.words("clause-punctuation"):
            return None
        m -= 1
    if m <= sent.start or doc[m].text != ",":
        return None
    if not any(t.lower_ in pack.words("aside-openers") for t in doc[m + 1 : min(k, m + 6)]):
        return None
    head = doc[m - 1]
    if head.pos_ not in _NOUNS or not pack.tag(head, "plural-noun-any"):
        return None
    j = m - 1
    while j - 1 >= sent.start and doc[j - 1].pos_ in _MODIFIERS and not doc[j - 1].like_num:
        j -= 1
    if j - 1 < sent.start:
        return None
    number = doc[j - 1]
    n = _value(number, pack) if number.like_num or num.word_value(number, pack) else None
    if n is None:
        return None
    return num.Quantity(n, None, None, number.idx, head.idx + len(head))


def _value(tok: Token, pack: LanguagePack) -> int | None:
    v = num.word_value(tok, pack)
    if v is None and tok.text.isdigit():
        v = int(tok.text)
    return v


def _item_words(doc: Doc, k: int, sent_end: int) -> tuple[int, Token | None]:
    """The words of an item's noun from k: its modifiers and the nouns that close it
    ("Iraqi police officers"); a word after the nouns ("gunmen dead") is no part of it.
    Returns the index after the noun and the noun (None when there is no noun)."""
    head = None
    while k < sent_end and doc[k].pos_ in _MODIFIERS and not doc[k].like_num:
        if head is not None and doc[k].pos_ not in _NOUNS:
            break
        if doc[k].pos_ in _NOUNS:
            head = doc[k]
        k += 1
    return k, head


def _item(doc: Doc, j: int, sent_end: int, pack: LanguagePack) -> tuple[int, int, bool] | None:
    """One item of a list at j: (how many, index after it, whether it is counted by a
    number). None when the words at j are no such item."""
    first = doc[j]
    n = _value(first, pack) if first.like_num or num.word_value(first, pack) else None
    counted = n is not None
    if n is None:
        if first.lower_ not in pack.words("indefinite-article") | pack.words(
            "definite-determiners"
        ):
            return None
        n = 1
    stop, head = _item_words(doc, j + 1, sent_end)
    if head is None:
        return None
    lemma = head.lemma_.lower()
    if lemma in pack.words("non-person-units") or lemma in pack.words("not-victims"):
        return None
    if counted and n > 1 and not pack.tag(head, "plural-noun-any"):
        return None  # "two Iraqi" is no item of people
    if (not counted or n == 1) and (
        not pack.tag(head, "singular-noun")
        or lemma not in pack.words("person-nouns") | pack.words("kin-nouns")
    ):
        return None
    return n, stop, counted


def _place_phrase(doc: Doc, k: int, sent_end: int, pack: LanguagePack) -> int:
    """Skip one phrase of place or unit after an item ("from the rapid reaction force",
    "of Indian origin"): a preposition and the words of its noun, no number, no verb."""
    if k >= sent_end or doc[k].pos_ != "ADP":
        return k
    m = k + 1
    while m < sent_end and doc[m].pos_ in ("DET", *_MODIFIERS) and not doc[m].like_num:
        m += 1
    return m if m > k + 1 else k

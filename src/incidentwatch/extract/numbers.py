"""Casualty figures: numbers in words and digits, qualifiers, ranges (codebook section 5).

Works on spaCy tokens so that offsets map back to the text for evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

if TYPE_CHECKING:
    from incidentwatch.extract.lang import LanguagePack

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")
_RANGE = re.compile(r"^(\d+)\s*[-–]\s*(\d+)$")


@dataclass(frozen=True)
class Quantity:
    best: int
    low: int | None
    high: int | None
    start: int  # character offsets of the words that give it
    end: int
    vague: bool = False


@dataclass(frozen=True)
class Casualties:
    best: int | None
    low: int | None
    high: int | None
    spans: tuple[tuple[int, int], ...]  # character spans (numbers and cue words)
    additive: bool = False  # "a bystander was also killed": adds to the toll told before
    # Of `best`, the attackers killed ("all three gunmen were killed"): codebook 5
    # counts them in fatalities and again in perpetrator_fatalities.
    perpetrators: int = 0
    perpetrator_spans: tuple[tuple[int, int], ...] = ()
    # Who gives the figure ("State media said ..."): the speaker's words and their span,
    # so that two sources' disagreeing tolls can be told from one source's partial count.
    source: str | None = None
    source_span: tuple[int, int] | None = None
    vague: bool = False  # a vague word ("dozens") fits a precise figure: no conflict
    # Only the victims of one severity ("two were seriously wounded"): a part of the
    # victims, a lower bound beside the whole count (codebook 5), never in conflict with it.
    by_severity: bool = False
    nouns: tuple[str, ...] = ()  # the lemmas of the nouns counted ("people", "officer")
    figure_spans: tuple[tuple[int, int], ...] = ()  # the figures alone, without cue words
    # Reports that disagree (codebook 5): best and low are the smallest, high the largest.
    disputed: bool = False
    disputed_spans: tuple[tuple[int, int], ...] = ()  # the other sources' figures and words


def share_of(total: int, k: int, n: int) -> int:
    """Part k (from 0) of a total divided over n incidents: evenly, and the remainder to
    the first (codebook 1, "divide it evenly and give the remainder to the first": 20 over
    3 is 8, 6 and 6; 3 over 2 is 2 and 1). Every language pack and every stage that
    divides a toll (over places, over days) uses this."""
    return total // n + (total % n if k == 0 else 0)


def word_value(tok: Token, pack: LanguagePack) -> int | None:
    t = tok.lower_.replace(",", "")
    if _DIGITS.match(tok.text):
        return int(tok.text.replace(",", ""))
    if t.isdigit():
        return int(t)
    if "-" in t:  # twenty-one
        parts = t.split("-")
        if all(p in pack.knowledge.number_words for p in parts):
            return sum(pack.knowledge.number_words[p] for p in parts)
    if t in pack.words("number-words-in-context"):
        return None  # only meaningful in context, handled by the caller
    return pack.knowledge.number_words.get(t)


def _qualifier_before(tokens: Span | list[Token], idx: int, pack: LanguagePack) -> tuple[str, int]:
    """Qualifier ending just before token idx; returns its kind and first index."""
    best = ("exact", idx)
    for n in (3, 2, 1):
        if idx - n < 0:
            continue
        words = " ".join(t.lower_ for t in tokens[idx - n : idx])
        if words in pack.knowledge.qualifiers:
            return pack.knowledge.qualifiers[words], idx - n
    return best


def quantity_at(tokens: Span, i: int, pack: LanguagePack) -> tuple[Quantity, int] | None:
    """Parse a quantity starting at tokens[i]; returns it and the index after it."""
    tok = tokens[i]
    low_t = tok.lower_
    n = len(tokens)
    # "between 5 and 8"
    if (
        low_t in pack.words("range-opener")
        and i + 3 < n
        and tokens[i + 2].lower_ in pack.words("range-joiner-between")
    ):
        a, b = word_value(tokens[i + 1], pack), word_value(tokens[i + 3], pack)
        if a is not None and b is not None:
            return Quantity(a, a, b, tok.idx, tokens[i + 3].idx + len(tokens[i + 3])), i + 4
    m = _RANGE.match(tok.text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        return Quantity(a, a, b, tok.idx, tok.idx + len(tok)), i + 1
    # vague multiword ("a few", "a number of")
    for width in (3, 2):
        if i + width <= n:
            words = " ".join(t.lower_ for t in tokens[i : i + width])
            if words in pack.knowledge.vague:
                v = pack.knowledge.vague[words]
                last = tokens[i + width - 1]
                return Quantity(v, v, None, tok.idx, last.idx + len(last), vague=True), i + width
    if low_t in pack.knowledge.vague and low_t not in pack.words("vague-needing-context"):
        v = pack.knowledge.vague[low_t]
        return Quantity(v, v, None, tok.idx, tok.idx + len(tok), vague=True), i + 1
    if (
        low_t in pack.words("as-many-as-middle")
        and 0 < i < n - 2
        and tokens[i - 1].lower_ == tokens[i + 1].lower_
        and tokens[i + 1].lower_ in pack.words("as-many-as-edge")
    ):
        return None  # "as many as ten": a qualifier, the number follows
    if low_t in pack.words("vague-counts") or (
        low_t in pack.words("vague-before-plural")
        and i + 1 < n
        and pack.tag(tokens[i + 1], "plural-noun-any")
    ):
        v = pack.knowledge.vague.get(low_t, 3)
        return Quantity(v, v, None, tok.idx, tok.idx + len(tok), vague=True), i + 1
    if low_t in pack.words("indefinite-article") and i + 1 < n:
        nxt = tokens[i + 1]
        if nxt.lower_ in pack.words("dozen"):
            return Quantity(12, None, None, tok.idx, nxt.idx + len(nxt)), i + 2
        if nxt.lower_ in pack.words("article-multipliers"):
            v = pack.knowledge.multipliers[nxt.lower_]
            return Quantity(v, None, None, tok.idx, nxt.idx + len(nxt)), i + 2
        return None
    value = word_value(tok, pack)
    if value is None:
        return None
    j = i + 1
    end = tok.idx + len(tok)
    # "three hundred", "1.5 thousand", "twenty one"
    while j < n:
        nxt = tokens[j]
        if nxt.lower_ in pack.knowledge.multipliers:
            value *= pack.knowledge.multipliers[nxt.lower_]
        elif nxt.lower_ in pack.words("dozen") and value < 20:
            value *= 12
        elif (
            nxt.lower_ in pack.knowledge.number_words
            and 0 < pack.knowledge.number_words[nxt.lower_] < 10
            and value >= 20
            and value % 10 == 0
        ):
            value += pack.knowledge.number_words[nxt.lower_]
        else:
            break
        end = nxt.idx + len(nxt)
        j += 1
    # "twenty - one" when the tokenizer splits the hyphen
    if (
        j + 1 < n
        and tokens[j].text in ("-", "–")
        and tokens[j + 1].lower_ in pack.knowledge.number_words
        and 0 < pack.knowledge.number_words[tokens[j + 1].lower_] < 10
        and value >= 20
        and value % 10 == 0
    ):
        value += pack.knowledge.number_words[tokens[j + 1].lower_]
        end = tokens[j + 1].idx + len(tokens[j + 1])
        j += 2
    # "5 to 8", "5 or 6"
    if j + 1 < n and tokens[j].lower_ in pack.words("range-joiners") and tokens[j].lower_ != "":
        other = word_value(tokens[j + 1], pack)
        if other is not None and other > value:
            return Quantity(value, value, other, tok.idx, tokens[j + 1].idx + len(tokens[j + 1])), (
                j + 2
            )
    return Quantity(value, None, None, tok.idx, end), j


def apply_qualifier(q: Quantity, kind: str, start: int) -> Quantity:
    if q.high is not None and q.low is not None and not q.vague:
        return q  # a range keeps its own bounds
    if kind == "atleast":
        return Quantity(q.best, q.best, None, start, q.end, q.vague)
    if kind == "upto":
        return Quantity(q.best, None, q.best, start, q.end, q.vague)
    if kind == "about":
        return Quantity(q.best, q.low, q.high, start, q.end, q.vague)
    return q


def find_quantities(tokens: Span, pack: LanguagePack) -> list[tuple[int, int, Quantity]]:
    """Every quantity in a span: (first token index, index after, quantity)."""
    out = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        # Years, times and ordinals are not counts.
        if (
            pack.entity(tok.ent_type_, "not-a-count")
            and not (
                pack.entity(tok.ent_type_, "date") and tok.lower_ in pack.words("plural-counts")
            )
            and not _lone_number_called_a_date(tok, pack)
        ):
            i += 1
            continue
        # "no one was injured": nobody, not one person.
        if i > 0 and tokens[i - 1].lower_ in pack.words("negating-determiners"):
            i += 1
            continue
        # "did not say how many people were killed": a question, not a figure.
        if i > 0 and tokens[i - 1].lower_ in pack.words("question-before-quantity"):
            i += 1
            continue
        distributive = _distributive_end(tokens, i, pack)
        if distributive:
            i = distributive  # "killed them one by one": how, not how many
            continue
        parsed = quantity_at(tokens, i, pack)
        if parsed is None:
            i += 1
            continue
        q, j = parsed
        kind, qstart = _qualifier_before(tokens, i, pack)
        if kind != "exact":
            q = apply_qualifier(q, kind, tokens[qstart].idx)
        out.append((i, j, q))
        i = j
    return out


def _distributive_end(tokens: Span, i: int, pack: LanguagePack) -> int:
    """ "one by one", "two by two", "one after another", "one after the other": a number
    told for the manner of a deed, not a count of victims. Returns the index after the
    phrase, 0 when tokens[i] opens none."""
    n = len(tokens)
    if i + 2 >= n or (not tokens[i].like_num and tokens[i].lower_ not in pack.words("one")):
        return 0
    if tokens[i + 1].lower_ not in pack.words("distributive-joiners"):
        return 0
    k = i + 2
    if tokens[k].lower_ in pack.words("definite-quantifiers") and k + 1 < n:
        k += 1  # "one after the other"
    if tokens[k].lower_ == tokens[i].lower_ or tokens[k].lower_ in pack.words("distributive-ends"):
        return k + 1
    return 0


def _lone_number_called_a_date(tok: Token, pack: LanguagePack) -> bool:
    """ "wounding 52, police said": the tagger may call a lone number of one to three
    digits a date; alone (no month, no weekday in its entity) it cannot be one, so it is
    a count."""
    doc = tok.doc
    return (
        pack.entity(tok.ent_type_, "date")
        and tok.text.isdigit()
        and len(tok.text) <= 3
        and tok.ent_iob_ == "B"
        and (tok.i + 1 == len(doc) or doc[tok.i + 1].ent_iob_ != "I")
    )


def person_article_count(tokens: Span, i: int, pack: LanguagePack) -> Quantity | None:
    """'a soldier', 'an officer', 'one of the guards' -> 1."""
    tok = tokens[i]
    if tok.lower_ not in pack.words("one-person-determiners"):
        return None
    for k in range(i + 1, min(i + 4, len(tokens))):
        t = tokens[k]
        if t.lemma_.lower() in pack.words("person-nouns") and pack.tag(t, "singular-noun"):
            return Quantity(1, None, None, tok.idx, t.idx + len(t))
        if t.pos_ not in ("ADJ", "NOUN", "PROPN", "ADP") and not pack.tag(t, "hyphen"):
            return None
    return None


def number_children(noun: Token, pack: LanguagePack) -> list[Token]:
    """Numbers that count a noun. The parser sometimes attaches them as amod or compound
    ("seventeen Iraqi policemen", "Eleven Iraqis"); "1st Lt." is a rank, not a count."""
    ordinal = pack.pattern("ordinal-number")
    return [
        c for c in noun.children
        if not (ordinal is not None and ordinal.match(c.text))
        and (pack.dep(c, "number-modifier")
             or (pack.dep(c, "number-as-modifier") and c.like_num and c.i < noun.i
                 and not pack.entity(c.ent_type_, "not-a-counting-number")))
    ]  # fmt: skip


def _own_count(noun: Token, pack: LanguagePack) -> int | None:
    """How many people one coordinated noun names: 'nine workers' 9, 'a child' 1,
    'the driver' 1, 'soldiers' unknown."""
    for c in number_children(noun, pack):
        v = word_value(c, pack)
        if v is not None:
            return v
    if noun.like_num:
        return word_value(noun, pack)
    if pack.tag(noun, "singular-noun") and noun.lemma_.lower() not in pack.words("not-victims"):
        return 1
    if _adjective_as_noun(noun, pack):
        return 1  # "three Israelis and an Iranian"
    return None


def _age(tok: Token, pack: LanguagePack) -> bool:
    """A bare number set off after a person, as reports give ages: "Karim Saleh, 40,"."""
    return (
        tok.like_num
        and pack.dep(tok, "apposition")
        and all(c.is_punct for c in tok.children)
        and tok.i > 0
        and tok.nbor(-1).is_punct
    )


def _adjective_as_noun(tok: Token, pack: LanguagePack) -> bool:
    """A demonym the parser tags as an adjective but that stands for a person, with its own
    article and no noun after it: "an Iranian" in "three Israelis and an Iranian"."""
    return (
        tok.pos_ == "ADJ"
        and pack.dep(tok, "coordinated")
        and any(pack.dep(c, "determiner") for c in tok.children)
        and (tok.i + 1 >= len(tok.doc) or tok.nbor(1).pos_ not in ("NOUN", "PROPN"))
    )


def shared_noun_extra(last: Token, pack: LanguagePack) -> tuple[int, int] | None:
    """Numbers told apart by their adjectives before one shared noun: in "nine German
    and one Peruvian tourists" the figure ending at "nine" is followed by a second count
    of the same noun, so the victims are 9 + 1. Returns the extra count and the end
    offset of the shared noun; None when the words after the figure are not such a list."""
    doc = last.doc
    k = last.i + 1
    extra = 0
    while True:
        start = k
        while (
            k < len(doc)
            and doc[k].pos_ in ("ADJ", "PROPN")
            and not doc[k].like_num
            # "eight Iraqis and three British employees": a plural name is a noun of its own
            and not pack.tag(doc[k], "plural-noun-any")
        ):
            k += 1  # the adjectives that tell this part apart ("German", "Iraqi")
        if k == start or k >= len(doc):
            return None
        if pack.tag(doc[k], "plural-noun-any") and doc[k].pos_ == "NOUN":
            return (extra, doc[k].idx + len(doc[k])) if extra else None
        if doc[k].pos_ != "CCONJ" or k + 1 >= len(doc):
            return None
        v = word_value(doc[k + 1], pack)
        if v is None:
            return None
        extra += v
        k += 2


def source_after_toll(ap: Token, pack: LanguagePack) -> bool:
    """A noun told after the toll that the parser hangs on it as an apposition but that
    speaks ("killing five fighters, the monitoring group said"): the words right after it
    are its reporting verb, so it is who gives the figure, not one more victim."""
    nxt = ap.right_edge.i + 1
    if nxt >= len(ap.doc):
        return False
    verb = ap.doc[nxt]
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in pack.words("figure-source-verbs")


def conjunct_extra(
    noun: Token, pack: LanguagePack, counted: tuple[int, int] | None = None
) -> tuple[int, int]:
    """Victims added by coordinated nouns ('four children and a US Marine' -> +1);
    returns the extra count and the end offset of the last conjunct. Nouns inside
    `counted` (character span) are already in the figure."""
    extra = 0
    end = noun.idx + len(noun)
    items = list(noun.conjuncts)
    own = _own_count(noun, pack)
    comma_after = noun.i + 1 < len(noun.doc) and noun.nbor(1).text == ","
    if (
        pack.tag(noun, "plural-noun")
        and own is not None
        and noun.lemma_.lower() not in pack.words("breakdown-heads")
    ):
        # "killing three pilgrims, the bus driver, and three Britons": the parser may read
        # a list item as an apposition; one with its own determiner or number is a victim,
        # unless the items only break the number down ("two Iraqis, a father and son").
        for ap in noun.children:
            if (
                pack.dep(ap, "apposition")
                and ap.i > noun.i
                and any(pack.dep(w, "determiner-possessive-number") for w in ap.children)
                and not source_after_toll(ap, pack)
            ):
                listed = [ap, *(c for c in ap.conjuncts if c.i > ap.i)]
                counts = [_own_count(x, pack) for x in listed]
                if None not in counts and sum(c or 0 for c in counts) != own:
                    items += listed
    for conj in items:
        if conj.i == noun.i or (
            conj.pos_ not in ("NOUN", "PROPN", "NUM") and not _adjective_as_noun(conj, pack)
        ):
            continue
        if pack.dep(conj, "coordinated") and (
            not _coordinated(conj, pack) or _alternatives(conj, pack)
        ):
            continue
        if counted is not None and counted[0] <= conj.idx < counted[1]:
            continue
        if conj.lemma_.lower() in pack.words("others") or conj.like_num:
            continue  # "3 killed and 6 others wounded", "between 30 and 40"
        lo, hi = sorted((noun.i, conj.i))
        doc = noun.doc
        if any(
            doc[k].pos_ == "VERB" or doc[k].text in pack.words("clause-punctuation")
            for k in range(lo + 1, hi)
        ):
            continue  # another clause: "killing 2 soldiers and wounding 5 civilians"
        v = _own_count(conj, pack)
        if v is not None:
            extra += v
            end = max(end, conj.idx + len(conj))
    names = [c for c in noun.conjuncts if c.i > noun.i and c.pos_ == "PROPN"]
    if (
        extra
        and own is not None
        and pack.tag(noun, "plural-noun-any")
        and comma_after
        and names
        and len(names) == len([c for c in noun.conjuncts if c.i > noun.i])
        and len(names) <= own
    ):
        return 0, end  # "Two brothers, Salim and Karim Hassan": their names
    if (
        extra
        and noun.lemma_.lower() in pack.words("breakdown-heads")
        and own is not None
        and extra <= own
        and comma_after
    ):
        return 0, end  # "three people, two civilians and a guard": a breakdown, not more
    return extra, end


def _alternatives(c: Token, pack: LanguagePack) -> bool:
    """c is joined by "or" ("either a contractor or an employee"): it tells what the same
    person may be, not another person. The parser hangs the "or" on either conjunct."""
    return any(
        t.lower_ in pack.words("alternative-coordinators") and pack.dep(t, "coordinator")
        for x in (c, c.head)
        for t in x.children
    )


def _coordinated(c: Token, pack: LanguagePack) -> bool:
    """A conjunct joined by a real coordinator ("and", "or", "as well as"), not a misparsed
    apposition ("the head of the traders' union, Adel Hamid")."""
    # "the barber, his partner, and a customer": one "and" joins the whole list
    if any(pack.dep(t, "coordinator") for x in (c.head, *c.head.conjuncts) for t in x.children):
        return True
    prev = c.left_edge.i - 1
    return prev >= 0 and c.doc[prev].lower_ in pack.words("coordinating-words")


def _conj_chain_to(c: Token, s: Token, pack: LanguagePack) -> bool:
    """c is coordinated with s ("the owner, his son, and a waiter"), or with the name set
    beside s ("the head of the council, Saad Omar, and the council's treasurer": the parser
    joins the second person to the first one's name)."""
    node = c
    for _ in range(10):
        if not pack.dep(node, "coordinated"):
            return _name_of(node, s, pack) and node.i != c.i
        node = node.head
        if node.i == s.i:
            return True
    return False


def _name_of(node: Token, s: Token, pack: LanguagePack) -> bool:
    """node is the name given beside s: "the head of the council, Saad Omar"."""
    return node.head.i == s.i and pack.dep(node, "apposition") and node.pos_ == "PROPN"


def partitive_companions(w: Token, pack: LanguagePack) -> tuple[int, int]:
    """Victims joined inside a partitive who are not part of it: in "two of his sons and
    his brother" the brother, with his own possessive, is one more (3 in all); "two of his
    sons and daughters" names one group. Returns the extra count and the end offset of the
    last companion (0 when none)."""
    extra, end = 0, 0
    if not w.like_num:
        return extra, end
    for p in w.children:
        if not (pack.dep(p, "preposition") and p.lower_ in pack.words("partitive-prepositions")):
            continue
        for o in p.children:
            if not pack.dep(o, "preposition-object"):
                continue
            for c in o.conjuncts:
                if c.i < o.i or not any(
                    pack.dep(d, "determiner-possessive-number") for d in c.children
                ):
                    continue
                v = _own_count(c, pack)
                if v is not None:
                    extra += v
                    end = max(end, c.idx + len(c))
    return extra, end


def _num(tok: Token, pack: LanguagePack) -> int:
    v = word_value(tok, pack)
    return v if v is not None else 1


def _stated_number(w: Token, pack: LanguagePack) -> int | None:
    """The number a phrase states: "three" in "three of his bodyguards", 2 in "two soldiers"."""
    if w.like_num:
        return _num(w, pack)
    nums = [x for x in number_children(w, pack) if x.like_num]
    return _num(nums[0], pack) if nums else None


def _in_clause_of(c: Token, s: Token, pack: LanguagePack) -> bool:
    """c sits in a relative or participial clause that describes s."""
    node = c
    for _ in range(12):
        if node.i == s.i or node.head.i == node.i:
            return False
        if pack.dep(node, "clause-modifier") and node.head.i == s.i:
            return True
        node = node.head
    return False


def _victim_count(s: Token, pack: LanguagePack) -> Quantity | None:
    if s.like_num or any(pack.dep(c, "number-modifier") for c in s.children):
        return None  # a number is read by the window search
    if any(
        pack.dep(w, "number-modifier")
        and w.i < s.i
        and w.head.lemma_.lower() not in pack.words("age-units")
        for w in s.subtree
    ):
        return None  # "all six men execution style": the number is the count
    if s.lower_ in pack.words("nobody") or any(c.lower_ in pack.words("no") for c in s.children):
        return Quantity(0, None, None, s.idx, s.idx + len(s))
    if s.lower_ in pack.words("another") and pack.dep(s, "subject-or-passive-subject"):
        return Quantity(1, None, None, s.idx, s.idx + len(s))  # "and another died"
    singular = (
        pack.tag(s, "singular-noun")
        # "A Pakistani and a Nepali": nationality words tagged as adjectives
        or (
            pack.tag(s, "adjective-or-plural-name")
            and any(c.lower_ in pack.words("indefinite-article") for c in s.children)
        )
    ) and s.lemma_.lower() not in pack.words("not-victims")
    pronoun = pack.tag(s, "pronoun") and s.lower_ in pack.words("one-person-pronouns")
    if not (singular or pronoun):
        return None
    n = 1
    # Companions coordinated anywhere in the victim phrase: the parser often hangs "and
    # his driver" on the nearest noun ("an official in the Finance Ministry and his driver").
    counted_appos: set[int] = set()
    last = 0
    if s.lemma_.lower() not in pack.words("breakdown-heads"):
        # "An Iraqi policeman, two soldiers, and two civilians": the parser may read the
        # second item of a list as an apposition; one with its own number is another victim.
        for c in s.children:
            if (
                pack.dep(c, "apposition")
                and c.i > s.i
                and c.lower_ not in pack.words("one")
                and not _age(c, pack)
            ):
                # ("Omar Salih, one of the town's elders" is one person)
                v = _stated_number(c, pack)
                if v is not None:
                    n += v
                    counted_appos.add(c.i)
    for c in s.subtree:
        if _in_clause_of(c, s, pack):
            continue  # "Adel Hamid, who was defending Karim Saleh and Aziz Khalil": not victims
        top = c
        while pack.dep(top, "coordinated") and top.head.i != top.i:
            top = top.head
        if (
            pack.dep(top, "apposition")
            and top.i not in counted_appos
            and top.pos_ == "NOUN"
            and c.lemma_.lower() not in pack.words("kin-nouns")
            and not any(pack.dep(w, "possessive") for w in c.children)
        ):
            continue  # "Hamid Aziz, a retired officer and a party member": one person
        if pack.dep(c, "coordinated") and _alternatives(c, pack):
            continue  # "a driver, either a contractor or an employee": one person
        if pack.dep(c, "coordinated") and c.i > s.i and c.like_num and _conj_chain_to(c, s, pack):
            n += _num(c, pack)  # "and three of his bodyguards"
            n += partitive_companions(c, pack)[0]  # "and two of his sons and his brother"
            last = max(last, c.right_edge.idx + len(c.right_edge))
            continue
        if not pack.dep(c, "coordinated") or c.i <= s.i or c.pos_ not in ("NOUN", "PROPN"):
            continue
        if not _coordinated(c, pack) or c.lemma_.lower() in pack.words("not-victims"):
            continue  # ("The driver and his truck were burned")
        if (
            pack.dep(c.head, "preposition-object")
            and c.head.i != s.i
            and c.lemma_.lower() not in pack.words("kin-nouns")
            and not any(pack.dep(w, "possessive-or-number") for w in c.children)
            and (
                c.pos_ == "PROPN"
                or c.head.lemma_.lower()
                not in (pack.words("person-nouns") | pack.words("kin-nouns"))
            )
        ):
            # inside the victim's own prepositional phrase: "the leader of the city council,
            # Jamal Saleh" (his name), "a member of the Association and Imam of the
            # mosque" (his other title)
            continue
        if not _conj_chain_to(c, s, pack) and not (
            c.lemma_.lower() in pack.words("person-nouns")
            or c.lemma_.lower() in pack.words("kin-nouns")
            or pack.entity(c.ent_type_, "person")
            # "brother Karim Hassan and nephew Adel": a name with its kinship word
            or any(
                pack.dep(w, "compound") and w.lemma_.lower() in pack.words("kin-nouns")
                for w in c.children
            )
        ):
            continue
        # "a bank employee and former party member" is one person; a companion has its own
        # determiner, possessive or number ("and his driver", "and a companion").
        # Relatives are others even without a determiner ("his wife and son").
        if (
            c.pos_ == "NOUN"
            and c.lemma_.lower() not in pack.words("kin-nouns")
            and not any(pack.dep(w, "determiner-possessive-number") for w in c.children)
        ):
            continue
        nums = [w for w in c.children if pack.dep(w, "number-modifier") and w.like_num]
        if nums:
            n += _num(nums[0], pack)
        elif any(w.lower_ in pack.words("both") for w in c.children):
            n += 2  # "killing him and both sons"
        elif pack.tag(c, "singular-noun"):
            n += 1
        last = max(last, c.idx + len(c))
    start = s.left_edge.idx
    end = s.right_edge.idx + len(s.right_edge)
    if end - start > 120:
        # A long phrase: keep the words from the victim to the last companion counted, so
        # those companions are not counted again from the evidence span.
        start = s.idx
        end = max(s.idx + len(s), last)
    return Quantity(n, None, None, start, end)


def _phrase_count(w: Token, pack: LanguagePack) -> int | None:
    v = _stated_number(w, pack)
    if v is not None:
        return v + partitive_companions(w, pack)[0]
    if pack.tag(w, "singular-noun") and w.lemma_.lower() not in pack.words("not-victims"):
        return 1
    return None


def along_extra(verb: Token, pack: LanguagePack) -> Quantity | None:
    """Victims a casualty verb adds beside its own: 'was killed along with his driver',
    'along with three of his bodyguards', 'The driver was killed, as were three officers'."""
    if pack.dep(verb, "verb-particle") and verb.head.i != verb.i:
        verb = verb.head
    kids = list(verb.children)
    # "Two candidates, along with a guard and a driver, were killed": the parser may hang
    # "along with" on the victims rather than on the verb.
    # "died in the ambush along with two of his nephews": or on the noun of the
    # verb's own preposition.
    hosts = [v for v in kids if pack.dep(v, "subject-object-or-passive-subject")] + [
        o for p in kids if pack.dep(p, "preposition")
        for o in p.children if pack.dep(o, "preposition-object")
    ]  # fmt: skip
    kids += [
        k for v in hosts for k in v.children
        if pack.dep(k, "preposition") and k.lower_ in pack.words("along")
    ]  # fmt: skip
    has_along = any(c.lower_ in pack.words("along") for c in kids)
    n = 0
    start, end = None, None
    for c in kids:
        objs: list[Token] = []
        if pack.dep(c, "preposition") and c.lower_ in pack.words("along"):
            objs = [
                w for w in c.subtree
                if pack.dep(w, "object-or-subject") and w.pos_ in ("NOUN", "PROPN", "NUM")
            ][:1]  # fmt: skip
        elif pack.dep(c, "preposition") and c.lower_ in pack.words("along-with") and has_along:
            objs = [w for w in c.children if pack.dep(w, "preposition-object")][:1]
        elif (
            pack.dep(c, "adverbial-clause")
            and c.lemma_ in pack.words("copula")
            and any(pack.dep(m, "marker") and m.lower_ in pack.words("as-were") for m in c.children)
        ):
            objs = [w for w in c.children if pack.dep(w, "subject-or-passive-subject")][:1]
        for w in objs:
            total = 0
            parts = [w]
            for x in sorted((x for x in w.conjuncts if x.i > w.i), key=lambda t: t.i):
                # "along with one of his guards and ten people were injured": a conjunct
                # followed by its own verb starts another clause
                nxt = x.right_edge.i + 1
                if nxt < len(x.doc) and x.doc[nxt].pos_ in ("VERB", "AUX"):
                    break
                parts.append(x)
            for part in parts:
                v = _phrase_count(part, pack)
                if v is not None:
                    total += v
            if total:
                n += total
                start = w.left_edge.idx if start is None else min(start, w.left_edge.idx)
                r = w.right_edge
                end = max(end or 0, r.idx + len(r))
    if not n or start is None or end is None:
        return None
    return Quantity(n, None, None, start, end)


def _titled(s: Token, pack: LanguagePack) -> Token:
    """'killed police Capt. Karim Hadi': the parser may make "police" the object and hang
    the titled name elsewhere; the name is the victim."""
    nxt = s.i + 1
    if (
        s.lower_ in pack.words("title-before-rank")
        and nxt < len(s.doc)
        and s.doc[nxt].text.endswith(".")
    ):
        return s.doc[nxt].head
    return s


def _of_head(s: Token, pack: LanguagePack) -> Token:
    """'A total of 27 people were killed': the people are the victims, not the total."""
    if pack.tag(s, "gerund"):
        # "A Pakistani and a Nepali working as drivers ... were killed": a misparse makes the
        # participle the subject; its own subject names the victims
        subj = [c for c in s.children if pack.dep(c, "subject")]
        if subj:
            return subj[0]
    if s.lemma_.lower() in pack.words("collective-nouns"):
        for p in s.children:
            if pack.dep(p, "preposition") and p.lower_ in pack.words("member-of"):
                for o in p.children:
                    if pack.dep(o, "preposition-object"):
                        return o
    return s


def _to_death(tok: Token, pack: LanguagePack) -> bool:
    return (
        tok.lower_ in pack.words("to-death-noun")
        and pack.dep(tok, "preposition-object")
        and tok.head.lower_ in pack.words("to-death-preposition")
        and not any(pack.dep(c, "determiner-preposition-possessive") for c in tok.children)
        # "sentenced 143 residents to death" is a verdict, not a killing
        and tok.head.head.lemma_.lower() not in pack.words("verdict-verbs")
    )


def victim_heads(tok: Token, pack: LanguagePack) -> list[Token]:
    """Nouns naming who suffered the act of a casualty verb (see `_victim_heads`); a
    dateline the parser took for the subject ("MOSUL Four people were killed") gives way
    to the victims it is in apposition with."""
    heads: list[Token] = []
    for h in _victim_heads(tok, pack):
        if _dateline_word(h):
            heads += [c for c in h.children if pack.dep(c, "apposition") and not _dateline_word(c)]
        else:
            heads.append(h)
    # one word reached twice ("three people died": the subject of a dying verb) is one victim
    return list({h.i: h for h in heads}.values())


def _dateline_word(tok: Token) -> bool:
    """A place in capitals opening the text, as wire datelines do ("MOSUL/BAGHDAD")."""
    before = tok.doc[: tok.i]
    return (
        tok.pos_ == "PROPN"
        and tok.is_upper
        and len(tok.text) > 1
        and all(t.is_upper or t.is_punct or t.is_space for t in before)
    )


def _victim_heads(tok: Token, pack: LanguagePack) -> list[Token]:
    """Nouns naming who suffered the act of a casualty verb: the passive subject, the object,
    the subject of 'die'; through coordinated verbs ("was kidnapped and executed",
    "attacked and killed an official")."""
    if (
        tok.pos_ == "NOUN"
        and tok.lemma_.lower() in pack.words("event-of-nouns")
        and not _to_death(tok, pack)
    ):
        # "the execution of the drivers", "resulted in the death of two police officers";
        # not "in retaliation for the death of" or "investigating the death of"
        # "leading to three guards being hurt and the death of two": a noun joined
        # to another is governed by what governs the first
        lead = tok
        while pack.dep(lead, "coordinated") and lead.head.i != lead.i:
            lead = lead.head
        gov = lead.head.head if lead.head.pos_ == "ADP" else lead.head
        if gov.lemma_.lower() not in pack.words("reports-outcome-verbs") and not pack.dep(
            tok, "subject-or-passive-subject"
        ):
            return []
        for p in tok.children:
            if pack.dep(p, "preposition") and p.lower_ in pack.words("member-of"):
                return [o for o in p.children if pack.dep(o, "preposition-object")][:1]
        # "resulting in his death"
        return [c for c in tok.children if pack.dep(c, "possessive")][:1]
    head = tok
    if _to_death(tok, pack):
        head = tok.head.head  # "was stabbed to death", "beaten to death"
    # Phrases such as "gunned down" or "shot dead" hang off their verb.
    if pack.dep(head, "verb-particle") and head.head.i != head.i:
        head = head.head
    if head.pos_ not in ("VERB", "AUX") and not pack.tag(head, "past-participle"):
        return []
    root = head.sent.root
    if (
        pack.dep(head, "clause-modifier-participle")
        and pack.tag(head, "past-participle")
        and root.pos_ in ("NOUN", "PROPN")
        # a passive sense ("killed by insurgents"), not a main verb the parser missed ("The
        # blast at a park killed at least 65 people")
        and not any(pack.dep(c, "object") for c in head.children)
        and (
            bool(number_children(root, pack))
            or root.lemma_.lower() in pack.words("person-nouns") | pack.words("kin-nouns")
        )
    ):
        # "Three farmers who worked for the army killed by insurgents in Balad": a report
        # told as a headline, with no main verb; the noun it names died (the parser may
        # hang the participle on the nearest noun, "army")
        return [root]
    node = head
    for _ in range(4):
        passive = any(pack.dep(c, "passive-auxiliary") for c in node.children)
        # "Two men ... working for a TV channel were shot": the parser may call a passive subject
        # nsubj when a participle follows it.
        found = [
            _of_head(c, pack) for c in node.children
            if pack.dep(c, "passive-subject") or (passive and pack.dep(c, "subject"))
        ]  # fmt: skip
        if (
            not found
            and pack.tag(node, "past-participle-or-tense")
            and pack.dep(node, "coordinated")
            and not passive
            and not any(pack.dep(c, "object") for c in node.children)
            # "was wounded and his driver killed": the passive is understood
            and any(pack.dep(c, "passive-auxiliary") for c in node.head.children)
        ):
            found = [c for c in node.children if pack.dep(c, "subject")]
        # "killed four people and injured 18": the parser may tag a past tense as a
        # participle; with no passive auxiliary its object is still the victim.
        active = pack.tag(node, "past-tense-or-gerund") or (
            pack.tag(node, "past-participle") and not passive
        )
        if active and node.lemma_.lower() not in pack.words("die"):
            objs = [_titled(c, pack) for c in node.children if pack.dep(c, "object")]
            found += objs
            if objs:
                # "killing him and twenty-one others": the parser may hang the second
                # object on the verb
                found += [
                    c for c in node.children
                    if pack.dep(c, "coordinated") and c.pos_ in ("NOUN", "PROPN", "NUM")
                ]  # fmt: skip
        if node.lemma_.lower() in pack.words("dying-verbs"):
            found += [_of_head(c, pack) for c in node.children if pack.dep(c, "subject")]
        if not found and passive and node.i == head.i:
            # "Also killed in the raid were the judge's bodyguard and his nephew"
            for aux in node.children:
                if pack.dep(aux, "passive-auxiliary"):
                    found += [
                        c for c in aux.children if pack.dep(c, "predicate-attribute-or-subject")
                    ]
        if found:
            return found
        if (
            pack.dep(node, "open-complement-or-predicate")
            and node.head.i != node.i
            and node.head.lemma_.lower() in pack.words("raising-verbs")
        ):
            node = node.head  # "were found shot dead", "were reported killed"
            continue
        if not pack.dep(node, "coordinated") or node.head.i == node.i:
            return []
        if passive and not any(pack.dep(c, "subject-or-passive-subject") for c in node.children):
            # "Two guards ... tried to defuse it, and were killed": the subject is shared
            h = node.head
            for _ in range(3):
                shared = [c for c in h.children if pack.dep(c, "subject")]
                if shared:
                    return shared
                if not pack.dep(h, "coordinated-or-adverbial-clause") or any(
                    pack.dep(c, "marker") for c in h.children
                ):
                    break
                h = h.head
        # "killed 3 and wounded 6": the wounded are not the killed.
        first = node.head.lemma_.lower()
        if (
            first in pack.words("casualty-verbs-and-die")
            and first != tok.lemma_.lower()
            and head.lemma_ not in pack.words("die")
        ):
            return []  # ("was wounded and died of his wounds": one person, told twice)
        if any(pack.dep(c, "subject-object-or-passive-subject") for c in node.children):
            return []
        node = node.head
    return []


def _title_then_name(a: Token, b: Token, pack: LanguagePack) -> bool:
    """Two subjects that are a title and the name of one person, split by a comma only."""
    if b.pos_ != "PROPN" or not pack.tag(a, "singular-noun"):
        return False
    doc = a.doc
    gap = doc[a.right_edge.i + 1 : b.left_edge.i]
    return len(gap) > 0 and all(t.text == "," for t in gap)


def trailing_companion(s: Token, pack: LanguagePack) -> Quantity | None:
    """A companion joined after the victim's phrase that the parser left out of it: "killed
    the police chief in Kirkuk, Major Adel Umar, and his wife" (the name and "his wife"
    hung on the verb), "the head of the council, Saad Omar, and the council's treasurer".
    After the victim's words and a name set off by commas comes "and" and a phrase with
    its own determiner, possessive or number: "his wife" 1, "one of his guards" 1, "two
    guards" 2. Not a phrase that opens a clause ("and the car was burned")."""
    doc = s.doc
    k = s.right_edge.i + 1
    if k + 1 < len(doc) and doc[k].pos_ == "ADP" and doc[k + 1].pos_ == "PROPN":
        k += 1  # "the police chief in Kirkuk, ...": the place the parser hung on the verb
        while k < len(doc) and doc[k].pos_ == "PROPN":
            k += 1
    if k < len(doc) and doc[k].text == ",":
        j = k + 1
        while j < len(doc) and doc[j].pos_ == "PROPN":
            j += 1
        if j == k + 1 or j >= len(doc) or doc[j].text != ",":
            return None
        k = j + 1
    if k + 1 >= len(doc) or doc[k].lower_ not in pack.words("and-words"):
        return None
    first = doc[k + 1]
    n = word_value(first, pack) if first.like_num or first.lower_ in pack.words("one") else None
    j = k + 2
    if n is not None and j < len(doc) and doc[j].lower_ in pack.words("partitive-prepositions"):
        j += 1  # "one of his guards", "two of Rashad's bodyguards"
    elif n is None and not (pack.dep(first, "determiner") or pack.dep(first, "possessive")):
        return None
    head: Token | None = None
    for t in doc[j : j + 6]:
        if t.pos_ in ("NOUN", "PROPN"):
            head = t
        elif not (
            t.pos_ in ("ADJ", "DET", "PART")
            or pack.dep(t, "possessive")
            or (t.is_punct and t.text not in pack.words("phrase-punctuation"))
        ):
            break
    if head is None or head.pos_ != "NOUN" or head.lemma_.lower() in pack.words("not-victims"):
        return None
    nxt = head.i + 1
    if nxt < len(doc) and doc[nxt].pos_ in ("VERB", "AUX"):
        return None  # "and the car was burned": another clause
    if n is None:
        if not pack.tag(head, "singular-noun"):
            return None
        n = 1
    return Quantity(n, None, None, first.idx, head.idx + len(head))


def dependency_victims(tok: Token, pack: LanguagePack) -> Quantity | None:
    """'A judge was gunned down', 'gunmen killed Karim Saleh': one victim per person named."""
    found: list[Quantity] = []
    heads = sorted(victim_heads(tok, pack), key=lambda h: h.i)
    head_ids = {h.i for h in heads}
    prev: Token | None = None
    for k, s in enumerate(heads):
        if s.i + 1 in head_ids or (
            k + 1 < len(heads)
            and heads[k + 1].left_edge.i <= s.right_edge.i + 1
            and not any(
                pack.dep(t, "coordinating-conjunction")
                for t in s.doc[s.i + 1 : heads[k + 1].left_edge.i]
            )
        ):
            # "tribal sheikh Hamid al - Obeidi" parsed as several objects: one person
            continue
        if prev is not None and (
            _title_then_name(prev, s, pack)
            or not any(
                pack.dep(t, "coordinating-conjunction") or t.lower_ in pack.words("and-words")
                for t in s.doc[prev.i + 1 : s.left_edge.i]
            )
        ):
            # "the director-general of the ministry, Salim Aziz", "a bodyguard for
            # Prime Minister Haidar al-Abadi": two subjects with no "and" are one person
            continue
        prev = s
        if s.lower_ in pack.words("both") or any(
            c.lower_ in pack.words("both") and pack.dep(c, "determiner-or-predeterminer")
            for c in s.children
        ):
            return Quantity(2, None, None, s.left_edge.idx, s.idx + len(s))  # "both attackers"
        q = _victim_count(s, pack)
        if q is not None and not any(f.start <= q.start < f.end for f in found):
            found.append(q)
            more = trailing_companion(s, pack)
            if more is not None and not any(f.start <= more.start < f.end for f in found):
                found.append(more)
    if not found:
        return None
    # "An official ... and his driver were killed" can parse as two passive subjects.
    return Quantity(
        sum(q.best for q in found), None, None,
        min(q.start for q in found), max(q.end for q in found),
    )  # fmt: skip


def _joined_by_and(s: Token, heads: list[Token], pack: LanguagePack) -> bool:
    """s is another victim beside one of the other heads: an "and" stands between them
    ("the mayor, Saad Omar, and two of his guards"); words of one name the parser split
    into several subjects ("the Al-Siniyah Sub-district") have none."""
    doc = s.doc
    for h in heads:
        if h.i == s.i:
            continue
        lo, hi = (s, h) if s.i < h.i else (h, s)
        if any(t.lower_ in pack.words("and-words") for t in doc[lo.i + 1 : hi.left_edge.i]):
            return True
    return False


def _of_whom(s: Token, pack: LanguagePack) -> bool:
    """ "Four men, two of whom were brothers, died in the blast": the parser may give the
    verb "two" as a second subject; it describes the victims, it adds none."""
    return any(
        pack.dep(p, "preposition") and p.lower_ in pack.words("partitive-prepositions")
        and any(o.lower_ in pack.words("partitive-relative-pronouns") for o in p.children)
        for p in s.children
    )  # fmt: skip


def dependency_number(tok: Token, span: Span, pack: LanguagePack) -> Quantity | None:
    """The number that quantifies the victim of a casualty verb: 'Six truck drivers who were
    delivering supplies were killed' -> 6, however long the relative clause."""
    found: list[Quantity] = []
    heads = [h for h in victim_heads(tok, pack) if not _of_whom(h, pack)]
    counted = any(s.like_num or number_children(s, pack) for s in heads)
    for s in heads:
        nums = number_children(s, pack)
        if s.like_num:
            nums = [s]
        # "a total of 20 people": the total holds the people counted
        inside = s.lemma_.lower() in pack.words("collective-nouns") or any(
            h.i != s.i and s.is_ancestor(h) for h in heads
        )
        if (
            not nums
            and not inside
            and len(heads) > 1
            and (counted or pack.tag(s, "personal-pronoun"))
            and _joined_by_and(s, heads, pack)
        ):
            # "killing him and twenty-one others"; "killed the mayor of Tuz, Saad Omar, and
            # two of his guards" (the parser may hang the second victims on the verb). Heads
            # with no number beside them are read by `dependency_victims`.
            one = _victim_count(s, pack)
            if one is not None:
                found.append(one)
        for nm in nums:
            # Start at the number's own left edge so "at least" / "up to" are read.
            first = nm.left_edge.i - span.start
            if first < 0 or nm.i - span.start >= len(span):
                continue
            qs = find_quantities(span[first : nm.i - span.start + 3], pack)
            if qs:
                found.append(qs[0][2])
                break
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    # "One truck driver and two police officers were killed": two passive subjects.
    return Quantity(
        sum(q.best for q in found), None, None,
        min(q.start for q in found), max(q.end for q in found),
    )  # fmt: skip

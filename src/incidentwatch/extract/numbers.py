"""Casualty figures: numbers in words and digits, qualifiers, ranges (codebook section 5).

Works on spaCy tokens so that offsets map back to the text for evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from incidentwatch.extract.resources import Knowledge

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")
_RANGE = re.compile(r"^(\d+)\s*[-–]\s*(\d+)$")

# Nouns that name people; "a soldier was killed" counts one.
PERSON_NOUNS = {
    "soldier", "civilian", "man", "woman", "child", "boy", "girl", "policeman", "officer",
    "member", "fighter", "militant", "person", "resident", "farmer", "shepherd", "journalist",
    "worker", "student", "teacher", "doctor", "gunman", "attacker", "bomber", "commander",
    "leader", "guard", "conscript", "protester", "demonstrator", "pilot", "driver", "citizen",
    "villager", "youth", "teenager", "elder", "official", "employee", "sniper", "recruit",
    "policewoman", "rioter", "settler", "migrant", "trader", "merchant", "cleric", "imam",
    "judge", "mayor", "mukhtar", "contractor", "engineer", "paramedic", "nurse", "infant",
    "baby", "toddler", "hostage", "prisoner", "detainee", "suspect", "operative", "jihadist",
    "insurgent", "rebel", "assailant", "infiltrator", "body", "corpse",
}  # fmt: skip


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


def word_value(tok: Token, kb: Knowledge) -> int | None:
    t = tok.lower_.replace(",", "")
    if _DIGITS.match(tok.text):
        return int(tok.text.replace(",", ""))
    if t.isdigit():
        return int(t)
    if "-" in t:  # twenty-one
        parts = t.split("-")
        if all(p in kb.number_words for p in parts):
            return sum(kb.number_words[p] for p in parts)
    if t in ("a", "an", "no", "some", "both", "single", "lone", "couple"):
        return None  # only meaningful in context, handled by the caller
    return kb.number_words.get(t)


def _qualifier_before(tokens: Span | list[Token], idx: int, kb: Knowledge) -> tuple[str, int]:
    """Qualifier ending just before token idx; returns its kind and first index."""
    best = ("exact", idx)
    for n in (3, 2, 1):
        if idx - n < 0:
            continue
        words = " ".join(t.lower_ for t in tokens[idx - n : idx])
        if words in kb.qualifiers:
            return kb.qualifiers[words], idx - n
    return best


def quantity_at(tokens: Span, i: int, kb: Knowledge) -> tuple[Quantity, int] | None:
    """Parse a quantity starting at tokens[i]; returns it and the index after it."""
    tok = tokens[i]
    low_t = tok.lower_
    n = len(tokens)
    # "between 5 and 8"
    if low_t == "between" and i + 3 < n and tokens[i + 2].lower_ == "and":
        a, b = word_value(tokens[i + 1], kb), word_value(tokens[i + 3], kb)
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
            if words in kb.vague:
                v = kb.vague[words]
                last = tokens[i + width - 1]
                return Quantity(v, v, None, tok.idx, last.idx + len(last), vague=True), i + width
    if low_t in kb.vague and low_t not in ("some", "number", "many"):
        v = kb.vague[low_t]
        return Quantity(v, v, None, tok.idx, tok.idx + len(tok), vague=True), i + 1
    if low_t in ("several", "many") or (
        low_t == "some" and i + 1 < n and tokens[i + 1].tag_ in ("NNS", "NNPS")
    ):
        v = kb.vague.get(low_t, 3)
        return Quantity(v, v, None, tok.idx, tok.idx + len(tok), vague=True), i + 1
    if low_t in ("a", "an") and i + 1 < n:
        nxt = tokens[i + 1]
        if nxt.lower_ == "dozen":
            return Quantity(12, None, None, tok.idx, nxt.idx + len(nxt)), i + 2
        if nxt.lower_ in ("hundred", "thousand"):
            v = kb.multipliers[nxt.lower_]
            return Quantity(v, None, None, tok.idx, nxt.idx + len(nxt)), i + 2
        return None
    value = word_value(tok, kb)
    if value is None:
        return None
    j = i + 1
    end = tok.idx + len(tok)
    # "three hundred", "1.5 thousand", "twenty one"
    while j < n:
        nxt = tokens[j]
        if nxt.lower_ in kb.multipliers:
            value *= kb.multipliers[nxt.lower_]
        elif nxt.lower_ == "dozen" and value < 20:
            value *= 12
        elif (
            nxt.lower_ in kb.number_words
            and 0 < kb.number_words[nxt.lower_] < 10
            and value >= 20
            and value % 10 == 0
        ):
            value += kb.number_words[nxt.lower_]
        else:
            break
        end = nxt.idx + len(nxt)
        j += 1
    # "twenty - one" when the tokenizer splits the hyphen
    if (
        j + 1 < n
        and tokens[j].text in ("-", "–")
        and tokens[j + 1].lower_ in kb.number_words
        and 0 < kb.number_words[tokens[j + 1].lower_] < 10
        and value >= 20
        and value % 10 == 0
    ):
        value += kb.number_words[tokens[j + 1].lower_]
        end = tokens[j + 1].idx + len(tokens[j + 1])
        j += 2
    # "5 to 8", "5 or 6"
    if j + 1 < n and tokens[j].lower_ in ("to", "or", "-", "–") and tokens[j].lower_ != "":
        other = word_value(tokens[j + 1], kb)
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


def find_quantities(tokens: Span, kb: Knowledge) -> list[tuple[int, int, Quantity]]:
    """Every quantity in a span: (first token index, index after, quantity)."""
    out = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        # Years, times and ordinals are not counts.
        if tok.ent_type_ in ("DATE", "TIME", "ORDINAL", "MONEY", "PERCENT", "QUANTITY") and not (
            tok.ent_type_ == "DATE" and tok.lower_ in ("dozens", "hundreds")
        ):
            i += 1
            continue
        parsed = quantity_at(tokens, i, kb)
        if parsed is None:
            i += 1
            continue
        q, j = parsed
        kind, qstart = _qualifier_before(tokens, i, kb)
        if kind != "exact":
            q = apply_qualifier(q, kind, tokens[qstart].idx)
        out.append((i, j, q))
        i = j
    return out


def person_article_count(tokens: Span, i: int) -> Quantity | None:
    """'a soldier', 'an officer', 'one of the guards' -> 1."""
    tok = tokens[i]
    if tok.lower_ not in ("a", "an", "another"):
        return None
    for k in range(i + 1, min(i + 4, len(tokens))):
        t = tokens[k]
        if t.lemma_.lower() in PERSON_NOUNS and t.tag_ in ("NN", "NNP"):
            return Quantity(1, None, None, tok.idx, t.idx + len(t))
        if t.pos_ not in ("ADJ", "NOUN", "PROPN", "ADP") and t.tag_ != "HYPH":
            return None
    return None


# Relatives and companions named with a victim ("and his driver").
KIN = {
    "son", "daughter", "wife", "husband", "brother", "sister", "father", "mother",
    "companion", "bodyguard", "relative", "nephew", "cousin", "uncle", "aunt", "passenger",
    "customer", "owner", "barber", "colleague", "friend", "bride", "grandson", "child",
}  # fmt: skip

# Subjects of "was killed" that are not victims.
_NOT_VICTIMS = {
    "attack", "bombing", "explosion", "blast", "toll", "number", "figure", "report", "incident",
    "nobody", "one", "spokesman", "source", "police", "ministry", "statement",
}  # fmt: skip


def _own_count(noun: Token, kb: Knowledge) -> int | None:
    """How many people one coordinated noun names: 'nine workers' 9, 'a child' 1,
    'the driver' 1, 'soldiers' unknown."""
    for c in noun.children:
        if c.dep_ == "nummod":
            v = word_value(c, kb)
            if v is not None:
                return v
    if noun.like_num:
        return word_value(noun, kb)
    if noun.tag_ in ("NN", "NNP") and noun.lemma_.lower() not in _NOT_VICTIMS:
        return 1
    return None


def conjunct_extra(
    noun: Token, kb: Knowledge, counted: tuple[int, int] | None = None
) -> tuple[int, int]:
    """Victims added by coordinated nouns ('four children and a US Marine' -> +1);
    returns the extra count and the end offset of the last conjunct. Nouns inside
    `counted` (character span) are already in the figure."""
    extra = 0
    end = noun.idx + len(noun)
    for conj in noun.conjuncts:
        if conj.i == noun.i or conj.pos_ not in ("NOUN", "PROPN", "NUM"):
            continue
        if counted is not None and counted[0] <= conj.idx < counted[1]:
            continue
        if conj.lemma_.lower() in ("other", "others") or conj.like_num:
            continue  # "3 killed and 6 others wounded", "between 30 and 40"
        lo, hi = sorted((noun.i, conj.i))
        doc = noun.doc
        if any(doc[k].pos_ == "VERB" or doc[k].text in (";", ".") for k in range(lo + 1, hi)):
            continue  # another clause: "killing 2 soldiers and wounding 5 civilians"
        v = _own_count(conj, kb)
        if v is not None:
            extra += v
            end = max(end, conj.idx + len(conj))
    return extra, end


def _conj_chain_to(c: Token, s: Token) -> bool:
    """c is coordinated with s ("the owner, his son, and a waiter")."""
    node = c
    for _ in range(10):
        if node.dep_ != "conj":
            return False
        node = node.head
        if node.i == s.i:
            return True
    return False


def _num(tok: Token) -> int:
    from incidentwatch.extract.resources import load_knowledge

    v = word_value(tok, load_knowledge())
    return v if v is not None else 1


def _victim_count(s: Token) -> Quantity | None:
    if s.like_num or any(c.dep_ == "nummod" for c in s.children):
        return None  # a number is read by the window search
    if s.lower_ in ("nobody", "none") or any(c.lower_ == "no" for c in s.children):
        return Quantity(0, None, None, s.idx, s.idx + len(s))
    singular = s.tag_ in ("NN", "NNP") and s.lemma_.lower() not in _NOT_VICTIMS
    pronoun = s.tag_ == "PRP" and s.lower_ in ("he", "she", "him", "her", "himself", "herself")
    if not (singular or pronoun):
        return None
    n = 1
    # Companions coordinated anywhere in the victim phrase: the parser often hangs "and
    # his driver" on the nearest noun ("an official in the Finance Ministry and his driver").
    for c in s.subtree:
        if c.dep_ != "conj" or c.i <= s.i or c.pos_ not in ("NOUN", "PROPN"):
            continue
        if not _conj_chain_to(c, s) and not (
            c.lemma_.lower() in PERSON_NOUNS or c.lemma_.lower() in KIN or c.ent_type_ == "PERSON"
        ):
            continue
        # "a bank employee and former party member" is one person; a companion has its own
        # determiner, possessive or number ("and his driver", "and a companion").
        if c.pos_ == "NOUN" and not any(w.dep_ in ("det", "poss", "nummod") for w in c.children):
            continue
        nums = [w for w in c.children if w.dep_ == "nummod" and w.like_num]
        if nums:
            n += _num(nums[0])
        elif c.tag_ in ("NN", "NNP"):
            n += 1
    for c in s.head.children:
        # "was assassinated along with his brother", "along with two Iraqis"
        if c.dep_ == "prep" and c.lower_ == "along":
            for w in c.subtree:
                if w.dep_ == "pobj":
                    nums = [x for x in w.children if x.dep_ == "nummod" and x.like_num]
                    if nums:
                        n += _num(nums[0])
                    elif w.tag_ in ("NN", "NNP"):
                        n += 1
                    break
    start = s.left_edge.idx
    end = s.right_edge.idx + len(s.right_edge)
    if end - start > 120:
        end = s.idx + len(s)
        start = s.idx
    return Quantity(n, None, None, start, end)


_CASUALTY_VERBS = {"kill", "wound", "injure", "hurt", "die"}


def victim_heads(tok: Token) -> list[Token]:
    """Nouns naming who suffered the act of a casualty verb: the passive subject, the object,
    the subject of 'die'; through coordinated verbs ("was kidnapped and executed",
    "attacked and killed an official")."""
    head = tok
    # Phrases such as "gunned down" or "shot dead" hang off their verb.
    if head.dep_ in ("prt", "acomp", "advmod", "oprd") and head.head.i != head.i:
        head = head.head
    if head.pos_ not in ("VERB", "AUX") and head.tag_ != "VBN":
        return []
    node = head
    for _ in range(4):
        found = [c for c in node.children if c.dep_ == "nsubjpass"]
        if node.tag_ in ("VBD", "VBG") and node.lemma_.lower() not in ("die",):
            found += [c for c in node.children if c.dep_ == "dobj"]
        if node.lemma_.lower() in ("die", "perish", "succumb"):
            found += [c for c in node.children if c.dep_ == "nsubj"]
        if found:
            return found
        if node.dep_ != "conj" or node.head.i == node.i:
            return []
        # "killed 3 and wounded 6": the wounded are not the killed.
        first = node.head.lemma_.lower()
        if first in _CASUALTY_VERBS and first != tok.lemma_.lower():
            return []
        if any(c.dep_ in ("nsubj", "dobj", "nsubjpass") for c in node.children):
            return []
        node = node.head
    return []


def dependency_victims(tok: Token) -> Quantity | None:
    """'A judge was gunned down', 'gunmen killed Salman Ahmad': one victim per person named."""
    found: list[Quantity] = []
    for s in victim_heads(tok):
        if s.lower_ == "both":
            return Quantity(2, None, None, s.idx, s.idx + len(s))
        q = _victim_count(s)
        if q is not None and not any(f.start <= q.start < f.end for f in found):
            found.append(q)
    if not found:
        return None
    # "An official ... and his driver were killed" can parse as two passive subjects.
    return Quantity(
        sum(q.best for q in found), None, None,
        min(q.start for q in found), max(q.end for q in found),
    )  # fmt: skip


def dependency_number(tok: Token, span: Span, kb: Knowledge) -> Quantity | None:
    """The number that quantifies the victim of a casualty verb: 'Six truck drivers who were
    delivering supplies were killed' -> 6, however long the relative clause."""
    found: list[Quantity] = []
    for s in victim_heads(tok):
        nums = [c for c in s.children if c.dep_ == "nummod"]
        if s.like_num:
            nums = [s]
        for nm in nums:
            # Start at the number's own left edge so "at least" / "up to" are read.
            first = nm.left_edge.i - span.start
            if first < 0 or nm.i - span.start >= len(span):
                continue
            qs = find_quantities(span[first : nm.i - span.start + 3], kb)
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

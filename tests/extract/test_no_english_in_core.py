"""The extractor's core modules know no English words: word lists, number words, the
parser's dependency labels, tags and entity labels and the summary sentence come from
the language pack (data/extract/<lang>/). An AST scan of the core's string literals
catches a word that creeps back in; `scan` is also run on a planted line to show the
check can fail."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from incidentwatch.extract.lang import DataPack, get_pack
from incidentwatch.extract.registry import all_rules

EXTRACT = Path(__file__).resolve().parents[2] / "src" / "incidentwatch" / "extract"
CORE = sorted(
    [
        EXTRACT / "numbers.py",
        EXTRACT / "classify.py",
        EXTRACT / "actors.py",
        EXTRACT / "pipeline.py",
        *(EXTRACT / "stages").glob("*.py"),
    ]
)

# Calls whose first argument is a concept name the pack defines, not a word of the text.
CONCEPT_CALLS = {"words", "word_set", "dep", "tag", "entity", "pattern", "template", "summary"}
# Calls whose string is a developer-facing -vv reason, not a word read from the text.
LOG_CALLS = {"debug", "info", "warning", "error", "exception"}
# Identifiers that are also English words: codebook values and field names (the record
# format, not the article's language), stage-internal codes. Each entry says where.
ALLOWED = {
    "other",  # stages/grouping.py: the family code of a type outside the families
    "event",  # stages/building.py: the evidence field of the event span
    "reported",  # stages/building.py: the codebook's claim_status value
    "claimed",  # stages/building.py: the codebook's claim_status value
    "killed",  # stages/building.py: Candidate attribute names (_own_tolls)
    "wounded",
    "location",  # stages/building.py: the evidence field of the place
    "country",  # stages/building.py: the evidence field of the country
    "country named",  # stages/place.py: why a place was chosen (a -vv reason)
    "Protest with intervention",  # classify.py: a codebook sub-event type (ACLED)
    "speaker of '",  # stages/place.py: why a place is not the event's (a -vv reason)
    "expand",  # spaCy's char_span alignment mode
    "target",  # actors.py: the role code of an actor mention (INITIATOR, TARGET)
    "exact",  # numbers.py: qualifier kinds, the values of numbers.toml [qualifiers]
    "about",
}
_PHRASE = re.compile(r"^\s+[a-z]|[a-z]\s+$|\b[a-z]{2,} [a-z]{2,}\b")


def _vocabulary(pack: DataPack) -> set[str]:
    """Every word and label the English pack lists (what the core must not spell)."""
    kb = pack.knowledge
    words: set[str] = set()
    for ws in pack.word_sets.values():
        words |= {w for w in ws if re.search(r"[a-z]", w)}
    for table in (kb.number_words, kb.multipliers, kb.vague, kb.repeats):
        words |= set(table)
    words |= set(kb.qualifiers)
    for group in (pack.labels, pack.tags, pack.entities):
        for labels in group.values():
            words |= set(labels)
    return words


def _identifiers(pack: DataPack) -> set[str]:
    """Names the pack's data gives its categories: cue and context categories, qualifier
    kinds, target and weapon types. In the core they name the category (classify.py's
    codebook table), never a word of the text."""
    kb = pack.knowledge
    names = set(kb.cues) | set(kb.context) | {r.cue for r in kb.subevents}
    names |= set(kb.qualifiers.values())
    # Codebook values (the record format, not the article's language).
    names |= {r.event_type for r in kb.subevents} | {r.sub_event_type for r in kb.subevents}
    names |= {t for t, _w in kb.targets} | {w for w, _x in kb.weapons}
    # Rule names: the reasons -vv logs (ex.counting.get("figure told again")).
    names |= {r.name for r in all_rules()}
    return names


def _call_name(node: ast.Call) -> str:
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def scan(source: str, vocabulary: set[str], identifiers: set[str]) -> list[tuple[int, str]]:
    """(line, literal) for each string literal that spells an English word or label."""
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Call) and node.args:
            name = _call_name(node)
            # The concept is the last argument (pack.dep(tok, "coordinated")), a log
            # call's reason the first.
            arg = node.args[0] if name in LOG_CALLS else node.args[-1]
            if name in CONCEPT_CALLS | LOG_CALLS and isinstance(arg, ast.Constant):
                skip.add(id(arg))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if id(node) in skip or node.value in ALLOWED:
            continue
        v = node.value
        if v in identifiers:
            continue
        if v in vocabulary or _PHRASE.search(v):
            found.append((node.lineno, v))
    return found


@pytest.fixture(scope="module")
def english() -> tuple[set[str], set[str]]:
    pack = get_pack("en")
    assert isinstance(pack, DataPack)
    return _vocabulary(pack), _identifiers(pack)


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(EXTRACT)))
def test_core_module_spells_no_english_word(path: Path, english: tuple[set[str], set[str]]) -> None:
    vocab, ids = english
    hits = scan(path.read_text(encoding="utf-8"), vocab, ids)
    assert hits == [], f"{path.name}: English in the core (move it to the pack): {hits}"


@pytest.mark.parametrize(
    "line",
    [
        'if tok.lower_ == "between": pass',
        'if tok.dep_ in ("nummod", "appos"): pass',
        'ok = tok.tag_ == "NNS"',
        'ok = tok.ent_type_ == "DATE"',
        'where = f" against {name}"',
        'result = "; casualties unknown"',
    ],
)
def test_the_scan_catches_a_planted_word(line: str, english: tuple[set[str], set[str]]) -> None:
    vocab, ids = english
    assert scan(line, vocab, ids), line


def test_the_scan_lets_concept_names_and_reasons_pass(english: tuple[set[str], set[str]]) -> None:
    vocab, ids = english
    ok = (
        'a = pack.words("dozen")\n'
        'b = pack.dep(tok, "apposition")\n'
        'log.debug("series total dropped: %s", name)\n'
    )
    assert scan(ok, vocab, ids) == []

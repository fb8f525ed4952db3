"""Named extraction rules in ordered tables.

A rule is a small function registered under a name in a table:

    @rule("modal", table="background-dependent", order=20, example=("could attack", "attack"))
    def modal_aux(child, pack): ...

Stages ask for a table (`rules_of(table, disabled)`) and apply its rules in their
`order`; the first that fires decides, and its name is the reason `-vv` logs.
The same name may appear in several tables (the check "modal" applies to the
cue's own auxiliaries and to the verbs that govern it): disabling a name turns
it off everywhere. `incidentwatch extract --rules` lists the tables;
`--disable-rule NAME` switches rules off for measurement.

Registration happens at import of the rule modules (`load_rules()`), so the
tables are fixed before any article is read and are never changed by a call.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

RULE_MODULES = (
    "incidentwatch.extract.rules.cues",
    "incidentwatch.extract.rules.background",
    "incidentwatch.extract.rules.counting",
    "incidentwatch.extract.rules.victim_count",
    "incidentwatch.extract.rules.victim_lists",
    "incidentwatch.extract.rules.series_members",
    "incidentwatch.extract.rules.earlier_event",
    "incidentwatch.extract.rules.grouping",
    "incidentwatch.extract.rules.perpetrators",
    "incidentwatch.extract.rules.article",
    "incidentwatch.extract.rules.actors",
    "incidentwatch.extract.rules.types",
    "incidentwatch.extract.rules.places",
    "incidentwatch.extract.rules.dates",
)

# Each table, in the order a stage applies it; what a rule of that table receives.
TABLES = {
    "cue": "a word that matched a cue lemma: True if it is not a cue after all",
    "parse-word": "a word the parser read as a name: True if it is a common word in this place",
    "cue-added": "any word: the cue category it tells in this use that its lemma does not, or None",
    "clause-split": "a conjunction between two event clauses: True if each tells an incident",
    "context-hit": "a background phrase (trend, statistic) in the text: True if no signal here",
    "background-dependent": "a dependent of the cue word (its negation or auxiliary)",
    "background-governor": "one step up from the cue word to a word that governs it",
    "background": "the cue word itself, after the dependents and governors",
    "counting": "a casualty cue word or a figure found for it",
    "grouping": "two tellings of events in one article: the same incident or not",
    "suicide-attacker": "an incident's words: True if its suicide attacker's death is not added",
    "segment": "an event segment's dates, signals and toll: the segment is not news",
    "segment-scored": "a scored candidate: it is not reported",
    "article": "a group of a long article: a mention in passing, not an incident",
    "series": "a group told as a series total: the parts the article names instead",
    "retelling": "a vague group of a long article: the incident it retells",
    "split": "an incident's days and repeats: the days of the incidents it splits into",
    "actor-mention": "an actor named in an event's words: True if it is no party to the event",
    "suspected-actor": "an actor named in an event's words: True if the text only suspects it",
    "supporting-actor": "an actor named in an event's words: True if it only backs a side",
    "state-actor": "a country named in an article: True if it acts there as its military",
    "type-cue": "an incident's cue word: True if it does not decide the incident's type",
    "actor1": "an incident's sub-event and actor1: True if its doer is an unidentified group",
    "article-actor": "a sentence and a sub-event: True if the doer it names did such an incident",
    "actor2": "victims told as people and a force in their sentence: True if the force was hit",
    "acted-upon": "an incident's sides and what its words name: who was acted upon, or None",
    "not-event-place": "a place named in an event's words: True if it is not where it happened",
    "place-word": "a word opening a sentence the geocoder read as a place: True if it is none",
    "report-day": "a date in an event's words: True if it dates the report, not the event",
    "told-before": "an event word dated only by its filing day: True if told as done before it",
    "header-date": "the date an article's text opens with: True if it dates the whole text",
    "unfixed-day": "a week told without its day: the day the article names its event by, or None",
    "breaking": "an article's text: the words saying its details are not yet known, or None",
}


@dataclass(frozen=True)
class Rule:
    name: str
    table: str
    order: int
    fn: Callable[..., Any]
    # The text of the docstring example and the word it is about: each rule's unit
    # test parses the text and checks the rule fires there.
    example: tuple[str, ...]

    @property
    def doc(self) -> str:
        """The docstring's first paragraph on one line."""
        first = (self.fn.__doc__ or "").strip().split("\n\n")[0]
        return " ".join(first.split())

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.fn(*args, **kwargs)


class UnknownRule(ValueError):
    pass


_TABLES: dict[str, list[Rule]] = {}


def rule(
    name: str, *, table: str, order: int, example: tuple[str, ...]
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as rule `name` in `table` at position `order`."""
    if table not in TABLES:
        raise ValueError(f"unknown rule table {table!r}")

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        rules = _TABLES.setdefault(table, [])
        if any(r.order == order for r in rules):
            raise ValueError(f"two rules at order {order} in table {table!r}")
        if any(r.fn is fn for r in rules):
            raise ValueError(f"{fn.__name__} registered twice in {table!r}")
        rules.append(Rule(name, table, order, fn, example))
        rules.sort(key=lambda r: r.order)
        return fn

    return register


def load_rules() -> None:
    for mod in RULE_MODULES:
        importlib.import_module(mod)


def rules_of(table: str, disabled: frozenset[str] = frozenset()) -> tuple[Rule, ...]:
    """The enabled rules of `table`, in order."""
    load_rules()
    return tuple(r for r in _TABLES.get(table, []) if r.name not in disabled)


def all_rules() -> list[Rule]:
    load_rules()
    return [r for t in TABLES for r in _TABLES.get(t, [])]


def check_names(names: Iterable[str]) -> frozenset[str]:
    """The names as a set, or UnknownRule naming the first that no table has."""
    known = {r.name for r in all_rules()}
    out = frozenset(names)
    for n in sorted(out):
        if n not in known:
            raise UnknownRule(f"no rule named {n!r} (see `incidentwatch extract --rules`)")
    return out


def markdown_table() -> str:
    """The rule tables as the Markdown table docs/extract.md shows (one row per rule, in
    the order `incidentwatch extract --rules` lists them); `scripts/rule_table.py`
    writes it into the doc and a test checks the doc matches."""
    rows = [
        "| table | order | rule (the -vv reason, the --disable-rule name) | what it does |",
        "|---|---:|---|---|",
    ]
    for r in all_rules():
        doc = r.doc.replace("|", "\\|")
        rows.append(f"| `{r.table}` | {r.order} | {r.name} | {doc} |")
    return "\n".join(rows) + "\n"

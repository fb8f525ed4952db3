"""Each named extraction rule on its own docstring example (text written for these tests),
the rule tables, the language pack, and one extractor shared by two threads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from spacy.tokens import Doc, Token

from incidentwatch.extract import numbers as num
from incidentwatch.extract.lang import DataPack, get_pack
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.registry import Rule, UnknownRule, all_rules, check_names, rules_of
from incidentwatch.extract.stages.background import why_background
from incidentwatch.records import Article, Incident, Place

PACK = get_pack("en")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _token(doc: Doc, word: str) -> Token:
    hits = [t for t in doc if t.text == word]
    assert hits, f"{word!r} not in {doc.text!r}"
    return hits[0]


def _rules(table: str) -> list[Rule]:
    return list(rules_of(table))


def _reason(tok: Token, without: Rule | None = None) -> str | None:
    tables = [
        tuple(r for r in rules_of(t) if r is not without)
        for t in ("background-dependent", "background-governor", "background")
    ]
    return why_background(tok, PACK, tables[0], tables[1], tables[2])


def test_every_rule_has_an_example_and_a_doc() -> None:
    rules = all_rules()
    assert len(rules) >= 30
    for r in rules:
        assert r.example and r.example[0], r.name
        assert r.doc, r.name


@pytest.mark.parametrize("r", _rules("cue"), ids=lambda r: r.name)
def test_cue_rule(r: Rule, extractor: Extractor) -> None:
    text, word = r.example
    tok = _token(extractor.nlp(text), word)
    assert r(tok, PACK) is True
    # The word is a cue lemma, so without the rule it would be found as a cue.
    off = Extractor(nlp=extractor.nlp, use_geocoder=False, disabled_rules=[r.name])
    from incidentwatch.extract.stages.cues import find_cues

    doc = extractor.nlp(text)
    assert not any(c.token.i == tok.i for c in find_cues(extractor, doc))
    assert any(c.token.i == tok.i for c in find_cues(off, doc))


@pytest.mark.parametrize("r", _rules("cue-added"), ids=lambda r: r.name)
def test_cue_added_rule(r: Rule, extractor: Extractor) -> None:
    text, word = r.example
    tok = _token(extractor.nlp(text), word)
    cat = r(tok, PACK)
    assert cat
    # The word is no cue of that category by its lemma: only the rule makes it one.
    off = Extractor(nlp=extractor.nlp, use_geocoder=False, disabled_rules=[r.name])
    from incidentwatch.extract.stages.cues import find_cues

    doc = extractor.nlp(text)
    assert any(c.token.i == tok.i and c.cat == cat for c in find_cues(extractor, doc))
    assert not any(c.token.i == tok.i and c.cat == cat for c in find_cues(off, doc))


@pytest.mark.parametrize("r", _rules("told-before"), ids=lambda r: r.name)
def test_told_before_rule(r: Rule, extractor: Extractor) -> None:
    text, word, day = r.example
    doc = extractor.nlp(text)
    start = text.index(day)
    span = doc.char_span(start, start + len(day), alignment_mode="expand")
    assert span is not None
    assert r(_token(doc, word), span, PACK) is True


@pytest.mark.parametrize(
    "r",
    _rules("background-dependent") + _rules("background-governor") + _rules("background"),
    ids=lambda r: f"{r.table}:{r.name}",
)
def test_background_rule(r: Rule, extractor: Extractor) -> None:
    text, word = r.example
    tok = _token(extractor.nlp(text), word)
    why = _reason(tok)
    # This rule is the one that drops the cue: its name is the reason logged, and
    # without it the cue is kept or dropped for another reason.
    assert why is not None and (why == r.name or why.startswith(r.name + " ")), why
    assert _reason(tok, without=r) != why


def test_background_keeps_a_plain_report(extractor: Extractor) -> None:
    tok = _token(extractor.nlp("Gunmen attacked a police checkpoint in Samarra."), "attacked")
    assert _reason(tok) is None


@pytest.mark.parametrize(
    "name",
    [
        "toll of another event told in passing",
        "toll of an earlier event",
        "cumulative toll told in passing",
        "toll of an event of another year",
        "toll of an event of another month",
        "toll of other incidents",
        "toll of an event a day before",
        "a death that did not happen",
    ],
)
def test_counting_cue_rule(name: str, extractor: Extractor) -> None:
    [r] = [x for x in rules_of("counting") if x.name == name]
    text, word = r.example
    doc = extractor.nlp(text)
    # The example's word occurs twice at most; the rule fires on the one about the other event.
    hits = [t for t in doc if t.text == word]
    assert any(r(t, PACK) for t in hits)
    assert not r(_token(extractor.nlp("A car bomb killed four soldiers in Baiji."), "killed"), PACK)


@pytest.mark.parametrize(
    "name", ["figure told again", "pronoun for counted victims", "an update over its sentence"]
)
def test_counting_figure_rule(name: str, extractor: Extractor) -> None:
    [r] = [x for x in rules_of("counting") if x.name == name]
    text, words = r.example
    doc = extractor.nlp(text)
    start = text.index(words) + (
        len(words) - len(words.split()[-1]) if name == "figure told again" else 0
    )
    end = text.index(words) + len(words)
    q = num.Quantity(1, None, None, start, end)
    assert r(doc, q, PACK)
    first = text.index(text.split()[0])
    assert not r(doc, num.Quantity(1, None, None, first, first + len(text.split()[0])), PACK)


# Grouping rules about tellings that only a long article's segments make (a sentence cut
# by a `clause-split` rule), and the news-free paragraphs that make the example one.
LONG_ARTICLE_RULES = {"two deeds told apart", "two tolls by two doers with two weapons"}
LONG_ARTICLE_TAIL = (
    "\n\nThe town's council met in the evening to discuss the water supply, which has "
    "been uneven since the spring, and agreed to ask the ministry for new pumps. Traders "
    "said the main market would open as usual, and the bus station reported normal "
    "traffic on the roads to the south.\n\n" * 4
)


@pytest.mark.parametrize("r", _rules("grouping"), ids=lambda r: r.name)
def test_grouping_rule(r: Rule, extractor: Extractor) -> None:
    from incidentwatch.extract.stages.grouping import make_pair

    text, verdict = r.example
    if r.name in LONG_ARTICLE_RULES:
        # Its tellings exist only in a long article: the example leads one.
        text += LONG_ARTICLE_TAIL
    ctx = extractor.candidates(Article(article_id="rule", text=text, published_at="2023-05-10"))
    a, b = ctx.candidates[:2]
    # Rules about short reports are tried as one; the others as in a long article,
    # where the short-report rule does not answer first.
    short = r.name == "short report follow-up"
    pair = make_pair(extractor, a, b, short)
    assert r(pair) is (verdict == "same")


def test_a_grouping_rule_switched_off_changes_the_incidents(extractor: Extractor) -> None:
    text = "Gunmen attacked a checkpoint on Monday. Gunmen attacked a checkpoint on Friday."
    art = Article(article_id="rule", text=text, published_at="2023-05-10")
    off = Extractor(nlp=extractor.nlp, use_geocoder=False, disabled_rules=["different days"])
    assert len(extractor.extract(art)) == 2
    assert len(off.extract(art)) == 1


def test_unknown_rule_name_is_an_error() -> None:
    with pytest.raises(UnknownRule):
        check_names(["no such rule"])
    assert check_names(["modal"]) == frozenset({"modal"})


def test_rules_and_disable_rule_on_the_command_line(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    cli = [sys.executable, "-m", "incidentwatch"]
    out = subprocess.run([*cli, "extract", "--rules"], capture_output=True, text=True, env=env)
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert any(line.split()[0] == "background" and "generic plural" in line for line in lines)
    assert len(lines) == len(all_rules())
    art = tmp_path / "a.txt"
    art.write_text("Officials said the group could attack the dam near Haditha.", encoding="utf-8")
    base = [*cli, "-vv", "extract", str(art), "--no-geocode"]
    on = subprocess.run(base, capture_output=True, text=True, env=env)
    off = subprocess.run(
        [*base, "--disable-rule", "modal"], capture_output=True, text=True, env=env
    )
    assert "dropped: modal" in on.stderr and "dropped: modal" not in off.stderr
    assert json.loads(on.stdout)["incidents"] == []
    assert len(json.loads(off.stdout)["incidents"]) == 1
    bad = subprocess.run([*base, "--disable-rule", "nope"], capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and "no rule named 'nope'" in bad.stderr


ARTICLES = [
    "A roadside bomb killed three soldiers and wounded five near Tuz Khurmatu on Monday, "
    "security sources said.",
    "Gunmen on motorbikes shot dead a local council member in Baqubah on Sunday evening, police "
    "said. Two of his guards were wounded.",
    "Hundreds of people protested outside the provincial council in Basra on Friday over power "
    "cuts. Police fired tear gas and arrested six protesters.",
    "An air strike killed at least 12 militants in a village west of Mosul on Tuesday, the "
    "military said. The strike also destroyed two vehicles.",
    "Militants could attack the dam, officials warned, calling for more troops in Haditha.",
    "Two car bombs exploded in a market in Karbala on Thursday, killing 9 people. A third bomb "
    "was defused by police.",
]


def _serial(ex: Extractor) -> list[str]:
    return [
        json.dumps([i.model_dump(mode="json") for i in ex.extract(_art(i, t))])
        for i, t in enumerate(ARTICLES)
    ]


def _art(i: int, text: str) -> Article:
    return Article(article_id=f"a{i}", text=text, published_at="2023-05-10")


def test_two_threads_through_one_extractor_give_the_serial_output(extractor: Extractor) -> None:
    serial = _serial(extractor)
    assert sum(json.loads(s) != [] for s in serial) >= 4
    got: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def work(name: str, order: list[int]) -> None:
        try:
            out = [""] * len(ARTICLES)
            for _ in range(3):
                for i in order:
                    out[i] = json.dumps(
                        [x.model_dump(mode="json") for x in extractor.extract(_art(i, ARTICLES[i]))]
                    )
            got[name] = out
        except BaseException as exc:  # surfaced in the main thread below
            errors.append(exc)

    order = list(range(len(ARTICLES)))
    threads = [
        threading.Thread(target=work, args=("forward", order)),
        threading.Thread(target=work, args=("backward", order[::-1])),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert got["forward"] == serial
    assert got["backward"] == serial


def test_the_extractor_keeps_no_per_article_state(extractor: Extractor) -> None:
    before = set(vars(extractor))
    extractor.extract(_art(0, ARTICLES[0]))
    assert set(vars(extractor)) == before


def test_language_pack_gives_concepts_not_words() -> None:
    assert "could" in PACK.words("modal")
    assert PACK.words("no such concept") == frozenset()
    assert PACK.pattern("cumulative") is not None
    with pytest.raises(ValueError, match="no language pack"):
        get_pack("xx")


def test_user_data_folder_adds_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from incidentwatch.extract.lang.en import MODEL
    from incidentwatch.extract.resources import load_knowledge

    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "words.toml").write_text(
        '[words]\ndeath-nouns = ["slaying"]\n', encoding="utf-8"
    )
    (tmp_path / "context.toml").write_text('[modal]\nlemmas = ["oughta"]\n', encoding="utf-8")
    monkeypatch.setenv("INCIDENTWATCH_EXTRACT_DATA", str(tmp_path))
    load_knowledge.cache_clear()
    try:
        pack = DataPack.load("en", MODEL)
        assert "slaying" in pack.words("death-nouns") and "murder" in pack.words("death-nouns")
        assert "oughta" in pack.words("modal") and "could" in pack.words("modal")
    finally:
        load_knowledge.cache_clear()


class _BrokenGeocoder:
    def mentions(self, text: str, *, country_hint: str | None = None) -> list:  # type: ignore[type-arg]
        raise OSError("gazetteer file is unreadable")

    def locate(self, text: str, start: int, end: int, *, country_hint: str | None = None) -> None:
        raise OSError("gazetteer file is unreadable")


def test_geocoder_failures_are_logged_and_counted(
    extractor: Extractor, caplog: pytest.LogCaptureFixture
) -> None:
    ex = Extractor(nlp=extractor.nlp, geocoder=_BrokenGeocoder())
    [inc] = ex.extract(_art(0, ARTICLES[0]))
    assert inc.fatalities.best == 3 and inc.location is None
    # One failure for the article's places, one for the segment's place.
    assert ex.geocode_failures.value == 2
    assert sum("geocoder failed" in r.getMessage() for r in caplog.records) == 2


def test_one_same_place_distance_for_extraction_and_merging() -> None:
    # Two villages about 24 km and 27 km apart on a meridian (0.216 and 0.243 degrees),
    # in different governorates, so only the distance can make them one place.
    from incidentwatch.extract.rules.grouping import same_place
    from incidentwatch.records import Country, Location
    from incidentwatch.resolve.merge import places_agree
    from incidentwatch.resolve.rules import load_rules

    iq = Country(code="IQ", name="Iraq")

    def place(name: str, lat: float, admin1: str) -> Place:
        return Place(name=name, latitude=lat, longitude=44.0, country=iq, admin1=admin1,
                     geo_precision=1)  # fmt: skip

    def incident(p: Place) -> Incident:
        loc = Location(name=p.name, latitude=p.latitude, longitude=p.longitude)
        return Incident(location=loc, country=iq, admin1=p.admin1, geo_precision=1)

    assert load_rules().max_distance_km == 25.0
    a, near, far = (
        place("Alpha", 33.0, "Diyala"),
        place("Beta", 33.216, "Salah al-Din"),
        place("Gamma", 33.243, "Salah al-Din"),
    )
    assert same_place(a, near) and not same_place(a, far)
    assert places_agree(incident(a), incident(near), load_rules())[0]
    assert not places_agree(incident(a), incident(far), load_rules())[0]


def test_dates_read_the_packs_words() -> None:
    import datetime as dt

    from incidentwatch.extract.dates import DateWords, find_dates

    pub = dt.date(2023, 5, 10)  # a Wednesday
    text = "Gunmen attacked a checkpoint on Monday and again on 3 Sept."
    got = find_dates(text, 0, pub, PACK.dates)
    assert [(d.date, text[d.start : d.end]) for d in got] == [
        (dt.date(2023, 5, 8), "on Monday"),
        (dt.date(2022, 9, 3), "3 Sept."),  # the latest 3 September before publication
    ]
    # A pack that knows no weekday pattern finds only the day and month.
    bare = DateWords.from_toml(
        [
            {
                "months": {"sept": 9},
                "patterns": {"dmy": r"\b(\d{1,2}) (sept)(?: (\d{4}))?"},
                "ignorecase": ["dmy"],
            }
        ]
    )
    assert [text[d.start : d.end] for d in find_dates(text, 0, pub, bare)] == ["3 Sept"]

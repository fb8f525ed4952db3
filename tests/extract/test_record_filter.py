"""The learned record filter (extract/record_filter.py) and its training script, on a
long wire story written for these tests: the features tell a lead incident from one
told as history, the filter keeps and drops by its weights and threshold alone
(deterministic), short reports stay whole, a malformed model file is a clear error,
and the training script's folds keep an article's records on one side."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from incidentwatch.cli import app
from incidentwatch.extract.context import SHORT_REPORT_CHARS
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.record_filter import (
    MODEL_PATH,
    RecordFilter,
    load_filter,
    record_features,
)
from incidentwatch.records import Article, Count, Evidence, Incident, Location

ROOT = Path(__file__).resolve().parents[2]
PUB = "2016-05-10"
# A Tuesday story: today's bombing in the lead, a bombing of 2014 told as history
# further down, and paragraphs of reaction between them (written for these tests).
STORY = (
    "BAGHDAD (Reuters) - A car bomb exploded near a busy checkpoint in the town of "
    "Mahmudiya south of Baghdad on Tuesday, killing nine people and wounding 20, "
    "police and medical sources said.\n\n"
    "No group immediately claimed responsibility for the blast, which came as "
    "security forces prepared a new push against militants in western Anbar.\n\n"
    "Local officials called for more checkpoints along the main road and asked the "
    "government in Baghdad to pay for repairs to the damaged shops.\n\n"
    "Residents said traffic had returned to the road by the evening and that "
    "traders were already clearing glass from the pavements near the market.\n\n"
    "The town has been hit before. In March 2014, a suicide bomber killed 31 "
    "people at a cafe in Mahmudiya, one of the deadliest attacks there in years.\n\n"
    "Officials say violence across the country has fallen since last year, though "
    "bombings in and around the capital remain common.\n\n"
    "Parliament is due to debate a new budget next week, and several lawmakers "
    "have said they want more money set aside for the police in the southern "
    "districts, where residents complain of long queues at the checkpoints."
)
assert len(STORY) > SHORT_REPORT_CHARS  # a long article: the filter reads it


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _article(text: str) -> Article:
    return Article(article_id="rf-story", text=text, published_at=PUB)


def _record(words: str, day: str, killed: int | None, place: str | None) -> Incident:
    """A record as the extractor builds it, read from `words` of the story."""
    start = STORY.index(words)
    span = Evidence(
        field="event", article_id="rf-story", start=start, end=start + len(words), text=words
    )
    return Incident(
        event_date=day,
        date_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Suicide bomb" if "suicide" in words else "Remote explosive/landmine/IED",
        location=Location(name=place) if place else None,
        fatalities=Count(best=killed),
        summary=words,
        evidence=[span],
        confidence=0.95,
    )


@pytest.fixture
def records() -> list[Incident]:
    lead = _record("A car bomb exploded near a busy checkpoint", PUB, 9, "Mahmudiya")
    old = _record("a suicide bomber killed 31 people at a cafe", "2014-03-15", 31, "Mahmudiya")
    vague = _record("bombings in and around the capital remain common", PUB, None, None)
    return [lead, old, vague]


def test_features_tell_the_lead_from_history(records: list[Incident]) -> None:
    art = _article(STORY)
    lead, old, vague = (record_features(art, r, records) for r in records)
    assert lead["lead"] == 1.0 and lead["day:0"] == 1.0 and lead["first-record"] == 1.0
    assert lead["toll"] == 1.0 and lead["place"] == 1.0
    assert old["lead"] == 0.0 and old["day:older"] == 1.0 and old["first-record"] == 0.0
    assert old["position"] > lead["position"]
    assert "w:cafe" in old and "w:cafe" not in lead
    assert "w:#" in old  # a figure is one word, whatever its value
    plain = record_features(art, records[1], records, words=False)
    assert not any(k.startswith("w:") for k in plain)
    assert vague["toll"] == 0.0 and vague["place"] == 0.0 and vague["twin-same-day-type"] == 1.0


def _weights(**named: float) -> dict[str, float]:
    return {k.replace("_", ":"): v for k, v in named.items()}


def test_filter_drops_the_history_record_and_keeps_the_lead(records: list[Incident]) -> None:
    model = RecordFilter(_weights(bias=0.5, day_older=-3.0, lead=1.0), threshold=0.5)
    art = _article(STORY)
    kept = model.keep(art, records)
    assert kept == [records[0], records[2]]
    assert model.keep(art, records) == kept  # the same answer every time
    # Threshold 0 keeps everything: the filter only ever removes records.
    assert RecordFilter(model.weights, threshold=0.0).keep(art, records) == records


def test_a_short_report_is_left_whole(extractor: Extractor) -> None:
    note = "On 10 May 2016, a roadside bomb killed two soldiers near Tikrit."
    art = Article(article_id="rf-note", text=note, published_at=PUB)
    recs = extractor.extract(art)
    assert recs
    harsh = RecordFilter({"bias": -10.0}, threshold=0.5)
    assert harsh.keep(art, recs) == recs
    assert harsh.keep(_article(STORY), extractor.extract(_article(STORY))) == []


def test_the_shipped_model_ranks_the_lead_above_background(records: list[Incident]) -> None:
    """Whatever a retraining changes, a lead with a toll and a place, told on the filing
    day, must look more like news than a general remark with neither."""
    model = load_filter()
    art = _article(STORY)
    lead, _old, vague = (
        model.probability(record_features(art, r, records, model.words)) for r in records
    )
    assert lead > vague
    assert lead >= model.threshold


def test_the_shipped_model_loads_and_says_where_it_comes_from() -> None:
    model = load_filter()
    assert 0.0 <= model.threshold < 1.0
    assert "bias" in model.weights and len(model.weights) > 10
    assert "news_pool_2016" in model.provenance["trained_on"]
    again = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert again["weights"] == dict(sorted(model.weights.items()))


@pytest.mark.parametrize(
    "content", ["not json", '{"weights": {"bias": "x"}, "threshold": 0.5}', '{"threshold": 0.5}']
)
def test_a_malformed_model_file_is_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match="not a record filter"):
        load_filter(path)


def test_the_cli_switch_keeps_the_lead_and_adds_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"article_id": "rf-story", "published_at": PUB, "text": STORY}) + "\n"
    )
    runner = CliRunner()
    plain, filtered = tmp_path / "plain.jsonl", tmp_path / "filtered.jsonl"
    for out, extra in ((plain, []), (filtered, ["--learned-filter"])):
        result = runner.invoke(app, ["extract", str(src), "-o", str(out), *extra])
        assert result.exit_code == 0, result.output
    got = [
        {i["incident_id"]: i["fatalities"]["best"] for i in json.loads(p.read_text())["incidents"]}
        for p in (plain, filtered)
    ]
    assert set(got[1]) <= set(got[0])
    assert 9 in got[1].values()  # the lead: a toll, a place, the filing day


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "train_record_filter", ROOT / "scripts" / "train_record_filter.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_folds_hold_each_article_once_and_are_reproducible() -> None:
    script = _script()
    ids = [f"a{i}" for i in range(23)]
    folds = script.folds_of(ids, 5, 12)
    flat = [a for f in folds for a in f]
    assert sorted(flat) == sorted(ids) and len(flat) == len(set(flat))
    assert folds == script.folds_of(reversed(ids), 5, 12)
    assert folds != script.folds_of(ids, 5, 13)


def test_the_fit_learns_a_separable_feature() -> None:
    script = _script()
    rows = [
        script.Row("s", f"a{i}", 0, {"bias": 1.0, "day:older": float(i % 2)}, int(i % 2 == 0))
        for i in range(40)
    ]
    weights = script.fit(rows, l2=1.0)
    assert weights["day:older"] < -1.0
    assert weights == script.fit(rows, l2=1.0)


def test_the_bootstrap_interval_tells_a_real_gain_from_none() -> None:
    script = _script()
    rules = {f"a{i}": (2, 3, 2) for i in range(30)}  # one spurious record each
    assert script.bootstrap_gain(rules, dict(rules)) == (0.0, 0.0, 0.0)
    clean = {a: (2, 2, 2) for a in rules}  # every spurious record dropped
    gain, low, high = script.bootstrap_gain(rules, clean)
    assert 0.0 < low <= gain <= high
    # One article gains, another loses more: no real gain.
    mixed = dict(rules, a0=(2, 2, 2), a1=(2, 2, 1))
    _gain, low, high = script.bootstrap_gain(rules, mixed)
    assert low < 0.0 < high

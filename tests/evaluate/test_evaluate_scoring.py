import pytest
from evaluate_testdata import MOSUL_BOMB, TARMIYAH_ATTACK, articles

from incidentwatch.evaluate.scoring import merge_score, score


def test_detection_counts_and_missing_article() -> None:
    gold = articles(
        {
            "a1": [MOSUL_BOMB, TARMIYAH_ATTACK],
            "a2": [],  # a background piece: any prediction there is spurious
            "a3": [MOSUL_BOMB],  # the system produced no line for it
        }
    )
    predicted = articles(
        {
            "a1": [TARMIYAH_ATTACK],
            "a2": [{**MOSUL_BOMB, "event_date": "2016-05-01"}],
            "zz": [MOSUL_BOMB],  # not in gold: ignored
        }
    )
    report = score(gold, predicted, record_mismatches=True)
    assert (report.gold_incidents, report.predicted_incidents, report.matched) == (3, 2, 1)
    assert report.precision == pytest.approx(0.5)
    assert report.recall == pytest.approx(1 / 3)
    assert report.f1 == pytest.approx(0.4)
    assert report.articles_missing == 1
    assert report.articles_extra == 1
    kinds = sorted(m.field for m in report.mismatches if m.field in ("missed", "spurious"))
    assert kinds == ["missed", "missed", "spurious"]


def test_fields_skip_empty_gold_and_compare_loosely() -> None:
    gold_inc = {**MOSUL_BOMB, "admin2": None, "actor2": None}
    pred_inc = {
        **MOSUL_BOMB,
        "admin1": "Nineveh",  # alias of Ninewa
        "admin2": "Al Hamdaniya",  # gold has none: not counted
        "actor1": {"name": "Islamic State (Syria)", "type": 2},  # wrong
        "actor2": {"name": "Civilians (Iraq)"},
        "event_type": "explosions/remote violence",
        "event_date": "2016-05-10",
    }
    report = score(articles({"a": [gold_inc]}), articles({"a": [pred_inc]}), True)
    f = report.fields
    assert (f["admin1"].n, f["admin1"].correct) == (1, 1)
    assert f["admin2"].n == 0
    assert f["actor2.name"].n == 0
    assert (f["actor1.name"].n, f["actor1.name"].correct) == (1, 0)
    assert f["event_type"].accuracy == 1.0
    assert f["event_date"].accuracy == 0.0
    wrong = {(m.field, m.gold, m.predicted) for m in report.mismatches}
    assert ("event_date", "2016-05-11", "2016-05-10") in wrong
    assert ("actor1.name", "Islamic State (Iraq)", "Islamic State (Syria)") in wrong


def test_counts_exact_share_and_mae() -> None:
    gold = articles(
        {
            "a": [{**MOSUL_BOMB, "fatalities": {"best": 7}, "injuries": {"best": 15}}],
            "b": [{**MOSUL_BOMB, "fatalities": {"best": 2}, "injuries": {"best": 0}}],
            "c": [{**MOSUL_BOMB, "fatalities": {"best": 10}, "injuries": {"best": None}}],
        }
    )
    predicted = articles(
        {
            "a": [{**MOSUL_BOMB, "fatalities": {"best": 7}, "injuries": {"best": 12}}],
            # Injuries left null by the extractor: the same as gold's 0.
            "b": [{**MOSUL_BOMB, "fatalities": {"best": 5}, "injuries": {"best": None}}],
            "c": [{**MOSUL_BOMB, "fatalities": {"best": 4}, "injuries": {"best": 3}}],
        }
    )
    report = score(gold, predicted)
    fat, inj = report.counts["fatalities"], report.counts["injuries"]
    assert fat.n == 3 and fat.exact == 1
    assert fat.mae == pytest.approx((0 + 3 + 6) / 3)
    assert inj.n == 2 and inj.exact == 1  # c has no gold injuries
    assert inj.mae == pytest.approx(1.5)


def test_distance_share_and_median() -> None:
    near = {"name": "Mosul", "latitude": 36.36, "longitude": 43.15}  # ~4 km off
    far = {"name": "Mosul", "latitude": 36.335, "longitude": 43.619}  # ~45 km east
    gold = articles({"a": [MOSUL_BOMB], "b": [MOSUL_BOMB], "c": [MOSUL_BOMB]})
    predicted = articles(
        {
            "a": [{**MOSUL_BOMB, "location": near}],
            "b": [{**MOSUL_BOMB, "location": far}],
            "c": [{**MOSUL_BOMB, "location": {"name": "Mosul"}}],  # no coordinates
        }
    )
    report = score(gold, predicted)
    assert len(report.distances_km) == 2
    assert report.within_km_share == pytest.approx(0.5)
    assert 20 < (report.median_km or 0) < 30


def test_merge_pairs_across_articles() -> None:
    # Gold: articles a, b, c report one incident (cluster X); d another (Y).
    # System links a and b correctly, misses c, and wrongly links d to them.
    linked = [
        ("a", "X", "p1"),
        ("b", "X", "p1"),
        ("c", "X", "p2"),
        ("d", "Y", "p1"),
    ]
    merged = merge_score(linked)
    assert merged is not None
    assert merged.gold_pairs == 3  # ab ac bc
    assert merged.predicted_pairs == 3  # ab ad bd
    assert merged.both_pairs == 1  # ab
    assert merged.precision == pytest.approx(1 / 3)
    assert merged.recall == pytest.approx(1 / 3)


def test_merge_reported_only_when_gold_has_clusters() -> None:
    plain = score(articles({"a": [MOSUL_BOMB]}), articles({"a": [MOSUL_BOMB]}))
    assert plain.merge is None
    gold = articles(
        {"a": [{**MOSUL_BOMB, "gold_cluster_id": "m1"}], "b": [{**MOSUL_BOMB, "cluster": "m1"}]}
    )
    pred = articles(
        {"a": [{**MOSUL_BOMB, "incident_id": "i9"}], "b": [{**MOSUL_BOMB, "incident_id": "i9"}]}
    )
    report = score(gold, pred)
    assert report.merge is not None
    assert (report.merge.precision, report.merge.recall) == (1.0, 1.0)

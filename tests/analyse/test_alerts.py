from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from analyse_rows import ARMY, ISIS, make_row, weekly_rows
from scipy import stats

from incidentwatch.analyse.alerts import (
    ALL_ACTORS,
    AlertConfig,
    alert_incidents,
    assess,
    bh_reject,
    compound_sf,
    deaths_pmf,
    detect_alerts,
    nb_sf,
)

# A quiet-ish area: about one incident a week for 30 weeks (fixed, not random).
HISTORY = [1, 0, 2, 1, 1, 0, 1, 2, 0, 1, 1, 1, 0, 2, 1, 1, 0, 1, 1, 2, 1, 0, 1, 1, 2, 1, 0, 1, 1, 1]


def _alerts_for(alerts, admin2=None, actor=ALL_ACTORS):
    return [a for a in alerts if a.actor == actor and (admin2 is None or a.admin2 == admin2)]


def test_obvious_jump_is_flagged_in_the_week_it_happens(frame_of):
    rows = weekly_rows([*HISTORY, 9, 8], fatalities=1)
    df = frame_of(rows)
    alerts = detect_alerts(df)
    hits = [a for a in _alerts_for(alerts) if a.level == "admin2"]
    assert hits, "a jump from ~1 to 9 incidents a week must alert"
    first = min(a.period_start for a in hits)
    assert first == str((pd.Timestamp("2021-01-04") + pd.Timedelta(weeks=len(HISTORY))).date())
    a = next(h for h in hits if h.period_start == first)
    # each incident has one death: the deaths jump with the count, and both tests fire
    assert a.kind == "escalation" and a.measure == "both"
    assert a.p_incidents < 0.001 and a.expected_incidents < 3
    # The incidents behind the alert are the ones in its window, in its area.
    inc = alert_incidents(df, a)
    assert len(inc) == a.incidents
    assert set(inc["admin2"]) == {"Khanaqin"}
    assert inc["event_date"].min() >= pd.Timestamp(a.window_start)


def test_flat_series_raises_no_alert(frame_of):
    df = frame_of(weekly_rows(HISTORY * 3, fatalities=1))
    assert detect_alerts(df) == []


def test_one_incident_in_a_quiet_area_is_not_an_alert(frame_of):
    busy = weekly_rows(HISTORY, admin1="Anbar", admin2="Ramadi", prefix="busy")
    lone = [make_row(999, "2021-07-20", admin1="Kirkuk", admin2="Hawija", fatalities=2)]
    alerts = detect_alerts(frame_of(busy + lone))
    assert not [a for a in alerts if a.admin1 == "Kirkuk"]


def test_a_severe_single_incident_in_a_quiet_area_is_flagged(frame_of):
    busy = weekly_rows(HISTORY, admin1="Anbar", admin2="Ramadi", prefix="busy")
    quiet = [make_row(900, "2021-01-12", admin1="Kirkuk", admin2="Hawija")]
    severe = [make_row(999, "2021-07-20", admin1="Kirkuk", admin2="Hawija", fatalities=25)]
    alerts = detect_alerts(frame_of(busy + quiet + severe))
    hits = [a for a in alerts if a.admin1 == "Kirkuk" and a.actor == ALL_ACTORS]
    assert hits and all(a.kind == "severe" and a.measure == "fatalities" for a in hits)
    assert hits[0].fatalities == 25


def test_severity_threshold_is_configurable(frame_of):
    busy = weekly_rows(HISTORY, admin1="Anbar", admin2="Ramadi", prefix="busy")
    severe = [make_row(999, "2021-07-20", admin1="Kirkuk", admin2="Hawija", fatalities=25)]
    df = frame_of(busy + severe)
    cfg = AlertConfig(severe_fatalities=30)
    assert not [a for a in detect_alerts(df, cfg) if a.admin1 == "Kirkuk"]


def test_no_test_without_minimum_history(frame_of):
    # A jump in week 5: fewer than min_history (8) baseline weeks exist.
    df = frame_of(weekly_rows([1, 1, 0, 1, 10]))
    assert detect_alerts(df) == []
    a = assess(df, area="Khanaqin")
    assert not a.escalating and "not tested" in a.reason


def test_per_actor_series_separate_actors(frame_of):
    # The army's incident count in Khanaqin is flat, ISIS's jumps.
    army = weekly_rows([*HISTORY, 1, 1], actor1=ARMY, actor2=None, prefix="army")
    isis = weekly_rows([0] * len(HISTORY) + [6, 5], actor1=ISIS, actor2=None, prefix="isis")
    alerts = detect_alerts(frame_of(army + isis))
    assert _alerts_for(alerts, actor=ISIS)
    assert not _alerts_for(alerts, actor=ARMY)


def test_assess_answers_the_question_with_numbers(frame_of):
    df = frame_of(weekly_rows([*HISTORY, 7, 8], fatalities=2))
    as_of = pd.Timestamp("2021-01-04") + pd.Timedelta(weeks=len(HISTORY) + 2, days=-1)
    a = assess(df, area="Diyala", actor="islamic state", as_of=as_of)
    assert a.escalating
    assert a.incidents == 15 and a.fatalities == 30
    assert a.window_end == str(as_of.date())
    assert a.baseline_incidents == sum(HISTORY[-26:])
    assert a.p_incidents < 0.001
    # The same question for a flat period answers no.
    flat = assess(df, area="Diyala", as_of=pd.Timestamp("2021-07-25"))
    assert not flat.escalating


def test_nb_sf_matches_scipy():
    obs = np.array([0, 3, 10])
    mean = np.array([1.0, 1.0, 4.0])
    assert np.allclose(
        nb_sf(obs, mean, np.full(3, np.inf)), [1.0, *stats.poisson.sf(obs[1:] - 1, mean[1:])]
    )
    k = np.array([2.0, 2.0, 2.0])
    want = stats.nbinom.sf(obs - 1, k, k / (k + mean))
    assert np.allclose(nb_sf(obs, mean, k)[1:], want[1:])


def test_compound_tail_matches_simulation():
    rng = np.random.default_rng(3)
    tolls = np.where(rng.random(20000) < 0.6, 0, rng.geometric(0.4, 20000))
    pmf = deaths_pmf(tolls, tail_weight=0.0)
    n = rng.poisson(2.0, 200_000)
    sims = np.array([tolls[rng.integers(0, tolls.size, k)].sum() for k in n[:40_000]])
    for f in (3, 8, 15):
        mc = (sims >= f).mean()
        got = compound_sf(np.array([f]), np.array([2.0]), np.array([np.inf]), pmf)[0]
        assert got == pytest.approx(mc, abs=0.01)


def test_benjamini_hochberg():
    p = np.array([0.001, 0.008, 0.039, 0.041, 0.6])
    reject, q = bh_reject(p, 0.05)
    assert reject.tolist() == [True, True, False, False, False]
    assert q[0] == pytest.approx(0.005)


def test_bad_config_is_refused():
    with pytest.raises(ValueError):
        AlertConfig(min_history=40).validate()
    with pytest.raises(ValueError):
        AlertConfig(period="year").validate()

from __future__ import annotations

import pandas as pd
import pytest
from analyse_rows import ARMY, CIVS, ISIS, make_row
from scipy import stats

from incidentwatch.analyse.trends import (
    Window,
    compare_baseline,
    default_baseline,
    rate_test,
    trends,
)


def _rows():
    return [
        make_row(1, "2021-03-01", fatalities=2),
        make_row(2, "2021-03-03", admin2="Baquba", fatalities=0),
        make_row(
            3,
            "2021-03-15",
            admin1="Kirkuk",
            admin2="Hawija",
            actor1=ARMY,
            actor2=ISIS,
            fatalities=4,
        ),
        make_row(4, "2021-05-02", actor2=CIVS, fatalities=1),
        make_row(5, "2021-05-02", actor1=ISIS, actor2=ISIS),  # infighting counts once for ISIS
    ]


def test_monthly_counts_fill_empty_months(frame_of):
    out = trends(frame_of(_rows()), period="month")
    assert out["period"].dt.strftime("%Y-%m").tolist() == ["2021-03", "2021-04", "2021-05"]
    assert out["incidents"].tolist() == [3, 0, 2]
    assert out["fatalities"].tolist() == [6, 0, 1]


def test_by_admin1_and_actor(frame_of):
    df = frame_of(_rows())
    by = trends(df, period="month", by=["admin1"], fill=False)
    march = by.loc[by["period"] == pd.Timestamp("2021-03-01")].set_index("admin1")["incidents"]
    assert march.to_dict() == {"Diyala": 2, "Kirkuk": 1}
    act = trends(df, period="month", by=["actor"], fill=False)
    totals = act.groupby("actor")["incidents"].sum().to_dict()
    assert totals[ISIS] == 5 and totals[ARMY] == 3 and totals[CIVS] == 1


def test_weeks_start_on_monday(frame_of):
    out = trends(frame_of(_rows()), period="week", fill=False)
    assert (out["period"].dt.day_of_week == 0).all()


def test_rate_test_is_the_binomial_split():
    p_up, p_down = rate_test(12, 10, 30, 90)
    assert p_up == pytest.approx(stats.binom.sf(11, 22, 0.25))
    assert p_down == pytest.approx(stats.binom.cdf(12, 22, 0.25))
    assert rate_test(0, 0, 1, 1) == (1.0, 1.0)


def test_compare_baseline_scales_expected_to_window(frame_of):
    rows = [make_row(i, f"2021-01-{d:02d}") for i, d in enumerate(range(1, 29, 2))]  # 14 in Jan
    rows += [make_row(100 + i, f"2021-02-{d:02d}") for i, d in enumerate(range(1, 28))]  # 27 in Feb
    df = frame_of(rows)
    cur, base = Window.of("2021-02-01", "2021-02-27"), Window.of("2021-01-01", "2021-01-31")
    (c,) = compare_baseline(df, cur, base)
    assert (c.incidents, c.baseline_incidents) == (27, 14)
    assert c.expected_incidents == pytest.approx(14 * 27 / 31)
    assert c.incident_ratio == pytest.approx(27 / (14 * 27 / 31))
    assert c.p_increase < 0.05
    by = compare_baseline(df, cur, base, by=["admin2"])
    assert [x.key for x in by] == [{"admin2": "Khanaqin"}]


def test_default_baseline_is_four_windows_before():
    b = default_baseline(Window.of("2021-05-01", "2021-05-10"))
    assert b.end == pd.Timestamp("2021-04-30") and b.days == 40


def test_window_must_not_end_before_it_starts():
    with pytest.raises(ValueError):
        Window.of("2021-05-02", "2021-05-01")


def test_actor_alias_selects_canonical_name(frame_of):
    from incidentwatch.analyse.frame import actor_mask

    df = frame_of(_rows())
    by_alias = actor_mask(df, "Daesh")
    by_name = actor_mask(df, ISIS)
    assert by_alias.sum() > 0
    assert by_alias.tolist() == by_name.tolist()
    assert actor_mask(df, "no such group").sum() == 0

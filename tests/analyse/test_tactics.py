from __future__ import annotations

import pytest
from analyse_rows import ARMY, CIVS, ISIS, make_row

from incidentwatch.analyse.tactics import mix_by_period, tactic_shift, tactic_shifts
from incidentwatch.analyse.trends import Window

BASE = Window.of("2021-01-01", "2021-03-31")
CUR = Window.of("2021-04-01", "2021-06-30")


def _rows(cur_military: int, cur_civilian: int):
    rows = []
    n = 0
    for month, mil, civ in (
        ("01", 10, 2),
        ("02", 9, 1),
        ("03", 11, 2),
        ("05", cur_military, cur_civilian),
    ):
        for k in range(mil):
            rows.append(
                make_row(n, f"2021-{month}-{k + 1:02d}", target_type="Military", actor2=ARMY)
            )
            n += 1
        for k in range(civ):
            rows.append(
                make_row(
                    n,
                    f"2021-{month}-{k + 1:02d}",
                    target_type="Private Citizens & Property",
                    actor2=CIVS,
                )
            )
            n += 1
    return rows


def test_shift_from_military_to_civilian_targets_is_significant(frame_of):
    df = frame_of(_rows(cur_military=4, cur_civilian=14))
    s = tactic_shift(df, CUR, BASE, actor="Islamic State (Iraq)")
    assert (s.baseline_incidents, s.current_incidents) == (35, 18)
    assert s.significant and s.p < 0.001
    # Two categories move by the same amount, one down and one up: both are listed,
    # with the counts and shares of the rows above.
    moves = {c.category: (c.baseline, c.current, c.change) for c in s.categories}
    assert moves == {
        "Military": (30, 4, pytest.approx(4 / 18 - 30 / 35)),
        "Private Citizens & Property": (5, 14, pytest.approx(14 / 18 - 5 / 35)),
    }
    civ = next(c for c in s.categories if c.category == "Private Citizens & Property")
    assert civ.baseline_share == 5 / 35 and civ.current_share == 14 / 18 and civ.q < 0.01
    # The same shift seen through the side attacked (ACLED actor type of actor2).
    v = tactic_shift(df, CUR, BASE, actor=ISIS, dimension="victim_type")
    assert v.significant and {c.category for c in v.categories} == {"State forces", "Civilians"}


def test_unchanged_mix_is_not_significant(frame_of):
    df = frame_of(_rows(cur_military=10, cur_civilian=2))
    s = tactic_shift(df, CUR, BASE, actor=ISIS)
    assert not s.significant and s.p > 0.2


def test_all_actors_and_mix_table(frame_of):
    df = frame_of(_rows(cur_military=4, cur_civilian=14))
    shifts = tactic_shifts(df, CUR, BASE, min_incidents=5)
    assert [s.actor for s in shifts] == [ISIS]
    mix = mix_by_period(df, actor=ISIS, period="month")
    may = mix.loc[mix["period"] == "2021-05-01"].set_index("category")["share"]
    assert abs(may["Private Citizens & Property"] - 14 / 18) < 1e-9

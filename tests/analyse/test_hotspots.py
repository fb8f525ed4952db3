from __future__ import annotations

import numpy as np
from analyse_rows import PLACES, make_row

from incidentwatch.analyse.hotspots import HotspotConfig, getis_ord, hotspots


def _scattered(n_each: int = 2):
    rows = []
    i = 0
    for admin1, admin2 in PLACES:
        for _ in range(n_each):
            rows.append(make_row(i, "2021-06-10", admin1=admin1, admin2=admin2))
            i += 1
    return rows, i


def test_a_dense_cluster_is_a_hot_spot(frame_of):
    rows, i = _scattered()
    # Twenty incidents around Khanaqin within a few km.
    rng = np.random.default_rng(1)
    for j in range(20):
        rows.append(make_row(i + j, "2021-06-12", jitter=float(rng.normal(0, 0.01))))
    out = hotspots(frame_of(rows), date_from="2021-06-01", date_to="2021-06-30")
    hot = out.loc[out["hot"]]
    assert not hot.empty
    assert hot.iloc[0]["label"].startswith("Khanaqin")
    assert hot.iloc[0]["gi_z"] > 3
    assert all("Khanaqin" in label for label in hot["label"])


def test_evenly_spread_incidents_have_no_hot_spot(frame_of):
    rows, _ = _scattered(3)
    out = hotspots(frame_of(rows))
    assert not out["hot"].any()


def test_window_restricts_the_count(frame_of):
    rows, i = _scattered()
    rows += [make_row(i + j, "2020-01-05") for j in range(30)]  # old cluster outside the window
    out = hotspots(frame_of(rows), date_from="2021-06-01", date_to="2021-06-30")
    assert not out["hot"].any()


def test_admin2_method(frame_of):
    # 36 districts on a 6 x 6 lattice 0.5 degrees apart, two incidents each,
    # and a burst of 25 in one of them.
    rows = []
    for gx in range(6):
        for gy in range(6):
            for _k in range(2 + (25 if (gx, gy) == (2, 3) else 0)):
                r = make_row(len(rows), "2021-06-10")
                r.update(
                    admin2=f"District {gx}-{gy}", latitude=33 + 0.5 * gy, longitude=43 + 0.5 * gx
                )
                rows.append(r)
    out = hotspots(frame_of(rows), cfg=HotspotConfig(method="admin2", distance_km=40))
    top = out.iloc[0]
    assert top["label"] == "Diyala / District 2-3" and top["hot"]
    assert out["hot"].sum() == 1


def test_getis_ord_formula_on_a_line():
    # Five units in a row, neighbours are adjacent units; the middle peak is hottest.
    x = np.array([0.0, 1.0, 10.0, 1.0, 0.0])
    nb = [
        np.array([0, 1]),
        np.array([0, 1, 2]),
        np.array([1, 2, 3]),
        np.array([2, 3, 4]),
        np.array([3, 4]),
    ]
    z = getis_ord(x, nb)
    n, xbar, s = 5, x.mean(), x.std()
    want = (x[[1, 2, 3]].sum() - xbar * 3) / (s * np.sqrt((n * 3 - 9) / (n - 1)))
    assert z[2] == want
    assert z.argmax() == 2

"""Tactic and target shifts: has an actor's mix of attack or target types changed?

For one actor (incidents where it is actor1, the side that acts), the
incidents of a baseline window and a current window are cross-tabulated by a
type dimension. The shift test is Pearson's chi-square test of homogeneity on
that table; when any expected cell is below 5 (usual with a few dozen
incidents) its p-value comes from a Monte Carlo permutation test instead
(window labels shuffled `n_permutations` times with a fixed seed; p = (b+1)/(B+1)).
Each category's change in share is tested with Fisher's exact test on its
2x2 table (this category vs the rest, current vs baseline), Benjamini-Hochberg
adjusted across categories.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from incidentwatch.analyse.alerts import bh_reject
from incidentwatch.analyse.frame import actor_names, area_mask, dated, period_start
from incidentwatch.analyse.trends import Window, default_baseline

DIMENSIONS = ("target_type", "attack_type", "sub_event_type", "event_type", "victim_type")


@cache
def actor_type_labels() -> dict[int, str]:
    text = resources.files("incidentwatch").joinpath("data/analyse/actor_types.tsv").read_text()
    rows = csv.DictReader(
        (ln for ln in text.splitlines() if not ln.startswith("#")), delimiter="\t"
    )
    return {int(r["code"]): r["label"] for r in rows}


def categories(df: pd.DataFrame, dimension: str) -> pd.Series:
    """The category of each incident on a dimension ("victim_type": actor2's ACLED type)."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"dimension must be one of {', '.join(DIMENSIONS)}")
    if dimension == "victim_type":
        labels = actor_type_labels()
        return df["actor2_type"].map(
            lambda v: "No second actor" if pd.isna(v) else labels.get(int(v), "Unknown")
        )
    return df[dimension].fillna("Unknown").astype("object")


def _scope(df: pd.DataFrame, actor: str | None, area: str | None) -> pd.DataFrame:
    d = dated(df)
    if actor:
        # The mix of what an actor does: the incidents it initiates.
        d = d.loc[d["actor1"].fillna("").str.casefold().isin(actor_names(d, actor))]
    if area:
        d = d.loc[area_mask(d, area)]
    return d


def mix_by_period(
    df: pd.DataFrame,
    *,
    dimension: str = "target_type",
    actor: str | None = None,
    area: str | None = None,
    period: str = "month",
) -> pd.DataFrame:
    """Counts and shares of each category per period (long format)."""
    d = _scope(df, actor, area)
    if d.empty:
        return pd.DataFrame(columns=["period", "category", "incidents", "share"])
    t = pd.DataFrame(
        {"period": period_start(d["event_date"], period), "category": categories(d, dimension)}
    )
    out = t.groupby(["period", "category"]).size().reset_index(name="incidents")
    out["share"] = out["incidents"] / out.groupby("period")["incidents"].transform("sum")
    return out


@dataclass(frozen=True)
class CategoryShift:
    category: str
    baseline: int
    current: int
    baseline_share: float
    current_share: float
    change: float  # current_share - baseline_share, in share points (0-1)
    p: float
    q: float


@dataclass(frozen=True)
class TacticShift:
    actor: str | None
    area: str | None
    dimension: str
    baseline_start: str
    baseline_end: str
    current_start: str
    current_end: str
    baseline_incidents: int
    current_incidents: int
    statistic: float  # Pearson chi-square
    dof: int
    p: float
    method: str  # "chi-square" or "permutation"
    significant: bool
    alpha: float
    categories: list[CategoryShift]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _chi2_stat(table: np.ndarray) -> float:
    rows = table.sum(axis=1, keepdims=True)
    cols = table.sum(axis=0, keepdims=True)
    exp = rows * cols / table.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.nansum(np.where(exp > 0, (table - exp) ** 2 / exp, 0.0)))


def _permutation_p(
    labels: np.ndarray, cats: np.ndarray, n_cat: int, observed: float, n: int, seed: int
) -> float:
    rng = np.random.default_rng(seed)
    n_cur = int(labels.sum())
    size = labels.size
    row_tot = np.array([size - n_cur, n_cur], dtype=float)
    col_tot = np.bincount(cats, minlength=n_cat).astype(float)
    exp = row_tot[:, None] * col_tot[None, :] / size
    hits = 0
    for start in range(0, n, 500):
        b = min(500, n - start)
        perm = np.argsort(rng.random((b, size)), axis=1)[:, :n_cur]  # current = a random subset
        cur = np.zeros((b, n_cat))
        np.add.at(cur, (np.repeat(np.arange(b), n_cur), cats[perm].ravel()), 1)
        base = col_tot[None, :] - cur
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(exp[1] > 0, (cur - exp[1]) ** 2 / exp[1], 0) + np.where(
                exp[0] > 0, (base - exp[0]) ** 2 / exp[0], 0
            )
        hits += int((terms.sum(axis=1) >= observed - 1e-9).sum())
    return (hits + 1) / (n + 1)


def tactic_shift(
    df: pd.DataFrame,
    current: Window,
    baseline: Window | None = None,
    *,
    actor: str | None = None,
    area: str | None = None,
    dimension: str = "target_type",
    alpha: float = 0.05,
    n_permutations: int = 4999,
    seed: int = 0,
) -> TacticShift:
    baseline = baseline or default_baseline(current)
    d = _scope(df, actor, area)
    is_cur = (d["event_date"] >= current.start) & (d["event_date"] <= current.end)
    is_base = (d["event_date"] >= baseline.start) & (d["event_date"] <= baseline.end)
    d = d.loc[is_cur | is_base]
    labels = is_cur.loc[d.index].to_numpy()
    cats = categories(d, dimension)
    names, codes = np.unique(cats.to_numpy(dtype=str), return_inverse=True)
    table = np.zeros((2, len(names)))
    np.add.at(table, (labels.astype(int), codes), 1)
    n_b, n_c = int(table[0].sum()), int(table[1].sum())
    if n_b == 0 or n_c == 0 or len(names) < 2:
        stat, dof, p, method = 0.0, max(len(names) - 1, 0), 1.0, "none (too few incidents or types)"
    else:
        stat = _chi2_stat(table)
        dof = len(names) - 1
        exp = table.sum(1, keepdims=True) * table.sum(0, keepdims=True) / table.sum()
        if (exp < 5).any():
            p = _permutation_p(labels, codes, len(names), stat, n_permutations, seed)
            method = "permutation"
        else:
            p = float(stats.chi2.sf(stat, dof))
            method = "chi-square"
    per_cat = []
    ps = []
    for j, name in enumerate(names):
        a, b = int(table[1, j]), int(table[0, j])
        tab = [[a, n_c - a], [b, n_b - b]]
        pj = float(stats.fisher_exact(tab)[1]) if n_b and n_c else 1.0
        ps.append(pj)
        per_cat.append((name, b, a, pj))
    _, qs = bh_reject(np.array(ps), alpha) if ps else (None, np.array([]))
    shifts = [
        CategoryShift(
            category=str(name),
            baseline=b,
            current=a,
            baseline_share=b / n_b if n_b else 0.0,
            current_share=a / n_c if n_c else 0.0,
            change=(a / n_c if n_c else 0.0) - (b / n_b if n_b else 0.0),
            p=pj,
            q=float(q),
        )
        for (name, b, a, pj), q in zip(per_cat, qs, strict=True)
    ]
    shifts.sort(key=lambda s: -abs(s.change))
    return TacticShift(
        actor=actor,
        area=area,
        dimension=dimension,
        baseline_start=str(baseline.start.date()),
        baseline_end=str(baseline.end.date()),
        current_start=str(current.start.date()),
        current_end=str(current.end.date()),
        baseline_incidents=n_b,
        current_incidents=n_c,
        statistic=stat,
        dof=dof,
        p=p,
        method=method,
        significant=p <= alpha,
        alpha=alpha,
        categories=shifts,
    )


def tactic_shifts(
    df: pd.DataFrame,
    current: Window,
    baseline: Window | None = None,
    *,
    area: str | None = None,
    dimension: str = "target_type",
    min_incidents: int = 10,
    alpha: float = 0.05,
    n_permutations: int = 1999,
) -> list[TacticShift]:
    """The shift test for every actor with `min_incidents` as actor1 across both windows."""
    baseline = baseline or default_baseline(current)
    d = dated(df)
    if area:
        d = d.loc[area_mask(d, area)]
    span = d.loc[
        (d["event_date"] >= min(baseline.start, current.start))
        & (d["event_date"] <= max(baseline.end, current.end))
    ]
    sizes = span["actor1"].value_counts()
    out = [
        tactic_shift(
            d,
            current,
            baseline,
            actor=str(name),
            dimension=dimension,
            alpha=alpha,
            n_permutations=n_permutations,
        )
        for name in sizes.index[sizes >= min_incidents]
    ]
    out = [s for s in out if s.baseline_incidents and s.current_incidents]
    out.sort(key=lambda s: s.p)
    return out


def window_of(date_from: date | str, date_to: date | str) -> Window:
    return Window.of(pd.Timestamp(date_from), pd.Timestamp(date_to))

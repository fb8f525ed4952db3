"""Escalation alerts: is an area (or an actor in an area) more violent than its own history?

The model (docs/analyse.md states it in full):

* Series. For every unit -- an admin1 or admin2 area, all actors together or one
  actor (either side of the incident) -- incidents and fatalities are counted
  per period (week by default), with zeros where nothing happened, over the
  whole span the data covers.
* Baseline. The current window (the last `window` periods) is compared with the
  trailing `baseline_periods` periods just before it. A window is tested only
  when at least `min_history` baseline periods exist.
* Null distribution. Counts per period are negative binomial with the baseline
  mean, shrunk towards zero by a weak gamma prior (`prior_count` events over
  `prior_periods` periods) so a quiet history gives a small positive rate, not
  zero. Overdispersion is estimated from the baseline by the method of moments
  (k = mean^2 / (variance - mean); Poisson when the variance does not exceed the
  mean). Fatalities come in clumps (one bombing kills many), so their k is
  capped at `fatality_max_k` (at least geometric dispersion) even when the
  baseline is too quiet to show it.
* Test. One-sided exact upper-tail p-value P(X >= observed) of the window count
  under that distribution, for incidents and for fatalities.
* Gates. The incidents test counts only with >= `min_count` incidents in the
  window; the fatalities test only with >= `severe_fatalities` deaths, or with
  >= `min_count` incidents and >= `min_count` deaths. So one or two incidents in
  a quiet area never alert unless they are severe.
* Multiplicity. In each period, the gated tests of all units and both measures
  form one family; Benjamini-Hochberg at level `alpha` controls the false
  discovery rate (`correction="none"` uses a fixed alpha per test instead).
* Seasonal context. Where the data covers it, each test also reports the count
  in the same window one year earlier (364 days: same weekdays, same season)
  and one Islamic (lunar) year earlier (354 days: the same point in Ramadan),
  with the same negative-binomial test against that rate.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from incidentwatch.analyse.frame import dated, period_offset, period_range, period_start, select

ALL_ACTORS = "(all actors)"
LEVELS = ("admin1", "admin2")

_SEASON_LAGS_DAYS = {"year": 364, "lunar_year": 354}
_PERIOD_DAYS = {"day": 1, "week": 7, "month": 30.4375}


@dataclass(frozen=True)
class AlertConfig:
    period: str = "week"
    window: int = 2  # periods in the current window
    baseline_periods: int = 26  # trailing periods that form the baseline
    min_history: int = 8  # fewest baseline periods for a test
    dispersion_periods: int = 52  # trailing periods the overdispersion is estimated from
    alpha: float = 0.01  # FDR level (Benjamini-Hochberg) or per-test alpha
    correction: str = "bh"  # "bh" or "none"
    min_count: int = 3
    severe_fatalities: int = 10
    prior_count: float = 0.5
    prior_periods: float = 1.0
    min_k: float = 0.05  # numerical floor on the dispersion parameter
    levels: tuple[str, ...] = LEVELS
    per_actor: bool = True
    min_actor_incidents: int = 5  # actors with fewer incidents get no series of their own
    season_halfwidth: int = 2  # periods either side of last year's window

    def validate(self) -> AlertConfig:
        if self.period not in _PERIOD_DAYS:
            raise ValueError(f"period must be day, week or month, not {self.period!r}")
        if self.window < 1 or self.baseline_periods < 1:
            raise ValueError("window and baseline_periods must be at least 1")
        if not 1 <= self.min_history <= self.baseline_periods:
            raise ValueError("min_history must be between 1 and baseline_periods")
        if not 0 < self.alpha < 1:
            raise ValueError("alpha must be between 0 and 1")
        if self.correction not in ("bh", "none"):
            raise ValueError("correction must be 'bh' or 'none'")
        bad = [lv for lv in self.levels if lv not in ("country", *LEVELS)]
        if bad:
            raise ValueError(f"unknown level(s): {', '.join(bad)}")
        return self


DEFAULT_CONFIG = AlertConfig()


# --------------------------------------------------------------------------- core


def _col(cum: np.ndarray, a: int) -> np.ndarray:
    """cum[:, clip(t + a, 0, n_t)] for t = 0..n_t-1, by slicing (fancy indexing is slow)."""
    n_t = cum.shape[1] - 1
    out = np.empty((cum.shape[0], n_t))
    left = max(0, min(n_t, -a))
    right = max(0, min(n_t - left, a))
    mid = n_t - left - right
    out[:, :left] = cum[:, :1]
    out[:, left : left + mid] = cum[:, left + a : left + a + mid]
    out[:, left + mid :] = cum[:, -1:]
    return out


def _rolling_sum(cum: np.ndarray, a_lo: int, a_hi: int) -> np.ndarray:
    """Per row, the sum over periods [t + a_lo, t + a_hi) clipped to the data, from a
    cumulative sum with a leading zero column."""
    return _col(cum, a_hi) - _col(cum, a_lo)


def nb_sf(observed: np.ndarray, mean: np.ndarray, k: np.ndarray) -> np.ndarray:
    """P(X >= observed) for X negative binomial (mean, size k); Poisson where k is inf."""
    observed = np.asarray(observed, dtype=float)
    mean = np.maximum(np.asarray(mean, dtype=float), 1e-12)
    k = np.broadcast_to(np.asarray(k, dtype=float), mean.shape)
    out = np.ones_like(mean)
    pos = observed > 0
    pois = pos & ~np.isfinite(k)
    negb = pos & np.isfinite(k)
    out[pois] = stats.poisson.sf(observed[pois] - 1, mean[pois])
    kk = k[negb]
    out[negb] = stats.nbinom.sf(observed[negb] - 1, kk, kk / (kk + mean[negb]))
    return np.clip(out, 0.0, 1.0)


def _masked_sf(
    mask: np.ndarray, observed: np.ndarray, mean: np.ndarray, k: np.ndarray
) -> np.ndarray:
    out = np.full(observed.shape, np.nan)
    out[mask] = nb_sf(observed[mask], mean[mask], k[mask])
    return out


MAX_DEATHS = 2000  # fatality counts above this are tested as this (conservative)


def deaths_pmf(fatalities: np.ndarray | pd.Series, tail_weight: float = 0.01) -> np.ndarray:
    """P(one incident kills j people), j = 0..MAX_DEATHS, from the data's own incidents.

    The empirical distribution is mixed with a small geometric tail (weight
    `tail_weight`, mean one above the empirical mean) so a toll larger than
    any seen before has a small probability, not zero.
    """
    x = np.clip(np.asarray(fatalities, dtype=int), 0, MAX_DEATHS)
    if x.size == 0:
        x = np.zeros(1, dtype=int)
    emp = np.bincount(x, minlength=MAX_DEATHS + 1)[: MAX_DEATHS + 1].astype(float)
    emp /= emp.sum()
    mean = float(x.mean()) + 1.0
    geo = stats.geom.pmf(np.arange(MAX_DEATHS + 1) + 1, 1.0 / (mean + 1.0))
    pmf = (1 - tail_weight) * emp + tail_weight * geo
    return pmf / pmf.sum()


def compound_sf(
    observed: np.ndarray, mean_n: np.ndarray, k_n: np.ndarray, pmf: np.ndarray
) -> np.ndarray:
    """P(F >= observed) where F is the sum of N iid per-incident tolls, N ~ NB(mean_n, k_n).

    The distribution of the sum of n tolls is built by repeated convolution up
    to the largest observed value; counts beyond n_max (probability < 1e-9)
    are counted as exceeding (conservative).
    """
    from scipy.signal import fftconvolve

    observed = np.minimum(np.asarray(observed, dtype=float), MAX_DEATHS)
    if observed.size == 0:
        return np.zeros(0)
    top = int(observed.max()) + 1
    base = pmf[:top]
    mean_n = np.maximum(np.asarray(mean_n, dtype=float), 1e-12)
    k_n = np.asarray(k_n, dtype=float)
    pois = ~np.isfinite(k_n)
    kk = np.where(pois, 1.0, k_n)
    q = np.where(pois, 0.0, kk / (kk + mean_n))
    hi_p = np.where(pois, stats.poisson.ppf(1 - 1e-9, mean_n), stats.nbinom.ppf(1 - 1e-9, kk, q))
    n_max = int(min(max(np.nanmax(hi_p), 1), 2000))
    n = np.arange(n_max + 1)
    pmf_n = np.where(
        pois[:, None],
        stats.poisson.pmf(n[None, :], mean_n[:, None]),
        stats.nbinom.pmf(n[None, :], kk[:, None], q[:, None]),
    )
    # cdf_sum[n, f] = P(sum of n tolls <= f) for f < top.
    cdf_sum = np.empty((n_max + 1, top))
    dist = np.zeros(top)
    dist[0] = 1.0
    for i in range(n_max + 1):
        cdf_sum[i] = np.cumsum(dist)
        dist = np.clip(fftconvolve(dist, base)[:top], 0.0, None)
    f_idx = observed.astype(int) - 1  # P(F >= f) = 1 - P(F <= f - 1)
    below = np.where(f_idx[:, None] >= 0, cdf_sum[:, np.maximum(f_idx, 0)].T, 0.0)
    p_le = (pmf_n * below).sum(axis=1)
    return np.clip(1.0 - p_le, 0.0, 1.0)


@dataclass
class SeriesScan:
    """Per unit x period test results (arrays of shape [units, periods])."""

    periods: pd.DatetimeIndex
    history: np.ndarray
    eligible: np.ndarray
    count: np.ndarray
    expected: np.ndarray
    k: np.ndarray
    k_pred: np.ndarray  # predictive NB size (dispersion plus uncertainty of the mean)
    p_count: np.ndarray
    fatalities: np.ndarray
    expected_fatalities: np.ndarray
    p_fatalities: np.ndarray
    gate_count: np.ndarray
    gate_fatalities: np.ndarray
    seasonal: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)


def _baseline_stats(
    x: np.ndarray, cum: np.ndarray, w: int, b: int, d: int, cfg: AlertConfig, dispersion: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For the window [t-w+1, t]: shrunk per-period mean of the `b` periods before it,
    moment dispersion over the `d` (>= b) periods before it, the posterior gamma
    shape of the mean, and the number of baseline periods."""
    t = np.arange(x.shape[1])
    n_base = (np.clip(t - w + 1, 0, None) - np.clip(t - w - b + 1, 0, None)).astype(float)
    s_base = _rolling_sum(cum, -w - b + 1, -w + 1)
    mean = (s_base + cfg.prior_count) / (n_base + cfg.prior_periods)
    if not dispersion:
        return mean, np.full_like(mean, np.inf), s_base + cfg.prior_count, n_base
    cum2 = np.concatenate([np.zeros((x.shape[0], 1)), np.cumsum(x * x, axis=1)], axis=1)
    n = (np.clip(t - w + 1, 0, None) - np.clip(t - w - d + 1, 0, None)).astype(float)
    s = _rolling_sum(cum, -w - d + 1, -w + 1)
    s2 = _rolling_sum(cum2, -w - d + 1, -w + 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        raw_mean = np.where(n > 0, s / np.maximum(n, 1), 0.0)
        var = np.where(n > 1, (s2 - n * raw_mean**2) / np.maximum(n - 1, 1), 0.0)
        excess = var - raw_mean
        k = np.where(excess > 1e-9, raw_mean**2 / np.where(excess > 1e-9, excess, 1.0), np.inf)
    k = np.clip(k, cfg.min_k, None)
    return mean, k, s_base + cfg.prior_count, n_base


def scan(
    counts: np.ndarray,
    fatalities: np.ndarray,
    periods: pd.DatetimeIndex,
    cfg: AlertConfig,
    *,
    death_pmf: np.ndarray | None = None,
    all_p: bool = False,
) -> SeriesScan:
    """Test every window of every unit against its own trailing baseline.

    `death_pmf[j]` is the probability that one incident kills j people (see
    `deaths_pmf`); p-values are computed where a gate is open, or for every
    eligible window with `all_p`.
    """
    cfg.validate()
    c = np.asarray(counts, dtype=float)
    f = np.asarray(fatalities, dtype=float)
    n_units, n_t = c.shape
    w, b = cfg.window, cfg.baseline_periods
    t = np.arange(n_t)
    # Window for period t: [t-w+1, t]; baseline: [t-w-b+1, t-w], clipped at the data start.
    base_n = np.clip(t - w + 1, 0, None) - np.clip(t - w - b + 1, 0, None)
    history = np.broadcast_to(base_n, (n_units, n_t))
    eligible = np.broadcast_to((base_n >= cfg.min_history) & (t - w + 1 >= 0), (n_units, n_t))

    cum_c = np.concatenate([np.zeros((n_units, 1)), np.cumsum(c, axis=1)], axis=1)
    cum_f = np.concatenate([np.zeros((n_units, 1)), np.cumsum(f, axis=1)], axis=1)
    cur_c = _rolling_sum(cum_c, -w + 1, 1)
    cur_f = _rolling_sum(cum_f, -w + 1, 1)

    d = max(b, cfg.dispersion_periods)
    m_c, k_c, a_c, _ = _baseline_stats(c, cum_c, w, b, d, cfg, True)
    m_f, _, _, _ = _baseline_stats(f, cum_f, w, b, d, cfg, False)
    exp_c, exp_f = m_c * w, m_f * w
    # A sum of w independent NB(k) periods with a common mean is NB(w*k). The
    # baseline mean is itself uncertain (gamma posterior with shape a, so CV^2 =
    # 1/a); adding that variance gives the predictive size 1/(1/(w k) + 1/a),
    # which for Poisson counts is exactly the gamma-Poisson posterior predictive.
    kp_c = 1.0 / (1.0 / (k_c * w) + 1.0 / a_c)

    gate_c = eligible & (cur_c >= cfg.min_count) & (cur_c > exp_c)
    gate_f = (
        eligible
        & (cur_f > exp_f)
        & ((cur_f >= cfg.severe_fatalities) | ((cur_c >= cfg.min_count) & (cur_f >= cfg.min_count)))
    )
    # p-values only where a test can fire (or everywhere for a single series):
    # the scan over thousands of units stays fast.
    want_c = eligible if all_p else gate_c
    want_f = eligible if all_p else gate_f
    p_c = np.ones_like(cur_c)
    p_c[want_c] = nb_sf(cur_c[want_c], exp_c[want_c], kp_c[want_c])
    p_f = np.ones_like(cur_f)
    if death_pmf is None:
        death_pmf = np.array([0.0, 1.0])
    p_f[want_f] = compound_sf(cur_f[want_f], exp_c[want_f], kp_c[want_f], death_pmf)
    out = SeriesScan(
        periods=periods,
        history=np.asarray(history),
        eligible=eligible,
        count=cur_c,
        expected=exp_c,
        k=k_c,
        k_pred=kp_c,
        p_count=p_c,
        fatalities=cur_f,
        expected_fatalities=exp_f,
        p_fatalities=p_f,
        gate_count=gate_c,
        gate_fatalities=gate_f,
    )
    days = _PERIOD_DAYS[cfg.period]
    h = cfg.season_halfwidth
    for name, lag_days in _SEASON_LAGS_DAYS.items():
        lag = max(1, round(lag_days / days))
        covered = t - w + 1 - lag - h >= 0
        span = (np.clip(t + 1 - lag + h, 0, n_t) - np.clip(t - w + 1 - lag - h, 0, n_t)).astype(
            float
        )
        s_c = _rolling_sum(cum_c, -w + 1 - lag - h, 1 - lag + h)
        with np.errstate(divide="ignore", invalid="ignore"):
            e_c = (s_c + cfg.prior_count) / (span + cfg.prior_periods) * w
        cov = np.broadcast_to(covered, (n_units, n_t))
        out.seasonal[name] = {
            "covered": cov,
            "count": np.where(cov, s_c * w / np.maximum(span, 1), np.nan),
            "p_count": _masked_sf(cov & want_c, cur_c, e_c, 1 / (1 / (k_c * w) + 1 / (s_c + 0.5))),
        }
    return out


def bh_reject(p: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """Benjamini-Hochberg over a 1-d array: (reject mask, adjusted q-values)."""
    m = p.size
    if m == 0:
        return np.zeros(0, bool), np.zeros(0)
    order = np.argsort(p)
    ranked = p[order] * m / np.arange(1, m + 1)
    q_sorted = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.empty(m)
    q[order] = np.clip(q_sorted, 0, 1)
    return q <= alpha, q


# --------------------------------------------------------------------------- units


@dataclass(frozen=True)
class Unit:
    level: str  # country | admin1 | admin2
    country: str | None
    admin1: str | None
    admin2: str | None
    actor: str  # ALL_ACTORS or a canonical actor name

    @property
    def area(self) -> str:
        return {"country": self.country, "admin1": self.admin1, "admin2": self.admin2}[
            self.level
        ] or "(unknown)"

    def label(self) -> str:
        where = self.area if self.level != "admin2" else f"{self.admin2} ({self.admin1})"
        return where if self.actor == ALL_ACTORS else f"{self.actor} in {where}"


def _unit_rows(d: pd.DataFrame, cfg: AlertConfig) -> pd.DataFrame:
    """Long table (unit key columns, row index into d) for every unit an incident belongs to."""
    base = pd.DataFrame(
        {
            "row": np.arange(len(d)),
            "country": d["country"].to_numpy(),
            "admin1": d["admin1"].to_numpy(),
            "admin2": d["admin2"].to_numpy(),
        }
    )
    actor_parts = [base.assign(actor=ALL_ACTORS)]
    if cfg.per_actor:
        sides = []
        for side in ("actor1", "actor2"):
            sides.append(base.assign(actor=d[side].to_numpy()))
        both = pd.concat(sides, ignore_index=True).dropna(subset=["actor"])
        both = both.drop_duplicates(subset=["row", "actor"])
        sizes = both.groupby("actor")["row"].transform("size")
        actor_parts.append(both.loc[sizes >= cfg.min_actor_incidents])
    by_actor = pd.concat(actor_parts, ignore_index=True)
    levels = []
    for level in cfg.levels:
        part = by_actor.loc[by_actor[level].notna()].copy()
        part["level"] = level
        if level == "country":
            part["admin1"] = None
            part["admin2"] = None
        elif level == "admin1":
            part["admin2"] = None
        levels.append(part)
    if not levels:
        return by_actor.iloc[0:0].assign(level=None)
    return pd.concat(levels, ignore_index=True)


_KEY = ["level", "country", "admin1", "admin2", "actor"]
# Stands for a missing key value while factorising (NUL does not survive Arrow strings).
_NONE = "\u241e(none)"


def _matrices(
    d: pd.DataFrame, cfg: AlertConfig, start: pd.Timestamp, end: pd.Timestamp
) -> tuple[list[Unit], np.ndarray, np.ndarray, pd.DatetimeIndex]:
    periods = period_range(start, end, cfg.period)
    rows = _unit_rows(d, cfg)
    if rows.empty:
        return [], np.zeros((0, len(periods))), np.zeros((0, len(periods))), periods
    keys = rows[_KEY].fillna(_NONE)
    codes, uniques = pd.MultiIndex.from_frame(keys).factorize()
    pstart = period_start(d["event_date"], cfg.period).to_numpy()
    t_idx = periods.get_indexer(pd.DatetimeIndex(pstart))
    t = t_idx[rows["row"].to_numpy()]
    keep = t >= 0  # incidents outside [start, end] fall out
    n_u, n_t = len(uniques), len(periods)
    flat = codes[keep] * n_t + t[keep]
    fat = d["fatalities"].to_numpy(dtype=float)[rows["row"].to_numpy()][keep]
    counts = np.bincount(flat, minlength=n_u * n_t).reshape(n_u, n_t).astype(float)
    fats = np.bincount(flat, weights=fat, minlength=n_u * n_t).reshape(n_u, n_t)
    # A unit with fewer incidents and deaths in all than any gate needs can never alert.
    keep = (counts.sum(axis=1) >= cfg.min_count) | (fats.sum(axis=1) >= cfg.severe_fatalities)
    units = [
        Unit(*[None if v == _NONE else v for v in u])  # type: ignore[arg-type]
        for u, k in zip(uniques, keep, strict=True)
        if k
    ]
    return units, counts[keep], fats[keep], periods


# --------------------------------------------------------------------------- alerts


@dataclass(frozen=True)
class Alert:
    level: str
    area: str
    country: str | None
    admin1: str | None
    admin2: str | None
    actor: str
    period_start: str
    window_start: str
    window_end: str  # inclusive
    measure: str  # which test(s) fired: incidents, fatalities or both
    kind: str  # "escalation", or "severe" (deaths alone, from fewer than min_count incidents)
    incidents: int
    expected_incidents: float
    p_incidents: float
    q_incidents: float | None
    fatalities: int
    expected_fatalities: float
    p_fatalities: float
    q_fatalities: float | None
    baseline_periods: int
    dispersion_k: float | None  # None = Poisson
    last_year_incidents: float | None
    p_vs_last_year: float | None
    last_lunar_year_incidents: float | None
    p_vs_last_lunar_year: float | None
    new: bool  # first period of a run of consecutive alerts for this unit

    @property
    def label(self) -> str:
        where = self.area if self.level != "admin2" else f"{self.admin2} ({self.admin1})"
        return where if self.actor == ALL_ACTORS else f"{self.actor} in {where}"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["label"] = self.label
        return d


def _fin(x: float) -> float | None:
    return None if x is None or not np.isfinite(x) else float(x)


def _coverage(
    d: pd.DataFrame, data_start: date | pd.Timestamp | None, data_end: date | pd.Timestamp | None
) -> tuple[pd.Timestamp, pd.Timestamp]:
    start = pd.Timestamp(data_start) if data_start is not None else d["event_date"].min()
    end = pd.Timestamp(data_end) if data_end is not None else d["event_date"].max()
    return start, end


def detect_alerts(
    df: pd.DataFrame,
    cfg: AlertConfig = DEFAULT_CONFIG,
    *,
    date_from: date | pd.Timestamp | None = None,
    date_to: date | pd.Timestamp | None = None,
    data_start: date | pd.Timestamp | None = None,
    data_end: date | pd.Timestamp | None = None,
) -> list[Alert]:
    """All escalation alerts for windows ending in [date_from, date_to].

    The data's own span (or `data_start`/`data_end`, when the collection is
    known to cover more than its first and last incident) sets the history:
    a period with no incidents inside the span is a real zero.
    """
    cfg.validate()
    d = dated(df)
    if d.empty:
        return []
    start, end = _coverage(d, data_start, data_end)
    d = d.loc[(d["event_date"] >= start) & (d["event_date"] <= end)]
    units, counts, fats, periods = _matrices(d, cfg, start, end)
    if not units:
        return []
    pmf = deaths_pmf(d["fatalities"])
    res = scan(counts, fats, periods, cfg, death_pmf=pmf)
    lo = pd.Timestamp(date_from) if date_from is not None else periods[0]
    hi = pd.Timestamp(date_to) if date_to is not None else periods[-1]
    in_range = (periods >= period_start(pd.Series([lo]), cfg.period).iloc[0]) & (periods <= hi)

    fire_c = np.zeros_like(res.gate_count)
    fire_f = np.zeros_like(res.gate_fatalities)
    q_c = np.full(res.p_count.shape, np.nan)
    q_f = np.full(res.p_fatalities.shape, np.nan)
    for ti in range(len(periods)):
        gc, gf = res.gate_count[:, ti], res.gate_fatalities[:, ti]
        p = np.concatenate([res.p_count[gc, ti], res.p_fatalities[gf, ti]])
        if p.size == 0:
            continue
        if cfg.correction == "bh":
            rej, q = bh_reject(p, cfg.alpha)
        else:
            rej, q = p <= cfg.alpha, p
        n_c = int(gc.sum())
        fire_c[gc, ti], q_c[gc, ti] = rej[:n_c], q[:n_c]
        fire_f[gf, ti], q_f[gf, ti] = rej[n_c:], q[n_c:]
    fired = fire_c | fire_f
    # Fill in the p-value of the measure whose gate was closed, for display.
    ui_, ti_ = np.nonzero(fired & ~res.gate_count)
    res.p_count[ui_, ti_] = nb_sf(res.count[ui_, ti_], res.expected[ui_, ti_], res.k_pred[ui_, ti_])
    ui_, ti_ = np.nonzero(fired & ~res.gate_fatalities)
    res.p_fatalities[ui_, ti_] = compound_sf(
        res.fatalities[ui_, ti_], res.expected[ui_, ti_], res.k_pred[ui_, ti_], pmf
    )
    step = period_offset(cfg.period)
    alerts = []
    for ui, ti in zip(*np.nonzero(fired & in_range[None, :]), strict=True):
        u = units[ui]
        pstart = periods[ti]
        wstart = periods[max(0, ti - cfg.window + 1)]
        wend = pstart + step - pd.Timedelta(days=1)
        measure = (
            "both"
            if fire_c[ui, ti] and fire_f[ui, ti]
            else ("incidents" if fire_c[ui, ti] else "fatalities")
        )
        yr, lyr = res.seasonal["year"], res.seasonal["lunar_year"]
        alerts.append(
            Alert(
                level=u.level,
                area=u.area,
                country=u.country,
                admin1=u.admin1,
                admin2=u.admin2,
                actor=u.actor,
                period_start=str(pstart.date()),
                window_start=str(wstart.date()),
                window_end=str(wend.date()),
                measure=measure,
                kind="escalation" if res.count[ui, ti] >= cfg.min_count else "severe",
                incidents=int(res.count[ui, ti]),
                expected_incidents=float(res.expected[ui, ti]),
                p_incidents=float(res.p_count[ui, ti]),
                q_incidents=_fin(q_c[ui, ti]),
                fatalities=int(res.fatalities[ui, ti]),
                expected_fatalities=float(res.expected_fatalities[ui, ti]),
                p_fatalities=float(res.p_fatalities[ui, ti]),
                q_fatalities=_fin(q_f[ui, ti]),
                baseline_periods=int(res.history[ui, ti]),
                dispersion_k=_fin(res.k[ui, ti]),
                last_year_incidents=_fin(yr["count"][ui, ti]),
                p_vs_last_year=_fin(yr["p_count"][ui, ti]),
                last_lunar_year_incidents=_fin(lyr["count"][ui, ti]),
                p_vs_last_lunar_year=_fin(lyr["p_count"][ui, ti]),
                new=not (ti > 0 and fired[ui, ti - 1]),
            )
        )
    alerts.sort(key=lambda a: (a.period_start, min(a.p_incidents, a.p_fatalities)))
    return alerts


def alerts_frame(alerts: list[Alert]) -> pd.DataFrame:
    return pd.DataFrame([a.to_dict() for a in alerts])


def alert_incidents(df: pd.DataFrame, alert: Alert) -> pd.DataFrame:
    """The incidents that make up an alert's window, worst first."""
    m = dated(df)
    m = m.loc[
        (m["event_date"] >= pd.Timestamp(alert.window_start))
        & (m["event_date"] <= pd.Timestamp(alert.window_end))
    ]
    for col in ("country", "admin1", "admin2"):
        value = getattr(alert, col)
        if value is not None:  # a unit's key columns above its level are None
            m = m.loc[m[col] == value]
    if alert.actor != ALL_ACTORS:
        m = m.loc[(m["actor1"] == alert.actor) | (m["actor2"] == alert.actor)]
    return m.sort_values(["fatalities", "event_date"], ascending=[False, True])


# --------------------------------------------------------------------------- one question


@dataclass(frozen=True)
class Assessment:
    """The answer to 'is <actor> escalating in <area>?' for the window ending at `as_of`."""

    area: str | None
    actor: str | None
    period: str
    window_start: str
    window_end: str
    incidents: int
    expected_incidents: float
    p_incidents: float
    fatalities: int
    expected_fatalities: float
    p_fatalities: float
    baseline_start: str
    baseline_end: str
    baseline_periods: int
    baseline_incidents: int
    baseline_fatalities: int
    dispersion_k: float | None
    gated_incidents: bool
    gated_fatalities: bool
    escalating: bool
    alpha: float
    last_year_incidents: float | None
    p_vs_last_year: float | None
    last_lunar_year_incidents: float | None
    p_vs_last_lunar_year: float | None
    reason: str
    series: list[dict[str, Any]]  # per period: start, incidents, fatalities, expected, p

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _anchored(
    start: pd.Timestamp, end: pd.Timestamp, period: str, dates: pd.Series
) -> tuple[pd.DatetimeIndex, np.ndarray]:
    """Periods that end exactly on `end` (days and weeks), so the tested window is
    the last full week(s) up to the question's date, not a partial calendar week."""
    if period == "month":
        periods = period_range(start, end, period)
        return periods, periods.get_indexer(pd.DatetimeIndex(period_start(dates, period)))
    days = 1 if period == "day" else 7
    end = end.normalize()
    n = int((end - start.normalize()).days // days) + 1
    periods = pd.DatetimeIndex(
        [end - pd.Timedelta(days=days * (n - 1 - i) + days - 1) for i in range(n)]
    )
    back = ((end - pd.DatetimeIndex(dates).normalize()).days // days).to_numpy()
    # A first bin reaching back before the data starts would count uncollected days as quiet.
    drop = int(periods[0] < start.normalize()) if n > 1 else 0
    return periods[drop:], (n - 1 - back - drop).astype(int)


def assess(
    df: pd.DataFrame,
    *,
    area: str | None = None,
    actor: str | None = None,
    as_of: date | pd.Timestamp | None = None,
    cfg: AlertConfig = DEFAULT_CONFIG,
    data_start: date | pd.Timestamp | None = None,
    data_end: date | pd.Timestamp | None = None,
) -> Assessment:
    """Test one area/actor series, with the same model as `detect_alerts`.

    Both measures are one family of two (Benjamini-Hochberg at `alpha`), so
    the verdict matches what the alert scan would say for that unit alone.
    """
    cfg = cfg.validate()
    all_d = dated(df)
    if all_d.empty:
        raise ValueError("no dated incidents to assess")
    start, end = _coverage(all_d, data_start, data_end)
    if as_of is not None:
        end = pd.Timestamp(as_of)
    if end < start:
        # No period to test; said plainly rather than failing on an empty series.
        raise ValueError(f"{end.date()} is before the first dated incident ({start.date()})")
    sub = select(all_d, area=area, actor=actor, date_from=start, date_to=end)
    periods, t_idx = _anchored(start, end, cfg.period, sub["event_date"])
    keep = t_idx >= 0
    sub, t_idx = sub.loc[keep], t_idx[keep]
    counts = np.bincount(t_idx, minlength=len(periods)).astype(float)[None, :]
    fats = np.bincount(t_idx, weights=sub["fatalities"].to_numpy(float), minlength=len(periods))[
        None, :
    ]
    res = scan(counts, fats, periods, cfg, death_pmf=deaths_pmf(all_d["fatalities"]), all_p=True)
    ti = len(periods) - 1
    p_pair = []
    if res.gate_count[0, ti]:
        p_pair.append(res.p_count[0, ti])
    if res.gate_fatalities[0, ti]:
        p_pair.append(res.p_fatalities[0, ti])
    escalating = bool(p_pair) and bool(bh_reject(np.array(p_pair), cfg.alpha)[0].any())
    step = period_offset(cfg.period)
    w0 = max(0, ti - cfg.window + 1)
    b_hi, b_lo = w0, max(0, w0 - cfg.baseline_periods)
    eligible = bool(res.eligible[0, ti])
    if not eligible:
        reason = (
            f"not tested: {int(res.history[0, ti])} baseline periods, "
            f"fewer than the {cfg.min_history} the model needs"
        )
    elif escalating:
        reason = "significant rise over the trailing baseline"
    elif not (res.gate_count[0, ti] or res.gate_fatalities[0, ti]):
        reason = (
            f"below the minimum ({cfg.min_count} incidents, or {cfg.severe_fatalities} deaths) "
            "for an alert"
        )
    else:
        reason = "no significant rise over the trailing baseline"
    series = [
        {
            "period": str(periods[i].date()),
            "incidents": int(counts[0, i]),
            "fatalities": int(fats[0, i]),
            "expected_incidents": float(res.expected[0, i]) if res.eligible[0, i] else None,
            "p_incidents": float(res.p_count[0, i]) if res.eligible[0, i] else None,
            "p_fatalities": float(res.p_fatalities[0, i]) if res.eligible[0, i] else None,
        }
        for i in range(len(periods))
    ]
    yr, lyr = res.seasonal["year"], res.seasonal["lunar_year"]
    return Assessment(
        area=area,
        actor=actor,
        period=cfg.period,
        window_start=str(periods[w0].date()),
        window_end=str((periods[ti] + step - pd.Timedelta(days=1)).date()),
        incidents=int(res.count[0, ti]),
        expected_incidents=float(res.expected[0, ti]),
        p_incidents=float(res.p_count[0, ti]),
        fatalities=int(res.fatalities[0, ti]),
        expected_fatalities=float(res.expected_fatalities[0, ti]),
        p_fatalities=float(res.p_fatalities[0, ti]),
        baseline_start=str(periods[b_lo].date()) if b_hi > b_lo else str(periods[w0].date()),
        baseline_end=str((periods[w0] - pd.Timedelta(days=1)).date()),
        baseline_periods=b_hi - b_lo,
        baseline_incidents=int(counts[0, b_lo:b_hi].sum()),
        baseline_fatalities=int(fats[0, b_lo:b_hi].sum()),
        dispersion_k=_fin(res.k[0, ti]),
        gated_incidents=bool(res.gate_count[0, ti]),
        gated_fatalities=bool(res.gate_fatalities[0, ti]),
        escalating=escalating,
        alpha=cfg.alpha,
        last_year_incidents=_fin(yr["count"][0, ti]),
        p_vs_last_year=_fin(yr["p_count"][0, ti]),
        last_lunar_year_incidents=_fin(lyr["count"][0, ti]),
        p_vs_last_lunar_year=_fin(lyr["p_count"][0, ti]),
        reason=reason,
        series=series,
    )


def assessment_incidents(df: pd.DataFrame, a: Assessment) -> pd.DataFrame:
    """The incidents in an assessment's window, worst first."""
    sub = select(
        dated(df),
        area=a.area,
        actor=a.actor,
        date_from=pd.Timestamp(a.window_start),
        date_to=pd.Timestamp(a.window_end),
    )
    return sub.sort_values(["fatalities", "event_date"], ascending=[False, True])


def with_overrides(cfg: AlertConfig, **kw: object) -> AlertConfig:
    """A copy of `cfg` with the non-None keyword values replaced."""
    return replace(cfg, **{k: v for k, v in kw.items() if v is not None}).validate()  # type: ignore[arg-type]

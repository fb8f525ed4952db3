"""Validation of the alert model on simulated series with known change points.

Each scenario draws many independent weekly series: negative-binomial incident
counts at a base rate, which jumps to `multiplier` times that rate at a known
week. Every incident carries a number of deaths drawn from a zero-inflated
geometric distribution. The alert scan then runs over the series exactly as on
real data (per-unit Benjamini-Hochberg over its incident and fatality tests),
and we measure:

* false alarms per year: alert episodes (runs of consecutive alerted weeks)
  before the change, per series-year of tested weeks; alerted weeks as well;
* detection rate: share of series with an alert within `horizon` weeks of the change;
* detection delay: weeks from the change to the first alert (median, and mean).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from incidentwatch.analyse.alerts import DEFAULT_CONFIG, AlertConfig, deaths_pmf, scan

DEFAULT_SCENARIOS: tuple[tuple[float, float | None, float], ...] = (
    # (weekly base rate, NB dispersion k or None for Poisson, multiplier)
    (0.2, None, 5.0),
    (0.5, None, 3.0),
    (1.0, None, 2.0),
    (1.0, None, 3.0),
    (1.0, 2.0, 3.0),
    (3.0, None, 2.0),
    (3.0, 3.0, 2.0),
    (10.0, 5.0, 1.5),
    (10.0, 5.0, 2.0),
)


@dataclass(frozen=True)
class ScenarioResult:
    base_rate: float
    dispersion_k: float | None
    multiplier: float
    series: int
    false_alarms_per_year: float  # alert episodes before the change
    false_alarm_weeks_per_year: float
    detection_rate: float
    median_delay_weeks: float | None
    mean_delay_weeks: float | None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _draw_counts(rng: np.random.Generator, rate: np.ndarray, k: float | None) -> np.ndarray:
    if k is None:
        return rng.poisson(rate)
    # Gamma-Poisson mixture: NB with mean `rate` and size k.
    return rng.poisson(rng.gamma(k, rate / k))


def _draw_deaths(rng: np.random.Generator, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Deaths per period, and per incident: none (60%) or Geometric(mean 2.5) people."""
    total = counts.sum()
    per = np.where(rng.random(total) < 0.6, 0, rng.geometric(0.4, total))
    owner = np.repeat(np.arange(counts.size), counts.ravel())
    by_period = np.bincount(owner, weights=per, minlength=counts.size).reshape(counts.shape)
    return by_period, per


def fired_per_unit(res: object, cfg: AlertConfig) -> np.ndarray:
    """Alert mask when each unit's two tests per period form one BH family of two."""
    from incidentwatch.analyse.alerts import SeriesScan

    assert isinstance(res, SeriesScan)
    p1 = np.where(res.gate_count, res.p_count, np.inf)
    p2 = np.where(res.gate_fatalities, res.p_fatalities, np.inf)
    m = np.isfinite(p1).astype(int) + np.isfinite(p2).astype(int)
    lo, hi = np.minimum(p1, p2), np.maximum(p1, p2)
    a = cfg.alpha
    if cfg.correction == "none":
        return (p1 <= a) | (p2 <= a)
    # BH with m tests: reject all if the largest p <= a; else the smallest if <= a/m.
    return ((m == 2) & ((hi <= a) | (lo <= a / 2))) | ((m == 1) & (lo <= a))


def run_scenario(
    base_rate: float,
    k: float | None,
    multiplier: float,
    cfg: AlertConfig = DEFAULT_CONFIG,
    *,
    series: int = 300,
    weeks_before: int = 104,
    weeks_after: int = 26,
    horizon: int = 8,
    seed: int = 0,
) -> ScenarioResult:
    rng = np.random.default_rng(seed)
    n_t = weeks_before + weeks_after
    rate = np.full((series, n_t), base_rate)
    rate[:, weeks_before:] *= multiplier
    counts = _draw_counts(rng, rate, k)
    deaths, per_incident = _draw_deaths(rng, counts)
    periods = pd.date_range("2015-01-05", periods=n_t, freq="W-MON")
    # The toll distribution is learnt from all the simulated incidents, as
    # detect_alerts learns it from the whole frame.
    res = scan(counts, deaths, periods, cfg, death_pmf=deaths_pmf(per_incident))
    fired = fired_per_unit(res, cfg)
    tested_before = res.eligible[:, :weeks_before]
    fa_weeks = fired[:, :weeks_before] & tested_before
    # A false alarm is an episode: a run of consecutive alerted weeks counts once.
    fa_new = fa_weeks & ~np.concatenate([np.zeros((series, 1), bool), fa_weeks[:, :-1]], axis=1)
    years = tested_before.sum() / 52.0
    after = fired[:, weeks_before:]
    detected = after[:, :horizon].any(axis=1)
    first = np.where(after.any(axis=1), after.argmax(axis=1), -1)
    delays = first[detected]
    return ScenarioResult(
        base_rate=base_rate,
        dispersion_k=k,
        multiplier=multiplier,
        series=series,
        false_alarms_per_year=float(fa_new.sum() / years) if years else float("nan"),
        false_alarm_weeks_per_year=float(fa_weeks.sum() / years) if years else float("nan"),
        detection_rate=float(detected.mean()),
        median_delay_weeks=float(np.median(delays)) if delays.size else None,
        mean_delay_weeks=float(delays.mean()) if delays.size else None,
    )


def validate(
    cfg: AlertConfig = DEFAULT_CONFIG,
    scenarios: tuple[tuple[float, float | None, float], ...] = DEFAULT_SCENARIOS,
    *,
    series: int = 300,
    seed: int = 0,
) -> list[ScenarioResult]:
    return [
        run_scenario(rate, k, mult, cfg, series=series, seed=seed + i)
        for i, (rate, k, mult) in enumerate(scenarios)
    ]


def format_table(results: list[ScenarioResult]) -> str:
    head = (
        f"{'rate/wk':>8} {'k':>5} {'x':>5} {'FA/yr':>7} {'FAwk/yr':>8} {'detect<=8wk':>12} "
        f"{'median delay':>13} {'mean delay':>11}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        k = "pois" if r.dispersion_k is None else f"{r.dispersion_k:g}"
        med = "-" if r.median_delay_weeks is None else f"{r.median_delay_weeks:.1f}"
        mean = "-" if r.mean_delay_weeks is None else f"{r.mean_delay_weeks:.2f}"
        lines.append(
            f"{r.base_rate:>8g} {k:>5} {r.multiplier:>5g} {r.false_alarms_per_year:>7.3f} "
            f"{r.false_alarm_weeks_per_year:>8.3f} "
            f"{r.detection_rate:>12.1%} {med:>13} {mean:>11}"
        )
    return "\n".join(lines)


def synthetic_frame(n: int, *, years: float = 5.0, seed: int = 0) -> pd.DataFrame:
    """A made-up incident frame of `n` rows for timing the scans (not realistic text).

    40 governorates with 8 districts each, 60 actors with Zipf-like frequencies,
    dates uniform over `years` years from 2015, fatalities zero-inflated geometric.
    """
    from incidentwatch.analyse.frame import normalize_frame

    rng = np.random.default_rng(seed)
    gov = rng.integers(0, 40, n)
    dist = rng.integers(0, 8, n)
    weights = 1.0 / np.arange(1, 61)
    weights /= weights.sum()
    a1 = rng.choice(60, n, p=weights)
    a2 = rng.choice(61, n, p=np.append(weights * 0.7, 0.3))  # index 60 = no second actor
    days = rng.integers(0, int(365 * years), n)
    deaths = np.where(rng.random(n) < 0.6, 0, rng.geometric(0.4, n))
    lat = 30 + gov % 8 + dist * 0.1 + rng.normal(0, 0.05, n)
    lon = 38 + gov // 8 + dist * 0.1 + rng.normal(0, 0.05, n)
    df = pd.DataFrame(
        {
            "incident_id": [f"sim-{i}" for i in range(n)],
            "event_date": pd.Timestamp("2015-01-01") + pd.to_timedelta(days, unit="D"),
            "event_type": "Battles",
            "actor1": [f"Actor {i}" for i in a1],
            "actor2": [None if i == 60 else f"Actor {i}" for i in a2],
            "country": "Simland",
            "admin1": [f"Gov {g}" for g in gov],
            "admin2": [f"Gov {g} District {d}" for g, d in zip(gov, dist, strict=True)],
            "latitude": lat,
            "longitude": lon,
            "geo_precision": 1,
            "fatalities": deaths,
        }
    )
    return normalize_frame(df)

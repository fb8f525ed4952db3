"""Report charts drawn with matplotlib (Agg, offline): timeline, map, type mix.

Each function returns a matplotlib Figure; `to_png`/`to_svg` serialise it, so
the same figures go into the HTML (as data URIs) and the PDF.
"""

from __future__ import annotations

import io

import matplotlib
import matplotlib.dates

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from incidentwatch.analyse.hotspots import cell_boundary
from incidentwatch.analyse.trends import Window


def timeline(
    series: pd.DataFrame, current: Window, baseline: Window, alert_periods: list[str], period: str
) -> Figure:
    """Incidents (bars) and fatalities (line) per period; windows shaded, alerts marked."""
    fig, ax = plt.subplots(figsize=(8, 3.2), dpi=100)
    x = pd.to_datetime(series["period"])
    width = {"day": 0.8, "week": 5, "month": 25}[period]
    ax.bar(x, series["incidents"], width=width, color="#4c72b0", label="incidents", align="edge")
    num = matplotlib.dates.date2num
    ax.axvspan(num(baseline.start), num(baseline.end), color="#dddddd", alpha=0.6, label="baseline")
    ax.axvspan(
        num(current.start), num(current.end), color="#f4c28f", alpha=0.5, label="report window"
    )
    ax2 = ax.twinx()
    ax2.plot(x, series["fatalities"], color="#c44e52", marker=".", lw=1, label="fatalities")
    ax2.set_ylabel("fatalities", color="#c44e52")
    for p in alert_periods:
        ax.axvline(num(pd.Timestamp(p)), color="#c44e52", ls="--", lw=1)
    ax.set_ylabel(f"incidents per {period}")
    ax.set_ylim(bottom=0)
    ax2.set_ylim(bottom=0)
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="upper left", fontsize=7, ncol=4)
    ax.set_title("Timeline (dashed lines: alerts)", fontsize=9)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def incident_map(points: pd.DataFrame, hot: pd.DataFrame) -> Figure:
    """Incidents in the window (size by fatalities) over the hot H3 cells. No tiles: offline."""
    fig, ax = plt.subplots(figsize=(5.5, 4.5), dpi=100)
    for unit in hot.get("unit", []):
        try:
            ring = cell_boundary(str(unit))
        except (ValueError, TypeError):
            continue
        ax.add_patch(
            Polygon(
                [(lon, lat) for lat, lon in ring],
                closed=True,
                fc="#f28e2b",
                ec="#c44e52",
                alpha=0.45,
            )
        )
    located = points.loc[points["latitude"].notna() & points["longitude"].notna()]
    if not located.empty:
        sizes = 12 + 6 * np.sqrt(located["fatalities"].to_numpy(float))
        ax.scatter(
            located["longitude"],
            located["latitude"],
            s=sizes,
            c="#4c72b0",
            alpha=0.7,
            edgecolors="white",
            lw=0.5,
        )
        for _, r in located.sort_values("fatalities", ascending=False).head(5).iterrows():
            if r["location"]:
                ax.annotate(
                    str(r["location"]),
                    (r["longitude"], r["latitude"]),
                    fontsize=6,
                    xytext=(3, 3),
                    textcoords="offset points",
                )
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_title("Incidents in the window (dot size: fatalities; orange: hot spots)", fontsize=8)
    ax.grid(True, lw=0.3)
    fig.tight_layout()
    return fig


def type_mix(mix: pd.DataFrame) -> Figure:
    """Share of each type in the baseline and the window (horizontal stacked bars)."""
    fig, ax = plt.subplots(figsize=(7, 2.4), dpi=100)
    cats = list(mix.index)
    cmap = plt.get_cmap("tab20")
    for col_i, label in enumerate(["baseline", "window"]):
        left = 0.0
        for j, cat in enumerate(cats):
            v = float(mix.loc[cat, label])
            ax.barh(col_i, v, left=left, color=cmap(j % 20), label=cat if col_i == 0 else None)
            if v >= 0.08:
                ax.text(left + v / 2, col_i, f"{v:.0%}", ha="center", va="center", fontsize=7)
            left += v
    ax.set_yticks([0, 1], ["baseline", "window"])
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of incidents")
    ax.legend(fontsize=6, loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=3, frameon=False)
    ax.set_title("Type mix", fontsize=9)
    fig.tight_layout()
    return fig


def to_png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()

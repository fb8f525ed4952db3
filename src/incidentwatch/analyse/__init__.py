"""analyse stage: from incidents to assessment (docs/analyse.md).

Every function takes the incident frame (`Store.incidents_frame()` columns):

    import incidentwatch
    from incidentwatch.analyse import assess, detect_alerts, hotspots, trends
    df = incidentwatch.open().incidents_frame()
    assess(df, area="Diyala", actor="Islamic State (Iraq)")   # is it escalating?
"""

from __future__ import annotations

import importlib
from typing import Any

# Exports load on first use, so `incidentwatch --help` does not import scipy.
_EXPORTS = {
    "AlertConfig": "alerts",
    "alert_incidents": "alerts",
    "alerts_frame": "alerts",
    "assess": "alerts",
    "assessment_incidents": "alerts",
    "detect_alerts": "alerts",
    "frame_from_incidents": "frame",
    "normalize_frame": "frame",
    "select": "frame",
    "HotspotConfig": "hotspots",
    "hotspots": "hotspots",
    "mix_by_period": "tactics",
    "tactic_shift": "tactics",
    "tactic_shifts": "tactics",
    "Window": "trends",
    "compare_baseline": "trends",
    "trends": "trends",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module = importlib.import_module(f"incidentwatch.analyse.{_EXPORTS[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'incidentwatch.analyse' has no attribute {name!r}")

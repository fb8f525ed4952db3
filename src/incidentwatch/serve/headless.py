"""The system Chromium, driven headless and offline.

Shared by the browser tests and `scripts/screenshots.py`, so both launch it the same
way: no sandbox (containers run as root), no GPU, and none of Chromium's own network
traffic (QUIC, background updates, sync), which would break the offline guarantee.
"""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

"""Spreadsheet-safe CSV cells, for every CSV the project writes (API and `export`).

Article-derived text (outlets, actors, places, summaries) can begin with a
character that Excel, LibreOffice or Google Sheets read as the start of a
formula (`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`); a tab or carriage return
in front hides the same payload. Such a cell is written with a leading
apostrophe, which spreadsheets show as text and do not evaluate (OWASP's advice).
Numbers are left alone: a negative longitude is a number, not a formula.
"""

from __future__ import annotations

from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """`value`, with an apostrophe in front if it is text a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value

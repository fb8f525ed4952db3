"""Write the rule table of docs/extract.md from the registry (between its
`<!-- rules:begin -->` and `<!-- rules:end -->` markers).

    PYTHONPATH=src python scripts/rule_table.py [--check]

--check exits 1 when the doc differs from the registry instead of writing it."""

from __future__ import annotations

import sys
from pathlib import Path

from incidentwatch.extract.registry import markdown_table

DOC = Path(__file__).resolve().parents[1] / "docs" / "extract.md"
BEGIN, END = "<!-- rules:begin -->\n", "<!-- rules:end -->"


def render(text: str) -> str:
    head, rest = text.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    return head + BEGIN + markdown_table() + END + tail


def main(argv: list[str]) -> int:
    text = DOC.read_text(encoding="utf-8")
    new = render(text)
    if "--check" in argv:
        if new != text:
            print(f"{DOC}: the rule table differs from the registry; run {__file__}")
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

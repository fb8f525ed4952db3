"""docs/extract.md's rule table is the registry's: the rules `incidentwatch extract
--rules` lists, in its order, with their docstrings."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from click.testing import CliRunner

from incidentwatch.cli import app
from incidentwatch.extract.registry import markdown_table

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "extract.md"


def _doc_block() -> str:
    text = DOC.read_text(encoding="utf-8")
    m = re.search(r"<!-- rules:begin -->\n(.*?)<!-- rules:end -->", text, re.S)
    assert m, "docs/extract.md has no rule table markers"
    return m.group(1)


def test_the_doc_table_is_the_registry() -> None:
    assert _doc_block() == markdown_table(), "run scripts/rule_table.py"


def test_the_doc_lists_what_extract_rules_lists() -> None:
    result = CliRunner().invoke(app, ["extract", "--rules"])
    assert result.exit_code == 0, result.output
    listed = [
        (ln[:22].strip(), int(ln[23:28]), ln[30:72].strip()) for ln in result.output.splitlines()
    ]
    rows = [
        re.match(r"\| `([^`]+)` \| (\d+) \| (.+?) \| ", ln) for ln in _doc_block().splitlines()[2:]
    ]
    documented = [(m.group(1), int(m.group(2)), m.group(3)) for m in rows if m]
    assert documented == listed


def test_the_check_script_fails_on_a_stale_table(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("rule_table", ROOT / "scripts" / "rule_table.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    stale = DOC.read_text(encoding="utf-8").replace("| vague retelling |", "| vague |")
    assert mod.render(stale) != stale
    assert mod.render(mod.render(stale)) == mod.render(stale)

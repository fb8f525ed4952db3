"""No file in the repository copies text from the licensed dev data
(scripts/check_borrowed_text.py: runs of 10 or more words)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "check_borrowed_text.py"
DEVDATA = REPO.parent / "shared" / "devdata"


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_borrowed_text", SCRIPT)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up by name
    spec.loader.exec_module(mod)
    return mod


def test_repository_shares_no_ten_word_run_with_devdata() -> None:
    if not DEVDATA.is_dir():
        pytest.skip(f"dev data not found at {DEVDATA}")
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_checker_finds_a_ten_word_run_and_passes_nine(tmp_path: Path) -> None:
    chk = _checker()
    dev = tmp_path / "devdata"
    (dev / "articles").mkdir(parents=True)
    # Invented "licensed" text in each of the three shapes the dev data comes in.
    (dev / "notes.csv").write_text(
        'id,notes\n1,"On 4 March, a grenade thrown over the wall of a pharmacy in Zubair '
        'wounded the owner and two of his cousins, locals said."\n',
        encoding="utf-8",
    )
    (dev / "wire.jsonl").write_text(
        '{"id": "w1", "title": "Dam guards", "text": "Guards at the Haditha dam traded fire '
        'with intruders for an hour before dawn on the eastern bank."}\n',
        encoding="utf-8",
    )
    (dev / "articles" / "a.txt").write_text(
        "The orchard road near Balad stayed closed for a second day after the ambush.",
        encoding="utf-8",
    )
    repo = tmp_path / "repo"
    repo.mkdir()
    ten = repo / "ten.py"
    # An 11-word run: only the words count, not case, punctuation or line breaks.
    ten.write_text(
        'x = 1\ntext = "A GRENADE thrown over the wall -- of a pharmacy\\n in Zubair"\n',
        encoding="utf-8",
    )
    nine = repo / "nine.md"
    nine.write_text("Guards at the Haditha dam traded fire with intruders at noon.\n")
    fine = repo / "fine.txt"
    fine.write_text("The orchard road near Balad stayed closed for two more weeks.\n")
    txt_run = repo / "run.md"
    txt_run.write_text("as locals put it: the orchard road near Balad stayed closed for a second")

    hits = chk.find_borrowed(dev, [repo], 10)
    got = sorted((h.path.name, h.line, len(h.words.split())) for h in hits)
    assert got == [("run.md", 1, 10), ("ten.py", 2, 11)]
    assert chk.main(["--devdata", str(dev), str(nine), str(fine)]) == 0
    assert chk.main(["--devdata", str(dev), str(ten)]) == 1
    assert chk.main(["--devdata", str(tmp_path / "missing"), str(ten)]) == 2

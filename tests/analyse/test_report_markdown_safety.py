"""The Markdown report cannot be made to load remote content (issue 14, item 6).

The report is built by the real `report` CLI from an extract file whose source
URL, outlet and summary carry Markdown and HTML payloads, then rendered with a
CommonMark renderer (markdown-it-py, as Markdown viewers do).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from analyse_rows import weekly_rows
from click.testing import CliRunner
from markdown_it import MarkdownIt

from incidentwatch.analyse.report.render import md_escape, md_url
from incidentwatch.cli import app

EVIL_URL = "https://news.example.org/a\n![x](http://evil.example/pixel.png)"
EVIL_OUTLET = "Wire\r![y](http://evil.example/outlet.png)"
EVIL_SUMMARY = "Gunmen attacked a checkpoint\u2028![z](http://evil.example/sum.png) <img src=x>"


def _incident(row: dict, url: str, outlet: str) -> dict:
    return {
        "incident_id": row["incident_id"],
        "event_date": row["event_date"],
        "date_precision": 1,
        "event_type": row["event_type"],
        "actor1": {"name": row["actor1"], "type": 2},
        "country": {"code": "IQ", "name": "Iraq"},
        "admin1": row["admin1"],
        "admin2": row["admin2"],
        "location": {"name": row["location"], "latitude": row["latitude"],
                     "longitude": row["longitude"]},
        "geo_precision": 1,
        "fatalities": {"best": row["fatalities"]},
        "summary": row["summary"],
        "sources": [{"article_id": f"a-{row['incident_id']}", "url": url, "outlet": outlet}],
    }  # fmt: skip


def test_markdown_report_renders_no_image_from_hostile_sources(tmp_path: Path) -> None:
    rows = weekly_rows([1] * 8 + [4, 5], fatalities=1)
    rows[-1]["summary"] = EVIL_SUMMARY
    rows[-1]["fatalities"] = 20  # the deadliest, so it is listed with its citation
    src = tmp_path / "ex.jsonl"
    with src.open("w") as fh:
        for r in rows:
            inc = _incident(r, EVIL_URL, EVIL_OUTLET)
            fh.write(json.dumps({"article_id": f"a-{r['incident_id']}", "incidents": [inc]}) + "\n")
    end = pd.Timestamp("2021-01-04") + pd.Timedelta(weeks=10, days=-1)
    out = tmp_path / "rep" / "r"
    res = CliRunner().invoke(
        app,
        ["report", "--input", str(src), "--from", (end - pd.Timedelta(days=13)).date().isoformat(),
         "--to", end.date().isoformat(), "--out", str(out), "--formats", "md"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    md = out.with_suffix(".md").read_text()
    assert "Gunmen attacked a checkpoint" in md  # the hostile incident is in the report
    html = MarkdownIt().render(md)
    assert "evil.example" in md  # kept as inert text or encoded inside the real link
    assert "<img" not in html.replace('<img src="r_', "")  # only the report's own charts
    # The link stays the source's link, with the payload percent-encoded inside it.
    assert 'href="https://news.example.org/a%0A!%5Bx%5D%28http://evil.example/pixel.png%29"' in html


def test_md_url_and_md_escape_keep_everything_on_one_inert_line() -> None:
    assert md_url("javascript:alert(1)") == ""
    assert md_url("https://example.org/a b>c") == "https://example.org/a%20b%3Ec"
    assert md_url("https://example.org/%D8%A8?q=1&x=2#f") == "https://example.org/%D8%A8?q=1&x=2#f"
    for brk in ("\n", "\r", "\u2028", "\x85"):
        line = md_escape(f"one{brk}![i](http://evil.example/i.png)")
        assert "\n" not in MarkdownIt().render(line).strip() and "<img" not in MarkdownIt().render(
            line
        )

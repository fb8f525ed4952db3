"""Reports and the CLI, end to end on an extract-output file written here."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from analyse_rows import ISIS, make_row, weekly_rows
from click.testing import CliRunner

from incidentwatch.analyse.report import build_report, render_html, render_markdown
from incidentwatch.analyse.sources import read_acled_csv, read_extract_jsonl
from incidentwatch.analyse.trends import Window
from incidentwatch.cli import app

HOSTILE = (
    'Gunmen attacked <script>alert("x")</script> a checkpoint near Khanaqin | '
    "**bold** [x](javascript:alert(1))"
)
HISTORY = [1, 0, 2, 1, 1, 0, 1, 2, 0, 1, 1, 1, 0, 2, 1, 1, 0, 1, 1, 2, 1, 0, 1, 1, 2, 1, 0, 1, 1, 1]


def _incident(row: dict) -> dict:
    """A frame row as an Incident record (extract output layout)."""
    return {
        "incident_id": row["incident_id"],
        "event_date": row["event_date"],
        "date_precision": 1,
        "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"],
        "target_type": row["target_type"],
        "actor1": {"name": row["actor1"], "type": 2},
        "actor2": {"name": row["actor2"], "type": 1} if row["actor2"] else None,
        "country": {"code": "IQ", "name": "Iraq"},
        "admin1": row["admin1"],
        "admin2": row["admin2"],
        "location": {
            "name": row["location"],
            "latitude": row["latitude"],
            "longitude": row["longitude"],
        },
        "geo_precision": 1,
        "fatalities": {"best": row["fatalities"]},
        "summary": row["summary"],
        "sources": [
            {
                "article_id": f"art-{row['incident_id']}",
                "url": f"https://news.example.org/{row['incident_id']}",
                "outlet": "Example News",
                "published_at": row["event_date"],
            }
        ],
    }


def _write_extract(path: Path) -> list[dict]:
    rows = weekly_rows([*HISTORY, 7, 8], fatalities=2)
    rows[-1]["summary"] = HOSTILE
    rows[-1]["fatalities"] = 9
    with path.open("w") as fh:
        for r in rows:
            fh.write(
                json.dumps({"article_id": f"art-{r['incident_id']}", "incidents": [_incident(r)]})
                + "\n"
            )
        fh.write("this line is not JSON\n")
        fh.write(
            json.dumps({"article_id": "x", "incidents": [{"event_date": 5, "actor1": "bad"}]})
            + "\n"
        )
    return rows


def test_extract_reader_skips_bad_lines(tmp_path):
    rows = _write_extract(tmp_path / "ex.jsonl")
    loaded = read_extract_jsonl(tmp_path / "ex.jsonl")
    assert len(loaded.frame) == len(rows)
    assert loaded.sources[rows[0]["incident_id"]][0].outlet == "Example News"
    assert loaded.frame["fatalities"].sum() == sum(r["fatalities"] for r in rows)


def test_acled_reader(tmp_path):
    csv = tmp_path / "acled.csv"
    csv.write_text(
        "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,inter1,actor2,inter2,"
        "country,admin1,admin2,location,latitude,longitude,geo_precision,fatalities,notes,source\n"
        "IRQ1,2021-03-02,1,Battles,Armed clash,Islamic State (Iraq),2,"
        "Military Forces of Iraq,1,Iraq,"
        'Diyala,Khanaqin,Khanaqin,34.35,45.39,1,3,"Clash near Khanaqin.",Outlet A; Outlet B\n'
        "IRQ2,2021-03-05,1,Protests,Peaceful protest,Protesters (Iraq),6,,0,Iraq,Baghdad,Karkh,"
        "Baghdad,33.3,44.4,1,0,Protest.,Outlet C\n"
    )
    loaded = read_acled_csv(csv, country="iraq")
    df = loaded.frame
    assert df["incident_id"].tolist() == ["IRQ1", "IRQ2"]
    assert df["actor2_type"].isna().tolist() == [False, True]
    assert [s.outlet for s in loaded.sources["IRQ1"]] == ["Outlet A", "Outlet B"]


def test_report_numbers_come_from_the_data_and_text_is_escaped(tmp_path):
    rows = _write_extract(tmp_path / "ex.jsonl")
    loaded = read_extract_jsonl(tmp_path / "ex.jsonl")
    end = pd.Timestamp("2021-01-04") + pd.Timedelta(weeks=len(HISTORY) + 2, days=-1)
    win = Window(end - pd.Timedelta(days=13), end)
    rep = build_report(
        loaded.frame,
        win,
        area="Diyala",
        actor=ISIS,
        cite=lambda ids: {i: loaded.sources.get(i, []) for i in ids},
    )
    in_win = [r for r in rows if win.start <= pd.Timestamp(r["event_date"]) <= win.end]
    n, f = len(in_win), sum(r["fatalities"] for r in in_win)
    assert f"{n} incidents ({f} fatalities)" in rep.headline[0]
    assert rep.key_numbers[0]["window"] == str(n)
    assert rep.assessment[0].startswith("Is Islamic State (Iraq) in Diyala escalating? Yes")
    assert rep.alerts, "the jump must show up as an alert in the report"
    assert rep.incidents[0].fatalities == 9  # deadliest first
    assert rep.incidents[0].citations[0].url.startswith("https://news.example.org/")
    html = render_html(rep)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert 'src="data:image/png;base64,' in html and "http://" not in html.replace(
        "https://news.example.org", ""
    )
    md = render_markdown(rep)
    assert "<script>" not in md and "\\<script\\>" in md


def test_cli_commands_on_extract_output(tmp_path):
    _write_extract(tmp_path / "ex.jsonl")
    inp = str(tmp_path / "ex.jsonl")
    runner = CliRunner()
    end = (
        (pd.Timestamp("2021-01-04") + pd.Timedelta(weeks=len(HISTORY) + 2, days=-1))
        .date()
        .isoformat()
    )
    jump = (pd.Timestamp("2021-01-04") + pd.Timedelta(weeks=len(HISTORY))).date().isoformat()

    r = runner.invoke(
        app, ["alerts", "--input", inp, "--area", "Diyala", "--actor", "Islamic State", "--to", end]
    )
    assert r.exit_code == 0, r.output
    assert "escalating? Yes" in r.output and "incidents in the window" in r.output

    r = runner.invoke(app, ["alerts", "--input", inp, "--format", "json"])
    assert r.exit_code == 0, r.output
    alerts = json.loads(r.output)
    assert any(a["admin1"] == "Diyala" and a["kind"] == "escalation" for a in alerts)

    r = runner.invoke(
        app, ["trends", "--input", inp, "--from", jump, "--to", end, "--format", "json"]
    )
    assert r.exit_code == 0, r.output
    (cmp,) = json.loads(r.output)
    assert cmp["incidents"] == 15 and cmp["p_increase"] < 0.01

    r = runner.invoke(app, ["hotspots", "--input", inp, "--all", "--format", "csv"])
    assert r.exit_code == 0 and r.output.startswith("unit,label")

    r = runner.invoke(
        app,
        ["tactics", "--input", inp, "--from", "2021-07-01", "--to", end, "--min-incidents", "3"],
    )
    assert r.exit_code == 0, r.output

    out = tmp_path / "rep" / "diyala"
    r = runner.invoke(
        app,
        [
            "report",
            "--input",
            inp,
            "--area",
            "Diyala",
            "--from",
            jump,
            "--to",
            end,
            "--out",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.output
    assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert "Situation report: Diyala" in out.with_suffix(".html").read_text()
    assert (tmp_path / "rep" / "diyala_timeline.png").exists()


def test_cli_reports_bad_input_clearly(tmp_path):
    runner = CliRunner()
    r = runner.invoke(app, ["alerts", "--input", str(tmp_path / "missing.jsonl")])
    assert r.exit_code == 2 and "no such file" in r.output
    (tmp_path / "e.jsonl").write_text(
        json.dumps({"article_id": "a", "incidents": [_incident(make_row(1, "2021-01-01"))]}) + "\n"
    )
    r = runner.invoke(
        app,
        [
            "report",
            "--input",
            str(tmp_path / "e.jsonl"),
            "--area",
            "Nowhere",
            "--from",
            "2021-01-01",
            "--to",
            "2021-01-31",
        ],
    )
    assert r.exit_code == 2 and "Nowhere" in r.output
    r = runner.invoke(
        app,
        [
            "trends",
            "--input",
            str(tmp_path / "e.jsonl"),
            "--from",
            "2021-13-01",
            "--to",
            "2021-01-31",
        ],
    )
    assert r.exit_code == 2

#!/usr/bin/env python3
"""Measure the geocoder: ACLED and GTD dev accuracy, Iraq admin coverage, cost.

    .venv/bin/python scripts/measure_geocoder.py [--devdata ../shared/devdata] [--hint]

Reads the licensed dev data at run time (never copied into the repo).
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from incidentwatch.geocode import get_geocoder
from incidentwatch.geocode import measure as ms

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--devdata", type=Path, default=REPO.parent / "shared" / "devdata")
    ap.add_argument("--hint", action="store_true", help="also measure with the gold country hint")
    ap.add_argument(
        "--prior", action="store_true", help="also measure with the row's country as area prior"
    )
    ap.add_argument(
        "--iraq-news",
        action="store_true",
        help="also run extract + evaluate on the 13 Iraq news articles",
    )
    args = ap.parse_args()

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    geo = get_geocoder()
    load_s = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"load: {load_s:.2f} s, RSS {rss0:.0f} MB -> {rss1:.0f} MB after loading\n")

    acled = args.devdata / "acled_middle_east_2022h1_dev.csv"
    gtd = args.devdata / "gtd_non_iraq_dev.csv"
    modes = [("none", False, False)]
    summary: list[tuple[str, str, str]] = []
    if args.prior:
        modes.append(("row's country as area prior", False, True))
    if args.hint:
        modes.append(("gold country as hint", True, False))
    for label, hint, prior in modes:
        if acled.exists():
            print(f"ACLED dev, first sentence of notes (country: {label})")
            t = ms.eval_acled(geo, acled, use_hint=hint, use_prior=prior)
            print(ms.table(t), "\n")
            if label == "none":
                a = t["all"]
                summary += [
                    ("ACLED admin1", f"{a.admin1 / a.n:.3f}", "0.95"),
                    ("ACLED admin2", f"{a.admin2 / max(1, a.admin2_n):.3f}", "0.85"),
                    (
                        "ACLED admin2, compared as units",
                        f"{a.admin2_unit / max(1, a.admin2_n):.3f}",
                        "0.85",
                    ),
                    ("ACLED <= 25 km", f"{a.within25 / max(1, a.coords_n):.3f}", "0.85"),
                ]
        if gtd.exists():
            print(f"GTD dev, first sentence of summary, admin1 = provstate (country: {label})")
            t = ms.eval_gtd(geo, gtd, use_hint=hint, use_prior=prior)
            print(ms.table(t), "\n")
            if label == "none":
                summary.append(("GTD province", f"{t['all'].admin1 / t['all'].n:.3f}", "0.92"))
    news = args.devdata / "iraq_news_2016_dev.jsonl"
    if args.iraq_news and news.exists():
        print("Iraq news 2016 (13 articles), extract + evaluate:")
        report = ms.eval_articles(news)
        print(report)
        acc = ms.evaluate_field(report, "admin1")
        summary.append(("Iraq 13 admin1", f"{acc:.3f}" if acc is not None else "?", "0.95"))

    report, fails = ms.iraq_coverage(geo, REPO / "tests" / "geocode" / "iraq_admin_spellings.tsv")
    print("Iraq admin units from common English spellings:", report)
    for f in fails:
        print("  miss", f)

    texts: list[str] = []
    if acled.exists():
        import csv

        with open(acled, encoding="utf-8") as fh:
            texts += [r["notes"] for r in csv.DictReader(fh)]
    samples = REPO / "src" / "incidentwatch" / "data" / "samples" / "voa_iraq_syria.jsonl"
    articles = [json.loads(line)["text"] for line in samples.read_text("utf-8").splitlines()]
    for label, batch in (("ACLED notes", texts), ("VOA articles", articles)):
        if not batch:
            continue
        geo._analyse.cache_clear()  # measure cold resolution, not the per-text cache
        c = ms.cost(geo, batch)
        print(f"cost, {label}: {c}")
        summary.append(
            (f"places/s, {label} (wall / per CPU s)", f"{c.per_s:.0f} / {c.per_cpu_s:.0f}", "-")
        )
    print("\nclosing table (no country given):")
    print(ms.closing_table(summary))


if __name__ == "__main__":
    main()

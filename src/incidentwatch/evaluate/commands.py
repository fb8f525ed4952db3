"""CLI commands of the evaluation stage: `evaluate` and `import-reference`."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import cast

import click

from incidentwatch.errors import UserError

log = logging.getLogger(__name__)

_PATH = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("evaluate")
@click.argument("gold", type=_PATH)
@click.argument("predicted", type=_PATH)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every mismatch (article_id, field, gold, predicted) to this JSONL file.",
)
@click.option(
    "--by-field-errors",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="After the table, list mismatches per field with up to N examples each.",
)
def evaluate_command(
    gold: Path, predicted: Path, as_json: bool, errors_path: Path | None, by_field_errors: int
) -> None:
    """Score PREDICTED (output of `incidentwatch extract`) against GOLD (codebook section 6)."""
    from incidentwatch.evaluate.jsonl import load_articles
    from incidentwatch.evaluate.report import to_json, to_text
    from incidentwatch.evaluate.scoring import score

    started = time.perf_counter()
    gold_data = load_articles(gold)
    if not gold_data.articles:
        raise UserError(f"{gold} has no readable gold article")
    pred_data = load_articles(predicted)
    record = errors_path is not None or by_field_errors > 0
    report = score(gold_data.articles, pred_data.articles, record_mismatches=record)
    if errors_path is not None:
        with errors_path.open("w", encoding="utf-8") as handle:
            for mismatch in report.mismatches:
                handle.write(json.dumps(mismatch.to_json(), ensure_ascii=False) + "\n")
    problems = len(gold_data.problems) + len(pred_data.problems)
    if as_json:
        out = to_json(report)
        out["skipped_lines_or_incidents"] = problems
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        title = f"{predicted} vs gold {gold}"
        click.echo(to_text(report, title=title, by_field_errors=by_field_errors), nl=False)
        if problems:
            click.echo(f"\n{problems} unreadable lines or incidents skipped (see log)")
    log.info("scored %d gold articles in %.2fs", report.articles, time.perf_counter() - started)


@click.command("import-reference")
@click.argument("dataset", type=click.Choice(["acled", "gtd", "rand"], case_sensitive=False))
@click.argument("csv_file", metavar="FILE.csv", type=_PATH)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Gold JSONL file to write.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Stop after N articles.")
@click.option(
    "--published-from-event-date",
    is_flag=True,
    help="Set published_at to the event date, so relative dates in the text resolve.",
)
def import_reference_command(
    dataset: str, csv_file: Path, output: Path, limit: int | None, published_from_event_date: bool
) -> None:
    """Turn an ACLED, GTD or RAND RDWTI CSV export into a gold JSONL file."""
    from incidentwatch.evaluate.reference.csvfile import NotThisDataset
    from incidentwatch.evaluate.reference.importer import Dataset, import_reference

    name = cast(Dataset, dataset.lower())
    try:
        summary = import_reference(
            name,
            csv_file,
            output,
            limit=limit,
            published_from_event_date=published_from_event_date,
        )
    except NotThisDataset as exc:
        raise UserError(str(exc)) from exc
    for bad in summary.skipped[:50]:
        click.echo(f"{csv_file.name}: line {bad.line}: skipped: {bad.reason}", err=True)
    if len(summary.skipped) > 50:
        click.echo(f"... and {len(summary.skipped) - 50} more skipped rows", err=True)
    click.echo(
        f"wrote {summary.written} articles to {output} "
        f"({summary.rows} rows read, {len(summary.skipped)} skipped)"
    )


@click.command("evaluate-merge")
@click.argument("articles", nargs=-1, required=True, type=_PATH)
@click.option(
    "--gold",
    "gold_paths",
    multiple=True,
    required=True,
    type=_PATH,
    help="Gold JSONL (annotations; text not needed). Repeat for several files.",
)
@click.option(
    "--clusters",
    "cluster_paths",
    multiple=True,
    required=True,
    type=_PATH,
    help='JSON {"clusters": [[gold_id, ...]], "not_same": [[id, id, why]]}. Repeatable.',
)
@click.option("--db", "db_url", help="Store to ingest into (default: a fresh temporary SQLite).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option(
    "--json-file",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the scores as JSON to this file.",
)
@click.option(
    "--details",
    "details_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every missed same-incident pair and every wrong merge to this JSONL file.",
)
def evaluate_merge_command(
    articles: tuple[Path, ...],
    gold_paths: tuple[Path, ...],
    cluster_paths: tuple[Path, ...],
    db_url: str | None,
    as_json: bool,
    json_path: Path | None,
    details_path: Path | None,
) -> None:
    """Ingest real ARTICLES (JSONL with text) and score cross-article merging against gold clusters.

    Pairs of gold incidents from different articles are scored pairwise: same
    cluster and stored as one incident is a hit (see docs/evaluate.md).
    """
    from incidentwatch.evaluate.merging import evaluate_merging, load_clusters, load_gold
    from incidentwatch.ingest.readers import Rejected, read_source
    from incidentwatch.records import Article

    try:
        gold = load_gold(gold_paths)
        clusters = load_clusters(cluster_paths)
    except (ValueError, OSError) as exc:
        raise UserError(str(exc)) from exc
    wanted = {g.article_id for g in gold}
    texts: list[Article] = []
    for path in articles:
        for item in read_source(path):
            if isinstance(item, Rejected):
                log.warning("%s skipped: %s", item.where, item.reason)
                continue
            if item.article_id in wanted:
                # Gold files may embed incidents; the store must extract its own.
                texts.append(item.model_copy(update={"incidents": None}))
    missing = wanted - {a.article_id for a in texts}
    if missing:
        raise UserError(
            f"{len(missing)} gold articles have no text in the ARTICLES given "
            f"(first: {sorted(missing)[0]})"
        )
    try:
        result = evaluate_merging(texts, gold, clusters, db_url)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    if details_path is not None:
        with details_path.open("w", encoding="utf-8") as handle:
            for o in result.outcomes:
                row = {"a": o.a, "b": o.b, "same": o.same, "merged": o.merged, "why": o.why}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    if json_path is not None:
        json_path.write_text(json.dumps(result.to_json(), indent=2) + "\n", encoding="utf-8")
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2))
    else:
        click.echo(result.to_text(), nl=False)


def register(group: click.Group) -> None:
    group.add_command(evaluate_command)
    group.add_command(evaluate_merge_command)
    group.add_command(import_reference_command)

"""`incidentwatch extract`: articles in, one JSON line of incidents per article out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command("extract")
@click.argument("source", type=str, required=False)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
    help="Output JSONL (default: standard output).",
)  # fmt: skip
@click.option("--no-geocode", is_flag=True, help="Skip place resolution (faster).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a TTY).")
@click.option("--rules", "list_rules", is_flag=True, help="List the rule tables and exit.")
@click.option(
    "--disable-rule", "disabled", multiple=True, metavar="NAME",
    help="Switch a rule off (by its name in --rules; repeatable), to measure what it does.",
)  # fmt: skip
@click.option(
    "--learned-filter", is_flag=True,
    help="Drop the records the learned record filter scores as no news (off by default; "
    "see docs/extract.md, 'A learned record filter').",
)  # fmt: skip
@click.option(
    "--country", default=None,
    help="Area prior for places (ISO2, e.g. IQ): the country this run is about.",
)  # fmt: skip
def extract_cmd(
    source: str | None,
    output: str,
    no_geocode: bool,
    progress: bool | None,
    list_rules: bool,
    disabled: tuple[str, ...],
    learned_filter: bool,
    country: str | None,
) -> None:
    """Extract incidents from SOURCE: a .jsonl of articles, a directory of .txt files,
    a .txt file, or '-' for standard input (plain text or JSONL).

    Writes one line per article: {"article_id": ..., "incidents": [...]}. Bad records
    are reported on standard error with their line number and skipped.
    """
    from incidentwatch.extract.registry import UnknownRule, all_rules, check_names

    if list_rules:
        for r in all_rules():
            click.echo(f"{r.table:<22} {r.order:>5}  {r.name:<42} {r.doc}")
        return
    if source is None:
        raise click.UsageError("missing argument SOURCE")
    try:
        off = check_names(disabled)
    except UnknownRule as exc:
        raise click.BadParameter(str(exc), param_hint="--disable-rule") from None
    from tqdm import tqdm

    from incidentwatch.errors import UserError
    from incidentwatch.extract.pipeline import Extractor
    from incidentwatch.extract.record_filter import load_filter
    from incidentwatch.ingest.readers import BadInput, Rejected, count_records, read_source
    from incidentwatch.records import Article, ArticleResult

    if source != "-" and not Path(source).exists():
        raise UserError(f"{source}: no such file or directory")
    try:
        record_filter = load_filter() if learned_filter else None
    except ValueError as exc:
        raise UserError(str(exc)) from None
    try:
        items = read_source(source, stdin=sys.stdin.buffer)
        total = count_records(source)
        extractor = Extractor(
            use_geocoder=not no_geocode,
            disabled_rules=off,
            record_filter=record_filter,
        )
        if country and not no_geocode:
            from incidentwatch.geocode import set_default_prior

            set_default_prior(country)
    except BadInput as exc:
        raise UserError(str(exc)) from None
    except ValueError as exc:
        raise UserError(f"--country: {exc}") from None

    rejected = 0
    written = 0
    n_incidents = 0
    show = progress if progress is not None else sys.stderr.isatty()
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    try:
        bar = tqdm(total=total, unit="article", disable=not show, file=sys.stderr)

        def articles() -> object:
            nonlocal rejected
            for it in items:
                if isinstance(it, Rejected):
                    rejected += 1
                    bar.update(1)
                    click.echo(f"skipped {it.where}: {it.reason}", err=True)
                    continue
                yield it

        try:
            for art, incidents in extractor.extract_many(articles()):  # type: ignore[arg-type]
                assert isinstance(art, Article)
                line = ArticleResult(article_id=art.article_id, incidents=incidents)
                out.write(json.dumps(line.to_json(), ensure_ascii=False) + "\n")
                written += 1
                n_incidents += len(incidents)
                bar.update(1)
        except BadInput as exc:
            raise UserError(str(exc)) from None
        bar.close()
    finally:
        if out is not sys.stdout:
            out.close()
    failures = extractor.geocode_failures.value
    geo_note = f", {failures} geocoder failures (see the warnings)" if failures else ""
    click.echo(
        f"{written} articles, {n_incidents} incidents, {rejected} skipped{geo_note}", err=True
    )


def register(group: click.Group) -> None:
    group.add_command(extract_cmd)

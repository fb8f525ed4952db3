"""`incidentwatch geocode`: show how a text's places resolve, or measure the geocoder."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

import click

from incidentwatch.records import Place


@click.command("geocode")
@click.argument("text", required=False)
@click.option(
    "--country",
    "country",
    default=None,
    help="Area prior (ISO2, e.g. IQ): the country this text or feed is about.",
)
@click.option("--outlet", default=None, help="The outlet (host name) whose prior to use.")
@click.option("--span", default=None, help="START:END of the event clause to locate.")
@click.option(
    "--on",
    "on",
    default=None,
    metavar="YYYY-MM-DD",
    help="The event's date: admin units that changed since are named as they were.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "--eval-acled",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Measure on an ACLED CSV (notes -> admin1/admin2/25 km).",
)
@click.option(
    "--eval-gtd",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Measure on a GTD CSV (summary -> provstate/25 km).",
)
@click.option(
    "--hint/--no-hint", default=False, help="Pass the gold country as a hint in --eval-*."
)
@click.option("--show-misses", is_flag=True, help="With --eval-acled: list admin1 misses.")
def geocode_cmd(
    text: str | None,
    country: str | None,
    outlet: str | None,
    span: str | None,
    on: str | None,
    as_json: bool,
    eval_acled: Path | None,
    eval_gtd: Path | None,
    hint: bool,
    show_misses: bool,
) -> None:
    """Show how the places in TEXT resolve (candidates and why one won).

    TEXT '-' reads standard input. With --eval-acled/--eval-gtd, measure accuracy.
    """
    from incidentwatch.geocode import get_geocoder
    from incidentwatch.geocode import measure as ms

    t0 = time.perf_counter()
    geo = get_geocoder()
    load_s = time.perf_counter() - t0
    if eval_acled or eval_gtd:
        if eval_acled:
            misses: list[str] | None = [] if show_misses else None
            tallies = ms.eval_acled(geo, eval_acled, use_hint=hint, misses=misses)
            click.echo(f"ACLED {eval_acled.name} (hint={hint})\n{ms.table(tallies)}")
            for line in misses or []:
                click.echo("  miss " + line)
        if eval_gtd:
            tallies = ms.eval_gtd(geo, eval_gtd, use_hint=hint)
            click.echo(
                f"GTD {eval_gtd.name} (hint={hint}; admin1 = provstate)\n{ms.table(tallies)}"
            )
        click.echo(f"gazetteer load {load_s:.2f} s")
        return
    if text is None:
        raise click.UsageError(
            "give a TEXT (or '-' for standard input), or --eval-acled/--eval-gtd"
        )
    if text == "-":
        text = sys.stdin.read()
    start, end = 0, len(text)
    if span:
        try:
            a, b = span.split(":")
            start, end = int(a), int(b)
        except ValueError as exc:
            raise click.BadParameter("use START:END", param_hint="--span") from exc
    from incidentwatch.geocode.prior import iso2

    if country is not None and iso2(country) is None:
        raise click.BadParameter("use an ISO2 code such as IQ", param_hint="--country")
    day = None
    if on is not None:
        try:
            day = dt.date.fromisoformat(on)
        except ValueError:
            raise click.BadParameter("use YYYY-MM-DD", param_hint="--on") from None
    prior, origin = geo.prior_origin(country, outlet)
    cands = geo.candidates(text, prior=prior)
    located = geo.locate(text, start, end, prior=prior, on=day)
    # The same text without any prior: what the prior changed.
    plain = {(c["start"], c["chosen"]) for c in geo.candidates(text, prior="")}
    baseline = geo.locate(text, start, end, prior="", on=day) if prior else located
    changed = [c for c in cands if (c["start"], c["chosen"]) not in plain] if prior else []
    if as_json:
        out = {
            "prior": prior,
            "prior_from": origin,
            "mentions": cands,
            "places": [p.to_json() for p in geo.mentions(text, prior=prior, on=day)],
            "event_place": located.to_json() if located else None,
            "event_place_without_prior": baseline.to_json() if baseline else None,
        }
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    click.echo(f"area prior: {prior or 'none'} ({origin})")
    for c in cands:
        click.echo(f"{c['text']!r} [{c['start']}:{c['end']}] role={c['role']} -> {c['chosen']}")
        for cand in c["candidates"]:  # type: ignore[attr-defined]
            click.echo(f"    {cand['score']:6.2f}  {cand['label']}  ({'; '.join(cand['why'])})")
    click.echo("")
    click.echo(f"event place: {_describe(located)}")
    if located is not None:
        click.echo(f"  why: {located.why}")
    if prior:
        if not changed and _describe(baseline) == _describe(located):
            click.echo(f"prior {prior} changed nothing")
        for c in changed:
            click.echo(f"prior {prior} changed {c['text']!r} to {c['chosen']}")
        if _describe(baseline) != _describe(located):
            click.echo(f"without the prior the event place would be: {_describe(baseline)}")


def _describe(place: Place | None) -> str:
    if place is None:
        return "none found"
    return (
        f"{place.name} ({place.latitude}, {place.longitude}) "
        f"{place.country.code if place.country else '?'} / {place.admin1} / "
        f"{place.admin2}, geo_precision {place.geo_precision}"
    )


def register(group: click.Group) -> None:
    group.add_command(geocode_cmd)

"""The `incidentwatch` command line.

Each pipeline stage contributes its own commands through a `register(group)`
function in its `commands` module, so the CLI grows with the stages without
this file knowing their internals. Heavy imports stay inside the commands.
"""

from __future__ import annotations

import importlib
import logging
import sys

import click

from incidentwatch import __version__
from incidentwatch.errors import UserError

__all__ = ["UserError", "app", "main"]

COMMAND_MODULES = (
    "incidentwatch.extract.commands",
    "incidentwatch.evaluate.commands",
    "incidentwatch.geocode.commands",
    "incidentwatch.store.commands",
    "incidentwatch.analyse.commands",
    "incidentwatch.serve.commands",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="incidentwatch")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def app(verbose: int) -> None:
    """News articles in, a geolocated incident database out, with evidence."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(app)


_register_all()


def main() -> None:
    try:
        app.main(prog_name="incidentwatch", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()

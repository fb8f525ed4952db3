"""Errors shown to the user as one line (no traceback)."""

from __future__ import annotations

import click


class UserError(click.ClickException):
    """A problem with the user's input: printed as one line, exit status 2."""

    exit_code = 2

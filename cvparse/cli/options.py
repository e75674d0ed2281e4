"""What several commands share: the `--referential` option and turning its value into a
pipeline (or one clear error line and exit 2), and the `--format` choice."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from cvparse.cli.exits import EXIT_BAD_INPUT


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


ReferentialOption = Annotated[
    str | None,
    typer.Option(
        "--referential",
        "-r",
        help="NAME@VERSION (e.g. rome@460), or NAME for its newest version "
        "[env CVPARSE_REFERENTIAL; default: rome, the newest ROME (rome@460 is shipped)]",
        show_default=False,
    ),
]


def open_pipeline(spec: str | None, err: Console, options=None):
    """The ready pipeline for a `--referential` value (None: the settings' default); an unknown
    or broken referential prints one error line on `err` and exits with EXIT_BAD_INPUT."""
    from cvparse.engine.referential.csvdir import ReferentialError
    from cvparse.service.registry import DEFAULT_OPTIONS, get_pipeline

    try:
        return get_pipeline(spec, options or DEFAULT_OPTIONS)
    except ReferentialError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None

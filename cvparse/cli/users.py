"""`cvparse users create|assign`: accounts, their bearer tokens and advisor assignments."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from cvparse.cli.exits import EXIT_BAD_INPUT


def users_create(
    role: Annotated[str, typer.Option(help="job_seeker, advisor, ops or admin")],
    name: Annotated[str, typer.Option(help="display name")],
) -> None:
    """Create a user and print their bearer token (shown this once)."""
    from cvparse.service.store import open_stores

    try:
        user, token = open_stores().accounts.create(role, name)  # type: ignore[arg-type]
    except ValueError as exc:
        Console(stderr=True).print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    print(f"{user.id} {user.role} {token}")


def users_assign(advisor_id: str, job_seeker_id: str) -> None:
    """Let an advisor review a job seeker's documents."""
    from cvparse.service.store import open_stores

    try:
        open_stores().accounts.assign(advisor_id, job_seeker_id)
    except ValueError as exc:
        Console(stderr=True).print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    print(f"{advisor_id} now reviews {job_seeker_id}")

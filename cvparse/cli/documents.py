"""`cvparse documents …`: submit CVs to the workers and read what they stored.

Same store and same tasks as the API: with CVPARSE_BROKER_URL set, `submit` queues the work
for Celery workers; without it, the work runs in this process before `submit` returns.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cvparse.cli.exits import EXIT_BAD_INPUT
from cvparse.cli.inputs import InputError, read_input

documents_app = typer.Typer(
    help="Submit CVs for processing (workers or in-process) and read stored drafts.",
    no_args_is_help=True,
)
db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)

FINAL = {"draft_ready", "needs_ocr", "failed"}


def _stores():
    from cvparse.service.store import open_stores

    return open_stores()


@documents_app.command("submit")
def submit_command(
    files: Annotated[list[Path], typer.Argument(help="CV files (PDF, DOCX, ODT, TXT)")],
    referential: Annotated[
        str | None, typer.Option("--referential", "-r", help="NAME@VERSION (default: settings)")
    ] = None,
    wait: Annotated[
        float, typer.Option(help="seconds to wait for the drafts when workers do the work")
    ] = 0.0,
) -> None:
    """Store each file once and queue its processing; prints one document id per file."""
    from cvparse.service.dispatch import submit

    err = Console(stderr=True)
    stores = _stores()
    failures = 0
    ids = []
    for path in files:
        try:
            doc = submit(read_input(path), path.name, referential=referential, stores=stores)
        except InputError as exc:
            failures += 1
            err.print(f"[red]error[/red] {path}: {exc}", highlight=False, soft_wrap=True)
            continue
        ids.append(doc.id)
    deadline = time.monotonic() + wait
    docs = [stores.documents.get(i) for i in ids]
    while wait and time.monotonic() < deadline and any(d.status not in FINAL for d in docs):
        time.sleep(0.2)
        docs = [stores.documents.get(i) for i in ids]
    _print_documents(docs)
    failures += sum(d.status == "failed" for d in docs)
    if failures:
        raise typer.Exit(EXIT_BAD_INPUT)


@documents_app.command("status")
def status_command(ids: Annotated[list[str], typer.Argument(help="document ids")]) -> None:
    """Where each document stands (queued, processing, draft_ready, needs_ocr, failed)."""
    from cvparse.service.store.documents import UnknownDocumentError

    stores = _stores()
    docs = []
    for document_id in ids:
        try:
            docs.append(stores.documents.get(document_id))
        except UnknownDocumentError as exc:
            Console(stderr=True).print(f"[red]error[/red] {exc}", highlight=False)
            raise typer.Exit(EXIT_BAD_INPUT) from None
    _print_documents(docs)


@documents_app.command("draft")
def draft_command(document_id: Annotated[str, typer.Argument(help="document id")]) -> None:
    """Print a document's draft profile (JSON)."""
    from cvparse.service.store.documents import UnknownDocumentError

    err = Console(stderr=True)
    try:
        documents = _stores().documents
        doc = documents.get(document_id)
        draft = documents.draft(document_id)
    except UnknownDocumentError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if draft is None:
        err.print(
            f"[yellow]no draft[/yellow] document {document_id} is {doc.status}"
            + (f": {doc.error_message}" if doc.error_message else ""),
            highlight=False, soft_wrap=True,
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    sys.stdout.write(draft.to_json() + "\n")


def _print_documents(docs) -> None:
    table = Table("document", "status", "file", "error")
    for d in docs:
        error = f"{d.error_code}: {d.error_message}" if d.error_code else ""
        table.add_row(d.id, d.status, d.filename, error)
    Console(width=200).print(table)


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Bring the database (CVPARSE_DATABASE_URL, default SQLite) to a schema revision."""
    from cvparse.service.settings import get_settings
    from cvparse.service.store.db import current_revision, make_engine, upgrade

    engine = make_engine(get_settings().database())
    upgrade(engine, revision)
    print(f"database at revision {current_revision(engine)}")


@db_app.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument(help="e.g. base")]) -> None:
    """Step the schema back to `revision` (drops the tables of later migrations)."""
    from cvparse.service.settings import get_settings
    from cvparse.service.store.db import current_revision, downgrade, make_engine

    engine = make_engine(get_settings().database())
    downgrade(engine, revision)
    print(f"database at revision {current_revision(engine)}")


users_app = typer.Typer(help="Users, their tokens and advisor assignments.",
                        no_args_is_help=True)


@users_app.command("create")
def users_create(
    role: Annotated[str, typer.Option(help="job_seeker, advisor, ops or admin")],
    name: Annotated[str, typer.Option(help="display name")],
) -> None:
    """Create a user and print their bearer token (shown this once)."""
    try:
        user, token = _stores().accounts.create(role, name)  # type: ignore[arg-type]
    except ValueError as exc:
        Console(stderr=True).print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    print(f"{user.id} {user.role} {token}")


@users_app.command("assign")
def users_assign(advisor_id: str, job_seeker_id: str) -> None:
    """Let an advisor review a job seeker's documents."""
    try:
        _stores().accounts.assign(advisor_id, job_seeker_id)
    except ValueError as exc:
        Console(stderr=True).print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    print(f"{advisor_id} now reviews {job_seeker_id}")


def serve(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
) -> None:
    """Run the HTTP API (OpenAPI schema at /openapi.json, docs at /docs)."""
    import uvicorn

    from cvparse.server import create_app

    uvicorn.run(create_app(), host=host, port=port, log_level="info")


def purge_command(
    dry_run: Annotated[bool, typer.Option(help="only count what would be deleted")] = False,
) -> None:
    """Delete original files and drafts past their retention (CVPARSE_RETENTION_DAYS after the
    profile is saved; CVPARSE_RETENTION_UNREVIEWED_DAYS after upload when never finalized)."""
    from cvparse.service.retention import purge
    from cvparse.service.settings import get_settings

    settings = get_settings()
    report = purge(_stores(), settings.retention_days, settings.retention_unreviewed_days,
                   dry_run=dry_run)
    verb = "would purge" if dry_run else "purged"
    print(f"{verb} {report.documents} documents ({report.drafts} drafts, "
          f"{report.files} files deleted)")


def erase_command(
    person_id: Annotated[str, typer.Argument(help="the job seeker's user id")],
    yes: Annotated[bool, typer.Option("--yes", help="confirm: this cannot be undone")] = False,
) -> None:
    """Right to erasure: delete every document, draft, profile and file about one person."""
    from cvparse.service.retention import erase_person

    if not yes:
        Console(stderr=True).print("[red]error[/red] erasure cannot be undone: add --yes",
                                   highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    stores = _stores()
    user = stores.accounts.get(person_id)
    if user is None or user.role != "job_seeker":
        Console(stderr=True).print(f"[red]error[/red] {person_id} is not a job seeker's id",
                                   highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    report = erase_person(stores, person_id)
    print(f"erased {report.documents} documents, {report.profiles} profiles, "
          f"{report.drafts} drafts, {report.files} files, {report.audit_entries} audit entries")

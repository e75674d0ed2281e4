"""`cvparse documents submit|status|draft`: submit CVs to the workers and read what they stored.

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

FINAL = {"draft_ready", "needs_ocr", "failed"}


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
    from cvparse.service.store import open_stores

    err = Console(stderr=True)
    stores = open_stores()
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


def status_command(ids: Annotated[list[str], typer.Argument(help="document ids")]) -> None:
    """Where each document stands (queued, processing, draft_ready, needs_ocr, failed)."""
    from cvparse.service.store import open_stores
    from cvparse.service.store.documents import UnknownDocumentError

    stores = open_stores()
    docs = []
    for document_id in ids:
        try:
            docs.append(stores.documents.get(document_id))
        except UnknownDocumentError as exc:
            Console(stderr=True).print(f"[red]error[/red] {exc}", highlight=False)
            raise typer.Exit(EXIT_BAD_INPUT) from None
    _print_documents(docs)


def draft_command(document_id: Annotated[str, typer.Argument(help="document id")]) -> None:
    """Print a document's draft profile (JSON)."""
    from cvparse.service.store import open_stores
    from cvparse.service.store.documents import UnknownDocumentError

    err = Console(stderr=True)
    try:
        documents = open_stores().documents
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

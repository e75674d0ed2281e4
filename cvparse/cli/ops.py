"""Operations on stored documents: `cvparse reprocess` (new drafts after a referential or
pipeline change, on the batch queue), `cvparse purge` (retention) and `cvparse erase` (right to
erasure)."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cvparse.cli.exits import EXIT_BAD_INPUT, EXIT_INTERRUPTED
from cvparse.cli.options import open_pipeline


def reprocess(
    since: Annotated[datetime | None, typer.Option(help="uploaded on or after (YYYY-MM-DD)")]
    = None,
    until: Annotated[datetime | None, typer.Option(help="uploaded before (YYYY-MM-DD)")] = None,
    status: Annotated[list[str] | None, typer.Option(help="document status (repeatable)")] = None,
    referential_version: Annotated[str | None, typer.Option(
        help="only documents whose draft used this NAME@VERSION (e.g. rome@459)")] = None,
    pipeline_version: Annotated[str | None, typer.Option(help="only drafts of this pipeline")]
    = None,
    document_id: Annotated[list[str] | None, typer.Option("--id", help="explicit ids")] = None,
    target: Annotated[str | None, typer.Option(
        help="referential for the new drafts (default: CVPARSE_REFERENTIAL)")] = None,
    dry_run: Annotated[bool, typer.Option(help="only say how many documents it would touch")]
    = False,
    chunk: Annotated[int, typer.Option(min=1, help="items sent per chunk")] = 500,
    rate: Annotated[float | None, typer.Option(
        min=0.1, help="at most this many documents sent per second (spare the workers)")] = None,
    resume: Annotated[str | None, typer.Option(help="continue run RUN_ID where it stopped")]
    = None,
    requeue: Annotated[bool, typer.Option(
        help="with --resume: send again items sent but never finished (idempotent)")] = False,
    report: Annotated[Path | None, typer.Option(help="failure report (.csv or .json)")] = None,
    wait: Annotated[bool, typer.Option(help="follow progress until every item is done")] = True,
) -> None:
    """Re-process stored CVs on the batch queue: new draft versions and their diffs; saved
    profiles and drafts under review are never modified."""
    from cvparse.service import batch
    from cvparse.service.dispatch import send_run_item
    from cvparse.service.settings import get_settings
    from cvparse.service.store import open_stores

    out, err = Console(), Console(stderr=True)
    stores = open_stores()
    if resume:
        run = stores.runs.get(resume)
        if run is None:
            err.print(f"[red]error[/red] no run {resume!r}: see the id printed when it started",
                      highlight=False)
            raise typer.Exit(EXIT_BAD_INPUT)
    else:
        selection = batch.Selection(since=since, until=until, statuses=status or [],
                                    referential=referential_version,
                                    pipeline_version=pipeline_version, ids=document_id or [])
        if dry_run:
            count = len(batch.select(stores, selection))
            out.print(f"{count} documents would be re-processed (nothing sent)")
            return
        target = target or get_settings().referential
        open_pipeline(target, err)  # an unknown target: one clear line, and no run recorded
        run = batch.start(stores, selection, target)
        out.print(f"run {run.id}: {run.total} documents, target {run.target}")
    target_ref = open_pipeline(run.target, err).referential

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("failed {task.fields[failed]}"), TextColumn("{task.fields[rate]}/s"),
               TimeRemainingColumn()]
    started = time.monotonic()
    with Progress(*columns, console=out, transient=False) as bar:
        task = bar.add_task("re-processing", total=run.total, failed=0, rate="0.0")

        def refresh(_sent: int = 0) -> batch.Progress:
            p = stores.runs.progress(run.id)
            speed = p.finished / max(time.monotonic() - started, 1e-6)
            bar.update(task, completed=p.finished, failed=p.failed, rate=f"{speed:.1f}")
            return p

        try:
            batch.enqueue(stores, run.id, lambda r, d: send_run_item(r, d, stores=stores),
                          chunk=chunk, rate=rate, requeue=requeue, on_chunk=refresh)
        except KeyboardInterrupt:
            bar.stop()
            err.print(f"stopped sending; what was sent is still processed. Continue with: "
                      f"cvparse reprocess --resume {run.id}", highlight=False)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        try:
            while wait and refresh().finished < run.total:
                time.sleep(0.5)
        except KeyboardInterrupt:
            bar.stop()
            err.print(f"no longer following; the workers go on. Follow again with: "
                      f"cvparse reprocess --resume {run.id}", highlight=False)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        refresh()
    progress = batch.finish_if_done(stores, run.id)
    result = batch.summary(stores, run.id, target_ref)
    out.print(f"done {progress.done}, failed {progress.failed}, drafts changed "
              f"{progress.changed} of {progress.total}")
    for change, count in result["top_changes"]:
        out.print(f"  {count:>6}  {change}", highlight=False)
    for gone in result["codes_gone"]:
        now = f" → now {gone['now']}" if gone["now"] else " (no successor found)"
        out.print(f"  code gone from {run.target}: {gone['kind']} {gone['code']} "
                  f"{gone['label']} in {gone['documents']} documents{now}", highlight=False)
    if report is not None:
        n = batch.write_failures(stores, run.id, report)
        out.print(f"failure report: {report} ({n} rows)")
    if progress.failed and report is None:
        out.print(f"{progress.failed} failures: cvparse reprocess --resume {run.id} "
                  "--no-wait --report failures.csv writes them out")


def purge_command(
    dry_run: Annotated[bool, typer.Option(help="only count what would be deleted")] = False,
) -> None:
    """Delete original files and drafts past their retention (CVPARSE_RETENTION_DAYS after the
    profile is saved; CVPARSE_RETENTION_UNREVIEWED_DAYS after upload when never finalized),
    and expired page sessions."""
    from cvparse.service.retention import purge
    from cvparse.service.settings import get_settings
    from cvparse.service.store import open_stores

    settings = get_settings()
    report = purge(open_stores(), settings.retention_days, settings.retention_unreviewed_days,
                   dry_run=dry_run)
    verb = "would purge" if dry_run else "purged"
    print(f"{verb} {report.documents} documents ({report.drafts} drafts, "
          f"{report.files} files deleted)")
    if not dry_run:  # ended sessions open nothing already; their rows go too
        ended = open_stores().sessions.purge(settings.session_idle())
        print(f"purged {ended} expired sessions")


def erase_command(
    person_id: Annotated[str, typer.Argument(help="the job seeker's user id")],
    yes: Annotated[bool, typer.Option("--yes", help="confirm: this cannot be undone")] = False,
) -> None:
    """Right to erasure: delete every document, draft, profile and file about one person."""
    from cvparse.service.retention import erase_person
    from cvparse.service.store import open_stores

    if not yes:
        Console(stderr=True).print("[red]error[/red] erasure cannot be undone: add --yes",
                                   highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    stores = open_stores()
    user = stores.accounts.get(person_id)
    if user is None or user.role != "job_seeker":
        Console(stderr=True).print(f"[red]error[/red] {person_id} is not a job seeker's id",
                                   highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    report = erase_person(stores, person_id)
    print(f"erased {report.documents} documents, {report.profiles} profiles, "
          f"{report.drafts} drafts, {report.files} files, {report.audit_entries} audit entries")

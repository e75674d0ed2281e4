"""`cvparse feedback report`: the accuracy in real use, from advisors' decisions in the store
(issue #19 point 1) — per referential and pipeline version, the acceptance, rejection and edit
rates by field kind and by item, the items most often rejected and added by hand, and the
confidence's reliability measured on the decisions. Definitions:
`cvparse.service.feedback.report`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f} %"


def _ci(interval: tuple[float, float] | None) -> str:
    return "—" if interval is None else f"{100 * interval[0]:.0f}–{100 * interval[1]:.0f} %"


def _print_text(report, out: Console) -> None:
    """Readable tables: per group, the kinds, the reliability bins and the top lists."""
    if not report.groups:
        out.print("no decisions recorded (aucune décision enregistrée)")
        return
    for g in report.groups:
        out.print(f"\n[bold]{g.referential} — pipeline {g.pipeline_version}[/bold]: "
                  f"{g.documents} CVs ({g.finalized_documents} finalized), {g.job_seekers} job "
                  f"seekers, {g.advisors} advisors", highlight=False)
        kinds = Table("kind", "decided", "accepted", "95 % CI", "rejected", "edited",
                      "(same code)", "added", "hand share", title="by field kind")
        for name, c in [*((k.kind, k.counts) for k in g.kinds), ("total", g.total)]:
            kinds.add_row(name, str(c.decided), _pct(c.acceptance), _ci(c.acceptance_ci),
                          _pct(c.rejection),
                          _pct(c.edit_rate), str(c.edited_same_code), str(c.added),
                          _pct(c.hand_share))
        out.print(kinds)
        rel = g.reliability
        bins = Table("confidence", "n", "mean confidence", "accepted",
                     title=f"reliability on decisions: n={rel.n}, ECE="
                           f"{'—' if rel.ece is None else f'{rel.ece:.3f}'}, Brier="
                           f"{'—' if rel.brier is None else f'{rel.brier:.3f}'}")
        for b in rel.bins:
            bins.add_row(f"[{b.lo:.1f}, {b.hi:.1f}{']' if b.hi >= 1.0 else ')'}", str(b.n),
                         f"{b.confidence:.3f}", _pct(b.acceptance))
        out.print(bins)
        bands = Table("kind", "band", "n", "accepted", title="acceptance by confidence band")
        for cell in g.bands:
            bands.add_row(cell.kind, f"[{cell.lo:.1f}, {cell.hi:.1f}"
                          f"{']' if cell.hi >= 1.0 else ')'}", str(cell.n),
                          _pct(cell.acceptance))
        out.print(bands)
        for title, rows, column in (
                (f"most often rejected (≥ {report.min_count})", g.most_rejected, "rejected"),
                (f"most often added by hand (≥ {report.min_count})", g.most_added, "added")):
            table = Table("kind", "code", "label", column, "acceptance", title=title)
            for i in rows:
                table.add_row(i.kind, i.code, i.label, str(getattr(i.counts, column)),
                              _pct(i.counts.acceptance))
            out.print(table)


def feedback_report(
    referential: Annotated[str | None, typer.Option(
        "--referential", "-r",
        help="only this NAME@VERSION (or NAME: all its versions)")] = None,
    out: Annotated[Path | None, typer.Option(
        help="write the HTML report, the JSON figures and the PNG plots in this folder")]
    = None,
    format: Annotated[ReportFormat, typer.Option(
        "--format", help="what to print: text tables, the JSON figures or the HTML report")]
    = ReportFormat.text,
    finalized_only: Annotated[bool, typer.Option(
        help="only decisions of finalized reviews (an unfinished review may still change)")]
    = False,
    top: Annotated[int, typer.Option(min=1, help="items in each 'most often' list")] = 10,
    min_count: Annotated[int, typer.Option(
        min=1, help="an item is listed as most often rejected/added from this count on")] = 3,
) -> None:
    """Accuracy in real use, from advisors' decisions: rates by field kind and item, most
    rejected and added items, reliability of the confidence (no personal data)."""
    from cvparse.service.feedback.html import render_html
    from cvparse.service.feedback.publish import load_report, write
    from cvparse.service.store import open_stores

    report = load_report(open_stores().engine, referential=referential,
                         finalized_only=finalized_only, top=top, min_count=min_count)
    console = Console(soft_wrap=True)
    if out is not None:
        paths = write(report, out)
        Console(stderr=True).print(f"wrote {len(paths)} files in {out}: {paths[0].name}, "
                                   f"{paths[1].name} and {len(paths) - 2} plots",
                                   highlight=False)
    if format == ReportFormat.json:
        typer.echo(report.model_dump_json(indent=2))
    elif format == ReportFormat.html:
        typer.echo(render_html(report))
    else:
        _print_text(report, console)

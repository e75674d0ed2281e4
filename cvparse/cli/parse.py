"""`cvparse parse FILE…`: print or write the draft profile of each CV.

A thin shell over the pure pipeline: it reads files, parses them, and renders each draft as a
Rich table, JSON on stdout, or one JSON file per input. One bad file never stops the others;
each gets one line on stderr saying what is wrong, and the command then exits 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from cvparse.cli.exits import EXIT_BAD_INPUT
from cvparse.cli.inputs import InputError, read_input
from cvparse.cli.options import OutputFormat, ReferentialOption, open_pipeline

if TYPE_CHECKING:
    from cvparse.engine.profile.models import DraftProfile, Field


def parse(
    files: Annotated[list[Path], typer.Argument(help="CV files (PDF, DOCX, ODT, TXT)")],
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table (readable) or json")
    ] = OutputFormat.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="write one <stem>.json per input into this folder"),
    ] = None,
    referential: ReferentialOption = None,
    ocr: Annotated[
        bool, typer.Option(help="read scanned pages with Tesseract (when it is installed)")
    ] = True,
) -> None:
    """Turn CVs into draft competency profiles (nothing is saved to any profile)."""
    from cvparse.engine.extract.errors import ExtractionError
    from cvparse.service.registry import PipelineOptions

    out = Console()
    err = Console(stderr=True)
    pipeline = open_pipeline(referential, err, PipelineOptions(ocr=ocr))
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
    failures = 0
    for path in files:
        try:
            data = read_input(path)
            profile = pipeline.parse(data, path.name)
        except (ExtractionError, InputError) as exc:
            failures += 1
            err.print(f"[red]error[/red] {path}: {exc}", highlight=False, soft_wrap=True)
            continue
        if profile.status == "needs_ocr":
            err.print(
                f"[yellow]needs_ocr[/yellow] {path}: no text layer (scanned document); "
                "it needs OCR before it can be read",
                highlight=False,
                soft_wrap=True,
            )
        if output is not None:
            target = output / f"{path.stem}.json"
            target.write_text(profile.to_json() + "\n", encoding="utf-8")
            err.print(f"wrote {target}", highlight=False)
        elif format is OutputFormat.json:
            sys.stdout.write(profile.to_json() + "\n")
        else:
            render_table(out, path.name, profile)
    if failures:
        raise typer.Exit(EXIT_BAD_INPUT)


def _detail(field: Field) -> str:
    if field.kind == "experience":
        end = field.end.isoformat() if field.end else "today"
        return f"{field.start} → {end} ({field.months} months)"
    if field.kind == "competence":
        return field.item_kind or ""
    if field.kind == "diploma":
        return " ".join(
            p for p in (f"level {field.level}" if field.level else "", str(field.year or "")) if p
        )
    if field.kind == "language":
        return str(field.level or "level ?")
    if field.kind == "appellation":
        return field.metier or ""
    return ""


KIND_TITLES = {
    "metier": "Métiers (ROME)",
    "appellation": "Job titles (appellations)",
    "competence": "Competences",
    "experience": "Experience",
    "language": "Languages",
    "diploma": "Diplomas",
    "licence": "Licences and certifications",
}


PIPED_WIDTH = 120  # Rich assumes 80 columns when piped; drafts read better wider


def render_table(console: Console, name: str, profile: DraftProfile) -> None:
    if not console.is_terminal:
        console.width = max(console.width, PIPED_WIDTH)
    console.rule(
        f"[bold]{name}[/bold] — {profile.source.format}, {profile.source.pages} page(s), "
        f"referential {profile.referential.name}@{profile.referential.version}, "
        f"status {profile.status}"
    )
    for kind, title in KIND_TITLES.items():
        fields = profile.of_kind(kind)  # type: ignore[arg-type]
        if not fields:
            continue
        table = Table(title=f"{title} ({len(fields)})", title_justify="left", expand=True)
        table.add_column("code", no_wrap=True)
        table.add_column("label", ratio=3)
        table.add_column("detail", ratio=1)
        table.add_column("conf.", justify="right", no_wrap=True)
        table.add_column("evidence (page: text)", ratio=3, no_wrap=True, overflow="ellipsis")
        for field in fields:
            evidence = field.evidence[0] if field.evidence else None
            table.add_row(
                field.code or "",
                field.label,
                _detail(field),
                f"{field.confidence:.2f}",
                f"p{evidence.page}: {evidence.text}" if evidence else "",
            )
        console.print(table)
    if profile.experience_months is not None:
        console.print(f"experience: {profile.experience_months} months in total")
    if profile.excluded:
        excluded = ", ".join(f"{k} ({v})" for k, v in profile.excluded.items())
        console.print(f"excluded personal data (categories only): {excluded}")
    for warning in profile.warnings:
        console.print(f"[yellow]warning[/yellow]: {warning}")
    console.print()

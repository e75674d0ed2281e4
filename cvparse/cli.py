"""Command line: `cvparse parse FILE…` prints or writes draft profiles.

A thin shell over `cvparse.pipeline`: it reads files, calls the pure pipeline, and renders.
One bad file never stops the others; each gets one line on stderr saying what is wrong.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cvparse.extract.errors import ExtractionError
from cvparse.profile.models import DraftProfile, Field

app = typer.Typer(
    name="cvparse",
    help="CV parsing and ROME skills-profile prefill. Every proposal is a draft for an advisor.",
    no_args_is_help=True,
    add_completion=False,
)

EXIT_BAD_INPUT = 2
MAX_FILE_BYTES = 20 * 1024 * 1024


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


@app.callback()
def main() -> None:
    """cvparse command line."""


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="CV files (PDF, DOCX, TXT)")],
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table (readable) or json")
    ] = OutputFormat.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="write one <stem>.json per input into this folder"),
    ] = None,
) -> None:
    """Turn CVs into draft competency profiles (nothing is saved to any profile)."""
    from cvparse.pipeline import get_pipeline
    from referentials import load_default

    out = Console()
    err = Console(stderr=True)
    pipeline = get_pipeline(load_default())
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
    failures = 0
    for path in files:
        try:
            data = _read(path)
            profile = pipeline.parse(data, path.name)
        except (ExtractionError, _InputError) as exc:
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


class _InputError(Exception):
    pass


def _read(path: Path) -> bytes:
    if not path.exists():
        raise _InputError("file not found: check the path")
    if path.is_dir():
        raise _InputError("is a folder, not a file: pass the CV files themselves")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _InputError(
            f"file is {size // (1024 * 1024)} MB, above the {MAX_FILE_BYTES // (1024 * 1024)} MB "
            "limit: a CV is rarely over 5 MB; compress its images or export it again as PDF"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _InputError(f"cannot be read ({exc.strerror}): check its permissions") from exc


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


if __name__ == "__main__":
    app()

"""Command line: `cvparse parse FILE…` prints or writes draft profiles.

A thin shell over `cvparse.engine.pipeline`: it reads files, calls the pure pipeline, and renders.
One bad file never stops the others; each gets one line on stderr saying what is wrong.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cvparse.cli.exits import EXIT_BAD_INPUT
from cvparse.cli.inputs import InputError, read_input
from cvparse.engine.extract.errors import ExtractionError
from cvparse.engine.profile.models import DraftProfile, Field

app = typer.Typer(
    name="cvparse",
    help="CV parsing and ROME skills-profile prefill. Every proposal is a draft for an advisor.",
    no_args_is_help=True,
    add_completion=False,
)



class OutputFormat(StrEnum):
    table = "table"
    json = "json"


referential_app = typer.Typer(
    help="Install and inspect referentials (the shipped one and imported ROME exports).",
    no_args_is_help=True,
)
app.add_typer(referential_app, name="referential")


def _register_subcommands() -> None:
    from cvparse.cli.documents import (
        db_app,
        documents_app,
        erase_command,
        purge_command,
        serve,
        users_app,
    )

    app.add_typer(documents_app, name="documents")
    app.add_typer(db_app, name="db")
    app.add_typer(users_app, name="users")
    app.command("serve")(serve)
    app.command("purge")(purge_command)
    app.command("erase")(erase_command)
    from cvparse.cli.batch import fairness, reprocess

    app.command("reprocess")(reprocess)
    app.command("fairness")(fairness)


_register_subcommands()

ReferentialOption = Annotated[
    str | None,
    typer.Option(
        "--referential",
        "-r",
        help="NAME@VERSION (e.g. rome@460), or NAME for its newest version "
        "[env CVPARSE_REFERENTIAL; default: the shipped cvparse-rome]",
        show_default=False,
    ),
]


@app.callback()
def main() -> None:
    """cvparse command line."""


def _open_pipeline(spec: str | None, err: Console, options=None):
    from cvparse.engine.referential.csvdir import ReferentialError
    from cvparse.service.registry import DEFAULT_OPTIONS, get_pipeline

    try:
        return get_pipeline(spec, options or DEFAULT_OPTIONS)
    except ReferentialError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None


@app.command()
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
    out = Console()
    err = Console(stderr=True)
    from cvparse.service.registry import PipelineOptions

    pipeline = _open_pipeline(referential, err, PipelineOptions(ocr=ocr))
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


@app.command("eval")
def eval_command(
    directory: Annotated[Path, typer.Argument(help="folder of CVs with a gold/ folder")] = Path(
        "samples"
    ),
    referential: ReferentialOption = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    details: Annotated[bool, typer.Option(help="show the per-CV differences")] = True,
) -> None:
    """Measure drafts against gold profiles: precision, recall, F1, métier accuracy, ECE."""
    from cvparse.quality.evaluation.gold import GoldError
    from cvparse.quality.evaluation.report import render_report, report_dict
    from cvparse.quality.evaluation.run import evaluate_dir

    err = Console(stderr=True)
    pipeline = _open_pipeline(referential, err)
    try:
        report = evaluate_dir(pipeline, directory)
    except (GoldError, RuntimeError) as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n")
    else:
        render_report(Console(), report, details=details)


@app.command("calibrate")
def calibrate_command(
    directory: Annotated[Path, typer.Argument(help="folder of CVs with a gold/ folder")] = Path(
        "samples"
    ),
    referential: ReferentialOption = None,
) -> None:
    """Fit calibrated confidence on the calibration half of a gold set and store it with the
    referential version (referentials/calibration/NAME@VERSION.json)."""
    from cvparse.engine.profile.calibrate import calibration_path
    from cvparse.quality.evaluation.run import calibrate_dir
    from cvparse.service.referentials.store import CALIBRATION_DIR
    from cvparse.service.registry import PipelineOptions

    err = Console(stderr=True)
    raw = _open_pipeline(referential, err, PipelineOptions(calibrated=False))
    calibration = calibrate_dir(raw, directory)
    path = calibration_path(calibration.referential, CALIBRATION_DIR)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(calibration.to_json() + "\n", encoding="utf-8")
    Console().print(
        f"calibration for {calibration.referential} fitted on {len(calibration.fitted_on)} CVs "
        f"({', '.join(sorted(calibration.curves))}) → {path}"
    )


@referential_app.command("import")
def referential_import(
    directory: Annotated[
        Path, typer.Argument(help="folder holding the unix_*_vNNN_utf8.csv files")
    ],
    format: Annotated[str, typer.Option("--format", help="export format")] = "rome4",
    name: Annotated[str, typer.Option("--name", help="name to install it under")] = "rome",
    synonyms: Annotated[
        bool, typer.Option(help="add the project's CV phrasings to the official labels")
    ] = True,
) -> None:
    """Import an official ROME 4.0 export as NAME@VERSION (a no-op if already installed)."""
    from cvparse.engine.referential.csvdir import ReferentialError
    from cvparse.service.referentials.store import install
    from cvparse.service.registry import get_pipeline
    from cvparse.service.settings import get_settings

    err = Console(stderr=True)
    data_dir = get_settings().data_dir
    try:
        installed, created = install(
            directory, data_dir, fmt=format, name=name, with_synonyms=synonyms
        )
    except ReferentialError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    counts = ", ".join(f"{v} {k}" for k, v in installed.counts.items())
    if created:
        get_pipeline(installed.ref, data_dir=data_dir)  # build and cache its index now
        Console().print(f"installed {installed.ref} ({counts}) in {installed.path}")
    else:
        Console().print(f"{installed.ref} is already installed ({counts}): nothing to do")


@referential_app.command("list")
def referential_list() -> None:
    """List the referentials parse can use."""
    from cvparse.service.referentials.store import list_installed
    from cvparse.service.settings import get_settings

    settings = get_settings()
    table = Table(title="Referentials", title_justify="left")
    for column in ("referential", "métiers", "appellations", "items", "links", "where"):
        table.add_column(column)
    for inst in list_installed(settings.data_dir):
        marker = " (default)" if settings.referential in (inst.ref, inst.name) else ""
        table.add_row(
            inst.ref + marker, *(str(inst.counts.get(k, "")) for k in
                                 ("metiers", "appellations", "items", "links")),
            "shipped" if inst.shipped else str(inst.path),
        )
    Console().print(table)


@referential_app.command("show")
def referential_show(
    code: Annotated[str, typer.Argument(help="a ROME code (M1805), appellation or item id")],
    referential: ReferentialOption = None,
) -> None:
    """Show a métier with its appellations and competences, or one appellation or item."""
    console = Console()
    err = Console(stderr=True)
    ref = _open_pipeline(referential, err).referential
    code = code.strip()
    if code.upper() in ref.metiers:
        _show_metier(console, ref, code.upper())
    elif code in ref.appellations:
        app_ = ref.appellations[code]
        console.print(f"[bold]{app_.label}[/bold] (appellation {app_.id}) → métier "
                      f"{app_.metier_code} {ref.metiers[app_.metier_code].title}")
        console.print(f"masculine: {app_.masculine}\nfeminine: {app_.feminine}")
        if app_.synonyms:
            console.print("CV phrasings: " + "; ".join(app_.synonyms))
    elif code in ref.items:
        item = ref.items[code]
        console.print(f"[bold]{item.label}[/bold] ({item.kind} {item.id})")
        if item.macro_id and item.macro_id in ref.items:
            console.print(f"macro-compétence: {item.macro_id} {ref.items[item.macro_id].label}")
        if item.synonyms:
            console.print("CV phrasings: " + "; ".join(item.synonyms))
        metiers = sorted({link.metier_code for link in ref.links if link.item_id == code})
        console.print(f"in {len(metiers)} métier(s): " + ", ".join(metiers[:20]))
    else:
        err.print(f"[red]error[/red] {code!r} is neither a métier code, an appellation nor an "
                  f"item of {ref.ref}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT)


def _show_metier(console: Console, ref, code: str) -> None:
    metier = ref.metiers[code]
    parent = f", under {metier.parent_code}" if metier.parent_code else ""
    console.print(f"[bold]{code} {metier.title}[/bold] (domain {metier.domain}{parent}) "
                  f"— {ref.ref}")
    apps = sorted(
        (a for a in ref.appellations.values() if a.metier_code == code),
        key=lambda a: (not a.principal, a.rare, a.label),
    )
    console.print(f"{len(apps)} appellation(s):")
    for a in apps:
        flags = " [principal]" if a.principal else " [rare]" if a.rare else ""
        console.print(f"  {a.id:>7}  {a.label}{flags}", highlight=False)
    links = [link for link in ref.links if link.metier_code == code]
    table = Table(title=f"{len(links)} competence(s)", title_justify="left")
    for column in ("id", "kind", "label", "core"):
        table.add_column(column)
    for link in sorted(links, key=lambda x: (not x.core, ref.items[x.item_id].kind)):
        item = ref.items[link.item_id]
        table.add_row(item.id, item.kind, item.label,
                      "core" if link.core else "emerging" if link.emerging else "")
    console.print(table)


if __name__ == "__main__":
    app()

"""Measuring the drafts: `cvparse eval` (against gold profiles), `cvparse calibrate` (fit
confidence curves on a gold set) and `cvparse fairness` (twin CVs must get the same draft)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cvparse.cli.exits import EXIT_BAD_INPUT, EXIT_CHECK_FAILED
from cvparse.cli.options import OutputFormat, ReferentialOption, open_pipeline


def eval_command(
    directories: Annotated[
        list[Path] | None,
        typer.Argument(help="gold sets: folders with a gold/ folder (samples, ../shared/devset)"),
    ] = None,
    referential: ReferentialOption = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    details: Annotated[bool, typer.Option(help="show the per-CV differences")] = True,
    gold: Annotated[str, typer.Option("--gold", help="gold files to use, by name (dev*)")] = "*",
) -> None:
    """Measure drafts against gold profiles: precision, recall, F1, métier accuracy, ECE,
    contact data leaked; several sets are shown side by side."""
    from cvparse.quality.evaluation.gold import GoldError
    from cvparse.quality.evaluation.report import render_comparison, render_report, report_dict
    from cvparse.quality.evaluation.run import evaluate_dir

    err = Console(stderr=True)
    pipeline = open_pipeline(referential, err)
    directories = directories or [Path("samples")]
    reports = {}
    try:
        for directory in directories:
            reports[directory.name or str(directory)] = evaluate_dir(
                pipeline, directory, pattern=gold
            )
    except (GoldError, RuntimeError) as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if format is OutputFormat.json:
        out = (report_dict(next(iter(reports.values()))) if len(reports) == 1
               else {"sets": {name: report_dict(r) for name, r in reports.items()}})
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        return
    console = Console()
    for name, report in reports.items():
        if len(reports) > 1:
            console.rule(f"[bold]{name}[/bold]")
        render_report(console, report, details=details)
    if len(reports) > 1:
        render_comparison(console, reports)


def calibrate_command(
    directories: Annotated[
        list[Path] | None,
        typer.Argument(help="folders of CVs with gold profiles (default: samples)"),
    ] = None,
    referential: ReferentialOption = None,
) -> None:
    """Fit calibrated confidence on the calibration half of each gold set, together, and store
    it with the referential version (referentials/calibration/NAME@VERSION.json)."""
    from cvparse.engine.profile.calibrate import calibration_path
    from cvparse.quality.evaluation.run import calibrate_dirs
    from cvparse.service.referentials.store import CALIBRATION_DIR
    from cvparse.service.registry import PipelineOptions

    err = Console(stderr=True)
    raw = open_pipeline(referential, err, PipelineOptions(calibrated=False))
    directories = directories or [Path("samples")]
    for directory in directories:
        if not directory.is_dir():
            err.print(f"[red]error:[/red] {directory}: no such folder")
            raise typer.Exit(EXIT_BAD_INPUT)
    try:
        calibration = calibrate_dirs(raw, directories)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    path = calibration_path(calibration.referential, CALIBRATION_DIR)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(calibration.to_json() + "\n", encoding="utf-8")
    Console().print(
        f"calibration for {calibration.referential} fitted on {len(calibration.fitted_on)} CVs "
        f"({', '.join(sorted(calibration.curves))}) → {path}"
    )


def fairness(
    referential: Annotated[str | None, typer.Option("--referential", "-r",
                                                    help="NAME@VERSION")] = None,
) -> None:
    """Twin CVs differing only in gender, place or the names' apparent origin must get the same
    competences and métiers; prints every pair and exits 1 if one differs."""
    from rich.table import Table

    from cvparse.quality.fairness import check

    results = check(open_pipeline(referential, Console(stderr=True)))
    table = Table("trade", "swap", "competences", "métiers", "difference")
    for r in results:
        diff = sorted(r.competences[0] ^ r.competences[1]) + sorted(r.metiers[0] ^ r.metiers[1])
        table.add_row(r.pair.template, r.pair.swap,
                      "same" if r.competences[0] == r.competences[1] else "DIFFERENT",
                      "same" if r.metiers[0] == r.metiers[1] else "DIFFERENT",
                      ", ".join(diff))
    Console(width=160).print(table)
    unfair = [r for r in results if not r.fair]
    print(f"{len(results) - len(unfair)} of {len(results)} pairs give the same competences "
          "and métiers")
    if unfair:
        raise typer.Exit(EXIT_CHECK_FAILED)

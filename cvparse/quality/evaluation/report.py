"""Render an evaluation report as Rich tables or as a JSON-ready dict."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from cvparse.quality.evaluation.metrics import KINDS, Report


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "referential": report.referential,
        "cvs": len(report.cvs),
        "scores": report.scores(),
        "per_kind": {
            kind: {"precision": c.precision, "recall": c.recall, "f1": c.f1,
                   "predicted": c.predicted, "gold": c.gold}
            for kind, c in report.counts.items()
        },
        "ece_scope": report.ece_scope,
        "reliability": report.reliability,
        "seconds_per_cv": {"median": report.seconds_median, "p95": report.seconds_p95},
        "experience_months_mae": report.experience_mae,
        "pii_leaks": report.pii_leaks,
        "per_cv": [
            {"stem": r.stem, "status": r.status, "seconds": r.seconds,
             "metier_top1": r.metier_top1, "metier_top3": r.metier_top3,
             "f1": {k: c.f1 for k, c in r.counts.items()},
             "missing": r.missing, "extra": r.extra, "experience_error": r.experience_error,
             "pii_leaks": r.pii_leaks}
            for r in report.cvs
        ],
    }  # fmt: skip


def render_comparison(console: Console, reports: dict[str, Report]) -> None:
    """Several gold sets side by side (the project's samples beside the independent dev set):
    a score that holds on one set only is tuned to that set."""
    names = list(reports)
    first = reports[names[0]]
    table = Table(title=f"eval {first.referential} — sets side by side", title_justify="left")
    table.add_column("measure")
    for name in names:
        table.add_column(f"{name} ({len(reports[name].cvs)} CVs)", justify="right")

    def row(label: str, value) -> None:
        table.add_row(label, *(value(reports[n]) for n in names))

    for kind in KINDS:
        row(f"{kind} P / R / F1", lambda r, k=kind: (
            f"{r.counts[k].precision:.3f} / {r.counts[k].recall:.3f} / {r.counts[k].f1:.3f}"))
    row("métier top-1 / top-3", lambda r: f"{r.metier_top1:.3f} / {r.metier_top3:.3f}")
    row("ECE (scope)", lambda r: "—" if r.ece is None else f"{r.ece:.3f} ({r.ece_scope})")
    row("experience MAE (months)",
        lambda r: "—" if r.experience_mae is None else f"{r.experience_mae:.1f}")
    row("experience within 3 months",
        lambda r: "—" if r.experience_within is None else f"{r.experience_within:.0%}")
    row("contact data leaked (hashes)", lambda r: str(r.pii_leaks))
    row("time per CV, median / p95",
        lambda r: f"{r.seconds_median * 1000:.0f} / {r.seconds_p95 * 1000:.0f} ms")
    console.print(table)


def render_report(console: Console, report: Report, details: bool = True) -> None:
    console.rule(f"[bold]eval[/bold] {report.referential} — {len(report.cvs)} CVs")
    table = Table(title="Per field kind", title_justify="left")
    for column in ("kind", "precision", "recall", "F1", "predicted", "gold"):
        table.add_column(column, justify="right" if column != "kind" else "left")
    for kind in KINDS:
        c = report.counts[kind]
        table.add_row(kind, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}",
                      str(c.predicted), str(c.gold))
    console.print(table)
    console.print(f"métier top-1 accuracy {report.metier_top1:.3f}, "
                  f"top-3 accuracy {report.metier_top3:.3f}")
    if report.experience_mae is not None:
        within = ("" if report.experience_within is None
                  else f", total within 3 months on {report.experience_within:.0%} of CVs")
        console.print(
            f"experience: mean absolute error {report.experience_mae:.1f} months{within}"
        )
    console.print(f"time per CV: median {report.seconds_median * 1000:.0f} ms, "
                  f"p95 {report.seconds_p95 * 1000:.0f} ms")
    if report.ece is not None:
        reliability = Table(
            title=f"Calibration: ECE {report.ece:.3f} on {report.ece_scope}", title_justify="left"
        )
        for column in ("confidence bin", "proposals", "mean confidence", "accuracy"):
            reliability.add_column(column, justify="right")
        for row in report.reliability:
            reliability.add_row(f"{row['from']:.1f}–{row['to']:.1f}", str(int(row["n"])),
                                f"{row['confidence']:.3f}", f"{row['accuracy']:.3f}")
        console.print(reliability)
    if not details:
        return
    per_cv = Table(title="Per CV", title_justify="left", show_lines=True)
    for column in ("CV", "métier", "competence F1", "missing (gold not proposed)",
                   "extra (proposed, not in gold)"):
        per_cv.add_column(column, overflow="fold")
    for r in report.cvs:
        metier = "—" if r.metier_top1 is None else (
            "top-1" if r.metier_top1 else "top-3" if r.metier_top3 else "miss")
        missing = "; ".join(f"{k}: {', '.join(v)}" for k, v in r.missing.items() if v)
        extra = "; ".join(f"{k}: {', '.join(v[:6])}{'…' if len(v) > 6 else ''}"
                          for k, v in r.extra.items() if v)
        per_cv.add_row(f"{r.stem} ({r.status})", metier, f"{r.counts['competence'].f1:.2f}",
                       missing, extra)
    console.print(per_cv)

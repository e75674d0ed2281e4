"""The feedback report from the store, and its files: what `cvparse feedback report`, the ops
page and the API share, so the three always show the same figures."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from cvparse.service.feedback import decisions
from cvparse.service.feedback.html import render_html
from cvparse.service.feedback.plots import PLOTS, render, slug
from cvparse.service.feedback.report import MIN_COUNT, TOP, FeedbackReport, build

HTML_NAME = "rapport-feedback.html"
JSON_NAME = "rapport-feedback.json"


def load_report(engine: Engine, *, referential: str | None = None, finalized_only: bool = False,
                top: int = TOP, min_count: int = MIN_COUNT) -> FeedbackReport:
    """Every decision in the store, grouped and counted (`report.build`)."""
    return build(decisions.load(engine, finalized_only=finalized_only), referential=referential,
                 finalized_only=finalized_only, top=top, min_count=min_count)


def write(report: FeedbackReport, out: Path) -> list[Path]:
    """The HTML report (plots embedded), the JSON figures and each plot as a PNG file in
    `out`; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    images = {i: {name: render(g, name) for name in PLOTS}
              for i, g in enumerate(report.groups, start=1)}
    written = []
    for i, g in enumerate(report.groups, start=1):
        for name, png in images[i].items():
            path = out / f"{slug(g)}-{name}.png"
            path.write_bytes(png)
            written.append(path)
    html = out / HTML_NAME
    html.write_text(render_html(report, images), encoding="utf-8")
    data = out / JSON_NAME
    data.write_text(report.model_dump_json(indent=2), encoding="utf-8")
    return [html, data, *written]

"""PDF extraction speed: our PDFium path against pdfplumber's extract_text, in ms per page.

    .venv/bin/python benchmarks/extract_speed.py                 # generated CVs
    .venv/bin/python benchmarks/extract_speed.py --runs 50 a.pdf b.pdf
    .venv/bin/python benchmarks/extract_speed.py --check         # exit 1 above the budget

Without paths it generates two realistic 3-page CVs with fpdf2 (about 3 000 characters a page,
bold headings, bullets, dates): one single-column, one with a skills sidebar beside the
experience column. It also checks that the two-column one comes out in column order, since a
fast wrong answer is no use. Each document is extracted `--runs` times; the figure per run is
the run's time divided by the page count, and the median and 95th percentile are over runs.

The budget is 25 ms a page at the median (cvparse.engine.extract.pdf docstring explains the design).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

# Runnable as a plain script from a checkout, without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BUDGET_MS = 25.0
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

_TASKS = [
    "Accueil et conseil de la clientèle, présentation des nouveautés de la saison",
    "Encaissement, tenue de la caisse et clôture journalière avec le responsable",
    "Réception des livraisons, contrôle des bons et mise en rayon des produits",
    "Suivi des stocks, inventaires mensuels et préparation des commandes web",
    "Animation de l'équipe de trois vendeurs lors des périodes de soldes",
]
_SKILLS = [
    "Accueil client",
    "Encaissement",
    "Gestion des stocks",
    "Merchandising",
    "Vente additionnelle",
    "Pack Office",
    "Logiciel de caisse",
    "Anglais : B2",
    "Espagnol : A2",
    "Permis B",
]


def _pdf() -> FPDF:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("dv", "", FONT)
    pdf.add_font("dv", "B", FONT_BOLD)
    pdf.set_auto_page_break(False)
    return pdf


def _put(pdf: FPDF, x: float, y: float, text: str, size: float = 9.5, bold: bool = False) -> None:
    pdf.set_font("dv", "B" if bold else "", size)
    pdf.set_xy(x, y)
    pdf.cell(text=text)


def _main_column(pdf: FPDF, x: float, y: float, width_chars: int, page: int) -> None:
    """Job entries down to the bottom of the page: title + dates, then bullets."""
    job = 0
    while y < 790:
        title = f"Vendeuse conseil – Boutique n° {page * 10 + job}, Lyon"
        _put(pdf, x, y, title, 10.5, bold=True)
        _put(pdf, 480 if x < 100 else 500, y, f"{2020 - job} – {2022 - job}")
        y += 15
        for task in _TASKS:
            if y > 800:
                break
            _put(pdf, x + 8, y, "• " + task[:width_chars])
            y += 13
        y += 8
        job += 1


def one_column_cv(pages: int = 3) -> bytes:
    pdf = _pdf()
    for page in range(pages):
        pdf.add_page()
        y = 40.0
        if page == 0:
            _put(pdf, 40, y, "Marie DUPONT – Vendeuse conseil en prêt-à-porter", 18, bold=True)
            _put(pdf, 40, y + 26, "12 rue des Lilas, 69003 Lyon · 06 12 34 56 78")
            y += 60
        _put(pdf, 40, y, "Expérience professionnelle", 13, bold=True)
        _main_column(pdf, 40, y + 22, 80, page)
    return bytes(pdf.output())


def two_column_cv(pages: int = 3) -> bytes:
    pdf = _pdf()
    for page in range(pages):
        pdf.add_page()
        y = 40.0
        if page == 0:
            _put(pdf, 40, y, "Marie DUPONT – Vendeuse conseil en prêt-à-porter", 18, bold=True)
            _put(pdf, 40, y + 26, "12 rue des Lilas, 69003 Lyon · 06 12 34 56 78")
            y += 60
        sy = y
        for heading in ("Compétences", "Outils", "Langues", "Centres d'intérêt"):
            _put(pdf, 40, sy, heading, 12, bold=True)
            sy += 18
            for skill in _SKILLS:
                _put(pdf, 40, sy, "• " + skill)
                sy += 13
            sy += 10
        _put(pdf, 200, y, "Expérience professionnelle", 13, bold=True)
        _main_column(pdf, 200, y + 22, 50, page)
    return bytes(pdf.output())


def check_two_column_order(data: bytes) -> bool:
    """The sidebar's lines form one block and the experience lines another, on every page."""
    from cvparse.engine.extract import extract_document

    doc = extract_document(data, "bench.pdf")
    for page in doc.pages:
        columns = [line.column for line in page.lines if line.column]
        switches = sum(1 for a, b in pairwise(columns) if a != b)
        if set(columns) != {1, 2} or switches != 1:
            return False
        if not any(line.text == "• Accueil client" and line.column == 1 for line in page.lines):
            return False
    return True


def _time(fn: Callable[[], object], runs: int, pages: int) -> list[float]:
    fn()  # warm-up: imports, font caches
    out: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000 / pages)
    return out


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="PDFs to time (default: generated)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--pages", type=int, default=3, help="pages of each generated CV")
    parser.add_argument("--plumber-runs", type=int, default=5, help="pdfplumber is slow")
    parser.add_argument("--check", action="store_true", help=f"exit 1 above {BUDGET_MS} ms/page")
    args = parser.parse_args(argv)

    import pdfplumber
    import pypdfium2 as pdfium

    from cvparse.engine.extract import extract_document

    if args.paths:
        docs = [(p.name, p.read_bytes()) for p in args.paths]
    else:
        two = two_column_cv(args.pages)
        ok = check_two_column_order(two)
        print(f"two-column reading order: {'ok' if ok else 'WRONG'}")
        if not ok:
            return 1
        docs = [("one-column CV", one_column_cv(args.pages)), ("two-column CV", two)]

    worst = 0.0
    print(f"{'document':<22}{'pages':>6}{'chars/p':>9}  {'path':<26}{'median':>9}{'p95':>9}")
    for name, data in docs:
        with pdfium.PdfDocument(data) as pdf:
            n_pages = len(pdf)
            chars = sum(pdf[i].get_textpage().count_chars() for i in range(n_pages)) // n_pages

        def ours(data: bytes = data, name: str = name) -> object:
            return extract_document(data, name if name.endswith(".pdf") else "cv.pdf")

        def plumber(data: bytes = data) -> object:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                return [page.extract_text() for page in pdf.pages]

        for label, fn, runs in (
            ("cvparse (pypdfium2)", ours, args.runs),
            ("pdfplumber extract_text", plumber, args.plumber_runs),
        ):
            times = _time(fn, runs, n_pages)
            median = statistics.median(times)
            if fn is ours:
                worst = max(worst, median)
            print(
                f"{name[:21]:<22}{n_pages:>6}{chars:>9}  {label:<26}"
                f"{median:>8.1f}ms{_p95(times):>7.1f}ms"
            )
    verdict = "within" if worst <= BUDGET_MS else "OVER"
    print(f"budget {BUDGET_MS:.0f} ms/page (median): {verdict} (worst median {worst:.1f} ms)")
    return 1 if args.check and worst > BUDGET_MS else 0


if __name__ == "__main__":
    sys.exit(main())

"""Fixture builders for the extraction tests: every input file is generated in code.

Imported by the test modules as a plain module (pytest puts this directory on sys.path since
tests/extract has no __init__.py); the unusual name avoids clashing with other test folders.

PDFs come from fpdf2 with DejaVu (accents, ligature glyphs), DOCX files from python-docx, so the
tests need no binary fixtures in the repository and show exactly what each file contains.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fpdf import FPDF

from cvparse.engine.document import Document

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

SIDEBAR = [
    "Compétences",
    "• Accueil client",
    "• Encaissement",
    "• Gestion des stocks",
    "• Merchandising",
    "• Pack Office",
    "Langues",
    "Anglais : B2",
    "Espagnol : A2",
    "Centres d'intérêt",
    "Randonnée, lecture",
]
MAIN = [
    "Expérience professionnelle",
    "Vendeuse conseil – Boutique Dupont, Lyon",
    "Accueil et conseil de la clientèle en prêt-à-porter",
    "Encaissement et tenue de la caisse en fin de journée",
    "Réception des livraisons et mise en rayon",
    "Caissière – Supermarché Martin, Villeurbanne",
    "Tenue de caisse et gestion des retours clients",
    "Ouverture et fermeture du magasin en autonomie",
    "Employée polyvalente – Restaurant Le Midi",
    "Service en salle et préparation des commandes",
    "Formation",
    "BTS Management des unités commerciales, Lyon",
    "Baccalauréat STMG mention assez bien",
    "Permis B, véhiculée",
]


def new_pdf() -> FPDF:
    if not FONT.exists():  # pragma: no cover - the dev image ships DejaVu
        pytest.skip("DejaVu fonts are not installed")
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("dv", "", str(FONT))
    pdf.add_font("dv", "B", str(FONT_BOLD))
    pdf.set_auto_page_break(False)
    return pdf


def put(pdf: FPDF, x: float, y: float, text: str, size: float = 10, bold: bool = False) -> None:
    pdf.set_font("dv", "B" if bold else "", size)
    pdf.set_xy(x, y)
    pdf.cell(text=text)


def two_column_pdf(
    sidebar_step: float = 15, main_step: float = 15, sidebar_right: bool = False
) -> bytes:
    """A CV with a full-width name band, a skills sidebar and an experience column."""
    pdf = new_pdf()
    pdf.add_page()
    put(pdf, 40, 40, "Marie DUPONT – Vendeuse conseil en prêt-à-porter", 18, bold=True)
    put(pdf, 40, 66, "12 rue des Lilas, 69003 Lyon · 06 12 34 56 78 · marie.dupont@example.org")
    side_x, main_x = (420, 40) if sidebar_right else (40, 200)
    for i, text in enumerate(SIDEBAR):
        put(pdf, side_x, 110 + i * sidebar_step, text, bold=not text.startswith(("•", "A", "E")))
    for i, text in enumerate(MAIN):
        put(pdf, main_x, 110 + i * main_step, text, bold=text in ("Expérience professionnelle",))
    return bytes(pdf.output())


def pdf_bytes(draw: Callable[[FPDF], None]) -> bytes:
    pdf = new_pdf()
    draw(pdf)
    return bytes(pdf.output())


def png_bytes(width: int = 200, height: int = 260) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 180, 160)).save(buf, format="PNG")
    return buf.getvalue()


def assert_offsets(doc: Document) -> None:
    """Every line's offsets point at its own text in Document.text."""
    for line in doc.lines:
        assert doc.text[line.start : line.end] == line.text, line
    pages = doc.text.split("\f")
    assert len(pages) == len(doc.pages)
    for page, page_text in zip(doc.pages, pages, strict=True):
        assert page_text == "\n".join(line.text for line in page.lines)


def raw_pdf(content: bytes) -> bytes:
    """A one-page PDF around a hand-written content stream (Helvetica as /F1), for generator
    habits fpdf2 does not have, such as cairo's "1 Tf" with the size in the text matrix."""
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ])


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (object i+1 = objects[i], the catalog first), with a
    correct xref table: for hand-made and deliberately hostile structures."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def rewrite_zip(data: bytes, change: Callable[[dict[str, bytes]], None]) -> bytes:
    """The same ZIP package (DOCX, ODT) with its parts changed by `change` (name → bytes)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        entries = {name: zf.read(name) for name in zf.namelist()}
    change(entries)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in entries.items():
            zf.writestr(name, content)
    return buf.getvalue()

"""OCR for pages without a text layer (scanned CVs), with Tesseract (French + English).

Tesseract is a system program (Debian packages tesseract-ocr, tesseract-ocr-fra,
tesseract-ocr-eng, installed by `make install`), called as a subprocess with a time limit:
no model is downloaded at run time. Its TSV output gives words with boxes, grouped here into
lines in the reading order of its page segmentation (a two-column page comes out column by
column, as blocks). Where Tesseract is missing the document keeps its `needs_ocr` status.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from dataclasses import dataclass

from cvparse.engine.document import Document, DocumentBuilder
from cvparse.engine.extract.normalize import normalize_line

OCR_DPI = 200  # enough for 10-pt CV text; 300 dpi doubles the time for little gain
OCR_LANGUAGES = "fra+eng"
OCR_TIMEOUT_S = 60  # per page: a pathological image must not hold a worker
MIN_WORD_CONFIDENCE = 30.0  # Tesseract's own 0–100 word confidence; below: noise
MAX_OCR_PAGES = 6  # a CV; more scanned pages are left without text, with a warning


@dataclass(frozen=True, slots=True)
class OcrLine:
    text: str
    bbox: tuple[float, float, float, float]  # in PDF points
    confidence: float  # mean word confidence, 0–1


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_image(png: bytes, scale: float) -> list[OcrLine]:
    """Lines of one page image; `scale` converts pixels back to PDF points."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per page: workers run in parallel
    result = subprocess.run(
        ["tesseract", "-", "-", "-l", OCR_LANGUAGES, "--psm", "3", "tsv"],
        input=png, capture_output=True, timeout=OCR_TIMEOUT_S, env=env, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(result.stderr.decode("utf-8", "replace").strip()[:200])
    rows = csv.DictReader(io.StringIO(result.stdout.decode("utf-8", "replace")), delimiter="\t",
                          quoting=csv.QUOTE_NONE)
    lines: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for row in rows:
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        if float(row["conf"]) < MIN_WORD_CONFIDENCE:
            continue
        lines.setdefault((row["block_num"], row["par_num"], row["line_num"]), []).append(row)
    out = []
    for words in lines.values():
        x0 = min(int(w["left"]) for w in words)
        y0 = min(int(w["top"]) for w in words)
        x1 = max(int(w["left"]) + int(w["width"]) for w in words)
        y1 = max(int(w["top"]) + int(w["height"]) for w in words)
        text = normalize_line(" ".join(w["text"] for w in words))
        confidence = sum(float(w["conf"]) for w in words) / len(words) / 100.0
        out.append(OcrLine(text, (x0 / scale, y0 / scale, x1 / scale, y1 / scale), confidence))
    return out


def ocr_pdf(document: Document, data: bytes) -> Document:
    """The same document with its text-less pages read by OCR (others kept as extracted)."""
    if document.format != "pdf" or not document.textless_pages or not tesseract_available():
        return document
    import pypdfium2 as pdfium

    from cvparse.engine.extract.pdf import _PDFIUM_LOCK

    with _PDFIUM_LOCK:  # PDFium is not thread-safe
        return _ocr_pdf(document, data, pdfium)


def _ocr_pdf(document: Document, data: bytes, pdfium) -> Document:
    todo = set(document.textless_pages[:MAX_OCR_PAGES])
    pdf = pdfium.PdfDocument(data)
    builder = DocumentBuilder(document.format)
    builder.images = document.images
    builder.warnings = [w for w in document.warnings if "no text layer" not in w]
    still_textless = []
    try:
        for page in document.pages:
            new = builder.new_page(page.width, page.height, ocr=page.number in todo)
            if page.number not in todo:
                for line in page.lines:
                    builder.add_line(line.text, bbox=line.bbox, column=line.column,
                                     size=line.size, bold=line.bold)
                if page.number in document.textless_pages:
                    still_textless.append(page.number)
                continue
            scale = OCR_DPI / 72
            try:
                bitmap = pdf[page.number - 1].render(scale=scale)
            except pdfium.PdfiumError:  # a page PDFium cannot load (broken or cyclic tree)
                builder.warnings.append(f"page {page.number}: cannot be rendered for OCR")
                new.ocr = False
                still_textless.append(page.number)
                continue
            buffer = io.BytesIO()
            bitmap.to_pil().convert("L").save(buffer, "PNG")
            try:
                lines = ocr_image(buffer.getvalue(), scale)
            except (subprocess.TimeoutExpired, RuntimeError) as exc:
                builder.warnings.append(f"page {page.number}: OCR failed ({type(exc).__name__})")
                new.ocr = False
                still_textless.append(page.number)
                continue
            for line in lines:
                builder.add_line(line.text, bbox=line.bbox)
    finally:
        pdf.close()
    rebuilt = builder.build(status="ok")
    rebuilt.textless_pages = still_textless
    if not rebuilt.text.strip():
        rebuilt.status = "needs_ocr"
    ocr_pages = [p.number for p in rebuilt.pages if p.ocr]
    if ocr_pages:
        rebuilt.warnings.append(
            f"page(s) {', '.join(map(str, ocr_pages))} read by OCR: check the proposals from "
            "them with the original"
        )
    if len(document.textless_pages) > MAX_OCR_PAGES:
        rebuilt.warnings.append(f"only the first {MAX_OCR_PAGES} scanned pages were read by OCR")
    return rebuilt

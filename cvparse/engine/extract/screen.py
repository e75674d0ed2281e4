"""Screen an upload before it is stored: cheap structural checks that turn hostile or wrong
files into a clear 4xx at once, instead of a failed document later.

Type comes from the content (magic bytes), never the name; a PDF is opened (password, damage)
and its pages counted; a DOCX or ODT package is checked for ZIP bombs, DTD/entity declarations,
macros and encryption — the same checks extraction makes, without parsing the text."""

from __future__ import annotations

import pypdfium2 as pdfium

from cvparse.engine.extract.docx import check_package
from cvparse.engine.extract.errors import TooManyPagesError
from cvparse.engine.extract.odt import read_package
from cvparse.engine.extract.pdf import open_pdf
from cvparse.engine.extract.sniff import resolve_format


def screen(data: bytes, filename: str, max_pages: int) -> str:
    """The file's format, or an ExtractionError saying what is wrong and what to do."""
    fmt = resolve_format(data, filename)
    if fmt == "pdf":
        pdf: pdfium.PdfDocument = open_pdf(data, filename)
        try:
            pages = len(pdf)
        finally:
            pdf.close()
        if pages > max_pages:
            raise TooManyPagesError(
                f"{filename} has {pages} pages; a CV has at most {max_pages}: upload the CV "
                "alone, without cover letters, diplomas or certificates"
            )
    elif fmt == "docx":
        check_package(data, filename)
    elif fmt == "odt":
        read_package(data, filename)
    return fmt

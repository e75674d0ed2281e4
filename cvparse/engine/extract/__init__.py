"""Bytes → `Document` (text with layout), whatever the upload format.

    from cvparse.engine.extract import extract_document
    doc = extract_document(data, "cv.pdf")

The format is sniffed from the content (`sniff.py`), checked against the file name, and handed
to the backend registered for it (`base.py`): PDF (`pdf.py`, PDFium with pdfplumber for ruled
tables), DOCX (`docx.py`), ODT (`odt.py`, OpenDocument text) and plain text (`text.py`). Every
failure is one of the `ExtractionError` subclasses in `errors.py`, with a stable `code` and a
message that tells the person what to do. A scanned PDF is not a failure: it comes back with
`status="needs_ocr"`.
"""

from __future__ import annotations

import logging

from cvparse.engine.document import Document
from cvparse.engine.extract.base import Backend, backend_for, register, registered_formats
from cvparse.engine.extract.docx import DocxBackend
from cvparse.engine.extract.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    ExtractionError,
    UnsafeFileError,
    UnsupportedFormatError,
    WrongExtensionError,
)
from cvparse.engine.extract.odt import OdtBackend
from cvparse.engine.extract.pdf import PdfBackend
from cvparse.engine.extract.sniff import resolve_format, sniff
from cvparse.engine.extract.text import TextBackend

__all__ = [
    "Backend",
    "CorruptFileError",
    "EmptyFileError",
    "EncryptedFileError",
    "ExtractionError",
    "UnsafeFileError",
    "UnsupportedFormatError",
    "WrongExtensionError",
    "extract_document",
    "register",
    "registered_formats",
    "sniff",
]

log = logging.getLogger(__name__)

register(PdfBackend())
register(DocxBackend())
register(OdtBackend())
register(TextBackend())


def extract_document(data: bytes, filename: str) -> Document:
    """Read an uploaded CV into a `Document`, or raise an `ExtractionError` saying why not.

    `filename` is the name as uploaded; it is only compared with the content and quoted in
    messages. Unexpected library failures on hostile or broken input are reported as
    CorruptFileError (the cause is chained and logged) so an upload never turns into a 500.
    """
    fmt = resolve_format(data, filename)
    backend = backend_for(fmt)
    if backend is None:  # pragma: no cover - every SUPPORTED format is registered above
        raise UnsupportedFormatError(f"{filename}: no reader for {fmt} files yet")
    try:
        return backend.extract(data, filename)
    except ExtractionError:
        raise
    except Exception as exc:
        # The format only: a file name often is the person's name (cvparse.service.logs).
        log.warning("extraction of a %s file failed", fmt, exc_info=True)
        raise CorruptFileError(
            f"{filename or 'the file'} could not be read (it may be damaged): save or export it "
            "again and upload the new file"
        ) from exc

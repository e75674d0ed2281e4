"""Plain text → Document.

Encodings, in the order tried: a BOM (UTF-8, UTF-16, UTF-32) is trusted; otherwise strict UTF-8;
otherwise Windows-1252, what Notepad and older Word "text only" exports write for French.
Strict UTF-8 practically never accepts cp1252 French by accident ("é" is 0xE9 followed by an
ASCII letter, an invalid UTF-8 sequence), so this order is right for our files, and unlike a
statistical detector (charset-normalizer) it cannot guess cp1250 or mac-roman on a short CV.
Latin-1 is the last resort for the five bytes cp1252 leaves undefined.

A form feed is a page break; lines are visual lines, normalised like every other backend.
"""

from __future__ import annotations

import codecs

from cvparse.engine.document import Document, DocumentBuilder
from cvparse.engine.extract.base import Backend
from cvparse.engine.extract.errors import EmptyFileError
from cvparse.engine.extract.normalize import normalize_line

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding used."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


class TextBackend(Backend):
    formats = frozenset({"text"})

    def extract(self, data: bytes, filename: str) -> Document:
        text, encoding = decode_text(data)
        builder = DocumentBuilder("txt")
        if encoding not in ("utf-8", "utf-8-sig"):
            builder.warnings.append(f"decoded as {encoding}")
        lines = 0
        for page_text in text.split("\f"):
            builder.new_page()
            # splitlines also breaks on \v (Word's manual line break), \x1c-\x1e, U+2028/2029
            for raw in page_text.splitlines():
                if builder.add_line(normalize_line(raw)) is not None:
                    lines += 1
        if not lines:
            raise EmptyFileError(
                f"{filename or 'the file'} contains no text: export the CV again and upload "
                "the new file"
            )
        return builder.build()

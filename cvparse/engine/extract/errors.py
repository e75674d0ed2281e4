"""Extraction errors: each says what is wrong and what the person can do about it.

`code` is stable (APIs and workers key on it); `message` is for humans.
"""

from __future__ import annotations


class ExtractionError(Exception):
    code = "extraction_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class EmptyFileError(ExtractionError):
    code = "empty_file"


class UnsupportedFormatError(ExtractionError):
    code = "unsupported_format"


class WrongExtensionError(ExtractionError):
    """The content is of another type than the name says (e.g. a PNG named cv.pdf)."""

    code = "wrong_extension"


class EncryptedFileError(ExtractionError):
    code = "encrypted"


class CorruptFileError(ExtractionError):
    code = "corrupt_file"


class UnsafeFileError(CorruptFileError):
    """A file built to hurt the parser (zip bomb, XML entities): refused before it is expanded.

    Subclasses CorruptFileError so callers that only know "the file is broken" still handle it,
    while the distinct code lets security monitoring count these separately.
    """

    code = "unsafe_file"


class TooManyPagesError(ExtractionError):
    """More pages than a CV has (a whole dossier, a scanned book): refused at upload."""

    code = "too_many_pages"

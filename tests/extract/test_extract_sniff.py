from __future__ import annotations

import io
import zipfile

import pytest
from extract_helpers import png_bytes, two_column_pdf

from cvparse.engine.extract import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    UnsupportedFormatError,
    WrongExtensionError,
    extract_document,
    sniff,
)
from cvparse.engine.extract.sniff import resolve_format

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\n\n  garbage\n%PDF-1.4\n", "pdf"),  # %PDF- anywhere in the first 1024 bytes
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "jpeg"),
        (b"GIF89a" + b"\x00" * 20, "gif"),
        (b"II*\x00" + b"\x00" * 20, "tiff"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
        (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 20, "heic"),
        (OLE2, "doc"),
        (OLE2 + "EncryptedPackage".encode("utf-16-le"), "office_encrypted"),
        (b"{\\rtf1\\ansi Bonjour}", "rtf"),
        (b"<!DOCTYPE html><html><body>CV</body></html>", "html"),
        (_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}), "docx"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "odt"),
        (_zip({"xl/workbook.xml": b"<x/>"}), "xlsx"),
        (_zip({"notes.txt": b"hello"}), "zip"),
        (b"PK\x03\x04 truncated", "zip_corrupt"),
        ("Expérience professionnelle\n".encode(), "text"),
        ("Expérience professionnelle\n".encode("cp1252"), "text"),
        ("Expérience\n".encode("utf-16"), "text"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_sniff(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_file(data: bytes) -> None:
    with pytest.raises(EmptyFileError) as info:
        extract_document(data, "cv.pdf")
    assert info.value.code == "empty_file"
    assert "cv.pdf" in info.value.message


def test_png_named_pdf() -> None:
    with pytest.raises(WrongExtensionError) as info:
        extract_document(png_bytes(), "cv.pdf")
    message = info.value.message
    assert info.value.code == "wrong_extension"
    assert message.startswith("cv.pdf is a PNG image, not a PDF")
    assert "PDF, DOCX, ODT or text" in message and "OCR" in message


def test_png_named_png_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormatError) as info:
        extract_document(png_bytes(), "photo_cv.png")
    assert "PNG image" in info.value.message and "OCR" in info.value.message


def test_pdf_named_docx_is_refused_with_a_rename_hint() -> None:
    with pytest.raises(WrongExtensionError) as info:
        extract_document(two_column_pdf(), "cv.docx")
    assert info.value.message == (
        "cv.docx is a PDF, not a Word document (DOCX): rename it to cv.pdf (its real type) and "
        "upload it again"
    )


def test_text_named_pdf_is_refused() -> None:
    with pytest.raises(WrongExtensionError):
        extract_document(b"Marie Dupont\nVendeuse\n", "cv.pdf")


@pytest.mark.parametrize("name", ["cv", "cv.bin", "", "CV_final(2)"])
def test_unknown_or_missing_extension_trusts_content(name: str) -> None:
    assert resolve_format(two_column_pdf(), name) == "pdf"
    assert resolve_format(b"Marie Dupont\n", name) == "text"


def test_extension_case_does_not_matter() -> None:
    assert resolve_format(two_column_pdf(), "CV.PDF") == "pdf"


def test_old_word_doc() -> None:
    with pytest.raises(UnsupportedFormatError) as info:
        extract_document(OLE2, "cv.doc")
    assert "old Word .doc" in info.value.message and ".docx or PDF" in info.value.message


def test_old_word_doc_named_docx() -> None:
    with pytest.raises(WrongExtensionError) as info:
        extract_document(OLE2, "cv.docx")
    assert "old Word .doc" in info.value.message


def test_password_protected_docx() -> None:
    with pytest.raises(EncryptedFileError) as info:
        extract_document(OLE2 + "EncryptedPackage".encode("utf-16-le"), "cv.docx")
    assert "password" in info.value.message


def test_odt_is_routed_to_its_backend() -> None:
    data = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    assert resolve_format(data, "cv.odt") == "odt"

def test_damaged_zip_named_docx_is_corrupt() -> None:
    data = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>" * 100})
    with pytest.raises(CorruptFileError) as info:
        extract_document(data[: len(data) // 2], "cv.docx")
    assert "damaged" in info.value.message


def test_unknown_binary_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormatError) as info:
        extract_document(bytes(range(256)) * 4, "cv.pdf")
    assert "unknown binary" in info.value.message


def test_rtf_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormatError) as info:
        extract_document(b"{\\rtf1\\ansi Marie Dupont}", "cv.rtf")
    assert "RTF" in info.value.message

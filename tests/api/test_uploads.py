"""Upload hardening: each bad upload gets its status, a stable code and a French and English
message; nothing of it is stored."""

from __future__ import annotations

import io
from collections.abc import Callable

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from tests.api.conftest import Api
from tests.conftest import SAMPLES
from tests.extract.extract_helpers import rewrite_zip


def _docx(change: Callable[[dict[str, bytes]], None]) -> bytes:
    return rewrite_zip((SAMPLES / "cariste.docx").read_bytes(), change)


def _bomb(entries: dict[str, bytes]) -> None:
    entries["word/media/big.bin"] = b"\0" * 1_500_000  # compresses > 1000:1


def _entities(entries: dict[str, bytes]) -> None:
    head, rest = entries["word/document.xml"].split(b"?>", 1)
    laughs = b'<!DOCTYPE w [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    entries["word/document.xml"] = head + b"?>" + laughs + rest


def _encrypted_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Confidentiel")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    return bytes(pdf.output())


def _long_pdf(pages: int) -> bytes:
    source = pdfium.PdfDocument(SAMPLES / "comptable.pdf")
    target = pdfium.PdfDocument.new()
    while len(target) < pages:
        target.import_pages(source)
    out = io.BytesIO()
    target.save(out)
    return out.getvalue()


CASES = [
    ("too_large", "cv.pdf", lambda: b"%PDF-1.7\n" + b"0" * (3 * 1024 * 1024), 413,
     "file_too_large"),
    ("image", "cv.pdf", lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 200, 415, "wrong_extension"),
    ("unknown", "cv.bin", lambda: b"\x00\x01\x02\x03" * 100, 415, "unsupported_format"),
    ("empty", "cv.docx", lambda: b"", 422, "empty_file"),
    ("corrupt", "cv.pdf", lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog", 422, "corrupt_file"),
    ("encrypted", "cv.pdf", _encrypted_pdf, 422, "encrypted"),
    ("too_many_pages", "cv.pdf", lambda: _long_pdf(8), 422, "too_many_pages"),
    ("zip_bomb", "cv.docx", lambda: _docx(_bomb), 422, "unsafe_file"),
    ("xml_entities", "cv.docx", lambda: _docx(_entities), 422, "unsafe_file"),
    ("macros", "cv.docx", lambda: _docx(
        lambda e: e.__setitem__("word/vbaProject.bin", b"\0" * 10)), 415, "unsupported_format"),
]


@pytest.mark.parametrize(("case", "name", "make", "status", "code"), CASES,
                         ids=[c[0] for c in CASES])
def test_bad_uploads(api: Api, case: str, name: str, make, status: int, code: str) -> None:
    response = api.upload(name=name, data=make())
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert len(error["message"]["en"]) > 20 and len(error["message"]["fr"]) > 20
    assert error["message"]["fr"] != error["message"]["en"]
    assert api.stores.documents.list() == []  # nothing recorded…
    assert not [p for p in api.stores.files.root.rglob("*") if p.is_file()]  # …nor stored


def test_a_missing_file_field_is_a_clear_error(api: Api) -> None:
    response = api.client.post("/api/v1/documents", headers=api.h("seeker"),
                               data={"other": "x"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_file_names_are_sanitised(api: Api) -> None:
    data = (SAMPLES / "macon.txt").read_bytes()
    response = api.client.post("/api/v1/documents", headers=api.h("seeker"),
                               files={"file": ("../../etc/pass|wd<>.txt", data)})
    assert response.status_code == 202, response.text
    assert response.json()["filename"] == "pass_wd_.txt"


def test_type_comes_from_content_not_name(api: Api) -> None:
    data = (SAMPLES / "comptable.pdf").read_bytes()
    response = api.upload(name="cv.docx", data=data)
    assert response.status_code == 415
    assert "PDF" in response.json()["error"]["message"]["en"]

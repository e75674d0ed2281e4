"""The stored form of a read document (`Document.to_dict` / `from_dict`): exact round trip, and
the same draft from a stored reading as from reading the file again, for every format."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date

import pytest

from cvparse.engine.document import Document, Line, Page
from cvparse.engine.pipeline import Pipeline
from tests.conftest import SAMPLES, require_tesseract

FORMATS = ["comptable.pdf", "scanned_cv.pdf", "cariste.docx", "a_animateur.odt", "macon.txt"]


def _through_json(document: Document) -> Document:
    return Document.from_dict(json.loads(json.dumps(document.to_dict(), ensure_ascii=False)))


@pytest.mark.parametrize("name", FORMATS)
def test_a_stored_reading_gives_the_same_document_and_draft(
    pipeline: Pipeline, today: date, name: str
) -> None:
    if name == "scanned_cv.pdf":
        require_tesseract()
    data = (SAMPLES / name).read_bytes()
    document = pipeline.read(data, name)
    if name == "scanned_cv.pdf":
        assert [p.ocr for p in document.pages] == [True]  # the OCR'd reading is what is stored
    stored = _through_json(document)
    assert stored == document
    assert stored.lines == document.lines and stored.text == document.text
    draft = pipeline.parse_document(stored, data, name, today=today)
    assert draft == pipeline.parse(data, name, today=today)
    assert draft.model_dump(mode="json") == pipeline.parse(data, name,
                                                           today=today).model_dump(mode="json")


def test_every_field_is_kept() -> None:
    """A field added to the dataclasses must be added to the stored form (and its version)."""
    assert {f.name for f in fields(Document)} == {
        "format", "pages", "text", "status", "images", "warnings", "textless_pages"}
    assert {f.name for f in fields(Page)} == {"number", "width", "height", "lines", "ocr"}
    assert {f.name for f in fields(Line)} == {
        "text", "page", "start", "end", "bbox", "column", "size", "bold"}
    document = Document(
        format="pdf", text="Soudeur\nTIG\fCACES",
        pages=[Page(1, 595.0, 842.0, [Line("Soudeur", 1, 0, 7, (1.5, 2.25, 3.0, 4.0), 1, 11.5,
                                           True),
                                      Line("TIG", 1, 8, 11)], ocr=False),
               Page(2, 595.0, 842.0, [Line("CACES", 2, 12, 17, None, 0, None, False),
                                      Line("odd", 1, 12, 15)], ocr=True)],
        status="ok", images=2, warnings=["page 2 read by OCR"], textless_pages=[2],
    )
    stored = _through_json(document)
    assert stored == document
    assert stored.pages[0].lines[0].bbox == (1.5, 2.25, 3.0, 4.0)  # a tuple again
    assert stored.pages[1].lines[1] == Line("odd", 1, 12, 15)  # text and page kept as they were


def test_another_serial_version_is_refused() -> None:
    data = Document(format="txt", pages=[Page(1)], text="").to_dict()
    with pytest.raises(ValueError, match="serial version"):
        Document.from_dict({**data, "v": 99})

"""Hostile files: each ends with a clear error or a safe result, quickly — never a crash, a
hang or an unbounded allocation. (ZIP bombs, DTD/entity declarations, macros and files whose
content contradicts their name have their own tests beside each format.)"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from extract_helpers import pdf_from_objects
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvparse.engine.extract import extract_document
from cvparse.engine.extract.errors import ExtractionError
from cvparse.engine.pipeline import Pipeline

TEXT = b"BT /F1 12 Tf 72 720 Td (Soudeur TIG, soudure inox et aluminium) Tj ET"


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def _page_objects(catalog_extra: bytes = b"", page_extra: bytes = b"",
                  content: bytes = TEXT) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> " + page_extra + b">> >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def _outcome(data: bytes, pipeline: Pipeline, today: date, limit: float = 10.0):
    started = time.monotonic()
    try:
        result = pipeline.parse(data, "cv.pdf", today=today)
    except ExtractionError as exc:
        result = exc
    assert time.monotonic() - started < limit
    return result


def test_the_raw_pdf_helper_makes_a_readable_pdf() -> None:
    assert "Soudeur TIG" in extract_document(pdf_from_objects(_page_objects()), "cv.pdf").text


def test_embedded_javascript_is_never_run_and_the_text_is_read(pipeline, today) -> None:
    js = b"/OpenAction << /S /JavaScript /JS (app.alert('x'); this.exportDataObject()) >> " \
         b"/Names << /JavaScript << /Names [(a) << /S /JavaScript /JS (app.launchURL('x')) >>] " \
         b">> >> /AA << /WC << /S /JavaScript /JS (1) >> >>"
    draft = _outcome(pdf_from_objects(_page_objects(catalog_extra=js)), pipeline, today)
    assert not isinstance(draft, ExtractionError)
    assert any("oudure" in f.label or "oudeur" in f.label for f in draft.fields)


def test_a_cyclic_page_tree_is_a_clear_error(pipeline, today) -> None:
    objects = _page_objects()
    objects[1] = b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"  # Pages contains itself
    result = _outcome(pdf_from_objects(objects), pipeline, today)
    assert isinstance(result, ExtractionError) or result.status in ("draft", "needs_ocr")


def test_deeply_nested_objects_do_not_exhaust_the_stack(pipeline, today) -> None:
    depth = 200_000
    deep = b"[" * depth + b"]" * depth
    objects = _page_objects(page_extra=b"/Deep 6 0 R")
    objects.append(deep)
    result = _outcome(pdf_from_objects(objects), pipeline, today)
    assert isinstance(result, ExtractionError) or "Soudeur" in str(result.model_dump())


def test_a_huge_page_count_reads_a_bounded_number_of_pages(pipeline, today) -> None:
    pages = 5000
    kids = b" ".join(b"3 0 R" for _ in range(pages))
    objects = _page_objects()
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages
    result = _outcome(pdf_from_objects(objects), pipeline, today, limit=20.0)
    assert not isinstance(result, ExtractionError)
    assert result.source.pages <= 40 and any("pages were read" in w for w in result.warnings)


def test_an_enormous_image_is_not_decoded_into_memory(pipeline, today) -> None:
    image = _stream(b"\x00" * 64, b"/Type /XObject /Subtype /Image /Width 200000 "
                    b"/Height 200000 /ColorSpace /DeviceRGB /BitsPerComponent 8")
    content = b"q 612 0 0 792 0 0 cm /Im1 Do Q " + TEXT
    objects = _page_objects(page_extra=b"/XObject << /Im1 6 0 R >>", content=content)
    objects.append(image)
    result = _outcome(pdf_from_objects(objects), pipeline, today)
    assert isinstance(result, ExtractionError) or result.status == "draft"


def test_an_image_only_page_with_an_enormous_image_goes_to_ocr_safely(pipeline, today) -> None:
    from tests.conftest import require_tesseract

    require_tesseract()
    image = _stream(b"\xff" * 64, b"/Type /XObject /Subtype /Image /Width 60000 "
                    b"/Height 60000 /ColorSpace /DeviceGray /BitsPerComponent 8")
    objects = _page_objects(page_extra=b"/XObject << /Im1 6 0 R >>",
                            content=b"q 612 0 0 792 0 0 cm /Im1 Do Q")
    objects.append(image)
    result = _outcome(pdf_from_objects(objects), pipeline, today, limit=30.0)
    assert isinstance(result, ExtractionError) or result.status in ("draft", "needs_ocr")


@pytest.mark.parametrize("garbage", [b"%PDF-1.7\n" + b"\x00" * 5000,
                                     b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 1 0 R >>",
                                     b"%PDF-" + b"9" * 100000])
def test_truncated_and_garbage_pdfs_are_clear_errors(garbage: bytes, pipeline, today) -> None:
    result = _outcome(garbage, pipeline, today)
    assert isinstance(result, ExtractionError) and result.code in ("corrupt_file", "empty_file")


def test_mutated_samples_never_escape_as_unexpected_exceptions() -> None:
    """A short run of benchmarks/fuzz_extract.py (run it for minutes before a release)."""
    import importlib.util
    import sys

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("fuzz_extract",
                                                  ROOT / "benchmarks" / "fuzz_extract.py")
    fuzz = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_extract"] = fuzz
    spec.loader.exec_module(fuzz)
    found = fuzz.fuzz(seconds=8, seed=7)
    assert found.runs > 500
    assert found.unexpected == [] and found.slow == []
    assert found.outcomes["ok"] and found.outcomes["corrupt_file"]  # both paths exercised


SAMPLE_BYTES = {
    name: (Path(__file__).resolve().parents[2] / "samples" / name).read_bytes()
    for name in ("comptable.pdf", "cariste.docx", "a_jardinier.odt", "macon.txt")
}


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    name=st.sampled_from(sorted(SAMPLE_BYTES)),
    edits=st.lists(st.tuples(st.floats(0, 1), st.binary(max_size=32), st.integers(0, 64)),
                   min_size=1, max_size=6),
)
def test_hypothesis_mutations_end_in_a_document_or_a_clear_error(name, edits) -> None:
    """Hypothesis drives the mutations (and shrinks any failure to a minimal input)."""
    from cvparse.engine.extract.screen import screen

    data = bytearray(SAMPLE_BYTES[name])
    for where, insert, cut in edits:
        at = int(where * len(data))
        data[at:at + cut] = insert
    try:
        screen(bytes(data), name, max_pages=40)
        extract_document(bytes(data), name)
    except ExtractionError as exc:
        assert exc.code and exc.message

"""The pipeline as named stages over one Reading: each stage callable alone, in order."""

from __future__ import annotations

from datetime import date

import pytest

from cvparse.engine.document import Document, DocumentBuilder, DocumentStatus
from cvparse.engine.pipeline import (
    Pipeline,
    Reading,
    candidates_stage,
    confidence_stage,
    fields_stage,
    learned_stage,
    match_stage,
    privacy_stage,
    sections_stage,
)

CV = [
    "Marie DUPONT",
    "06 12 34 56 78",
    "Expérience professionnelle",
    "2019 - 2023 : Serveuse, Brasserie du Port",
    "• Prise de commandes et service en salle",
    "Langues",
    "Anglais courant",
]


def _document(lines: list[str], status: DocumentStatus = "ok") -> Document:
    builder = DocumentBuilder("txt")
    for line in lines:
        builder.add_line(line)
    return builder.build(status)


def test_the_stages_are_named_in_order(pipeline: Pipeline) -> None:
    assert [name for name, _ in pipeline.stages] == [
        "sections", "privacy", "candidates", "match", "learned", "fields", "confidence",
        "recalibrate",
    ]


def test_the_stages_called_one_by_one_give_the_draft(pipeline: Pipeline, today: date) -> None:
    document = _document(CV)
    reading = Reading(document, today)
    sections_stage(reading)
    privacy_stage(pipeline.known_words, reading)
    assert "Marie" not in reading.minimised.masked_text
    candidates_stage(reading)
    match_stage(pipeline.matcher, pipeline.referential, pipeline.links, reading)
    learned_stage(pipeline.learned, reading)
    fields_stage(pipeline.referential, pipeline.links, reading)
    confidence_stage(pipeline.calibration, pipeline.referential.ref, reading)
    draft = pipeline.parse_document(document, b"cv", "cv.txt", today=today)
    assert {"appellation", "language", "experience"} <= {f.kind for f in reading.fields}
    assert reading.fields == draft.fields
    assert reading.experience_months == draft.experience_months


def test_no_stage_reads_the_cv_before_it_is_minimised(today: date) -> None:
    reading = Reading(_document(CV), today)
    sections_stage(reading)
    with pytest.raises(RuntimeError, match="not minimised"):
        candidates_stage(reading)


def test_a_document_without_text_stops_after_minimisation(
    pipeline: Pipeline, today: date
) -> None:
    raw = Pipeline(pipeline.referential, pipeline.index, calibration=None)
    draft = raw.parse_document(_document(CV, "needs_ocr"), b"scan", "Marie_DUPONT.pdf",
                               today=today)
    assert draft.status == "needs_ocr"
    assert draft.fields == [] and draft.experience_months is None
    assert draft.excluded  # the header was still minimised…
    assert draft.source.filename == "cv.pdf"  # …and the name kept out of the file name
    assert draft.warnings == []  # neither "uncalibrated" nor "nothing recognised"


def test_without_calibration_the_draft_says_so_and_keeps_scores(
    pipeline: Pipeline, today: date
) -> None:
    raw = Pipeline(pipeline.referential, pipeline.index, calibration=None)
    draft = raw.parse_document(_document(CV), b"cv", "cv.txt", today=today)
    assert draft.fields and all(f.score == f.confidence for f in draft.fields)
    assert draft.warnings == [
        "confidence is not calibrated (the weighted score): no calibration was fitted for "
        f"{pipeline.referential.ref} (run `cvparse calibrate`)"
    ]
    empty = raw.parse_document(_document(["Bonjour"]), b"x", "x.txt", today=today)
    assert empty.warnings[-1] == "no skill, job title or qualification was recognised in this CV"

"""The confidence stage: the OCR discount, the score kept, calibration applied per kind."""

from __future__ import annotations

from cvparse.engine.profile.calibrate import Calibration
from cvparse.engine.profile.confidence import (
    OCR_CONFIDENCE_FACTOR,
    finalise_confidence,
    section_factor,
)
from cvparse.engine.profile.models import Evidence, Field, FieldKind


def _field(kind: FieldKind, confidence: float, pages: tuple[int, ...] = (1,)) -> Field:
    evidence = [Evidence(page=p, start=0, end=1, text="x") for p in pages]
    return Field(id=kind, kind=kind, label=kind, confidence=confidence, evidence=evidence)


def _calibration() -> Calibration:
    return Calibration(
        referential="tiny@1", checksum="x", pipeline_version="1", fitted_on=[],
        curves={"appellation": ([0.0, 1.0], [0.0, 0.5]), "*": ([0.0, 1.0], [0.2, 0.2])},
    )


def test_without_calibration_the_score_is_the_confidence() -> None:
    (field,) = finalise_confidence([_field("competence", 0.8)], None, set())
    assert (field.score, field.confidence) == (0.8, 0.8)


def test_fields_read_only_by_ocr_are_lowered() -> None:
    fields = [
        _field("competence", 0.8, pages=(2,)),  # only on the scanned page
        _field("language", 0.8, pages=(1, 2)),  # also on a page with a text layer
        _field("metier", 0.8, pages=()),  # no evidence of its own: not lowered
    ]
    out = finalise_confidence(fields, None, {2})
    assert OCR_CONFIDENCE_FACTOR == 0.85
    assert [f.score for f in out] == [0.68, 0.8, 0.8]
    assert [f.confidence for f in out] == [0.68, 0.8, 0.8]


def test_calibration_maps_the_score_per_kind_experiences_as_job_titles() -> None:
    fields = [_field("appellation", 0.8), _field("experience", 0.6), _field("diploma", 0.9)]
    out = finalise_confidence(fields, _calibration(), set())
    assert [f.score for f in out] == [0.8, 0.6, 0.9]
    assert [f.confidence for f in out] == [0.4, 0.3, 0.2]  # the "*" curve for other kinds


def test_the_ocr_discount_comes_before_calibration() -> None:
    (field,) = finalise_confidence([_field("appellation", 0.8, pages=(3,))], _calibration(), {3})
    assert (field.score, field.confidence) == (0.68, 0.34)


def test_the_input_fields_are_left_alone() -> None:
    field = _field("competence", 0.8, pages=(2,))
    finalise_confidence([field], _calibration(), {2})
    assert (field.score, field.confidence) == (None, 0.8)


def test_section_factor_defaults_to_other() -> None:
    assert section_factor("experience") == 1.0
    assert section_factor("interests") == 0.7
    assert section_factor("contact") == section_factor("other") == 0.8

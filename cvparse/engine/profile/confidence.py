"""How sure a proposal is: where it stood in the CV, how its text was read, and calibration.

Fields are built with a heuristic confidence: a match or fact score weighted by the factor of
the section it stood in (a skill used in a job is surer than one listed under hobbies). The last
stage of the pipeline, `finalise_confidence`, then lowers the fields read only by OCR, keeps
that value as the field's `score`, and maps it through the calibration fitted on the gold set,
if there is one, to a probability of being right.
"""

from __future__ import annotations

from collections.abc import Collection

from cvparse.engine.profile.calibrate import Calibration
from cvparse.engine.profile.models import Field

# How much a phrase's place in the CV says about a skill (multiplies the match score).
SECTION_FACTOR = {
    "experience": 1.0,
    "skills": 1.0,
    "profile": 0.95,
    "header": 0.9,
    "projects": 0.95,
    "certifications": 0.95,
    "education": 0.85,
    "licences": 0.9,
    "languages": 0.8,
    "other": 0.8,
    "interests": 0.7,
}
OCR_CONFIDENCE_FACTOR = 0.85  # text read by OCR may hold misread words: proposals are less sure


def section_factor(kind: str) -> float:
    """The factor of a section kind; a kind with none of its own weighs as "other"."""
    return SECTION_FACTOR.get(kind, SECTION_FACTOR["other"])


def finalise_confidence(
    fields: list[Field], calibration: Calibration | None, ocr_pages: Collection[int]
) -> list[Field]:
    """The fields with their final confidence (copies; the input is left alone).

    A field whose evidence all lies on OCR'd pages is lowered by OCR_CONFIDENCE_FACTOR; that
    value becomes its `score`; its `confidence` is the calibrated probability of that score
    (experiences use the job-title curve: an experience is right when its title is), or the
    score itself when there is no calibration.
    """
    out = []
    for field in fields:
        score = field.confidence
        if ocr_pages and field.evidence and all(e.page in ocr_pages for e in field.evidence):
            score = round(score * OCR_CONFIDENCE_FACTOR, 4)
        confidence = score
        if calibration is not None:
            kind = "appellation" if field.kind == "experience" else field.kind
            confidence = calibration.apply(kind, score)
        out.append(field.model_copy(update={"score": score, "confidence": confidence}))
    return out

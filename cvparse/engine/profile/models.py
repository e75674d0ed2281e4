"""Pydantic models of the draft profile: what crosses every boundary (CLI, API, workers, DB).

Every proposed field says *why* (evidence spans and a method) and *how sure* (confidence), so
an advisor can judge it; nothing here is final until an advisor confirms it.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydField

SCHEMA_VERSION = "1"

FieldKind = Literal[
    "metier", "appellation", "competence", "language", "diploma", "licence", "experience"
]
FieldStatus = Literal["proposed", "confirmed", "edited", "rejected", "added"]


class Evidence(BaseModel):
    """Where in the CV a proposal comes from: offsets into the extracted text."""

    model_config = ConfigDict(frozen=True)

    page: int
    start: int
    end: int
    text: str
    section: str | None = None


class Field(BaseModel):
    id: str
    kind: FieldKind
    code: str | None = None
    label: str
    # The probability of being right: `score` mapped through the calibration fitted on the gold
    # set; without a calibration, `score` itself.
    confidence: float = PydField(ge=0.0, le=1.0)
    # The pipeline's own confidence before calibration (explainability). Not the bare match
    # score: the match or fact score weighted by where it stood (section factor, job-title line
    # or not; for a métier, its ranking score brought to 0–1), lowered when all its evidence
    # was read by OCR. See cvparse.engine.profile.confidence.
    score: float | None = None
    status: FieldStatus = "proposed"
    method: str = ""
    evidence: list[Evidence] = PydField(default_factory=list)
    # Kind-specific attributes (None when not relevant to the kind).
    item_kind: str | None = None  # competence: savoir-faire / savoir-etre / savoir / macro
    metier: str | None = None  # appellation: its ROME code
    level: str | int | None = None  # language: CEFR; diploma: French level 3–8
    year: int | None = None  # diploma
    start: date | None = None  # experience
    end: date | None = None  # experience (None: ongoing)
    months: int | None = None  # experience
    appellation: str | None = None  # experience: id of the appellation field it belongs to
    support: list[str] | None = None  # métier: ids of the fields that support it


class SourceInfo(BaseModel):
    filename: str
    sha256: str
    format: str
    pages: int
    ocr_pages: list[int] = PydField(default_factory=list)


class ReferentialInfo(BaseModel):
    name: str
    version: str
    checksum: str
    calibration: str | None = None  # digest of the calibration applied to confidences
    learned: str | None = None  # the learned layer applied: "v3:<digest12>" (engine/learned.py)


class DraftProfile(BaseModel):
    schema_version: str = SCHEMA_VERSION
    status: Literal["draft", "needs_ocr"] = "draft"
    source: SourceInfo
    referential: ReferentialInfo
    pipeline_version: str
    fields: list[Field] = PydField(default_factory=list)
    experience_months: int | None = None  # total, overlapping periods counted once
    excluded: dict[str, int] = PydField(default_factory=dict)
    warnings: list[str] = PydField(default_factory=list)

    def of_kind(self, kind: FieldKind) -> list[Field]:
        return [f for f in self.fields if f.kind == kind]

    def to_json(self) -> str:
        return self.model_dump_json(indent=2, exclude_none=True)

"""The reading engine's pipeline: one CV, bytes in, draft profile out, as named stages.

`Pipeline.read` turns bytes into a `Document` (text with layout). That is the pipeline's one
edge: where a PDF page has no text layer and OCR is on, it runs Tesseract in a subprocess.
`Pipeline.parse_document` then runs the stages, in order, over one `Reading`:

    sections → privacy → candidates → match → learned → fields → confidence → recalibrate

Each stage is a function of data — the reading so far and what it needs of the referential
(index, link tables, calibration) — never of the pipeline object, so each can be called and
tested alone; `Pipeline.stages` lists them by name. Past `read`, no file is touched but the
engine's own data (word lists, licence items, the lemma table), loaded once; there is no clock
(today is a parameter) and no global state but caches. The CLI, the API and the workers all
call `Pipeline.parse`, or `read` then `parse_document`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from cvparse import PIPELINE_VERSION
from cvparse.engine.candidates import candidate_phrases
from cvparse.engine.document import Document
from cvparse.engine.extract import extract_document
from cvparse.engine.extract.ocr import ocr_pdf
from cvparse.engine.learned import (
    LearnedLayer,
    drop_suppressed,
    learned_entries,
    recalibrated,
)
from cvparse.engine.match.context import match_in_context
from cvparse.engine.match.index import ReferentialIndex
from cvparse.engine.match.matcher import Match, Matcher
from cvparse.engine.match.metiers import LinkTables, link_tables
from cvparse.engine.match.normalise import KnownWords
from cvparse.engine.phrases import Phrase
from cvparse.engine.privacy import PrivacyResult, detect_and_mask
from cvparse.engine.profile.build import build_fields
from cvparse.engine.profile.calibrate import Calibration
from cvparse.engine.profile.confidence import finalise_confidence
from cvparse.engine.profile.models import DraftProfile, Field, ReferentialInfo, SourceInfo
from cvparse.engine.referential import Referential
from cvparse.engine.sections import Section, split_sections

# Stages that need text: a document without a text layer (needs_ocr) stops before them, and its
# draft reports only what minimisation found (and a safe file name).
TEXT_STAGES = frozenset(
    {"candidates", "match", "learned", "fields", "confidence", "recalibrate"}
)


@dataclass(slots=True)
class Reading:
    """One CV on its way through the stages: each reads what the earlier ones left here and
    adds its own part."""

    document: Document
    today: date
    sections: list[Section] = field(default_factory=list)
    privacy: PrivacyResult | None = None
    phrases: list[Phrase] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    experience_months: int | None = None
    warnings: list[str] = field(default_factory=list)  # the stages' own, after the document's

    @property
    def minimised(self) -> PrivacyResult:
        """The minimised text; no stage may read the CV before the privacy stage has run."""
        if self.privacy is None:
            raise RuntimeError("the privacy stage has not run: the CV's text is not minimised")
        return self.privacy

    @property
    def ocr_pages(self) -> list[int]:
        return [p.number for p in self.document.pages if p.ocr]


Stage = Callable[[Reading], None]


def sections_stage(reading: Reading) -> None:
    reading.sections = split_sections(reading.document)


def privacy_stage(known_words: KnownWords, reading: Reading) -> None:
    reading.privacy = detect_and_mask(reading.document, reading.sections, known_words)


def candidates_stage(reading: Reading) -> None:
    reading.phrases = candidate_phrases(reading.sections, reading.minimised)


def match_stage(
    matcher: Matcher, referential: Referential, links: LinkTables, reading: Reading
) -> None:
    reading.matches = match_in_context(matcher, referential, links, reading.phrases)


def learned_stage(layer: LearnedLayer | None, reading: Reading) -> None:
    """Drop the matches a learned layer suppresses (that item from that phrase), before fields
    and métiers are built from them. Its additions are already in the index."""
    reading.matches = drop_suppressed(layer, reading.matches)


def fields_stage(referential: Referential, links: LinkTables, reading: Reading) -> None:
    reading.fields, reading.experience_months = build_fields(
        referential, links, reading.sections, reading.minimised, reading.matches, reading.today
    )


def confidence_stage(calibration: Calibration | None, ref: str, reading: Reading) -> None:
    reading.fields = finalise_confidence(reading.fields, calibration, set(reading.ocr_pages))
    if calibration is None:
        reading.warnings.append(
            "confidence is not calibrated (the weighted score): no calibration was fitted for "
            f"{ref} (run `cvparse calibrate`)"
        )


def recalibrate_stage(layer: LearnedLayer | None, reading: Reading) -> None:
    """A learned layer's per-kind recalibration, on top of the gold-set calibration: the
    confidence advisors' decisions measured."""
    reading.fields = recalibrated(layer, reading.fields)


class Pipeline:
    """Everything that depends only on the referential, built once and reused for every CV."""

    def __init__(
        self,
        referential: Referential,
        index: ReferentialIndex | None = None,
        calibration: Calibration | None = None,
        ocr: bool = True,
        learned: LearnedLayer | None = None,
    ) -> None:
        """`index`: the referential's index, learned synonyms included when there is a layer
        (the registry builds and shares it); built here when not given."""
        self.referential = referential
        if learned is not None and learned.referential_checksum != referential.checksum:
            raise ValueError("the learned layer belongs to another referential version")
        self.learned = learned
        self.index = index if index is not None else ReferentialIndex(
            referential, learned_entries(learned)
        )
        self.calibration = calibration
        self.ocr = ocr  # read text-less PDF pages with Tesseract when it is installed
        self.matcher = Matcher(self.index)
        self.links = link_tables(referential)
        self.known_words = KnownWords(self.index.curated_keys())
        self.stages: tuple[tuple[str, Stage], ...] = (
            ("sections", sections_stage),
            ("privacy", partial(privacy_stage, self.known_words)),
            ("candidates", candidates_stage),
            ("match", partial(match_stage, self.matcher, referential, self.links)),
            ("learned", partial(learned_stage, learned)),
            ("fields", partial(fields_stage, referential, self.links)),
            ("confidence", partial(confidence_stage, calibration, referential.ref)),
            ("recalibrate", partial(recalibrate_stage, learned)),
        )

    def match_phrases(self, phrases: list[Phrase]) -> list[Match]:
        """Matches of the CV's phrases, read in the context of the métiers it points to
        (`cvparse.engine.match.context`)."""
        return drop_suppressed(
            self.learned, match_in_context(self.matcher, self.referential, self.links, phrases)
        )

    def read(self, data: bytes, filename: str) -> Document:
        """The document as the pipeline reads it (OCR'd where it has no text layer): evidence
        offsets point into its text."""
        document = extract_document(data, filename)
        if self.ocr and document.textless_pages:
            document = ocr_pdf(document, data)
        return document

    def parse(self, data: bytes, filename: str, *, today: date | None = None) -> DraftProfile:
        """Parse one CV. Raises `ExtractionError` (cvparse.engine.extract.errors) for unusable
        files."""
        return self.parse_document(self.read(data, filename), data, filename,
                                   today=today or date.today())

    def parse_document(
        self, document: Document, data: bytes, filename: str, *, today: date
    ) -> DraftProfile:
        """The draft of a document `read` returned (`data` and `filename`: the file it came
        from, for the draft's source)."""
        reading = Reading(document, today)
        for name, stage in self.stages:
            if name in TEXT_STAGES and document.status == "needs_ocr":
                break
            stage(reading)
        return self._draft(reading, data, filename)

    def _draft(self, reading: Reading, data: bytes, filename: str) -> DraftProfile:
        document, privacy = reading.document, reading.minimised
        profile = DraftProfile(
            status="draft" if document.status == "ok" else "needs_ocr",
            source=SourceInfo(
                filename=_safe_filename(filename, privacy.name_tokens),
                sha256=hashlib.sha256(data).hexdigest(),
                format=document.format,
                pages=len(document.pages),
                ocr_pages=reading.ocr_pages,
            ),
            referential=ReferentialInfo(
                name=self.referential.name,
                version=self.referential.version,
                checksum=self.referential.checksum,
                calibration=self.calibration.digest if self.calibration else None,
                learned=self.learned.label if self.learned else None,
            ),
            pipeline_version=PIPELINE_VERSION,
            fields=reading.fields,
            experience_months=reading.experience_months,
            excluded=privacy.excluded,
            warnings=list(document.warnings) + reading.warnings,
        )
        if document.status != "needs_ocr" and not profile.fields:
            profile.warnings.append(
                "no skill, job title or qualification was recognised in this CV"
            )
        return profile


def _safe_filename(filename: str, name_tokens: frozenset[str]) -> str:
    """File names often carry the person's name ("CV_Marie_DUPONT.pdf"): drop it if so."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    lowered = base.lower()
    if any(token.lower() in lowered for token in name_tokens if len(token) >= 3):
        suffix = base.rsplit(".", 1)[-1] if "." in base else "bin"
        return f"cv.{suffix}"
    return base

"""The pure pipeline: bytes → text with layout → sections → minimised text → phrases → matches
→ draft profile. No I/O, no clock (today is a parameter), no global state but caches; the CLI,
the API and the workers all call `Pipeline.parse`.
"""

from __future__ import annotations

import hashlib
from datetime import date

from cvparse import PIPELINE_VERSION
from cvparse.engine.candidates import candidate_phrases
from cvparse.engine.document import Document
from cvparse.engine.extract import extract_document
from cvparse.engine.extract.ocr import ocr_pdf
from cvparse.engine.match.context import match_in_context
from cvparse.engine.match.index import ReferentialIndex
from cvparse.engine.match.matcher import Match, Matcher
from cvparse.engine.match.metiers import link_tables
from cvparse.engine.match.normalise import KnownWords
from cvparse.engine.phrases import Phrase
from cvparse.engine.privacy import detect_and_mask
from cvparse.engine.profile.build import build_fields
from cvparse.engine.profile.calibrate import Calibration
from cvparse.engine.profile.confidence import finalise_confidence
from cvparse.engine.profile.models import DraftProfile, ReferentialInfo, SourceInfo
from cvparse.engine.referential import Referential
from cvparse.engine.sections import split_sections


class Pipeline:
    """Everything that depends only on the referential, built once and reused for every CV."""

    def __init__(
        self,
        referential: Referential,
        index: ReferentialIndex | None = None,
        calibration: Calibration | None = None,
        ocr: bool = True,
    ) -> None:
        self.referential = referential
        self.index = index if index is not None else ReferentialIndex(referential)
        self.calibration = calibration
        self.ocr = ocr  # read text-less PDF pages with Tesseract when it is installed
        self.matcher = Matcher(self.index)
        self.links = link_tables(referential)
        self.known_words = KnownWords(self.index.vocab)

    def match_phrases(self, phrases: list[Phrase]) -> list[Match]:
        """Matches of the CV's phrases, read in the context of the métiers it points to
        (`cvparse.engine.match.context`)."""
        return match_in_context(self.matcher, self.referential, self.links, phrases)

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
        sections = split_sections(document)
        privacy = detect_and_mask(document, sections, self.known_words)
        profile = DraftProfile(
            status="draft" if document.status == "ok" else "needs_ocr",
            source=SourceInfo(
                filename=_safe_filename(filename, privacy.name_tokens),
                sha256=hashlib.sha256(data).hexdigest(),
                format=document.format,
                pages=len(document.pages),
                ocr_pages=[p.number for p in document.pages if p.ocr],
            ),
            referential=ReferentialInfo(
                name=self.referential.name,
                version=self.referential.version,
                checksum=self.referential.checksum,
                calibration=self.calibration.digest if self.calibration else None,
            ),
            pipeline_version=PIPELINE_VERSION,
            excluded=privacy.excluded,
            warnings=list(document.warnings),
        )
        if document.status == "needs_ocr":
            return profile
        matches = self.match_phrases(candidate_phrases(sections, privacy))
        profile.fields, profile.experience_months = build_fields(
            self.referential, self.links, sections, privacy, matches, today
        )
        profile.fields = finalise_confidence(
            profile.fields, self.calibration, set(profile.source.ocr_pages)
        )
        if self.calibration is None:
            profile.warnings.append(
                "confidence is the raw match score: no calibration was fitted for "
                f"{self.referential.ref} (run `cvparse calibrate`)"
            )
        if not profile.fields:
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

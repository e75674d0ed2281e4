"""Fact records returned by the line parsers.

Every fact carries `text`, `start` and `end` with `line[start:end] == text`, so whatever consumes
facts can cite the exact evidence (and map it into `Document.text` by adding `Line.start`)
without knowing which parser produced it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["year", "month", "day"]
CefrLevel = Literal["A1", "A2", "B1", "B2", "C1", "C2"]
LicenceKind = Literal["driving", "caces", "electrical", "certification"]
LevelSource = Literal["cefr", "test", "words"]

CEFR_LEVELS: tuple[CefrLevel, ...] = ("A1", "A2", "B1", "B2", "C1", "C2")


@dataclass(frozen=True, slots=True)
class Period:
    """A dated span of activity.

    `start`/`end` are character offsets, as on every fact; the calendar bounds are
    `start_date`/`end_date`. The dates are the literal, widest reading of the text ("2015" as a
    start is 1 January 2015, "2018" as an end is 31 December 2018) while `months` is the best
    estimate of the duration (see `cvparse.engine.facts.periods` for the counting rule); the
    precisions tell a renderer how much of each date the CV actually stated.
    """

    start_date: date
    end_date: date | None  # None: still ongoing ("aujourd'hui", "depuis 2021", "present")
    start_precision: Precision
    end_precision: Precision | None  # None exactly when end_date is None
    months: int
    text: str
    start: int
    end: int

    @property
    def ongoing(self) -> bool:
        return self.end_date is None


@dataclass(frozen=True, slots=True)
class LanguageFact:
    code: str  # ISO 639-1 when one exists, else ISO 639-2/3 ("fsl", "cpf", "kab", …)
    level: CefrLevel | None
    level_text: str | None  # the words the level was read from: "courant", "TOEIC 850", "B2"
    text: str
    start: int
    end: int
    # How the level was read: a written CEFR code, a test (TOEIC score, "DELF B2") or words
    # mapped to CEFR ("courant"); callers that only trust stated levels can drop "words".
    level_source: LevelSource | None = None


@dataclass(frozen=True, slots=True)
class DiplomaFact:
    label: str  # normalised short name: "BTS", "Bac pro", "Master", "Titre professionnel", …
    name: str  # as written, whitespace-normalised: "BTS Management Commercial Opérationnel"
    level: int | None  # French nomenclature 2019 (3 = CAP … 8 = doctorat); None when unknown
    year: int | None
    in_progress: bool
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class LicenceFact:
    code: str  # "B", "CE", "FIMO", "CACES R489 3", "B1V", "SSIAP 1", "HACCP", …
    kind: LicenceKind
    in_progress: bool
    text: str
    start: int
    end: int

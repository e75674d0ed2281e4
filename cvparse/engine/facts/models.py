"""Fact records returned by the line parsers, plus the one text helper they all share.

Every fact carries `text`, `start` and `end` with `line[start:end] == text`, so whatever consumes
facts can cite the exact evidence (and map it into `Document.text` by adding `Line.start`)
without knowing which parser produced it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
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


_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_APOSTROPHES = "\u2019\u2018\u02bc\u00b4\u0060\u2032"
_SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u3000"


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _DASHES:
        return "-"
    if ch in _APOSTROPHES:
        return "'"
    if ch in _SPACES or ch == "\t":
        return " "
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


@lru_cache(maxsize=1024)
def fold(line: str) -> str:
    """Lower-case, strip accents and unify dashes/apostrophes/spaces, keeping every offset.

    The parsers match on the folded text so one pattern covers "Févr.", "fevr" and "FÉVR", and
    because the result has exactly the length of the input, a match's offsets are valid in the
    original line: no offset map is needed to cite evidence. Cached because every parser
    folds the same lines.
    """
    if line.isascii():
        return line.lower().replace("\t", " ")
    return "".join([_fold_char(ch) for ch in line])

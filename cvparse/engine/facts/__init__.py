"""Structured facts read from single CV lines: periods, languages, diplomas, licences.

Each parser is a pure function of one line (plus `today` where time matters and an optional
section hint), returns frozen records carrying `text`, `start` and `end` into that line for
evidence, and does no I/O but reading the package's own data once (the diploma parser's
table of titres professionnels, `data/diploma_titles.csv`), so it can run per line anywhere
in the pipeline and be tested with plain strings. `experience_periods` reads consecutive
lines of a list of jobs (a range wrapped over two lines, a title beside a line of dates).
`cvparse.engine.facts.fields` turns the facts of a whole CV into draft
fields (with the package's own data file, `data/licence_items.csv`); it is not imported here,
so the parsers stay usable without the draft's models.
"""

from cvparse.engine.facts.diplomas import find_diplomas
from cvparse.engine.facts.languages import (
    find_languages,
    find_languages_in_lines,
    is_language_context,
)
from cvparse.engine.facts.licences import find_licences
from cvparse.engine.facts.models import (
    CEFR_LEVELS,
    CefrLevel,
    DiplomaFact,
    LanguageFact,
    LevelSource,
    LicenceFact,
    LicenceKind,
    Period,
    Precision,
)
from cvparse.engine.facts.periods import find_periods, total_months

__all__ = [
    "CEFR_LEVELS",
    "CefrLevel",
    "DiplomaFact",
    "LanguageFact",
    "LevelSource",
    "LicenceFact",
    "LicenceKind",
    "Period",
    "Precision",
    "find_diplomas",
    "find_languages",
    "find_languages_in_lines",
    "find_licences",
    "find_periods",
    "is_language_context",
    "total_months",
]

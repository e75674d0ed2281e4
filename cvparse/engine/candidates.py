"""Cut CV lines into candidate phrases: list items, clauses, job-title lines.

Matching works on phrases, not on every n-gram: a bullet "Préparation des commandes, gestion des
stocks" holds two skills, a comma list "Excel, Word, SAP" three. The whole line is kept too when
it is short, because some referential labels span a comma ("Accueillir, orienter le public").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cvparse.engine.document import Line
from cvparse.engine.phrases import Phrase
from cvparse.engine.privacy import PrivacyResult
from cvparse.engine.sections import Section
from cvparse.engine.targets import study_spans, target_spans

# Sections whose text never holds skills or jobs (languages become language fields).
SKIPPED_SECTIONS = frozenset({"contact", "references", "languages"})
# Where job titles are looked for.
TITLE_SECTIONS = frozenset({"header", "experience", "profile"})
# Where a sentence may say which job the CV seeks (`cvparse.engine.targets`).
TARGET_SECTIONS = frozenset({"header", "profile", "other"})

_SEPARATORS = re.compile(r"\s*(?:[,;|•·●▪■►]|\s[-–—]\s|\s/\s|\(|\)|:\s|\.\s|\s{3,}|\t)\s*")
_BULLET = re.compile(r"^\s*(?:[•·●▪■►\-–—*>]|\d{1,2}[.)])\s+")
_HAS_PERIOD = re.compile(
    r"\b(?:19|20)\d{2}\b|\b(?:depuis|since|present|aujourd|actuel|en cours)\b", re.IGNORECASE
)
MAX_WHOLE_LINE_WORDS = 14
MAX_TITLE_WORDS = 12  # an undated line longer than this is a sentence, not a title
MAX_DATED_TITLE_WORDS = 24  # "07/2025 - 08/2025 : Serveur (extra) - Brasserie X, Angers"


def candidate_phrases(sections: list[Section], privacy: PrivacyResult) -> list[Phrase]:
    phrases: list[Phrase] = []
    for section in sections:
        for i, line in enumerate(section.lines):
            kind = section.kind_of(line)
            if kind in SKIPPED_SECTIONS:
                continue
            text = privacy.masked(line)
            if not text.strip():
                continue
            title_like = kind in TITLE_SECTIONS and _title_like(section.lines, i, text)
            phrases.extend(_phrases_of(line, text, kind, title_like))
            if kind in TARGET_SECTIONS:
                phrases.extend(
                    Phrase(text=piece, start=line.start + start, page=line.page, section=kind,
                           title_like=True, target=True)
                    for start, piece in target_spans(text)
                )
            if kind == "education":
                phrases.extend(
                    Phrase(text=piece, start=line.start + start, page=line.page, section=kind,
                           title_like=True, study=True)
                    for start, piece in study_spans(text)
                )
    return phrases


def _title_like(lines: list[Line], i: int, text: str) -> bool:
    """A job-title line: not a bullet, and dated, or short and next to a dated line."""
    if _BULLET.match(text):
        return False
    words = len(text.split())
    if _HAS_PERIOD.search(text):
        return words <= MAX_DATED_TITLE_WORDS
    if words > MAX_TITLE_WORDS:
        return False
    if lines[i].bold:
        return True
    neighbours = lines[max(0, i - 1) : i] + lines[i + 1 : i + 2]
    return any(
        _HAS_PERIOD.search(n.text) and len(n.text.split()) <= MAX_TITLE_WORDS for n in neighbours
    )


def _phrases_of(line: Line, text: str, kind: str, title_like: bool) -> Iterator[Phrase]:
    body_start = 0
    bullet = _BULLET.match(text)
    if bullet:
        body_start = bullet.end()
    pieces = list(_split(text, body_start))
    words = len(text.split())
    if len(pieces) > 1 and words <= MAX_WHOLE_LINE_WORDS:
        start = body_start + (len(text) - body_start - len(text[body_start:].lstrip()))
        pieces.append((start, text.rstrip()[start:]))
    pieces += [sub for start, piece in pieces for sub in _conjuncts(piece, start)]
    for start, piece in pieces:
        yield Phrase(
            text=piece,
            start=line.start + start,
            page=line.page,
            section=kind,
            title_like=title_like,
        )


def _split(text: str, offset: int) -> Iterator[tuple[int, str]]:
    position = offset
    for sep in _SEPARATORS.finditer(text, offset):
        if sep.start() > position:
            piece = text[position : sep.start()]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                yield position + lead, piece.strip()
        position = sep.end()
    if position < len(text) and text[position:].strip():
        piece = text[position:]
        lead = len(piece) - len(piece.lstrip())
        yield position + lead, piece.strip()


_CONJUNCTION = re.compile(r"\s+(?:et|and|ou|or)\s+")


def _conjuncts(piece: str, start: int) -> Iterator[tuple[int, str]]:
    """The sides of a coordination, as phrases of their own: "Plonge et nettoyage du poste"
    says "plonge" as fully as a bullet would (the whole piece is kept too, for labels that
    coordinate themselves: "Accueillir et orienter")."""
    if len(piece.split()) > MAX_WHOLE_LINE_WORDS:
        return
    position = 0
    for conj in _CONJUNCTION.finditer(piece):
        side = piece[position : conj.start()]
        if side.strip():
            yield start + position, side.strip()
        position = conj.end()
    if position and piece[position:].strip():
        yield start + position, piece[position:].strip()

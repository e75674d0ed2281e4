"""Split a CV into its usual sections, whatever their spelling.

CV headings vary endlessly ("EXPERIENCES PROFESSIONNELLES", "1. Formation", "Work experience",
"Compétences clés :"), so a heading is recognised by its normalised words, not its look; layout
hints (bold, a larger font, a short line) only break ties for ambiguous words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from cvparse.engine.document import Document, Line
from cvparse.engine.text import strip_accents

SectionKind = Literal[
    "header",  # before the first heading: name, contact, headline
    "profile",
    "experience",
    "education",
    "skills",
    "languages",
    "licences",
    "certifications",
    "interests",
    "contact",
    "references",
    "projects",
    "other",
]

_STOP = re.compile(r"\b(?:mes|my|les|des|de|du|et|and|la|le|l|d)\b")

# Normalised heading phrases (lowercase, no accents) → section kind.
HEADINGS: dict[str, SectionKind] = {}


def _add(kind: SectionKind, *phrases: str) -> None:
    for phrase in phrases:
        HEADINGS[" ".join(_STOP.sub(" ", phrase).split())] = kind


_add(
    "experience",
    "experience",
    "experiences",
    "experience professionnelle",
    "experiences professionnelles",
    "parcours professionnel",
    "parcours",
    "emplois",
    "emploi",
    "historique professionnel",
    "experience pro",
    "experiences pro",
    "stages",
    "stages et emplois",
    "missions",
    "work experience",
    "professional experience",
    "employment",
    "employment history",
    "career history",
    "work history",
    "experience et stages",
    "experiences et stages",
    "emplois occupes",
    "postes occupes",
    "vie professionnelle",
    "carriere",
    # Students' and apprentices' CVs: internships, work placements and summer jobs are work.
    "stage",
    "stages en entreprise",
    "stage en entreprise",
    "periodes de formation en milieu professionnel",
    "pfmp",
    "stages pfmp",
    "stages en entreprise pfmp",
    "experiences stage",
    "experience stage",
    "stages jobs etudiants",
    "stages et jobs",
    "job ete",
    "jobs ete",
    "jobs etudiants",
    "job etudiant",
    "emplois saisonniers",
    "experience en alternance",
    "experiences en alternance",
    "internship",
    "internships",
    "work placements",
    "placements",
    "summer jobs",
    "part time jobs",
    "experiences en entreprise",
)
_add(
    "education",
    "formation",
    "formations",
    "formation initiale",
    "formations et diplomes",
    "diplomes",
    "diplome",
    "diplomes et formations",
    "etudes",
    "cursus",
    "scolarite",
    "parcours scolaire",
    "formation continue",
    "education",
    "qualifications",
    "academic background",
    "education and training",
    "diplomes obtenus",
    "formation et diplomes",
    "training",
)
_add(
    "skills",
    "competences",
    "competence",
    "competences cles",
    "competences professionnelles",
    "competences techniques",
    "savoir faire",
    "savoir etre",
    "qualites",
    "atouts",
    "points forts",
    "aptitudes",
    "connaissances",
    "informatique",
    "competences informatiques",
    "outils",
    "logiciels",
    "skills",
    "key skills",
    "technical skills",
    "core skills",
    "soft skills",
    "competencies",
    "savoir faire et savoir etre",
    "domaines de competences",
    "competences et qualites",
    "qualites professionnelles",
    "expertise",
    "technologies",
)
_add(
    "education", "diplome et formations", "diplome et formation", "ma formation",
    "formations suivies", "formations et certifications", "diplomes et certifications",
)
_add("profile", "qui suis je", "en quelques mots", "mon profil")
_add("languages", "langues", "langue", "langues etrangeres", "languages", "language")
_add(
    "licences",
    "permis",
    "permis de conduire",
    "permis et habilitations",
    "habilitations",
    "driving licence",
    "driving license",
    "driving licences",
    "licences",
    "licence",
    "permis et certificats",
    "mobilite",
)
_add(
    "certifications",
    "certifications",
    "certification",
    "certificats",
    "habilitations et certifications",
    "certifications et habilitations",
    "accreditations",
    "certificates",
)
_add(
    "interests",
    "centres d interet",
    "centre d interet",
    "centres d interets",
    "loisirs",
    "hobbies",
    "interets",
    "activites extra professionnelles",
    "vie associative",
    "benevolat",
    "interests",
    "activities",
    "passions",
    "divers",
    "autres",
    "extra",
)
_add(
    "profile",
    "profil",
    "profil professionnel",
    "a propos",
    "a propos de moi",
    "resume",
    "objectif",
    "objectif professionnel",
    "projet professionnel",
    "presentation",
    "summary",
    "profile",
    "about me",
    "professional summary",
    "objective",
    "accroche",
)
_add(
    "contact",
    "contact",
    "coordonnees",
    "informations personnelles",
    "etat civil",
    "infos",
    "personal details",
    "personal information",
    "contact details",
)
_add("references", "references", "referees")
_add("projects", "projets", "projects", "realisations", "projets realises", "portfolio")

_GLUED = {key.replace(" ", ""): kind for key, kind in HEADINGS.items()}
_NUMBERING = re.compile(r"^\s*(?:[0-9]{1,2}|[ivxIVX]{1,4}|[a-zA-Z])\s*[.)/-]\s+")
_DECOR = re.compile(r"[^\w\s']+")
_UNDERLINE = re.compile(r"^\s*[=\-_~*]{3,}\s*$")
_INLINE = re.compile(r"^\s*([^:]{2,40}?)\s*:\s*(\S.*)$")
MAX_HEADING_WORDS = 6


@dataclass(slots=True)
class Section:
    kind: SectionKind
    title: str | None
    heading: Line | None
    lines: list[Line] = field(default_factory=list)
    # Lines introduced by an inline heading ("Langues : anglais courant") carry their own kind.
    inline_kinds: dict[int, SectionKind] = field(default_factory=dict)

    def kind_of(self, line: Line) -> SectionKind:
        return self.inline_kinds.get(line.start, self.kind)


def heading_key(text: str) -> str:
    text = _NUMBERING.sub("", text)
    text = strip_accents(text).lower().replace("’", " ").replace("'", " ")
    text = _DECOR.sub(" ", text)
    text = _STOP.sub(" ", text)
    return " ".join(text.split())


_BULLET_START = re.compile(r"^\s*[•·●▪■►*>\-–—]")


_LETTER_SPACED = re.compile(r"^\s*(?:\w\s{1,3}){3,}\w\s*$")


def _letter_spaced_kind(text: str) -> SectionKind | None:
    """ "E X P É R I E N C E S  P R O F E S S I O N N E L L E S": a heading typed with a space
    between letters, where the spaces no longer tell the words apart."""
    glued = strip_accents("".join(text.split())).lower()
    if glued in _GLUED:
        return _GLUED[glued]
    for n in range(len(glued) - 1, 5, -1):  # "competencestechniques": its first words
        if glued[:n] in _GLUED:
            return _GLUED[glued[:n]]
    return None


def heading_kind(text: str, emphasised: bool = False) -> SectionKind | None:
    """Kind of section a line announces, or None if it is not a heading."""
    if len(text) > 80 or _BULLET_START.match(text):
        return None
    if _LETTER_SPACED.match(text):
        return _letter_spaced_kind(text)
    if len(text) > 60:
        return None
    _head, colon, rest = text.partition(":")
    if colon and rest.strip():  # "Langues : anglais" is an inline heading, not a heading
        return None
    key = heading_key(text)
    if not key or len(key.split()) > MAX_HEADING_WORDS:
        return None
    if key in HEADINGS:
        return HEADINGS[key]
    # "Compétences professionnelles et techniques", "Langues parlées": first words decide, but
    # only for a line that looks like a heading ("Permis B" is content, "PERMIS B" is not).
    stripped = _NUMBERING.sub("", text).strip()
    if not (emphasised or stripped.isupper() or stripped.endswith(":") or _NUMBERING.match(text)):
        return None
    words = key.split()
    for n in (3, 2, 1):
        if len(words) > n and " ".join(words[:n]) in HEADINGS and len(words) <= n + 2:
            return HEADINGS[" ".join(words[:n])]
    return None


def split_sections(document: Document) -> list[Section]:
    """Sections in reading order.

    A column that starts without a heading does not continue the previous column's section:
    it opens a header-like section (the right column of a two-column CV often starts with the
    name and the headline). A PDF column is recognised by text starting again above the top
    of the current section on the page (a table's next cell, "dates | job | tasks", starts
    higher than the previous cell's last line but still under the section's heading); a
    DOCX/ODT layout-table cell by the previous cell holding section headings of its own, and
    more than a label: a sidebar cell has several headings or a heading and its content,
    while a label cell ("EXPÉRIENCE", maybe with the dates) leaves its section to the cell
    beside it.
    """
    sections: list[Section] = [Section("header", None, None)]
    previous: Line | None = None
    run_headings = 0  # headings in the current column run
    run_content = 0  # other lines in it
    sizes = sorted(line.size for line in document.lines if line.size)
    body_size = sizes[len(sizes) // 2] if sizes else None
    lines = document.lines
    underlines = {
        lines[k].start for k in range(1, len(lines)) if _UNDERLINE.match(lines[k].text)
    }
    for k, line in enumerate(lines):
        if line.start in underlines:
            continue  # the "=====" under a plain-text heading
        underlined = k + 1 < len(lines) and lines[k + 1].start in underlines
        emphasised = underlined or line.bold or bool(
            body_size and line.size and line.size > body_size * 1.1
        )
        # A table cell right after its left neighbour (same row) is a table's header row
        # ("Dates | Poste | Réalisations"), not three sections; a layout table's tall right
        # cell still holds real headings further down.
        header_cell = (
            previous is not None
            and line.column >= 2
            and previous.column == line.column - 1
            and (
                line.bbox is None
                or (previous.bbox is not None and line.page == previous.page
                    and abs(line.bbox[1] - previous.bbox[1]) < 2.0)
            )
        )
        kind = None if header_cell else heading_kind(line.text, emphasised)
        new_column = previous is not None and line.column != previous.column
        if previous is None or new_column or line.page != previous.page:
            restart = previous is not None and line.page == previous.page and (
                (line.bbox is not None and previous.bbox is not None
                 and line.bbox[1] < previous.bbox[1] - 1.0
                 and line.bbox[1] < _top(sections[-1], line.page) + _ROW)
                or (line.bbox is None and previous.column >= 1
                    and line.column > previous.column
                    and (run_headings >= 2 or (run_headings == 1 and run_content > 3)))
            )
            run_headings = run_content = 0
        else:
            restart = False
        previous = line
        if kind is not None:
            run_headings += 1
            sections.append(Section(kind, line.text, line))
            continue
        run_content += 1
        if restart:
            sections.append(Section("header", None, None))
        inline = _INLINE.match(line.text)
        if inline is not None:
            inline_kind = heading_kind(inline.group(1))
            if inline_kind is not None:
                sections[-1].lines.append(line)
                sections[-1].inline_kinds[line.start] = inline_kind
                continue
        sections[-1].lines.append(line)
    return [s for s in sections if s.lines or s.heading is not None]


_ROW = 10.0  # points: text starting this little under a section's top is still beside it


def _top(section: Section, page: int) -> float:
    """The top of `section` on `page` (its heading, else its first line there); infinite when
    it has no line there (any column starting higher up is then a new one)."""
    for line in ([section.heading] if section.heading else []) + section.lines:
        if line.page == page and line.bbox is not None:
            return line.bbox[1]
    return float("inf")

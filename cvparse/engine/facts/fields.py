"""Facts become draft fields: languages, diplomas and licences read line by line, one field each.

The line parsers of this package find facts; this module decides which lines they are looked
for on (a language named in a job description is not a language spoken), merges repeated
mentions into one field (the mention with a level or a year wins), and proposes the
certifications the licence parser read precisely as their ROME items. It also says which ROME
savoirs the fact fields report instead, so that a draft never proposes the same thing twice.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path

from cvparse.engine.document import Line
from cvparse.engine.facts.diplomas import NOT_REPORTED, find_diplomas
from cvparse.engine.facts.languages import find_languages_in_lines
from cvparse.engine.facts.licences import find_licences
from cvparse.engine.privacy import PrivacyResult
from cvparse.engine.profile.confidence import section_factor
from cvparse.engine.profile.models import Evidence, Field
from cvparse.engine.referential import Item, Referential
from cvparse.engine.sections import Section

DATA_DIR = Path(__file__).parent / "data"

# The section kinds where each kind of fact is looked for ("contact": a sidebar's "Permis B"
# or "Anglais courant" sits beside the phone number).
FACT_SECTIONS = {
    "language": {"languages", "skills", "header", "contact", "profile", "other", "interests"},
    "diploma": {"education", "certifications", "header", "profile", "other", "skills"},
    "licence": {
        "licences",
        "certifications",
        "skills",
        "header",
        "contact",  # "Permis B" beside the phone number, in a "Contact" cell or sidebar
        "profile",
        "other",
        "education",
        "experience",
        "interests",
    },
}
_LEARNT = ("education", "certifications")  # where a diploma's own line is
CERTIFICATION_CATEGORIES = frozenset({"Certifications", "Habilitations"})

NewId = Callable[[], str]  # the next field id of the draft being built

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_BARE_CACES = re.compile(r"^CACES ([1-7][AB]?)$")  # R489's categories; R482/R486 use letters
_DIPLOMA_LABEL = re.compile(
    r"^(?:CAP|BEP|BP|BTS|BTSA|DUT|BUT|DEUST|DCG|DSCG|Bac(?:calauréat)?|Brevet (?!d'aptitude)|"
    r"Licence|Master|"
    r"Mastère|Doctorat|Titre professionnel|Diplôme (?!d'[EÉ]tat))\b",
    re.IGNORECASE,
)


def fact_fields(
    sections: list[Section], privacy: PrivacyResult, today: date, new_id: NewId
) -> Iterable[Field]:
    """The language, diploma and licence fields of a CV, in that order, one per language,
    diploma (and year) and licence code, read on the minimised text."""
    languages: dict[str, Field] = {}
    diplomas: dict[tuple[str, int | None], Field] = {}
    diploma_kinds: dict[tuple[str, int | None], str] = {}  # the section each was read in
    licences: dict[str, Field] = {}
    for section in sections:
        kinds = [section.kind_of(line) for line in section.lines]
        spoken = find_languages_in_lines(  # a level may sit on the line below its language
            [privacy.masked(line) if k in FACT_SECTIONS["language"] else ""
             for line, k in zip(section.lines, kinds, strict=True)], kinds)
        for i, line in enumerate(section.lines):
            kind = kinds[i]
            text = privacy.masked(line)
            if not text.strip():
                continue
            factor = section_factor(kind)
            if kind in FACT_SECTIONS["language"]:
                for f in spoken[i]:
                    conf = round(
                        (0.95 if kind == "languages" else 0.85) * min(1.0, factor + 0.2), 4
                    )
                    ev = _evidence(line, f.start, f.end, text)
                    old = languages.get(f.code)
                    if old is None or (old.level is None and f.level is not None):
                        languages[f.code] = Field(
                            id="", kind="language", code=f.code, label=f.text, level=f.level,
                            confidence=conf, method="language", evidence=[ev],
                        )  # fmt: skip
            if kind in FACT_SECTIONS["diploma"]:
                for d in find_diplomas(text, today=today, section_hint=kind):
                    if d.label in NOT_REPORTED:
                        continue  # the brevet: not a diploma of the 3..8 levels
                    year = d.year  # for a diploma being prepared, the year it is expected
                    if year is None and kind in ("education", "certifications"):
                        year = _nearby_year(section.lines, i, privacy, today)
                    same = [k for k in diplomas if k[0] == d.label and (
                        k[1] is None or year is None or k[1] == year)]
                    if same and (year is None or diplomas[same[0]].year is not None):
                        continue  # one field per diploma; the mention with a year wins
                    # The education section dates a diploma; a year near it in the profile
                    # ("conseiller depuis 2019 après un BTS") does not make a second one.
                    learnt = kind in _LEARNT
                    other = [k for k in diplomas if k[0] == d.label and k not in same
                             and (diploma_kinds[k] in _LEARNT) != learnt]
                    if other and not learnt:
                        continue
                    for k in same + other:
                        del diplomas[k]
                    name = f"{d.name} (en cours)" if d.in_progress else d.name
                    diploma_kinds[(d.label, year)] = kind
                    diplomas[(d.label, year)] = Field(
                        id="", kind="diploma", code=d.label, label=name, level=d.level,
                        year=year, confidence=0.9 if kind == "education" else 0.8,
                        method="diploma", evidence=[_evidence(line, d.start, d.end, text)],
                    )  # fmt: skip
            if kind in FACT_SECTIONS["licence"]:
                for lic in find_licences(text, section_hint=kind):
                    code = licence_code(lic.code)
                    if lic.in_progress or code is None or code in licences:
                        continue  # a licence being prepared is not held yet
                    licences[code] = Field(
                        id="", kind="licence", code=code, label=lic.text,
                        confidence=0.9 if kind in ("licences", "certifications") else 0.8,
                        method=lic.kind, evidence=[_evidence(line, lic.start, lic.end, text)],
                    )  # fmt: skip
    # "IRVE" and "IRVE 2" on one CV are one qualification: keep the precise one.
    for code in [c for c in licences if any(o.startswith(c + " ") for o in licences)]:
        del licences[code]
    for group in (languages, diplomas, licences):
        for f in group.values():
            f.id = new_id()
            yield f


def licence_code(code: str) -> str | None:
    """Normalised licence code, or None for what is not a licence (a CQP is a diploma)."""
    if code.startswith("CQP"):
        return None
    bare = _BARE_CACES.match(code)
    return f"CACES R489 {bare.group(1)}" if bare else code


@lru_cache(maxsize=1)
def _licence_rows() -> tuple[dict[str, str], ...]:
    with (DATA_DIR / "licence_items.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def licence_items() -> dict[str, str]:
    """Normalised licence code → the ROME certification item it is (data file, reviewable)."""
    return {row["licence"]: row["item_id"] for row in _licence_rows()}


def savoir_only() -> frozenset[str]:
    """Codes the licence parser reads that are ROME savoirs but not licences (`is_licence` 0
    in the data file): HACCP is a method ROME files under "Normes et procédés", and a short
    training, not a licence or a regulated certificate."""
    return frozenset(row["licence"] for row in _licence_rows() if row["is_licence"] == "0")


def merge_certifications(
    referential: Referential, facts: list[Field], fields: list[Field], new_id: NewId
) -> tuple[list[Field], list[Field], list[Field]]:
    """Certifications the licence parser read precisely ("CACES R489 cat. 1A, 3 et 5") are
    also proposed as their ROME items, one per category; a looser matcher reading of the same
    words as some other certification item gives way to them.

    Codes that are savoirs, not licences (HACCP, see `savoir_only`), leave the facts: they are
    proposed as their item only.

    Returns the fields (those that gave way dropped, the new ones last), the facts kept and the
    new fields."""
    mapping = licence_items()
    have = {f.code for f in fields if f.kind == "competence"}
    added: list[Field] = []
    licences = [f for f in facts if f.kind == "licence"]
    not_licences = savoir_only()
    kept = [f for f in facts if not (f.kind == "licence" and f.code in not_licences)]
    for lic in licences:
        item_id = mapping.get(lic.code or "")
        if item_id is None or item_id not in referential.items or item_id in have:
            continue
        have.add(item_id)
        item = referential.items[item_id]
        added.append(Field(
            id=new_id(), kind="competence", code=item_id, label=item.label,
            item_kind=item.kind, confidence=lic.confidence, method="licence",
            evidence=lic.evidence,
        ))  # fmt: skip
    if not added:
        return fields, kept, added
    spans = [(e.start, e.end) for f in added for e in f.evidence]

    def covered(f: Field) -> bool:
        item = referential.items.get(f.code or "")
        return (
            f.kind == "competence"
            and item is not None
            and item.category in CERTIFICATION_CATEGORIES
            and all(any(s <= e.start < t or e.start <= s < e.end for s, t in spans)
                    for e in f.evidence)
        )

    dropped = {f.id for f in fields if covered(f)}
    return [f for f in fields if f.id not in dropped] + added, kept, added


def reported_elsewhere(item: Item) -> bool:
    """Languages, driving-licence categories and school diplomas are ROME savoirs too, but a
    draft reports them as `language`, `licence` and `diploma` fields with normalised codes:
    proposing them twice would make the advisor decide twice. Diplômes d'État stay: ROME
    lists them as the qualification a regulated trade requires."""
    return (
        item.category == "Langues"
        or item.label.startswith("Permis de conduire")
        or (item.kind == "savoir" and bool(_DIPLOMA_LABEL.match(item.label)))
    )


def _evidence(line: Line, start: int, end: int, text: str) -> Evidence:
    return Evidence(
        page=line.page, start=line.start + start, end=line.start + end, text=text[start:end]
    )


def _nearby_year(lines: list[Line], i: int, masked: PrivacyResult, today: date) -> int | None:
    """The year of a diploma written on the line before or after it ("BSc in Computer
    Science" / "University of Leeds, 2014"), or in a date column: a line holding only a date,
    before the diploma when the section's first date line comes before its first diploma
    ("2014" / "Titre professionnel Soudeur" / "2019" / …), after it otherwise."""
    texts = [masked.masked(line) for line in lines]
    order = (i + 1, i - 1)
    if i > 0 and _DATE_ONLY.match(texts[i - 1]) and _dates_lead(texts, today):
        order = (i - 1, i + 1)
    for j in order:
        if 0 <= j < len(lines):
            years = [int(y) for y in _YEAR.findall(texts[j])]
            years = [y for y in years if y <= today.year + 1]
            if years and not find_diplomas(texts[j], today=today):
                return max(years)
    return None


_DATE_ONLY = re.compile(r"^[\s(]*(?:(?:\d{1,2}[/.])?(?:19|20)\d\d[\s)–—-]*){1,2}$")


def _dates_lead(texts: list[str], today: date) -> bool:
    """Whether a section lays its date column out before the diplomas."""
    for text in texts:
        if _DATE_ONLY.match(text):
            return True
        if find_diplomas(text, today=today):
            return False
    return False

"""Detectors per category of personal data (GDPR art. 4 and 9; CNIL guidance on recruitment).

Each detector returns spans of a line to mask. Birth date, nationality and family status mask
the whole line but the facts it also carries ("Née le … – Mariée – Permis B, véhiculée –
anglais courant": the licence, the vehicle, the languages and a job title standing in its own
segment stay, see `_facts_to_keep`); a health line goes whole; contact and opinion detectors
mask only the matched words so a job title on the same line survives.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from cvparse.engine.document import Document, Line
from cvparse.engine.facts.languages import find_languages
from cvparse.engine.facts.licences import find_licences
from cvparse.engine.sections import Section
from cvparse.engine.text import fold_same_length, unaccent_lower

DATA_DIR = Path(__file__).parent / "data"

# Sections where personal words are about the person, not about the job.
PERSONAL_SECTIONS = frozenset({"header", "contact", "interests", "other", "profile"})

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
URL = re.compile(
    r"\b(?:https?://|www\.)\S+|\b(?:linkedin\.com|github\.com|viadeo\.com)/\S*", re.IGNORECASE
)
PHONE = re.compile(
    r"(?<![\d/.])(?:(?:\+|00)\s?\d{2,3}[\s.\-]?(?:\(0\)\s?)?[1-9]|0[1-9])(?:[\s.\-]?\d{2}){4}(?![\d/])"
)
INTL_PHONE = re.compile(r"\+\d{1,3}(?:[\s.\-]?\d){7,12}")
STREET = re.compile(
    r"\b\d{1,4}\s*(?:bis|ter)?,?\s+(?:rue|avenue|av\.?|boulevard|bd|allée|allee|chemin|impasse|"
    r"place|route|cours|quai|square|résidence|residence|lotissement|hameau|lieu[- ]dit|rés\.?|"
    r"street|st\.|road|rd\.?|lane)\b[^,\n;|–—]*",
    re.IGNORECASE,
)
POSTCODE_CITY = re.compile(
    r"\b(?:F-)?(?:0[1-9]|[1-8]\d|9[0-8])\d{3}\s+[A-ZÉÈÂÎÔa-zéèêëàâîïôöûüç][\w'’\- ]{1,40}",
    re.UNICODE,
)
# Parts of an address written without a number ("Cité des Cheminots", "Quartier Bois-d'Inde",
# "Lieu-dit Kerhuel", "case 12", "Tribu de Saint-Louis", "BP 123"): overseas and rural
# addresses are often only that. Masked where the line or its neighbour holds an address.
ADDRESS_PART = re.compile(
    r"\b(?:cité|cite|quartier|lieu[- ]dit|résidence|residence|rés\.|hameau|lotissement|"
    r"village|tribu|section|case|bâtiment|batiment|bât\.?|bat\.|appartement|appt\.?|"
    r"escalier|esc\.|étage|boîte postale|bp|cedex|pk|servitude|impasse|chemin|route|sentier|"
    r"ruelle|allée|allee|le bourg|mas|domaine|zac|zi|za)\b[^,\n;|–—•·]*",
    re.IGNORECASE,
)
# What separates the items of a contact line ("49100 Angers – 06 … – Permis B"); commas do
# not: they join the parts of one address.
_CONTACT_ITEM = re.compile(r"\s[–—|•·/]\s|\t|\s{3,}")
HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_.]{3,}")  # Instagram, X… handles
# Card, permit and file numbers: a long digit run, or letters followed by a dashed number
# ("CAR-083-2030-01-15-20190123456"). They identify a person as surely as a name.
ID_NUMBER = re.compile(r"\b\d{9,}\b|\b[A-Z]{2,}-\d[\dA-Z-]{7,}")
SOCIAL_SECURITY = re.compile(
    r"\b[12]\s?\d{2}\s?(?:0[1-9]|1[0-2])\s?\d{2}\s?\d{3}\s?\d{3}\s?\d{2}\b"
)
BIRTH = re.compile(
    r"\bn[ée]e?\s+(?:le|en|à)\b|\bdate\s+(?:de\s+)?naissance\b|\bborn\b|\bdate\s+of\s+birth\b|"
    r"\bd\.?o\.?b\.?\b|\bâge\s*:|\bage\s*:",
    re.IGNORECASE,
)
AGE = re.compile(r"\b\d{2}\s*(?:ans|years old|yo)\b(?!\s*(?:d['’]|de |of ))", re.IGNORECASE)
NATIONALITY_CUE = re.compile(r"\bnationalit[ée]|\bnationality\b|\bcitizenship\b", re.IGNORECASE)
FAMILY = re.compile(
    r"\b(?:marié(?:e|\(e\))?|mariee|célibataire|celibataire|pacs[ée]e?|divorc[ée]e?|"
    r"veu(?:f|ve)|en couple|concubinage|situation familiale|\d+\s+enfants?|mère de|père de|"
    r"married|single|divorced|"
    r"widowed|\d+\s+children)\b",
    re.IGNORECASE,
)
_CIVILITIES = r"(?:M\.|Mme\.?|Mlle\.?|Madame|Monsieur|Mademoiselle|Mr\.?|Mrs\.?|Ms\.?)"
GENDER = re.compile(
    rf"^\s*{_CIVILITIES}(?=\s)|"
    r"\bsexe\s*:\s*\w+|\bgenre\s*:\s*\w+|\bgender\s*:\s*\w+",
    re.IGNORECASE,
)
CIVILITY = re.compile(rf"^\s*{_CIVILITIES}\s+", re.IGNORECASE)  # before a name
LABELLED_NAME = re.compile(
    r"^\s*(?:nom|prénom|prenom|nom de famille|name|first name|last name)"
    r"\s*:\s*(.+)$",
    re.IGNORECASE,
)
NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]+$")

HEADER_ZONE_LINES = 12  # name and contact sit near the top of a CV

# A line of personal data often carries facts too: "Née le 08/09/1972 – Divorcée – Permis B,
# véhicule personnel". Such a line is masked but for these facts (see `_facts_to_keep`).
VEHICLE = re.compile(
    r"\bv[ée]hicule\s+(?:personnel|perso)\b|\bv[ée]hicul[ée](?:e|\(e\))?s?\b|\bmotoris[ée]e?\b"
    r"|\bown\s+(?:car|vehicle|transport)\b",
    re.IGNORECASE,
)
FACT_JOINER = re.compile(r"[\s,/&+]*(?:\b(?:et|and|ou|or)\b)?[\s,/&+]*", re.IGNORECASE)
SEGMENT_SEP = re.compile(r"\s+[–—·•|/-]\s+|\s*[•·|;\t]\s*")
SEGMENT_WORD = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]*$")
# A one-word segment kept as a job title must look like one ("Soudeur", "Infirmière"): a town
# ("Tours", "Angers") may be job vocabulary too.
JOB_SUFFIX = re.compile(
    r"(?:eur|euse|rice|ier|iere|ière|iste|ien|ienne|ant|ante|er|ère|ere|aire|able|esse|tre)s?$",
    re.IGNORECASE,
)
# Nor is a segment of an address a job title ("Résidence Les Jardins").
ADDRESS_WORD = re.compile(
    r"\b(?:rue|avenue|av|boulevard|bd|all[ée]e|chemin|impasse|place|route|quai|square|cours"
    r"|r[ée]sidence|r[ée]s|lotissement|hameau|lieu-dit|quartier|village|cit[ée]|b[âa]timent|bât"
    r"|bat|appartement|appt|escalier|porte|case|bo[îi]te|bp|cedex)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class PrivacyResult:
    masked_text: str
    excluded: dict[str, int]
    name_tokens: frozenset[str] = field(default_factory=frozenset)

    def masked(self, line: Line) -> str:
        return self.masked_text[line.start : line.end]


@cache
def _terms(name: str) -> re.Pattern[str]:
    words = []
    for raw in (DATA_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        raw = raw.strip()
        if raw and not raw.startswith("#"):
            words.append(re.escape(unaccent_lower(raw)).replace(r"\ ", r"\s+"))
    words.sort(key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(words) + r")\b")


@cache
def _first_names() -> frozenset[str]:
    """Common given names (data/first_names.txt), accents and case folded."""
    lines = (DATA_DIR / "first_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(
        unaccent_lower(raw.strip()) for raw in lines if raw.strip() and not raw.startswith("#")
    )


class _Masker:
    def __init__(self, document: Document) -> None:
        self.chars = list(document.text)
        self.counts: Counter[str] = Counter()

    def span(self, line: Line, start: int, end: int, category: str) -> None:
        for i in range(line.start + start, min(line.start + end, line.end)):
            self.chars[i] = " "
        self.counts[category] += 1

    def whole(self, line: Line, category: str) -> None:
        self.span(line, 0, len(line.text), category)

    def whole_except(self, line: Line, keep: list[tuple[int, int]], category: str) -> None:
        """The whole line but the spans in `keep` (masked before stays masked)."""
        cursor = 0
        for start, end in sorted(keep):
            if start > cursor:
                self.span(line, cursor, start, category)
                self.counts[category] -= 1
            cursor = max(cursor, end)
        self.span(line, cursor, len(line.text), category)


def detect_and_mask(
    document: Document, sections: list[Section], known_words: Container[str] = frozenset()
) -> PrivacyResult:
    """Mask personal data in `document.text`; `known_words` (job and skill vocabulary: a word
    as written is `in` it, see `cvparse.engine.match.normalise.KnownWords`) tell job words from
    names."""
    masker = _Masker(document)
    header_lines: set[int] = set()
    for section in sections:
        if section.kind in ("header", "contact"):
            header_lines.update(line.start for line in section.lines)
    first_lines = {line.start for line in document.lines[:HEADER_ZONE_LINES]}
    names: set[str] = set()

    for section in sections:
        for line in section.lines:
            kind = section.kind_of(line)
            personal = kind in PERSONAL_SECTIONS or line.start in header_lines
            _detect_line(
                masker, line, kind, personal, line.start in first_lines, known_words, names
            )

    if names:
        # The name again elsewhere ("Références : Julien Martin"), as written or in capitals,
        # never a lower-case word: a stonemason called Pierre keeps "taille de pierre".
        forms = {form for n in names for form in (n, n.upper(), n.capitalize())}
        pattern = re.compile(
            r"\b(?:"
            + "|".join(re.escape(n) for n in sorted(forms, key=len, reverse=True))
            + r")\b"
        )
        text = "".join(masker.chars)
        for line in document.lines:
            for m in pattern.finditer(text[line.start : line.end]):
                masker.span(line, m.start(), m.end(), "identity")
    if document.images:
        masker.counts["photo"] += document.images
    excluded = {k: v for k, v in sorted(masker.counts.items()) if v}
    return PrivacyResult("".join(masker.chars), excluded, frozenset(names))


def _detect_line(
    masker: _Masker,
    line: Line,
    kind: str,
    personal: bool,
    near_top: bool,
    known_words: Container[str],
    names: set[str],
) -> None:
    text = line.text
    folded = fold_same_length(text)  # same length: spans map back
    for pattern, category in (
        (EMAIL, "contact"),
        (URL, "contact"),
        (HANDLE, "contact"),
        (SOCIAL_SECURITY, "identity"),
        (ID_NUMBER, "identity"),
    ):
        for m in pattern.finditer(text):
            masker.span(line, m.start(), m.end(), category)
    for pattern in (PHONE, INTL_PHONE):
        for m in pattern.finditer(text):
            masker.span(line, m.start(), m.end(), "contact")
    for start, end in _address_spans(text, personal):
        masker.span(line, start, end, "contact")
    # A line may hold several of these ("Date of birth … • Nationality … • Married"): every
    # category found is counted, and the whole line goes.
    whole_line = [
        category
        for category, found in (
            ("birth_date", BIRTH.search(text)),
            (
                "nationality",
                NATIONALITY_CUE.search(text)
                or (personal and _terms("nationality").fullmatch(folded.strip(" .:"))),
            ),
            ("family_status", personal and FAMILY.search(text)),
        )
        if found
    ]
    if personal and "birth_date" not in whole_line:
        for m in AGE.finditer(text):
            masker.span(line, m.start(), m.end(), "birth_date")
    if whole_line:
        keep = _facts_to_keep(text, known_words)
        for category in whole_line:
            masker.whole_except(line, keep, category)
        return
    for m in GENDER.finditer(text):
        masker.span(line, m.start(), m.end(), "gender")
    if _terms("health").search(folded):
        # A health disclosure rarely stands alone ("RQTH – poste sans port de charges"):
        # the whole line goes.
        masker.whole(line, "health")
        return
    for name, category in (
        ("religion", "religion"),
        ("political", "political_opinion"),
        ("union", "union_membership"),
    ):
        for m in _terms(name).finditer(folded):
            masker.span(line, m.start(), m.end(), category)
    if personal:
        for m in _terms("health_personal").finditer(folded):
            masker.span(line, m.start(), m.end(), "health")
    labelled = LABELLED_NAME.match(text)
    if labelled:
        masker.whole(line, "identity")
        names.update(_name_words(re.split(r"[\s,]+", labelled.group(1))))
        return
    # "M. Julien MARTIN": the civility (already counted as a gender marker) is not part of
    # the name, and must not hide it.
    bare = CIVILITY.sub("", text, count=1)
    if (personal or near_top) and _looks_like_name(bare, known_words, near_top):
        masker.whole(line, "identity")
        names.update(_name_words(bare.split()))


def _address_spans(text: str, personal: bool) -> list[tuple[int, int]]:
    """Where a line writes an address: the street and, in personal sections, the postcode and
    town; and then the whole contact item they stand in ("Cité des Cheminots, 5 rue Pasteur,
    59300 Valenciennes"), up to the separators between contact items, so that a licence or a
    job on the same line ("… – Permis B") stays readable."""
    found = [(m.start(), m.end()) for m in STREET.finditer(text)]
    if personal:
        found += [(m.start(), m.end()) for m in POSTCODE_CITY.finditer(text)]
    if not found:
        return []
    bounds = [0] + [x for m in _CONTACT_ITEM.finditer(text) for x in (m.start(), m.end())]
    bounds.append(len(text))
    items = list(zip(bounds[::2], bounds[1::2], strict=False))
    spans = list(found)
    for item_start, item_end in items:
        if any(item_start <= s < item_end for s, _ in found):
            spans.extend(
                (item_start + m.start(), item_start + m.end())
                for m in ADDRESS_PART.finditer(text[item_start:item_end])
            )
            # The parts before the street or postcode, separated by commas, are address too.
            first = min(s for s, _ in found if item_start <= s < item_end)
            if text[item_start:first].rstrip().endswith(","):
                spans.append((item_start, first))
    return spans


# Particles of surnames ("Yannick LE GOFF", "Ana DA SILVA"): masked on the name line, but not
# looked for elsewhere — "le", "de" are everywhere in a French CV.
NAME_PARTICLES = frozenset({
    "de", "du", "des", "la", "le", "da", "das", "di", "do", "dos", "van", "von", "der", "den",
    "del", "della", "el", "al", "ben", "bin",
})


def _name_words(words: list[str]) -> set[str]:
    return {w for w in words if len(w) >= 2 and w.lower() not in NAME_PARTICLES}


def _looks_like_name(text: str, known_words: Container[str], near_top: bool) -> bool:
    """A person's name: 2–4 capitalised words, no digits, not job or skill vocabulary.

    "Marie DUPONT" (an upper-case surname) is a name anywhere in the header; "Marie Dupont"
    only near the top, and only if it starts with a common given name ("Julien Martin", whose
    words are also "julienne" and "marin") or if none of its words is referential vocabulary
    (so a headline such as "Développeur Web" is not taken for a name).
    """
    words = text.replace("–", " ").split()
    if not 2 <= len(words) <= 4 or any(not NAME_WORD.match(w) for w in words):
        return False
    in_vocab = sum(w in known_words for w in words)
    has_upper_surname = any(w.isupper() and len(w) >= 2 for w in words)
    if has_upper_surname and any(not w.isupper() for w in words):
        # "Julien MARCHAND": the capitals say surname even when the words are also job
        # vocabulary (Marchand, Boulanger…); a heading was already ruled out by the caller.
        return True
    if near_top and unaccent_lower(words[0]) in _first_names():
        return True
    return near_top and in_vocab == 0


def _facts_to_keep(text: str, known_words: Container[str]) -> list[tuple[int, int]]:
    """Spans of a personal-data line that are facts, not personal data: licences held, a
    vehicle, languages, and a job title standing in its own segment ("Formateur d'adultes — 44
    ans — marié"). Nothing that touches a personal cue is kept; the rest of the line goes."""
    cues = [
        m.span()
        for pattern in (BIRTH, NATIONALITY_CUE, FAMILY, AGE, GENDER, EMAIL, URL, PHONE)
        for m in pattern.finditer(text)
    ]
    spans = [(f.start, f.end) for f in find_licences(text) if not f.in_progress]
    spans += [(f.start, f.end) for f in find_languages(text)]
    spans += [m.span() for m in VEHICLE.finditer(text)]
    start = 0
    for sep in [*SEGMENT_SEP.finditer(text), None]:
        end = sep.start() if sep else len(text)
        if _is_job_segment(text[start:end], known_words):
            spans.append((start, end))
        start = sep.end() if sep else end
    kept = sorted(
        (s, e) for s, e in spans
        if not any(s < ce and cs < e for cs, ce in cues)
    )
    # "arabe et français courants": the words joining two kept facts stay with them.
    merged: list[tuple[int, int]] = []
    for s, e in kept:
        if merged and (s <= merged[-1][1] or FACT_JOINER.fullmatch(text, merged[-1][1], s)):
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _is_job_segment(segment: str, known_words: Container[str]) -> bool:
    words = segment.replace("’", "'").split()
    if not 1 <= len(words) <= 6 or any(not SEGMENT_WORD.match(w) for w in words):
        return False
    folded = fold_same_length(segment)
    if _terms("nationality").search(folded) or FAMILY.search(segment):
        return False
    if ADDRESS_WORD.search(segment):
        return False
    if _looks_like_name(segment, known_words, near_top=True):
        return False
    stems = [w.split("'")[-1] for w in words]
    known = [w for w in stems if len(w) >= 4 and w in known_words]
    if len(words) == 1:
        return bool(known) and JOB_SUFFIX.search(words[0]) is not None
    return bool(known) and words[0][0].isupper()

"""The job a CV seeks, where a sentence says so ("à la recherche d'une alternance en tant que
vendeuse", "Objectif : poste de conducteur de travaux", "seeking an internship as a data
analyst"), and the trade a diploma trains for.

Students, young graduates and career changers often hold no job title yet: the job they want
is the strongest evidence of the métier an advisor will record. Such a sentence is too long to
be read as a title line, so its object is cut out here and handed to matching as a title-like
phrase marked `target` (the draft's métier then says `method: "target"`). Only the object is
handed on: "recherche" or "poste" must not match skills, and the rest of the sentence (a town,
a date, a contract type) must not dilute the title.

A diploma's speciality often names a trade ("CAP Menuisier fabricant", "Diplôme d'État
d'aide-soignant", "Titre professionnel Agent de propreté"): for a student or a young graduate
with no job title yet, it is the field of study the issue asks a métier from (`study_spans`;
the draft uses it only when the CV names no job held or sought).
"""

from __future__ import annotations

import re

# What introduces the job sought, in French and English (accents and case ignored by the
# pattern's alternatives; the object follows).
_MARKERS = (
    r"(?:à|a)\s+la\s+recherche\s+d[’'e]\s*",
    r"(?:je\s+)?recherche\s+(?=(?:un|une|d[’']|mon|ma|activement)\b)",
    r"souhaite\s+(?:devenir|exercer\s+(?:le\s+métier|la\s+profession)\s+d[’'e]\s*|"
    r"intégrer\s+(?:un|une)\s+poste\s+d[’'e]\s*|évoluer\s+vers\s+(?:un\s+poste\s+d[’'e]\s*)?|"
    r"me\s+reconvertir\s+(?:en|dans|comme)\s+|travailler\s+comme\s+)",
    r"en\s+vue\s+de\s+devenir\s+",
    r"reconversion\s+(?:professionnelle\s+)?(?:vers|en|dans|comme)\s+",
    r"(?:projet|objectif)\s+professionnel\s*[:–-]\s*",
    r"(?:poste|emploi|métier|job)\s+(?:recherché|visé|souhaité|ciblé)\s*[:–-]?\s*",
    r"objectif\s*[:–-]\s*",
    r"candidat(?:e)?\s+(?:au|à\s+un|pour\s+(?:le|un))\s+poste\s+d[’'e]\s*",
    r"(?:currently\s+)?(?:seeking|looking\s+for|searching\s+for|applying\s+for)\s+",
    r"(?:career\s+)?objective\s*[:–-]\s*",
    r"(?:target|desired)\s+(?:role|position|job)\s*[:–-]?\s*",
    r"aspiring\s+",
    r"to\s+become\s+(?:an?\s+)?",
)
_MARKER = re.compile("|".join(f"(?:{m})" for m in _MARKERS), re.IGNORECASE)
# Words between the marker and the job itself: the kind of contract, "premier", "poste de".
_LEAD = re.compile(
    r"^(?:(?:de\s+\d+\s+(?:mois|semaines|ans|an)|d[’']une?\s+durée\s+de\s+\d+\s+(?:mois|semaines)|"
    r"contrat\s+d[’']apprentissage|contrat\s+de\s+professionnalisation|en\s+tant\s+que|"
    r"au\s+sein\s+d[’']une?|devenir|become|un|une|le|la|l[’']|d[’']|de|du|des|mon|ma|mes|a|an|the|my|new|first|"
    r"premier|première|nouvel|nouveau|nouvelle|nouveaux|activement|"
    r"poste|postes|emploi|emplois|job|jobs|métier|contrat|contrats|cdi|cdd|intérim|mission|"
    r"missions|stage|stages|alternance|apprentissage|professionnalisation|"
    r"position|positions|role|roles|opportunity|opportunities|internship|apprenticeship|"
    r"placement|career|full[- ]time|part[- ]time|permanent|temporary|entry[- ]level|"
    r"junior|as|en|comme|dans|in|of|d[’']une?"
    r")\b[\s,]*)+",
    re.IGNORECASE,
)
# Where the object ends: a clause break, a place or a time ("à Lyon", "from September").
_END = re.compile(
    r"\s*(?:[.;!?()\[\]]|\s[–—-]\s|,\s|:\s|"
    r"\s(?:à|sur|near|from|starting|dès|pour|afin|secteur|région|region|within|at|dans|"
    r"chez|au\s+sein|with|where|où|avec|in\s+the|in\s+a)\s|"
    r"\sin\s+(?=[A-Z0-9]))",
)
_TRAILING = re.compile(
    r"(?:\s+(?:ou|or|et|and|de|d[’']|du|des|la|le|les|in|the|of|a|an|en|to|for|role|position|"
    r"job|poste))+\s*$",
    re.IGNORECASE,
)
_ALTERNATIVES = re.compile(r"\s+(?:ou|or|/|et|and)\s+|\s*/\s*")
MAX_TARGET_WORDS = 8  # longer objects are sentences, not job names


def target_spans(text: str) -> list[tuple[int, str]]:
    """(offset, job sought) for each job a line says it seeks; alternatives ("en menuiserie
    ou en agencement") each get their own span."""
    out: list[tuple[int, str]] = []
    for marker in _MARKER.finditer(text):
        rest = text[marker.end():]
        end = _END.search(rest)
        obj = rest[: end.start()] if end else rest
        position = marker.end()
        for alt in _split_alternatives(obj):
            start, piece = alt
            lead = _LEAD.match(piece)
            if lead:
                start += lead.end()
                piece = piece[lead.end():]
            piece = _TRAILING.sub("", piece.strip(" ,'’")).strip(" ,'’")
            if piece and len(piece.split()) <= MAX_TARGET_WORDS and any(c.isalpha() for c in piece):
                out.append((position + start, piece))
    return out


def _split_alternatives(obj: str) -> list[tuple[int, str]]:
    parts: list[tuple[int, str]] = []
    position = 0
    for sep in _ALTERNATIVES.finditer(obj):
        parts.append((position, obj[position : sep.start()]))
        position = sep.end()
    parts.append((position, obj[position:]))
    return [(start + len(p) - len(p.lstrip()), p.strip()) for start, p in parts if p.strip()]


# A diploma and its speciality: "BTS Maintenance des systèmes", "CAP Menuisier fabricant",
# "Diplôme d'État d'infirmier", "Titre professionnel Préparateur de commandes".
_DIPLOMA = re.compile(
    r"\b(?:CAP|BEP|BP|Bac(?:calauréat)?\s+pro(?:fessionnel)?|BTSA?|DUT|BUT|DEUST|"
    r"Licence\s+pro(?:fessionnelle)?|Titre\s+pro(?:fessionnel)?|CQP|"
    r"Mention\s+complémentaire|Diplôme\s+d['’](?:É|E)tat|DE|Brevet\s+professionnel)\b"
    r"\s*(?:[:–-]\s*)?(?:d['’]|de\s+|du\s+|en\s+|des\s+)?",
)
_STUDY_END = re.compile(
    r"\s*(?:[,;()\[\]]|\s[–—-]\s|\s(?:option|spécialité|mention|à|au|en\s+alternance|"
    r"en\s+cours|obtenu|obtenue)\b|$)"
)


def study_spans(text: str) -> list[tuple[int, str]]:
    """(offset, speciality) of each diploma a line names with a trade speciality."""
    out: list[tuple[int, str]] = []
    for diploma in _DIPLOMA.finditer(text):
        rest = text[diploma.end():]
        end = _STUDY_END.search(rest)
        piece = rest[: end.start()] if end else rest
        piece = _TRAILING.sub("", piece.strip(" ,'’")).strip(" ,'’")
        if piece and len(piece.split()) <= MAX_TARGET_WORDS and any(c.isalpha() for c in piece):
            out.append((diploma.end() + rest.index(piece), piece))
    return out

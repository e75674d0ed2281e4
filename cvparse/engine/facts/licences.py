"""Driving licences, CACES, electrical clearances and short certifications (SST, AIPR, …).

Codes are normalised so they can be matched against job-offer requirements:

* driving (kind "driving"): the permit category as printed on the licence: "B", "A2", "BE",
  "C1E", "CE", "D", … ("EB"/"EC"/"ED" are old spellings of "BE"/"CE"/"DE"); "permis poids
  lourd" → "C", "super lourd" → "CE", "transport en commun" → "D", "moto" → "A"; a bare
  "permis de conduire" or "driving licence" ("full clean driving licence", "UK licence") is
  taken as "B", the licence meant when no category is given. Categories may follow in a
  sentence ("titulaire du permis C depuis 2015") or a list ("Driving licences: B, C, CE",
  "Permis B – C – CE"). FIMO and FCO (driver qualification) are also kind "driving".
* CACES (kind "caces"): "CACES R489 3", one fact per category ("cat. 1, 3 et 5" gives three);
  the recommendation is kept as written, old ones included ("R389"); when only the machine
  is named it is inferred (chariot → R489, nacelle → R486, engins de chantier → R482,
  grue auxiliaire → R490, gerbeur → R485); "CACES 3" when no recommendation can be known,
  "CACES" alone when nothing more is said.
* electrical (kind "electrical"): one fact per symbol (NF C18-510): "B1V-BR" → "B1V" and
  "BR", "B2V, BR et BC" → three, "H0B0" → "H0" and "B0" (two clearances, as the dev set and
  samples/GOLD.md code them); vehicle ones (NF C18-550: "B0L", "B2VL", …); in English
  "electrical clearance B1V"; a clearance with no symbol is "Habilitation électrique". The
  IRVE qualification (charging points) is "IRVE 1/2/3".
* certification: "SST", "PSC1" (AFPS, its predecessor, is reported as PSC1), "PSE1",
  "PSE2", "AFGSU 1/2", "SSIAP 1/2/3", "AIPR" ("AIPR opérateur" when the role is written),
  "ADR", "BAFA", "BAFD", "CQP APS", "Certiphyto", the F-gas attestation ("Attestation fluides
  frigorigènes cat. 1", "Refrigerant handling certificate, category 5"), welder
  qualifications ("EN ISO 9606-1", "EN 287-1"), capacity certificates ("Certificat de
  capacité de prélèvements sanguins"), and the security agent's "Carte professionnelle
  CNAPS" (VTC and taxi cards likewise); a "carte professionnelle" that says neither is left
  out: it could be any trade's card. "HACCP" is read too, for the ROME savoir it is; it is no
  licence (`cvparse.engine.facts.fields.savoir_only`).

Held only: a licence "en cours" is flagged `in_progress`, and an expired one ("CACES 1 et 3
(périmés)", "FCO à repasser (échue en 2022)", "SST (expired)") gives no fact at all — nor does
the FIMO an expired FCO was renewing.

"Véhiculé(e)" is a means of transport, not a licence: no fact. Category codes that are also
CEFR levels or habilitation codes ("B2", "C1", "A1", "BR") only count after "permis" /
"licence" or, with `section_hint="licences"`, at the start of a line of that section.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cvparse.engine.facts.models import LicenceFact, LicenceKind
from cvparse.engine.text import fold_per_char

# Every pattern below needs one of these; most CV lines have none and stop here.
_ANY_KEYWORD_RE = re.compile(
    r"permis|licen[cs]e|fimo|fco|obligatoire|caces|habilit|ssiap|s\.?s\.?t|psc|pse|haccp|aipr"
    r"|adr|baf[ad]|cqp|sauveteur|secours|afps|afgsu|irve|carte\s+pro|[bh][0-2]|clearance"
    r"|electrical|frigorig|refrigerant|f[\s-]?gas|phyto|9606|en\s*287|capacite"
)
_IN_PROGRESS_AFTER_RE = re.compile(
    # "en cours de validité" / "de renouvellement": held, not being obtained.
    r"[\s(:\-]*(?:en\s+cours(?!\s+de\s+(?:validite|renouvellement|recyclage))|en\s+preparation|in\s+progress|code\s+(?:de\s+la\s+route\s+)?"
    r"(?:obtenu|en\s+poche|ok|valide)|a\s+passer|prevu)"
)
_IN_PROGRESS_BEFORE_RE = re.compile(
    r"(?:preparation|passage|apprentissage|en\s+cours|formation)\s+(?:du|au|de|d'un|d')?\s*\Z"
)

# --- driving ---------------------------------------------------------------------------------

# English: "full clean driving licence", "Driving licences: B, C", "UK/EU licence categories
# B, C, CE" (a bare "licence" is a French degree: only with "driving", a country or "cat.").
_EN_LICENCE = (
    r"(?:(?:full|clean|valid|current)\s+)*"
    r"(?:(?:uk|eu|european|french|us|international)(?:\s*[/&+]\s*(?:uk|eu|european|french))*"
    r"\s+)?(?:(?:driving|driver'?s?)\s+licen[cs]es?|licen[cs]es?(?=\s+(?:cat|class)))"
)
_PERMIS_RE = re.compile(
    rf"\b(?:(?P<full>permis\s+de\s+conduire|{_EN_LICENCE})"
    r"|(?P<country>(?:uk|eu|european)(?:\s*[/&+]\s*(?:uk|eu|european))*\s+licen[cs]es?)"
    r"|permis)\b"
)
_CATEGORY_FILLER_RE = re.compile(
    r"\s*(?:[:(\-]\s*)?(?:(?:cat(?:egorie|egories|egory|egories|s)?|class(?:es)?|type)\b\.?"
    r"\s*:?\s*)?"
)
_CATEGORY_RE = re.compile(
    r"(?P<c>c1e|d1e|b96|c1|d1|a1|a2|am|b1|be|ce|de|eb|ec|ed|a|b|c|d)\b(?!['’])"
)
# Lower-case "a", "de", "be", "ec" … are words ("permis de construire"); these are not.
_LOWERCASE_OK = frozenset({"b", "c", "d", "c1", "ce", "c1e", "d1", "a1", "a2", "am", "b96"})
_CATEGORY_SEP_RE = re.compile(r"\s*(?:,|/|\+|&|-|\bet\b|\band\b|\bou\b|\bor\b)\s*")
_OLD_CATEGORY = {"EB": "BE", "EC": "CE", "ED": "DE"}
_PERMIS_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"super[\s-]lourds?\b|spl\b"), "CE"),
    (re.compile(r"poids[\s-]lourds?\b|pl\b"), "C"),
    (re.compile(r"transports?\s+en\s+commun\b|tc\b|bus\b|autocars?\b"), "D"),
    (re.compile(r"motos?\b"), "A"),
    (re.compile(r"voiture\b|vl\b|automobile\b|auto\b"), "B"),
    (re.compile(r"remorque\b"), "BE"),
)
_SECTION_CATEGORIES_RE = re.compile(r"[\s•·*:-]*(?:(?:permis|cat(?:egories?|s)?\.?)\s*:?\s*)?")
_FIMO_RE = re.compile(
    r"\b(?:(?P<fimo>fimo|formation\s+initiale\s+minimale\s+obligatoire)"
    r"|(?P<fco>fco|formation\s+continue\s+obligatoire))\b(?:\s+(?:marchandises|voyageurs))?"
)

# --- CACES -----------------------------------------------------------------------------------

_CACES_RE = re.compile(r"\bcaces\b\s*®?")
_CACES_FILLER_RE = re.compile(
    r"(?:[\s:.,;/&+()\-®]+|\b(?:et|and|cat(?:egories|egorie|egory|s)?|n°|no|type|option"
    r"|recommandations?|de|des|du|pour|la|le|les)\b\.?)+"
)
_CACES_REC_RE = re.compile(r"r\s?\.?\s?(?P<r>\d{3})(?P<m>m)?\b")
_CACES_CATEGORY_RE = re.compile(
    r"(?P<c>1a|1b|2a|2b|3a|3b|10|[1-9]|b1|b2|b3|c1|c2|c3|[a-g])(?![\w])"
)
_CACES_MACHINES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"chariots?(?:\s+(?:automoteurs?|elevateurs?))*|caristes?|elevateurs?"), "R489"),
    (re.compile(r"nacelles?|pemp|plate[\s-]?formes?\s+elevatrices?(?:\s+mobiles?)?"), "R486"),
    (re.compile(r"engins?\s+de\s+chantiers?"), "R482"),
    (re.compile(r"grues?\s+auxiliaires?"), "R490"),
    # Not "transpalette": a ride-on one is R489 1A, a walk-behind one R485.
    (re.compile(r"gerbeurs?"), "R485"),
    (re.compile(r"ponts?\s+roulants?"), "R484"),
    (re.compile(r"grues?\s+a\s+tour"), "R487"),
    (re.compile(r"grues?\s+mobiles?"), "R483"),
)
_LETTER_CATEGORY_RECS = frozenset({"R482", "R486", "R372", "R386", "R372M"})

# --- electrical ------------------------------------------------------------------------------

_HABILITATION_RE = re.compile(
    r"\b(?:habilitations?\s*(?:(?P<elec>electriques?|elec\b\.?)|(?=[\s:()\-]*[bh][0-2crefsp]))"
    r"|(?P<en>electrical\s+(?:safety\s+)?(?:clearances?|authori[sz]ations?|habilitations?"
    r"|qualifications?)))"
)
# NF C18-510 symbols, and NF C18-550 ones for electric and hybrid vehicles ("B2VL", "B0L").
_ELEC_TOKEN_RE = re.compile(
    r"(?P<t>b[12]xl|b[12]vl|b[0-2]l|bcl|[bh][0-2]v?|br|bc|hc|be|he|bs|bf|hf|bp)"
    r"(?=[\W\dbh]|\Z)"
)
_ELEC_SEP_RE = re.compile(
    r"(?:[\s,/\-+&:()]+|\b(?:et|and|niveau|indice|essai|mesure|manoeuvre|verification"
    r"|photovoltaique)\b)*"
)
_STRONG_ELEC = frozenset({
    "H0", "H0V", "H1V", "H2V", "B1V", "B2V", "B0L", "B1L", "B2L", "B1VL", "B2VL", "BCL", "B1XL",
    "B2XL",
})  # fmt: skip
_ELEC_START_RE = re.compile(r"(?<![\w])(?=[bh][0-2crefsp])")

# --- certifications --------------------------------------------------------------------------

_CERTIFICATIONS: tuple[tuple[re.Pattern[str], str, bool], ...] = (
    # (pattern on folded text, code, the acronym must be written in capitals)
    (re.compile(r"\bsauveteurs?[\s-]secouristes?\s+du\s+travail\b"), "SST", False),
    (re.compile(r"(?<![\w.])s\.?s\.?t\b\.?"), "SST", True),
    (
        re.compile(
            r"\bpsc\s?-?\s?1\b|\bpsc\s+niveau\s+1\b|\bafps\b"
            r"|\bprevention\s+et\s+secours\s+civiques(?:\s+de\s+niveau\s+1)?\b"
        ),
        "PSC1",
        False,
    ),
    (re.compile(r"\bpse\s?-?\s?1\b"), "PSE1", False),
    (re.compile(r"\bpse\s?-?\s?2\b"), "PSE2", False),
    # Not a licence (`cvparse.engine.facts.fields.savoir_only`), read for its ROME savoir.
    (re.compile(r"\bhaccp\b"), "HACCP", False),
    (
        re.compile(
            r"\bcertiphyto\b|\bcertificat\s+individuel\s+(?:(?:pour\s+l'utilisation\s+)?(?:de\s+"
            r"|des\s+)?)?produits?\s+phyto(?:pharmaceutiques|sanitaires)?\b"
        ),
        "Certiphyto",
        False,
    ),
    (re.compile(r"\badr\b"), "ADR", True),
    (re.compile(r"\bbafa\b"), "BAFA", False),
    (re.compile(r"\bbafd\b"), "BAFD", False),
    (
        re.compile(r"\bcqp\s+(?:aps|agent\s+de\s+prevention\s+et\s+de\s+securite)\b"),
        "CQP APS",
        False,
    ),
)
_CARTE_PRO_RE = re.compile(r"\bcarte\s+professionnelle\b")
_CARTE_PRO_KIND: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"cnaps|securite|surete|\baps\b|vigile"), "Carte professionnelle CNAPS"),
    (re.compile(r"\bvtc\b"), "Carte professionnelle VTC"),
    (re.compile(r"\btaxis?\b"), "Carte professionnelle taxi"),
)
_AIPR_RE = re.compile(
    r"\baipr\b(?:\s*(?:[:(\-]\s*)?(?:profil\s+)?(?P<role>operateur|encadrant|concepteur)s?\b)?"
)
# The F-gas certificate ("attestation d'aptitude à la manipulation des fluides frigorigènes",
# categories 1 to 5): the fluids alone may be a skill ("recharge en fluides frigorigènes"), so
# a certificate word or a category must be written with them.
_FLUIDS_RE = re.compile(r"\bfluides?\s+frigorigenes?\b|\brefrigerants?\b|\bf[\s-]?gas\b")
_FLUIDS_CERT_RE = re.compile(
    r"\b(?:attestation|certificat|certificate|certification|certified|habilitation|aptitude"
    r"|qualification)\b"
)
_FLUIDS_CATEGORY_RE = re.compile(
    r"\b(?:cat(?:egorie|egory|\.)?|class)\s*:?\s*(?P<n>[1-5]|iv|v|i{1,3})\b"
)
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}
# Welder qualifications: EN ISO 9606-1 (steels) to -5, and the EN 287-1 it replaced.
_WELDER_RE = re.compile(
    r"\b(?:(?:nf\s+)?en\s+)?iso\s*9606(?:\s*-\s*(?P<part>[1-5]))?\b|\b(?:nf\s+)?en\s*287"
    r"(?:\s*-\s*(?P<old>1))?\b"
)
# "Certificat de capacité de prélèvements sanguins", "… pour l'entretien d'animaux …": a
# regulated capacity, named by what it allows.
_CAPACITY_RE = re.compile(
    r"\b(?P<kind>certificat|attestation)\s+de\s+capacite\s+(?:professionnelle\s+)?"
    r"(?P<what>(?!en\s+droit\b)(?:de|d'|du|des|pour|en|a|au)\s*[a-z'][^,;:()|/\-]{2,70})"
)  # "capacité en droit" is a university diploma
_CAPACITY_CUT_RE = re.compile(r"\s*(?:\d|\b(?:depuis|obtenu\w*|valable|valide|delivre\w*)\b)")
_CAPACITY_TRAIL_RE = re.compile(r"(?:\s+(?:en|le|la|les|du|de|des|au|a|-|–))+\s*\Z|\s+\Z")
_LEVELLED_RE = re.compile(r"\b(?P<name>afgsu|irve)\s*(?:niveau\s*|n\s?°?\s*|-\s*)?(?P<n>[123])?\b")
_SSIAP_RE = re.compile(r"\bssiap(?![a-z])")
_SSIAP_LEVEL_RE = re.compile(r"\s*(?:niveau\s*|n\s?°?\s*|-\s*)?(?P<n>[123])\b")
_SSIAP_LIST_RE = re.compile(r"\s*(?:,|/|-|&|\bet\b)\s*(?:ssiap\s*)?(?P<n>[123])\b")


_CLOSE_PAREN_RE = re.compile(r"[^()]{0,40}?\)")


def _in_progress(folded: str, start: int, end: int) -> bool:
    if _IN_PROGRESS_AFTER_RE.match(folded, end, min(len(folded), end + 40)):
        return True
    return _IN_PROGRESS_BEFORE_RE.search(folded, max(0, start - 30), start) is not None


def _fact(
    line: str, folded: str, code: str, kind: LicenceKind, start: int, end: int
) -> LicenceFact:
    if line.count("(", start, end) > line.count(")", start, end):
        close = _CLOSE_PAREN_RE.match(line, end)  # "CACES R489 (1, 3, 5)" reads as written
        if close is not None:
            end = close.end()
    return LicenceFact(
        code=code,
        kind=kind,
        in_progress=_in_progress(folded, start, end),
        text=line[start:end],
        start=start,
        end=end,
    )


def _is_accented(line: str, start: int, end: int) -> bool:
    """ "permis à points": the folded "a" was an "à", not category A."""
    return any(not ch.isascii() for ch in line[start:end])


def _categories(line: str, folded: str, pos: int, capitals: bool) -> Iterator[tuple[str, int]]:
    """Category codes in a list starting at pos ("B, C et CE"), with each one's end offset."""
    while True:
        m = _CATEGORY_RE.match(folded, pos)
        if m is None or _is_accented(line, m.start(), m.end()):
            return
        written = line[m.start() : m.end()]
        if not written.isupper() and (capitals or written.lower() not in _LOWERCASE_OK):
            return
        code = written.upper()
        yield _OLD_CATEGORY.get(code, code), m.end()
        sep = _CATEGORY_SEP_RE.match(folded, m.end())
        if sep is None or not _CATEGORY_RE.match(folded, sep.end()):
            return
        pos = sep.end()


def _driving(line: str, folded: str, section_hint: str | None) -> list[LicenceFact]:
    facts: list[LicenceFact] = []
    for m in _PERMIS_RE.finditer(folded):
        cursor = _CATEGORY_FILLER_RE.match(folded, m.end())
        pos = cursor.end() if cursor else m.end()
        found = False
        for code, end in _categories(line, folded, pos, capitals=False):
            facts.append(_fact(line, folded, code, "driving", m.start(), end))
            found = True
        if found:
            continue
        for regex, code in _PERMIS_WORDS:
            word = regex.match(folded, pos)
            if word is not None:
                facts.append(_fact(line, folded, code, "driving", m.start(), word.end()))
                found = True
                break
        if not found and (m["full"] or m["country"]):
            facts.append(_fact(line, folded, "B", "driving", m.start(), m.end()))
    if not facts and section_hint == "licences":
        lead = _SECTION_CATEGORIES_RE.match(folded)
        start = lead.end() if lead else 0
        for code, end in _categories(line, folded, start, capitals=True):
            facts.append(_fact(line, folded, code, "driving", start, end))
    for m in _FIMO_RE.finditer(folded):
        code = "FIMO" if m["fimo"] else "FCO"
        facts.append(_fact(line, folded, code, "driving", m.start(), m.end()))
    return facts


def _machine(folded: str, pos: int) -> tuple[str, int] | None:
    """The recommendation implied by a machine named at pos, and where the name ends."""
    for regex, rec in _CACES_MACHINES:
        m = regex.match(folded, pos)
        if m is not None:
            return rec, m.end()
    return None


def _machine_on_line(folded: str) -> str | None:
    for regex, rec in _CACES_MACHINES:
        if regex.search(folded):
            return rec
    return None


def _caces(line: str, folded: str) -> list[LicenceFact]:
    facts: list[LicenceFact] = []
    for m in _CACES_RE.finditer(folded):
        start, pos = m.start(), m.end()
        rec: str | None = None
        # "Cariste (CACES 3 et 5)": a machine named anywhere on the line says which
        # recommendation; one named right after "CACES" (handled in the walk) overrides it.
        inferred = _machine_on_line(folded)
        rec_pending = False  # a recommendation with no category yet
        last_end = m.end()
        for _ in range(40):  # a bounded walk along "R489 cat. 1, 3 et 5 - R486 A/B"
            filler = _CACES_FILLER_RE.match(folded, pos)
            if filler is not None and filler.end() > pos:
                pos = filler.end()
                continue
            rec_m = _CACES_REC_RE.match(folded, pos)
            if rec_m is not None:
                if rec_pending and rec is not None:
                    facts.append(_fact(line, folded, f"CACES {rec}", "caces", start, last_end))
                rec = "R" + rec_m["r"] + ("m" if rec_m["m"] else "")
                rec_pending = True
                pos = last_end = rec_m.end()
                continue
            machine = _machine(folded, pos)
            if machine is not None:
                inferred, pos = machine
                last_end = pos
                continue
            cat = _CACES_CATEGORY_RE.match(folded, pos)
            if cat is None:
                break
            code = line[cat.start() : cat.end()].upper()
            effective = rec or inferred
            if code.isalpha() and (
                not line[cat.start() : cat.end()].isupper()
                or effective is None
                or effective.upper() not in _LETTER_CATEGORY_RECS
            ):
                break
            prefix = f"CACES {effective} " if effective else "CACES "
            facts.append(_fact(line, folded, prefix + code, "caces", start, cat.end()))
            rec_pending = False
            pos = last_end = cat.end()
        if rec_pending and rec is not None:
            facts.append(_fact(line, folded, f"CACES {rec}", "caces", start, last_end))
        elif not any(f.start == start for f in facts):
            code = f"CACES {inferred}" if inferred else "CACES"
            facts.append(_fact(line, folded, code, "caces", start, last_end))
    return facts


def _elec_tokens(line: str, folded: str, pos: int) -> Iterator[tuple[str, int, int]]:
    """A run of clearance codes from pos: "H0B0", "B1V-BR", "B2V, BR et BC"."""
    while True:
        sep = _ELEC_SEP_RE.match(folded, pos)
        at = sep.end() if sep else pos
        m = _ELEC_TOKEN_RE.match(folded, at)
        if m is None:
            return
        yield m["t"].upper(), m.start(), m.end()
        pos = m.end()


def _electrical(line: str, folded: str) -> list[LicenceFact]:
    facts: list[LicenceFact] = []
    unnamed: list[LicenceFact] = []  # "habilitation électrique" with no symbol after it
    taken_until = -1
    for m in _HABILITATION_RE.finditer(folded):
        tokens = list(_elec_tokens(line, folded, m.end()))
        for code, _, end in tokens:
            facts.append(_fact(line, folded, code, "electrical", m.start(), end))
        if tokens:
            taken_until = tokens[-1][2]
        elif m["elec"] or m["en"]:
            unnamed.append(_fact(line, folded, "Habilitation électrique", "electrical",
                                 m.start(), m.end()))
            taken_until = m.end()
    # Without the word "habilitation", only runs holding an unambiguous code ("H0B0", "B1V").
    for m in _ELEC_START_RE.finditer(folded):
        if m.start() < taken_until:
            continue
        tokens = list(_elec_tokens(line, folded, m.start()))
        if not tokens or tokens[0][1] != m.start():
            continue
        if not all(line[s:e].isupper() for _, s, e in tokens):
            continue
        if not any(code in _STRONG_ELEC for code, _, _ in tokens):
            continue
        for code, s, e in tokens:
            facts.append(_fact(line, folded, code, "electrical", s, e))
        taken_until = tokens[-1][2]
    if not facts:  # "electrical clearance (habilitation) BR, B2V" names its symbols
        facts += unnamed[:1]
    for m in _LEVELLED_RE.finditer(folded):
        if m["name"] == "irve":
            code = f"IRVE {m['n']}" if m["n"] else "IRVE"
            facts.append(_fact(line, folded, code, "electrical", m.start(), m.end()))
    return facts


def _certifications(line: str, folded: str) -> list[LicenceFact]:
    facts: list[LicenceFact] = []
    for regex, code, capitals in _CERTIFICATIONS:
        for m in regex.finditer(folded):
            if capitals and not line[m.start() : m.end()].replace(".", "").isupper():
                continue
            facts.append(_fact(line, folded, code, "certification", m.start(), m.end()))
    for m in _LEVELLED_RE.finditer(folded):
        if m["name"] == "afgsu":
            code = f"AFGSU {m['n']}" if m["n"] else "AFGSU"
            facts.append(_fact(line, folded, code, "certification", m.start(), m.end()))
    for m in _AIPR_RE.finditer(folded):
        code = f"AIPR {line[m.start('role'):m.end('role')].lower()}" if m["role"] else "AIPR"
        facts.append(_fact(line, folded, code, "certification", m.start(), m.end()))
    facts += _fluids(line, folded) + _welder(line, folded) + _capacity(line, folded)
    for m in _CARTE_PRO_RE.finditer(folded):
        for regex, code in _CARTE_PRO_KIND:
            if regex.search(folded):
                facts.append(_fact(line, folded, code, "certification", m.start(), m.end()))
                break
    for m in _SSIAP_RE.finditer(folded):
        level = _SSIAP_LEVEL_RE.match(folded, m.end())
        if level is None:
            facts.append(_fact(line, folded, "SSIAP", "certification", m.start(), m.end()))
            continue
        facts.append(
            _fact(line, folded, f"SSIAP {level['n']}", "certification", m.start(), level.end())
        )
        pos = level.end()
        while (more := _SSIAP_LIST_RE.match(folded, pos)) is not None:
            facts.append(
                _fact(line, folded, f"SSIAP {more['n']}", "certification", m.start(), more.end())
            )
            pos = more.end()
    return facts


def _fluids(line: str, folded: str) -> list[LicenceFact]:
    """ "Attestation d'aptitude fluides frigorigènes (catégorie 1)", "Refrigerant handling
    certificate, category 5", "F-gas certificate cat. I": "Attestation fluides frigorigènes
    cat. 1" (the category when written)."""
    m = _FLUIDS_RE.search(folded)
    if m is None:
        return []
    clause_start = max(folded.rfind(sep, 0, m.start()) for sep in ";|•") + 1
    clause_end = min((i for sep in ";|•" if (i := folded.find(sep, m.end())) >= 0),
                     default=len(folded))
    category = _FLUIDS_CATEGORY_RE.search(folded, m.end(), clause_end)
    certified = _FLUIDS_CERT_RE.search(folded, clause_start, clause_end)
    if category is None and certified is None:
        return []
    code = "Attestation fluides frigorigènes"
    start = min(m.start(), certified.start() if certified else m.start())
    end = m.end()
    if category is not None:
        code += f" cat. {_ROMAN.get(category['n'], category['n'])}"
        end = category.end()
    elif certified is not None:
        end = max(end, certified.end())
    return [_fact(line, folded, code, "certification", start, end)]


def _welder(line: str, folded: str) -> list[LicenceFact]:
    facts = []
    for m in _WELDER_RE.finditer(folded):
        if m["old"] or "287" in m.group(0):
            code = "EN 287-1"
        else:
            code = f"EN ISO 9606-{m['part']}" if m["part"] else "EN ISO 9606"
        facts.append(_fact(line, folded, code, "certification", m.start(), m.end()))
    return facts


def _capacity(line: str, folded: str) -> list[LicenceFact]:
    facts = []
    for m in _CAPACITY_RE.finditer(folded):
        what = _CAPACITY_CUT_RE.split(folded[m.start("what") : m.end("what")], maxsplit=1)[0]
        what = _CAPACITY_TRAIL_RE.sub("", what)
        if len(what) < 4:
            continue
        end = m.start("what") + len(what)
        written = " ".join(line[m.start("what") : end].split())
        code = f"{m['kind'].capitalize()} de capacité {written}"
        facts.append(_fact(line, folded, code, "certification", m.start(), end))
    return facts


# Expired ("CACES 1 et 3 (périmés)", "FCO à repasser (échue en 2022)"): not held, so no fact.
_EXPIRED_RE = re.compile(
    r"\b(?:perime(?:e|s|es)?|expire(?:e|s|es)?|echue?s?|a\s+repasser|a\s+renouveler"
    r"|plus\s+(?:a\s+jour|valides?|en\s+cours\s+de\s+validite)|non\s+(?:renouvele|valide)\w*"
    r"|(?:has\s+)?expired|lapsed|out\s+of\s+date|no\s+longer\s+valid)\b"
)


def _clause_after(folded: str, end: int) -> str:
    """The rest of the clause after a fact: up to a comma or a separator outside brackets."""
    depth = 0
    for i in range(end, min(len(folded), end + 40)):
        ch = folded[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return folded[end:i]
        elif depth == 0 and ch in ",;|•":
            return folded[end:i]
        elif depth == 0 and folded.startswith(" - ", i) and not _EXPIRED_RE.match(folded, i + 3):
            return folded[end:i]  # "CACES R486 B – périmé" reads on
    return folded[end : min(len(folded), end + 40)]


def _drop_expired(folded: str, facts: list[LicenceFact]) -> list[LicenceFact]:
    """Facts of one run ("CACES 1, 3 et 5 (périmés)") share their start: one expiry word
    after the run covers all of them. An expired FCO means the driver qualification lapsed,
    the FIMO it renewed included."""
    expired_runs = {
        (f.start, f.kind) for f in facts if _EXPIRED_RE.search(_clause_after(folded, f.end))
    }
    if any(f.code == "FCO" and (f.start, f.kind) in expired_runs for f in facts):
        expired_runs |= {(f.start, f.kind) for f in facts if f.code == "FIMO"}
    return [f for f in facts if (f.start, f.kind) not in expired_runs]


_TRAILER_RE = re.compile(r"\(be\)|\+\s*(?:petite\s+)?remorque|\bpermis\s+be\b")


def find_licences(line: str, section_hint: str | None = None) -> list[LicenceFact]:
    """Licences, CACES, electrical clearances and certifications named in one line.

    `section_hint="licences"` says the line sits under a "Permis" heading, where a bare
    "B, C1" can only be driving categories.
    """
    folded = fold_per_char(line)
    if section_hint != "licences" and _ANY_KEYWORD_RE.search(folded) is None:
        return []
    facts = (
        _driving(line, folded, section_hint)
        + _caces(line, folded)
        + _electrical(line, folded)
        + _certifications(line, folded)
    )
    trailer = _TRAILER_RE.search(folded)
    if trailer and any(f.code == "B" for f in facts) and not any(f.code == "BE" for f in facts):
        # "Permis B + remorque (BE)": the trailer category is a licence of its own.
        facts.append(LicenceFact("BE", "driving", False, line[trailer.start() : trailer.end()],
                                 trailer.start(), trailer.end()))
    facts = _drop_expired(folded, facts)
    # One fact per code: "Sauveteur Secouriste du Travail (SST)" is one certificate.
    seen: set[str] = set()
    unique: list[LicenceFact] = []
    for fact in sorted(facts, key=lambda f: (f.start, f.end)):
        if fact.code not in seen:
            seen.add(fact.code)
            unique.append(fact)
    return unique

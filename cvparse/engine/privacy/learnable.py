"""May a phrase be learned? Never when it holds personal data or a sensitive word.

A learned phrase leaves one CV and becomes part of the referential every CV is read with: it
must say nothing about a person. Evidence is masked already, but masking is tuned for whole
CVs (a name is found near the top, an address in the contact block); a phrase is checked again
here, on its own and conservatively — a false alarm only costs one pairing not learned.

The checks are the existing detectors: the CV-side patterns and word lists of `detect.py`
(contacts, identity numbers, birth dates, ages, family situation, gender markers, health,
religion, nationality, political and union words, capitalised given names) and the
advisor-side sensitive words (`advisor_words.py`); plus any long digit run (a number says
nothing about a skill).
"""

from __future__ import annotations

import re

from cvparse.engine.privacy.advisor_words import sensitive_categories
from cvparse.engine.privacy.detect import (
    AGE,
    BIRTH,
    EMAIL,
    FAMILY,
    GENDER,
    HANDLE,
    ID_NUMBER,
    INTL_PHONE,
    PHONE,
    SOCIAL_SECURITY,
    URL,
    _first_names,
    _terms,
)
from cvparse.engine.text import unaccent_lower

PATTERNS = {
    "contact": (EMAIL, URL, HANDLE, PHONE, INTL_PHONE),
    "identity": (SOCIAL_SECURITY, ID_NUMBER, BIRTH, AGE),
    "family": (FAMILY, GENDER),
}
CV_LISTS = ("health", "health_personal", "religion", "nationality", "political", "union")
DIGITS = re.compile(r"\d{4,}")
CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’-]+")


def unlearnable_reason(*texts: str) -> str | None:
    """The first reason (a category, never the text) why none of `texts` — a phrase as written
    and its normalised key — may be learned; None when they may."""
    for text in texts:
        if not text:
            continue
        for category, patterns in PATTERNS.items():
            if any(p.search(text) for p in patterns):
                return category
        if DIGITS.search(text):
            return "identity"
        folded = unaccent_lower(text)
        for name in CV_LISTS:
            if _terms(name).search(folded):
                return name.removesuffix("_personal")
        if sensitive_categories(text):
            return sensitive_categories(text)[0]
        # A given name as a name is written, capitalised ("Marie"): a stonemason's "taille de
        # pierre" stays learnable, as it stays unmasked in a CV.
        if any(unaccent_lower(w) in _first_names() for w in CAPITALISED.findall(text)):
            return "identity"
    return None

"""Sensitive words in what advisors type (free-text comments, referential searches).

An advisor's note must never carry health, religion, origin, sexual orientation, union or
political membership, or family and age judgements: such text is refused with the category
named (the API) and flagged as it is typed (the review page). The lists are data files in
`data/advisor/`, one category per file, for a data-protection officer to review and extend.
Matching is on whole words, case and accents ignored; a phrase matches its words in order.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from cvparse.engine.text import unaccent_lower

LISTS = Path(__file__).parent / "data" / "advisor"
CATEGORY_LABELS = {
    "health": ("santé ou handicap", "health or disability"),
    "religion": ("religion", "religion"),
    "origin": ("origine", "origin"),
    "sexual_orientation": ("orientation sexuelle", "sexual orientation"),
    "union": ("appartenance syndicale", "union membership"),
    "political": ("opinions politiques", "political opinions"),
    "family": ("situation familiale ou âge", "family situation or age"),
}


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    patterns = {}
    for path in sorted(LISTS.glob("*.txt")):
        terms = [
            unaccent_lower(line.strip()) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        alternation = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in terms)
        patterns[path.stem] = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
    return patterns


def sensitive_categories(text: str | None) -> list[str]:
    """The categories of sensitive words in `text`, in a stable order (empty: nothing)."""
    if not text:
        return []
    folded = unaccent_lower(text)
    return [name for name, pattern in _patterns().items() if pattern.search(folded)]

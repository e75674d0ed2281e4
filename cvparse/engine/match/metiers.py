"""Rank métiers from the job titles and the competences found in a CV.

Job-title lines weigh most (a person who was "aide-soignante" for ten years is one), recent jobs
more than old ones; competences add support through the referential's métier ↔ item links,
normalised by the size of each métier's item list so that big fiches do not win by volume.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from cvparse.engine.referential import Referential

APPELLATION_WEIGHT = 2.0  # one matched job title outweighs several linked competences
CORE_LINK_WEIGHT = 1.0
OTHER_LINK_WEIGHT = 0.6
MIN_COMPETENCE_SUPPORT = 1.0  # a métier with no title needs at least this much skill support
MAX_METIERS = 5
SKILL_SCALE = 4.0  # with ~60 items per fiche, about four core skills weigh one job title
MIN_LINKS_NORMALISER = 25  # a fiche with very few items must not win on one or two skills
CONFIDENCE_SCALE = 1.5  # confidence = 1 − exp(−score / scale): saturates as evidence adds up


@dataclass(slots=True)
class AppellationHit:
    appellation_id: str
    weight: float  # confidence × title factor × recency
    field_id: str


@dataclass(slots=True)
class CompetenceHit:
    item_id: str
    weight: float
    field_id: str


@dataclass(slots=True)
class RankedMetier:
    code: str
    score: float
    confidence: float
    from_titles: float
    from_competences: float
    support: list[str] = field(default_factory=list)


def rank_metiers(
    referential: Referential,
    appellations: list[AppellationHit],
    competences: list[CompetenceHit],
    links_by_item: dict[str, list[tuple[str, float]]],
    link_counts: dict[str, int],
    with_support: bool = True,
) -> list[RankedMetier]:
    """Scores first, support lists only for the métiers kept: with ROME 4.0 one competence
    links to dozens of fiches, and most of them never reach the draft."""
    titles: dict[str, float] = defaultdict(float)
    skills: dict[str, float] = defaultdict(float)
    for hit in appellations:
        titles[referential.appellations[hit.appellation_id].metier_code] += hit.weight
    for hit in competences:
        for code, link_weight in links_by_item.get(hit.item_id, ()):
            skills[code] += hit.weight * link_weight
    scored = []
    for code in set(titles) | set(skills):
        t, s = titles.get(code, 0.0), skills.get(code, 0.0)
        if t == 0.0 and s < MIN_COMPETENCE_SUPPORT:
            continue
        scored.append((APPELLATION_WEIGHT * t + s, code, t, s))
    scored.sort(key=lambda x: (-x[0], x[1]))
    top = scored[:MAX_METIERS]
    support: dict[str, list[str]] = {code: [] for _, code, _, _ in top}
    if with_support:
        for hit in appellations:
            code = referential.appellations[hit.appellation_id].metier_code
            if code in support:
                support[code].append(hit.field_id)
        for hit in competences:
            for code, _ in links_by_item.get(hit.item_id, ()):
                if code in support:
                    support[code].append(hit.field_id)
    ranked = []
    for score, code, t, s in top:
        ranked.append(
            RankedMetier(
                code=code,
                score=round(score, 4),
                confidence=round(1.0 - math.exp(-score / CONFIDENCE_SCALE), 4),
                from_titles=round(t, 4),
                from_competences=round(s, 4),
                support=list(dict.fromkeys(support[code])),
            )
        )
    return ranked


class LinkTables(NamedTuple):
    """The referential's métier ↔ item links, shaped for ranking, built once per referential."""

    links_by_item: dict[str, list[tuple[str, float]]]  # item → [(métier, weight of that link)]
    link_counts: dict[str, int]  # métier → number of items


def link_tables(referential: Referential) -> LinkTables:
    """Item → [(métier, weight of that link)] and métier → number of items, once per
    referential. A link's weight: core or not, over the root of the fiche's size."""
    counts: dict[str, int] = defaultdict(int)
    for link in referential.links:
        counts[link.metier_code] += 1
    by_item: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for link in referential.links:
        size = max(counts[link.metier_code], MIN_LINKS_NORMALISER)
        kind = CORE_LINK_WEIGHT if link.core else OTHER_LINK_WEIGHT
        by_item[link.item_id].append((link.metier_code, kind * SKILL_SCALE / math.sqrt(size)))
    return LinkTables(dict(by_item), dict(counts))

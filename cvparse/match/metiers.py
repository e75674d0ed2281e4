"""Rank métiers from the job titles and the competences found in a CV.

Job-title lines weigh most (a person who was "aide-soignante" for ten years is one), recent jobs
more than old ones; competences add support through the referential's métier ↔ item links,
normalised by the size of each métier's item list so that big fiches do not win by volume.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from cvparse.referential import Referential

APPELLATION_WEIGHT = 2.0  # one matched job title outweighs several linked competences
CORE_LINK_WEIGHT = 1.0
OTHER_LINK_WEIGHT = 0.6
MIN_COMPETENCE_SUPPORT = 1.0  # a métier with no title needs at least this much skill support
MAX_METIERS = 5
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
    links_by_item: dict[str, list[tuple[str, bool]]],
    link_counts: dict[str, int],
) -> list[RankedMetier]:
    titles: dict[str, float] = defaultdict(float)
    skills: dict[str, float] = defaultdict(float)
    support: dict[str, list[str]] = defaultdict(list)
    for hit in appellations:
        code = referential.appellations[hit.appellation_id].metier_code
        titles[code] += hit.weight
        support[code].append(hit.field_id)
    for hit in competences:
        for code, core in links_by_item.get(hit.item_id, ()):
            weight = CORE_LINK_WEIGHT if core else OTHER_LINK_WEIGHT
            skills[code] += hit.weight * weight / math.sqrt(max(link_counts.get(code, 1), 1)) * 4
            support[code].append(hit.field_id)
    ranked = []
    for code in set(titles) | set(skills):
        t, s = titles.get(code, 0.0), skills.get(code, 0.0)
        if t == 0.0 and s < MIN_COMPETENCE_SUPPORT:
            continue
        score = APPELLATION_WEIGHT * t + s
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
    ranked.sort(key=lambda r: (-r.score, r.code))
    return ranked[:MAX_METIERS]


def link_tables(
    referential: Referential,
) -> tuple[dict[str, list[tuple[str, bool]]], dict[str, int]]:
    """Item → [(métier, core)] and métier → number of items, computed once per referential."""
    by_item: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for link in referential.links:
        by_item[link.item_id].append((link.metier_code, link.core))
        counts[link.metier_code] += 1
    return dict(by_item), dict(counts)

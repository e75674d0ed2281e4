"""Fairness pairs: the same fictional CV twice, changing only gender forms and markers
(infirmier/infirmière, M./Mme), the place (Lyon/Roubaix), or the names' apparent origin. A
fair pipeline proposes the same competence codes and the same métiers for both twins
(appellation labels may follow the gender form; their métier code may not).

The templates are data (`templates.json`): reviewers can add trades and swaps."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cvparse.engine.pipeline import Pipeline
from cvparse.engine.profile.models import DraftProfile

TEMPLATES = Path(__file__).with_name("templates.json")


@dataclass(frozen=True)
class Pair:
    template: str
    swap: str
    a: str
    b: str


@dataclass(frozen=True)
class PairResult:
    pair: Pair
    competences: tuple[set[str], set[str]]
    metiers: tuple[set[str], set[str]]

    @property
    def fair(self) -> bool:
        return self.competences[0] == self.competences[1] and self.metiers[0] == self.metiers[1]


def pairs() -> list[Pair]:
    data = json.loads(TEMPLATES.read_text(encoding="utf-8"))
    out = []
    for name, lines in data["templates"].items():
        text = "\n".join(lines)
        for swap, (left, right) in data["swaps"].items():
            out.append(Pair(name, swap, text.format_map({**data["defaults"], **left}),
                            text.format_map({**data["defaults"], **right})))
        places = data.get("places", {})
        person = data["swaps"]["gender"][0]  # the same person, moved
        reference = {**data["defaults"], **person, **places.get("reference", {})}
        for region, address in places.get("addresses", {}).items():
            out.append(Pair(name, f"address:{region}", text.format_map(reference),
                            text.format_map({**reference, **address})))
    return out


def _signature(draft: DraftProfile) -> tuple[set[str], set[str]]:
    competences = {f.code for f in draft.of_kind("competence") if f.code}
    metiers = {f.metier for f in draft.of_kind("appellation") if f.metier}
    metiers |= {f.code for f in draft.of_kind("metier") if f.code}
    return competences, metiers


def check(pipeline: Pipeline, today: date | None = None) -> list[PairResult]:
    today = today or date.today()
    results = []
    for pair in pairs():
        a = _signature(pipeline.parse(pair.a.encode(), "cv.txt", today=today))
        b = _signature(pipeline.parse(pair.b.encode(), "cv.txt", today=today))
        results.append(PairResult(pair, (a[0], b[0]), (a[1], b[1])))
    return results

"""Out of the box, a CV of any trade finds its métier: the default referential is the whole
ROME 4.0, not a selection (these three trades were outside the former curated one)."""

from __future__ import annotations

from datetime import date

import pytest

from cvparse.engine.document import DocumentBuilder
from cvparse.engine.pipeline import Pipeline

CVS = {
    "J1306": """Camille Durand
Manipulatrice en électroradiologie médicale
EXPÉRIENCE
2019 - aujourd'hui : Manipulatrice en électroradiologie médicale, centre d'imagerie
- Réalisation d'examens de scanner et d'IRM
- Radioprotection des patients
FORMATION
2019 : Diplôme d'État de manipulateur d'électroradiologie médicale""",
    "F1612": """Julien Martin
Tailleur de pierre
EXPÉRIENCE
2015 - 2024 : Tailleur de pierre, atelier de restauration
- Taille de pierre et restauration de monuments historiques
FORMATION
2014 : CAP Tailleur de pierre""",
    "A1418": """Léa Petit
Viticultrice
EXPÉRIENCE
2012 - aujourd'hui : Viticultrice, domaine familial
- Taille de la vigne et palissage
- Vendanges et vinification
FORMATION
2011 : BTSA Viticulture-oenologie""",
}


@pytest.mark.parametrize("code", sorted(CVS))
def test_a_cv_of_a_trade_outside_the_old_selection_finds_its_metier(
    code: str, pipeline: Pipeline, today: date
) -> None:
    builder = DocumentBuilder("txt")
    for line in CVS[code].splitlines():
        builder.add_line(line)
    draft = pipeline.parse_document(builder.build(), b"cv", "cv.txt", today=today)
    assert pipeline.referential.ref == "rome@460"
    assert code in [f.code for f in draft.of_kind("metier")][:3]
    assert any(f.metier == code for f in draft.of_kind("appellation"))

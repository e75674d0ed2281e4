"""Job titles of researchers and senior managers that ROME does not spell the way CVs do: a
doctoral student or a post-doc is an enseignant-chercheur for an advisor (K2108), a plant
director directs production (H2510). Titles of other people ("assistante du directeur
général", "reporting to the CTO") must not become the CV's own job."""

from __future__ import annotations

import pytest

from cvparse.engine.phrases import Phrase
from cvparse.engine.pipeline import Pipeline


def _metiers(pipeline: Pipeline, title: str) -> set[str]:
    matches = pipeline.match_phrases([Phrase(title, 0, 1, "header", title_like=True)])
    apps = pipeline.referential.appellations
    return {apps[m.target_id].metier_code for m in matches if m.target_type == "appellation"}


@pytest.mark.parametrize(
    ("title", "metier"),
    [
        ("Doctorante en histoire contemporaine", "K2108"),
        ("Post-doctorant en biologie", "K2108"),
        ("ATER en sociologie", "K2108"),
        ("PhD candidate in physics", "K2108"),
        ("Postdoctoral researcher", "K2108"),
        ("Directrice d'usine", "H2510"),
        ("Plant manager", "H2510"),
        ("Head of sales", "M1715"),
    ],
)
def test_research_and_management_titles_find_their_metier(
    pipeline: Pipeline, title: str, metier: str
) -> None:
    assert metier in _metiers(pipeline, title)


@pytest.mark.parametrize(
    "line", ["Assistante du directeur général", "Reporting to the CTO and the CEO"]
)
def test_another_persons_title_is_not_a_top_management_job(
    pipeline: Pipeline, line: str
) -> None:
    assert not _metiers(pipeline, line) & {"M1301", "M1803"}

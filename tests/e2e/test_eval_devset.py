"""`cvparse eval` reads the independent development set's gold format (a second annotator,
`../shared/devset`), scores métiers with their ROME families, checks that no contact data
leaks into a draft, and keeps floors on that set too.

The format tests build a tiny set of their own; the floors are checked on the real set
whenever it is beside the repository (the test is then collected; it never skips)."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvparse.cli import app
from cvparse.engine.pipeline import Pipeline
from cvparse.engine.profile.models import (
    DraftProfile,
    Evidence,
    Field,
    ReferentialInfo,
    SourceInfo,
)
from cvparse.quality.evaluation.gold import load_gold_dir
from cvparse.quality.evaluation.metrics import pii_leaks
from cvparse.quality.evaluation.run import evaluate_dir
from tests.conftest import ROOT, SAMPLES

DEVSET = ROOT.parent / "shared" / "devset"
FLOORS = json.loads((SAMPLES / "floors.json").read_text(encoding="utf-8"))["devset"]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


CV = """Julie Ferrand
julie.ferrand@example.fr — 06 00 00 12 34
Développeuse informatique

EXPÉRIENCE
2020 - aujourd'hui : Développeuse informatique, Société X
- Développement d'applications web en Python

LANGUES
Anglais : courant
Espagnol : langue maternelle
"""


@pytest.fixture
def devset(tmp_path: Path) -> Path:
    (tmp_path / "cvs").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "cvs" / "dev01_dev.txt").write_text(CV, encoding="utf-8")
    gold = {
        "file": "cvs/dev01_dev.txt", "lang": "fr",
        "metiers_any": ["M1805"],
        "appellations": [{"code_ogr": "14153", "label": "x", "code_rome": "M1805"}],
        "competences": [],
        "languages": [{"lang": "en", "level": "C1"}, {"lang": "es", "level": "native"}],
        "diplomas": [], "licences": [], "experience_months_total": 83,
        "pii_sha256": [_sha("julie"), _sha("ferrand"), _sha("julie.ferrand@example.fr"),
                       _sha("0600001234"), _sha("33600001234")],
        "notes": "",
    }
    (tmp_path / "gold" / "dev01_dev.txt.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def test_the_devset_format_is_read(devset: Path) -> None:
    (gold,) = load_gold_dir(devset)
    assert gold.stem == "dev01_dev" and gold.cv.name == "dev01_dev.txt"
    assert gold.metiers == ("M1805",) and gold.metier_parents
    assert gold.languages == {("en", "C1"), ("es", "C2")}  # "native" is C2 in drafts
    assert gold.experience_months == 83 and len(gold.pii_sha256) == 5


def test_a_child_fiche_of_a_gold_metier_is_right(devset: Path, pipeline: Pipeline) -> None:
    # M1855 hangs under M1805 in ROME 4.0: the development set counts it as right.
    assert pipeline.referential.metiers["M1855"].parent_code == "M1805"
    report = evaluate_dir(pipeline, devset, today=date(2026, 11, 23))
    (cv,) = report.cvs
    assert cv.metier_top3 and report.counts["language"].f1 == 1.0
    assert cv.pii_leaks == 0
    # "2020 - aujourd'hui" runs from January 2020 to November 2026: 83 months, as the gold.
    assert cv.experience_error == 0 and cv.experience_within
    assert report.scores()["experience_within_3"] == 1.0


def test_a_leaked_name_or_phone_is_counted() -> None:
    evidence = Evidence(page=1, start=0, end=10, text="appeler le 06 00 00 12 34")
    draft = DraftProfile(
        status="draft",
        source=SourceInfo(filename="CV_Julie_Ferrand.pdf", sha256="0" * 64, format="pdf",
                          pages=1, ocr_pages=[]),
        referential=ReferentialInfo(name="rome", version="460", checksum="0" * 64),
        pipeline_version="0",
        fields=[Field(id="f1", kind="competence", code="1", label="x", confidence=0.5,
                      method="exact", evidence=[evidence])],
    )
    hashes = frozenset({_sha("julie"), _sha("ferrand"), _sha("0600001234"), _sha("nobody")})
    assert pii_leaks(draft, hashes) == 3


def test_eval_puts_sets_side_by_side(devset: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(SAMPLES), str(devset), "-f", "json",
                                      "--gold", "*"])
    assert result.exit_code == 0, result.output
    sets = json.loads(result.stdout)["sets"]
    assert set(sets) == {"samples", devset.name}
    assert sets[devset.name]["cvs"] == 1 and sets["samples"]["cvs"] >= 40


def _devset_floors(devset_dir: Path, pipeline: Pipeline) -> None:
    report = evaluate_dir(pipeline, devset_dir)
    assert len(report.cvs) >= 24
    scores = report.scores()
    below = {m: (scores.get(m), f) for m, f in FLOORS["rome"].items()
             if m not in ("ece", "pii_leaks") and scores.get(m, 0.0) < f}
    assert not below, f"devset below the floor (measured, floor): {below}"
    assert scores["ece"] <= FLOORS["rome"]["ece"]
    assert scores["pii_leaks"] <= FLOORS["rome"]["pii_leaks"]


if (DEVSET / "gold").is_dir():  # defined only where the set is: never a skipped test

    def test_devset_scores_stay_above_the_floors(pipeline: Pipeline) -> None:
        _devset_floors(DEVSET, pipeline)

"""`cvparse eval` on the gold set, with the default referential (the shipped ROME 4.0,
rome@460), against the floors in the repository.

A floor is the worst score the project accepts; it is raised as quality improves and never
lowered silently (samples/floors.json is reviewed like code). The calibration of the
referential must have been fitted on its current content.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvparse.cli import app
from cvparse.engine.pipeline import Pipeline
from cvparse.engine.profile.calibrate import Calibration
from cvparse.quality.evaluation.metrics import Report
from cvparse.quality.evaluation.run import evaluate_dir
from cvparse.service.referentials.store import CALIBRATION_DIR, DEFAULT_NAME
from tests.conftest import SAMPLES, require_tesseract

FLOORS = json.loads((SAMPLES / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(pipeline: Pipeline) -> Report:
    require_tesseract()  # the gold set holds a scanned CV
    return evaluate_dir(pipeline, SAMPLES)


def test_floors_are_kept_for_the_default_referential(pipeline: Pipeline) -> None:
    assert pipeline.referential.name == DEFAULT_NAME == "rome"
    assert set(FLOORS) - {"_comment", "devset"} == {DEFAULT_NAME}
    assert {"metier_top1", "metier_top3", "competence_f1", "ece"} <= set(FLOORS[DEFAULT_NAME])


def test_scores_stay_above_the_floors(report: Report) -> None:
    name = DEFAULT_NAME
    scores = report.scores()
    below = {
        metric: (scores.get(metric), floor)
        for metric, floor in FLOORS[name].items()
        if metric != "ece" and scores.get(metric, 0.0) < floor
    }
    assert not below, f"{name}: below the floor (measured, floor): {below}"
    if "ece" in FLOORS[name]:
        assert scores["ece"] <= FLOORS[name]["ece"], (scores["ece"], FLOORS[name]["ece"])


def test_calibration_is_fitted_on_the_current_referential(pipeline: Pipeline) -> None:
    p = pipeline
    path = CALIBRATION_DIR / f"{p.referential.ref}.json"
    assert path.is_file(), f"no calibration for {p.referential.ref}: run `cvparse calibrate`"
    calibration = Calibration.from_json(path.read_text(encoding="utf-8"))
    assert calibration.checksum == p.referential.checksum, (
        f"{path.name} was fitted on another content of {p.referential.ref}: "
        "run `cvparse calibrate samples -r " + p.referential.ref + "`"
    )
    assert p.calibration is not None


def test_every_gold_cv_is_scored(report: Report) -> None:
    stems = {p.stem for p in (SAMPLES / "gold").glob("*.json")}
    assert {r.stem for r in report.cvs} == stems
    assert len(stems) >= 40


def test_eval_command_prints_the_report() -> None:
    result = CliRunner().invoke(app, ["eval", str(SAMPLES), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {"competence_f1", "metier_top3", "ece"} <= set(report["scores"])
    assert report["reliability"] and report["per_cv"]
    assert report["seconds_per_cv"]["median"] > 0


def test_eval_of_a_folder_without_gold_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 2 and "no gold/ folder" in result.stderr

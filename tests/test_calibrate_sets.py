"""`cvparse calibrate` fits on the calibration half of several gold sets together: both halves
are chosen per set by name, and two sets holding the same CV name are refused (their halves
would clash and a CV could be fitted on and reported on at once)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cvparse.engine.pipeline import Pipeline
from cvparse.quality.evaluation.gold import in_calibration_split
from cvparse.quality.evaluation.run import calibrate_dirs
from tests.conftest import SAMPLES


def _gold_set(root: Path, stems: list[str]) -> Path:
    (root / "gold").mkdir(parents=True)
    for stem in stems:
        cv = next(p for p in SAMPLES.glob(f"{stem}.*") if p.suffix in {".pdf", ".docx", ".txt"})
        shutil.copy(cv, root / cv.name)
        shutil.copy(SAMPLES / "gold" / f"{stem}.json", root / "gold" / f"{stem}.json")
    return root


def _stems(wanted: bool, count: int) -> list[str]:
    found = [
        p.stem for p in sorted((SAMPLES / "gold").glob("*.json"))
        if in_calibration_split(p.stem) == wanted
        and any(q.suffix in {".pdf", ".docx", ".txt"} for q in SAMPLES.glob(f"{p.stem}.*"))
    ]
    return found[:count]


@pytest.fixture
def raw(pipeline: Pipeline) -> Pipeline:
    return Pipeline(pipeline.referential, pipeline.index, calibration=None, ocr=False)


def test_calibration_is_fitted_on_the_calibration_half_of_every_set(
    raw: Pipeline, tmp_path: Path
) -> None:
    fit_a, out_a = _stems(True, 2), _stems(False, 1)
    fit_b, out_b = _stems(True, 4)[2:], _stems(False, 2)[1:]
    first = _gold_set(tmp_path / "a", fit_a + out_a)
    second = _gold_set(tmp_path / "b", fit_b + out_b)
    calibration = calibrate_dirs(raw, [first, second])
    assert calibration.fitted_on == sorted(fit_a + fit_b)
    assert "competence" in calibration.curves or "*" in calibration.curves
    alone = calibrate_dirs(raw, [first])
    assert alone.fitted_on == sorted(fit_a)
    assert alone.curves != calibration.curves  # the second set's proposals moved the curve


def test_two_sets_with_the_same_cv_name_are_refused(raw: Pipeline, tmp_path: Path) -> None:
    stems = _stems(True, 1)
    first = _gold_set(tmp_path / "a", stems)
    second = _gold_set(tmp_path / "b", stems)
    with pytest.raises(ValueError, match="same name"):
        calibrate_dirs(raw, [first, second])


def test_a_calibrated_pipeline_is_refused(pipeline: Pipeline, tmp_path: Path) -> None:
    if pipeline.calibration is None:
        pytest.fail("the default pipeline has no calibration: run `make calibrate`")
    with pytest.raises(ValueError, match="uncalibrated"):
        calibrate_dirs(pipeline, [_gold_set(tmp_path / "a", _stems(True, 1))])

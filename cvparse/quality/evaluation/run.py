"""Run a pipeline over a gold set: `cvparse eval` and `cvparse calibrate` are shells on this."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from cvparse.engine.extract.errors import ExtractionError
from cvparse.engine.pipeline import Pipeline
from cvparse.engine.profile.calibrate import Calibration, fit
from cvparse.quality.evaluation.gold import Gold, in_calibration_split, load_gold_dir, restrict
from cvparse.quality.evaluation.metrics import CVResult, Report, aggregate, evaluate_profile

GOLD_DATE = date(2026, 11, 23)  # gold experience months count ongoing jobs up to this date


def evaluate_gold(
    pipeline: Pipeline, golds: list[Gold], today: date = GOLD_DATE
) -> list[tuple[CVResult, Gold]]:
    out = []
    for gold in golds:
        gold = restrict(gold, pipeline.referential)
        data = gold.cv.read_bytes()
        started = time.perf_counter()
        try:
            profile = pipeline.parse(data, gold.cv.name, today=today)
        except ExtractionError as exc:
            raise RuntimeError(f"{gold.cv}: {exc}") from exc
        seconds = time.perf_counter() - started
        out.append((evaluate_profile(profile, gold, pipeline.referential, seconds), gold))
    return out


def evaluate_dir(
    pipeline: Pipeline, directory: Path, today: date = GOLD_DATE, pattern: str = "*"
) -> Report:
    results = [r for r, _ in evaluate_gold(pipeline, load_gold_dir(directory, pattern), today)]
    held_out = None
    if pipeline.calibration is not None:
        fitted = set(pipeline.calibration.fitted_on)
        held_out = {r.stem for r in results if r.stem not in fitted}
    return aggregate(pipeline.referential.ref, results, held_out)


def calibrate_dirs(
    raw: Pipeline, directories: list[Path], today: date = GOLD_DATE
) -> Calibration:
    """Fit the calibration on the calibration half of each gold set together, from the raw
    scores of an uncalibrated pipeline (`PipelineOptions(calibrated=False)`).

    Several sets, because a curve fitted on one annotator's CVs is confident the way that set
    is easy: fitted on the project's samples alone it said 0.63 where the independent set was
    right half the time. Half of every set is kept out so that each reports its own ECE."""
    if raw.calibration is not None:
        raise ValueError("calibrate_dirs needs an uncalibrated pipeline (raw scores)")
    golds = [
        g for directory in directories for g in load_gold_dir(directory)
        if in_calibration_split(g.stem)
    ]
    stems = [g.stem for g in golds]
    if len(set(stems)) != len(stems):
        raise ValueError("two gold sets hold CVs of the same name: calibration halves clash")
    points = [p for result, _ in evaluate_gold(raw, golds, today) for p in result.confidences]
    from cvparse import PIPELINE_VERSION

    return fit(points, raw.referential.ref, raw.referential.checksum, PIPELINE_VERSION,
               sorted(stems))

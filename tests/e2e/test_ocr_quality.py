"""The OCR path on scanned copies of two sample CVs: competence F1 within 0.10 of the
text-layer F1, and the draft says which pages were read by OCR."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cvparse.engine.pipeline import Pipeline
from cvparse.quality.evaluation.run import evaluate_dir
from samples.rasterise import rasterise_pdf
from tests.conftest import SAMPLES, require_tesseract

MAX_F1_LOSS = 0.10


@pytest.mark.parametrize("stem", ["aide_soignante", "electricien"])
def test_scanned_copy_scores_close_to_the_original(
    pipeline: Pipeline, tmp_path: Path, stem: str
) -> None:
    require_tesseract()
    for folder, data in (
        ("text", (SAMPLES / f"{stem}.pdf").read_bytes()),
        ("scan", rasterise_pdf((SAMPLES / f"{stem}.pdf").read_bytes())),
    ):
        (tmp_path / folder / "gold").mkdir(parents=True)
        (tmp_path / folder / f"{stem}.pdf").write_bytes(data)
        shutil.copyfile(SAMPLES / "gold" / f"{stem}.json", tmp_path / folder / "gold" /
                        f"{stem}.json")
    text = evaluate_dir(pipeline, tmp_path / "text")
    scan = evaluate_dir(pipeline, tmp_path / "scan")
    assert scan.cvs[0].status == "draft"
    draft = pipeline.parse((tmp_path / "scan" / f"{stem}.pdf").read_bytes(), f"{stem}.pdf")
    assert draft.source.ocr_pages
    gold = json.loads((SAMPLES / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    assert gold["competences"]
    loss = text.counts["competence"].f1 - scan.counts["competence"].f1
    assert loss <= MAX_F1_LOSS, (text.counts["competence"].f1, scan.counts["competence"].f1)

"""End to end on every sample CV: expected métiers, some expected competences, and nothing
personal in the output. Gold files were written from reading the CVs (samples/gold)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from cvparse.engine.pipeline import Pipeline
from cvparse.engine.profile.models import DraftProfile
from cvparse.quality.evaluation.gold import load_gold_dir, restrict
from tests.conftest import require_tesseract

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
GOLD = sorted((SAMPLES / "gold").glob("*.json"))
CV_SUFFIXES = (".pdf", ".docx", ".odt", ".txt")
# Per CV, a floor far below the gold-set averages that `cvparse eval` enforces (see
# test_eval.py): it catches one CV breaking (an extraction or section regression).
MIN_CV_COMPETENCE_RECALL = 0.1


def load_gold(path: Path):
    (gold,) = [g for g in load_gold_dir(SAMPLES) if g.stem == path.stem]
    return gold


def _sample_file(stem: str) -> Path:
    (found,) = [p for p in SAMPLES.glob(f"{stem}.*") if p.suffix in CV_SUFFIXES]
    return found


def _parse(pipeline: Pipeline, stem: str, today: date) -> DraftProfile:
    path = _sample_file(stem)
    return pipeline.parse(path.read_bytes(), path.name, today=today)


def test_there_are_enough_samples() -> None:
    files = [p for p in SAMPLES.iterdir() if p.suffix in CV_SUFFIXES]
    assert len(files) >= 40
    assert {p.suffix for p in files} == set(CV_SUFFIXES)


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_sample_profile(pipeline: Pipeline, today: date, gold_path: Path) -> None:
    """On the shipped default, the full official ROME 4.0 (rome@460)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    profile = _parse(pipeline, gold_path.stem, today)
    if gold.get("needs_ocr"):  # a scan: its text comes from OCR, and the draft says so
        require_tesseract()
        assert profile.source.ocr_pages == [1]
        assert all(f.confidence <= 0.99 for f in profile.fields)
    assert profile.status == "draft"
    metiers = [f.code for f in profile.of_kind("metier")]
    assert set(metiers[:3]) & set(gold["metiers"]), f"{metiers} vs gold {gold['metiers']}"
    assert metiers[0] in gold["metiers"]
    appellations = {f.code for f in profile.of_kind("appellation")}
    assert appellations & set(gold["appellations"])

    gold_codes = set(restrict(load_gold(gold_path), pipeline.referential).competences)
    found = {f.code for f in profile.of_kind("competence")} & gold_codes
    assert len(found) >= MIN_CV_COMPETENCE_RECALL * len(gold_codes), (
        f"found {len(found)} of {len(gold_codes)} gold competences"
    )


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_every_field_is_explained(pipeline: Pipeline, today: date, gold_path: Path) -> None:
    profile = _parse(pipeline, gold_path.stem, today)
    for field in profile.fields:
        assert 0.0 <= field.confidence <= 1.0
        assert field.status == "proposed"
        if field.kind != "metier":
            assert field.evidence, field
        for ev in field.evidence:
            assert ev.text.strip()
            assert ev.page >= 1 and ev.start < ev.end


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_no_personal_data_in_the_draft(
    pipeline: Pipeline, today: date, gold_path: Path
) -> None:
    """Minimisation: names, contact, birth date, nationality, family never reach the output;
    only the categories found are reported."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    profile = _parse(pipeline, gold_path.stem, today)
    output = profile.to_json()
    for secret in gold["personal_data"]:
        assert secret not in output, secret
        for word in secret.split():
            if len(word) >= 5 and word[0].isupper() and word.isalpha() and word.upper() == word:
                assert word not in output, word  # a surname in capitals, anywhere
    assert set(gold["excluded_categories"]) <= set(profile.excluded), profile.excluded
    assert all(isinstance(v, int) and v > 0 for v in profile.excluded.values())

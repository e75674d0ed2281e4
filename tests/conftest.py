"""Shared fixtures: the referential, its index and the language data load once per session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cvparse.pipeline import Pipeline, get_pipeline
from referentials import load_default

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TODAY = date(2026, 11, 23)  # fixed, so "aujourd'hui" gives the same months on every run


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return get_pipeline(load_default())


@pytest.fixture(scope="session")
def today() -> date:
    return TODAY

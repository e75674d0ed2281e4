"""`cvparse documents submit` stores a file's name as the API does: without the invisible
characters that disguise it (issue #18, point 8)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvparse.cli import app
from cvparse.service.settings import get_settings
from cvparse.service.store import open_stores
from tests.conftest import SAMPLES


def test_a_submitted_file_name_loses_its_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disguised = tmp_path / "cv\u202egnp.txt"  # shown "cvtxt.png" by a file manager
    shutil.copy(SAMPLES / "macon.txt", disguised)
    monkeypatch.setenv("CVPARSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CVPARSE_BROKER_URL", raising=False)
    monkeypatch.delenv("CVPARSE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["documents", "submit", str(disguised)])
        assert result.exit_code == 0, result.output
        docs = open_stores().documents.list()
    finally:
        get_settings.cache_clear()
    assert [d.filename for d in docs] == ["cvgnp.txt"]
    assert "\u202e" not in result.stdout

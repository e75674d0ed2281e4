"""`cvparse referential import|list|show` and `parse --referential` on an imported ROME 4.0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvparse.cli import app
from cvparse.engine.referential.csvdir import checksum_of
from cvparse.service.registry import cache_path, load_cached, registry
from cvparse.service.settings import get_settings
from tests.conftest import SAMPLES, require_rome_export

runner = CliRunner()


@pytest.fixture
def data_dir(rome_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CVPARSE_DATA_DIR", str(rome_data_dir))
    get_settings.cache_clear()
    yield rome_data_dir
    get_settings.cache_clear()


def test_import_twice_is_a_no_op(data_dir: Path) -> None:
    result = runner.invoke(app, ["referential", "import", str(require_rome_export())])
    assert result.exit_code == 0, result.output
    assert "already installed" in result.stdout


def test_list_and_show(data_dir: Path) -> None:
    listing = runner.invoke(app, ["referential", "list"])
    assert listing.exit_code == 0
    assert "rome@460" in listing.stdout and "cvparse-rome" in listing.stdout
    shown = runner.invoke(app, ["referential", "show", "M1805", "--referential", "rome@460"])
    assert shown.exit_code == 0, shown.output
    assert "Développeur / Développeuse informatique" in shown.stdout
    assert "appellation(s)" in shown.stdout and "competence(s)" in shown.stdout
    missing = runner.invoke(app, ["referential", "show", "Z9999", "-r", "rome@460"])
    assert missing.exit_code == 2 and "neither a métier code" in missing.stderr


def test_parse_with_an_imported_referential_by_option_and_by_env(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cv = str(SAMPLES / "macon.txt")
    by_option = runner.invoke(app, ["parse", cv, "-f", "json", "--referential", "rome@460"])
    assert by_option.exit_code == 0, by_option.output
    assert json.loads(by_option.stdout)["referential"]["version"] == "460"
    monkeypatch.setenv("CVPARSE_REFERENTIAL", "rome")
    get_settings.cache_clear()
    by_env = runner.invoke(app, ["parse", cv, "-f", "json"])
    assert json.loads(by_env.stdout)["referential"]["name"] == "rome"


def test_unknown_referential_is_a_clear_error(data_dir: Path) -> None:
    result = runner.invoke(app, ["parse", str(SAMPLES / "macon.txt"), "-r", "rome@999"])
    assert result.exit_code == 2
    assert "not installed" in result.stderr and "cvparse referential import" in result.stderr


def test_import_errors_are_one_clear_line(tmp_path: Path, data_dir: Path) -> None:
    result = runner.invoke(app, ["referential", "import", str(tmp_path)])
    assert result.exit_code == 2
    assert "missing file(s)" in result.stderr


def test_index_is_cached_on_disk_keyed_by_checksum(data_dir: Path) -> None:
    directory = data_dir / "referentials" / "rome" / "460"
    path = cache_path(data_dir, checksum_of(directory))
    assert path.is_file()  # written when the referential was first opened
    referential, index = load_cached(path)
    assert referential.version == "460" and len(index) > 45_000


def test_a_corrupt_cache_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    from cvparse.service.referentials.store import install

    install(require_rome_export(), tmp_path, name="romecopy")
    directory = tmp_path / "referentials" / "romecopy" / "460"
    path = cache_path(tmp_path, checksum_of(directory))
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    pipeline = registry().get("romecopy@460", data_dir=tmp_path)
    assert len(pipeline.index) > 45_000
    assert load_cached(path) is not None  # rewritten

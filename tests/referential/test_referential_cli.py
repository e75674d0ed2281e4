"""`cvparse referential import|list|show` and `parse --referential`: the shipped rome@460 and
an export imported beside it (the committed subset; the full export too where it is there)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvparse.cli import app
from cvparse.engine.referential.csvdir import checksum_of
from cvparse.service.registry import PipelineRegistry, cache_path, load_cached
from cvparse.service.settings import get_settings
from tests.conftest import EXPORT_IDS, EXPORTS, ROME_SUBSET, SAMPLES, Export

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder: only the shipped rome@460 is there until a test imports."""
    data = tmp_path / "data"
    monkeypatch.setenv("CVPARSE_DATA_DIR", str(data))
    monkeypatch.delenv("CVPARSE_REFERENTIAL", raising=False)
    get_settings.cache_clear()
    yield data
    get_settings.cache_clear()


def _import_subset(name: str = "romesub") -> None:
    result = runner.invoke(app, ["referential", "import", str(ROME_SUBSET), "--name", name])
    assert result.exit_code == 0, result.output
    assert f"installed {name}@460 (15 metiers, 245 appellations" in result.stdout


@pytest.mark.parametrize("known", EXPORTS, ids=EXPORT_IDS)
def test_import_twice_is_a_no_op(known: Export, data_dir: Path) -> None:
    if known.full:  # the export rome@460 is built from: shipped already, nothing to write
        result = runner.invoke(app, ["referential", "import", str(known.path)])
        assert result.exit_code == 0, result.output
        assert "rome@460 is already shipped with cvparse" in result.stdout
        assert "warning" not in result.stderr
        assert not (data_dir / "referentials").exists()
        return
    _import_subset()
    again = runner.invoke(app, ["referential", "import", str(known.path), "--name", "romesub"])
    assert again.exit_code == 0, again.output
    assert "romesub@460 is already installed" in again.stdout


def test_importing_other_content_as_the_shipped_version_is_refused(data_dir: Path) -> None:
    result = runner.invoke(app, ["referential", "import", str(ROME_SUBSET)])
    assert result.exit_code == 2
    assert "rome@460 is shipped with cvparse with different content" in result.stderr
    assert "--name" in result.stderr


def test_curation_warnings_are_printed(data_dir: Path) -> None:
    result = runner.invoke(app, ["referential", "import", str(ROME_SUBSET), "--name", "romesub"])
    assert result.exit_code == 0, result.output
    assert "warning" in result.stderr and "is not in this export" in result.stderr


def test_list_and_show(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # the table's folders in full
    listing = runner.invoke(app, ["referential", "list"])
    assert listing.exit_code == 0
    assert "rome@460 (default)" in listing.stdout and "shipped" in listing.stdout
    assert "13120" in listing.stdout and "cvparse-rome" not in listing.stdout
    _import_subset()
    listing = runner.invoke(app, ["referential", "list"])
    assert "rome@460 (default)" in listing.stdout and "romesub@460" in listing.stdout
    shown = runner.invoke(app, ["referential", "show", "M1805", "--referential", "rome@460"])
    assert shown.exit_code == 0, shown.output
    assert "Développeur / Développeuse informatique" in shown.stdout
    assert "appellation(s)" in shown.stdout and "competence(s)" in shown.stdout
    child = runner.invoke(app, ["referential", "show", "M1855", "-r", "romesub@460"])
    assert child.exit_code == 0 and "under M1805" in child.stdout
    missing = runner.invoke(app, ["referential", "show", "Z9999", "-r", "rome@460"])
    assert missing.exit_code == 2 and "neither a métier code" in missing.stderr


def test_parse_with_a_referential_by_option_and_by_env(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cv = str(SAMPLES / "macon.txt")
    default = runner.invoke(app, ["parse", cv, "-f", "json"])
    assert default.exit_code == 0, default.output
    shipped = json.loads(default.stdout)["referential"]
    assert (shipped["name"], shipped["version"]) == ("rome", "460")  # the default
    _import_subset()
    by_option = runner.invoke(app, ["parse", cv, "-f", "json", "--referential", "romesub@460"])
    assert by_option.exit_code == 0, by_option.output
    profile = json.loads(by_option.stdout)
    assert (profile["referential"]["name"], profile["referential"]["version"]) == (
        "romesub", "460"
    )
    assert "F1703" in [f["code"] for f in profile["fields"] if f["kind"] == "metier"][:3]
    monkeypatch.setenv("CVPARSE_REFERENTIAL", "romesub")
    get_settings.cache_clear()
    by_env = runner.invoke(app, ["parse", cv, "-f", "json"])
    assert json.loads(by_env.stdout)["referential"]["name"] == "romesub"


def test_unknown_referential_is_a_clear_error(data_dir: Path) -> None:
    result = runner.invoke(app, ["parse", str(SAMPLES / "macon.txt"), "-r", "rome@999"])
    assert result.exit_code == 2
    assert "not installed" in result.stderr and "cvparse referential import" in result.stderr


def test_import_errors_are_one_clear_line(tmp_path: Path, data_dir: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["referential", "import", str(empty)])
    assert result.exit_code == 2
    assert "missing file(s)" in result.stderr


def test_index_is_cached_on_disk_keyed_by_checksum(data_dir: Path) -> None:
    _import_subset("romecached")  # a name of its own: content no other test has opened
    directory = data_dir / "referentials" / "romecached" / "460"
    path = cache_path(data_dir, checksum_of(directory))
    assert path.is_file()
    referential, index = load_cached(path)
    assert referential.ref == "romecached@460" and len(index) > 1_000


def test_a_corrupt_cache_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    from cvparse.service.referentials.store import install

    install(ROME_SUBSET, tmp_path, name="romecopy")
    directory = tmp_path / "referentials" / "romecopy" / "460"
    path = cache_path(tmp_path, checksum_of(directory))
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    pipeline = PipelineRegistry().get("romecopy@460", data_dir=tmp_path)
    assert len(pipeline.index) > 1_000
    assert load_cached(path) is not None  # rewritten

"""Reading the files named on the command line: one clear line per unusable file, exit 2, and
the other files still processed — for `parse` and for `documents submit`."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvparse.cli import app
from cvparse.cli.exits import EXIT_BAD_INPUT
from cvparse.cli.inputs import MAX_FILE_BYTES, InputError, read_input
from cvparse.service.settings import get_settings
from tests.conftest import SAMPLES

runner = CliRunner()

NOT_FOUND = "file not found: check the path"
FOLDER = "is a folder, not a file: pass the CV files themselves"
UNREADABLE = "cannot be read (Permission denied): check its permissions"


@pytest.fixture
def unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file whose reading fails with EACCES (chmod alone does not stop root)."""
    path = tmp_path / "locked.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return path


def test_read_input_returns_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_bytes(b"Jean Dupont\n")
    assert read_input(path) == b"Jean Dupont\n"


def _message(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_input(path)
    return str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    assert _message(tmp_path / "nope.pdf") == NOT_FOUND


def test_a_folder(tmp_path: Path) -> None:
    assert _message(tmp_path) == FOLDER


def test_an_empty_file_is_read_and_left_to_the_pipeline(tmp_path: Path) -> None:
    """Empty is about content, not the file system: the pipeline says it, as the API does."""
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert read_input(path) == b""


def test_unreadable_file(unreadable: Path) -> None:
    assert _message(unreadable) == UNREADABLE


def test_too_big_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    assert "above the 20 MB limit: a CV is rarely over 5 MB" in _message(path)


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error")]


def test_parse_gives_one_line_per_bad_file_and_exit_2(tmp_path: Path, unreadable: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing, folder = tmp_path / "nope.pdf", tmp_path
    good = SAMPLES / "macon.txt"
    out = tmp_path / "out"
    args = ["parse", str(missing), str(folder), str(empty), str(unreadable), str(good)]
    result = runner.invoke(app, [*args, "--output", str(out)])
    assert result.exit_code == EXIT_BAD_INPUT == 2
    assert _errors(result.stderr) == [
        f"error {missing}: {NOT_FOUND}",
        f"error {folder}: {FOLDER}",
        f"error {empty}: empty.txt is empty (0 bytes): the CV was not saved or not attached "
        "properly; export it again and upload the new file",
        f"error {unreadable}: {UNREADABLE}",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["macon.json"]


def test_documents_submit_gives_the_same_lines(
    tmp_path: Path, unreadable: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CVPARSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CVPARSE_BROKER_URL", raising=False)
    monkeypatch.delenv("CVPARSE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    try:
        missing = tmp_path / "nope.pdf"
        result = runner.invoke(app, ["documents", "submit", str(missing), str(tmp_path),
                                     str(unreadable), str(SAMPLES / "macon.txt")])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == EXIT_BAD_INPUT
    assert _errors(result.stderr) == [
        f"error {missing}: {NOT_FOUND}",
        f"error {tmp_path}: {FOLDER}",
        f"error {unreadable}: {UNREADABLE}",
    ]
    assert "draft_ready" in result.stdout and "macon.txt" in result.stdout


@pytest.mark.parametrize("command", [["fairness", "-r", "nosuch@1"],
                                     ["reprocess", "--target", "nosuch@1", "--no-wait"]])
def test_an_unknown_referential_is_one_clear_line_for_every_command(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CVPARSE_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, command)
    finally:
        get_settings.cache_clear()
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert "'nosuch@1' is not installed" in result.output
    assert "Traceback" not in result.output

"""The `cvparse parse` command: formats, output folder, exit codes, one bad file among good."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvparse.cli import app
from tests.conftest import require_tesseract

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
runner = CliRunner()


def test_json_to_stdout() -> None:
    result = runner.invoke(app, ["parse", str(SAMPLES / "macon.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.stdout)
    assert profile["schema_version"] == "1"
    assert (profile["referential"]["name"], profile["referential"]["version"]) == ("rome", "460")
    assert profile["fields"][0]["kind"] == "metier"


def test_table_is_the_default() -> None:
    result = runner.invoke(app, ["parse", str(SAMPLES / "macon.txt")])
    assert result.exit_code == 0
    assert "F1703" in result.stdout and "excluded personal data" in result.stdout
    assert "@example" not in result.stdout


def test_output_dir_writes_one_json_per_input(tmp_path: Path) -> None:
    files = [SAMPLES / "macon.txt", SAMPLES / "cariste.docx", SAMPLES / "comptable.pdf"]
    result = runner.invoke(app, ["parse", *map(str, files), "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["cariste.json", "comptable.json", "macon.json"]
    for name in written:
        assert json.loads((tmp_path / "out" / name).read_text())["status"] == "draft"
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.pdf", b"", "empty"),
        ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "PNG"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj <<", "PDF"),
        ("old.doc", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512, "docx"),
    ],
)
def test_bad_file_gets_one_clear_line_and_others_still_run(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["parse", str(bad), str(SAMPLES / "macon.txt"), "--output", str(out)]
    )
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 1 and name in errors[0] and message.lower() in errors[0].lower()
    assert (out / "macon.json").is_file()
    assert not (out / f"{bad.stem}.json").exists()


def test_missing_file_and_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(tmp_path / "nope.pdf"), str(tmp_path)])
    assert result.exit_code == 2
    assert "file not found" in result.stderr and "is a folder" in result.stderr


def test_scanned_pdf_without_ocr_reports_needs_ocr() -> None:
    result = runner.invoke(
        app, ["parse", str(SAMPLES / "scanned_cv.pdf"), "--format", "json", "--no-ocr"]
    )
    assert result.exit_code == 0
    draft = json.loads(result.stdout)
    assert draft["status"] == "needs_ocr" and draft["fields"] == []
    assert "needs_ocr" in result.stderr


def test_scanned_pdf_is_read_by_ocr() -> None:
    require_tesseract()
    result = runner.invoke(app, ["parse", str(SAMPLES / "scanned_cv.pdf"), "--format", "json"])
    assert result.exit_code == 0
    draft = json.loads(result.stdout)
    assert draft["status"] == "draft" and draft["source"]["ocr_pages"] == [1]
    assert any("OCR" in w for w in draft["warnings"])
    assert "G1803" in [f["code"] for f in draft["fields"] if f["kind"] == "metier"][:3]


def test_cli_output_never_shows_personal_data() -> None:
    """Minimisation holds for what a person sees too, in both output formats."""
    for gold_path in sorted((SAMPLES / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        (path,) = [p for p in SAMPLES.glob(f"{gold_path.stem}.*")]
        for fmt in ("table", "json"):
            result = runner.invoke(app, ["parse", str(path), "--format", fmt])
            assert result.exit_code == 0
            for secret in gold["personal_data"]:
                assert secret not in result.stdout, (path.name, fmt, secret)

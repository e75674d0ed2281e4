"""No broker configured: the same tasks run in-process (the README's main command needs no
Redis), through `cvparse documents …` and the dispatcher."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from celery.exceptions import Retry
from typer.testing import CliRunner

from cvparse.cli import app
from cvparse.service.settings import get_settings
from tests.conftest import SAMPLES

runner = CliRunner()


@pytest.fixture
def embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CVPARSE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CVPARSE_BROKER_URL", raising=False)
    monkeypatch.delenv("CVPARSE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_submit_runs_in_process_and_the_draft_can_be_read(embedded: Path) -> None:
    result = runner.invoke(app, ["documents", "submit", str(SAMPLES / "cariste.docx")])
    assert result.exit_code == 0, result.output
    assert "draft_ready" in result.stdout
    (doc_id,) = re.findall(r"\b[0-9a-f]{32}\b", result.stdout)
    assert (embedded / "cvparse.db").exists()
    assert len(list((embedded / "files").rglob("*"))) == 3  # two fan-out folders + the file
    shown = runner.invoke(app, ["documents", "draft", doc_id])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["fields"][0]["code"] == "N1101"  # cariste
    status = runner.invoke(app, ["documents", "status", doc_id])
    assert "draft_ready" in status.stdout


def test_bad_files_are_reported_and_the_others_processed(embedded: Path, tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7 not really")
    result = runner.invoke(app, ["documents", "submit", str(bad), str(SAMPLES / "macon.txt"),
                                 str(tmp_path / "missing.pdf")])
    assert result.exit_code == 2
    assert "corrupt_file" in result.stdout and "draft_ready" in result.stdout
    assert "missing.pdf: file not found" in result.output


def test_unknown_document_is_a_clear_error(embedded: Path) -> None:
    result = runner.invoke(app, ["documents", "draft", "0" * 32])
    assert result.exit_code == 2
    assert "no document with id" in result.output


def test_a_failed_document_has_no_draft_and_says_why(embedded: Path, tmp_path: Path) -> None:
    bad = tmp_path / "empty.docx"
    bad.write_bytes(b"")
    submitted = runner.invoke(app, ["documents", "submit", str(bad)])
    (doc_id,) = re.findall(r"\b[0-9a-f]{32}\b", submitted.stdout)
    result = runner.invoke(app, ["documents", "draft", doc_id])
    assert result.exit_code == 2 and "is failed" in result.output and "empty" in result.output


def test_database_outage_is_retried_then_given_up(embedded: Path, monkeypatch) -> None:
    """A transient error makes the task ask for a retry (with backoff), not record a failure."""
    from workers.tasks import process

    monkeypatch.setenv(
        "CVPARSE_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2"
    )
    get_settings.cache_clear()
    with pytest.raises(Retry) as caught:
        process.apply(args=["0" * 32], throw=True, retries=0).get()
    assert 1.0 <= caught.value.when <= 2.0  # first retry after 2 s × jitter
    with pytest.raises(Exception, match="connection"):  # out of retries: raised, not hidden
        process.apply(args=["0" * 32], throw=True, retries=5).get()


def test_schema_commands(embedded: Path) -> None:
    assert "revision 0006" in runner.invoke(app, ["db", "upgrade"]).stdout
    assert "revision None" in runner.invoke(app, ["db", "downgrade", "base"]).stdout
    assert "revision 0006" in runner.invoke(app, ["db", "upgrade"]).stdout


def test_a_deleted_document_is_skipped(embedded: Path) -> None:
    from workers.tasks import process

    assert process.apply(args=["f" * 32], throw=True).get() == {
        "document_id": "f" * 32, "status": "gone"
    }


def test_users_commands(embedded: Path) -> None:
    seeker = runner.invoke(app, ["users", "create", "--role", "job_seeker", "--name", "Lou",
                                 "--token"])
    advisor = runner.invoke(app, ["users", "create", "--role", "advisor", "--name", "Max"])
    assert seeker.exit_code == 0 and advisor.exit_code == 0
    seeker_id, _, token = seeker.stdout.split()
    advisor_id = advisor.stdout.split()[0]
    assert token.startswith("cvp_")
    assert runner.invoke(app, ["users", "assign", advisor_id, seeker_id]).exit_code == 0
    wrong = runner.invoke(app, ["users", "assign", seeker_id, advisor_id])
    assert wrong.exit_code == 2 and "is not an advisor" in wrong.output
    bad = runner.invoke(app, ["users", "create", "--role", "king", "--name", "X"])
    assert bad.exit_code == 2 and "unknown role" in bad.output
    assert "OpenAPI" in runner.invoke(app, ["serve", "--help"]).stdout


def test_reprocess_command(embedded: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["documents", "submit", str(SAMPLES / "cariste.docx"),
                        str(SAMPLES / "macon.txt")])
    dry = runner.invoke(app, ["reprocess", "--dry-run"])
    assert dry.exit_code == 0 and "2 documents would be re-processed" in dry.stdout
    none = runner.invoke(app, ["reprocess", "--dry-run", "--referential-version", "rome@1"])
    assert "0 documents" in none.stdout
    report = tmp_path / "failures.json"
    result = runner.invoke(app, ["reprocess", "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "done 2, failed 0, drafts changed 0 of 2" in result.stdout
    assert report.read_text().strip() == "[]"
    (run_id,) = re.findall(r"run ([0-9a-f]{32})", result.stdout)
    again = runner.invoke(app, ["reprocess", "--resume", run_id])
    assert again.exit_code == 0 and "done 2" in again.stdout  # nothing left: same counts
    missing = runner.invoke(app, ["reprocess", "--resume", "nope"])
    assert missing.exit_code == 2 and "no run 'nope'" in missing.output


def test_purge_and_erase_commands(embedded: Path) -> None:
    created = runner.invoke(app, ["users", "create", "--role", "job_seeker", "--name", "Lou"])
    person = created.stdout.split()[0]
    assert "would purge 0 documents" in runner.invoke(app, ["purge", "--dry-run"]).stdout
    assert "purged 0 documents" in runner.invoke(app, ["purge"]).stdout
    refused = runner.invoke(app, ["erase", person])
    assert refused.exit_code == 2 and "--yes" in refused.output
    erased = runner.invoke(app, ["erase", person, "--yes"])
    assert erased.exit_code == 0 and "erased 0 documents" in erased.stdout
    assert runner.invoke(app, ["erase", "nobody", "--yes"]).exit_code == 2

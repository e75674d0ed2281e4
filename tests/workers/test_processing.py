"""The task body, in-process: final states, bad input recorded (not raised), idempotency, and
the same error codes for an upload and a re-processing run item."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.exc import OperationalError

from cvparse.engine.pipeline import Pipeline
from cvparse.service import batch
from cvparse.service.jobs import Job, run_job
from cvparse.service.store import Stores
from cvparse.service.store.documents import DocumentRecord
from tests.conftest import SAMPLES
from workers.tasks import retry_delay


def _upload(stores: Stores, name: str, data: bytes | None = None) -> str:
    data = (SAMPLES / name).read_bytes() if data is None else data
    return stores.documents.create(stores.files.put(data), name, len(data)).id


def process_document(document_id: str, stores: Stores, pipeline_for, *, today: date
                     ) -> DocumentRecord:
    """An upload's job, and its document afterwards."""
    run_job(Job(document_id), stores, pipeline_for, today=today)
    return stores.documents.get(document_id)


def test_a_good_cv_ends_with_its_draft(stores: Stores, pipeline: Pipeline, today: date) -> None:
    doc_id = _upload(stores, "b_mecanicien_auto.docx")
    record = process_document(doc_id, stores, lambda _spec: pipeline, today=today)
    assert record.status == "draft_ready"
    expected = pipeline.parse((SAMPLES / "b_mecanicien_auto.docx").read_bytes(),
                              "b_mecanicien_auto.docx", today=today)
    assert stores.documents.draft(doc_id) == expected


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"%PDF-1.7\n1 0 obj <<>> garbage", "corrupt_file"),
        (b"", "empty_file"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "wrong_extension"),  # an image named .pdf
    ],
)
def test_bad_input_is_recorded_not_raised(
    stores: Stores, pipeline: Pipeline, today: date, data: bytes, code: str
) -> None:
    doc_id = _upload(stores, "cv.pdf", data)
    record = process_document(doc_id, stores, lambda _spec: pipeline, today=today)
    assert (record.status, record.error_code) == ("failed", code)
    assert record.error_message and len(record.error_message) > 30  # says what to do
    assert stores.documents.draft(doc_id) is None


def test_a_lost_file_is_a_clear_failure(stores: Stores, pipeline: Pipeline, today: date) -> None:
    doc_id = _upload(stores, "cariste.docx")
    stores.files.delete(stores.documents.get(doc_id).sha256)
    record = process_document(doc_id, stores, lambda _spec: pipeline, today=today)
    assert (record.status, record.error_code) == ("failed", "file_missing")
    assert "Upload the CV again" in record.error_message


def test_processing_twice_parses_once(stores: Stores, pipeline: Pipeline, today: date) -> None:
    parses = []

    reads = []

    class Counting(Pipeline):
        def read(self, *args, **kwargs):
            reads.append(1)
            return super().read(*args, **kwargs)

        def parse_document(self, *args, **kwargs):
            parses.append(1)
            return super().parse_document(*args, **kwargs)

    counting = Counting(pipeline.referential, pipeline.index, pipeline.calibration)
    first = _upload(stores, "cariste.docx")
    second = _upload(stores, "cariste.docx")  # the same file uploaded again
    a = process_document(first, stores, lambda _spec: counting, today=today)
    b = process_document(first, stores, lambda _spec: counting, today=today)
    c = process_document(second, stores, lambda _spec: counting, today=today)
    assert len(parses) == 1 and len(reads) == 1
    assert a.draft_id == b.draft_id == c.draft_id
    assert stores.documents.count_drafts() == 1


def test_storage_outages_are_raised_for_the_task_to_retry(
    stores: Stores, pipeline: Pipeline, today: date
) -> None:
    from cvparse.service.store.db import make_engine
    from cvparse.service.store.documents import DocumentStore

    down = Stores(stores.files, DocumentStore(make_engine(
        "postgresql+psycopg://postgres@127.0.0.1:1/test", connect_args={"connect_timeout": 2}
    )))
    with pytest.raises(OperationalError):
        run_job(Job("any"), down, lambda _spec: pipeline, today=today)
    with pytest.raises(OperationalError):
        run_job(Job("any", "run"), down, lambda _spec: pipeline, today=today)


def _damage(stores: Stores, doc_id: str, how: str) -> None:
    sha = stores.documents.get(doc_id).sha256
    if how == "missing":
        stores.files.delete(sha)
    else:  # bytes that no longer hash to their key
        stores.files.path(sha).write_bytes(b"PK\x03\x04 flipped bits")


@pytest.mark.parametrize(("how", "code"), [("missing", "file_missing"),
                                           ("corrupt", "file_corrupt")])
@pytest.mark.parametrize("path", ["upload", "run item"])
def test_an_unusable_stored_file_has_the_same_code_on_both_paths(
    stores: Stores, pipeline: Pipeline, today: date, how: str, code: str, path: str
) -> None:
    doc_id = _upload(stores, "cariste.docx")
    _damage(stores, doc_id, how)
    if path == "upload":
        job = Job(doc_id)
    else:
        job = Job(doc_id, batch.start(stores, batch.Selection(ids=[doc_id]), None).id)
    assert run_job(job, stores, lambda _spec: pipeline, today=today) == "failed"
    if path == "upload":
        failed = stores.documents.get(doc_id)
        assert failed.status == "failed" and failed.draft_id is None
    else:
        (failed,) = stores.runs.items(job.run_id)
        assert failed.state == "failed" and failed.draft_id is None
    assert failed.error_code == code
    assert "Upload the CV again" in failed.error_message


def test_a_task_stopped_from_outside_is_recorded_alike_on_both_paths(
    stores: Stores, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hard time limit, retries exhausted, a bug: the worker's failure signal records the
    same codes on an upload's document and on a run item."""
    from billiard.exceptions import TimeLimitExceeded

    import workers.tasks as tasks

    monkeypatch.setattr(tasks, "open_stores", lambda _settings=None: stores)
    cases = [(TimeLimitExceeded(), "timeout"), (OperationalError("s", {}, OSError()),
                                                "service_unavailable"),
             (ZeroDivisionError(), "internal_error")]
    for exception, code in cases:
        upload = _upload(stores, "cariste.docx")
        item = _upload(stores, "cariste.docx")
        run = batch.start(stores, batch.Selection(ids=[item]), None)
        tasks._record_failure(sender=tasks.process, exception=exception, args=[upload])
        tasks._record_failure(sender=tasks.reprocess, exception=exception, args=[item],
                              kwargs={"run_id": run.id})
        doc = stores.documents.get(upload)
        (run_item,) = stores.runs.items(run.id)
        assert (doc.status, doc.error_code) == ("failed", code)
        assert (run_item.state, run_item.error_code) == ("failed", code)
        assert doc.error_message == run_item.error_message
        assert stores.documents.get(item).status == "queued"  # a run item leaves its document


def test_retry_delays_grow_exponentially_up_to_a_cap() -> None:
    delays = [retry_delay(n, cap=60, jitter=1.0) for n in range(8)]
    assert delays == [2, 4, 8, 16, 32, 60, 60, 60]
    assert 1.0 <= retry_delay(0, cap=60) <= 2.0  # jitter lowers, never raises, the delay

"""The task body, in-process: final states, bad input recorded (not raised), idempotency."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.exc import OperationalError

from cvparse.engine.pipeline import Pipeline
from cvparse.service.jobs import process_document
from cvparse.service.store import Stores
from tests.conftest import SAMPLES
from workers.tasks import retry_delay


def _upload(stores: Stores, name: str, data: bytes | None = None) -> str:
    data = (SAMPLES / name).read_bytes() if data is None else data
    return stores.documents.create(stores.files.put(data), name, len(data)).id


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

    class Counting(Pipeline):
        def parse(self, *args, **kwargs):
            parses.append(1)
            return super().parse(*args, **kwargs)

    counting = Counting(pipeline.referential, pipeline.index, pipeline.calibration)
    first = _upload(stores, "cariste.docx")
    second = _upload(stores, "cariste.docx")  # the same file uploaded again
    a = process_document(first, stores, lambda _spec: counting, today=today)
    b = process_document(first, stores, lambda _spec: counting, today=today)
    c = process_document(second, stores, lambda _spec: counting, today=today)
    assert len(parses) == 1
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
        process_document("any", down, lambda _spec: pipeline, today=today)


def test_retry_delays_grow_exponentially_up_to_a_cap() -> None:
    delays = [retry_delay(n, cap=60, jitter=1.0) for n in range(8)]
    assert delays == [2, 4, 8, 16, 32, 60, 60, 60]
    assert 1.0 <= retry_delay(0, cap=60) <= 2.0  # jitter lowers, never raises, the delay

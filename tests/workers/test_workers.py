"""Real workers over the real Redis: same drafts as in-process, crash recovery, time limits,
idempotency, queue priority, and logs free of CV content."""

from __future__ import annotations

import json
import time
from datetime import date

from cvparse.service.registry import get_pipeline
from tests.conftest import SAMPLES
from tests.workers.conftest import long_scan

SAMPLE_FILES = sorted(
    p for p in SAMPLES.iterdir() if p.suffix in {".pdf", ".docx", ".odt", ".txt"}
)


def test_a_worker_process_gives_the_in_process_drafts(cluster_factory) -> None:
    cluster = cluster_factory(CVPARSE_WORKER_CONCURRENCY="2")
    cluster.start_worker("all")
    ids = {cluster.submit(p.read_bytes(), p.name): p for p in SAMPLE_FILES}
    docs = cluster.wait(list(ids), timeout=300)
    assert {d.status for d in docs} == {"draft_ready"}
    pipeline = get_pipeline()
    for doc_id, path in ids.items():
        stored = cluster.stores.documents.draft(doc_id)
        expected = pipeline.parse(path.read_bytes(), path.name, today=date.today())
        assert stored == expected, path.name
    assert cluster.stores.documents.count_drafts() == len(SAMPLE_FILES)


def test_a_killed_worker_loses_nothing(cluster_factory) -> None:
    cluster = cluster_factory()
    first = cluster.start_worker("doomed")
    doc_id = cluster.submit(long_scan(), "scan.pdf")
    cluster.wait([doc_id], timeout=60, final={"processing"})
    time.sleep(0.5)  # well inside the OCR of the first pages
    first.kill()
    assert cluster.stores.documents.get(doc_id).status == "processing"
    cluster.start_worker("rescuer")  # takes the unacknowledged task after the visibility timeout
    (doc,) = cluster.wait([doc_id], timeout=120)
    assert doc.status == "draft_ready" and doc.attempts == 2
    assert cluster.stores.documents.count_drafts(doc.sha256) == 1


def test_a_file_over_the_time_limit_fails_and_the_worker_goes_on(cluster_factory) -> None:
    cluster = cluster_factory(CVPARSE_TASK_SOFT_TIME_LIMIT="1", CVPARSE_TASK_TIME_LIMIT="5")
    cluster.start_worker("limited")
    slow = cluster.submit(long_scan(), "scan.pdf")
    normal = cluster.submit((SAMPLES / "cariste.docx").read_bytes(), "cariste.docx")
    slow_doc, normal_doc = cluster.wait([slow, normal], timeout=60)
    assert (slow_doc.status, slow_doc.error_code) == ("failed", "timeout")
    assert "time limit" in slow_doc.error_message
    assert normal_doc.status == "draft_ready"


def test_a_hard_time_limit_kill_is_recorded(cluster_factory) -> None:
    """Without a soft limit (or when a long C call ignores it) the hard limit kills the child
    process; the worker's parent records the timeout on the document."""
    cluster = cluster_factory(CVPARSE_TASK_SOFT_TIME_LIMIT="0", CVPARSE_TASK_TIME_LIMIT="1")
    cluster.start_worker("hard")
    slow = cluster.submit(long_scan(), "scan.pdf")
    (doc,) = cluster.wait([slow], timeout=60)
    assert (doc.status, doc.error_code) == ("failed", "timeout")
    normal = cluster.submit((SAMPLES / "cariste.docx").read_bytes(), "cariste.docx")
    assert cluster.wait([normal], timeout=60)[0].status == "draft_ready"


def test_sending_a_document_again_is_a_no_op(cluster_factory) -> None:
    from cvparse.service import batch
    from cvparse.service.dispatch import send, send_run_item
    from cvparse.service.jobs import Job

    cluster = cluster_factory()
    cluster.start_worker("idem")
    data = (SAMPLES / "infirmier.docx").read_bytes()
    doc_id = cluster.submit(data, "infirmier.docx")
    (doc,) = cluster.wait([doc_id])
    send(Job(doc_id), app=cluster.app, stores=cluster.stores)  # the upload's message again
    run = batch.start(cluster.stores, batch.Selection(ids=[doc_id]), target=None)
    send_run_item(run.id, doc_id, app=cluster.app, stores=cluster.stores)  # and re-processed
    again = cluster.submit(data, "infirmier.docx")
    docs = cluster.wait([doc_id, again])
    _wait_for(lambda: cluster.stores.runs.progress(run.id).done == 1
              and _logged(cluster, "draft exists", doc_id) == 1)
    assert {d.draft_id for d in docs} == {doc.draft_id}
    assert all(d.attempts == 1 or d.id == again for d in docs)  # not parsed again
    assert cluster.stores.documents.count_drafts() == 1
    assert cluster.stores.documents.count_readings() == 1  # read once, too


def _logged(cluster, message: str, document_id: str) -> int:
    entries = [json.loads(line) for line in cluster.logs().splitlines() if line.startswith("{")]
    return sum(e["message"] == message and e.get("document_id") == document_id
               for e in entries)


def _wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_interactive_work_goes_before_batch_work(cluster_factory) -> None:
    from cvparse.service import batch
    from cvparse.service.dispatch import send_run_item

    cluster = cluster_factory()
    batch_ids = [
        cluster.stores.documents.create(cluster.stores.files.put(p.read_bytes()), p.name,
                                        p.stat().st_size).id
        for p in SAMPLE_FILES[:8]
    ]
    run = batch.start(cluster.stores, batch.Selection(ids=batch_ids), target=None)
    batch.enqueue(cluster.stores, run.id, lambda r, d: send_run_item(  # ops queue a batch
        r, d, app=cluster.app, stores=cluster.stores))  # before any worker runs…
    uploads = [  # …then job seekers upload: all served before the batch goes on
        cluster.submit(p.read_bytes(), p.name) for p in SAMPLE_FILES[8:11]
    ]
    cluster.start_worker("prio")
    docs = cluster.wait([*uploads, *batch_ids], timeout=120)
    finished = sorted(docs, key=lambda d: d.updated_at)
    assert {d.id for d in finished[:3]} == set(uploads), [d.filename for d in finished]


def test_logs_are_structured_and_hold_no_cv_content(cluster_factory) -> None:
    cluster = cluster_factory()
    cluster.start_worker("logs")
    path = SAMPLES / "aide_soignante.pdf"
    doc_id = cluster.submit(path.read_bytes(), path.name)
    cluster.wait([doc_id])
    draft = cluster.stores.documents.draft(doc_id)
    time.sleep(0.5)
    lines = [line for line in cluster.logs().splitlines() if line.startswith("{")]
    entries = [json.loads(line) for line in lines]
    assert any(e.get("document_id") == doc_id and e["message"] == "draft stored" for e in entries)
    text = cluster.logs()
    assert "aide_soignante" not in text  # file names often hold the person's name
    for field in draft.fields:
        for evidence in field.evidence:
            assert evidence.text not in text


def test_api_uploads_go_through_the_workers(cluster_factory, tmp_path) -> None:
    from fastapi.testclient import TestClient

    from cvparse.server import create_app
    from cvparse.service.settings import Settings

    cluster = cluster_factory()
    cluster.start_worker("api")
    app = create_app(Settings(data_dir=tmp_path / "data"), cluster.stores, celery=cluster.app)
    _, token = cluster.stores.accounts.create("job_seeker", "js")
    response = TestClient(app).post(
        "/api/v1/documents", headers={"Authorization": f"Bearer {token}"},
        files={"file": ("macon.txt", (SAMPLES / "macon.txt").read_bytes())},
    )
    assert response.status_code == 202 and response.json()["status"] == "queued"
    (doc,) = cluster.wait([response.json()["id"]])
    assert doc.status == "draft_ready"
    assert "api@" in cluster.logs() and doc.id in cluster.logs()  # the worker did it


def test_an_interrupted_run_resumes_and_processes_each_document_once(cluster_factory) -> None:
    import pytest
    from sqlalchemy import select

    from cvparse.service import batch
    from cvparse.service.dispatch import send_run_item
    from cvparse.service.review.models import SavedProfile
    from cvparse.service.store.models import ProfileRow

    cluster = cluster_factory(CVPARSE_WORKER_CONCURRENCY="2")
    cluster.start_worker("batch")
    stores = cluster.stores
    ids = [cluster.submit(p.read_bytes(), p.name) for p in SAMPLE_FILES[:12]]
    cluster.wait(ids)
    doc = stores.documents.get(ids[0])
    state = stores.reviews.state(doc.id, doc.draft_id)
    draft = stores.documents.draft(doc.id)
    from datetime import UTC, datetime

    from cvparse.service.review.decide import finalize

    stores.reviews.finalize(doc.id, state.version, finalize(
        draft, state, profile_id="saved", job_seeker=None, advisor="a", at=datetime.now(UTC)
    ), None)
    with stores.engine.connect() as c:
        before = c.execute(select(ProfileRow.payload)).scalar_one()

    run = batch.start(stores, batch.Selection(ids=ids), target=None)
    sent: list[str] = []

    def send(run_id: str, document_id: str) -> None:
        if len(sent) == 5:
            raise KeyboardInterrupt  # ops press Ctrl-C
        send_run_item(run_id, document_id, app=cluster.app, stores=stores)
        sent.append(document_id)

    with pytest.raises(KeyboardInterrupt):
        batch.enqueue(stores, run.id, send, chunk=3)
    assert stores.runs.get(run.id).status == "stopped"
    # --resume --requeue: the rest, and the 5 already sent once more (idempotent)
    batch.enqueue(stores, run.id, lambda r, d: send_run_item(r, d, app=cluster.app,
                                                              stores=stores), requeue=True)
    deadline = time.monotonic() + 120
    while stores.runs.progress(run.id).finished < len(ids) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)  # let the duplicate messages arrive too
    progress = batch.finish_if_done(stores, run.id)
    assert (progress.done, progress.failed) == (len(ids), 0)
    assert stores.runs.get(run.id).status == "finished"
    assert cluster.logs().count('"reprocessed"') == len(ids)  # each document exactly once
    with stores.engine.connect() as c:
        assert c.execute(select(ProfileRow.payload)).scalar_one() == before
    assert SavedProfile.model_validate(before).id == "saved"

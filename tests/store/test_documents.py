"""Documents and drafts on SQLite and PostgreSQL (real databases, no mocks)."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import inspect

from cvparse.engine.pipeline import Pipeline
from cvparse.service.registry import PipelineOptions, registry
from cvparse.service.store import Stores
from cvparse.service.store.db import current_revision, downgrade, make_engine, upgrade
from cvparse.service.store.documents import MAX_ERROR_MESSAGE, DocumentStore, UnknownDocumentError
from tests.conftest import SAMPLES


def _draft(pipeline: Pipeline, name: str, today: date):
    data = (SAMPLES / name).read_bytes()
    return data, pipeline.parse(data, name, today=today)


def test_document_lifecycle(stores: Stores, pipeline: Pipeline, today: date) -> None:
    data, draft = _draft(pipeline, "cariste.docx", today)
    key = stores.files.put(data)
    doc = stores.documents.create(key, "cariste.docx", len(data))
    assert (doc.status, doc.attempts, doc.draft_id) == ("queued", 0, None)
    assert stores.documents.start(doc.id).status == "processing"
    saved, created = stores.documents.save_draft(doc.id, draft)
    assert created and saved.status == "draft_ready" and saved.attempts == 1
    assert stores.documents.draft(doc.id) == draft  # read back exactly
    assert [d.id for d in stores.documents.list(status="draft_ready")] == [doc.id]


def test_one_draft_per_file_referential_and_pipeline(
    stores: Stores, pipeline: Pipeline, today: date
) -> None:
    data, draft = _draft(pipeline, "cariste.docx", today)
    key = stores.files.put(data)
    first = stores.documents.create(key, "cariste.docx", len(data))
    second = stores.documents.create(key, "copie.docx", len(data))
    a, created_a = stores.documents.save_draft(first.id, draft)
    b, created_b = stores.documents.save_draft(second.id, draft)
    again, created_again = stores.documents.save_draft(first.id, draft)
    assert (created_a, created_b, created_again) == (True, False, False)
    assert a.draft_id == b.draft_id == again.draft_id
    assert stores.documents.count_drafts(key) == 1


def test_two_workers_finishing_at_once_make_one_draft(
    stores: Stores, pipeline: Pipeline, today: date
) -> None:
    data, draft = _draft(pipeline, "infirmier.docx", today)
    key = stores.files.put(data)
    docs = [stores.documents.create(key, "infirmier.docx", len(data)) for _ in range(4)]
    barrier = threading.Barrier(len(docs))
    results = []

    def finish(doc_id: str) -> None:
        barrier.wait()
        results.append(stores.documents.save_draft(doc_id, draft))

    threads = [threading.Thread(target=finish, args=(d.id,)) for d in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert stores.documents.count_drafts(key) == 1
    assert len({record.draft_id for record, _ in results}) == 1
    assert sum(created for _, created in results) == 1


def test_a_needs_ocr_draft_marks_its_document(
    stores: Stores, pipeline: Pipeline, today: date
) -> None:
    data = (SAMPLES / "scanned_cv.pdf").read_bytes()
    no_ocr = registry().for_referential(pipeline.referential, PipelineOptions(ocr=False))
    draft = no_ocr.parse(data, "scan.pdf", today=today)
    doc = stores.documents.create(stores.files.put(data), "scan.pdf", len(data))
    saved, _ = stores.documents.save_draft(doc.id, draft)
    assert saved.status == "needs_ocr"


def test_failures_keep_a_bounded_clear_message(stores: Stores) -> None:
    doc = stores.documents.create("a" * 64, "cv.pdf", 10)
    failed = stores.documents.fail(doc.id, "corrupt_file", "x" * 10_000)
    assert failed.status == "failed" and failed.error_code == "corrupt_file"
    assert len(failed.error_message) == MAX_ERROR_MESSAGE
    restarted = stores.documents.start(doc.id)  # a new attempt clears the old error
    assert restarted.error_code is None and restarted.attempts == 1


def test_unknown_documents_are_a_clear_error(stores: Stores) -> None:
    with pytest.raises(UnknownDocumentError, match="no document with id 'nope'"):
        stores.documents.get("nope")
    with pytest.raises(UnknownDocumentError):
        stores.documents.fail("nope", "x", "y")


def test_migrations_go_up_and_down(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    upgrade(engine)  # idempotent
    assert current_revision(engine) == "0006"
    service = {"users", "assignments", "reviews", "profiles", "audit_log", "runs", "run_items",
               "readings"}
    access = {"api_tokens", "sessions", "password_resets", "break_glass"}
    tables = {"documents", "drafts", "learned_layers"} | service | access
    assert tables <= set(inspect(engine).get_table_names())
    assert "learned" in {c["name"] for c in inspect(engine).get_columns("drafts")}
    downgrade(engine, "0005")
    assert "learned_layers" not in inspect(engine).get_table_names()
    assert "learned" not in {c["name"] for c in inspect(engine).get_columns("drafts")}
    downgrade(engine, "0004")
    assert not access & set(inspect(engine).get_table_names())
    assert "token_hash" in {c["name"] for c in inspect(engine).get_columns("users")}
    downgrade(engine, "0003")
    assert current_revision(engine) == "0003"
    assert "readings" not in inspect(engine).get_table_names()
    assert "run_items" in inspect(engine).get_table_names()
    downgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    tables = set(inspect(engine).get_table_names())
    assert {"documents", "drafts"} <= tables and not service & tables
    assert "owner_id" not in {c["name"] for c in inspect(engine).get_columns("documents")}
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert not {"documents", "drafts"} & set(inspect(engine).get_table_names())
    upgrade(engine)
    assert current_revision(engine) == "0006"
    engine.dispose()


def test_an_upgrade_keeps_existing_rows(database_url: str, tmp_path) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0001")
    old = DocumentStore(engine)
    from sqlalchemy import text

    with engine.begin() as connection:  # a row written by the 0001 schema
        connection.execute(text(
            "INSERT INTO documents (id, sha256, filename, size, status, attempts, created_at, "
            "updated_at) VALUES ('d1', :sha, 'cv.pdf', 3, 'queued', 0, :now, :now)"
        ), {"sha": "a" * 64, "now": "2026-01-01T00:00:00+00:00"})
    upgrade(engine)
    doc = old.get("d1")
    assert (doc.filename, doc.status, doc.owner_id) == ("cv.pdf", "queued", None)
    engine.dispose()


def test_readings_are_stored_once_compressed_and_read_back_exactly(
    stores: Stores, pipeline: Pipeline
) -> None:
    import json
    import zlib

    from sqlalchemy import select

    from cvparse.service.store.models import ReadingRow

    data = (SAMPLES / "comptable.pdf").read_bytes()
    document = pipeline.read(data, "comptable.pdf")
    key = stores.files.put(data)
    assert stores.documents.reading(key, "1.0", True) is None
    stores.documents.save_reading(key, "1.0", True, document)
    stores.documents.save_reading(key, "1.0", True, document)  # once
    assert stores.documents.count_readings(key) == 1
    assert stores.documents.reading(key, "1.0", True) == document
    assert stores.documents.reading(key, "1.0", False) is None  # OCR is part of the key
    assert stores.documents.reading(key, "2.0", True) is None  # and the pipeline version
    with stores.engine.begin() as c:
        payload = bytes(c.execute(select(ReadingRow.payload)).scalar_one())
        as_json = json.loads(zlib.decompress(payload))  # compressed JSON at rest
        assert as_json == document.to_dict()
        assert len(payload) < len(json.dumps(as_json, ensure_ascii=False)) / 1.5
        assert document.lines[0].text.encode() not in payload
        c.execute(ReadingRow.__table__.update().values(payload=b"not zlib"))
    assert stores.documents.reading(key, "1.0", True) is None  # damaged: read the file again
    stores.documents.save_reading(key, "1.0", True, document)  # …and stored again
    assert stores.documents.reading(key, "1.0", True) == document

"""Process a stored document: the body of the workers' tasks, free of Celery.

It reads the file by its storage key, runs the pure pipeline and stores the draft. The same
function runs in a Celery worker and in-process (no broker configured), so both give the same
draft. What it raises is what a retry may fix (database or storage hiccups); what a retry
cannot fix — a corrupt file, a file that needs OCR, a missing file — is recorded on the document
as a failure with its clear error and returned, never raised.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from cvparse import PIPELINE_VERSION
from cvparse.engine.extract.errors import ExtractionError
from cvparse.engine.pipeline import Pipeline
from cvparse.service.registry import get_pipeline
from cvparse.service.store import Stores
from cvparse.service.store.documents import DocumentRecord
from cvparse.service.store.files import StoredFileCorruptError, StoredFileMissingError

log = logging.getLogger("cvparse.service.jobs")

TIMEOUT_CODE = "timeout"
TIMEOUT_MESSAGE = (
    "Processing this file took longer than the time limit ({limit:g} s) and was stopped. "
    "The file may be unusually large or complex: export the CV again as a simple PDF or DOCX "
    "(fewer pages, no embedded images) and upload it again."
)


def process_document(
    document_id: str,
    stores: Stores,
    pipeline_for: Callable[[str | None], Pipeline],
    *,
    today: date | None = None,
) -> DocumentRecord:
    """Bring one document to a final state: draft ready, needs OCR, or failed with its error.

    Idempotent: when a draft already exists for the same file, referential content and
    pipeline version, the document is attached to it and nothing is parsed again."""
    documents = stores.documents
    doc = documents.get(document_id)
    pipeline = pipeline_for(doc.referential)
    checksum = pipeline.referential.checksum
    existing = documents.find_draft(doc.sha256, checksum, PIPELINE_VERSION)
    if existing is not None:
        log.info("draft exists", extra={"document_id": doc.id, "draft_id": existing.id})
        return documents.attach(doc.id, existing.id)
    doc = documents.start(doc.id)
    log.info("processing", extra={"document_id": doc.id, "attempt": doc.attempts})
    try:
        data = stores.files.get(doc.sha256)
    except (StoredFileMissingError, StoredFileCorruptError) as exc:
        code = "file_missing" if isinstance(exc, StoredFileMissingError) else "file_corrupt"
        log.warning("stored file unusable", extra={"document_id": doc.id, "error_code": code})
        return documents.fail(
            doc.id, code,
            f"The uploaded file can no longer be read from storage ({exc}). "
            "Upload the CV again.",
        )
    try:
        draft = pipeline.parse(data, doc.filename, today=today)
    except ExtractionError as exc:
        log.info("bad input", extra={"document_id": doc.id, "error_code": exc.code})
        return documents.fail(doc.id, exc.code, exc.message)
    record, created = documents.save_draft(doc.id, draft)
    log.info(
        "draft stored" if created else "draft exists",
        extra={"document_id": doc.id, "draft_id": record.draft_id, "status": record.status,
               "fields": len(draft.fields)},
    )
    return record


def record_timeout(document_id: str, stores: Stores, limit: float) -> DocumentRecord:
    log.warning("time limit exceeded", extra={"document_id": document_id, "limit": limit})
    return stores.documents.fail(document_id, TIMEOUT_CODE, TIMEOUT_MESSAGE.format(limit=limit))



def reprocess_item(
    run_id: str,
    document_id: str,
    stores: Stores,
    pipeline_for: Callable[[str | None], Pipeline],
    *,
    today: date | None = None,
) -> str:
    """One document of a re-processing run: a new draft version and its diff; returns the
    item's final state ("done", "failed") or "skipped" when it was already recorded.

    Never modifies a saved profile or a draft under review: drafts are immutable rows, and the
    document moves to the new draft only when no advisor has decided anything on the old one
    (otherwise the new draft waits beside it, with its diff, for the advisor to see)."""
    from cvparse.engine.profile.diff import diff_fields

    runs, documents, reviews = stores.runs, stores.documents, stores.reviews
    if runs.state(run_id, document_id) not in ("pending", "enqueued"):
        return "skipped"
    run = runs.get(run_id)
    doc = documents.get(document_id)
    pipeline = pipeline_for(run.target if run else None)
    existing = documents.find_draft(doc.sha256, pipeline.referential.checksum, PIPELINE_VERSION)
    if existing is not None:
        new_id = existing.id
        draft = documents.draft_by_id(new_id)
    else:
        try:
            draft = pipeline.parse(stores.files.get(doc.sha256), doc.filename, today=today)
        except ExtractionError as exc:
            runs.fail(run_id, document_id, exc.code, exc.message)
            return "failed"
        except (StoredFileMissingError, StoredFileCorruptError) as exc:
            runs.fail(run_id, document_id, "file_missing", str(exc))
            return "failed"
        new_id = documents.add_draft(draft)
    review = reviews.get(document_id)
    profile = reviews.profile_of_document(document_id)
    reviewed_draft = review.draft_id if review else doc.draft_id
    previous = documents.draft_by_id(reviewed_draft) if reviewed_draft else None
    if profile is not None:
        base, against = profile.fields, "profile"
    else:
        base, against = (previous.fields if previous else []), ("draft" if previous else None)
    diff = diff_fields(base, draft.fields)
    under_review = review is not None and (review.finalized or review.decisions)
    if not under_review:
        documents.attach(document_id, new_id)
        if review is not None:
            reviews.rebind(document_id, new_id)
    recorded = runs.complete(
        run_id, document_id, draft_id=new_id, previous_draft_id=reviewed_draft,
        against=against, changed=not diff.empty, diff=diff.model_dump(mode="json"),
    )
    log.info("reprocessed", extra={"document_id": document_id, "draft_id": new_id,
                                   "status": "changed" if not diff.empty else "same"})
    return "done" if recorded else "skipped"


def run_job(document_id: str, stores: Stores, run_id: str | None = None) -> str:
    """The body of every task, with or without a broker: an upload (no run) or one item of a
    re-processing run. Returns the document's or the item's final state."""
    if run_id is not None:
        return reprocess_item(run_id, document_id, stores, get_pipeline)
    return process_document(document_id, stores, get_pipeline).status

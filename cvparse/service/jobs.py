"""Jobs: the body of the workers' tasks, free of Celery's apps and tasks.

A job is one document to bring to a draft, and the run it belongs to when it is an item of a
re-processing run (`Job.run_id`); an upload and a run item take the same path:

1. the draft for (file, target referential, pipeline version, active learned layer) exists
   already: use it;
2. otherwise read the stored file and its stored reading (`read_stored`: the file is read by
   the pipeline once per content, pipeline version and OCR, then the reading is stored), and
   parse that reading with the target referential;
3. record the outcome: an upload's document gets its draft; a run item gets the new draft
   version and its diff (the document moves to it unless an advisor has decided on the old).

What a retry cannot fix is recorded, never raised, with the code `failure_of` gives it — the
same for an upload (on the document) and a run item (on the item); what a retry may fix
(database, broker or storage hiccups, `TRANSIENT`) is raised for the task to retry. The same
function runs in a Celery worker and in-process (no broker configured), so both give the same
draft.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from billiard.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import DBAPIError, OperationalError

from cvparse import PIPELINE_VERSION
from cvparse.engine.document import Document
from cvparse.engine.extract.errors import ExtractionError
from cvparse.engine.extract.ocr import tesseract_available
from cvparse.engine.pipeline import Pipeline
from cvparse.engine.profile.models import DraftProfile
from cvparse.service.registry import get_pipeline, registry
from cvparse.service.store import Stores
from cvparse.service.store.documents import DocumentRecord
from cvparse.service.store.files import StoredFileCorruptError, StoredFileMissingError

log = logging.getLogger("cvparse.service.jobs")

# What a retry may fix: raised for the task to retry, never recorded as the job's outcome.
TRANSIENT = (OperationalError, DBAPIError, RedisConnectionError, RedisTimeoutError, OSError)
# What a retry cannot fix in the file itself: recorded on the document or the run item.
UNUSABLE = (StoredFileMissingError, StoredFileCorruptError, ExtractionError)
TIME_LIMITS = (SoftTimeLimitExceeded, TimeLimitExceeded)

TIMEOUT_CODE = "timeout"
MESSAGES = {
    "file_missing": "The uploaded file is no longer in storage (deleted or misplaced), so it "
                    "cannot be read. Upload the CV again.",
    "file_corrupt": "The stored copy of the uploaded file is damaged (it no longer matches "
                    "its checksum), so it cannot be read. Upload the CV again.",
    TIMEOUT_CODE: "Processing this file took longer than the time limit ({limit:g} s) and was "
                  "stopped. The file may be unusually large or complex: export the CV again "
                  "as a simple PDF or DOCX (fewer pages, no embedded images) and upload it "
                  "again.",
    "service_unavailable": "The service could not reach its storage or broker after several "
                           "tries. Nothing was lost: the document can be processed again.",
    "internal_error": "Processing stopped on an unexpected error; the team has been alerted. "
                      "Nothing was lost: the file is stored and will be processed again.",
}


@dataclass(frozen=True, slots=True)
class Job:
    """One document to process: an upload (no run) or an item of a re-processing run."""

    document_id: str
    run_id: str | None = None

    def result(self, status: str) -> dict[str, str]:
        """What a task returns: the document (and run), and the final state."""
        run = {"run_id": self.run_id} if self.run_id is not None else {}
        return {"document_id": self.document_id, **run, "status": status}


@dataclass(frozen=True, slots=True)
class Failure:
    code: str
    message: str


def failure_of(exc: BaseException, *, time_limit: float = 0) -> Failure:
    """The one mapping from what stopped a job to its error code and message, for uploads and
    run items alike: `file_missing`, `file_corrupt`, the extraction's own code (corrupt_file,
    empty_file, wrong_extension…), `timeout` (soft or hard time limit, `time_limit` seconds),
    `service_unavailable` (still transient after the last retry) and `internal_error` (a bug)."""
    if isinstance(exc, StoredFileMissingError):
        return Failure("file_missing", MESSAGES["file_missing"])
    if isinstance(exc, StoredFileCorruptError):
        return Failure("file_corrupt", MESSAGES["file_corrupt"])
    if isinstance(exc, ExtractionError):
        return Failure(exc.code, exc.message)
    if isinstance(exc, TIME_LIMITS):
        return Failure(TIMEOUT_CODE, MESSAGES[TIMEOUT_CODE].format(limit=time_limit))
    if isinstance(exc, TRANSIENT):
        return Failure("service_unavailable", MESSAGES["service_unavailable"])
    return Failure("internal_error", MESSAGES["internal_error"])


def record_failure(job: Job, stores: Stores, failure: Failure) -> str:
    """Record the failure where the job's outcome lives (the document for an upload, the run
    item for a run); returns the final state ("failed")."""
    log.warning("job failed", extra={"document_id": job.document_id,
                                     "error_code": failure.code})
    if job.run_id is not None:
        stores.runs.fail(job.run_id, job.document_id, failure.code, failure.message)
        return "failed"
    return stores.documents.fail(job.document_id, failure.code, failure.message).status


def reading_key(ocr: bool) -> tuple[str, bool]:
    """What, besides the bytes, changes a reading: the pipeline version, and whether OCR runs
    (asked for, and Tesseract installed)."""
    return PIPELINE_VERSION, ocr and tesseract_available()


def read_stored(
    stores: Stores, doc: DocumentRecord, pipeline: Pipeline
) -> tuple[bytes, Document]:
    """The document's stored file and the pipeline's reading of it: the stored reading when
    there is one, else the file read now (OCR included) and its reading stored. Raises the
    file store's StoredFileMissingError / StoredFileCorruptError, or an ExtractionError."""
    data = stores.files.get(doc.sha256)
    version, ocr = reading_key(pipeline.ocr)
    document = stores.documents.reading(doc.sha256, version, ocr)
    if document is None:
        document = pipeline.read(data, doc.filename)
        stores.documents.save_reading(doc.sha256, version, ocr, document)
        log.info("reading stored", extra={"document_id": doc.id, "status": document.status})
    return data, document


def with_active_layer(stores: Stores, pipeline: Pipeline) -> Pipeline:
    """The pipeline with the learned layer active for its referential version (the one ops
    applied last and did not roll back), for uploads and re-processing alike."""
    return registry().with_learned(pipeline, stores.learned.active(pipeline.referential.checksum))


def run_job(
    job: Job,
    stores: Stores,
    pipeline_for: Callable[[str | None], Pipeline] = get_pipeline,
    *,
    today: date | None = None,
) -> str:
    """Bring one job to its final state and return it: for an upload the document's status
    (draft_ready, needs_ocr, failed), for a run item the item's state (done, failed, or
    skipped when it was already recorded).

    Idempotent: when a draft already exists for the same file, referential content, pipeline
    version and learned layer (`draft_key`), it is used and nothing is read or parsed again. Raises
    UnknownDocumentError when the document was deleted before its turn came."""
    runs, documents = stores.runs, stores.documents
    if job.run_id is not None and runs.state(job.run_id, job.document_id) not in (
        "pending", "enqueued"
    ):
        return "skipped"
    doc = documents.get(job.document_id)
    if job.run_id is not None:
        run = runs.get(job.run_id)
        target = run.target if run else None
    else:
        target = doc.referential
    pipeline = with_active_layer(stores, pipeline_for(target))
    existing = documents.find_draft(doc.sha256, pipeline.referential.checksum, PIPELINE_VERSION,
                                    pipeline.learned.label if pipeline.learned else "")
    draft: DraftProfile | None = None
    if existing is None:
        if job.run_id is None:
            doc = documents.start(doc.id)
        log.info("processing", extra={"document_id": doc.id, "attempt": doc.attempts})
        try:
            data, document = read_stored(stores, doc, pipeline)
            draft = pipeline.parse_document(document, data, doc.filename,
                                            today=today or date.today())
        except UNUSABLE as exc:
            return record_failure(job, stores, failure_of(exc))
    if job.run_id is None:
        return _finish_upload(stores, doc, existing.id if existing else None, draft).status
    return _finish_run_item(stores, job.run_id, doc, existing.id if existing else None, draft)


def _finish_upload(
    stores: Stores, doc: DocumentRecord, draft_id: str | None, draft: DraftProfile | None
) -> DocumentRecord:
    if draft is None:
        log.info("draft exists", extra={"document_id": doc.id, "draft_id": draft_id})
        return stores.documents.attach(doc.id, draft_id)
    record, created = stores.documents.save_draft(doc.id, draft)
    log.info(
        "draft stored" if created else "draft exists",
        extra={"document_id": doc.id, "draft_id": record.draft_id, "status": record.status,
               "fields": len(draft.fields)},
    )
    return record


def _finish_run_item(
    stores: Stores, run_id: str, doc: DocumentRecord, draft_id: str | None,
    draft: DraftProfile | None,
) -> str:
    """A new draft version and its diff; returns "done", or "skipped" when already recorded.

    Never modifies a saved profile or a draft under review: drafts are immutable rows, and the
    document moves to the new draft only when no advisor has decided anything on the old one
    (otherwise the new draft waits beside it, with its diff, for the advisor to see)."""
    from cvparse.engine.profile.diff import diff_fields

    documents, reviews = stores.documents, stores.reviews
    if draft is None:
        draft = documents.draft_by_id(draft_id)
    else:
        draft_id = documents.add_draft(draft)
    review = reviews.get(doc.id)
    profile = reviews.profile_of_document(doc.id)
    reviewed_draft = review.draft_id if review else doc.draft_id
    previous = documents.draft_by_id(reviewed_draft) if reviewed_draft else None
    if profile is not None:
        base, against = profile.fields, "profile"
    else:
        base, against = (previous.fields if previous else []), ("draft" if previous else None)
    diff = diff_fields(base, draft.fields)
    under_review = review is not None and (review.finalized or review.decisions)
    if not under_review:
        documents.attach(doc.id, draft_id)
        if review is not None:
            reviews.rebind(doc.id, draft_id)
    recorded = stores.runs.complete(
        run_id, doc.id, draft_id=draft_id, previous_draft_id=reviewed_draft,
        against=against, changed=not diff.empty, diff=diff.model_dump(mode="json"),
    )
    if not recorded:  # a duplicate message raced the first one past the start-of-task check
        log.info("reprocess duplicate ignored", extra={"document_id": doc.id})
        return "skipped"
    log.info("reprocessed", extra={"document_id": doc.id, "draft_id": draft_id,
                                   "status": "changed" if not diff.empty else "same"})
    return "done"

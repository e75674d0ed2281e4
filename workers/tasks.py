"""Celery tasks: thin shells around `cvparse.service.jobs.process_document`.

A task takes a document id (whose row names the file's storage key), never the file's bytes.
Retries are for what a retry can fix — the broker or the database hiccuping — with exponential
backoff, jitter and a cap; bad input is recorded on the document by `process_document` and
never retried.
"""

from __future__ import annotations

import logging
import random

from billiard.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from celery.signals import task_failure
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import DBAPIError, OperationalError

from cvparse.service.jobs import process_document, record_timeout, reprocess_item
from cvparse.service.queue import PROCESS, PURGE, REPROCESS
from cvparse.service.registry import get_pipeline as pipeline_for
from cvparse.service.settings import get_settings
from cvparse.service.store import open_stores
from cvparse.service.store.documents import UnknownDocumentError
from workers.celery_app import app

log = logging.getLogger("cvparse.workers")
TRANSIENT = (OperationalError, DBAPIError, RedisConnectionError, RedisTimeoutError, OSError)


def retry_delay(retries: int, cap: float, jitter: float | None = None) -> float:
    """Seconds before retry number `retries + 1`: 2, 4, 8… capped, times a jitter in
    [0.5, 1] so that workers hit by the same outage do not come back in lockstep."""
    jitter = random.uniform(0.5, 1.0) if jitter is None else jitter
    return min(cap, 2.0 ** (retries + 1)) * jitter


def _run(task, document_id: str, run_id: str | None = None) -> dict[str, str]:
    settings = get_settings()
    try:
        stores = open_stores(settings)
        try:
            if run_id is not None:
                state = reprocess_item(run_id, document_id, stores, pipeline_for)
                return {"document_id": document_id, "run_id": run_id, "status": state}
            record = process_document(document_id, stores, pipeline_for)
        except SoftTimeLimitExceeded:
            if run_id is not None:
                stores.runs.fail(run_id, document_id, "timeout", "time limit exceeded")
                return {"document_id": document_id, "run_id": run_id, "status": "failed"}
            record = record_timeout(document_id, stores, settings.task_soft_time_limit)
        except UnknownDocumentError:
            # Deleted (e.g. at the person's request) before its turn came: nothing to do.
            log.warning("document gone", extra={"document_id": document_id})
            return {"document_id": document_id, "status": "gone"}
    except TRANSIENT as exc:
        retries = task.request.retries
        if retries >= settings.task_max_retries:
            log.error("giving up after retries",
                      extra={"document_id": document_id, "retries": retries})
            raise
        countdown = retry_delay(retries, settings.task_retry_backoff_max)
        log.warning("transient error, retrying",
                    extra={"document_id": document_id, "retries": retries,
                           "error_code": type(exc).__name__})
        raise task.retry(exc=exc, countdown=countdown) from None
    return {"document_id": record.id, "status": record.status}


@app.task(name=PROCESS, bind=True)
def process(self, document_id: str) -> dict[str, str]:
    """An upload: someone is waiting (interactive queue)."""
    return _run(self, document_id)


@app.task(name=REPROCESS, bind=True)
def reprocess(self, document_id: str, run_id: str | None = None) -> dict[str, str]:
    """Ops re-processing after a referential or pipeline change (batch queue), routed where it
    never delays an upload; within a run, a new draft version and its diff."""
    return _run(self, document_id, run_id)


@app.task(name=PURGE)
def purge() -> dict[str, int]:
    """Nightly retention purge (beat schedule in celery_app.py)."""
    from cvparse.service.retention import purge as run_purge

    settings = get_settings()
    report = run_purge(open_stores(settings), settings.retention_days,
                       settings.retention_unreviewed_days)
    log.info("retention purge", extra={"fields": report.documents})
    return {"documents": report.documents, "drafts": report.drafts, "files": report.files}


UNEXPECTED_MESSAGE = (
    "Processing stopped on an unexpected error; the team has been alerted. "
    "Nothing was lost: the file is stored and will be processed again."
)


@task_failure.connect
def _record_failure(sender=None, task_id=None, exception=None, args=None, **_kwargs) -> None:
    """A task that ended without recording its outcome — killed at the hard time limit (this
    runs in the worker's parent process then), out of retries, or a bug — leaves its document
    failed with a clear error instead of "processing" for ever."""
    if not args or getattr(sender, "name", "") not in (process.name, reprocess.name):
        return
    settings = get_settings()
    stores = open_stores(settings)
    document_id = args[0]
    run_id = args[1] if len(args) > 1 else (_kwargs.get("kwargs") or {}).get("run_id")
    if run_id:
        try:
            stores.runs.fail(run_id, document_id, type(exception).__name__.lower(),
                             "processing stopped (time limit, outage or bug)")
        except Exception:
            log.exception("could not record failure", extra={"document_id": document_id})
        return
    try:
        if isinstance(exception, TimeLimitExceeded):
            record_timeout(document_id, stores, settings.task_time_limit)
        elif isinstance(exception, TRANSIENT):
            stores.documents.fail(
                document_id, "service_unavailable",
                "The service could not reach its storage or broker after several tries. "
                "Nothing was lost: the document can be processed again.",
            )
        else:
            stores.documents.fail(document_id, "internal_error", UNEXPECTED_MESSAGE)
    except Exception:  # the store itself is down: the log is all we can leave
        log.exception("could not record failure", extra={"document_id": document_id})

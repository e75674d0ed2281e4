"""Celery tasks: thin shells around `cvparse.service.jobs.run_job`.

A task takes a document id (whose row names the file's storage key), and for a run item the
run's id, never the file's bytes; both tasks build a `Job` and run the same code. Retries are
for what a retry can fix — the broker or the database hiccuping — with exponential backoff,
jitter and a cap; bad input is recorded by `run_job` and never retried; whatever else stops a
task (time limits, retries exhausted, a bug) is recorded with the code `failure_of` gives it,
on the document for an upload and on the run item for a run.
"""

from __future__ import annotations

import logging
import random

from billiard.exceptions import SoftTimeLimitExceeded
from celery.signals import task_failure

from cvparse.service.jobs import TRANSIENT, Job, failure_of, record_failure, run_job
from cvparse.service.queue import PROCESS, PURGE, REPROCESS
from cvparse.service.registry import get_pipeline as pipeline_for
from cvparse.service.settings import get_settings
from cvparse.service.store import open_stores
from cvparse.service.store.documents import UnknownDocumentError
from workers.celery_app import app

log = logging.getLogger("cvparse.workers")


def retry_delay(retries: int, cap: float, jitter: float | None = None) -> float:
    """Seconds before retry number `retries + 1`: 2, 4, 8… capped, times a jitter in
    [0.5, 1] so that workers hit by the same outage do not come back in lockstep."""
    jitter = random.uniform(0.5, 1.0) if jitter is None else jitter
    return min(cap, 2.0 ** (retries + 1)) * jitter


def _run(task, job: Job) -> dict[str, str]:
    settings = get_settings()
    try:
        stores = open_stores(settings)
        try:
            status = run_job(job, stores, pipeline_for)
        except SoftTimeLimitExceeded as exc:
            status = record_failure(job, stores, failure_of(
                exc, time_limit=settings.task_soft_time_limit))
        except UnknownDocumentError:
            # Deleted (e.g. at the person's request) before its turn came: nothing to do.
            log.warning("document gone", extra={"document_id": job.document_id})
            return {"document_id": job.document_id, "status": "gone"}
    except TRANSIENT as exc:
        retries = task.request.retries
        if retries >= settings.task_max_retries:
            log.error("giving up after retries",
                      extra={"document_id": job.document_id, "retries": retries})
            raise
        countdown = retry_delay(retries, settings.task_retry_backoff_max)
        log.warning("transient error, retrying",
                    extra={"document_id": job.document_id, "retries": retries,
                           "error_code": type(exc).__name__})
        raise task.retry(exc=exc, countdown=countdown) from None
    return job.result(status)


@app.task(name=PROCESS, bind=True)
def process(self, document_id: str) -> dict[str, str]:
    """An upload: someone is waiting (interactive queue)."""
    return _run(self, Job(document_id))


@app.task(name=REPROCESS, bind=True)
def reprocess(self, document_id: str, run_id: str | None = None) -> dict[str, str]:
    """An item of an ops re-processing run after a referential or pipeline change (batch
    queue, where it never delays an upload): a new draft version and its diff. (A message
    without a run id, sent by older versions, is processed as its upload would be.)"""
    return _run(self, Job(document_id, run_id))


@app.task(name=PURGE)
def purge() -> dict[str, int]:
    """Nightly retention purge (beat schedule in cvparse.service.queue)."""
    from cvparse.service.retention import purge as run_purge

    settings = get_settings()
    report = run_purge(open_stores(settings), settings.retention_days,
                       settings.retention_unreviewed_days)
    log.info("retention purge", extra={"fields": report.documents})
    return {"documents": report.documents, "drafts": report.drafts, "files": report.files}


def _job_of(args, kwargs) -> Job:
    """The job a task was sent with (positional arguments, or keywords)."""
    args, kwargs = list(args or []), dict(kwargs or {})
    document_id = args[0] if args else kwargs["document_id"]
    run_id = args[1] if len(args) > 1 else kwargs.get("run_id")
    return Job(document_id, run_id)


@task_failure.connect
def _record_failure(sender=None, task_id=None, exception=None, args=None, kwargs=None,
                    **_kwargs) -> None:
    """A task that ended without recording its outcome — killed at the hard time limit (this
    runs in the worker's parent process then), out of retries, or a bug — leaves its document
    (upload) or its run item failed with a clear error instead of "processing" for ever."""
    if getattr(sender, "name", "") not in (process.name, reprocess.name):
        return
    try:
        job = _job_of(args, kwargs)
    except (KeyError, IndexError):
        return
    settings = get_settings()
    try:
        record_failure(job, open_stores(settings),
                       failure_of(exception, time_limit=settings.task_time_limit))
    except Exception:  # the store itself is down: the log is all we can leave
        log.exception("could not record failure", extra={"document_id": job.document_id})

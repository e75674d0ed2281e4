"""Hand work to the workers: store an upload once and send its job; send the items of a
re-processing run.

Tasks are sent by name (`cvparse.service.queue`), so the service never imports the workers'
code: an upload goes to the interactive queue as PROCESS with the document id, a run item to
the batch queue as REPROCESS with the document and run ids. With no broker configured the job
runs in-process, right here, through the same function a worker runs
(`cvparse.service.jobs.run_job`): the CLI, the API and the tests share one code path.
"""

from __future__ import annotations

from functools import lru_cache

from celery import Celery

from cvparse.service.jobs import Job, run_job
from cvparse.service.queue import BATCH, INTERACTIVE, PROCESS, REPROCESS, make_app
from cvparse.service.settings import get_settings
from cvparse.service.store import Stores, open_stores
from cvparse.service.store.documents import DocumentRecord
from cvparse.service.store.files import clean_filename


@lru_cache(maxsize=1)
def default_app() -> Celery:
    """The sending side's Celery app, from the settings (tasks go to the broker by name)."""
    return make_app()


def submit(
    data: bytes,
    filename: str,
    *,
    referential: str | None = None,
    stores: Stores | None = None,
    app: Celery | None = None,
    owner_id: str | None = None,
) -> DocumentRecord:
    """Store the file (content-addressed), record the document, queue its processing."""
    stores = stores or open_stores(get_settings())
    key = stores.files.put(data)
    doc = stores.documents.create(
        key, clean_filename(filename), len(data), referential, owner_id=owner_id
    )
    send(Job(doc.id), app, stores)
    return stores.documents.get(doc.id)


def send(job: Job, app: Celery | None = None, stores: Stores | None = None) -> None:
    """To the broker (an upload on the interactive queue, a run item on the batch queue); or,
    with none configured, the job's body right here, on these stores."""
    app = app or default_app()
    if app.conf.task_always_eager:
        run_job(job, stores or open_stores(get_settings()))
    elif job.run_id is None:
        app.send_task(PROCESS, args=[job.document_id], queue=INTERACTIVE)
    else:
        app.send_task(REPROCESS, args=[job.document_id, job.run_id], queue=BATCH)


def send_run_item(run_id: str, document_id: str, app: Celery | None = None,
                  stores: Stores | None = None) -> None:
    """One document of a re-processing run (what `cvparse.service.batch.enqueue` sends)."""
    send(Job(document_id, run_id), app, stores)

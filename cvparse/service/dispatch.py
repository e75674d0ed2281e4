"""Hand work to the workers: store an upload once and send its task.

Tasks are sent by name (`cvparse.service.queue`), so the service never imports the workers'
code. With no broker configured the job runs in-process, right here, through the same
function a worker runs (`cvparse.service.jobs.run_job`): the CLI, the API and the tests share
one code path.
"""

from __future__ import annotations

from functools import lru_cache

from celery import Celery

from cvparse.service.jobs import run_job
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
    send(PROCESS, doc.id, INTERACTIVE, app, stores)
    return stores.documents.get(doc.id)


def resend(
    document_id: str,
    *,
    batch: bool = True,
    stores: Stores | None = None,
    app: Celery | None = None,
) -> None:
    """Send an existing document again (ops re-processing goes to the batch queue)."""
    stores = stores or open_stores(get_settings())
    stores.documents.requeue(document_id)
    if batch:
        send(REPROCESS, document_id, BATCH, app, stores)
    else:
        send(PROCESS, document_id, INTERACTIVE, app, stores)


def send(
    task_name: str, document_id: str, queue: str, app: Celery | None = None,
    stores: Stores | None = None, run_id: str | None = None,
) -> None:
    """To the broker; or, with none configured, the job's body right here, on these stores."""
    app = app or default_app()
    if app.conf.task_always_eager:
        run_job(document_id, stores or open_stores(get_settings()), run_id)
    else:
        args = [document_id] if run_id is None else [document_id, run_id]
        app.send_task(task_name, args=args, queue=queue)


def send_run_item(run_id: str, document_id: str, app: Celery | None = None,
                  stores: Stores | None = None) -> None:
    """One document of a re-processing run, on the batch queue (or in-process)."""
    send(REPROCESS, document_id, BATCH, app, stores, run_id=run_id)

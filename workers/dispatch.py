"""Hand work to the workers: store an upload once and send its task.

With a broker configured the task goes to Redis and a worker runs it; without one it runs
in-process, right here, so the CLI, the API and the tests share one code path.
"""

from __future__ import annotations

from celery import Celery

from cvparse.settings import get_settings
from cvparse.store import Stores, open_stores
from cvparse.store.documents import DocumentRecord
from cvparse.store.files import clean_filename
from workers import tasks as _tasks  # the task bodies, for in-process runs
from workers.celery_app import BATCH, INTERACTIVE

PROCESS = "cvparse.process_document"
REPROCESS = "cvparse.reprocess_document"


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
    """To the broker; or, with none configured, the task's body right here, on these stores."""
    from workers.celery_app import app as default_app

    app = app or default_app
    if app.conf.task_always_eager:
        _tasks.run_locally(document_id, stores or open_stores(get_settings()), run_id)
    else:
        args = [document_id] if run_id is None else [document_id, run_id]
        app.send_task(task_name, args=args, queue=queue)


def send_run_item(run_id: str, document_id: str, app: Celery | None = None,
                  stores: Stores | None = None) -> None:
    """One document of a re-processing run, on the batch queue (or in-process)."""
    send(REPROCESS, document_id, BATCH, app, stores, run_id=run_id)

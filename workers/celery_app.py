"""The workers' Celery app (`celery -A workers worker`), built from the service's configuration
(`cvparse.service.queue`), and the worker-side signals: JSON logs, preloading before the pool
forks, fresh database connections in each child.
"""

from __future__ import annotations

import logging

from celery.signals import setup_logging, worker_init, worker_process_init

from cvparse.service.logs import configure_json_logging
from cvparse.service.queue import BATCH, INTERACTIVE, make_app

__all__ = ["BATCH", "INTERACTIVE", "app", "make_app"]

app = make_app()


@setup_logging.connect
def _logging(loglevel=None, **_kwargs) -> None:
    """Structured (JSON) logs that carry document ids, never CV text (cvparse.service.logs)."""
    level = logging.getLevelName(loglevel) if isinstance(loglevel, str) else loglevel
    configure_json_logging(level if isinstance(level, int) else logging.INFO)
    logging.getLogger("alembic").setLevel(logging.WARNING)


@worker_init.connect
def _preload(**_kwargs) -> None:
    """Load the language model, the referential index and the schema once, in the parent,
    before the pool forks: children share those pages instead of each loading its own copy,
    and the first upload does not wait for a cold start."""
    from cvparse.engine.match.normalise import preload
    from cvparse.service.registry import get_pipeline
    from cvparse.service.store import open_stores

    preload()
    get_pipeline()
    open_stores()


@worker_process_init.connect
def _fresh_child(**_kwargs) -> None:
    """A forked child opens its own database connections."""
    from cvparse.service.store import close_stores

    close_stores()

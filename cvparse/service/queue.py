"""The Celery configuration, from the environment (CVPARSE_* settings), and the names of the
queues and tasks.

It lives in the service, not in `workers/`, because both sides use it: the service sends tasks
by name (`cvparse.service.dispatch`) without importing the workers' code, and `workers/`
builds its app from it and registers the task bodies under these names.

Reliability choices, each for a failure a public service will meet:
- `acks_late` + `reject_on_worker_lost`: a message is acknowledged only when its task has
  finished; a worker killed mid-task (SIGKILL, OOM) leaves it unacknowledged and Redis hands it
  to another worker after `visibility_timeout`.
- prefetch multiplier 1: a worker holds one waiting task per process, not four, so long CV
  parses do not sit behind each other while another worker is idle.
- soft and hard time limits; `worker_max_memory_per_child` recycles a child that grew.
- two queues: `interactive` (uploads, someone is waiting) and `batch` (ops re-processing).
  With `queue_order_strategy=priority` a worker serving both always takes interactive work
  first; ops can also run dedicated batch workers (`-Q batch`).
- no broker configured: tasks run in-process (`task_always_eager`), so the CLI needs no Redis.
"""

from __future__ import annotations

from celery import Celery
from celery.schedules import crontab
from kombu import Exchange, Queue

from cvparse.service.settings import Settings, get_settings

INTERACTIVE = "interactive"
BATCH = "batch"
PROCESS = "cvparse.process_document"  # an upload (interactive queue)
REPROCESS = "cvparse.reprocess_document"  # an item of an ops run (batch queue)
PURGE = "cvparse.purge"  # nightly retention purge


def make_app(settings: Settings | None = None) -> Celery:
    settings = settings or get_settings()
    app = Celery("cvparse", include=["workers.tasks"])
    eager = not settings.broker_url
    app.conf.update(
        broker_url=settings.broker_url or "memory://",
        result_backend=settings.result_backend,  # None: drafts live in the store, not here
        task_ignore_result=settings.result_backend is None,
        task_always_eager=eager,
        task_eager_propagates=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,  # a timed-out task is recorded, not re-sent
        worker_prefetch_multiplier=1,
        worker_concurrency=settings.worker_concurrency,
        worker_max_memory_per_child=settings.worker_max_memory_per_child,
        worker_hijack_root_logger=False,
        task_soft_time_limit=settings.task_soft_time_limit or None,  # 0: none
        task_time_limit=settings.task_time_limit or None,
        task_serializer="json",
        accept_content=["json"],
        task_queues=[
            Queue(INTERACTIVE, Exchange(INTERACTIVE), routing_key=INTERACTIVE),
            Queue(BATCH, Exchange(BATCH), routing_key=BATCH),
        ],
        task_default_queue=INTERACTIVE,
        task_routes={
            PROCESS: {"queue": INTERACTIVE},
            REPROCESS: {"queue": BATCH},
        },
        broker_transport_options={
            "visibility_timeout": settings.visibility_timeout,
            # Look for tasks of dead workers every few seconds (kombu's default sweep is
            # every 100 s); one cheap sorted-set range query per sweep.
            "unacked_restore_interval": max(1, min(10, settings.visibility_timeout // 3)),
            "unacked_restore_throttle": 1,
            "queue_order_strategy": "priority",
        },
        broker_connection_retry_on_startup=True,
        # `celery -A workers beat` runs the retention purge every night.
        beat_schedule={
            "retention-purge": {"task": PURGE, "schedule": crontab(hour=3, minute=15),
                                "options": {"queue": BATCH}},
        },
        timezone="Europe/Paris",
        # Task events cost a Redis publish per state change; Flower switches them on when it
        # runs (its enable_events broadcast), so they are off by default.
        worker_send_task_events=False,
    )
    return app



"""Celery workers: `celery -A workers worker` finds `workers.app`.

The tasks (workers/tasks.py) are thin shells around `cvparse.service.jobs.run_job`, for uploads
and re-processing run items alike; `cvparse.service.dispatch.submit` stores an upload and sends
its task, `cvparse.service.dispatch.send_run_item` a run item's (either runs in-process when no
broker is configured)."""

from workers.celery_app import app

__all__ = ["app"]

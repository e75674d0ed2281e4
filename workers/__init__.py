"""Celery workers: `celery -A workers worker` finds `workers.app`.

The tasks (workers/tasks.py) are thin shells around `cvparse.service.jobs.process_document`;
`cvparse.service.dispatch.submit` stores an upload and sends its task (or runs it in-process when no
broker is configured)."""

from workers.celery_app import app

__all__ = ["app"]

"""Celery workers (issue #5 fills this package: app, tasks, queues). Empty on purpose for now:
the pipeline runs in-process from the CLI until then."""

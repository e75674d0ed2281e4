"""Structured logs: one JSON object per line, fit for a log pipeline.

Only whitelisted context keys are written (ids, counts, codes), so a careless `extra=` can never
put CV text, a file name (often the person's name) or an advisor's note into the logs. The
message itself (`record.getMessage()`) is written too: no logger in cvparse formats CV text, a
file name, a query or a body into one (tests/test_logs.py reads every line the suite wrote).
An exception is written as its type only: its message may quote the input."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

CONTEXT_KEYS = (
    "document_id", "draft_id", "task_id", "attempt", "retries", "error_code", "status",
    "fields", "limit", "queue", "seconds", "referential", "count",
    # HTTP requests (cvparse.api.access_log): the route's path template, never the URL sent
    "method", "route", "status_code",
)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in CONTEXT_KEYS:
            value = getattr(record, key, None)
            if value is not None:
                entry[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = record.exc_info[0].__name__  # the type only: no values
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_json_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)

"""`cvparse serve`: run the HTTP API and the web pages (uvicorn)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

# uvicorn's access log writes each URL with its query string (an advisor's search, a job
# seeker's name): off. `cvparse.api.access_log` writes one line per request instead, with the
# route's template only. No logging config of uvicorn's own either: its loggers propagate to
# the root logger, which writes JSON (`cvparse.service.logs`) like the workers do. (The test
# suite's live servers run with the same: tests/live.py.)
UVICORN_LOGGING: dict[str, Any] = {"access_log": False, "log_config": None, "log_level": "info"}


def serve(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
) -> None:
    """Run the HTTP API (OpenAPI schema at /openapi.json, docs at /docs); one JSON log line
    per request (method, route template, status, duration: never a query string)."""
    import uvicorn

    from cvparse.server import create_app
    from cvparse.service.logs import configure_json_logging

    configure_json_logging()
    uvicorn.run(create_app(), host=host, port=port, **UVICORN_LOGGING)

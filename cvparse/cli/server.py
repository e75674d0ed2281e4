"""`cvparse serve`: run the HTTP API and the web pages (uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
) -> None:
    """Run the HTTP API (OpenAPI schema at /openapi.json, docs at /docs)."""
    import uvicorn

    from cvparse.server import create_app

    uvicorn.run(create_app(), host=host, port=port, log_level="info")

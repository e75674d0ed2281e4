"""One log line per HTTP request, written by us instead of uvicorn (issue #18).

uvicorn's access log writes the URL as sent, query string included: an advisor's refused
search (`/api/v1/referential/search?q=<a health word>`) or a search on a job seeker's name
(`/api/v1/documents?q=<name>`) would land in clear in the logs. This line says only the
method, the path *template* of the route that answered (`/api/v1/documents/{document_id}`:
never the values, never the query string, never a body), the status and the duration, as
whitelisted keys of `cvparse.service.logs`. `cvparse serve` turns uvicorn's own access log
off (`cvparse.cli.server.UVICORN_LOGGING`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Any

from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("cvparse.access")

# Any other method is written as OTHER: the method is the one part of the request line we
# copy, so it is held to known words.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
NO_ROUTE = "(no route)"  # a 404 for an unknown path: the path itself is not written


def route_table(routes: Iterable[Any]) -> list[tuple[Any, str]]:
    """Every route of the app with its full path template, in the router's order.

    Not `scope["route"]`: FastAPI ≥ 0.16x keeps included routers whole and records there the
    route as its router declared it (`/documents/{document_id}`, without the `/api/v1` prefix),
    and records nothing for mounts or plain Starlette routes (`/openapi.json`).
    `iter_route_contexts` is how FastAPI itself lists the effective routes (with their
    prefixes); before it existed, `app.routes` was already that flat list."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # pragma: no cover - FastAPI before lazily included routers
        return [(r, r.path_format) for r in routes if getattr(r, "path_format", None)]
    return [(c, c.path_format) for c in iter_route_contexts(list(routes)) if c.path_format]


def route_of(table: list[tuple[Any, str]], scope: Scope) -> str | None:
    """The template of the route that answers this request, as the router chooses it (the
    first full match, else the first match on the path alone: a 405), or None."""
    partial = None
    for route, template in table:
        match, _child = route.matches(scope)
        if match is Match.FULL:
            return template
        if match is Match.PARTIAL and partial is None:
            partial = template
    return partial


class AccessLog:
    """Logs `method route status_code seconds` for every HTTP request, at INFO on
    `cvparse.access`, once the response is sent (or the application failed)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.table: list[tuple[Any, str]] | None = None  # built at the first request

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        request = dict(scope)  # as received: routing adds to the scope (a mount's root_path)
        status = 500  # what the client gets when the application raises before answering

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            if self.table is None:
                self.table = route_table(getattr(scope.get("app"), "routes", ()))
            method = scope["method"] if scope["method"] in METHODS else "OTHER"
            route = route_of(self.table, request) or NO_ROUTE
            log.info("%s %s %d", method, route, status, extra={
                "method": method, "route": route, "status_code": status,
                "seconds": round(time.perf_counter() - start, 4),
            })

"""Security headers on every HTTP response, the API's and the pages' alike (issue #18).

- `Cache-Control: no-store` on everything but the public static files: a CV, a draft, a
  page image or a list of job seekers must not stay in the disk cache of a shared computer
  (an agency's front desk, a library) for the next person to find. A response that already
  says `no-store` keeps its own value (e.g. `private, no-store`).
- A Content-Security-Policy without `unsafe-inline`: the pages run only the scripts served
  from /static, so text from a CV that ever reached the HTML unescaped still could not run.
  The pages' settings and strings travel in JSON data blocks (`type="application/json"`),
  which the browser never executes.
- `nosniff`, so a file is never run as a script or a style because of what it looks like;
  `Referrer-Policy: same-origin`, so a page's address (a document id, an advisor's search)
  never leaves the site, while same-origin form posts keep their `Origin` header (with
  `no-referrer` the browser sends `Origin: null`, which would defeat an origin check);
  `X-Frame-Options: DENY` for browsers that predate `frame-ancestors`.

A pure ASGI middleware (not `BaseHTTPMiddleware`) so streamed responses pass through untouched.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# `img-src data:` is for Swagger UI's stylesheet (its icons are data: URLs); the pages' own
# images are PNGs from this origin. No `blob:`: no script makes object URLs.
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS: dict[str, str] = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
NO_STORE = "no-store"

# Where public files are served, the same for everyone and free of personal data: the pages'
# scripts and stylesheet (mounted by cvparse.server) and Swagger UI's (cvparse.api.docs). Their
# responses may be cached.
PUBLIC_PREFIXES = ("/static/", "/docs/assets/")


def error_headers() -> dict[str, str]:
    """The headers for a response sent outside this middleware: the 500 that Starlette's
    outermost error handler sends after an unexpected exception."""
    return {**HEADERS, "Cache-Control": NO_STORE}


def is_public(scope: Scope) -> bool:
    """Whether the request is for a public static file (the path below any root_path)."""
    path, root = scope["path"], scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root):]
    return path.startswith(PUBLIC_PREFIXES)


class SecurityHeaders:
    """Adds `HEADERS` to every HTTP response, and `Cache-Control: no-store` to all but the
    public static files."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        public = is_public(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:  # a route that set its own knows better
                        headers[name] = value
                if not public and NO_STORE not in headers.get("cache-control", ""):
                    headers["Cache-Control"] = NO_STORE
            await send(message)

        await self.app(scope, receive, send_with_headers)

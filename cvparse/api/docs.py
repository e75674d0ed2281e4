"""The API's interactive docs at /docs: Swagger UI served from files installed with the project.

FastAPI's default /docs and /redoc load their scripts from a public CDN and start Swagger UI
with an inline script: the browser of someone reading the docs would ask a third party for code
that then runs with the API's cookies, and the Content-Security-Policy
(`cvparse.api.security_headers`) refuses both. Here the page is plain HTML; Swagger UI's
bundle and stylesheet come from the `fastapi-offline` wheel (a dependency in pyproject.toml:
Swagger UI 5, which reads the OpenAPI 3.1 schema FastAPI writes) and the start-up script from
`cvparse/api/static`, all under /docs/assets, all from this origin.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_URL = "/docs"
ASSETS_URL = "/docs/assets"  # public files: cacheable (security_headers.PUBLIC_PREFIXES)
STATIC_DIR = Path(__file__).parent / "static"

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} — API</title>
  <link rel="stylesheet" href="{assets}/swagger-ui.css">
  <link rel="icon" type="image/png" href="{assets}/favicon.png">
</head>
<body>
  <div id="swagger-ui" data-openapi="{openapi}"></div>
  <script src="{assets}/swagger-ui-bundle.js"></script>
  <script src="{assets}/swagger-init.js"></script>
</body>
</html>
"""


def install(app: FastAPI) -> None:
    """Serve /docs and its files; the app must be built with `docs_url=None, redoc_url=None`
    so FastAPI's CDN pages are not there too."""
    # One mount over two folders: ours (the start-up script) and the wheel's (Swagger UI).
    app.mount(ASSETS_URL, StaticFiles(directory=STATIC_DIR,
                                      packages=[("fastapi_offline", "static")]),
              name="docs-assets")

    @app.get(DOCS_URL, include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return HTMLResponse(PAGE.format(title=escape(app.title), assets=escape(root + ASSETS_URL),
                                        openapi=escape(root + (app.openapi_url or ""))))


"""The web server's application: the JSON API (`cvparse.api`) and the pages (`cvparse.web`)
in one ASGI app, which `cvparse serve` runs under uvicorn.

Assembly lives here, above both, so that the API never imports the pages: the pages are one
client of the API's rules (`cvparse.api.deps`), not part of them.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from cvparse.api.app import create_api
from cvparse.service.settings import Settings
from cvparse.service.store import Stores
from cvparse.web.admin import router as admin_pages
from cvparse.web.feedback import router as feedback_pages
from cvparse.web.oidc import router as oidc
from cvparse.web.pages import STATIC_DIR
from cvparse.web.pages import router as pages


def create_app(
    settings: Settings | None = None, stores: Stores | None = None, celery=None
) -> FastAPI:
    app = create_api(settings, stores, celery)
    app.include_router(pages)
    app.include_router(oidc)
    app.include_router(admin_pages)
    app.include_router(feedback_pages)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app

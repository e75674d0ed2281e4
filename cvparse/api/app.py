"""Build the FastAPI application (`cvparse serve` runs it under uvicorn)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from cvparse import __version__
from cvparse.api import errors
from cvparse.api.deps import Services
from cvparse.api.routes import router
from cvparse.settings import Settings, get_settings
from cvparse.store import Stores, open_stores

DESCRIPTION = """
Upload a CV (job seeker), read the draft with its evidence, confirm / reject / edit each field
(advisor), and save a profile that holds **only** what an advisor confirmed or edited.
Authenticate with `Authorization: Bearer cvp_…`. Errors are
`{"error": {"code": …, "message": {"fr": …, "en": …}}}`.
"""


def create_app(
    settings: Settings | None = None, stores: Stores | None = None, celery=None
) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="cvparse", version=__version__, description=DESCRIPTION)
    app.state.services = Services(settings=settings, stores=stores or open_stores(settings),
                                  celery=celery)
    errors.install(app)
    app.include_router(router)
    from cvparse.web.pages import HERE
    from cvparse.web.pages import router as pages

    app.include_router(pages)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app

"""Build the JSON API (`cvparse.server` adds the pages and serves both).

The API installs what every response needs, the pages' included, since they are served by
the same app: the security headers and our access log (issue #18), and the docs at /docs from
installed files (no CDN)."""

from __future__ import annotations

from fastapi import FastAPI

from cvparse import __version__
from cvparse.api import docs, errors
from cvparse.api.access_log import AccessLog
from cvparse.api.deps import Services
from cvparse.api.routes import router
from cvparse.api.security_headers import SecurityHeaders
from cvparse.service.settings import Settings, get_settings
from cvparse.service.store import Stores, open_stores

DESCRIPTION = """
Upload a CV (job seeker), read the draft with its evidence, confirm / reject / edit each field
(advisor), and save a profile that holds **only** what an advisor confirmed or edited.
Authenticate with `Authorization: Bearer cvp_…`. Errors are
`{"error": {"code": …, "message": {"fr": …, "en": …}}}`.
"""


def create_api(
    settings: Settings | None = None, stores: Stores | None = None, celery=None
) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="cvparse", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None)  # FastAPI's load from a CDN: docs.install
    app.state.services = Services(settings=settings, stores=stores or open_stores(settings),
                                  celery=celery)
    errors.install(app)
    app.include_router(router)
    docs.install(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AccessLog)  # added last: outermost, so it times everything
    return app

"""Security headers (issue #18): no response carrying a CV or personal data may be kept by the
browser, a Content-Security-Policy without inline scripts on every response, and the API docs
served from installed files only. The pages' headers and CSP are checked in a real browser in
tests/web/test_headers_in_browser.py."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from cvparse.api.security_headers import CSP, HEADERS
from cvparse.server import create_app
from cvparse.service.settings import Settings
from tests.api.conftest import Api


def _directives(csp: str) -> dict[str, list[str]]:
    parts = (d.split() for d in csp.split(";") if d.strip())
    return {name: sources for name, *sources in parts}


def _protected(response, what: str) -> None:
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (what, name)
    assert "no-store" in response.headers.get("cache-control", ""), what


def test_the_policy_runs_only_this_sites_scripts() -> None:
    directives = _directives(CSP)
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe" not in CSP  # no 'unsafe-inline', no 'unsafe-eval', anywhere


def test_cv_content_and_errors_are_never_stored(api: Api) -> None:
    doc_id = api.upload("seeker").json()["id"]
    for url in (f"/api/v1/documents/{doc_id}/text", f"/api/v1/documents/{doc_id}/draft",
                f"/api/v1/documents/{doc_id}/review", f"/api/v1/documents/{doc_id}",
                "/api/v1/documents"):
        response = api.client.get(url, headers=api.h("advisor"))
        assert response.status_code == 200, (url, response.text)
        _protected(response, url)
    text = api.client.get(f"/api/v1/documents/{doc_id}/text", headers=api.h("advisor")).text
    assert "cariste" in text.lower()  # what is protected: the CV itself
    for response in (api.client.get(f"/api/v1/documents/{doc_id}"),  # 401
                     api.client.get("/api/v1/documents/nope", headers=api.h("advisor")),
                     api.client.get("/no-such-page")):
        _protected(response, response.url.path)


def test_the_login_page_and_the_schema_are_not_stored(api: Api) -> None:
    for url in ("/login", "/openapi.json", "/docs"):
        response = api.client.get(url)
        assert response.status_code == 200, url
        _protected(response, url)


def test_public_static_files_may_be_cached(api: Api) -> None:
    for url in ("/static/app.css", "/static/review.js", "/docs/assets/swagger-ui-bundle.js",
                "/docs/assets/swagger-ui.css", "/docs/assets/swagger-init.js"):
        response = api.client.get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.headers.get("cache-control", ""), url
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["content-security-policy"] == CSP


def test_the_docs_page_loads_nothing_from_elsewhere(api: Api) -> None:
    html = api.client.get("/docs").text
    assert "://" not in html  # no CDN, no absolute URL of any kind
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline script
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/docs/assets/") for s in sources), sources
    for source in sources:
        assert api.client.get(source).status_code == 200, source
    # FastAPI's own pages, which load Swagger UI and ReDoc from a CDN, are gone
    assert api.client.get("/redoc").status_code == 404


def test_an_unexpected_error_carries_the_headers_too(tmp_path: Path) -> None:
    """Starlette sends the 500 from outside our middleware: the handler sets them."""
    app = create_app(Settings(data_dir=tmp_path))

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a value that must not reach the client")

    response = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert response.status_code == 500 and response.json()["error"]["code"] == "internal_error"
    _protected(response, "/boom")

"""Our access log (issue #18): one line per request with the method, the route's path template,
the status and the duration — never a query string, a path value or a body. `cvparse serve`
turns uvicorn's own access log off. (tests/test_logs.py reads every line the suite wrote.)"""

from __future__ import annotations

import json
import logging

import pytest

from cvparse.api.access_log import NO_ROUTE
from cvparse.service.logs import JsonFormatter
from tests.api.conftest import Api
from tests.conftest import CLIENT_LOGGERS


def _lines(caplog: pytest.LogCaptureFixture) -> list[dict]:
    formatter = JsonFormatter()
    return [json.loads(formatter.format(r)) for r in caplog.records if r.name == "cvparse.access"]


def test_a_line_per_request_with_the_route_template_only(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    doc_id = api.upload("seeker").json()["id"]
    caplog.set_level(logging.INFO, logger="cvparse.access")
    caplog.clear()  # the upload's own line
    calls = [
        ("GET", f"/api/v1/documents/{doc_id}/text?lang=fr", "advisor",
         "/api/v1/documents/{document_id}/text", 200),
        ("GET", "/api/v1/referential/search?q=musulman&kind=competence", "advisor",
         "/api/v1/referential/search", 422),  # refused: a sensitive word
        ("GET", "/api/v1/documents?q=Mercier", "advisor", "/api/v1/documents", 200),
        ("PUT", f"/api/v1/documents/{doc_id}", "seeker", "/api/v1/documents/{document_id}", 405),
        ("GET", f"/review/{doc_id}?lang=en", None, "/review/{document_id}", 303),
        ("GET", "/static/app.css?v=secret-token", None, "/static/{path}", 200),
        ("GET", "/docs/assets/swagger-init.js", None, "/docs/assets/{path}", 200),
        ("GET", "/Anthony-Mercier/cv.pdf", None, NO_ROUTE, 404),
    ]
    for method, url, who, _route, status in calls:
        response = api.client.request(method, url, headers=api.h(who), follow_redirects=False)
        assert response.status_code == status, (url, response.text)

    lines = _lines(caplog)
    assert [(x["method"], x["route"], x["status_code"]) for x in lines] == [
        (method, route, status) for method, _url, _who, route, status in calls]
    assert all(isinstance(x["seconds"], float) and x["seconds"] >= 0 for x in lines)
    written = "\n".join(JsonFormatter().format(r) for r in caplog.records  # the service's:
                        if not r.name.startswith(CLIENT_LOGGERS))  # not the test client's
    for secret in (doc_id, "musulman", "Mercier", "secret-token", "lang=", "?"):
        assert secret not in written, secret


def test_an_unknown_method_is_not_copied(api: Api, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="cvparse.access")
    caplog.clear()
    api.client.request("PROPFIND-anthony", "/login")
    assert [x["method"] for x in _lines(caplog)] == ["OTHER"]


def test_cvparse_serve_turns_uvicorns_access_log_off(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from cvparse.cli.server import serve
    from cvparse.service import logs

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(options))
    monkeypatch.setattr(logs, "configure_json_logging", lambda: seen.update(json=True))
    serve(host="127.0.0.1", port=0)
    assert seen["access_log"] is False  # no URL with its query string in uvicorn's log
    assert seen["log_config"] is None and seen["json"]  # uvicorn's lines go out as JSON

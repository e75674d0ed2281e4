"""Security headers in a real browser (issue #18): every page carries them, works under the
Content-Security-Policy without a single violation (the `page` fixture fails a test on any),
and nothing that carries a CV or personal data may be stored by the browser; the API docs
render from this origin alone."""

from __future__ import annotations

from cvparse.api.security_headers import HEADERS
from tests.live import LiveServer
from tests.web.conftest import login, watch_csp
from tests.web.reviewing import field_of, upload

PUBLIC = ("/static/", "/docs/assets/")


def _record(page, live: LiveServer, seen: list) -> None:
    """Keep every response of this site the page receives (documents, scripts, API calls,
    images) to check their headers."""
    page.on("response", lambda r: seen.append(r) if r.url.startswith(live.url) else None)


def _check(responses: list, live: LiveServer) -> None:
    assert responses
    for response in responses:
        path = response.url.removeprefix(live.url)
        headers = response.all_headers()
        for name, value in HEADERS.items():
            assert headers.get(name.lower()) == value, (path, name)
        stored = "no-store" not in headers.get("cache-control", "")
        assert stored == path.startswith(PUBLIC), (path, headers.get("cache-control"))


def test_every_page_carries_the_headers_and_breaks_no_rule_of_the_policy(
    page, browser, live: LiveServer, csp_violations: list[str]
) -> None:
    doc_id = upload(live)  # a PDF: the review page shows its page images
    responses: list = []
    _record(page, live, responses)

    assert page.goto(f"{live.url}/login").ok
    login(page, live, "job_seeker", "/upload")
    assert page.evaluate("window.CVPARSE.lang") == "fr"  # the settings came through as JSON
    assert page.evaluate("typeof window.CVPARSE.files.problem") == "function"
    assert page.evaluate("window.CVPARSE.maxBytes") > 0
    page.goto(f"{live.url}/my-documents")
    page.wait_for_load_state("networkidle")
    assert page.locator("#my-documents li.document").count() == 1

    advisor = browser.new_context(locale="fr-FR", viewport={"width": 1400, "height": 900})
    watch_csp(advisor, csp_violations)
    review = advisor.new_page()
    review.set_default_timeout(20_000)
    _record(review, live, responses)
    login(review, live, "advisor", "/advisor")
    review.goto(f"{live.url}/review/{doc_id}")
    review.wait_for_selector(".review[data-ready=true]")
    review.wait_for_function("() => document.querySelector('.page-figure img').naturalWidth > 0")
    assert review.evaluate("Object.keys(window.CVPARSE.t).length") > 100
    # Styles the script sets (evidence boxes, confidence bars) go through the CSSOM, which the
    # CSP allows; a style attribute would be refused and the box would have no size.
    review.locator(f".field[data-id='{field_of(live, doc_id, 'licence', code='B')['id']}']").focus()
    box = review.locator(".evidence-box").first
    box.wait_for()
    assert box.bounding_box()["width"] > 0
    assert review.locator(".conf-bar span").first.bounding_box()["width"] > 0
    review.wait_for_load_state("networkidle")

    pages = {r.url.removeprefix(live.url).split("?")[0] for r in responses
             if r.request.resource_type == "document"}
    assert {"/login", "/upload", "/my-documents", "/advisor", f"/review/{doc_id}"} <= pages
    kinds = {r.request.resource_type for r in responses}
    assert {"document", "script", "stylesheet", "fetch", "image"} <= kinds
    _check(responses, live)  # while the pages are open: the browser keeps their headers
    advisor.close()
    assert not csp_violations


def test_the_api_docs_render_from_this_site_alone(page, live: LiveServer,
                                                  csp_violations: list[str]) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    responses: list = []
    _record(page, live, responses)
    response = page.goto(f"{live.url}/docs")
    assert response.ok
    page.wait_for_selector(".swagger-ui .opblock")  # Swagger UI ran and read the schema
    assert page.locator(".swagger-ui .opblock").count() > 10
    assert "cvparse" in page.inner_text(".swagger-ui .info")
    page.wait_for_load_state("networkidle")
    elsewhere = [u for u in requests if not u.startswith((live.url, "data:"))]
    assert not elsewhere  # no CDN, no validator, no font service
    _check(responses, live)
    assert not csp_violations

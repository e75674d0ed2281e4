"""Helpers of the review page's browser tests (tests/web/test_review_*.py)."""

from __future__ import annotations

import httpx

from cvparse.service import page_images
from tests.conftest import SAMPLES
from tests.live import PASSWORD, LiveServer
from tests.web.conftest import login

# Counts the decision requests in flight: the page must never send two at once.
COUNT_IN_FLIGHT = """
(() => {
  const original = window.fetch;
  window.__inFlight = 0; window.__maxInFlight = 0; window.__sent = [];
  window.fetch = function (url, options) {
    const decision = options && options.method === "POST" && /\\/fields/.test(url);
    if (!decision) return original.apply(this, arguments);
    window.__inFlight += 1;
    window.__maxInFlight = Math.max(window.__maxInFlight, window.__inFlight);
    window.__sent.push(String(url).split("/").pop() + " " + JSON.parse(options.body).action);
    return original.apply(this, arguments).finally(() => { window.__inFlight -= 1; });
  };
})();
"""


def upload(live: LiveServer, name: str = "aide_soignante.pdf", as_name: str | None = None
           ) -> str:
    response = httpx.post(f"{live.url}/api/v1/documents", headers=live.headers("job_seeker"),
                          files={"file": (as_name or name, (SAMPLES / name).read_bytes())},
                          timeout=60)
    assert response.status_code == 202, response.text
    return response.json()["id"]


def open_review(page, live: LiveServer, doc_id: str, who: str = "advisor",
                lang: str = "") -> None:
    login(page, live, who, f"/review/{doc_id}{'?lang=' + lang if lang else ''}")
    page.wait_for_selector(".review[data-ready=true]")


def draft(live: LiveServer, doc_id: str) -> dict:
    response = httpx.get(f"{live.url}/api/v1/documents/{doc_id}/draft",
                         headers=live.headers("advisor"))
    assert response.status_code == 200, response.text
    return response.json()


def decisions(live: LiveServer, doc_id: str) -> dict:
    return draft(live, doc_id)["review"]["decisions"]


def second_advisor(live: LiveServer, name: str = "Conseillère B") -> str:
    """Another advisor following the same job seeker; returns their key (login, token)."""
    user, token = live.stores.accounts.create("advisor", name, login="advisor_b",
                                              password=PASSWORD)
    live.stores.accounts.assign(user.id, live.ids["job_seeker"])
    live.tokens["advisor_b"], live.ids["advisor_b"] = token, user.id
    return "advisor_b"


def stranger_advisor(live: LiveServer) -> str:
    """An advisor who follows nobody."""
    user, token = live.stores.accounts.create("advisor", "Conseiller C", login="advisor_c",
                                              password=PASSWORD)
    live.tokens["advisor_c"], live.ids["advisor_c"] = token, user.id
    return "advisor_c"


def reading_line(live: LiveServer, doc_id: str, starts: str):
    doc = live.stores.documents.get(doc_id)
    document = page_images.reading_of(live.stores, doc, live.stores.documents.draft(doc_id))
    return next(line for line in document.lines if line.text.startswith(starts))


def field_of(live: LiveServer, doc_id: str, kind: str, **match) -> dict:
    return next(f for f in draft(live, doc_id)["draft"]["fields"] if f["kind"] == kind
                and all(f.get(k) == v for k, v in match.items()))


def slow_network(page, latency_ms: int, offline: bool = False):
    """Chromium's own network emulation: every request waits `latency_ms` (or fails when
    offline), without blocking the test's thread as a slow route handler would."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": offline, "latency": latency_ms, "downloadThroughput": -1,
        "uploadThroughput": -1})
    return cdp


def wait_idle(page) -> None:
    """Every decision sent and acknowledged."""
    page.wait_for_selector("#sync[data-state=idle]")
    assert page.locator("#groups .field.pending").count() == 0

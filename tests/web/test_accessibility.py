"""Accessibility of the pages, checked by axe-core (shipped by axe-playwright-python) in the real
browser: no serious or critical violation on the login, upload, advisor list and review pages;
and the pages work from the keyboard with a visible focus."""

from __future__ import annotations

import httpx
import pytest

from tests.live import LiveServer
from tests.web.conftest import login
from tests.web.reviewing import draft, upload

BLOCKING = {"serious", "critical"}


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_login_page_has_no_serious_violation(page, live: LiveServer, lang: str) -> None:
    page.goto(f"{live.url}/login?lang={lang}")
    assert _violations(page) == []


def test_the_job_seekers_pages_have_no_serious_violation(page, live: LiveServer) -> None:
    login(page, live, "job_seeker", "/upload")
    assert _violations(page) == []
    upload(live, "macon.txt")
    page.goto(f"{live.url}/my-documents")
    page.wait_for_load_state("networkidle")
    assert _violations(page) == []


def test_the_advisor_list_and_review_pages_have_no_serious_violation(
    page, live: LiveServer
) -> None:
    doc_id = upload(live, "cariste.docx")
    login(page, live, "advisor", "/advisor")
    page.wait_for_load_state("networkidle")
    assert _violations(page) == []
    page.goto(f"{live.url}/review/{doc_id}")
    page.wait_for_selector(".review[data-ready=true]")
    assert _violations(page) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_ops_feedback_page_has_no_serious_violation(page, live: LiveServer,
                                                        lang: str) -> None:
    """With decisions to show: tables, plots (their PNGs load under the CSP) and the filters."""
    doc_id = upload(live, "cariste.docx")
    fields = [f for f in draft(live, doc_id)["draft"]["fields"] if f["kind"] == "competence"]
    for field, action in zip(fields[:3], ("confirm", "reject", "confirm"), strict=True):
        decided = httpx.post(f"{live.url}/api/v1/documents/{doc_id}/fields/{field['id']}",
                             headers=live.headers("advisor"),
                             json={"action": action,
                                   "version": draft(live, doc_id)["review"]["version"]})
        assert decided.status_code == 200, decided.text
    login(page, live, "ops", f"/ops/feedback?lang={lang}")
    page.goto(f"{live.url}/ops/feedback?lang={lang}")
    page.wait_for_load_state("networkidle")
    assert page.locator(".fb-group").count() == 1
    loaded = page.evaluate("() => [...document.images].map(i => i.complete && i.naturalWidth)")
    assert len(loaded) == 3 and all(loaded)
    assert _violations(page) == []


_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let bg = [255, 255, 255];
  for (let n = e.parentElement; n; n = n.parentElement) {
    const c = getComputedStyle(n).backgroundColor;
    if (c && !c.startsWith("rgba(0, 0, 0, 0)") && c !== "transparent") { bg = rgb(c); break; }
  }
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  const color = outline ? rgb(s.outlineColor) : rgb(s.boxShadow);
  const [a, b] = [lum(color), lum(bg)].sort((x, y) => y - x);
  return {tag: e.tagName, id: e.id, outline, shadow: s.boxShadow,
          contrast: (a + 0.05) / (b + 0.05)};
}"""


def _focus_path(page, presses: int = 12) -> list[dict]:
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        info = page.evaluate(_FOCUS)
        if info:
            seen.append(info)
    return seen


def test_the_focus_is_visible_with_enough_contrast(page, live: LiveServer) -> None:
    """WCAG 2.4.7 and 1.4.11: every element reached with Tab shows a focus indicator whose
    contrast with the background is at least 3:1."""
    page.goto(f"{live.url}/login")
    stops = _focus_path(page)
    doc_id = upload(live, "cariste.docx")
    login(page, live, "advisor", "/advisor")
    page.wait_for_load_state("networkidle")
    stops += _focus_path(page)
    page.goto(f"{live.url}/review/{doc_id}")
    page.wait_for_selector(".review[data-ready=true]")
    stops += _focus_path(page, 20)
    assert len(stops) >= 20
    weak = [s for s in stops
            if not (s["outline"] or s["shadow"] not in ("none", "")) or s["contrast"] < 3]
    assert weak == [], weak

"""The review page with the input rules of issue #18 (point 8): an edit the server finds
unchanged reopens its box with the reason under it; a month out of bounds is refused beside
its input before anything is sent."""

from __future__ import annotations

from datetime import date

from tests.live import LiveServer
from tests.web.reviewing import decisions, field_of, open_review, upload, wait_idle
from tests.web.test_review_edits import _edit, _error


def test_an_edit_that_changes_nothing_comes_back_with_the_reason(page, live: LiveServer
                                                                 ) -> None:
    doc_id = upload(live)
    diploma = field_of(live, doc_id, "diploma", code="DEAS")
    open_review(page, live, doc_id)
    _edit(page, diploma["id"])
    label = f"edit-{diploma['id']}-label"
    # Looks different to the page, is the same once its invisible character is gone.
    page.fill(f"#{label}", diploma["label"] + "\u200b")
    page.keyboard.press("Enter")
    editor = f".field[data-id='{diploma['id']}'] .editor"
    page.wait_for_selector(f"{editor} p.field-error[role=alert]:not([hidden])")
    assert "Rien n'a changé" in page.inner_text(f"{editor} p.field-error[role=alert]")
    assert page.get_attribute(f".field[data-id='{diploma['id']}']", "data-state") == "none"
    wait_idle(page)
    assert decisions(live, doc_id) == {}


def test_a_month_out_of_bounds_is_refused_beside_its_input(page, live: LiveServer) -> None:
    doc_id = upload(live)
    job = field_of(live, doc_id, "experience", start="2012-09-01")
    open_review(page, live, doc_id)
    _edit(page, job["id"])
    start, end = f"edit-{job['id']}-start", f"edit-{job['id']}-end"
    assert page.get_attribute(f"#{start}", "min") == "1950-01"
    page.fill(f"#{start}", "1949-12")
    page.fill(f"#{end}", f"{date.today().year + 2}-01")
    page.click(f".field[data-id='{job['id']}'] .editor button[type=submit]")
    assert "entre 01/1950" in _error(page, start)
    assert f"/{date.today().year + 1}" in _error(page, end)
    page.wait_for_timeout(300)
    assert decisions(live, doc_id) == {}  # nothing was sent

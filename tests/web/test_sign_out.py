"""Signing out in a real browser (issue #18): the session ends on the server, the Back button
shows no CV again (nothing was cached), and the kept cookie opens nothing."""

from __future__ import annotations

import httpx

from tests.live import LiveServer
from tests.web.conftest import login
from tests.web.reviewing import draft, open_review, upload


def test_back_after_sign_out_shows_no_cv(page, live: LiveServer) -> None:
    doc_id = upload(live)
    label = draft(live, doc_id)["draft"]["fields"][0]["label"]
    open_review(page, live, doc_id)
    assert label in page.content()
    kept = {c["name"]: c["value"] for c in page.context.cookies()}["cvparse_session"]
    page.click("header form[action='/logout'] button")
    page.wait_for_url(f"{live.url}/login")
    page.go_back()
    page.wait_for_load_state("networkidle")
    assert "/login" in page.url  # the review page was asked for again, and refused
    assert label not in page.content()
    reused = httpx.get(f"{live.url}/api/v1/documents/{doc_id}/draft",
                       cookies={"cvparse_session": kept})
    assert reused.status_code == 401


def test_a_job_seekers_page_is_not_kept_after_sign_out(page, live: LiveServer) -> None:
    upload(live, "cariste.docx")
    login(page, live, "job_seeker", "/my-documents")
    assert "cariste.docx" in page.content()
    page.click("header form[action='/logout'] button")
    page.wait_for_url(f"{live.url}/login")
    page.go_back()
    page.wait_for_load_state("networkidle")
    assert "/login" in page.url and "cariste.docx" not in page.content()

"""The upload and review pages in a real browser: a job seeker uploads, an advisor decides
field by field (mouse and keyboard-only), and the saved profile read back through the API
holds exactly those decisions. Visitors without the right session get the login page."""

from __future__ import annotations

import httpx

from tests.conftest import SAMPLES
from tests.live import LiveServer
from tests.web.conftest import login


def _upload(live: LiveServer, name: str = "cariste.docx") -> str:
    response = httpx.post(f"{live.url}/api/v1/documents", headers=live.headers("job_seeker"),
                          files={"file": (name, (SAMPLES / name).read_bytes())}, timeout=60)
    assert response.status_code == 202, response.text
    return response.json()["id"]


def _profile(live: LiveServer, profile_id: str) -> dict:
    response = httpx.get(f"{live.url}/api/v1/profiles/{profile_id}",
                         headers=live.headers("advisor"))
    assert response.status_code == 200, response.text
    return response.json()


def _options(page, datalist: str) -> list[str]:
    page.wait_for_function(f"() => document.querySelectorAll('#{datalist} option').length > 0")
    return page.eval_on_selector_all(f"#{datalist} option", "els => els.map(e => e.value)")


def test_a_job_seeker_uploads_and_sees_the_draft_ready(page, live: LiveServer) -> None:
    login(page, live, "job_seeker")
    assert page.url.endswith("/upload")
    assert "conseiller" in page.inner_text("main") and "30 jours" in page.inner_text("main")
    page.set_input_files("#file", str(SAMPLES / "macon.txt"))
    page.click("#send")
    page.wait_for_selector("#message[data-status=draft_ready]")
    assert "conseiller va maintenant vérifier" in page.inner_text("#message")


def test_a_refused_file_is_explained_in_french(page, live: LiveServer, tmp_path) -> None:
    bad = tmp_path / "photo.pdf"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    login(page, live, "job_seeker")
    page.set_input_files("#file", str(bad))
    page.click("#send")
    page.wait_for_selector("#message[data-status=refused]")
    assert "extension" in page.inner_text("#message")  # "ne correspond pas à son extension"


def test_an_advisor_reviews_field_by_field(page, live: LiveServer) -> None:
    doc_id = _upload(live)
    login(page, live, "advisor", "/advisor")
    page.click(f"a[href^='/review/{doc_id}']")
    page.wait_for_selector(".review[data-ready=true]")
    assert page.locator("text=Tout confirmer").count() == 0  # no "confirm all"
    fields = page.locator("#groups .field")
    competences = page.locator("#g-savoir-faire + .fields .field")
    ids = competences.evaluate_all("els => els.map(e => e.dataset.id)")
    assert len(ids) >= 4 and fields.count() > len(ids)

    page.locator(f"[data-id='{ids[0]}']").focus()
    assert page.locator("#cv-text mark").count() >= 1  # its evidence is highlighted
    for field_id, action in [(ids[0], "confirm"), (ids[1], "confirm"), (ids[2], "reject")]:
        page.click(f"[data-id='{field_id}'] button[data-action={action}]")
        page.wait_for_selector(f"[data-id='{field_id}'] .decision.{action}")

    page.click(f"[data-id='{ids[3]}'] button[data-action=edit]")
    page.fill(f"#edit-{ids[3]}", "gestion des stocks")
    choice = _options(page, f"edit-{ids[3]}-options")[0]
    page.fill(f"#edit-{ids[3]}", choice)
    page.press(f"#edit-{ids[3]}", "Enter")
    page.wait_for_selector(f"[data-id='{ids[3]}'] .decision.edit")
    edited_code = choice.rsplit("[", 1)[1].rstrip("]")

    page.select_option("#add-kind", "competence")
    page.fill("#add-search", "soudure")
    added = _options(page, "add-options")[0]
    page.fill("#add-search", added)
    page.click("#add-form button[type=submit]")
    page.wait_for_selector("#groups .field[data-status=added]:not(.pending)")  # in its group
    added_code = added.rsplit("[", 1)[1].rstrip("]")

    page.click("#finalize")
    summary = page.inner_text("#summary-list")
    assert "2 confirmés" in summary and "1 modifié\n" in summary and "1 rejeté\n" in summary
    assert "1 ajouté\n" in summary and "non relus" in summary
    page.click("#summary-save")
    page.wait_for_selector("#review-status[data-profile]")
    profile = _profile(live, page.get_attribute("#review-status", "data-profile"))

    saved = {f["id"]: f for f in profile["fields"]}
    assert {saved[ids[0]]["status"], saved[ids[1]]["status"]} == {"confirmed"}
    assert saved[ids[3]]["status"] == "edited" and saved[ids[3]]["code"] == edited_code
    assert [f["code"] for f in saved.values() if f["status"] == "added"] == [added_code]
    assert len(saved) == 4 and profile["rejected"] == [ids[2]]
    assert ids[2] not in saved


def test_keyboard_only_review(page, live: LiveServer) -> None:
    doc_id = _upload(live, "infirmier.docx")
    login(page, live, "advisor", f"/review/{doc_id}")
    page.wait_for_selector(".review[data-ready=true]")
    page.keyboard.press("j")  # first field
    first = page.evaluate("document.activeElement.dataset.id")
    page.keyboard.press("c")
    page.wait_for_selector(f"[data-id='{first}'] .decision.confirm")
    page.keyboard.press("j")
    second = page.evaluate("document.activeElement.dataset.id")
    assert second != first
    page.keyboard.press("r")
    page.wait_for_selector(f"[data-id='{second}'] .decision.reject")
    page.keyboard.press("j")
    page.keyboard.press("j")
    third = page.evaluate("document.activeElement.dataset.id")
    page.keyboard.press("e")  # the editor's input takes the focus
    assert page.evaluate("document.activeElement.id") == f"edit-{third}"
    page.keyboard.type("soins")
    option = _options(page, f"edit-{third}-options")[0]
    page.keyboard.press("Control+A")
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    page.wait_for_selector(f"[data-id='{third}'] .decision.edit")
    assert page.evaluate("document.activeElement.dataset.id") == third  # focus stays on it
    page.keyboard.press("f")
    assert page.evaluate("document.activeElement.id") == "summary-save"
    page.keyboard.press("Enter")
    page.wait_for_selector("#review-status[data-profile]")
    profile = _profile(live, page.get_attribute("#review-status", "data-profile"))
    assert {f["id"]: f["status"] for f in profile["fields"]} == {first: "confirmed",
                                                                  third: "edited"}
    assert profile["rejected"] == [second]


def test_no_session_no_data(page, live: LiveServer) -> None:
    doc_id = _upload(live)
    draft = httpx.get(f"{live.url}/api/v1/documents/{doc_id}/draft",
                      headers=live.headers("advisor")).json()["draft"]
    secret = draft["fields"][0]["label"]
    for path in [f"/review/{doc_id}", "/advisor", "/upload", "/"]:
        page.goto(live.url + path)
        assert "/login" in page.url and page.locator("#password").count() == 1
        assert secret not in page.content()
    login(page, live, "other_seeker", f"/review/{doc_id}")  # a job seeker, not the advisor
    assert "/login" in page.url and secret not in page.content()
    api = page.request.get(f"{live.url}/api/v1/documents/{doc_id}/draft")
    assert api.status == 404  # the cookie gives no more than the role: not even its existence


def test_sensitive_words_are_flagged_as_the_advisor_types(page, live: LiveServer) -> None:
    doc_id = _upload(live)
    login(page, live, "advisor", f"/review/{doc_id}")
    page.wait_for_selector(".review[data-ready=true]")
    page.fill("#add-comment", "Candidate enceinte")
    warning = page.locator("#add-comment + p[role=alert]")
    warning.wait_for(state="visible")
    assert "santé ou handicap" in warning.inner_text()
    page.fill("#add-comment", "Très bonne soudeuse")
    warning.wait_for(state="hidden")

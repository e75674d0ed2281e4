"""The CV pane in Chromium (issue #17, points 3 and 4): the PDF's pages as images in their
real layout, the focused field's evidence boxed on them, the text as a toggle; personal data
never reaches the browser — in text or pixels — unless the advisor reveals it, which is
audited; another advisor or job seeker gets 404 for the images."""

from __future__ import annotations

import io

from PIL import Image

from cvparse.service.page_images import MASK_FILL, RENDER_SCALE
from tests.live import LiveServer
from tests.web.conftest import login
from tests.web.reviewing import field_of, open_review, reading_line, stranger_advisor, upload

PERSONAL = ["12/03/1988", "Née le", "Nationalit", ": française", "BELKACEM",
            "nadia.belkacem", "06 39 98 21 47", "Tilleuls", "Mariée"]


def _box(page, field_id: str) -> dict:
    page.locator(f".field[data-id='{field_id}']").focus()
    box = page.locator(".page-figure[data-page='1'] .evidence-box").first
    box.wait_for()
    canvas = page.locator(".page-figure[data-page='1'] .page-canvas").bounding_box()
    b = box.bounding_box()
    return {"x": (b["x"] - canvas["x"]) / canvas["width"],
            "y": (b["y"] - canvas["y"]) / canvas["height"],
            "w": b["width"] / canvas["width"]}


def test_pages_beside_the_draft_with_the_focused_evidence_boxed(page, live: LiveServer) -> None:
    doc_id = upload(live)
    open_review(page, live, doc_id)
    image = page.locator(".page-figure[data-page='1'] img")
    page.wait_for_function("() => document.querySelector('.page-figure img').naturalWidth > 800")
    assert page.locator("#cv-text").is_hidden() and image.is_visible()
    assert "masquées" in image.get_attribute("alt")

    licence = field_of(live, doc_id, "licence", code="B")
    line = reading_line(live, doc_id, "Permis B")
    box = _box(page, licence["id"])
    assert abs(box["x"] - line.bbox[0] / 595.28) < 0.01
    assert abs(box["y"] - line.bbox[1] / 841.89) < 0.01
    assert box["x"] < 0.3  # the sidebar, on the left, where the CV prints it
    job = field_of(live, doc_id, "experience", start="2019-01-01")
    assert _box(page, job["id"])["x"] > 0.3  # the main column, on the right
    assert page.locator(".evidence-box").count() == 1  # only the focused field's

    page.locator(f".field[data-id='{licence['id']}']").focus()
    page.keyboard.press("v")  # the text, as the pipeline read it (columns one after another)
    assert page.locator("#cv-images").is_hidden() and page.locator("#cv-text").is_visible()
    assert page.locator("#cv-text mark").first.inner_text() == "Permis B"
    assert page.get_attribute("#view-toggle", "aria-pressed") == "true"
    page.click("#view-toggle")
    assert page.locator("#cv-images").is_visible()


def test_personal_data_never_reaches_the_browser_unless_revealed(page, live: LiveServer) -> None:
    doc_id = upload(live, as_name="CV_Nadia_BELKACEM.pdf")  # the name in the file name too
    bodies: list[tuple[str, bytes]] = []
    page.on("response", lambda r: bodies.append((r.url, r.body())) if "/api/" in r.url
            or "/review/" in r.url else None)
    open_review(page, live, doc_id)
    page.wait_for_function("() => document.querySelector('.page-figure img').naturalWidth > 800")
    texts = [(url, body.decode("utf-8", "replace")) for url, body in bodies
             if not url.endswith(".png")]
    assert any(url.endswith("/pages") for url, _ in texts)
    for secret in PERSONAL:
        assert not [url for url, text in texts if secret in text], secret
        assert secret not in page.content()
    assert "Données personnelles masquées" in page.inner_text("#masked-note")
    assert "nationalité (1)" in page.inner_text("#masked-note")

    # The image the browser got: the birth-date and nationality lines are flat rectangles.
    (png,) = [body for url, body in bodies if url.endswith("/pages/1.png")]
    image = Image.open(io.BytesIO(png)).convert("RGB")
    for starts in ("Née le", "Nationalité"):
        x0, top, x1, bottom = (round(v * RENDER_SCALE) for v in
                               reading_line(live, doc_id, starts).bbox)
        region = image.crop((x0 + 2, top + 2, x1 - 2, bottom - 2))
        assert region.getcolors() == [(region.width * region.height, MASK_FILL)], starts

    # Reveal: a notice first, then the data, and the audit log has it.
    page.click("#reveal")
    assert page.locator("#reveal-dialog").is_visible()
    assert "journal" in page.inner_text("#reveal-dialog")
    page.click("#reveal-cancel")
    assert not [e for e in live.stores.audit.entries(doc_id) if e.action == "document.reveal"]
    page.click("#reveal")
    page.click("#reveal-ok")
    page.wait_for_selector(".page-figure img[src$='reveal=true']")
    page.click("#view-toggle")
    assert "Née le 12/03/1988" in page.inner_text("#cv-text")
    assert "Nationalité : française" in page.inner_text("#cv-text")
    assert "enregistré" in page.inner_text("#masked-note")
    page.wait_for_function("() => document.querySelector('.page-figure img').complete")
    reveals = [e for e in live.stores.audit.entries(doc_id) if e.action == "document.reveal"]
    assert {(e.actor_id, e.target_id) for e in reveals} == {(live.ids["advisor"], doc_id)}
    assert {str(e.after) for e in reveals} >= {"{'what': 'text'}",
                                               "{'what': 'page', 'page': 1}"}
    page.click("#reveal")  # hide again: back to the masked copy, no request needed
    assert "12/03/1988" not in page.inner_text("#cv-text")
    assert page.locator(".page-figure img[src$='reveal=true']").count() == 0


def test_the_pages_are_404_for_another_advisor_or_job_seeker(page, live: LiveServer,
                                                              browser) -> None:
    doc_id = upload(live)
    url = f"{live.url}/api/v1/documents/{doc_id}/pages/1.png"
    for who in (stranger_advisor(live), "other_seeker"):
        context = browser.new_context()
        other = context.new_page()
        login(other, live, who, f"/review/{doc_id}")
        assert "/login" in other.url  # the review page itself is refused
        for target in (url, url + "?reveal=true", url.replace("/1.png", "")):
            response = other.request.get(target)
            assert response.status == 404, (who, target)
            assert response.headers["content-type"].startswith("application/json")
        context.close()
    login(page, live, "job_seeker", "/upload")  # the owner may see their own CV's pages
    response = page.request.get(url)
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    assert response.headers["cache-control"] == "private, no-store"
    assert page.request.get(url.replace("/1.png", "/2.png")).status == 404


def test_a_docx_shows_its_text_with_personal_data_masked(page, live: LiveServer) -> None:
    doc_id = upload(live, "a_atsem.docx")
    open_review(page, live, doc_id)
    assert page.locator("#view-toggle").is_hidden()  # no page image to switch to
    text = page.inner_text("#cv-text")
    assert "█" in text and page.locator("#cv-text .masked").count() >= 3
    raw = live.stores.documents.reading(live.stores.documents.get(doc_id).sha256,
                                        draft_version(live, doc_id), ocr_flag())
    birth = next(line.text for line in raw.lines if "Née" in line.text or "naissance" in
                 line.text.lower())
    assert birth not in page.content()


def draft_version(live: LiveServer, doc_id: str) -> str:
    return live.stores.documents.draft(doc_id).pipeline_version


def ocr_flag() -> bool:
    from cvparse.service.jobs import reading_key
    from cvparse.service.registry import DEFAULT_OPTIONS

    return reading_key(DEFAULT_OPTIONS.ocr)[1]

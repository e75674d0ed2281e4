"""The CV pane's API: page images rendered once and cached, personal data covered on the
server (text and pixels), revealed only on request and then audited, 404 to whoever may not
read the document.

Rendering does not depend on the database: this module runs on SQLite only (the access rules
and the review API run on both databases in test_review_api.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from cvparse.service import page_images
from cvparse.service.page_images import MASK_FILL, PICTURE_FILL, RENDER_SCALE
from tests.api.conftest import Api

SAMPLE = "aide_soignante.pdf"  # two columns, a photo, birth date, nationality, family status
BIRTH = "Née le 12/03/1988"
NATIONALITY = "Nationalité : française"
PERSONAL = [BIRTH, NATIONALITY, "12/03/1988", "française", "Mariée, 2 enfants",
            "nadia.belkacem@example.org", "06 39 98 21 47", "BELKACEM", "Tilleuls"]


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cvparse.db'}"


@pytest.fixture(autouse=True)
def _fresh_caches():
    page_images.clear_caches()
    yield
    page_images.clear_caches()


def _upload(api: Api, name: str = SAMPLE) -> str:
    response = api.upload(name=name)
    assert response.status_code == 202, response.text
    return response.json()["id"]


def _reading_line(api: Api, doc_id: str, starts: str):
    """The line of the stored reading that starts with `starts` (its box, in points)."""
    doc = api.stores.documents.get(doc_id)
    draft = api.stores.documents.draft(doc_id)
    document = page_images.reading_of(api.stores, doc, draft)
    return next(line for line in document.lines if line.text.startswith(starts))


def _region(png: bytes, box: tuple[float, float, float, float], inset: int = 2) -> Image.Image:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    x0, top, x1, bottom = (round(v * RENDER_SCALE) for v in box)
    return image.crop((x0 + inset, top + inset, x1 - inset, bottom - inset))


def test_the_text_never_carries_personal_data_unless_revealed(api: Api) -> None:
    doc_id = _upload(api)
    response = api.client.get(f"/api/v1/documents/{doc_id}/pages", headers=api.h("advisor"))
    assert response.status_code == 200, response.text
    for secret in PERSONAL:
        assert secret not in response.text, secret  # nowhere in the payload, not only the text
    body = response.json()
    assert body["revealed"] is False and body["format"] == "pdf"
    assert body["excluded"]["birth_date"] == 1 and body["excluded"]["nationality"] == 1
    page = body["pages"][0]
    masked = [page["text"][s - page["start"]:e - page["start"]] for s, e in page["masked"]]
    assert len(masked) == 8 and all(set(m) == {"█"} for m in masked)
    assert "Aide-soignante diplômée d'État" in page["text"]  # the rest is there, as read
    assert page["image"] == f"/api/v1/documents/{doc_id}/pages/1.png"

    revealed = api.client.get(f"/api/v1/documents/{doc_id}/pages", headers=api.h("advisor"),
                              params={"reveal": "true"})
    assert revealed.status_code == 200 and revealed.json()["revealed"] is True
    assert BIRTH in revealed.text and NATIONALITY in revealed.text
    # same offsets either way: the evidence of the draft points into both
    assert len(revealed.json()["pages"][0]["text"]) == len(page["text"])


def test_masked_regions_are_flat_on_the_png_and_the_photo_is_covered(api: Api) -> None:
    doc_id = _upload(api)
    url = f"/api/v1/documents/{doc_id}/pages/1.png"
    response = api.client.get(url, headers=api.h("advisor"))
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert response.headers["cache-control"] == "private, no-store"  # a CV: not kept
    png = response.content
    for starts in ("Née le", "Nationalité", "Mariée", "Nadia BELKACEM", "06 39"):
        region = _region(png, _reading_line(api, doc_id, starts).bbox)
        assert region.getcolors() == [(region.width * region.height, MASK_FILL)], starts
    photo = (62.36, 42.52, 153.07, 155.91)  # the picture object of the sample, in points
    region = _region(png, photo)
    assert region.getcolors() == [(region.width * region.height, PICTURE_FILL)]
    # a line that is not personal data is drawn as it is (text: several colours)
    kept = _region(png, _reading_line(api, doc_id, "Aide-soignante diplômée").bbox, inset=0)
    assert len(kept.getcolors(maxcolors=4096)) > 5

    revealed = api.client.get(url, headers=api.h("advisor"), params={"reveal": "true"})
    assert revealed.status_code == 200
    assert revealed.headers["cache-control"] == "private, no-store"
    region = _region(revealed.content, _reading_line(api, doc_id, "Née le").bbox)
    assert len(region.getcolors(maxcolors=4096)) > 5  # the text is there when revealed


def test_each_reveal_is_audited_with_who_and_which_document(api: Api) -> None:
    doc_id = _upload(api)
    base = f"/api/v1/documents/{doc_id}"
    api.client.get(f"{base}/pages", headers=api.h("advisor"))
    api.client.get(f"{base}/pages/1.png", headers=api.h("advisor"))
    assert not [e for e in api.stores.audit.entries(doc_id) if e.action == "document.reveal"]
    api.client.get(f"{base}/pages", headers=api.h("advisor"), params={"reveal": "true"})
    api.client.get(f"{base}/pages/1.png", headers=api.h("advisor"), params={"reveal": "1"})
    reveals = [e for e in api.stores.audit.entries(doc_id) if e.action == "document.reveal"]
    assert [(e.actor_id, e.actor_role, e.target_id, e.after) for e in reveals] == [
        (api.ids["advisor"], "advisor", doc_id, {"what": "text"}),
        (api.ids["advisor"], "advisor", doc_id, {"what": "page", "page": 1}),
    ]
    assert all(e.at is not None for e in reveals)


def test_a_page_is_rendered_once_and_revalidated_by_etag(api: Api, monkeypatch) -> None:
    doc_id = _upload(api)
    renders = []
    original = page_images.render_page
    monkeypatch.setattr(page_images, "render_page",
                        lambda *a, **k: renders.append(1) or original(*a, **k))
    url = f"/api/v1/documents/{doc_id}/pages/1.png"
    first = api.client.get(url, headers=api.h("advisor"))
    again = api.client.get(url, headers=api.h("seeker"))  # another reader, same image
    assert first.content == again.content and len(renders) == 1
    etag = first.headers["etag"]
    unchanged = api.client.get(url, headers={**api.h("advisor"), "If-None-Match": etag})
    assert unchanged.status_code == 304 and not unchanged.content and len(renders) == 1
    api.client.get(url, headers=api.h("advisor"), params={"reveal": "true"})
    api.client.get(url, headers=api.h("advisor"), params={"reveal": "true"})
    assert len(renders) == 3  # a revealed page is never cached
    assert page_images.cached_images() == 1


def test_every_page_of_a_two_page_pdf_and_none_beyond(api: Api) -> None:
    doc_id = _upload(api, "a_en_welder.pdf")  # "Date of birth … Nationality …" on one line
    base = f"/api/v1/documents/{doc_id}"
    body = api.client.get(f"{base}/pages", headers=api.h("advisor")).json()
    assert [p["number"] for p in body["pages"]] == [1, 2]
    assert "Date of birth" not in str(body) and "British" not in str(body)
    for n in (1, 2):
        assert api.client.get(f"{base}/pages/{n}.png", headers=api.h("advisor")).status_code == 200
    missing = api.client.get(f"{base}/pages/3.png", headers=api.h("advisor"))
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    line = _reading_line(api, doc_id, "• Date of birth")
    png = api.client.get(f"{base}/pages/1.png", headers=api.h("advisor")).content
    region = _region(png, line.bbox)
    assert region.getcolors() == [(region.width * region.height, MASK_FILL)]


def test_a_contact_line_is_covered_in_parts_and_keeps_what_is_not_personal(api: Api) -> None:
    """"17 rue … · 44600 Saint-Nazaire, France · +33 … · mail": the address, phone and e-mail
    are covered word by word, "France ·" between them stays readable."""
    doc_id = _upload(api, "a_en_welder.pdf")
    doc = api.stores.documents.get(doc_id)
    view = page_images.cv_view(api.stores, doc, api.stores.documents.draft(doc_id))
    line = next(line for line in view.document.lines if line.text.startswith("17 rue"))
    masks = [m for m in view.pages[0].masks if m[1] < line.bbox[3] and m[3] > line.bbox[1]]
    assert len(masks) == 4
    assert all(m[2] - m[0] < line.bbox[2] - line.bbox[0] for m in masks)  # none whole-line


def test_a_scanned_page_shows_only_the_lines_ocr_read(api: Api) -> None:
    from tests.conftest import require_tesseract

    require_tesseract()
    doc_id = _upload(api, "scanned_cv.pdf")
    png = api.client.get(f"/api/v1/documents/{doc_id}/pages/1.png",
                         headers=api.h("advisor")).content
    image = Image.open(io.BytesIO(png)).convert("RGB")
    bottom = image.crop((0, image.height - 200, image.width, image.height))  # no text there
    assert bottom.getcolors() == [(bottom.width * bottom.height, PICTURE_FILL)]
    name = _region(png, _reading_line(api, doc_id, "Lucas").bbox)
    assert name.getcolors() == [(name.width * name.height, MASK_FILL)]


def test_text_documents_have_text_and_no_page_image(api: Api) -> None:
    doc_id = _upload(api, "cariste.docx")
    body = api.client.get(f"/api/v1/documents/{doc_id}/pages", headers=api.h("advisor")).json()
    assert body["format"] == "docx" and all(p["image"] is None for p in body["pages"])
    assert body["evidence"] == {}  # no page to draw boxes on: the text view marks evidence
    response = api.client.get(f"/api/v1/documents/{doc_id}/pages/1.png",
                              headers=api.h("advisor"))
    assert response.status_code == 404


def test_evidence_boxes_sit_on_the_words_of_the_field(api: Api) -> None:
    doc_id = _upload(api)
    draft = api.client.get(f"/api/v1/documents/{doc_id}/draft",
                           headers=api.h("advisor")).json()["draft"]
    body = api.client.get(f"/api/v1/documents/{doc_id}/pages", headers=api.h("advisor")).json()
    licence = next(f for f in draft["fields"] if f["kind"] == "licence" and f["code"] == "B")
    (box,) = body["evidence"][licence["id"]]
    line = _reading_line(api, doc_id, "Permis B")
    width, height = body["pages"][0]["width"], body["pages"][0]["height"]
    assert box["page"] == 1
    assert abs(box["x"] * width - line.bbox[0]) < 1 and abs(box["y"] * height - line.bbox[1]) < 1
    assert abs((box["x"] + box["w"]) * width - line.bbox[2]) < 1
    # the sidebar column (x < 200 pt) and the main column keep their place: the real layout
    title = next(f for f in draft["fields"] if f["kind"] == "appellation")
    assert any(b["x"] * width > 200 for b in body["evidence"][title["id"]])


def test_only_readers_of_the_document_get_its_pages(api: Api) -> None:
    doc_id = _upload(api)
    base = f"/api/v1/documents/{doc_id}"
    expected = {None: 401, "seeker": 200, "other_seeker": 404, "advisor": 200,
                "stranger_advisor": 404, "ops": 404, "admin": 404}
    for who, status in expected.items():
        for path in ("/pages", "/pages/1.png", "/pages/1.png?reveal=true", "/pages?reveal=1"):
            response = api.client.get(base + path, headers=api.h(who))
            assert response.status_code == status, (who, path, response.text[:200])
            if status == 404:
                assert response.json()["error"]["code"] == "not_found"
                assert "image" not in response.headers["content-type"]
    unknown = api.client.get("/api/v1/documents/nope/pages/1.png", headers=api.h("advisor"))
    assert unknown.status_code == 404
    refused = [e for e in api.stores.audit.entries(doc_id) if e.actor_id in
               (api.ids["other_seeker"], api.ids["stranger_advisor"], api.ids["ops"])]
    assert refused == []  # nothing was read, nothing to record


def test_a_purged_file_leaves_the_text_and_no_image(api: Api) -> None:
    doc_id = _upload(api)
    api.stores.files.delete(api.stores.documents.get(doc_id).sha256)
    body = api.client.get(f"/api/v1/documents/{doc_id}/pages", headers=api.h("advisor"))
    assert body.status_code == 200 and body.json()["pages"][0]["image"] is None
    response = api.client.get(f"/api/v1/documents/{doc_id}/pages/1.png",
                              headers=api.h("advisor"))
    assert response.status_code == 404


def test_the_plain_text_endpoint_is_masked_too(api: Api) -> None:
    """`/text` (evidence offsets) serves the same masked text: no other door to the CV's
    personal data than the audited reveal."""
    doc_id = _upload(api)
    response = api.client.get(f"/api/v1/documents/{doc_id}/text", headers=api.h("advisor"))
    assert response.status_code == 200, response.text
    for secret in PERSONAL:
        assert secret not in response.text, secret
    pages = response.json()
    assert "█" in pages[0]["text"] and "Aide-soignante" in pages[0]["text"]

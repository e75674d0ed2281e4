"""A job seeker deletes or replaces one of their CVs (issue #17, point 10), on SQLite and
PostgreSQL: deletion erases the document as the right to erasure does (its reading, drafts,
review, saved profile, file and the audit entries about it; one audit record with counts
remains); nobody else may delete it, and another job seeker cannot even see it (404)."""

from __future__ import annotations

from sqlalchemy import select, text

from cvparse.service.store.models import Base
from tests.api.conftest import Api
from tests.conftest import SAMPLES


def _files(api: Api) -> set[str]:
    return {p.name for p in api.stores.files.root.rglob("*") if p.is_file()}


def _mentions(api: Api, needle: str) -> list[str]:
    """Rows of any table that mention this text."""
    found = []
    with api.stores.engine.connect() as c:
        for table in Base.metadata.sorted_tables:
            for row in c.execute(select(table)).mappings():
                if needle in str(dict(row)):
                    found.append(f"{table.name}: {dict(row)}")
    return found


def test_only_the_owner_deletes_and_another_job_seeker_gets_404(api: Api) -> None:
    doc_id = api.upload().json()["id"]
    url = f"/api/v1/documents/{doc_id}"
    for who in ("other_seeker",):
        for response in (api.client.delete(url, headers=api.h(who)),
                         api.client.get(url, headers=api.h(who)),
                         api.client.post(f"{url}/replace", headers=api.h(who),
                                         files={"file": ("cv.txt", b"Soudeur " * 20)})):
            assert response.status_code == 404, response.text
            assert response.json()["error"]["code"] == "not_found"
    for who in ("advisor", "admin", "ops"):
        assert api.client.delete(url, headers=api.h(who)).status_code == 403
    assert api.client.delete(url).status_code == 401
    assert api.client.get(url, headers=api.h("seeker")).status_code == 200  # still there
    unknown = api.client.delete("/api/v1/documents/nope", headers=api.h("seeker"))
    assert unknown.status_code == 404


def test_delete_erases_the_document_like_the_right_to_erasure(api: Api) -> None:
    doc_id = api.upload().json()["id"]  # cariste.docx
    kept_id = api.upload(name="infirmier.docx").json()["id"]
    doc = api.stores.documents.get(doc_id)
    draft = api.client.get(f"/api/v1/documents/{doc_id}/draft", headers=api.h("advisor"))
    field = draft.json()["draft"]["fields"][0]["id"]
    api.client.post(f"/api/v1/documents/{doc_id}/fields/{field}", headers=api.h("advisor"),
                    json={"action": "confirm", "version": 0})
    saved = api.client.post(f"/api/v1/documents/{doc_id}/finalize", headers=api.h("advisor"),
                            json={"version": 1})
    assert saved.status_code == 201
    profile_id = saved.json()["id"]
    assert doc.sha256 in _files(api) and api.stores.documents.count_drafts(doc.sha256) == 1

    response = api.client.delete(f"/api/v1/documents/{doc_id}", headers=api.h("seeker"))
    assert response.status_code == 200, response.text
    assert response.json() == {"documents": 1, "profiles": 1, "drafts": 1, "files": 1}

    for who in ("seeker", "advisor", "admin"):
        assert api.client.get(f"/api/v1/documents/{doc_id}",
                              headers=api.h(who)).status_code == 404
    assert api.client.get(f"/api/v1/profiles/{profile_id}",
                          headers=api.h("seeker")).status_code == 404
    listed = api.client.get("/api/v1/documents", headers=api.h("advisor")).json()
    assert [d["id"] for d in listed] == [kept_id]
    assert doc.sha256 not in _files(api)
    assert api.stores.documents.count_drafts(doc.sha256) == 0
    assert api.stores.documents.count_readings(doc.sha256) == 0
    # Nothing mentions the document, its content or its profile but the record of erasing it.
    leftovers = _mentions(api, doc_id) + _mentions(api, doc.sha256) + _mentions(api, profile_id)
    assert len(leftovers) == 1 and leftovers[0].startswith("audit_log:"), leftovers
    with api.stores.engine.connect() as c:
        record = c.execute(text("SELECT action, actor_id, after FROM audit_log "
                                "WHERE target_id = :d"), {"d": doc_id}).one()
    assert record[0] == "document.erase" and record[1] == api.ids["seeker"]
    # The other CV, the account and the advisor's follow-up stay.
    assert api.client.get(f"/api/v1/documents/{kept_id}/draft",
                          headers=api.h("advisor")).status_code == 200
    assert api.client.get("/api/v1/me", headers=api.h("seeker")).status_code == 200


def test_a_content_shared_with_another_document_stays_for_it(api: Api) -> None:
    mine = api.upload().json()["id"]
    theirs = api.upload("other_seeker").json()["id"]  # the same bytes, someone else
    sha = api.stores.documents.get(mine).sha256
    response = api.client.delete(f"/api/v1/documents/{mine}", headers=api.h("seeker"))
    assert response.json() == {"documents": 1, "profiles": 0, "drafts": 0, "files": 0}
    assert sha in _files(api)
    assert api.client.get(f"/api/v1/documents/{theirs}/draft",
                          headers=api.h("other_seeker")).status_code == 200


def test_replace_puts_the_new_cv_in_place_of_the_old(api: Api) -> None:
    old_id = api.upload(name="macon.txt").json()["id"]
    old_sha = api.stores.documents.get(old_id).sha256
    refused = api.client.post(f"/api/v1/documents/{old_id}/replace", headers=api.h("seeker"),
                              files={"file": ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 99)})
    assert refused.status_code == 415 and refused.json()["error"]["code"] == "wrong_extension"
    assert api.client.get(f"/api/v1/documents/{old_id}",
                          headers=api.h("seeker")).status_code == 200  # the old one stays

    too_big = b"%PDF-1.7\n" + b"0" * (3 * 1024 * 1024)  # over the 2 MB limit of these tests
    refused = api.client.post(f"/api/v1/documents/{old_id}/replace", headers=api.h("seeker"),
                              files={"file": ("cv.pdf", too_big)})
    assert refused.status_code == 413 and refused.json()["error"]["code"] == "file_too_large"

    data = (SAMPLES / "cariste.docx").read_bytes()
    response = api.client.post(f"/api/v1/documents/{old_id}/replace", headers=api.h("seeker"),
                               files={"file": ("cariste.docx", data)})
    assert response.status_code == 202, response.text
    new = response.json()
    assert new["id"] != old_id and new["filename"] == "cariste.docx"
    assert new["status"] == "draft_ready"  # processed in-process in these tests
    listed = api.client.get("/api/v1/documents", headers=api.h("seeker")).json()
    assert [d["id"] for d in listed] == [new["id"]]
    assert api.client.get(f"/api/v1/documents/{old_id}",
                          headers=api.h("seeker")).status_code == 404
    assert old_sha not in _files(api)
    with api.stores.engine.connect() as c:
        actions = c.execute(text("SELECT action FROM audit_log WHERE target_id IN (:o, :n)"),
                            {"o": old_id, "n": new["id"]}).scalars().all()
    assert "document.erase" in actions and "document.replace" in actions

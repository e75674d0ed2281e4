"""Upload → draft → confirm / reject / edit → finalize → the saved profile holds exactly the
confirmed and edited fields; every read and write is in the audit log."""

from __future__ import annotations

from tests.api.conftest import Api
from tests.conftest import require_tesseract


def _draft(api: Api, doc_id: str, who: str = "advisor") -> dict:
    response = api.client.get(f"/api/v1/documents/{doc_id}/draft", headers=api.h(who))
    assert response.status_code == 200, response.text
    return response.json()


def _decide(api: Api, doc_id: str, field_id: str, body: dict, who: str = "advisor"):
    return api.client.post(f"/api/v1/documents/{doc_id}/fields/{field_id}",
                           headers=api.h(who), json=body)


def test_the_whole_workflow(api: Api) -> None:
    uploaded = api.upload()
    assert uploaded.status_code == 202, uploaded.text
    doc_id = uploaded.json()["id"]
    status = api.client.get(f"/api/v1/documents/{doc_id}", headers=api.h("seeker")).json()
    assert status["status"] == "draft_ready"

    state = _draft(api, doc_id)
    fields = {f["id"]: f for f in state["draft"]["fields"]}
    assert all(f["evidence"] and "confidence" in f for f in fields.values()
               if f["kind"] == "competence")
    version = state["review"]["version"]
    assert version == 0 and state["review"]["decisions"] == {}
    competences = [f for f in fields.values() if f["kind"] == "competence"]
    language = next(f for f in fields.values() if f["kind"] == "language")
    confirm, reject, edit = competences[0], competences[1], competences[2]

    search = api.client.get("/api/v1/referential/search",
                            params={"q": "gerer stocks", "kind": "competence"},
                            headers=api.h("advisor"))
    assert search.status_code == 200 and search.json()
    replacement = next(e for e in search.json() if e["code"] != edit["code"])

    steps = [
        (confirm["id"], {"action": "confirm", "comment": "vu en entretien"}),
        (reject["id"], {"action": "reject", "comment": "hors sujet"}),
        (edit["id"], {"action": "edit", "edit": {"code": replacement["code"]}}),
        (language["id"], {"action": "edit", "edit": {"level": "b1"}}),
    ]
    for field_id, body in steps:
        response = _decide(api, doc_id, field_id, {**body, "version": version})
        assert response.status_code == 200, response.text
        version = response.json()["version"]
    assert version == 4

    saved = api.client.post(f"/api/v1/documents/{doc_id}/finalize", headers=api.h("advisor"),
                            json={"version": version})
    assert saved.status_code == 201, saved.text
    profile = saved.json()
    by_id = {f["id"]: f for f in profile["fields"]}
    assert set(by_id) == {confirm["id"], edit["id"], language["id"]}  # exactly these
    assert by_id[confirm["id"]]["status"] == "confirmed"
    assert by_id[edit["id"]]["code"] == replacement["code"]
    assert by_id[edit["id"]]["label"] == replacement["label"]
    assert by_id[edit["id"]]["status"] == "edited"
    assert by_id[language["id"]]["level"] == "B1"
    assert profile["rejected"] == [reject["id"]]
    assert set(profile["unreviewed"]) == set(fields) - {f for f, _ in steps}
    assert profile["advisor"] == api.ids["advisor"]
    assert profile["job_seeker"] == api.ids["seeker"]
    assert profile["referential"] == "rome@460"
    assert profile["pipeline_version"] and profile["finalized_at"]

    for who in ("seeker", "advisor"):
        read = api.client.get(f"/api/v1/profiles/{profile['id']}", headers=api.h(who))
        assert read.status_code == 200 and read.json() == profile
    refused = api.client.get(f"/api/v1/profiles/{profile['id']}", headers=api.h("admin"))
    assert refused.status_code == 403  # an administrator reads no profile without break-glass

    again = _decide(api, doc_id, confirm["id"], {"action": "reject", "version": version + 1})
    assert again.status_code == 409 and again.json()["error"]["code"] == "finalized"

    audit = api.client.get("/api/v1/audit", headers=api.h("admin")).json()
    actions = [(e["action"], e["actor_id"]) for e in audit]
    assert ("document.upload", api.ids["seeker"]) in actions
    assert ("draft.read", api.ids["advisor"]) in actions
    assert ("profile.save", api.ids["advisor"]) in actions
    edit_entry = next(e for e in audit if e["action"] == "review.edit"
                      and e["target_id"] == f"{doc_id}/{edit['id']}")
    assert edit_entry["before"]["value"]["code"] == edit["code"]  # from which value…
    assert edit_entry["after"]["value"]["code"] == replacement["code"]  # …to which
    assert all(e["at"] for e in audit)


def test_bad_edits_are_refused_with_a_reason(api: Api) -> None:
    doc_id = api.upload().json()["id"]
    fields = _draft(api, doc_id)["draft"]["fields"]
    competence = next(f for f in fields if f["kind"] == "competence")
    language = next(f for f in fields if f["kind"] == "language")
    cases = [
        (competence["id"], {"action": "edit", "edit": {"code": "999999999"}}, "unknown_code"),
        (language["id"], {"action": "edit", "edit": {"level": "Z9"}}, "bad_level"),
        (competence["id"], {"action": "edit", "edit": {"level": "B2"}}, "level_not_editable"),
        (competence["id"], {"action": "edit"}, "empty_edit"),
        ("nope", {"action": "confirm"}, "unknown_field"),
    ]
    for field_id, body, code in cases:
        response = _decide(api, doc_id, field_id, {**body, "version": 0})
        assert response.status_code in (404, 422), response.text
        error = response.json()["error"]
        assert error["code"] == code and error["message"]["fr"] and error["message"]["en"]
    assert _draft(api, doc_id)["review"]["version"] == 0  # nothing was written


def test_a_draft_that_is_not_ready_says_so(api: Api) -> None:
    doc = api.upload(name="empty.txt", data=b"  \n ")
    assert doc.status_code == 422  # refused at upload: never stored


def test_two_advisors_no_lost_update(api: Api) -> None:
    doc_id = api.upload().json()["id"]
    first = _draft(api, doc_id, "advisor")
    second = _draft(api, doc_id, "advisor2")
    field_id = next(f["id"] for f in first["draft"]["fields"] if f["kind"] == "competence")
    ok = _decide(api, doc_id, field_id, {"action": "confirm", "version": 0}, "advisor")
    assert ok.status_code == 200
    stale = _decide(api, doc_id, field_id,
                    {"action": "reject", "version": second["review"]["version"]}, "advisor2")
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "stale_version" and error["current_version"] == 1
    assert "reload" in error["message"]["en"] and "rechargez" in error["message"]["fr"]
    decisions = _draft(api, doc_id)["review"]["decisions"]
    assert decisions[field_id]["action"] == "confirm"  # the first write stands
    retry = _decide(api, doc_id, field_id, {"action": "reject", "version": 1}, "advisor2")
    assert retry.status_code == 200 and retry.json()["version"] == 2
    stale_final = api.client.post(f"/api/v1/documents/{doc_id}/finalize",
                                  headers=api.h("advisor"), json={"version": 1})
    assert stale_final.status_code == 409


def test_sensitive_words_in_advisor_input_are_refused(api: Api) -> None:
    doc_id = api.upload().json()["id"]
    state = _draft(api, doc_id)
    field_id = state["draft"]["fields"][0]["id"]
    for comment, category in [("Candidate enceinte, à revoir", "health"),
                              ("Moniteur de voile le week-end", None),
                              ("Elle est voilée", "religion"),
                              ("Membre de la CGT", "union"), ("Origine étrangère", "origin"),
                              ("Trop vieux pour ce poste", "family")]:
        response = _decide(api, doc_id, field_id,
                           {"action": "confirm", "comment": comment, "version": 0})
        if category is None:
            assert response.status_code == 200, response.text  # "voile" alone is sailing
            continue
        assert response.status_code == 422, comment
        error = response.json()["error"]
        assert error["code"] == "sensitive_words" and category in error["categories"]
        assert "ne doivent" in error["message"]["fr"]
    review = _draft(api, doc_id)["review"]
    assert review["version"] == 1  # the refused comments changed nothing
    assert review["decisions"][field_id]["comment"] == "Moniteur de voile le week-end"
    search = api.client.get("/api/v1/referential/search", params={"q": "musulman"},
                            headers=api.h("advisor"))
    assert search.status_code == 422 and search.json()["error"]["categories"] == ["religion"]
    check = api.client.post("/api/v1/check-text", headers=api.h("advisor"),
                            json={"text": "militante syndiquée"}).json()
    assert set(check["categories"]) == {"political", "union"} and check["message"]["fr"]
    assert api.client.post("/api/v1/check-text", headers=api.h("advisor"),
                           json={"text": "Bonne maîtrise du chariot"}).json()["categories"] == []


def test_erasure_through_the_api(api: Api) -> None:
    doc_id = api.upload("seeker").json()["id"]
    url = f"/api/v1/users/{api.ids['seeker']}/erase"
    for who in ("seeker", "advisor", "ops"):
        assert api.client.post(url, headers=api.h(who)).status_code == 403
    response = api.client.post(url, headers=api.h("admin"))
    assert response.status_code == 200 and response.json()["documents"] == 1
    gone = api.client.get(f"/api/v1/documents/{doc_id}", headers=api.h("admin"))
    assert gone.status_code == 404
    assert api.client.get("/api/v1/me", headers=api.h("seeker")).status_code == 401
    not_a_seeker = api.client.post(f"/api/v1/users/{api.ids['advisor']}/erase",
                                   headers=api.h("admin"))
    assert not_a_seeker.status_code == 404


def test_the_cv_text_is_read_once_and_then_served_from_storage(
    api: Api, reads: list[str]
) -> None:
    """A scan is read (OCR included) once, by its job; the text the review page shows comes
    from that stored reading, and its evidence offsets point into it."""
    from cvparse.service.page_images import clear_caches
    from cvparse.service.store.models import ReadingRow

    require_tesseract()
    uploaded = api.upload(name="scanned_cv.pdf")
    assert uploaded.status_code == 202, uploaded.text
    doc_id = uploaded.json()["id"]
    assert reads == ["scanned_cv.pdf"]  # the job's reading

    def text() -> list[dict]:
        response = api.client.get(f"/api/v1/documents/{doc_id}/text", headers=api.h("advisor"))
        assert response.status_code == 200, response.text
        return response.json()

    pages = text()
    assert text() == pages and len(reads) == 1  # no extraction, no OCR on request
    assert [p["ocr"] for p in pages] == [True] and pages[0]["text"]
    for field in _draft(api, doc_id)["draft"]["fields"]:
        for evidence in field["evidence"]:
            page = pages[evidence["page"] - 1]
            at = evidence["start"] - page["start"]
            said = page["text"][at:at + len(evidence["text"])]
            # The text is masked as on the review page (same length, so offsets hold); the
            # evidence of a proposal is never personal data.
            assert said == evidence["text"] or "█" in said, (said, evidence["text"])

    with api.stores.engine.begin() as c:  # a document processed before readings were stored
        c.execute(ReadingRow.__table__.delete())
    clear_caches()  # as a new server process would start
    assert text() == pages and len(reads) == 2  # read once…
    assert text() == pages and len(reads) == 2  # …then served from storage

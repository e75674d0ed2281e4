"""What people type or send, checked at the API (issue #18, point 8), on SQLite and PostgreSQL:
file names and an advisor's labels and comments lose their invisible characters (a
right-to-left override made "cv\\u202egnp.txt" display as "cvtxt.png"); years and dates typed
in review lie between 1950 and a year from today, an end after its start; an edit that changes
nothing is refused (`no_change`) and leaves no decision and no audit entry."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

import pytest

from cvparse.service.text_input import INVISIBLE_CATEGORIES
from tests.api.conftest import Api
from tests.api.test_review_api import Review, _doc, _error, _field
from tests.conftest import SAMPLES

TEXT_CV = (SAMPLES / "macon.txt").read_bytes()


def _visible(text: str) -> bool:
    return not any(unicodedata.category(c) in INVISIBLE_CATEGORIES for c in text)


def _upload(api: Api, name: str) -> dict:
    response = api.client.post("/api/v1/documents", headers=api.h("seeker"),
                               files={"file": (name, TEXT_CV)})
    assert response.status_code == 202, response.text
    return response.json()


@pytest.mark.parametrize(("sent", "stored"), [
    ("cv\u202egnp.txt", "cvgnp.txt"),  # displayed "cvtxt.png" before
    ("\u200bMon\u00a0CV\u2066 final\u2069.txt", "Mon CV final.txt"),
    ("\ufeffCV\u200d\u200emaçon\x1b.txt", "CVmaçon.txt"),
    ("\u202e\u2067.txt", "cv.txt"),  # nothing left: "cv", never a refusal
])
def test_an_uploaded_file_name_is_stored_and_shown_without_invisible_characters(
        api: Api, sent: str, stored: str) -> None:
    doc = _upload(api, sent)
    assert doc["filename"] == stored
    listed = api.client.get("/api/v1/documents", headers=api.h("advisor")).json()
    assert [d["filename"] for d in listed if d["id"] == doc["id"]] == [stored]
    status = api.client.get(f"/api/v1/documents/{doc['id']}", headers=api.h("seeker")).json()
    assert status["filename"] == stored
    draft = api.client.get(f"/api/v1/documents/{doc['id']}/draft", headers=api.h("advisor"))
    assert draft.json()["document"]["filename"] == stored
    assert _visible(draft.json()["draft"]["source"]["filename"])  # the name the draft shows


def test_a_replacing_file_name_is_cleaned_too(api: Api) -> None:
    old = _upload(api, "cv.txt")
    response = api.client.post(f"/api/v1/documents/{old['id']}/replace",
                               headers=api.h("seeker"),
                               files={"file": ("nouveau\u202efdp.txt", TEXT_CV)})
    assert response.status_code == 202, response.text
    assert response.json()["filename"] == "nouveaufdp.txt"


def test_the_store_cleans_a_name_whichever_way_it_came(api: Api) -> None:
    """The CLI and scripts store through DocumentStore.create, as the API does."""
    doc = api.stores.documents.create(api.stores.files.put(TEXT_CV), "a\u202eb\u200b.txt", 1)
    assert api.stores.documents.get(doc.id).filename == "ab.txt"


def test_labels_and_comments_are_saved_without_invisible_characters(api: Api) -> None:
    doc_id, draft = _doc(api)
    review = Review(api, doc_id)
    diploma = _field(draft, "diploma", code="DEAS")
    response = review.decide(diploma["id"], action="edit",
                             edit={"label": "\u202bDE\u202e d'aide-soignant\u200b "},
                             comment="Vu\u2066 avec la personne\u2069.\r\nÀ garder\u200b.")
    assert response.status_code == 200, response.text
    decision = response.json()["decisions"][diploma["id"]]
    assert decision["value"]["label"] == "DE d'aide-soignant"
    assert decision["comment"] == "Vu avec la personne.\nÀ garder."
    entry = api.stores.audit.entries(f"{doc_id}/{diploma['id']}")[-1]
    assert entry.after["value"]["label"] == "DE d'aide-soignant"
    assert entry.after["comment"] == "Vu avec la personne.\nÀ garder."

    added = review.add(kind="diploma", code="CAP", label="CAP\u202e cuisine\u200b",
                       comment="\u200f\u200f")
    assert added.status_code == 200, added.text
    (new,) = [d for d in added.json()["decisions"].values() if d["action"] == "add"]
    assert new["value"]["label"] == "CAP cuisine" and new["comment"] is None  # nothing visible


def test_a_label_of_invisible_characters_is_a_missing_label(api: Api) -> None:
    doc_id, draft = _doc(api)
    review = Review(api, doc_id)
    diploma = _field(draft, "diploma", code="DEAS")
    _error(review.decide(diploma["id"], action="edit", edit={"label": "\u202eX\u200b"}), 422,
           "missing_label", "label")
    _error(review.add(kind="diploma", label="\u2066\u2069"), 422, "missing_label", "label")
    assert review.version == 0


def test_an_invisible_character_no_longer_hides_a_sensitive_word(api: Api) -> None:
    doc_id, draft = _doc(api)
    review = Review(api, doc_id)
    diploma = _field(draft, "diploma", code="DEAS")
    _error(review.decide(diploma["id"], action="edit", edit={"label": "Diplôme, ence\u200binte"}),
           422, "sensitive_words", "label")
    check = api.client.post("/api/v1/check-text", headers=api.h("advisor"),
                            json={"text": "elle est ence\u200binte"})
    assert check.status_code == 200 and check.json()["categories"], check.text


def _today():
    return datetime.now(UTC).date()


def test_years_and_dates_out_of_bounds_are_refused_beside_their_input(api: Api) -> None:
    doc_id, draft = _doc(api)
    review = Review(api, doc_id)
    diploma = _field(draft, "diploma", code="DEAS")
    job = _field(draft, "experience", start="2012-09-01")
    next_year = _today().year + 1
    for year in (1800, 1949, next_year + 1, 9999):
        _error(review.decide(diploma["id"], action="edit", edit={"year": year}), 422,
               "year_out_of_range", "year")
    for start in ("1800-01-01", "1949-12-01", f"{next_year + 1}-01-01"):
        _error(review.decide(job["id"], action="edit", edit={"start": start}), 422,
               "date_out_of_range", "start")
    _error(review.decide(job["id"], action="edit", edit={"end": "9999-12-01"}), 422,
           "date_out_of_range", "end")
    _error(review.decide(job["id"], action="edit", edit={"start": "2019-01-01",
                                                         "end": "2018-12-01"}),
           422, "bad_dates", "end")
    _error(review.decide(job["id"], action="edit", edit={"end": "2011-06-01"}), 422,
           "bad_dates", "end")  # before the start the field already has
    _error(review.add(kind="diploma", label="CAP cuisine", year=1800), 422,
           "year_out_of_range", "year")
    _error(review.add(kind="experience", code=job["code"], start="1800-01-01"), 422,
           "date_out_of_range", "start")
    _error(review.add(kind="experience", code=job["code"], start="2015-01-01",
                      end="2014-01-01"), 422, "bad_dates", "end")
    refused = review.decide(diploma["id"], action="edit", edit={"year": 9999})
    message = refused.json()["error"]["message"]
    assert f"1950 et {next_year}" in message["fr"] and f"1950 and {next_year}" in message["en"]
    assert review.version == 0 and not api.stores.audit.entries(f"{doc_id}/{job['id']}")


def test_plausible_years_and_dates_are_accepted(api: Api) -> None:
    doc_id, draft = _doc(api)
    review = Review(api, doc_id)
    diploma = _field(draft, "diploma", code="DEAS")
    job = _field(draft, "experience", start="2012-09-01")
    next_year = _today().year + 1
    assert review.decide(diploma["id"], action="edit", edit={"year": next_year}).status_code \
        == 200  # a diploma being prepared
    assert review.decide(job["id"], action="edit",
                         edit={"start": "1950-01-01", "end": "2012-08-01"}).status_code == 200
    added = review.add(kind="diploma", label="CAP cuisine", year=1950)
    assert added.status_code == 200, added.text
    decisions = added.json()["decisions"]
    assert decisions[diploma["id"]]["value"]["year"] == next_year
    assert (decisions[job["id"]]["value"]["start"], decisions[job["id"]]["value"]["end"]) == (
        "1950-01-01", "2012-08-01")


def _edits(api: Api, doc_id: str, field_id: str) -> list:
    return [e for e in api.stores.audit.entries(f"{doc_id}/{field_id}")
            if e.action == "review.edit"]


def test_an_edit_that_changes_nothing_is_refused_and_not_recorded(api: Api) -> None:
    doc_id, draft = _doc(api)
    review = Review(api, doc_id)
    licence = _field(draft, "licence", code="B")
    diploma = _field(draft, "diploma", code="DEAS")
    job = _field(draft, "experience", start="2012-09-01")
    same = [
        (licence, {"code": "B"}),
        (diploma, {"label": f"  {diploma['label']}\u200b ", "code": "DEAS"}),
        (job, {"start": job["start"], "end": job.get("end")}),
    ]
    for field, edit in same:
        refused = review.decide(field["id"], action="edit", edit=edit, comment="rien")
        _error(refused, 422, "no_change")
        assert "onfirm" in refused.json()["error"]["message"]["en"]  # says what to do instead
    state = api.client.get(f"/api/v1/documents/{doc_id}/review", headers=api.h("advisor"))
    assert state.json()["review"]["decisions"] == {} and review.version == 0
    assert all(not _edits(api, doc_id, field["id"]) for field, _ in same)

    assert review.decide(licence["id"], action="confirm").status_code == 200
    _error(review.decide(licence["id"], action="edit", edit={"code": "B"}), 422, "no_change")
    decisions = api.client.get(f"/api/v1/documents/{doc_id}/review",
                               headers=api.h("advisor")).json()["review"]["decisions"]
    assert decisions[licence["id"]]["action"] == "confirm"


def test_an_edit_builds_on_the_earlier_correction_and_repeating_it_changes_nothing(
        api: Api) -> None:
    doc_id, draft = _doc(api)
    review = Review(api, doc_id)
    language = _field(draft, "language", code="ar")
    assert review.decide(language["id"], action="edit", edit={"code": "ber"}).status_code == 200
    refused = review.decide(language["id"], action="edit", edit={"code": "ber"})
    _error(refused, 422, "no_change")
    assert "earlier correction" in refused.json()["error"]["message"]["en"]
    assert len(_edits(api, doc_id, language["id"])) == 1 and review.version == 1

    levelled = review.decide(language["id"], action="edit", edit={"level": "B2"})
    assert levelled.status_code == 200, levelled.text
    value = levelled.json()["decisions"][language["id"]]["value"]
    assert (value["code"], value["label"], value["level"]) == ("ber", "Berbère", "B2")
    saved = {f["id"]: f for f in review.finalize()["fields"]}
    assert (saved[language["id"]]["code"], saved[language["id"]]["level"]) == ("ber", "B2")

"""The review API behind the review page (issue #17): undo a decision, correct and add every
kind of field, errors that name their input, the review read back with its advisors' names and
the saved profile. On SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections import Counter

from cvparse.service.review.vocab import vocabulary
from tests.api.conftest import Api
from tests.conftest import SAMPLES


def _doc(api: Api, name: str = "aide_soignante.pdf") -> tuple[str, dict]:
    doc_id = api.upload(name=name).json()["id"]
    draft = api.client.get(f"/api/v1/documents/{doc_id}/draft", headers=api.h("advisor"))
    assert draft.status_code == 200, draft.text
    return doc_id, draft.json()


def _field(draft: dict, kind: str, **match) -> dict:
    return next(f for f in draft["draft"]["fields"] if f["kind"] == kind
                and all(f.get(k) == v for k, v in match.items()))


class Review:
    """Decisions in order, each on the version the previous one returned."""

    def __init__(self, api: Api, doc_id: str, version: int = 0, who: str = "advisor") -> None:
        self.api, self.doc_id, self.version, self.who = api, doc_id, version, who

    def decide(self, field_id: str, **body):
        response = self.api.client.post(
            f"/api/v1/documents/{self.doc_id}/fields/{field_id}", headers=self.api.h(self.who),
            json={**body, "version": self.version})
        if response.status_code == 200:
            self.version = response.json()["version"]
        return response

    def add(self, **body):
        response = self.api.client.post(
            f"/api/v1/documents/{self.doc_id}/fields", headers=self.api.h(self.who),
            json={**body, "version": self.version})
        if response.status_code == 200:
            self.version = response.json()["version"]
        return response

    def finalize(self) -> dict:
        response = self.api.client.post(f"/api/v1/documents/{self.doc_id}/finalize",
                                        headers=self.api.h(self.who),
                                        json={"version": self.version})
        assert response.status_code == 201, response.text
        return response.json()


def _error(response, status: int, code: str, field: str | None = None) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code, error
    assert error["message"]["fr"] and error["message"]["en"]
    assert error["message"]["fr"] != error["message"]["en"]  # a French message, not a copy
    assert error.get("field") == field, error


def test_undo_takes_a_field_back_to_undecided_and_is_audited(api: Api) -> None:
    doc_id, draft = _doc(api)
    review = Review(api, doc_id)
    field = draft["draft"]["fields"][0]["id"]
    _error(review.decide(field, action="undo"), 422, "not_decided")
    assert review.decide(field, action="confirm").status_code == 200
    undone = review.decide(field, action="undo")
    assert undone.status_code == 200 and field not in undone.json()["decisions"]
    assert undone.json()["version"] == 2
    entry = [e for e in api.stores.audit.entries(f"{doc_id}/{field}")][-1]
    assert entry.action == "review.undo" and entry.before["action"] == "confirm"
    assert entry.after is None and entry.actor_id == api.ids["advisor"]
    stale = Review(api, doc_id, version=1).decide(field, action="undo")
    _error(stale, 409, "stale_version")
    profile = review.finalize()
    assert field in profile["unreviewed"] and field not in {f["id"] for f in profile["fields"]}


def test_an_added_field_can_be_removed_again(api: Api) -> None:
    doc_id, _ = _doc(api)
    review = Review(api, doc_id)
    added = review.add(kind="licence", code="CACES R489 3")
    assert added.status_code == 200, added.text
    (new_id,) = [k for k, d in added.json()["decisions"].items() if d["action"] == "add"]
    removed = review.decide(new_id, action="undo")
    assert removed.status_code == 200 and new_id not in removed.json()["decisions"]
    assert review.finalize()["fields"] == []


def test_every_kind_can_be_corrected(api: Api) -> None:
    doc_id, draft = _doc(api)
    review = Review(api, doc_id)
    licence = _field(draft, "licence", code="B")
    language = _field(draft, "language", code="ar")
    diploma = _field(draft, "diploma", code="DEAS")
    experience = _field(draft, "experience", start="2012-09-01")

    _error(review.decide(licence["id"], action="edit", edit={"code": "permis b"}), 422,
           "unknown_code", "code")
    assert review.decide(licence["id"], action="edit", edit={"code": "BE"}).status_code == 200
    _error(review.decide(language["id"], action="edit", edit={"level": "D1"}), 422,
           "bad_level", "level")
    assert review.decide(language["id"], action="edit",
                         edit={"code": "ber", "level": "B2"}).status_code == 200
    _error(review.decide(diploma["id"], action="edit", edit={"level": 9}), 422,
           "bad_level", "level")
    _error(review.decide(diploma["id"], action="edit", edit={"label": "Diplôme, enceinte"}),
           422, "sensitive_words", "label")
    assert review.decide(diploma["id"], action="edit",
                         edit={"label": "DE d'aide-soignant", "level": 4,
                               "year": 2013}).status_code == 200
    _error(review.decide(experience["id"], action="edit",
                         edit={"start": "2019-01-01", "end": "2018-12-01"}),
           422, "bad_dates", "end")
    _error(review.decide(experience["id"], action="edit", edit={"year": 2010}), 422,
           "year_not_editable", "year")
    assert review.decide(experience["id"], action="edit",
                         edit={"start": "2012-10-01", "end": None}).status_code == 200

    saved = {f["id"]: f for f in review.finalize()["fields"]}
    assert (saved[licence["id"]]["code"], saved[licence["id"]]["label"]) == (
        "BE", "Permis BE (voiture et remorque lourde)")
    assert (saved[language["id"]]["code"], saved[language["id"]]["level"],
            saved[language["id"]]["label"]) == ("ber", "B2", "Berbère")
    assert (saved[diploma["id"]]["label"], saved[diploma["id"]]["level"],
            saved[diploma["id"]]["year"]) == ("DE d'aide-soignant", 4, 2013)
    assert saved[experience["id"]]["start"] == "2012-10-01"
    assert saved[experience["id"]].get("end") is None  # ongoing now
    assert {f["status"] for f in saved.values()} == {"edited"}


def test_every_kind_can_be_added(api: Api) -> None:
    doc_id, _ = _doc(api)
    review = Review(api, doc_id)
    appellation = api.client.get("/api/v1/referential/search", headers=api.h("advisor"),
                                 params={"q": "auxiliaire de puericulture",
                                         "kind": "appellation"}).json()[0]
    _error(review.add(kind="licence", code="Permis poids lourd"), 422, "unknown_code", "code")
    _error(review.add(kind="licence"), 422, "missing_code", "code")
    _error(review.add(kind="diploma", level=5), 422, "missing_label", "label")
    _error(review.add(kind="experience", code=appellation["code"]), 422, "missing_start",
           "start")
    _error(review.add(kind="language", code="es", level="Z9"), 422, "bad_level", "level")
    _error(review.add(kind="licence", code="B"), 422, "already_proposed", "code")
    _error(review.add(kind="diploma", label="Stage", comment="elle est musulmane"), 422,
           "sensitive_words", "comment")
    for body in [
        {"kind": "licence", "code": "CACES R489 3"},
        {"kind": "language", "code": "es", "level": "A2"},
        {"kind": "language", "code": "de"},
        {"kind": "diploma", "code": "BTS", "label": "BTS Économie sociale familiale",
         "year": 2020},
        {"kind": "experience", "code": appellation["code"], "start": "2008-06-01",
         "end": "2008-08-01"},
    ]:
        response = review.add(**body)
        assert response.status_code == 200, (body, response.text)
    saved = sorted((f["kind"], f.get("code"), f["label"], f.get("level"), f.get("year"),
                    f.get("start"), f.get("months"), f["status"])
                   for f in review.finalize()["fields"])
    assert saved == sorted([
        ("licence", "CACES R489 3", "CACES R489 catégorie 3 (chariots élévateurs)", None, None,
         None, None, "added"),
        ("language", "es", "Espagnol", "A2", None, None, None, "added"),
        ("language", "de", "Allemand", None, None, None, None, "added"),
        ("diploma", "BTS", "BTS Économie sociale familiale", 5, 2020, None, None, "added"),
        ("experience", appellation["code"], appellation["label"], None, None, "2008-06-01", 3,
         "added"),
    ])


def test_the_review_reads_back_with_names_and_the_saved_profile(api: Api) -> None:
    doc_id, draft = _doc(api)
    first, second = (f["id"] for f in draft["draft"]["fields"][:2])
    review = Review(api, doc_id)
    review.decide(first, action="confirm")
    Review(api, doc_id, review.version, who="advisor2").decide(second, action="reject")
    url = f"/api/v1/documents/{doc_id}/review"
    body = api.client.get(url, headers=api.h("advisor")).json()
    assert body["profile"] is None
    assert body["people"] == {api.ids["advisor"]: "advisor", api.ids["advisor2"]: "advisor2"}
    assert body["review"]["decisions"][second]["advisor"] == api.ids["advisor2"]
    review.version += 1
    profile = review.finalize()
    body = api.client.get(url, headers=api.h("seeker")).json()  # the job seeker may read it
    assert body["review"]["finalized"] is True and body["profile"]["id"] == profile["id"]
    assert body["profile"]["rejected"] == [second]
    assert body["people"][body["profile"]["advisor"]] == "advisor"
    statuses = {who: api.client.get(url, headers=api.h(who)).status_code
                for who in ("other_seeker", "stranger_advisor", "ops", "admin")}
    assert statuses == {"other_seeker": 404, "stranger_advisor": 403, "ops": 403, "admin": 403}
    assert not any(e.actor_id == api.ids["admin"] for e in api.stores.audit.entries(doc_id))
    assert "filename" not in body["draft"]["source"] or body["draft"]["source"][
        "filename"] == "aide_soignante.pdf"
    assert "document" not in body  # no uploaded file name (it may carry the person's name)


def test_the_vocabulary_is_for_advisors_and_holds_every_code_the_engine_writes(
    api: Api, pipeline, today
) -> None:
    statuses = {who: api.client.get("/api/v1/review/vocabulary", headers=api.h(who)).status_code
                for who in (None, "seeker", "advisor", "ops", "admin")}
    assert statuses == {None: 401, "seeker": 403, "advisor": 200, "ops": 403, "admin": 200}
    words = vocabulary()
    licences = {c.code for c in words.licences}
    languages = {c.code for c in words.languages}
    assert len(licences) == len(words.licences) and len(languages) == len(words.languages)
    from cvparse.engine.facts.languages import _NAMES

    assert languages == set(_NAMES)  # every language the reader knows, no other
    csv_codes = {row.split(",")[0] for row in (
        SAMPLES.parent / "cvparse/engine/facts/data/licence_items.csv"
    ).read_text(encoding="utf-8").splitlines()[1:]}
    generic = {"HACCP", "H0B0", "AIPR", "Attestation fluides frigorigènes",
               "Certificat de capacité de prélèvements sanguins"}  # not held as such
    assert csv_codes - generic <= licences
    seen: Counter[str] = Counter()
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix in (".pdf", ".docx", ".odt", ".txt") and path.name != "scanned_cv.pdf":
            draft = pipeline.parse(path.read_bytes(), path.name, today=today)
            seen.update(f.code for f in draft.fields if f.kind == "licence")
    assert set(seen) <= licences, set(seen) - licences


def test_first_reads_at_once_open_one_review(api: Api) -> None:
    """The review page asks for the draft, the review and the pages together: the review row
    is opened once, none of them fails."""
    doc_id = api.upload(name="macon.txt").json()["id"]
    paths = ["/draft", "/review", "/pages", "/draft", "/review", "/pages"]
    results: list[int] = []

    def read(path: str) -> None:
        results.append(api.client.get(f"/api/v1/documents/{doc_id}{path}",
                                      headers=api.h("advisor")).status_code)

    threads = [threading.Thread(target=read, args=(p,)) for p in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200] * len(paths)

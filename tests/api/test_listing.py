"""`GET /api/v1/documents`: state filter, search by the job seeker's name, sort, paging and
the total, on SQLite and PostgreSQL; always within what the caller may see."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert

from cvparse.service.store.documents import new_id
from cvparse.service.store.models import DocumentRow
from tests.api.conftest import Api

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def _seed(api: Api, like: str, owner: str, hours: int, status: str = "draft_ready",
          error_code: str | None = None) -> str:
    """A document of `owner` uploaded `hours` after T0, with the content and draft of `like`."""
    source = api.stores.documents.get(like)
    doc_id = new_id()
    with api.stores.engine.begin() as c:
        c.execute(insert(DocumentRow).values(
            id=doc_id, sha256=source.sha256, filename=f"cv_{hours}.pdf", size=source.size,
            owner_id=owner, status=status, attempts=1, error_code=error_code,
            created_at=T0 + timedelta(hours=hours), updated_at=T0,
            draft_id=source.draft_id if status == "draft_ready" else None))
    return doc_id


def _list(api: Api, who: str = "advisor", **params):
    response = api.client.get("/api/v1/documents", headers=api.h(who), params=params)
    assert response.status_code == 200, response.text
    return response.json(), int(response.headers["X-Total-Count"])


@pytest.fixture
def docs(api: Api) -> dict[str, str]:
    real = api.upload().json()["id"]
    helene, _ = api.stores.accounts.create("job_seeker", "Hélène Dupont")
    api.stores.accounts.assign(api.ids["advisor"], helene.id)
    seeker = api.ids["seeker"]
    made = {
        "real": real,
        "helene_1": _seed(api, real, helene.id, 1),
        "helene_2": _seed(api, real, helene.id, 5, status="failed", error_code="timeout"),
        "seeker_old": _seed(api, real, seeker, -48),
        "reading": _seed(api, real, seeker, 2, status="processing"),
        "scan": _seed(api, real, seeker, 3, status="needs_ocr"),
        "in_progress": _seed(api, real, seeker, 4),
        "saved": _seed(api, real, seeker, 6),
        "other": _seed(api, real, api.ids["other_seeker"], 7),  # not followed by "advisor"
    }
    draft = api.client.get(f"/api/v1/documents/{made['in_progress']}/draft",
                           headers=api.h("advisor")).json()
    version, fields = draft["review"]["version"], draft["draft"]["fields"]
    for field in fields[:2]:
        version = api.client.post(
            f"/api/v1/documents/{made['in_progress']}/fields/{field['id']}",
            headers=api.h("advisor"), json={"action": "reject", "version": version},
        ).json()["version"]
    made["fields"] = str(len(fields))
    assert api.client.post(f"/api/v1/documents/{made['saved']}/finalize",
                           headers=api.h("advisor"), json={"version": 0}).status_code == 201
    return made


def test_rows_carry_the_owner_and_the_state(api: Api, docs: dict[str, str]) -> None:
    rows, total = _list(api)
    by_id = {r["id"]: r for r in rows}
    assert total == len(rows) == 8 and docs["other"] not in by_id
    assert by_id[docs["helene_1"]]["owner_name"] == "Hélène Dupont"
    assert {by_id[docs[k]]["state"] for k in ("real", "helene_1", "seeker_old")} == {"to_review"}
    assert by_id[docs["reading"]]["state"] == "processing"
    assert by_id[docs["scan"]]["state"] == by_id[docs["helene_2"]]["state"] == "failed"
    assert by_id[docs["helene_2"]]["error_code"] == "timeout"
    progress = by_id[docs["in_progress"]]
    assert (progress["state"], progress["decided"], progress["fields"]) == (
        "in_progress", 2, int(docs["fields"]))
    saved = by_id[docs["saved"]]
    assert saved["state"] == "saved" and saved["saved_by"] == "advisor"
    assert saved["profile_id"] and saved["saved_at"]
    profile = api.client.get(f"/api/v1/profiles/{saved['profile_id']}",
                             headers=api.h("advisor")).json()
    assert datetime.fromisoformat(saved["saved_at"]) == datetime.fromisoformat(
        profile["finalized_at"])


def test_filter_search_sort_and_page(api: Api, docs: dict[str, str]) -> None:
    ids = lambda rows: [r["id"] for r in rows]  # noqa: E731
    assert {r["id"] for r in _list(api, state="failed")[0]} == {docs["helene_2"], docs["scan"]}
    assert ids(_list(api, state="in_progress")[0]) == [docs["in_progress"]]
    assert ids(_list(api, state="saved")[0]) == [docs["saved"]]
    assert _list(api, state="to_review")[1] == 3

    found, total = _list(api, q="HELENE dup")  # case, accents and word order do not matter
    assert total == 2 and {r["owner_name"] for r in found} == {"Hélène Dupont"}
    assert _list(api, q="dupont helene", state="failed")[1] == 1
    assert _list(api, q="other_seeker") == ([], 0)  # not followed: not found
    assert _list(api, q="zzz") == ([], 0)

    newest = _list(api)[0]
    dates = [r["created_at"] for r in newest]
    assert dates == sorted(dates, reverse=True)  # default: newest first
    oldest = _list(api, sort="date")[0]
    assert ids(oldest) == ids(newest)[::-1] and oldest[0]["id"] == docs["seeker_old"]
    order = ["to_review", "in_progress", "processing", "failed", "saved"]
    by_state = [order.index(r["state"]) for r in _list(api, sort="state")[0]]
    assert by_state == sorted(by_state)
    by_state = [order.index(r["state"]) for r in _list(api, sort="-state")[0]]
    assert by_state == sorted(by_state, reverse=True)

    pages = [_list(api, sort="date", limit=3, offset=o) for o in (0, 3, 6)]
    assert [len(p[0]) for p in pages] == [3, 3, 2] and {p[1] for p in pages} == {8}
    assert [i for p in pages for i in ids(p[0])] == ids(oldest)


def test_each_caller_lists_only_what_they_may_see(api: Api, docs: dict[str, str]) -> None:
    mine, total = _list(api, "seeker")
    assert total == 6 and {r["owner_name"] for r in mine} == {"seeker"}
    assert _list(api, "seeker", q="Hélène") == ([], 0)  # a job seeker finds only themself
    assert _list(api, "other_seeker")[1] == 1
    assert _list(api, "stranger_advisor")[1] == 1  # follows other_seeker only
    refused = api.client.get("/api/v1/documents", headers=api.h("admin"))
    assert refused.status_code == 403  # administrators manage accounts, not CVs


@pytest.mark.parametrize("params", [{"state": "lost"}, {"sort": "name"}, {"limit": 0},
                                    {"limit": 501}, {"offset": -1}, {"q": "x" * 101},
                                    {"offset": 309475997061201664}])
def test_bad_parameters_are_refused(api: Api, params: dict) -> None:
    response = api.client.get("/api/v1/documents", headers=api.h("advisor"), params=params)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_a_page_number_past_any_list_is_the_last_page_not_an_error(api: Api) -> None:
    """Found by schemathesis: an offset past SQLite's integers was a 500."""
    from datetime import timedelta

    cookie, _ = api.stores.sessions.start(api.ids["advisor"], "password", timedelta(hours=1))
    api.client.cookies.set("cvparse_session", cookie)
    response = api.client.get("/advisor", params={"page": str(10**18)})
    api.client.cookies.clear()
    assert response.status_code == 200

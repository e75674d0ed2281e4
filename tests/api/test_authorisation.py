"""Every endpoint × every role, including another job seeker's document and an advisor who
does not follow this job seeker. Ops run batches and admins manage accounts: neither reads CV
content, except under a break-glass grant ("admin_bg" holds one on the world's document)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from tests.api.conftest import Api
from tests.conftest import SAMPLES

ROLES = ["anonymous", "seeker", "other_seeker", "advisor", "stranger_advisor", "ops", "admin",
         "admin_bg"]
# Expected status per endpoint, in the order of ROLES. "seeker" owns the documents; "advisor"
# follows "seeker"; "stranger_advisor" follows "other_seeker" only. Another job seeker's
# document is 404 for a job seeker (as if it did not exist), 403 for other roles.
MATRIX = {
    "upload":        [401, 202, 202, 403, 403, 403, 403, 403],
    "list":          [401, 200, 200, 200, 200, 403, 403, 403],
    "status":        [401, 200, 404, 200, 403, 403, 403, 200],
    "draft":         [401, 200, 404, 200, 403, 403, 403, 200],
    "decide":        [401, 403, 403, 200, 403, 403, 403, 403],
    "add":           [401, 403, 403, 200, 403, 403, 403, 403],
    "text":          [401, 200, 404, 200, 403, 403, 403, 200],
    "finalize":      [401, 403, 403, 201, 403, 403, 403, 403],
    "profile":       [401, 200, 404, 200, 403, 403, 403, 403],
    "search":        [401, 403, 403, 200, 200, 403, 200, 200],
    "reprocess":     [401, 403, 403, 403, 403, 202, 202, 202],
    "feedback":      [401, 403, 403, 403, 403, 200, 200, 200],
    "create_user":   [401, 403, 403, 403, 403, 403, 201, 201],
    "list_users":    [401, 403, 403, 403, 403, 403, 200, 200],
    "read_user":     [401, 403, 403, 403, 403, 403, 200, 200],
    "deactivate":    [401, 403, 403, 403, 403, 403, 200, 200],
    "activate":      [401, 403, 403, 403, 403, 403, 200, 200],
    "reset_link":    [401, 403, 403, 403, 403, 403, 201, 201],
    "list_tokens":   [401, 403, 403, 403, 403, 403, 200, 200],
    "issue_token":   [401, 403, 403, 403, 403, 403, 201, 201],
    "rotate_token":  [401, 403, 403, 403, 403, 403, 201, 201],
    "revoke_token":  [401, 403, 403, 403, 403, 403, 204, 204],
    "assign":        [401, 403, 403, 403, 403, 403, 204, 204],
    "unassign":      [401, 403, 403, 403, 403, 403, 204, 204],
    "break_glass":   [401, 403, 403, 403, 403, 201, 201, 201],
    "grants":        [401, 403, 403, 403, 403, 200, 200, 200],
    "audit":         [401, 403, 403, 403, 403, 403, 200, 200],
    "me":            [401, 200, 200, 200, 200, 200, 200, 200],
    "check_text":    [401, 403, 403, 200, 200, 403, 200, 200],
    "erase":         [401, 403, 403, 403, 403, 403, 200, 200],
    "delete":        [401, 200, 404, 403, 403, 403, 403, 403],
    "replace":       [401, 202, 404, 403, 403, 403, 403, 403],
}
# The profile belongs to another document than the grant's: the grant opens that one only.


@pytest.fixture
def world(api: Api) -> dict[str, str]:
    doc = api.upload().json()["id"]
    to_finalize = api.upload(name="macon.txt").json()["id"]
    saved = api.upload(name="infirmier.docx").json()["id"]
    profile = api.client.post(f"/api/v1/documents/{saved}/finalize", headers=api.h("advisor"),
                              json={"version": 0})
    assert profile.status_code == 201, profile.text
    draft = api.client.get(f"/api/v1/documents/{doc}/draft", headers=api.h("advisor")).json()
    field = draft["draft"]["fields"][0]["id"]
    found = api.client.get("/api/v1/referential/search", headers=api.h("advisor"),
                           params={"q": "soudure", "kind": "competence"}).json()
    leaving, _ = api.stores.accounts.create("job_seeker", "leaving")
    admin_bg, api.tokens["admin_bg"] = api.stores.accounts.create("admin", "admin_bg")
    api.ids["admin_bg"] = admin_bg.id
    grant = api.client.post("/api/v1/break-glass", headers=api.h("admin_bg"), json={
        "document_id": doc, "reason": "incident INC-0042: the job seeker's request"})
    assert grant.status_code == 201, grant.text
    return {"doc": doc, "to_finalize": to_finalize, "profile": profile.json()["id"],
            "field": field, "new_code": found[0]["code"], "leaving": leaving.id}


def _call(api: Api, endpoint: str, who: str | None, w: dict[str, str]):
    c, h = api.client, api.h(who)
    version = lambda doc: c.get(  # noqa: E731 - the current review version, read as advisor
        f"/api/v1/documents/{doc}/draft", headers=api.h("advisor")).json()["review"]["version"]
    target = lambda: api.stores.accounts.create(  # noqa: E731 - a fresh account each call
        "job_seeker", "target")[0].id
    match endpoint:
        case "upload":
            return api.upload(who) if who else c.post("/api/v1/documents",
                                                      files={"file": ("cv.txt", b"x")})
        case "list":
            return c.get("/api/v1/documents", headers=h)
        case "status":
            return c.get(f"/api/v1/documents/{w['doc']}", headers=h)
        case "draft":
            return c.get(f"/api/v1/documents/{w['doc']}/draft", headers=h)
        case "decide":
            return c.post(f"/api/v1/documents/{w['doc']}/fields/{w['field']}", headers=h,
                          json={"action": "confirm", "version": version(w["doc"])})
        case "add":
            return c.post(f"/api/v1/documents/{w['doc']}/fields", headers=h,
                          json={"kind": "competence", "code": w["new_code"],
                                "version": version(w["doc"])})
        case "text":
            return c.get(f"/api/v1/documents/{w['doc']}/text", headers=h)
        case "finalize":
            return c.post(f"/api/v1/documents/{w['to_finalize']}/finalize", headers=h,
                          json={"version": version(w["to_finalize"])})
        case "profile":
            return c.get(f"/api/v1/profiles/{w['profile']}", headers=h)
        case "search":
            return c.get("/api/v1/referential/search", params={"q": "soud"}, headers=h)
        case "reprocess":
            return c.post("/api/v1/ops/reprocess", headers=h, json={"document_ids": [w["doc"]]})
        case "feedback":
            return c.get("/api/v1/ops/feedback", headers=h)
        case "create_user":
            return c.post("/api/v1/users", headers=h,
                          json={"role": "job_seeker", "display_name": "Nouvelle"})
        case "list_users":
            return c.get("/api/v1/users", headers=h)
        case "read_user":
            return c.get(f"/api/v1/users/{api.ids['seeker']}", headers=h)
        case "deactivate":
            return c.post(f"/api/v1/users/{target()}/deactivate", headers=h)
        case "activate":
            return c.post(f"/api/v1/users/{target()}/activate", headers=h)
        case "reset_link":
            person, _ = api.stores.accounts.create("advisor", "Reset",
                                                   login=uuid.uuid4().hex[:12])
            return c.post(f"/api/v1/users/{person.id}/reset-link", headers=h)
        case "list_tokens":
            return c.get(f"/api/v1/users/{api.ids['seeker']}/tokens", headers=h)
        case "issue_token":
            return c.post(f"/api/v1/users/{target()}/tokens", headers=h, json={"label": "x"})
        case "rotate_token":
            token = api.stores.tokens.issue(target(), "x")[0].id
            return c.post(f"/api/v1/tokens/{token}/rotate", headers=h)
        case "revoke_token":
            token = api.stores.tokens.issue(target(), "x")[0].id
            return c.delete(f"/api/v1/tokens/{token}", headers=h)
        case "unassign":
            api.stores.accounts.assign(api.ids["advisor2"], api.ids["other_seeker"])
            return c.delete(f"/api/v1/assignments/{api.ids['advisor2']}/"
                            f"{api.ids['other_seeker']}", headers=h)
        case "break_glass":
            return c.post("/api/v1/break-glass", headers=h, json={
                "document_id": w["to_finalize"], "reason": "incident INC-0043 on this file"})
        case "grants":
            return c.get("/api/v1/break-glass", headers=h)
        case "assign":
            return c.post("/api/v1/assignments", headers=h,
                          json={"advisor_id": api.ids["advisor2"],
                                "job_seeker_id": api.ids["other_seeker"]})
        case "audit":
            return c.get("/api/v1/audit", headers=h)
        case "me":
            return c.get("/api/v1/me", headers=h)
        case "check_text":
            return c.post("/api/v1/check-text", headers=h, json={"text": "soudure"})
        case "erase":
            return c.post(f"/api/v1/users/{w['leaving']}/erase", headers=h)
        case "delete":  # each call on a fresh CV of "seeker": the owner's call erases it
            return c.delete(f"/api/v1/documents/{api.upload().json()['id']}", headers=h)
        case "replace":
            fresh = api.upload().json()["id"]
            return c.post(f"/api/v1/documents/{fresh}/replace", headers=h,
                          files={"file": ("macon.txt", (SAMPLES / "macon.txt").read_bytes())})
    raise AssertionError(endpoint)


def test_authorisation_matrix(api: Api, world: dict[str, str]) -> None:
    mismatches = []
    for endpoint, expected in MATRIX.items():
        for role, status in zip(ROLES, expected, strict=True):
            who = None if role == "anonymous" else role
            response = _call(api, endpoint, who, world)
            if response.status_code != status:
                mismatches.append((endpoint, role, status, response.status_code, response.text))
            elif status >= 400:
                error = response.json()["error"]
                expected_code = {401: "unauthenticated", 403: "forbidden", 404: "not_found"}
                assert error["code"] == expected_code[status], (endpoint, role)
                assert error["message"]["fr"] and error["message"]["en"]
    assert not mismatches, "\n".join(map(str, mismatches))


def test_lists_hold_only_what_the_caller_may_see(api: Api, world: dict[str, str]) -> None:
    def ids(who: str) -> set[str]:
        return {d["id"] for d in api.client.get("/api/v1/documents", headers=api.h(who)).json()}

    assert world["doc"] in ids("seeker") and world["doc"] in ids("advisor")
    assert world["doc"] not in ids("other_seeker")
    assert world["doc"] not in ids("stranger_advisor")


def test_bad_tokens_are_refused(api: Api) -> None:
    for token in ["", "garbage", "cvp_nope_nope", api.tokens["seeker"][:-2] + "xx"]:
        response = api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthenticated"


def test_tokens_are_hashed_at_rest(api: Api) -> None:
    from sqlalchemy import text

    with api.stores.engine.connect() as connection:
        hashes = connection.execute(text("SELECT secret_hash FROM api_tokens")).scalars().all()
    assert hashes and all(h.startswith("sha256$") and len(h) == 71 for h in hashes)
    assert not any(token.split("_", 2)[2] in h for token in api.tokens.values() for h in hashes)


def test_a_session_cookie_cannot_change_anything_without_the_pages_header(
    api: Api, world: dict[str, str]
) -> None:
    """CSRF: another site's form can send the cookie, not a custom header; and a request
    announcing another origin is refused even with the header."""
    cookie, _ = api.stores.sessions.start(api.ids["advisor"], "password", timedelta(hours=1))
    api.client.cookies.set("cvparse_session", cookie)
    url = f"/api/v1/documents/{world['doc']}/fields/{world['field']}"
    refused = api.client.post(url, json={"action": "reject", "version": 0})
    assert refused.status_code == 403
    other_site = api.client.post(url, json={"action": "reject", "version": 0},
                                 headers={"X-Requested-With": "cvparse",
                                          "Origin": "https://evil.example"})
    assert other_site.status_code == 403
    allowed = api.client.post(url, json={"action": "reject", "version": 0},
                              headers={"X-Requested-With": "cvparse",
                                       "Origin": "http://testserver"})
    assert allowed.status_code == 200
    api.client.cookies.clear()

"""The life of an access (issue #18): each attack that once worked now fails — reuse a cookie
after signing out, a token after its revocation, an account after its deactivation, an
advisor's access after the unassignment; sign someone in or out from another site. Sessions
end when idle, at their lifetime, on a password change; reset links work once."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from cvparse.service.store.models import BreakGlassRow, PasswordResetRow, SessionRow, utcnow
from tests.api.conftest import Api

PASSWORD = "une phrase assez longue pour passer"
SESSION = "cvparse_session"


def _person(api: Api, role: str = "advisor", login: str = "marie.dupont@agence.test") -> str:
    user, _ = api.stores.accounts.create(role, "Marie Dupont", login=login, password=PASSWORD,
                                         token=False)
    if role == "advisor":
        api.stores.accounts.assign(user.id, api.ids["seeker"])
    return user.id


def _hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no hidden field {name}"
    return found.group(1)


def _sign_in(api: Api, login: str = "marie.dupont@agence.test", password: str = PASSWORD,
             **headers: str):
    form = api.client.get("/login")
    assert form.status_code == 200
    return api.client.post("/login", data={"login": login, "password": password,
                                           "csrf": _hidden(form.text, "csrf"), "next": "/"},
                           headers=headers, follow_redirects=False)


def test_signing_in_sets_a_server_side_session_cookie(api: Api) -> None:
    person = _person(api)
    response = _sign_in(api, "  Marie.Dupont@Agence.test ")  # logins ignore case and spaces
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION}=") and "HttpOnly" in cookie
    assert "SameSite=lax" in cookie and "Max-Age=28800" in cookie
    secret = api.client.cookies[SESSION]
    with api.stores.engine.connect() as c:  # stored hashed, never in clear
        stored = c.execute(SessionRow.__table__.select()).all()
    assert len(stored) == 1 and secret not in stored[0].id_hash
    assert api.client.get("/api/v1/me").json()["id"] == person
    assert "marie.dupont" not in api.client.get("/api/v1/me").text  # the login is not shown


def test_a_wrong_password_or_unknown_login_is_refused_alike(api: Api) -> None:
    _person(api)
    wrong = _sign_in(api, password="pas le bon mot de passe")
    unknown = _sign_in(api, login="personne@agence.test")
    assert wrong.status_code == unknown.status_code == 401
    assert "Identifiant ou mot de passe incorrect" in wrong.text
    assert SESSION not in api.client.cookies


def test_after_sign_out_the_same_cookie_opens_nothing(api: Api) -> None:
    _person(api)
    _sign_in(api)
    kept = api.client.cookies[SESSION]
    home = api.client.get("/advisor")
    out = api.client.post("/logout", data={"csrf": _hidden(home.text, "csrf")},
                          follow_redirects=False)
    assert out.status_code == 303
    api.client.cookies.set(SESSION, kept)  # the attacker kept a copy of the cookie
    assert api.client.get("/api/v1/me").status_code == 401
    page = api.client.get("/upload", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")


def test_login_and_logout_from_another_site_are_refused(api: Api) -> None:
    _person(api)
    form = api.client.get("/login")
    token = _hidden(form.text, "csrf")
    # Another site's auto-submitted form: it cannot read our token, and its Origin is its own.
    forged = api.client.post("/login", data={"login": "marie.dupont@agence.test",
                                             "password": PASSWORD, "csrf": "guess"},
                             follow_redirects=False)
    assert forged.status_code == 403 and SESSION not in api.client.cookies
    cross = api.client.post("/login", data={"login": "marie.dupont@agence.test",
                                            "password": PASSWORD, "csrf": token},
                            headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert cross.status_code == 403 and SESSION not in api.client.cookies
    assert _sign_in(api, Origin="http://testserver").status_code == 303
    # Signing the victim out from elsewhere fails too: no token, or a foreign origin.
    assert api.client.post("/logout", follow_redirects=False).status_code == 403
    page = api.client.get("/advisor")
    foreign = api.client.post("/logout", data={"csrf": _hidden(page.text, "csrf")},
                              headers={"Referer": "https://evil.example/page"},
                              follow_redirects=False)
    assert foreign.status_code == 403
    assert api.client.get("/api/v1/me").status_code == 200  # still signed in


def test_a_session_ends_when_idle_and_at_its_lifetime(api: Api) -> None:
    _person(api)
    _sign_in(api)
    assert api.client.get("/api/v1/me").status_code == 200
    with api.stores.engine.begin() as c:
        c.execute(update(SessionRow).values(last_seen_at=utcnow() - timedelta(minutes=31)))
    assert api.client.get("/api/v1/me").status_code == 401  # idle for more than 30 minutes
    _sign_in(api)
    with api.stores.engine.begin() as c:  # active all along, but signed in 8 hours ago
        c.execute(update(SessionRow).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert api.client.get("/api/v1/me").status_code == 401
    with api.stores.engine.connect() as c:
        assert c.execute(SessionRow.__table__.select()).all() == []  # expired rows go away


def test_revoked_and_rotated_tokens_stop_working_at_once(api: Api) -> None:
    headers = api.h("advisor")
    assert api.client.get("/api/v1/me", headers=headers).status_code == 200
    tokens = api.client.get(f"/api/v1/users/{api.ids['advisor']}/tokens",
                            headers=api.h("admin")).json()
    assert len(tokens) == 1 and "secret" not in tokens[0] and "hash" not in str(tokens[0])
    rotated = api.client.post(f"/api/v1/tokens/{tokens[0]['id']}/rotate",
                              headers=api.h("admin"))
    assert rotated.status_code == 201
    assert api.client.get("/api/v1/me", headers=headers).status_code == 401
    fresh = {"Authorization": f"Bearer {rotated.json()['secret']}"}
    assert api.client.get("/api/v1/me", headers=fresh).status_code == 200
    revoked = api.client.delete(f"/api/v1/tokens/{rotated.json()['token']['id']}",
                                headers=api.h("admin"))
    assert revoked.status_code == 204
    assert api.client.get("/api/v1/me", headers=fresh).status_code == 401
    again = api.client.delete(f"/api/v1/tokens/{rotated.json()['token']['id']}",
                              headers=api.h("admin"))
    assert again.status_code == 404 and again.json()["error"]["code"] == "unknown_token"
    actions = [e.action for e in api.stores.audit.entries(api.ids["advisor"])]
    assert "token.rotate" in actions and "token.revoke" in actions


def test_deactivation_ends_sessions_and_tokens_at_once(api: Api) -> None:
    person = _person(api)
    token = api.client.post(f"/api/v1/users/{person}/tokens", headers=api.h("admin"),
                            json={"label": "script"}).json()["secret"]
    _sign_in(api)
    assert api.client.get("/api/v1/me").status_code == 200
    ended = api.client.post(f"/api/v1/users/{person}/deactivate", headers=api.h("admin"))
    assert ended.json() == {"sessions": 1, "tokens": 1, "grants": 0}
    assert api.client.get("/api/v1/me").status_code == 401
    api.client.cookies.clear()
    assert api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}
                          ).status_code == 401
    assert _sign_in(api).status_code == 401  # nor can they sign in again
    api.client.post(f"/api/v1/users/{person}/activate", headers=api.h("admin"))
    assert _sign_in(api).status_code == 303
    assert api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}
                          ).status_code == 401  # old tokens stay revoked
    actions = [e.action for e in api.stores.audit.entries(person)]
    assert "user.deactivate" in actions and "user.activate" in actions
    own = api.client.post(f"/api/v1/users/{api.ids['admin']}/deactivate",
                          headers=api.h("admin"))
    assert own.status_code == 422


def test_unassignment_ends_the_advisors_access_at_once(api: Api) -> None:
    doc = api.upload().json()["id"]
    url = f"/api/v1/documents/{doc}/draft"
    assert api.client.get(url, headers=api.h("advisor")).status_code == 200
    response = api.client.delete(f"/api/v1/assignments/{api.ids['advisor']}/{api.ids['seeker']}",
                                 headers=api.h("admin"))
    assert response.status_code == 204
    assert api.client.get(url, headers=api.h("advisor")).status_code == 403
    assert doc not in {d["id"] for d in api.client.get("/api/v1/documents",
                                                       headers=api.h("advisor")).json()}
    assert any(e.action == "assignment.delete" for e in api.stores.audit.entries(
        api.ids["seeker"]))
    twice = api.client.delete(f"/api/v1/assignments/{api.ids['advisor']}/{api.ids['seeker']}",
                              headers=api.h("admin"))
    assert twice.status_code == 404


def test_a_password_change_ends_every_session(api: Api) -> None:
    person = _person(api)
    _sign_in(api)
    other = api.stores.sessions.start(person, "password", timedelta(hours=1))[0]  # a 2nd browser
    page = api.client.get("/account")
    new = "un tout autre mot de passe"
    refused = api.client.post("/account", data={
        "current": "faux mot de passe !!", "password": new, "confirm": new,
        "csrf": _hidden(page.text, "csrf")})
    assert refused.status_code == 422 and "actuel est incorrect" in refused.text
    changed = api.client.post("/account", data={
        "current": PASSWORD, "password": new, "confirm": new,
        "csrf": _hidden(page.text, "csrf")}, follow_redirects=False)
    assert changed.status_code == 303 and changed.headers["location"] == "/login?done=changed"
    assert api.stores.sessions.get(other, timedelta(hours=1)) is None
    assert api.stores.sessions.count(person) == 0
    assert _sign_in(api).status_code == 401
    assert _sign_in(api, password=new).status_code == 303


def test_a_reset_link_works_once_and_in_time(api: Api) -> None:
    person = _person(api)
    link = api.client.post(f"/api/v1/users/{person}/reset-link", headers=api.h("admin"))
    assert link.status_code == 201
    path = "/reset/" + link.json()["url"].rsplit("/reset/", 1)[1]
    assert api.client.get(path).status_code == 200
    weak = api.client.post(path, data={"password": "motdepasse2024", "confirm":
                                       "motdepasse2024"})
    assert weak.status_code == 422 and "trop courant" in weak.text
    assert api.client.get(path).status_code == 200  # a refused password leaves it valid
    new = "le vent se lève il faut tenter de vivre"
    done = api.client.post(path, data={"password": new, "confirm": new},
                           follow_redirects=False)
    assert done.status_code == 303
    assert api.client.get(path).status_code == 410  # used up
    assert api.client.post(path, data={"password": new, "confirm": new}).status_code == 410
    assert _sign_in(api, password=new).status_code == 303
    late = api.client.post(f"/api/v1/users/{person}/reset-link", headers=api.h("admin")).json()
    with api.stores.engine.begin() as c:
        c.execute(update(PasswordResetRow).values(expires_at=utcnow() - timedelta(minutes=1)))
    assert api.client.get("/reset/" + late["url"].rsplit("/reset/", 1)[1]).status_code == 410
    assert "user.reset_link" in [e.action for e in api.stores.audit.entries(person)]


@pytest.mark.parametrize("password, code", [
    ("court", "password_too_short"),
    ("x" * 129, "password_too_long"),
    ("azertyuiop123!", "password_common"),
    ("aaaaaaaaaaaaaaaa", "password_common"),
    ("marie.dupont@agence.test 2026", "password_personal"),
])
def test_the_password_policy_says_what_is_wrong(api: Api, password: str, code: str) -> None:
    response = api.client.post("/api/v1/users", headers=api.h("admin"), json={
        "role": "advisor", "display_name": "Marie Dupont",
        "login": "marie.dupont@agence.test", "password": password})
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message"]["fr"] and error["message"]["en"]
    assert password not in response.text


def test_break_glass_is_reasoned_time_limited_and_audited(api: Api) -> None:
    doc = api.upload().json()["id"]
    text = f"/api/v1/documents/{doc}/text"
    assert api.client.get(text, headers=api.h("admin")).status_code == 403
    short = api.client.post("/api/v1/break-glass", headers=api.h("admin"),
                            json={"document_id": doc, "reason": "because"})
    assert short.status_code == 422 and short.json()["error"]["code"] == "reason_required"
    grant = api.client.post("/api/v1/break-glass", headers=api.h("admin"), json={
        "document_id": doc, "reason": "ticket INC-1234, requested by the person",
        "minutes": 999}).json()
    assert api.client.get(text, headers=api.h("admin")).status_code == 200
    assert api.client.get(text, headers=api.h("ops")).status_code == 403  # the admin's only
    entries = api.stores.audit.entries(doc)
    opened = next(e for e in entries if e.action == "break_glass.open")
    assert opened.after["minutes"] == 60 and "INC-1234" in opened.after["reason"]
    assert any(e.action == "break_glass.read" and e.actor_id == api.ids["admin"]
               for e in entries)
    review = api.client.post(f"/api/v1/documents/{doc}/finalize", headers=api.h("admin"),
                             json={"version": 0})
    assert review.status_code == 403  # reading, never deciding
    with api.stores.engine.begin() as c:
        c.execute(update(BreakGlassRow).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert api.client.get(text, headers=api.h("admin")).status_code == 403
    assert grant["id"]


@pytest.mark.parametrize("role, landing", [("ops", "/ops/feedback"), ("admin", "/admin"),
                                           ("advisor", "/advisor")])
def test_each_role_lands_on_its_own_page(api: Api, role: str, landing: str) -> None:
    _person(api, role, login=f"{role}@agence.test")
    assert _sign_in(api, login=f"{role}@agence.test").status_code == 303
    home = api.client.get("/", follow_redirects=False)
    assert home.status_code == 303 and home.headers["location"] == landing
    assert api.client.get(landing).status_code == 200

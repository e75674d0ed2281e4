"""Signing in with OpenID Connect, end to end: a live cvparse (uvicorn) and the test provider
(`tests/oidc_provider.py`, its own process on 127.0.0.1), the browser's part played by httpx
with its cookies, and once by Chromium clicking the button on the login page.

A job seeker from the identity service and an advisor from the agency's groups sign in and
their session works on the API; every way the provider's answer can be wrong (issuer,
audience, signature, key, nonce, expiry, tampering, algorithm) is refused without a session;
so are a replayed or forged callback, an identity without a mapped group and a deactivated
account."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from cvparse.service import access
from cvparse.service.store.models import SessionRow
from tests.live import LiveServer

ROOT = Path(__file__).resolve().parents[2]
SESSION = "cvparse_session"
FLOW = "cvparse_oidc"
NADIA = {"sub": "248289761001", "name": "Nadia Belkacem", "email": "nadia.b@example.org",
         "given_name": "Nadia", "family_name": "Belkacem"}
MARIE = {"sub": "f1c3-77", "name": "Marie Dupont", "groups": ["staff", "cvparse-advisors"]}


@pytest.fixture(scope="module")
def provider_url() -> Iterator[str]:
    """The test provider, started for this module and stopped after it (by its own pid)."""
    process = subprocess.Popen([sys.executable, "-m", "tests.oidc_provider", "--port", "0"],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        line = process.stdout.readline()  # "listening on PORT", once the socket is bound
        assert line.startswith("listening on "), f"provider did not start: {line!r}"
        yield f"http://127.0.0.1:{int(line.split()[-1])}"
    finally:
        process.terminate()
        process.wait(10)


@dataclass
class Tenant:
    """One provider inside the test process (its own issuer, client, user, misbehaviour)."""

    base: str
    name: str
    client_id: str
    secret: str

    @property
    def issuer(self) -> str:
        return f"{self.base}/{self.name}"

    def control(self, **change) -> None:
        response = httpx.post(f"{self.issuer}/control", json=change, timeout=10)
        assert response.status_code == 200, response.text


@dataclass
class Site:
    live: LiveServer
    seekers: Tenant  # the job seekers' identity service: everyone is a job seeker
    staff: Tenant    # the agency's SSO: the role comes from the "groups" claim

    def users_from(self, tenant: Tenant) -> list:
        return [a for a in self.live.stores.accounts.accounts(limit=1000)
                if a.oidc_issuer == tenant.issuer]

    def sessions(self) -> int:
        with self.live.stores.engine.connect() as c:
            return len(c.execute(SessionRow.__table__.select()).all())


def _site(root: Path, provider_url: str) -> Site:
    tag = uuid.uuid4().hex[:8]
    seekers = Tenant(provider_url, f"seekers-{tag}", "cvparse", "seekers-secret-" + tag)
    staff = Tenant(provider_url, f"staff-{tag}", "cvparse-staff", "staff-secret-" + tag)
    live = LiveServer(root, oidc_providers=[
        {"name": "emploi", "label": {"fr": "Mon identité emploi", "en": "My job identity"},
         "issuer": seekers.issuer, "client_id": seekers.client_id,
         "client_secret": seekers.secret, "role": "job_seeker"},
        {"name": "agence", "label": "SSO agence", "issuer": staff.issuer,
         "client_id": staff.client_id, "client_secret": staff.secret,
         "scopes": "openid profile groups", "role_claim": "groups",
         "role_values": {"cvparse-advisors": "advisor", "cvparse-admins": "admin"}},
    ])
    for tenant, name, user in ((seekers, "emploi", NADIA), (staff, "agence", MARIE)):
        tenant.control(user=user, misbehave=None, clients={tenant.client_id: {
            "secret": tenant.secret,
            "redirect_uris": [f"{live.url}/auth/oidc/{name}/callback"]}})
    return Site(live, seekers, staff)


@pytest.fixture
def site(tmp_path: Path, provider_url: str) -> Iterator[Site]:
    built = _site(tmp_path, provider_url)
    yield built
    built.live.stop()


@pytest.fixture(scope="module")
def shared_site(tmp_path_factory, provider_url: str) -> Iterator[Site]:
    """One server for the misbehaviour cases (each resets the provider before it runs)."""
    built = _site(tmp_path_factory.mktemp("oidc"), provider_url)
    yield built
    built.live.stop()


def _browser() -> httpx.Client:
    return httpx.Client(timeout=20)


def _to_callback(client: httpx.Client, site: Site, provider: str = "emploi",
                 next: str = "/") -> tuple[httpx.Response, str]:
    """The sign-in up to the provider's redirect back: (our first answer, callback URL)."""
    start = client.get(f"{site.live.url}/login/oidc/{provider}", params={"next": next})
    assert start.status_code == 303, start.text
    authorize = client.get(start.headers["location"])
    assert authorize.status_code == 302, authorize.text
    return start, authorize.headers["location"]


def _sign_in(site: Site, provider: str = "emploi", next: str = "/"
             ) -> tuple[httpx.Client, httpx.Response]:
    client = _browser()
    _, callback = _to_callback(client, site, provider, next)
    return client, client.get(callback)


def _refused(response: httpx.Response, status: int, reason: str) -> None:
    assert response.status_code == status, response.text
    assert 'id="oidc-refused"' in response.text and f"<code>{reason}</code>" in response.text
    assert SESSION not in response.headers.get("set-cookie", "")


def test_a_job_seeker_signs_in_and_is_created_with_only_what_is_needed(site: Site) -> None:
    client = _browser()
    start, callback = _to_callback(client, site)
    # The way out: code flow, PKCE S256, a state and a nonce, our callback; no secret.
    sent = parse_qs(urlsplit(start.headers["location"]).query)
    assert sent["response_type"] == ["code"] and sent["code_challenge_method"] == ["S256"]
    assert len(sent["state"][0]) >= 20 and len(sent["nonce"][0]) >= 20
    assert len(sent["code_challenge"][0]) == 43 and sent["scope"] == ["openid profile"]
    assert sent["redirect_uri"] == [f"{site.live.url}/auth/oidc/emploi/callback"]
    assert sent["ui_locales"] == ["fr"]  # the provider's pages in the same language
    assert site.seekers.secret not in start.headers["location"]
    flow_cookie = start.headers["set-cookie"]
    assert flow_cookie.startswith(f"{FLOW}=") and "HttpOnly" in flow_cookie
    assert "SameSite=lax" in flow_cookie and "Path=/auth/oidc/emploi/callback" in flow_cookie
    assert "Max-Age=600" in flow_cookie

    back = client.get(callback)
    assert back.status_code == 303 and back.headers["location"] == "/"
    assert f"{SESSION}=" in back.headers["set-cookie"] and "HttpOnly" in back.headers["set-cookie"]
    assert f'{FLOW}=""' in back.headers["set-cookie"]  # the attempt is used up
    me = client.get(f"{site.live.url}/api/v1/me").json()
    assert (me["role"], me["display_name"]) == ("job_seeker", "Nadia Belkacem")
    assert client.get(f"{site.live.url}/", follow_redirects=True).url.path == "/upload"

    [account] = site.users_from(site.seekers)
    assert account.id == me["id"] and account.login is None and not account.has_password
    with site.live.stores.engine.connect() as c:
        stored = repr([c.exec_driver_sql(f"SELECT * FROM {t}").all()
                       for t in ("users", "audit_log", "sessions")])
    assert NADIA["email"] not in stored  # minimisation: the e-mail is not kept
    actions = [(e.action, e.after) for e in site.live.stores.audit.entries(me["id"])]
    assert ("user.create", {"role": "job_seeker", "by": "oidc", "provider": "emploi"}) in actions
    assert ("session.start", {"method": "oidc"}) in actions

    again, response = _sign_in(site)  # the same person later: the same account
    assert response.status_code == 303
    assert again.get(f"{site.live.url}/api/v1/me").json()["id"] == me["id"]
    assert len(site.users_from(site.seekers)) == 1


def test_an_advisor_gets_the_role_from_the_agency_groups(site: Site) -> None:
    client, response = _sign_in(site, "agence", next="/advisor")
    assert response.status_code == 303 and response.headers["location"] == "/advisor"
    me = client.get(f"{site.live.url}/api/v1/me").json()
    assert (me["role"], me["display_name"]) == ("advisor", "Marie Dupont")
    page = client.get(f"{site.live.url}/advisor")
    assert page.status_code == 200 and "Marie Dupont" in page.text


def test_without_a_mapped_group_nobody_is_created_or_signed_in(site: Site) -> None:
    site.staff.control(user={"sub": "intern-9", "name": "Stagiaire", "groups": ["staff"]})
    client, response = _sign_in(site, "agence")
    _refused(response, 403, "no_role")
    assert "ne donne pas accès" in response.text
    assert site.users_from(site.staff) == [] and site.sessions() == 0
    assert client.get(f"{site.live.url}/api/v1/me").status_code == 401
    refused = [e for e in site.live.stores.audit.entries("agence") if e.action == "oidc.refused"]
    assert refused[0].after == {"reason": "no_role", "provider": "agence"}


def test_groups_giving_two_roles_are_refused(site: Site) -> None:
    site.staff.control(user={**MARIE, "groups": ["cvparse-advisors", "cvparse-admins"]})
    _, response = _sign_in(site, "agence")
    _refused(response, 403, "two_roles")
    assert site.users_from(site.staff) == []


def test_a_deactivated_account_is_refused(site: Site) -> None:
    client, response = _sign_in(site)
    assert response.status_code == 303
    [account] = site.users_from(site.seekers)
    access.set_active(site.live.stores, None, account.id, False)
    assert client.get(f"{site.live.url}/api/v1/me").status_code == 401  # session ended
    _, response = _sign_in(site)
    _refused(response, 403, "inactive")
    assert site.sessions() == 0


def test_a_replayed_callback_is_refused(site: Site) -> None:
    client = _browser()
    _, callback = _to_callback(client, site)
    flow = client.cookies.get(FLOW)
    assert client.get(callback).status_code == 303
    assert site.sessions() == 1
    # The same browser again: the attempt's cookie is gone.
    _refused(client.get(callback), 400, "expired")
    # Someone who kept everything, the cookie too: the provider refuses the used code.
    thief = _browser()
    thief.cookies.set(FLOW, flow, domain="127.0.0.1", path="/auth/oidc/emploi/callback")
    _refused(thief.get(callback), 403, "token")
    assert site.sessions() == 1 and SESSION not in thief.cookies


def test_a_wrong_or_missing_state_is_refused(site: Site) -> None:
    client = _browser()
    _, callback = _to_callback(client, site)
    flow = client.cookies.get(FLOW)
    url = urlsplit(callback)
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    forged = httpx.URL(f"{site.live.url}{url.path}", params={**query, "state": "x" * 43})
    _refused(client.get(forged), 400, "state")
    _, callback = _to_callback(client, site)  # a new attempt: the refusal ended the last one
    flow = client.cookies.get(FLOW)
    query = {k: v[0] for k, v in parse_qs(urlsplit(callback).query).items()}
    for change, reason in (({"state": "état-forgé"}, "state"),
                           ({"iss": "https://evil.example"}, "issuer")):  # RFC 9207
        client.cookies.set(FLOW, flow, domain="127.0.0.1", path="/auth/oidc/emploi/callback")
        forged = httpx.URL(f"{site.live.url}{url.path}", params={**query, **change})
        _refused(client.get(forged), 400 if reason == "state" else 403, reason)
    # Someone else's browser (login CSRF: an attacker's code sent to a victim): no attempt.
    _refused(_browser().get(callback), 400, "expired")
    # An attempt cookie not sealed by us.
    other = _browser()
    other.cookies.set(FLOW, flow[:-4] + "0000", domain="127.0.0.1",
                      path="/auth/oidc/emploi/callback")
    _refused(other.get(callback), 400, "expired")
    assert site.sessions() == 0 and site.users_from(site.seekers) == []


@pytest.mark.parametrize(("misbehaviour", "caught"), [
    ("wrong_issuer", "InvalidClaimError iss"),
    ("wrong_audience", "InvalidClaimError aud"),
    ("bad_signature", "BadSignatureError"),
    ("unknown_key", "InvalidKeyIdError"),  # after reading the keys again (a rotation?)
    ("wrong_nonce", "InvalidClaimError nonce"),
    ("no_nonce", "MissingClaimError nonce"),
    ("expired", "ExpiredTokenError exp"),
    ("tampered", "BadSignatureError"),
    ("alg_none", "UnsupportedAlgorithmError"),
    ("alg_confusion", "UnsupportedAlgorithmError"),
    ("no_id_token", "none in the token response"),
])
def test_a_token_that_fails_a_check_is_refused(shared_site: Site, misbehaviour: str,
                                               caught: str, caplog) -> None:
    """Refused for the very reason the provider misbehaved (the log says which check)."""
    site = shared_site
    for tenant, user in ((site.seekers, NADIA), (site.staff, MARIE)):
        tenant.control(misbehave=misbehaviour, user=user)
    before = site.sessions()
    for name, tenant in (("emploi", site.seekers), ("agence", site.staff)):
        client, response = _sign_in(site, name)
        _refused(response, 403, "token")
        assert "pas pu être vérifiée" in response.text
        assert client.get(f"{site.live.url}/api/v1/me").status_code == 401
        assert site.users_from(tenant) == []
    assert site.sessions() == before
    reasons = [r.getMessage() for r in caplog.records if "ID token refused" in r.message]
    assert len(reasons) == 2 and all(r.endswith(caught) for r in reasons), reasons
    for tenant in (site.seekers, site.staff):
        tenant.control(misbehave=None)


def test_the_same_flow_signs_in_once_the_provider_behaves(shared_site: Site) -> None:
    """The misbehaviour cases above share this server: it still signs people in."""
    client, response = _sign_in(shared_site, "agence")
    assert response.status_code == 303
    assert client.get(f"{shared_site.live.url}/api/v1/me").json()["role"] == "advisor"


def test_a_cancelled_sign_in_says_so(site: Site) -> None:
    site.seekers.control(misbehave="deny")
    _, response = _sign_in(site)
    _refused(response, 403, "denied")
    assert "annulée" in response.text


def test_a_provider_naming_another_issuer_is_not_used(site: Site) -> None:
    site.seekers.control(misbehave="discovery_issuer")
    client = _browser()
    response = client.get(f"{site.live.url}/login/oidc/emploi")
    _refused(response, 502, "unavailable")  # never sent to that provider
    assert FLOW not in client.cookies
    site.seekers.control(misbehave=None)  # fixed: read again, then used
    assert client.get(f"{site.live.url}/login/oidc/emploi").status_code == 303


def test_next_stays_on_this_site(site: Site) -> None:
    _, response = _sign_in(site, next="https://evil.example/")
    assert response.headers["location"] == "/"
    _, response = _sign_in(site, next="/my-documents")
    assert response.headers["location"] == "/my-documents"
    _, response = _sign_in(site, next="/" + "a" * 600)  # too long to carry: the start page
    assert response.headers["location"] == "/"


def test_the_login_page_offers_each_provider(site: Site) -> None:
    page = httpx.get(f"{site.live.url}/login", params={"next": "/advisor"})
    assert "Ou connectez-vous avec" in page.text
    assert 'href="/login/oidc/emploi?next=%2Fadvisor&amp;lang=fr"' in page.text
    assert ">Mon identité emploi</a>" in page.text and ">SSO agence</a>" in page.text
    english = httpx.get(f"{site.live.url}/login", params={"lang": "en"})
    assert "Or sign in with" in english.text and ">My job identity</a>" in english.text
    unknown = httpx.get(f"{site.live.url}/login/oidc/nope")
    _refused(unknown, 404, "unknown_provider")


def test_signing_in_from_the_login_page_in_a_browser(page, site: Site) -> None:
    page.goto(f"{site.live.url}/login?next=/my-documents")
    page.get_by_role("link", name="Mon identité emploi").click()
    page.wait_for_url(f"{site.live.url}/my-documents")
    assert page.inner_text(".who") == "Nadia Belkacem"
    cookies = {c["name"]: c for c in page.context.cookies(site.live.url)}
    assert cookies[SESSION]["httpOnly"] and FLOW not in cookies


def test_the_provider_buttons_and_the_refusal_page_are_accessible(page, site: Site) -> None:
    from tests.web.test_accessibility import _violations

    for lang in ("fr", "en"):
        page.goto(f"{site.live.url}/login?lang={lang}")
        assert _violations(page) == []
    site.staff.control(user={**MARIE, "groups": []})
    page.goto(f"{site.live.url}/login?lang=en")
    page.get_by_role("link", name="SSO agence").click()
    page.wait_for_selector("#oidc-refused")
    assert "gives no access" in page.inner_text("#oidc-refused")
    assert _violations(page) == []

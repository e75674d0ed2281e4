"""Signing in through an OpenID Connect provider (`CVPARSE_OIDC_PROVIDERS`): the two routes of
the authorization code flow, with Authlib doing the protocol.

    GET /login/oidc/{name}?next=…      → 303 to the provider, with state, nonce and PKCE (S256)
    GET /auth/oidc/{name}/callback     ← the provider sends the browser back with a code

Between the two, the browser holds the attempt in one cookie (HttpOnly, SameSite=Lax so that
the provider's redirect back carries it, scoped to the callback's path, ten minutes, sealed with
an HMAC): the state to compare, the nonce the ID token must carry, the PKCE verifier, where to
go next. The callback deletes it whatever happens, so a callback works once per attempt; the
provider refuses a code's second use and the PKCE verifier binds the code to this browser's
attempt.

The ID token is checked by Authlib (`OpenIDMixin.parse_id_token`): its signature against the
provider's published keys (fetched again once when a key id is unknown, for rotations), with
asymmetric algorithms only; `iss` equal to the configured issuer (and the discovery document
must name that same issuer); `aud` holding our client id (`azp` too when there are several);
`exp`, `iat` and the `nonce` of this attempt. Only then does `service.oidc.identities.sign_in`
decide who this is and with which role. Any refusal shows a page saying what to do and signs
nobody in; refusals before an identity is verified are logged (reason code only), those of a
verified identity also audited.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
from typing import Any
from urllib.parse import quote, urlencode

import requests
from authlib.integrations.base_client import BaseApp, OAuth2Mixin, OAuthError, OpenIDMixin
from authlib.integrations.requests_client import OAuth2Session
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from joserfc.errors import JoseError

from cvparse.api.deps import Services, Svc
from cvparse.service import access
from cvparse.service.oidc.identities import sign_in
from cvparse.service.oidc.providers import OidcProvider, SignInRefused
from cvparse.web.i18n import STRINGS, strings
from cvparse.web.pages import _safe_next, _set_session, templates

log = logging.getLogger("cvparse.web.oidc")
router = APIRouter(include_in_schema=False)

FLOW_COOKIE = "cvparse_oidc"
FLOW_SECONDS = 600  # from the button to the way back: time to type a password and a code
METADATA_SECONDS = 24 * 3600  # discovery read again after this (keys: also on an unknown kid)
HTTP_TIMEOUT = 10  # seconds for each call to the provider
LEEWAY = 60  # seconds of clock difference allowed on exp / iat
MAX_NEXT = 500  # characters of the page to come back to (the cookie must stay under 4 KB)
# ID tokens signed otherwise are refused, whatever the provider advertises: no "none", no
# HMAC (a shared secret would let anyone holding it mint tokens; a public key used as an HMAC
# secret is the classic algorithm-confusion forgery).
SIGNATURE_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384",
                        "ES512", "EdDSA")

OIDC_STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        "oidc_refused_title": "Connexion refusée",
        "oidc_try_again": "Recommencer la connexion",
        "oidc_reference": "Référence à donner au support :",
        "oidc_unknown": "Ce fournisseur d'identité n'est pas configuré.",
        "oidc_expired": "Cette connexion a expiré ou a été commencée dans une autre fenêtre : "
                        "recommencez.",
        "oidc_denied": "La connexion a été annulée auprès du fournisseur d'identité.",
        "oidc_unavailable": "Le fournisseur d'identité ne répond pas ou répond mal : "
                            "réessayez dans quelques minutes.",
        "oidc_token": "La réponse du fournisseur d'identité n'a pas pu être vérifiée : vous "
                      "n'êtes pas connecté(e). Recommencez ; si cela se reproduit, prévenez "
                      "votre administrateur.",
        "oidc_no_access": "Votre identité a bien été vérifiée, mais elle ne donne pas accès à "
                          "cvparse. Demandez à votre administrateur.",
        "oidc_inactive": "Ce compte est désactivé : adressez-vous à votre administrateur.",
    },
    "en": {
        "oidc_refused_title": "Sign-in refused",
        "oidc_try_again": "Sign in again",
        "oidc_reference": "Reference for support:",
        "oidc_unknown": "This identity provider is not configured.",
        "oidc_expired": "This sign-in expired or was started in another window: start again.",
        "oidc_denied": "The sign-in was cancelled at the identity provider.",
        "oidc_unavailable": "The identity provider does not answer, or answers wrongly: try "
                            "again in a few minutes.",
        "oidc_token": "The identity provider's answer could not be verified: you are not "
                      "signed in. Start again; if it happens again, tell your administrator.",
        "oidc_no_access": "Your identity was verified, but it gives no access to cvparse. Ask "
                          "your administrator.",
        "oidc_inactive": "This account is deactivated: ask your administrator.",
    },
}
for _lang, _table in OIDC_STRINGS.items():  # as cvparse.web.i18n does: a clash is an error
    _clash = set(_table) & set(STRINGS[_lang])
    if _clash:
        raise RuntimeError(f"OpenID Connect strings defined twice ({_lang}): {sorted(_clash)}")

# Each refusal's message and HTTP status.
REFUSALS: dict[str, tuple[str, int]] = {
    "unknown_provider": ("oidc_unknown", 404),
    "expired": ("oidc_expired", 400),
    "state": ("oidc_expired", 400),
    "denied": ("oidc_denied", 403),
    "unavailable": ("oidc_unavailable", 502),
    "token": ("oidc_token", 403),
    "issuer": ("oidc_token", 403),
    "bad_subject": ("oidc_token", 403),
    "no_role": ("oidc_no_access", 403),
    "two_roles": ("oidc_no_access", 403),
    "unknown_user": ("oidc_no_access", 403),
    "role_change": ("oidc_no_access", 403),
    "inactive": ("oidc_inactive", 403),
}


class ProviderError(RuntimeError):
    """The provider's discovery document cannot be used (wrong issuer, missing endpoints…)."""


class ProviderClient(OAuth2Mixin, OpenIDMixin, BaseApp):
    """Authlib's client for one provider (as its Flask and Starlette integrations build
    theirs, on `requests`), the discovery document checked before first use."""

    client_cls = OAuth2Session

    def __init__(self, provider: OidcProvider) -> None:
        super().__init__(
            None, name=provider.name, client_id=provider.client_id,
            client_secret=provider.client_secret.get_secret_value(),
            server_metadata_url=provider.discovery_url(),
            client_kwargs={"scope": provider.scopes, "code_challenge_method": "S256",
                           "default_timeout": HTTP_TIMEOUT},
        )
        self.provider = provider
        self.created = time.monotonic()

    def load_server_metadata(self) -> dict[str, Any]:
        if "_loaded_at" in self.server_metadata:
            return self.server_metadata
        metadata = super().load_server_metadata()
        try:
            self._check(metadata)
        except ProviderError:
            self.server_metadata.clear()  # read again next time: the provider may be fixed
            raise
        return metadata

    def _check(self, metadata: dict[str, Any]) -> None:
        """OpenID Connect Discovery §4.3: the document must name the issuer we asked (else a
        provider could speak for another). Then: the endpoints, the algorithms we accept,
        how to authenticate at the token endpoint."""
        if metadata.get("issuer") != self.provider.issuer:
            raise ProviderError(f"discovery names issuer {metadata.get('issuer')!r}")
        for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not isinstance(metadata.get(key), str):
                raise ProviderError(f"discovery has no {key}")
        offered = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
        algorithms = [a for a in offered if a in SIGNATURE_ALGORITHMS]
        if not algorithms:
            raise ProviderError(f"no acceptable ID token algorithm in {offered}")
        metadata["id_token_signing_alg_values_supported"] = algorithms
        methods = metadata.get("token_endpoint_auth_methods_supported") or [
            "client_secret_basic"]
        method = next((m for m in ("client_secret_basic", "client_secret_post")
                       if m in methods), None)
        if method is None:
            raise ProviderError(f"no client_secret method among {methods}")
        self.client_kwargs["token_endpoint_auth_method"] = method

    def stale(self) -> bool:
        return time.monotonic() - self.created > METADATA_SECONDS


class ProviderClients:
    """One client per provider and application (its discovery document and keys cached)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clients: dict[str, ProviderClient] = {}

    def get(self, provider: OidcProvider) -> ProviderClient:
        with self._lock:
            client = self._clients.get(provider.name)
            if client is None or client.provider != provider or client.stale():
                client = self._clients[provider.name] = ProviderClient(provider)
            return client


_clients_lock = threading.Lock()


def _clients(request: Request) -> ProviderClients:
    with _clients_lock:
        clients = getattr(request.app.state, "oidc_clients", None)
        if clients is None:
            clients = request.app.state.oidc_clients = ProviderClients()
        return clients


def _provider(svc: Services, name: str) -> OidcProvider | None:
    return next((p for p in svc.settings.oidc_providers if p.name == name), None)


# The attempt's cookie.

def _callback_path(provider: OidcProvider) -> str:
    return f"/auth/oidc/{provider.name}/callback"


def _mac(provider: OidcProvider, body: str) -> str:
    """HMAC-SHA256 under a key derived from the client secret (already shared by every server
    process, never sent to the browser) for this one purpose."""
    key = hmac.new(provider.client_secret.get_secret_value().encode(),
                   b"cvparse oidc attempt cookie", hashlib.sha256).digest()
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()


def _seal(provider: OidcProvider, attempt: dict[str, Any]) -> str:
    body = base64.urlsafe_b64encode(json.dumps(attempt, separators=(",", ":")).encode())
    text = body.decode().rstrip("=")
    return f"{text}.{_mac(provider, text)}"


def _unseal(provider: OidcProvider, value: str | None) -> dict[str, Any] | None:
    """The attempt, if the cookie is ours, for this provider, and in time."""
    if not value or len(value) > 4000 or "." not in value:
        return None
    text, mac = value.rsplit(".", 1)
    if not hmac.compare_digest(mac.encode(), _mac(provider, text).encode()):
        return None
    try:
        attempt = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except ValueError:
        return None
    if (not isinstance(attempt, dict) or attempt.get("provider") != provider.name
            or not isinstance(attempt.get("exp"), int) or attempt["exp"] < time.time()):
        return None
    return attempt


def _secure(request: Request, svc: Services) -> bool:
    secure = svc.settings.cookie_secure
    return request.url.scheme == "https" if secure is None else secure


def _redirect_uri(request: Request, svc: Services, provider: OidcProvider) -> str:
    """Where the provider sends the browser back: under CVPARSE_PUBLIC_URL when it is set
    (behind a proxy), else under the address this request came to. Either way the provider
    only accepts the URIs registered for our client."""
    if "public_url" in svc.settings.model_fields_set:
        base = svc.settings.public_url.rstrip("/")
    else:
        base = str(request.base_url).rstrip("/")
    return base + _callback_path(provider)


# Pages.

def _lang(value: str | None) -> str:
    return "en" if value == "en" else "fr"


def _refused(request: Request, reason: str, lang: str, next: str = "/",
             provider: OidcProvider | None = None) -> HTMLResponse:
    message, status = REFUSALS[reason]
    other = "fr" if lang == "en" else "en"
    retry = None
    if provider is not None and reason != "unknown_provider":
        retry = f"/login/oidc/{quote(provider.name)}?" + urlencode({"next": next, "lang": lang})
    response = templates.TemplateResponse(request, "oidc_refused.html", {
        "t": {**strings(lang), **OIDC_STRINGS[lang]}, "lang": lang, "user": None, "csrf": "",
        "lang_url": "/login?" + urlencode({"next": next, "lang": other}),
        "message_key": message, "reason": reason, "retry": retry,
    }, status_code=status)
    if provider is not None:
        response.delete_cookie(FLOW_COOKIE, path=_callback_path(provider))
    log.warning("OpenID Connect sign-in refused (%s)", provider.name if provider else "-",
                extra={"error_code": reason})
    return response


@router.get("/login/oidc/{name}")
def start(request: Request, svc: Svc, name: str, next: str = "/") -> Response:
    """Send the browser to the provider; the attempt's secrets stay in its cookie."""
    lang = _lang(request.query_params.get("lang"))
    next = _safe_next(next) if len(next) <= MAX_NEXT else "/"
    provider = _provider(svc, name)
    if provider is None:
        return _refused(request, "unknown_provider", lang, next)
    redirect_uri = _redirect_uri(request, svc, provider)
    try:
        auth = _clients(request).get(provider).create_authorization_url(
            redirect_uri=redirect_uri, ui_locales=lang)
    except (requests.RequestException, ProviderError, ValueError) as exc:
        log.warning("OpenID Connect discovery failed for %s: %s", provider.name,
                    type(exc).__name__)
        return _refused(request, "unavailable", lang, next, provider)
    attempt = {"provider": provider.name, "state": auth["state"], "nonce": auth["nonce"],
               "verifier": auth["code_verifier"], "redirect_uri": redirect_uri, "next": next,
               "lang": lang, "exp": int(time.time()) + FLOW_SECONDS}
    response = RedirectResponse(auth["url"], status_code=303)
    response.set_cookie(FLOW_COOKIE, _seal(provider, attempt), max_age=FLOW_SECONDS,
                        path=_callback_path(provider), httponly=True, samesite="lax",
                        secure=_secure(request, svc))
    return response


@router.get("/auth/oidc/{name}/callback")
def callback(request: Request, svc: Svc, name: str) -> Response:
    """The provider's answer: checked, then a session — or a refusal page, never both."""
    params = request.query_params
    provider = _provider(svc, name)
    if provider is None:
        return _refused(request, "unknown_provider", _lang(params.get("lang")))
    attempt = _unseal(provider, request.cookies.get(FLOW_COOKIE))
    if attempt is None:
        return _refused(request, "expired", _lang(params.get("lang")), "/", provider)
    lang, next = _lang(attempt.get("lang")), _safe_next(str(attempt.get("next", "/")))

    def refused(reason: str) -> HTMLResponse:
        return _refused(request, reason, lang, next, provider)

    if not secrets.compare_digest(params.get("state", "").encode(), attempt["state"].encode()):
        return refused("state")
    if params.get("error"):  # access_denied (the person cancelled), login_required…
        return refused("denied")
    if params.get("iss") not in (None, provider.issuer):  # RFC 9207: mix-up defence
        return refused("issuer")
    code = params.get("code")
    if not code or len(code) > 2000:
        return refused("state")
    claims = _verified_claims(request, provider, attempt, code)
    if isinstance(claims, str):
        return refused(claims)
    try:
        user = sign_in(svc.stores, provider, claims)
    except SignInRefused as exc:
        return refused(exc.code)
    secret, _ = access.start_session(svc.stores, svc.settings, user, "oidc")
    response = RedirectResponse(next, status_code=303)
    _set_session(request, svc, response, secret)
    response.delete_cookie(FLOW_COOKIE, path=_callback_path(provider))
    return response


def _verified_claims(request: Request, provider: OidcProvider, attempt: dict[str, Any],
                     code: str) -> dict[str, Any] | str:
    """The ID token's claims once Authlib has checked them, or the reason for refusing."""
    client = _clients(request).get(provider)
    try:
        token = client.fetch_access_token(redirect_uri=attempt["redirect_uri"], code=code,
                                          code_verifier=attempt["verifier"])
    except OAuthError as exc:  # the provider refused the code (used, expired, not ours)
        log.warning("OpenID Connect token request refused: %s", exc.error)
        return "token"
    except (requests.RequestException, ProviderError, ValueError) as exc:
        log.warning("OpenID Connect token request failed: %s", type(exc).__name__)
        return "unavailable"
    options = {"iss": {"essential": True, "value": provider.issuer},
               "aud": {"essential": True, "value": provider.client_id}}
    try:
        claims = client.parse_id_token(token, nonce=attempt["nonce"], claims_options=options,
                                       leeway=LEEWAY)
    except (JoseError, ValueError, KeyError, TypeError) as exc:
        # Bad signature, unknown key, wrong iss/aud/nonce, expired, malformed.
        claim = getattr(exc, "claim", None)  # the claim's name, never its value
        log.warning("OpenID Connect ID token refused: %s", " ".join(
            filter(None, (type(exc).__name__, claim))))
        return "token"
    except (requests.RequestException, ProviderError) as exc:  # the keys could not be read
        log.warning("OpenID Connect keys unavailable: %s", type(exc).__name__)
        return "unavailable"
    if claims is None:  # no id_token at all: an OAuth server, not OpenID Connect
        log.warning("OpenID Connect ID token refused: none in the token response")
        return "token"
    return dict(claims)

"""A small OpenID Connect provider for the tests, run as its own process on 127.0.0.1:

    python -m tests.oidc_provider --port 0      # prints "listening on PORT", then serves

Each first path segment is a tenant with its own issuer (``http://127.0.0.1:PORT/<tenant>``,
as a Keycloak realm), its own clients, next user and misbehaviour, so that one process stands
for several providers. Per tenant:

    GET  /<t>/.well-known/openid-configuration   discovery
    GET  /<t>/jwks                               the public key (RSA, made at start)
    GET  /<t>/authorize                          approves at once: back with a code for the
                                                 user the test configured (PKCE S256 required,
                                                 redirect URI must be registered)
    POST /<t>/token                              the code (once, 60 s) for an ID token (RS256);
                                                 client_secret_basic or _post; PKCE checked
    GET  /<t>/userinfo                           the user's claims, for the access token
    POST /<t>/control                            JSON, any of: "clients" {id: {"secret",
                                                 "redirect_uris"}}, "user" {claims},
                                                 "misbehave" (a name or null)

Misbehaviours (`MISBEHAVIOURS`), each a way a token or a provider can be wrong: the relying
party must refuse every one of them.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import secrets
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

MISBEHAVIOURS = (
    "wrong_issuer",       # iss of another provider
    "wrong_audience",     # aud of another client
    "bad_signature",      # signed with another key under the published key id
    "unknown_key",        # signed with a key that is not published
    "wrong_nonce",        # the nonce of another attempt
    "no_nonce",           # no nonce at all
    "expired",            # exp in the past
    "tampered",           # payload changed after signing (groups → admin)
    "alg_none",           # unsigned ("alg": "none")
    "alg_confusion",      # HS256 with the public key as the HMAC secret
    "deny",               # the person cancels: error=access_denied
    "discovery_issuer",   # the discovery document names another issuer
    "no_id_token",        # an OAuth answer without an ID token
)

KEY = RSAKey.generate_key(2048, parameters={"kid": "main", "use": "sig", "alg": "RS256"})
OTHER_KEY = RSAKey.generate_key(2048, parameters={"kid": "main", "use": "sig", "alg": "RS256"})
STRANGER_KEY = RSAKey.generate_key(2048, parameters={"kid": "stranger", "alg": "RS256"})


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


class Tenant:
    def __init__(self, issuer: str) -> None:
        self.issuer = issuer
        self.clients: dict[str, dict[str, Any]] = {}
        self.user: dict[str, Any] = {"sub": "user-1", "name": "Test User"}
        self.misbehave: str | None = None
        self.codes: dict[str, dict[str, Any]] = {}
        self.access_tokens: dict[str, dict[str, Any]] = {}

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer + ("/other" if self.misbehave == "discovery_issuer" else ""),
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic",
                                                      "client_secret_post"],
            "scopes_supported": ["openid", "profile", "email", "groups"],
        }

    def id_token(self, client_id: str, nonce: str | None, claims: dict[str, Any]) -> str:
        now = int(time.time())
        body = {**claims, "iss": self.issuer, "aud": client_id, "iat": now, "exp": now + 300,
                "auth_time": now}
        if nonce is not None:
            body["nonce"] = nonce
        bad = self.misbehave
        if bad == "wrong_issuer":
            body["iss"] = self.issuer + "-evil"
        elif bad == "wrong_audience":
            body["aud"] = "another-client"
        elif bad == "wrong_nonce":
            body["nonce"] = "not-" + (nonce or "")
        elif bad == "no_nonce":
            body.pop("nonce", None)
        elif bad == "expired":
            body["iat"], body["exp"], body["auth_time"] = now - 900, now - 600, now - 900
        if bad == "alg_none":
            header = b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
            return f"{header}.{b64(json.dumps(body).encode())}."
        if bad == "alg_confusion":
            header = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "main"}).encode())
            signing_input = f"{header}.{b64(json.dumps(body).encode())}"
            secret = KEY.as_pem(private=False)
            mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
            return f"{signing_input}.{b64(mac)}"
        key = {"bad_signature": OTHER_KEY, "unknown_key": STRANGER_KEY}.get(bad or "", KEY)
        token = jwt.encode({"alg": "RS256", "kid": key.kid, "typ": "JWT"}, body, key)
        if bad == "tampered":
            header, _, signature = token.split(".")
            forged = {**body, "groups": ["cvparse-admins"], "name": "Mallory"}
            token = f"{header}.{b64(json.dumps(forged).encode())}.{signature}"
        return token


class Provider(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.lock = threading.Lock()
        self.tenants: dict[str, Tenant] = {}

    def tenant(self, name: str) -> Tenant:
        with self.lock:
            if name not in self.tenants:
                self.tenants[name] = Tenant(f"http://127.0.0.1:{self.server_address[1]}/{name}")
            return self.tenants[name]


class Handler(BaseHTTPRequestHandler):
    server: Provider

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the tests read results
        pass

    def _split(self) -> tuple[Tenant | None, str, dict[str, list[str]]]:
        url = urlsplit(self.path)
        parts = url.path.strip("/").split("/", 1)
        if len(parts) != 2 or not parts[0]:
            return None, "", {}
        return self.server.tenant(parts[0]), parts[1], parse_qs(url.query)

    def _json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self) -> None:
        tenant, path, query = self._split()
        if tenant is None:
            return self._json(404, {"error": "not_found"})
        if path == ".well-known/openid-configuration":
            return self._json(200, tenant.discovery())
        if path == "jwks":
            return self._json(200, KeySet([KEY]).as_dict(private=False))
        if path == "authorize":
            return self._authorize(tenant, {k: v[0] for k, v in query.items()})
        if path == "userinfo":
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            claims = tenant.access_tokens.get(token)
            return self._json(200, claims) if claims else self._json(401, {"error": "invalid"})
        return self._json(404, {"error": "not_found"})

    def do_POST(self) -> None:
        tenant, path, _ = self._split()
        if tenant is None:
            return self._json(404, {"error": "not_found"})
        if path == "control":
            change = json.loads(self._body() or b"{}")
            with self.server.lock:
                tenant.clients.update(change.get("clients", {}))
                if "user" in change:
                    tenant.user = change["user"]
                if "misbehave" in change:
                    if change["misbehave"] not in (None, *MISBEHAVIOURS):
                        return self._json(400, {"error": "unknown misbehaviour"})
                    tenant.misbehave = change["misbehave"]
            return self._json(200, {"issuer": tenant.issuer, "misbehave": tenant.misbehave})
        if path == "token":
            form = {k: v[0] for k, v in parse_qs(self._body().decode()).items()}
            return self._token(tenant, form)
        return self._json(404, {"error": "not_found"})

    def _authorize(self, tenant: Tenant, q: dict[str, str]) -> None:
        client = tenant.clients.get(q.get("client_id", ""))
        redirect_uri = q.get("redirect_uri", "")
        if client is None or redirect_uri not in client["redirect_uris"]:
            # Never redirect to an unregistered address: an error page instead.
            return self._json(400, {"error": "invalid_request", "detail": "client/redirect"})
        back = {"state": q.get("state", ""), "iss": tenant.issuer}
        if (q.get("response_type") != "code" or "openid" not in q.get("scope", "").split()
                or q.get("code_challenge_method") != "S256" or not q.get("code_challenge")):
            back["error"] = "invalid_request"
        elif tenant.misbehave == "deny":
            back["error"] = "access_denied"
        else:
            code = secrets.token_urlsafe(24)
            tenant.codes[code] = {"client_id": q["client_id"], "redirect_uri": redirect_uri,
                                  "nonce": q.get("nonce"), "challenge": q["code_challenge"],
                                  "user": dict(tenant.user), "until": time.time() + 60}
            back["code"] = code
        return self._redirect(redirect_uri + ("&" if "?" in redirect_uri else "?")
                              + urlencode(back))

    def _client_auth(self, tenant: Tenant, form: dict[str, str]) -> str | None:
        """The client id, if it authenticated (RFC 6749 §2.3.1: basic, or in the body)."""
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):
            raw = base64.b64decode(header[6:]).decode()
            client_id, _, secret = raw.partition(":")
            client_id, secret = unquote(client_id), unquote(secret)
        else:
            client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        client = tenant.clients.get(client_id)
        if client is None or not hmac.compare_digest(client["secret"], secret):
            return None
        return client_id

    def _token(self, tenant: Tenant, form: dict[str, str]) -> None:
        client_id = self._client_auth(tenant, form)
        if client_id is None:
            return self._json(401, {"error": "invalid_client"})
        if form.get("grant_type") != "authorization_code":
            return self._json(400, {"error": "unsupported_grant_type"})
        with self.server.lock:
            grant = tenant.codes.pop(form.get("code", ""), None)  # once, whatever follows
        if (grant is None or grant["until"] < time.time() or grant["client_id"] != client_id
                or grant["redirect_uri"] != form.get("redirect_uri")):
            return self._json(400, {"error": "invalid_grant"})
        verifier = form.get("code_verifier", "")
        if b64(hashlib.sha256(verifier.encode()).digest()) != grant["challenge"]:
            return self._json(400, {"error": "invalid_grant", "error_description": "PKCE"})
        access_token = secrets.token_urlsafe(24)
        tenant.access_tokens[access_token] = grant["user"]
        answer: dict[str, Any] = {"access_token": access_token, "token_type": "Bearer",
                                  "expires_in": 300}
        if tenant.misbehave != "no_id_token":
            answer["id_token"] = tenant.id_token(client_id, grant["nonce"], grant["user"])
        return self._json(200, answer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    args = parser.parse_args()
    server = Provider(args.port)
    print(f"listening on {server.server_address[1]}", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        sys.stdout.flush()


if __name__ == "__main__":
    main()

"""The providers' configuration (`CVPARSE_OIDC_PROVIDERS`) and the claims → role mapping: pure,
no store, no HTTP (the settings validate with it). The rules are in the package's docstring."""

from __future__ import annotations

import ipaddress
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, SecretStr, model_validator

# The roles of `cvparse.service.store.accounts.ROLES` (same values; a test checks), repeated
# here because the settings must validate them without importing the store.
ProviderRole = Literal["job_seeker", "advisor", "ops", "admin"]
STAFF: frozenset[str] = frozenset({"advisor", "ops", "admin"})
FIXED_ROLES: frozenset[str] = frozenset({"job_seeker", "advisor"})


class OidcProvider(BaseModel):
    """One identity provider, as `CVPARSE_OIDC_PROVIDERS` lists it (JSON)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # In the addresses /login/oidc/{name} and /auth/oidc/{name}/callback.
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$")
    # The sign-in button's text: one string, or {"fr": …, "en": …}.
    label: str | dict[Literal["fr", "en"], str]
    # Discovery reads {issuer}/.well-known/openid-configuration; ID tokens must carry exactly
    # this `iss`. HTTPS, except on the loopback (tests, a provider on the same host).
    issuer: str = Field(min_length=8, max_length=300)
    client_id: str = Field(min_length=1, max_length=255)
    client_secret: SecretStr
    # "email" is not asked by default: cvparse never uses it (minimisation).
    scopes: str = "openid profile"
    # Either a fixed role for everyone from this provider…
    role: ProviderRole | None = None
    # …or the claim to read (a dotted path reaches inside objects: "realm_access.roles") and
    # which of its values gives which role.
    role_claim: str | None = Field(default=None, min_length=1, max_length=100)
    role_values: dict[str, ProviderRole] = Field(default_factory=dict)
    create_users: bool = True

    @model_validator(mode="after")
    def _coherent(self) -> OidcProvider:
        url = urlsplit(self.issuer)
        if url.scheme != "https" and not (url.scheme == "http" and _loopback(url.hostname)):
            raise ValueError(f"{self.name}: the issuer must be an https:// URL")
        if "openid" not in self.scopes.split():
            raise ValueError(f"{self.name}: the scopes must include 'openid'")
        if (self.role is None) == (self.role_claim is None):
            raise ValueError(f"{self.name}: give either 'role' or 'role_claim' (with "
                             "'role_values'), not both or neither")
        if self.role is not None and self.role not in FIXED_ROLES:
            raise ValueError(f"{self.name}: a fixed role is job_seeker or advisor; ops and "
                             "admin come only from a claim")
        if self.role_claim is not None:
            roles = set(self.role_values.values())
            if not roles:
                raise ValueError(f"{self.name}: 'role_values' maps no value to a role")
            if "job_seeker" in roles and roles & STAFF:
                raise ValueError(f"{self.name}: a provider signs in job seekers or staff, "
                                 "not both")
        return self

    def label_for(self, lang: str | None) -> str:
        if isinstance(self.label, str):
            return self.label
        lang = "en" if lang == "en" else "fr"
        return self.label.get(lang) or next(iter(self.label.values()), self.name)

    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"

    def roles(self) -> frozenset[str]:
        """Every role this provider can give."""
        return frozenset({self.role} if self.role else set(self.role_values.values()))


def _loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


def _distinct(providers: list[OidcProvider]) -> list[OidcProvider]:
    """Names are addresses, issuers are half of an identity's key: both must be unique."""
    for what in ("name", "issuer"):
        values = [getattr(p, what) for p in providers]
        twice = sorted({v for v in values if values.count(v) > 1})
        if twice:
            raise ValueError(f"two OpenID Connect providers have the same {what}: {twice}")
    return providers


# The type of `Settings.oidc_providers`.
OidcProviders = Annotated[list[OidcProvider], AfterValidator(_distinct)]


class SignInRefused(Exception):
    """A verified identity that does not get a session; `code` is stable (pages, audit)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


def _claim(claims: dict[str, Any], path: str) -> Any:
    value: Any = claims
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def role_for(provider: OidcProvider, claims: dict[str, Any]) -> ProviderRole:
    """The role these (verified) claims give, or `SignInRefused` ("no_role", "two_roles")."""
    if provider.role is not None:
        return provider.role
    value = _claim(claims, provider.role_claim or "")
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    roles = {provider.role_values[v] for v in values
             if isinstance(v, str) and v in provider.role_values}
    if not roles:
        raise SignInRefused("no_role", f"no value of '{provider.role_claim}' gives a role")
    if len(roles) > 1:
        raise SignInRefused("two_roles", f"'{provider.role_claim}' gives {sorted(roles)}")
    return roles.pop()


def display_name(claims: dict[str, Any]) -> str:
    """`name`, else `given_name family_name`; never the e-mail or the login."""
    name = claims.get("name")
    if not isinstance(name, str) or not name.strip():
        parts = [claims.get("given_name"), claims.get("family_name")]
        name = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
    return " ".join(name.split())[:120] or "—"



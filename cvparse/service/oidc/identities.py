"""Signing a verified OpenID Connect identity in to a cvparse user: found by (issuer, subject),
created at the first sign-in, given the role its claims map to — or refused, audited either
way. The rules are in the package's docstring."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError

from cvparse.service.oidc.providers import (
    STAFF,
    OidcProvider,
    ProviderRole,
    SignInRefused,
    display_name,
    role_for,
)
from cvparse.service.store import Stores
from cvparse.service.store.accounts import User


def sign_in(stores: Stores, provider: OidcProvider, claims: dict[str, Any]) -> User:
    """The active cvparse user for this verified identity, created or given its new role if
    the rules say so (audited); `SignInRefused` otherwise, audited too. The caller has checked
    the token (signature, issuer, audience, expiry, nonce) and starts the session."""
    subject = claims.get("sub")
    try:
        if not isinstance(subject, str) or not subject or len(subject) > 255:
            raise SignInRefused("bad_subject", "the ID token has no usable 'sub'")
        role = role_for(provider, claims)
        user = stores.accounts.by_oidc(provider.issuer, subject)
        if user is None:
            if not provider.create_users:
                raise SignInRefused("unknown_user", "this provider does not create accounts")
            user = _create(stores, provider, subject, role, display_name(claims))
        if not user.active:
            raise SignInRefused("inactive", f"user {user.id} is deactivated")
        if user.role != role:
            # Within staff roles only (a provider maps to job seekers or to staff: package doc).
            if not (user.role in STAFF and role in STAFF):
                raise SignInRefused("role_change", f"{user.role} → {role}")
            stores.accounts.set_role(user.id, role)
            stores.audit.record(None, "user.role", "user", user.id, before={"role": user.role},
                                after={"role": role, "by": "oidc", "provider": provider.name})
            user = user.model_copy(update={"role": role})
        return user
    except SignInRefused as refused:
        known = stores.accounts.by_oidc(provider.issuer, subject) if isinstance(
            subject, str) and subject else None
        stores.audit.record(None, "oidc.refused", "user" if known else "oidc_provider",
                            known.id if known else provider.name,
                            after={"reason": refused.code, "provider": provider.name})
        raise


def _create(stores: Stores, provider: OidcProvider, subject: str, role: ProviderRole,
            name: str) -> User:
    try:
        user = stores.accounts.create_oidc(role, name, provider.issuer, subject)
    except IntegrityError:  # the same person's first sign-in, twice at once: one row wins
        found = stores.accounts.by_oidc(provider.issuer, subject)
        if found is None:
            raise
        return found
    stores.audit.record(None, "user.create", "user", user.id,
                        after={"role": role, "by": "oidc", "provider": provider.name})
    return user

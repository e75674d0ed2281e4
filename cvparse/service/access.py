"""The life of an access, in one place: signing in, signing out, passwords and their reset
links, API tokens, deactivation, assignments, break-glass. Each function makes the change and
its audit entry; the API, the pages and the CLI call these, never the stores' pieces one by
one — so "deactivating ends every session and token at once" is true from every door."""

from __future__ import annotations

from datetime import timedelta

from cvparse.service.settings import Settings
from cvparse.service.store import Stores
from cvparse.service.store.accounts import AccountError, Role, User
from cvparse.service.store.break_glass import Grant
from cvparse.service.store.tokens import ApiToken

MIN_REASON = 15  # characters: "vérification" alone is not a reason


def start_session(stores: Stores, settings: Settings, user: User, method: str
                  ) -> tuple[str, str]:
    """(cookie value, csrf token) of a new session for `user`, audited."""
    secret, csrf = stores.sessions.start(user.id, method, settings.session_lifetime())
    stores.audit.record(user, "session.start", "user", user.id, after={"method": method})
    return secret, csrf


def end_session(stores: Stores, user: User | None, secret: str) -> None:
    if stores.sessions.end(secret) and user is not None:
        stores.audit.record(user, "session.end", "user", user.id)


def create_user(stores: Stores, actor: User | None, role: Role, display_name: str, *,
                login: str | None = None, password: str | None = None, token: bool = False,
                via: str | None = None) -> tuple[User, str | None]:
    """A new account and its audit entry; with `token`, its first API token (audited as
    issued, secret returned this once). The API, the CLI and the admin page all create
    accounts here, so the audit log reads the same whichever door was used."""
    user, _ = stores.accounts.create(role, display_name, login=login, password=password,
                                     token=False)
    after: dict = {"role": user.role, "login": login is not None}
    if via:
        after["by"] = via
    stores.audit.record(actor, "user.create", "user", user.id, after=after)
    secret = issue_token(stores, actor, user.id, "initial")[1] if token else None
    return user, secret


def set_active(stores: Stores, actor: User | None, user_id: str, active: bool) -> dict:
    """Deactivation ends the user's sessions, tokens and break-glass grants in the same
    breath; reactivation gives none of them back (new ones must be issued)."""
    if not stores.accounts.set_active(user_id, active):
        raise AccountError("unknown_user", f"no user {user_id}")
    ended = {"sessions": 0, "tokens": 0, "grants": 0}
    if not active:
        ended = {"sessions": stores.sessions.end_all(user_id),
                 "tokens": stores.tokens.revoke_all(user_id),
                 "grants": stores.break_glass.end_all(user_id)}
    stores.audit.record(actor, "user.activate" if active else "user.deactivate", "user",
                        user_id, after=ended)
    return ended


def change_password(stores: Stores, actor: User | None, user_id: str, password: str) -> int:
    """Set a new password (policy-checked) and end every session of the user, this one
    included: whoever held one must sign in again. Returns the sessions ended."""
    stores.accounts.set_password(user_id, password)
    ended = stores.sessions.end_all(user_id)
    stores.audit.record(actor, "user.password", "user", user_id, after={"sessions": ended})
    return ended


def issue_reset_link(stores: Stores, settings: Settings, actor: User | None, user_id: str
                     ) -> str:
    """The token of a one-time reset link (`/reset/<token>`), for an account with a login."""
    account = stores.accounts.account(user_id)
    if account is None:
        raise AccountError("unknown_user", f"no user {user_id}")
    if account.login is None:
        raise AccountError("missing_login", "this account signs in through its identity "
                           "provider or has no login: a reset link would not help")
    token = stores.sessions.issue_reset(user_id, getattr(actor, "id", None),
                                        timedelta(hours=settings.reset_link_hours))
    stores.audit.record(actor, "user.reset_link", "user", user_id,
                        after={"hours": settings.reset_link_hours})
    return token


def redeem_reset_link(stores: Stores, token: str, password: str) -> User:
    """Set the password through a link: refused when the link is unknown, used or late; the
    policy is checked before the link is used up (a refused password leaves it valid)."""
    user = stores.sessions.reset_user(token)
    if user is None:
        raise AccountError("bad_reset_link", "this link is unknown, used or expired: ask "
                           "your administrator for a new one")
    account = stores.accounts.account(user.id)
    from cvparse.service.store.passwords import check_policy

    check_policy(password, login=account.login if account else None, name=user.display_name)
    if not stores.sessions.use_reset(token):
        raise AccountError("bad_reset_link", "this link was used a moment ago")
    change_password(stores, user, user.id, password)
    return user


def issue_token(stores: Stores, actor: User | None, user_id: str, label: str
                ) -> tuple[ApiToken, str]:
    user = stores.accounts.get(user_id)
    if user is None or not user.active:
        raise AccountError("unknown_user", f"no active user {user_id}")
    token, secret = stores.tokens.issue(user_id, label)
    stores.audit.record(actor, "token.issue", "user", user_id,
                        after={"token": token.id, "label": token.label})
    return token, secret


def rotate_token(stores: Stores, actor: User | None, token_id: str) -> tuple[ApiToken, str]:
    rotated = stores.tokens.rotate(token_id)
    if rotated is None:
        raise AccountError("unknown_token", f"no live token {token_id}")
    token, secret = rotated
    stores.audit.record(actor, "token.rotate", "user", token.user_id,
                        before={"token": token_id}, after={"token": token.id})
    return token, secret


def revoke_token(stores: Stores, actor: User | None, token_id: str) -> ApiToken:
    token = stores.tokens.get(token_id)
    if token is None or not stores.tokens.revoke(token_id):
        raise AccountError("unknown_token", f"no live token {token_id}")
    stores.audit.record(actor, "token.revoke", "user", token.user_id,
                        after={"token": token_id})
    return token


def assign(stores: Stores, actor: User | None, advisor_id: str, job_seeker_id: str) -> None:
    stores.accounts.assign(advisor_id, job_seeker_id)
    stores.audit.record(actor, "assignment.create", "user", job_seeker_id,
                        after={"advisor": advisor_id})


def unassign(stores: Stores, actor: User | None, advisor_id: str, job_seeker_id: str) -> None:
    """The advisor loses access to this job seeker's documents on their next request."""
    if not stores.accounts.unassign(advisor_id, job_seeker_id):
        raise AccountError("not_assigned", f"{advisor_id} does not follow {job_seeker_id}")
    stores.audit.record(actor, "assignment.delete", "user", job_seeker_id,
                        before={"advisor": advisor_id})


def open_break_glass(stores: Stores, settings: Settings, actor: User, document_id: str,
                     reason: str, minutes: int) -> Grant:
    """Time-limited access for an administrator or operator to one document's content."""
    reason = " ".join(reason.split())
    if len(reason) < MIN_REASON:
        raise AccountError("reason_required", f"say why in at least {MIN_REASON} characters "
                           "(an incident number, a person's request…)")
    minutes = max(1, min(minutes, settings.break_glass_max_minutes))
    grant = stores.break_glass.open(actor.id, document_id, reason, timedelta(minutes=minutes))
    stores.audit.record(actor, "break_glass.open", "document", document_id,
                        after={"grant": grant.id, "minutes": minutes, "reason": reason})
    return grant

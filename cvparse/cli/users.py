"""`cvparse users …` and `cvparse tokens …`: accounts, password-reset links, deactivation,
advisor assignments, API tokens. Every change goes through `cvparse.service.access` (audited,
actor "cli"); no command prints a password, and a token's secret only once, when made."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from cvparse.cli.exits import EXIT_BAD_INPUT


def _fail(message: str) -> None:
    Console(stderr=True).print(f"[red]error[/red] {message}", highlight=False)
    raise typer.Exit(EXIT_BAD_INPUT)


def _stores():
    from cvparse.service.store import open_stores

    return open_stores()


def _errors():
    from cvparse.service.store.accounts import AccountError
    from cvparse.service.store.passwords import PasswordPolicyError

    return AccountError, PasswordPolicyError


def _link(token: str) -> str:
    from cvparse.service.settings import get_settings

    return get_settings().public_url.rstrip("/") + f"/reset/{token}"


def users_create(
    role: Annotated[str, typer.Option(help="job_seeker, advisor, ops or admin")],
    name: Annotated[str, typer.Option(help="display name")],
    login: Annotated[str | None, typer.Option(help="to sign in to the pages (e.g. an "
                                              "e-mail)")] = None,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="read the password from standard input (else, with --login, "
        "print a one-time link for the person to choose it)")] = False,
    token: Annotated[bool, typer.Option(help="also issue an API token (printed once)")] = False,
) -> None:
    """Create a user. With --login, they sign in to the pages: give them the printed one-time
    link to choose their password (or pipe one with --password-stdin)."""
    from cvparse.service import access
    from cvparse.service.settings import get_settings

    stores = _stores()
    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    if password_stdin and not login:
        _fail("--password-stdin needs --login")
    try:
        user, secret = access.create_user(stores, None, role, name,  # type: ignore[arg-type]
                                          login=login, password=password, token=token,
                                          via="cli")
    except _errors() as exc:
        _fail(str(exc))
        return
    print(f"{user.id} {user.role}" + (f" {secret}" if secret else ""))
    if login and not password_stdin:
        link = access.issue_reset_link(stores, get_settings(), None, user.id)
        print(f"password link (valid {get_settings().reset_link_hours:g} h, once): "
              f"{_link(link)}")


def users_list(role: Annotated[str | None, typer.Option(help="only this role")] = None) -> None:
    """Accounts: id, role, state, how they sign in, name."""
    for a in _stores().accounts.accounts(role, None, 10_000):  # type: ignore[arg-type]
        how = ("oidc" if a.oidc_issuer else "password" if a.has_password else
               "login" if a.login else "token")
        print(f"{a.id}\t{a.role}\t{'active' if a.active else 'inactive'}\t{how}\t"
              f"{a.login or '-'}\t{a.display_name}")


def users_deactivate(user_id: str) -> None:
    """Deactivate an account: its sessions end, its tokens are revoked, at once."""
    from cvparse.service import access

    try:
        ended = access.set_active(_stores(), None, user_id, False)
    except _errors() as exc:
        _fail(str(exc))
        return
    print(f"{user_id} deactivated: {ended['sessions']} session(s) ended, "
          f"{ended['tokens']} token(s) revoked, {ended['grants']} break-glass grant(s) closed")


def users_activate(user_id: str) -> None:
    """Let a deactivated account sign in again (its old tokens stay revoked)."""
    from cvparse.service import access

    try:
        access.set_active(_stores(), None, user_id, True)
    except _errors() as exc:
        _fail(str(exc))
    print(f"{user_id} active")


def users_reset_link(user_id: str) -> None:
    """Print a one-time link for this person to choose a new password."""
    from cvparse.service import access
    from cvparse.service.settings import get_settings

    try:
        token = access.issue_reset_link(_stores(), get_settings(), None, user_id)
    except _errors() as exc:
        _fail(str(exc))
        return
    print(_link(token))


def users_assign(advisor_id: str, job_seeker_id: str) -> None:
    """Let an advisor review a job seeker's documents."""
    from cvparse.service import access

    try:
        access.assign(_stores(), None, advisor_id, job_seeker_id)
    except _errors() as exc:
        _fail(str(exc))
    print(f"{advisor_id} now reviews {job_seeker_id}")


def users_unassign(advisor_id: str, job_seeker_id: str) -> None:
    """End an advisor's access to a job seeker's documents (from their next request)."""
    from cvparse.service import access

    try:
        access.unassign(_stores(), None, advisor_id, job_seeker_id)
    except _errors() as exc:
        _fail(str(exc))
    print(f"{advisor_id} no longer reviews {job_seeker_id}")


def tokens_list(user_id: str) -> None:
    """A user's API tokens (never their secrets), revoked ones included."""
    for t in _stores().tokens.of_user(user_id):
        state = f"revoked {t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "live"
        used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never used"
        print(f"{t.id}\tcvp_{t.prefix}_…\t{state}\t{used}\t{t.label}")


def tokens_issue(user_id: str,
                 label: Annotated[str, typer.Option(help="what the token is for")] = "") -> None:
    """Issue an API token; its secret is printed this once."""
    from cvparse.service import access

    try:
        token, secret = access.issue_token(_stores(), None, user_id, label)
    except _errors() as exc:
        _fail(str(exc))
        return
    print(f"{token.id} {secret}")


def tokens_rotate(token_id: str) -> None:
    """Replace a token by a new one (the old stops working now); prints the new secret."""
    from cvparse.service import access

    try:
        token, secret = access.rotate_token(_stores(), None, token_id)
    except _errors() as exc:
        _fail(str(exc))
        return
    print(f"{token.id} {secret}")


def tokens_revoke(token_id: str) -> None:
    """Revoke a token: refused from the next request on."""
    from cvparse.service import access

    try:
        access.revoke_token(_stores(), None, token_id)
    except _errors() as exc:
        _fail(str(exc))
    print(f"{token_id} revoked")

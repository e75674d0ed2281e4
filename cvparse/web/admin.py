"""The administration page (`/admin`): accounts, one-time password links, API tokens and
advisor assignments, for the role admin only.

Every change goes through `cvparse.service.access` — the same functions as the JSON admin API
and the CLI — so each is audited and "deactivating ends every session and token at once" holds
whichever door was used. The page shows accounts, never documents: administrators manage
access and read no CV, no draft, no file name (least privilege).

The forms are plain server-rendered POSTs, each with the session's CSRF token and an origin
check, answered by a redirect (Post/Redirect/Get) to a page whose status message says what
happened — no script needed, and a reload never repeats an action. A secret made by an action
(a password link, an API token) must be shown once, yet not travel in an address (history,
logs, Referer): it rides the redirect in a short-lived HttpOnly, SameSite=Strict cookie bound
to this session and to the account, and is dropped as soon as it is shown. Whoever can read
that cookie already holds the admin's session cookie beside it, which can issue new secrets
anyway, so it exposes nothing more."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cvparse.api.deps import Services, Svc
from cvparse.service import access
from cvparse.service.store.accounts import ROLES, Account, AccountError, User
from cvparse.web import format as fmt
from cvparse.web.i18n import strings
from cvparse.web.pages import _forbidden, _form_allowed, _login_redirect, _render, _user

router = APIRouter(include_in_schema=False)
ONCE_COOKIE = "cvparse_admin_once"  # a secret to show once, on the page the action leads to
ONCE_SECONDS = 120
LIST_LIMIT = 200  # accounts on the list page (search narrows it)
FIND_LIMIT = 20  # people offered for an assignment
CONFIRMABLE: tuple[str, ...] = ("deactivate", "activate", "revoke", "rotate", "unassign")


def _admin(request: Request, svc: Services) -> User | None:
    user = _user(request, svc)
    return user if user is not None and user.role == "admin" else None


def _lang(request: Request) -> str | None:
    return "en" if request.query_params.get("lang") == "en" else None


def _url(request: Request, path: str, **params: str | None) -> str:
    """A path of this site keeping the page's language; empty parameters left out."""
    query = {k: v for k, v in {**params, "lang": _lang(request)}.items() if v}
    return path + ("?" + urlencode(query) if query else "")


def _user_url(request: Request, user_id: str, **params: str | None) -> str:
    return _url(request, f"/admin/users/{quote(user_id)}", **params)


def _refused(request: Request, svc: Services, csrf: str) -> Response | User:
    """The signed-in admin if this form may act; else the answer to give: the login page to
    a visitor without an admin session, 403 to a form without this session's token or from
    another origin (a cross-site post)."""
    admin = _admin(request, svc)
    if admin is None:
        return _login_redirect(request)
    if not _form_allowed(request, csrf, request.state.session.csrf):
        return _forbidden(request)
    return admin


def _done(request: Request, svc: Services, user_id: str, done: str,
          **once: str | int | None) -> RedirectResponse:
    """Redirect to the account's page with its status message; `once` (a secret, counts)
    is handed over in the one-time cookie."""
    response = RedirectResponse(_user_url(request, user_id, done=done), status_code=303)
    values = {k: v for k, v in once.items() if v is not None}
    if values:
        payload = {"s": request.state.session.id_hash[:16], "u": user_id, **values}
        encoded = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
        secure = svc.settings.cookie_secure
        if secure is None:
            secure = request.url.scheme == "https"
        response.set_cookie(ONCE_COOKIE, encoded, max_age=ONCE_SECONDS, path="/admin",
                            httponly=True, samesite="strict", secure=secure)
    return response


def _failed(request: Request, user_id: str, code: str) -> RedirectResponse:
    return RedirectResponse(_user_url(request, user_id, error=code), status_code=303)


def _take_once(request: Request, user_id: str) -> dict:
    """The one-time values meant for this session and this account's page, if any."""
    raw = request.cookies.get(ONCE_COOKIE)
    if not raw:
        return {}
    try:
        payload = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    except (ValueError, binascii.Error):
        return {}
    session = request.state.session
    if not isinstance(payload, dict) or payload.get("u") != user_id or (
            session is None or payload.get("s") != session.id_hash[:16]):
        return {}
    return payload


def _status(request: Request, once: dict) -> tuple[str | None, bool]:
    """The status message named in the address (`done=` or `error=`), and whether it is an
    error. Unknown names say nothing: the address is not a place to write messages in."""
    t = strings(_lang(request))
    done, error = request.query_params.get("done"), request.query_params.get("error")
    if error:
        return t.get(f"adm_err_{error}", t["adm_err_other"]), True
    if done and f"adm_done_{done}" in t:
        return t[f"adm_done_{done}"].format(sessions=once.get("sessions", 0),
                                            tokens=once.get("tokens", 0)), False
    return None, False


def _signs_in(account: Account) -> str:
    """How the account signs in, as the key of its words."""
    if account.oidc_issuer:
        return "oidc"
    if account.has_password:
        return "password"
    return "pending" if account.login else "token"


def _hours(svc: Services) -> str:
    return f"{svc.settings.reset_link_hours:g}"


def _reset_url(request: Request, token: str) -> str:
    return str(request.base_url).rstrip("/") + f"/reset/{token}"


def _no_store(response: Response) -> Response:
    """Account lists and one-time secrets stay out of every cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/admin", response_class=HTMLResponse)
def accounts_page(request: Request, svc: Svc) -> Response:
    admin = _admin(request, svc)
    if admin is None:
        return _login_redirect(request)
    return _accounts(request, svc, admin, {}, None, 200)


def _accounts(request: Request, svc: Services, admin: User, form: dict, error: str | None,
              status_code: int) -> Response:
    """The list (searched by name or login, filtered by role) and the creation form — with
    `error` and the values sent when a creation was refused."""
    params = request.query_params
    q = (params.get("q") or "").strip()[:100]
    role = params.get("role") if params.get("role") in ROLES else None
    rows = [{"account": a, "signs_in": _signs_in(a)}
            for a in svc.stores.accounts.accounts(role, q or None, LIST_LIMIT)]  # type: ignore[arg-type]
    status, is_error = _status(request, {})
    response = _render(request, "admin.html", admin, rows=rows, q=q, role=role, roles=ROLES,
                       count=fmt.number(len(rows), _lang(request)), form=form,
                       create_error=error, status=status, status_error=is_error,
                       limit=LIST_LIMIT, action=_url(request, "/admin/users"))
    response.status_code = status_code
    return _no_store(response)


@router.post("/admin/users", response_class=HTMLResponse)
def create(request: Request, svc: Svc, role: Annotated[str, Form(max_length=20)],
           display_name: Annotated[str, Form(max_length=200)],
           login: Annotated[str, Form(max_length=254)] = "",
           token: Annotated[str, Form(max_length=10)] = "",
           csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    """A new account. The admin never chooses nor sees a password: an account with a login
    gets a one-time link for the person to choose theirs."""
    admin = _refused(request, svc, csrf)
    if not isinstance(admin, User):
        return admin
    t = strings(_lang(request))
    login = login.strip()
    form = {"role": role, "display_name": display_name, "login": login, "token": bool(token)}
    code = None
    if role not in ROLES:
        code = "bad_role"
    elif not display_name.strip():
        code = "bad_name"
    elif login and (len(login) < 3 or any(c.isspace() for c in login)):
        code = "bad_login"
    if code is None:
        try:
            user, secret = access.create_user(svc.stores, admin, role,  # type: ignore[arg-type]
                                              display_name, login=login or None,
                                              token=bool(token), via="page")
        except AccountError as exc:
            code = exc.code
    if code is not None:
        return _accounts(request, svc, admin, form,
                         t.get(f"adm_err_{code}", t["adm_err_other"]), 422)
    link = None
    if login:
        link = _reset_url(request, access.issue_reset_link(svc.stores, svc.settings, admin,
                                                           user.id))
    return _done(request, svc, user.id, "created", link=link, token=secret)


@router.get("/admin/users/{user_id}", response_class=HTMLResponse)
def account_page(request: Request, svc: Svc, user_id: str) -> Response:
    """One account: sign-in link, state, API tokens, assignments — nothing about documents."""
    admin = _admin(request, svc)
    if admin is None:
        return _login_redirect(request)
    account = svc.stores.accounts.account(user_id)
    if account is None or account.display_name == "(erased)":
        return _unknown(request, admin)
    lang = _lang(request)
    once = _take_once(request, user_id)
    status, is_error = _status(request, once)
    tokens = [{"token": tok, "created": fmt.when(tok.created_at, lang),
               "used": fmt.when(tok.last_used_at, lang),
               "revoked": fmt.when(tok.revoked_at, lang)}
              for tok in reversed(svc.stores.tokens.of_user(user_id))]
    linked, other_role = _linked(svc, account)
    find = (request.query_params.get("find") or "").strip()[:100]
    found = None
    if find and other_role:
        taken = {u.id for u in linked}
        found = [a for a in svc.stores.accounts.accounts(other_role, find, FIND_LIMIT)  # type: ignore[arg-type]
                 if a.id not in taken and a.active]
    response = _render(
        request, "admin_user.html", admin, account=account, signs_in=_signs_in(account),
        created=fmt.when(account.created_at, lang),
        password_changed=fmt.when(account.password_changed_at, lang), tokens=tokens,
        linked=linked, other_role=other_role, find=find, found=found, hours=_hours(svc),
        status=status, status_error=is_error, once_link=once.get("link"),
        once_token=once.get("token"), is_self=account.id == admin.id,
        url=lambda path="", **params: _user_url(request, user_id + path, **params),
        back=_url(request, "/admin"),
    )
    if request.cookies.get(ONCE_COOKIE):
        response.delete_cookie(ONCE_COOKIE, path="/admin")
    return _no_store(response)


def _linked(svc: Services, account: Account) -> tuple[list[User], str | None]:
    """The people this account is assigned to (an advisor's job seekers, a job seeker's
    advisors) by name, and the role an assignment would pair it with."""
    accounts = svc.stores.accounts
    if account.role == "advisor":
        ids, other = accounts.job_seekers_of(account.id), "job_seeker"
    elif account.role == "job_seeker":
        ids, other = accounts.advisors_of(account.id), "advisor"
    else:
        return [], None
    people = [u for u in (accounts.get(i) for i in ids) if u is not None]
    return sorted(people, key=lambda u: u.display_name.lower()), other


def _unknown(request: Request, admin: User) -> HTMLResponse:
    response = _render(request, "message.html", admin, title_key="adm_title",
                       message_key="adm_unknown_user")
    response.status_code = 404
    return response


@router.get("/admin/users/{user_id}/confirm/{action}", response_class=HTMLResponse)
def confirm_page(request: Request, svc: Svc, user_id: str, action: str,
                 item: str = "") -> Response:
    """The confirmation step before an action that cuts someone off (deactivation, a token
    revoked or rotated, an assignment removed): a page of its own with the consequence in
    words and one POST button — it works without any script."""
    admin = _admin(request, svc)
    if admin is None:
        return _login_redirect(request)
    account = svc.stores.accounts.account(user_id)
    if account is None or action not in CONFIRMABLE:
        return _unknown(request, admin)
    t = strings(_lang(request))
    words = {"name": account.display_name, "prefix": "", "advisor": "", "seeker": ""}
    other = None
    if action == "deactivate" and account.id == admin.id:
        return _failed(request, user_id, "self_deactivate")
    if action in ("revoke", "rotate"):
        token = svc.stores.tokens.get(item)
        if token is None or token.user_id != user_id or token.revoked_at is not None:
            return _failed(request, user_id, "unknown_token")
        words["prefix"] = token.prefix
        target = f"/tokens/{quote(token.id)}/{action}"
    elif action == "unassign":
        person = svc.stores.accounts.get(item)
        if person is None:
            return _failed(request, user_id, "not_assigned")
        advisor, seeker = ((account, person) if account.role == "advisor"
                           else (person, account))
        words.update(advisor=advisor.display_name, seeker=seeker.display_name)
        target, other = "/unassign", person.id
    else:
        target = f"/{action}"
    response = _render(request, "admin_confirm.html", admin, account=account,
                       message=t[f"adm_confirm_{action}"].format(**words),
                       button=t[f"adm_do_{action}"], danger=action != "activate", other=other,
                       action=_user_url(request, user_id + target),
                       back=_user_url(request, user_id))
    return _no_store(response)


@router.post("/admin/users/{user_id}/reset-link")
def reset_link(request: Request, svc: Svc, user_id: str,
               csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    """A new one-time link (the previous unused one stops working)."""
    admin = _refused(request, svc, csrf)
    if not isinstance(admin, User):
        return admin
    try:
        token = access.issue_reset_link(svc.stores, svc.settings, admin, user_id)
    except AccountError as exc:
        return _failed(request, user_id, exc.code)
    return _done(request, svc, user_id, "link", link=_reset_url(request, token))


@router.post("/admin/users/{user_id}/deactivate")
def deactivate(request: Request, svc: Svc, user_id: str,
               csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    """The account stops working at once: sessions ended, tokens revoked, grants closed."""
    admin = _refused(request, svc, csrf)
    if not isinstance(admin, User):
        return admin
    if user_id == admin.id:
        return _failed(request, user_id, "self_deactivate")
    try:
        ended = access.set_active(svc.stores, admin, user_id, False)
    except AccountError as exc:
        return _failed(request, user_id, exc.code)
    return _done(request, svc, user_id, "deactivated", sessions=ended["sessions"],
                 tokens=ended["tokens"])


@router.post("/admin/users/{user_id}/activate")
def activate(request: Request, svc: Svc, user_id: str,
             csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    admin = _refused(request, svc, csrf)
    if not isinstance(admin, User):
        return admin
    try:
        access.set_active(svc.stores, admin, user_id, True)
    except AccountError as exc:
        return _failed(request, user_id, exc.code)
    return _done(request, svc, user_id, "activated")


@router.post("/admin/users/{user_id}/tokens")
def issue_token(request: Request, svc: Svc, user_id: str,
                label: Annotated[str, Form(max_length=120)] = "",
                csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    admin = _refused(request, svc, csrf)
    if not isinstance(admin, User):
        return admin
    try:
        _, secret = access.issue_token(svc.stores, admin, user_id, label.strip())
    except AccountError as exc:
        return _failed(request, user_id, exc.code)
    return _done(request, svc, user_id, "token_issued", token=secret)


@router.post("/admin/users/{user_id}/tokens/{token_id}/{action}")
def change_token(request: Request, svc: Svc, user_id: str, token_id: str, action: str,
                 csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    """Rotate (a new secret, shown once; the old one stops now) or revoke one of this
    account's tokens — only a token of the account in the address."""
    admin = _refused(request, svc, csrf)
    if not isinstance(admin, User):
        return admin
    token = svc.stores.tokens.get(token_id)
    if action not in ("rotate", "revoke") or token is None or token.user_id != user_id:
        return _failed(request, user_id, "unknown_token")
    try:
        if action == "rotate":
            _, secret = access.rotate_token(svc.stores, admin, token_id)
            return _done(request, svc, user_id, "token_rotated", token=secret)
        access.revoke_token(svc.stores, admin, token_id)
    except AccountError as exc:
        return _failed(request, user_id, exc.code)
    return _done(request, svc, user_id, "token_revoked")


@router.post("/admin/users/{user_id}/assign")
def assign(request: Request, svc: Svc, user_id: str,
           other: Annotated[str, Form(max_length=64)],
           csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    return _assignment(request, svc, user_id, other, csrf, assign=True)


@router.post("/admin/users/{user_id}/unassign")
def unassign(request: Request, svc: Svc, user_id: str,
             other: Annotated[str, Form(max_length=64)],
             csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    """The advisor loses access to that person's documents on their next request."""
    return _assignment(request, svc, user_id, other, csrf, assign=False)


def _assignment(request: Request, svc: Services, user_id: str, other: str, csrf: str, *,
                assign: bool) -> Response:
    """From either side: on an advisor's page `other` is a job seeker, on a job seeker's
    page an advisor (the service refuses any other pair)."""
    admin = _refused(request, svc, csrf)
    if not isinstance(admin, User):
        return admin
    account = svc.stores.accounts.get(user_id)
    if account is None:
        return _unknown(request, admin)
    advisor, seeker = (user_id, other) if account.role == "advisor" else (other, user_id)
    try:
        if assign:
            access.assign(svc.stores, admin, advisor, seeker)
        else:
            access.unassign(svc.stores, admin, advisor, seeker)
    except AccountError as exc:
        return _failed(request, user_id, exc.code)
    return _done(request, svc, user_id, "assigned" if assign else "unassigned")

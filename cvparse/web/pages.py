"""Page routes: sign-in and sign-out (a server-side session in an HttpOnly cookie), password
reset and change, upload, the job seeker's documents, the advisor's list, review.

The lists are rendered here, from the same rules as the JSON API (`visible_documents`,
`document_for`), so what they say survives a reload; the scripts only act (upload, delete,
replace, follow a CV being read) through the API. A visitor without a valid session gets the
login page, never data."""

from __future__ import annotations

import secrets
from math import ceil
from pathlib import Path
from typing import Annotated, get_args
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from cvparse.api.deps import (
    SESSION_COOKIE,
    Services,
    Svc,
    client_address,
    document_for,
    same_origin,
    visible_documents,
)
from cvparse.api.errors import ApiError
from cvparse.engine.extract.sniff import refused_extensions
from cvparse.service import access, ratelimit
from cvparse.service.ratelimit import RateLimited
from cvparse.service.store.accounts import AccountError, User
from cvparse.service.store.listing import ListQuery, Sort, State
from cvparse.service.store.passwords import PasswordPolicyError
from cvparse.web import format as fmt
from cvparse.web.i18n import strings

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(include_in_schema=False)
LOGIN_COOKIE = "cvparse_login"  # the sign-in form's CSRF token (double submit)
PAGE_SIZE = 25  # rows per page of the advisor's list
SEEKER_LIMIT = 100  # a job seeker's CVs on one page (people have a handful)


def _user(request: Request, svc: Services) -> User | None:
    """The signed-in user of this page's session (kept on `request.state` for the forms'
    CSRF token), or None."""
    session = svc.session(request.cookies.get(SESSION_COOKIE))
    request.state.session = session
    return session.user if session else None


def _render(request: Request, name: str, user: User | None, **context) -> HTMLResponse:
    lang = "en" if request.query_params.get("lang") == "en" else "fr"
    other = {**request.query_params, "lang": "fr" if lang == "en" else "en"}
    session = getattr(request.state, "session", None)
    return templates.TemplateResponse(request, name, {
        "t": strings(lang), "lang": lang, "user": user, "lang_url": "?" + urlencode(other),
        "csrf": session.csrf if session else "", **context,
    })


def _form_allowed(request: Request, sent: str, expected: str | None) -> bool:
    """CSRF for the pages' forms: the token the page put in the form (compared in constant
    time) and a same-origin request. Another site can make a browser post a form; it cannot
    read the token."""
    return bool(expected) and secrets.compare_digest(sent, expected) and same_origin(request)


def _forbidden(request: Request) -> HTMLResponse:
    response = _render(request, "message.html", None, title_key="forbidden_title",
                       message_key="forbidden_form")
    response.status_code = 403
    return response


def _set_session(request: Request, svc: Services, response: Response, secret: str) -> None:
    """The session cookie: HttpOnly (no script reads it), Secure over HTTPS, SameSite=Lax (an
    identity provider's redirect back must carry it; every change also needs a CSRF token),
    and no longer than the session's absolute lifetime."""
    secure = svc.settings.cookie_secure
    if secure is None:
        secure = request.url.scheme == "https"
    response.set_cookie(SESSION_COOKIE, secret, httponly=True, samesite="lax", secure=secure,
                        max_age=int(svc.settings.session_lifetime().total_seconds()),
                        path="/")


def _login_redirect(request: Request) -> RedirectResponse:
    target = quote(str(request.url.path))
    return RedirectResponse(f"/login?next={target}", status_code=303)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, svc: Svc) -> Response:
    user = _user(request, svc)
    if user is None:
        return _login_redirect(request)
    if user.role == "job_seeker":  # someone who has sent a CV comes back to see where it is
        mine = visible_documents(svc, user, ListQuery(limit=1))
        return RedirectResponse("/my-documents" if mine.total else "/upload", 303)
    if user.role == "admin":  # administrators manage accounts; they have no CV list
        return RedirectResponse("/admin", 303)
    if user.role == "ops":  # operators run batches and read how drafts fare in use
        return RedirectResponse("/ops/feedback", 303)
    return RedirectResponse("/advisor", 303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, svc: Svc, next: str = "/") -> HTMLResponse:
    return _login_form(request, svc, next, None, 200)


def _wait(t: dict[str, str], exc: RateLimited) -> str:
    return t["too_many_attempts"].format(minutes=ceil(exc.retry_after / 60))


def _too_many(response: HTMLResponse, exc: RateLimited) -> HTMLResponse:
    """A form refused unchecked (`cvparse.service.ratelimit`): 429, and when to come back."""
    response.status_code = 429
    response.headers["Retry-After"] = str(exc.retry_after)
    return response


def _login_form(request: Request, svc: Services, next: str, error: str | None,
                status: int) -> HTMLResponse:
    """The sign-in form with a fresh CSRF token, in the form and in a strict cookie: a form
    posted from another site carries neither the same token nor (SameSite=Strict) the cookie,
    so nobody can sign a visitor in to someone else's account."""
    token = secrets.token_urlsafe(24)
    t = strings(request.query_params.get("lang"))
    notice = {"changed": t["password_changed"], "ended": t["session_ended"],
              "reset": t["password_changed"]}.get(request.query_params.get("done", ""))
    response = _render(request, "login.html", None, next=_safe_next(next), error=error,
                       login_csrf=token, notice=notice,
                       providers=svc.settings.oidc_providers)  # cvparse.web.oidc's buttons
    response.status_code = status
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict", path="/login",
                        secure=request.url.scheme == "https", max_age=3600)
    return response


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, svc: Svc, login: Annotated[str, Form(max_length=254)],
          password: Annotated[str, Form(max_length=1000)],
          csrf: Annotated[str, Form(max_length=100)] = "",
          next: Annotated[str, Form(max_length=2000)] = "/") -> Response:
    t = strings(request.query_params.get("lang"))
    if not _form_allowed(request, csrf, request.cookies.get(LOGIN_COOKIE)):
        return _login_form(request, svc, next, t["form_expired"], 403)
    try:
        user = ratelimit.check_password(svc.limiter, svc.stores.accounts, login, password,
                                        client_address(request))
    except RateLimited as exc:
        return _too_many(_login_form(request, svc, next, _wait(t, exc), 429), exc)
    if user is None:
        return _login_form(request, svc, next, t["bad_login"], 401)
    secret, _ = access.start_session(svc.stores, svc.settings, user, "password")
    response = RedirectResponse(_safe_next(next), status_code=303)
    _set_session(request, svc, response, secret)
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, svc: Svc,
           csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    """Ends the session on the server (the cookie is worthless from now on, even if kept) —
    only when asked by this site's own page."""
    cookie = request.cookies.get(SESSION_COOKIE)
    session = svc.session(cookie)
    if session is not None:
        if not _form_allowed(request, csrf, session.csrf):
            return _forbidden(request)
        access.end_session(svc.stores, session.user, cookie or "")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/reset/{token}", response_class=HTMLResponse)
def reset_page(request: Request, svc: Svc, token: str) -> HTMLResponse:
    """The page behind an administrator's one-time link: choose a password. An unknown link
    counts against the client's address (links are guessed here)."""
    address = [ratelimit.address_key(client_address(request))]
    try:
        user = svc.limiter.attempt(address, lambda: svc.stores.sessions.reset_user(token))
        response = _render(request, "password.html", None, mode="reset",
                           valid=user is not None, error=None, action=f"/reset/{quote(token)}")
        response.status_code = 200 if user else 410
    except RateLimited as exc:
        response = _too_many(_render(
            request, "password.html", None, mode="reset", valid=True,
            error=_wait(strings(request.query_params.get("lang")), exc),
            action=f"/reset/{quote(token)}"), exc)
    # The token is in this address: a Referer carries the origin only, never the path. Not
    # "no-referrer": under it Chromium sends `Origin: null` with the page's own form, which
    # `same_origin` rightly refuses — no link could ever be used.
    response.headers["Referrer-Policy"] = "strict-origin"
    return response


@router.post("/reset/{token}", response_class=HTMLResponse)
def reset(request: Request, svc: Svc, token: str,
          password: Annotated[str, Form(max_length=1000)],
          confirm: Annotated[str, Form(max_length=1000)]) -> Response:
    """The link's token is the secret a cross-site form lacks; the origin is checked too."""
    lang = request.query_params.get("lang")
    if not same_origin(request):
        return _forbidden(request)
    address = [ratelimit.address_key(client_address(request))]
    try:
        svc.limiter.check(address)
    except RateLimited as exc:
        return _too_many(_render(request, "password.html", None, mode="reset", valid=True,
                                 error=_wait(strings(lang), exc),
                                 action=f"/reset/{quote(token)}"), exc)
    error = _password_problem(password, confirm, lang)
    if error is None:
        try:
            access.redeem_reset_link(svc.stores, token, password)
        except PasswordPolicyError as exc:
            error = exc.en if lang == "en" else exc.fr
        except AccountError:
            svc.limiter.failure(address)
            response = _render(request, "password.html", None, mode="reset", valid=False,
                               error=None, action="")
            response.status_code = 410
            return response
    if error is not None:
        response = _render(request, "password.html", None, mode="reset", valid=True,
                           error=error, action=f"/reset/{quote(token)}")
        response.status_code = 422
        return response
    return RedirectResponse("/login?done=reset", status_code=303)


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, svc: Svc) -> Response:
    """Change one's password (accounts with a login)."""
    user = _user(request, svc)
    if user is None:
        return _login_redirect(request)
    account = svc.stores.accounts.account(user.id)
    return _render(request, "password.html", user, mode="change", valid=True, error=None,
                   action="/account", has_password=bool(account and account.has_password))


@router.post("/account", response_class=HTMLResponse)
def change_password(request: Request, svc: Svc,
                    current: Annotated[str, Form(max_length=1000)],
                    password: Annotated[str, Form(max_length=1000)],
                    confirm: Annotated[str, Form(max_length=1000)],
                    csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    """A new password ends every session of the account, this one included: whoever held
    one (a forgotten browser, a thief) must sign in again, with the new password."""
    user = _user(request, svc)
    if user is None:
        return _login_redirect(request)
    if not _form_allowed(request, csrf, request.state.session.csrf):
        return _forbidden(request)
    lang = request.query_params.get("lang")
    t = strings(lang)
    account = svc.stores.accounts.account(user.id)
    error = _password_problem(password, confirm, lang)
    try:
        if account is None or account.login is None or ratelimit.check_password(
                svc.limiter, svc.stores.accounts, account.login, current,
                client_address(request)) is None:
            error = t["bad_current_password"]
    except RateLimited as exc:
        return _too_many(_render(request, "password.html", user, mode="change", valid=True,
                                 error=_wait(t, exc), action="/account", has_password=True),
                         exc)
    if error is None:
        try:
            access.change_password(svc.stores, user, user.id, password)
        except PasswordPolicyError as exc:
            error = exc.en if lang == "en" else exc.fr
    if error is not None:
        response = _render(request, "password.html", user, mode="change", valid=True,
                           error=error, action="/account", has_password=True)
        response.status_code = 422
        return response
    response = RedirectResponse("/login?done=changed", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _password_problem(password: str, confirm: str, lang: str | None) -> str | None:
    if password != confirm:
        return strings(lang)["passwords_differ"]
    return None


def _safe_next(target: str) -> str:
    """Only a path on this site (no open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request, svc: Svc) -> Response:
    user = _user(request, svc)
    if user is None or user.role != "job_seeker":
        return _login_redirect(request)
    return _render(request, "upload.html", user, retention_days=svc.settings.retention_days,
                   **_limits(request, svc))


def _limits(request: Request, svc: Svc) -> dict:
    """The upload limit, stated on the page before anything is sent and checked by the
    browser (the server checks it again)."""
    lang = request.query_params.get("lang")
    return {"max_bytes": svc.settings.max_upload_bytes,
            "max_text": fmt.size(svc.settings.max_upload_bytes, lang),
            "refused": refused_extensions()}


@router.get("/my-documents", response_class=HTMLResponse)
def my_documents_page(request: Request, svc: Svc) -> Response:
    """A job seeker's CVs, each with its state in plain words and, once an advisor saved it,
    the profile itself (read-only, in words: no codes)."""
    user = _user(request, svc)
    if user is None or user.role != "job_seeker":
        return _login_redirect(request)
    lang = request.query_params.get("lang")
    t = strings(lang)
    docs = visible_documents(svc, user, ListQuery(limit=SEEKER_LIMIT)).items
    rows = []
    for doc in docs:
        profile = None
        if doc.profile_id:
            saved = svc.stores.reviews.profile(doc.profile_id)
            if saved is not None:
                svc.stores.audit.record(user, "profile.read", "profile", saved.id)
                profile = fmt.profile_view(saved, t, lang)
        name = t["file_purged"] if doc.status == "purged" else doc.filename
        rows.append({"doc": doc, "name": name, "state": fmt.seeker_state(doc, t, lang),
                     "uploaded": fmt.when(doc.created_at, lang), "profile": profile})
    return _render(request, "my_documents.html", user, rows=rows, **_limits(request, svc))


@router.get("/advisor", response_class=HTMLResponse)
def advisor_page(request: Request, svc: Svc) -> Response:
    """The advisor's list: one page, filtered, searched and sorted by the database."""
    user = _user(request, svc)
    if user is None or user.role != "advisor":
        return _login_redirect(request)
    params = request.query_params
    lang = params.get("lang")
    t = strings(lang)
    state = params.get("state") if params.get("state") in get_args(State) else None
    sort = params.get("sort") if params.get("sort") in get_args(Sort) else "-date"
    q = (params.get("q") or "").strip()[:100]
    try:
        number = min(max(1, int(params.get("page", "1"))), 1_000_000)  # SQLite's integers end
    except ValueError:
        number = 1
    query = ListQuery(state=state, q=q or None, sort=sort, offset=(number - 1) * PAGE_SIZE,
                      limit=PAGE_SIZE)
    page = visible_documents(svc, user, query)
    pages = max(1, ceil(page.total / PAGE_SIZE))
    if page.total and number > pages:  # past the end (the list shrank): show the last page
        number = pages
        query.offset = (pages - 1) * PAGE_SIZE
        page = visible_documents(svc, user, query)
    kept = {"state": state, "q": q, "sort": sort, "lang": lang}

    def link(**changes: str | int | None) -> str:
        """This list with some parameters changed (defaults left out of the address)."""
        target = {**kept, **changes}
        defaults = {"sort": "-date", "page": 1, "lang": "fr"}
        return "/advisor?" + urlencode({k: v for k, v in target.items()
                                        if v and defaults.get(k) != v})

    rows = [{"doc": d, "date": fmt.when(d.created_at, lang),
             "state": fmt.advisor_state(d, t, lang)} for d in page.items]
    return _render(
        request, "advisor.html", user, rows=rows, total=page.total,
        total_text=fmt.number(page.total, lang), state=state, q=q,
        sort=sort, page=number, pages=pages, first=page.offset + 1,
        last=page.offset + len(page.items), states=get_args(State), sorts=get_args(Sort),
        link=link,
    )


@router.get("/review/{document_id}", response_class=HTMLResponse)
def review_page(request: Request, svc: Svc, document_id: str) -> Response:
    user = _user(request, svc)
    if user is None or user.role != "advisor":
        return _login_redirect(request)
    try:
        doc = document_for(svc, user, document_id, review=True)
    except ApiError:
        return _login_redirect(request)
    # The draft's file name: the uploaded one often carries the person's name
    # ("CV_Nadia_BELKACEM.pdf"), which the review page shows only when revealed.
    draft = svc.stores.documents.draft(doc.id)
    name = draft.source.filename if draft is not None else "CV"
    return _render(request, "review.html", user, document=doc, filename=name)

"""Page routes: login (token → HttpOnly cookie), upload, the job seeker's documents, the
advisor's list, review.

The lists are rendered here, from the same rules as the JSON API (`visible_documents`,
`document_for`), so what they say survives a reload; the scripts only act (upload, delete,
replace, follow a CV being read) through the API. A visitor without a valid session gets the
login page, never data."""

from __future__ import annotations

from math import ceil
from pathlib import Path
from typing import Annotated, get_args
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from cvparse.api.deps import COOKIE, Svc, document_for, visible_documents
from cvparse.api.errors import ApiError
from cvparse.engine.extract.sniff import refused_extensions
from cvparse.service.store.accounts import User
from cvparse.service.store.listing import ListQuery, Sort, State
from cvparse.web import format as fmt
from cvparse.web.i18n import strings

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(include_in_schema=False)
SESSION_SECONDS = 8 * 3600  # a working day
PAGE_SIZE = 25  # rows per page of the advisor's list
SEEKER_LIMIT = 100  # a job seeker's CVs on one page (people have a handful)


def _user(request: Request, svc) -> User | None:
    token = request.cookies.get(COOKIE)
    return svc.authenticate(token) if token else None


def _render(request: Request, name: str, user: User | None, **context) -> HTMLResponse:
    lang = "en" if request.query_params.get("lang") == "en" else "fr"
    other = {**request.query_params, "lang": "fr" if lang == "en" else "en"}
    return templates.TemplateResponse(request, name, {
        "t": strings(lang), "lang": lang, "user": user, "lang_url": "?" + urlencode(other),
        **context,
    })


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
    return RedirectResponse("/advisor", 303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, svc: Svc, next: str = "/") -> HTMLResponse:
    return _render(request, "login.html", None, next=_safe_next(next), error=None)


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, svc: Svc, token: Annotated[str, Form()],
          next: Annotated[str, Form()] = "/") -> Response:
    user = svc.authenticate(token.strip())
    if user is None:
        response = _render(request, "login.html", None, next=_safe_next(next),
                           error=strings(request.query_params.get("lang"))["bad_token"])
        response.status_code = 401
        return response
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(COOKIE, token.strip(), max_age=SESSION_SECONDS, httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response


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
        number = max(1, int(params.get("page", "1")))
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

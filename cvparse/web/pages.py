"""Page routes: login (token → HttpOnly cookie), upload, advisor list, review.

Pages only render shells; data comes from the JSON API, with the same access rules. A visitor
without a valid session gets the login page, never data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from cvparse.api.deps import COOKIE, Svc, document_for, visible_documents
from cvparse.api.errors import ApiError
from cvparse.service.store.accounts import User
from cvparse.web.i18n import strings

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(include_in_schema=False)
SESSION_SECONDS = 8 * 3600  # a working day
PAGE_LIMIT = 10_000  # documents listed on the advisor's page


def _user(request: Request, svc) -> User | None:
    token = request.cookies.get(COOKIE)
    return svc.authenticate(token) if token else None


def _render(request: Request, name: str, user: User | None, **context) -> HTMLResponse:
    lang = request.query_params.get("lang", "fr")
    return templates.TemplateResponse(request, name, {
        "t": strings(lang), "lang": "en" if lang == "en" else "fr", "user": user, **context,
    })


def _login_redirect(request: Request) -> RedirectResponse:
    target = quote(str(request.url.path))
    return RedirectResponse(f"/login?next={target}", status_code=303)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, svc: Svc) -> Response:
    user = _user(request, svc)
    if user is None:
        return _login_redirect(request)
    return RedirectResponse("/upload" if user.role == "job_seeker" else "/advisor", 303)


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
                   max_mb=svc.settings.max_upload_bytes // (1024 * 1024))


@router.get("/advisor", response_class=HTMLResponse)
def advisor_page(request: Request, svc: Svc) -> Response:
    user = _user(request, svc)
    if user is None or user.role != "advisor":
        return _login_redirect(request)
    docs = visible_documents(svc, user, limit=PAGE_LIMIT)
    return _render(request, "advisor.html", user, documents=docs)


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

"""What every route needs: the stores, the settings, the caller (from a bearer token or a page
session), and the access rules in one place (the authorisation matrix test reads them through
the routes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from cvparse.api.errors import ApiError
from cvparse.engine.profile.models import DraftProfile
from cvparse.service.ratelimit import Limiter, authenticate_token, limiter_for
from cvparse.service.review.models import ReviewState
from cvparse.service.settings import Settings
from cvparse.service.store import Stores
from cvparse.service.store.accounts import Role, User
from cvparse.service.store.documents import DocumentRecord, UnknownDocumentError
from cvparse.service.store.listing import ListPage, ListQuery, Scope
from cvparse.service.store.sessions import Session

SESSION_COOKIE = "cvparse_session"
CSRF_HEADER = "X-Requested-With"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CONTENT_READERS: tuple[Role, ...] = ("job_seeker", "advisor")  # others: break-glass only


@dataclass
class Services:
    settings: Settings
    stores: Stores
    celery: object | None = None  # a Celery app; None: the default (in-process if no broker)
    limiter: Limiter = None  # type: ignore[assignment]  # None: from the settings

    def __post_init__(self) -> None:
        if self.limiter is None:
            self.limiter = limiter_for(self.settings)

    def bearer(self, token: str, address: str | None = None) -> User | None:
        """The user of a live API token. Read from the database on every request (one indexed
        row): a revoked token or a deactivated user is refused at once, in every process.
        Wrong tokens are counted per client address; past its budget, `RateLimited`."""
        return authenticate_token(self.limiter, self.stores.tokens, token, address)

    def session(self, cookie: str | None) -> Session | None:
        """The live page session this cookie opens (idle and absolute limits applied)."""
        if not cookie:
            return None
        return self.stores.sessions.get(cookie, self.settings.session_idle())


def services(request: Request) -> Services:
    return request.app.state.services


_bearer = HTTPBearer(auto_error=False, description="cvp_… token given by an administrator")
_cookie = APIKeyCookie(name=SESSION_COOKIE, auto_error=False,
                       description="the pages' session (signed in at /login)")


def client_address(request: Request) -> str | None:
    """The client's address as uvicorn reports it, for the rate limits. X-Forwarded-For is
    never read here (any client can write it): uvicorn replaces the address with the
    header's only when the connection comes from a trusted proxy (--forwarded-allow-ips;
    127.0.0.1 by default)."""
    return request.client.host if request.client else None


def same_origin(request: Request) -> bool:
    """Whether a request that changes something comes from this site's own pages: its Origin
    (or, when a browser sends none, its Referer) names this host. A request with neither is
    let through here — a form must then still carry its CSRF token, and a script call its
    custom header. "null" (a sandboxed frame, a privacy redirect) is refused."""
    source = request.headers.get("origin") or request.headers.get("referer")
    if source is None:
        return True
    host = request.headers.get("host", "")
    return source != "null" and urlsplit(source).netloc == host


def current_user(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    cookie: Annotated[str | None, Depends(_cookie)],
) -> User:
    """From the bearer token, or from the pages' session cookie. A cookie alone never
    authorises a change: the pages' scripts add a custom header that another site's form
    cannot send, and the request must come from this origin (CSRF)."""
    if credentials is not None:
        user = svc.bearer(credentials.credentials, client_address(request))
        if user is None:
            raise ApiError(401, "unauthenticated", "Unknown, revoked or malformed token.")
        return user
    if cookie is None:
        raise ApiError(401, "unauthenticated", "Authentication required: send "
                       "'Authorization: Bearer <token>'.")
    if request.method not in SAFE_METHODS and (
        request.headers.get(CSRF_HEADER) != "cvparse" or not same_origin(request)
    ):
        raise ApiError(403, "forbidden", "A change made with the session cookie must come "
                       "from cvparse's own pages.")
    session = svc.session(cookie)
    if session is None:
        raise ApiError(401, "unauthenticated", "Your session has ended: sign in again.")
    request.state.session = session
    return session.user


Caller = Annotated[User, Depends(current_user)]
Svc = Annotated[Services, Depends(services)]


def require(user: User, *roles: Role) -> None:
    if user.role not in roles:
        raise ApiError(403, "forbidden",
                       f"Your role ({user.role}) cannot do this; it needs: {', '.join(roles)}.")


def visible_documents(svc: Services, user: User, query: ListQuery | None = None) -> ListPage:
    """The documents this caller may list (same rule as `document_for`), one page of them as
    `query` asks (state, name, order), read and audited. Administrators and operators list
    none: a list of CVs names people (file names, owners), and they manage accounts and runs."""
    if user.role == "advisor":
        scope = Scope(advisor=user.id)
    elif user.role == "job_seeker":
        scope = Scope(owners=(user.id,))
    else:
        raise ApiError(403, "forbidden", f"Your role ({user.role}) does not list CVs.")
    page = svc.stores.listing.page(scope, query or ListQuery())
    svc.stores.audit.record(user, "document.list", "documents", user.id,
                            after={"count": len(page.items)})
    return page


def document_for(svc: Services, user: User, document_id: str, *, review: bool = False
                 ) -> DocumentRecord:
    """The document, if this caller may see it (or review it): a job seeker their own, an
    advisor those of the job seekers assigned to them (checked in the database on each
    request: an unassignment takes effect at once). An administrator or operator reads none,
    except under a live break-glass grant for this very document (each read audited), and
    never reviews. Another person's document is "not found" for a job seeker, as if it did not
    exist: a job seeker never learns which ids are someone's CV."""
    missing = ApiError(404, "not_found", f"No document {document_id}.")
    try:
        doc = svc.stores.documents.get(document_id)
    except UnknownDocumentError:
        raise missing from None
    if user.role == "job_seeker" and doc.owner_id != user.id:
        raise missing
    if user.role == "advisor":
        allowed = svc.stores.accounts.is_assigned(user.id, doc.owner_id)
    elif user.role == "job_seeker":
        allowed = not review
    else:
        grant = None if review else svc.stores.break_glass.active(user.id, doc.id)
        if grant is not None:
            svc.stores.audit.record(user, "break_glass.read", "document", doc.id,
                                    after={"grant": grant.id})
        allowed = grant is not None
    if not allowed:
        raise ApiError(403, "forbidden", "You have no access to this document.")
    return doc


def draft_and_state(svc: Services, doc: DocumentRecord) -> tuple[DraftProfile, ReviewState]:
    """The draft under review (which a re-processing run never replaces once an advisor has
    decided on it) and the review's state."""
    if doc.draft_id is None:
        raise ApiError(409, "draft_not_ready",
                       f"The draft is not ready: the document is {doc.status}.",
                       document_status=doc.status)
    state = svc.stores.reviews.state(doc.id, doc.draft_id)
    return svc.stores.documents.draft_by_id(state.draft_id), state

"""What every route needs: the stores, the settings, the caller (from a bearer token), and the
access rules in one place (the authorisation matrix test reads them through the routes)."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from cvparse.api.errors import ApiError
from cvparse.engine.profile.models import DraftProfile
from cvparse.service.review.models import ReviewState
from cvparse.service.settings import Settings
from cvparse.service.store import Stores
from cvparse.service.store.accounts import Role, User
from cvparse.service.store.documents import DocumentRecord, UnknownDocumentError
from cvparse.service.store.listing import ListPage, ListQuery, Scope

TOKEN_CACHE_SECONDS = 60.0  # argon2 is slow on purpose; a verified token is trusted this long


@dataclass
class Services:
    settings: Settings
    stores: Stores
    celery: object | None = None  # a Celery app; None: the default (in-process if no broker)
    _tokens: dict[str, tuple[float, User]] = field(default_factory=dict)

    def authenticate(self, token: str) -> User | None:
        key = hashlib.sha256(token.encode()).hexdigest()
        hit = self._tokens.get(key)
        if hit and time.monotonic() - hit[0] < TOKEN_CACHE_SECONDS:
            return hit[1]
        user = self.stores.accounts.authenticate(token)
        if user is not None:
            self._tokens[key] = (time.monotonic(), user)
        return user

    def forget_tokens(self) -> None:
        """Verify every token again (an account was erased or deactivated)."""
        self._tokens.clear()


def services(request: Request) -> Services:
    return request.app.state.services


_bearer = HTTPBearer(auto_error=False, description="cvp_… token given by an administrator")


COOKIE = "cvparse_token"
CSRF_HEADER = "X-Requested-With"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def current_user(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User:
    """From the bearer token, or from the web pages' session cookie. A cookie alone never
    authorises a change: the pages' scripts add a custom header that another site's form
    cannot send (CSRF), on top of the cookie's SameSite=Strict."""
    token = credentials.credentials if credentials else request.cookies.get(COOKIE)
    if token is None:
        raise ApiError(401, "unauthenticated", "Authentication required: send "
                       "'Authorization: Bearer <token>'.")
    if credentials is None and request.method not in SAFE_METHODS and (
        request.headers.get(CSRF_HEADER) != "cvparse"
    ):
        raise ApiError(403, "forbidden", "A change made with the session cookie must come "
                       "from cvparse's own pages.")
    user = svc.authenticate(token)
    if user is None:
        raise ApiError(401, "unauthenticated", "Unknown, revoked or malformed token.")
    return user


Caller = Annotated[User, Depends(current_user)]
Svc = Annotated[Services, Depends(services)]


def require(user: User, *roles: Role) -> None:
    if user.role not in roles:
        raise ApiError(403, "forbidden",
                       f"Your role ({user.role}) cannot do this; it needs: {', '.join(roles)}.")


def visible_documents(svc: Services, user: User, query: ListQuery | None = None) -> ListPage:
    """The documents this caller may list (same rule as `document_for`), one page of them as
    `query` asks (state, name, order), read and audited."""
    if user.role == "admin":
        scope = Scope()
    elif user.role == "advisor":
        scope = Scope(advisor=user.id)
    else:
        scope = Scope(owners=(user.id,))
    page = svc.stores.listing.page(scope, query or ListQuery())
    svc.stores.audit.record(user, "document.list", "documents", user.id,
                            after={"count": len(page.items)})
    return page


def document_for(svc: Services, user: User, document_id: str, *, review: bool = False
                 ) -> DocumentRecord:
    """The document, if this caller may see it (or review it): a job seeker their own, an
    advisor those of the job seekers assigned to them, an admin any; ops never (CV content).
    Another person's document is "not found" for a job seeker, as if it did not exist: a job
    seeker never learns which ids are someone's CV."""
    missing = ApiError(404, "not_found", f"No document {document_id}.")
    try:
        doc = svc.stores.documents.get(document_id)
    except UnknownDocumentError:
        raise missing from None
    if user.role == "job_seeker" and doc.owner_id != user.id:
        raise missing
    if review:
        allowed = user.role == "advisor" and svc.stores.accounts.is_assigned(user.id,
                                                                             doc.owner_id)
    else:
        allowed = (
            user.role == "admin"
            or (user.role == "job_seeker" and doc.owner_id == user.id)
            or (user.role == "advisor"
                and svc.stores.accounts.is_assigned(user.id, doc.owner_id))
        )
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

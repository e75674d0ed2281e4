"""Break-glass: an administrator or operator opens time-limited, audited access to one
document's content (an incident, a person's own request), with a reason. Without a grant they
read no CV text, draft, profile or page image (`cvparse.api.deps.document_for`)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from cvparse.api.deps import Caller, Svc, require
from cvparse.api.errors import ApiError
from cvparse.service import access
from cvparse.service.store.break_glass import Grant
from cvparse.service.store.documents import UnknownDocumentError

router = APIRouter()


class BreakGlassIn(BaseModel):
    document_id: str = Field(max_length=64)
    reason: str = Field(min_length=1, max_length=500,
                        description="why (an incident number, the person's request…)")
    minutes: int = Field(default=30, ge=1, le=24 * 60,
                         description="capped by the setting `break_glass_max_minutes`")


@router.post("/break-glass", status_code=201, response_model=Grant, tags=["admin"])
def open_grant(body: BreakGlassIn, svc: Svc, user: Caller) -> Grant:
    require(user, "admin", "ops")
    try:
        svc.stores.documents.get(body.document_id)
    except UnknownDocumentError:
        raise ApiError(404, "not_found", f"No document {body.document_id}.") from None
    return access.open_break_glass(svc.stores, svc.settings, user, body.document_id,
                                   body.reason, body.minutes)


@router.get("/break-glass", response_model=list[Grant], tags=["admin"])
def my_grants(svc: Svc, user: Caller) -> list[Grant]:
    require(user, "admin", "ops")
    return svc.stores.break_glass.of_user(user.id)


@router.delete("/break-glass/{grant_id}", status_code=204, tags=["admin"])
def close_grant(grant_id: str, svc: Svc, user: Caller) -> None:
    """End one's own grant before its time."""
    require(user, "admin", "ops")
    if not svc.stores.break_glass.end(grant_id, user.id):
        raise ApiError(404, "not_found", f"No open grant {grant_id}.")
    svc.stores.audit.record(user, "break_glass.close", "grant", grant_id)

"""Administration: erasure of a person, the audit log (accounts, tokens and assignments are
in `users`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from cvparse.api.deps import Caller, Svc, require
from cvparse.api.errors import ApiError
from cvparse.service.store.audit import AuditEntry

router = APIRouter()


@router.post("/users/{user_id}/erase", tags=["admin"])
def erase(user_id: str, svc: Svc, user: Caller) -> dict[str, int]:
    """Right to erasure for one job seeker: every document, draft, profile and file about
    them; one audit record without personal data remains."""
    require(user, "admin")
    from cvparse.service.retention import erase_person

    person = svc.stores.accounts.get(user_id)
    if person is None or person.role != "job_seeker":
        raise ApiError(404, "not_found", f"No job seeker {user_id}.")
    return erase_person(svc.stores, user_id, actor=user).__dict__

@router.get("/audit", response_model=list[AuditEntry], tags=["admin"])
def audit(svc: Svc, user: Caller, target_id: str | None = None,
          limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> list[AuditEntry]:
    require(user, "admin")
    return svc.stores.audit.entries(target_id, limit)

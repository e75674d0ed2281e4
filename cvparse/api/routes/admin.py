"""Administration: accounts and their tokens, advisor assignments, erasure, the audit log; and
who the caller is (`/me`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from cvparse.api.deps import Caller, Svc, require
from cvparse.api.errors import ApiError
from cvparse.service.store.accounts import Role, User
from cvparse.service.store.audit import AuditEntry

router = APIRouter()


class UserIn(BaseModel):
    role: Role
    display_name: str = Field(min_length=1, max_length=120)

class UserOut(BaseModel):
    user: User
    token: str

class AssignmentIn(BaseModel):
    advisor_id: str
    job_seeker_id: str

@router.post("/users", status_code=201, response_model=UserOut, tags=["admin"])
def create_user(body: UserIn, svc: Svc, user: Caller) -> UserOut:
    """Create a user; the token is shown this once."""
    require(user, "admin")
    created, token = svc.stores.accounts.create(body.role, body.display_name)
    svc.stores.audit.record(user, "user.create", "user", created.id,
                            after={"role": created.role})
    return UserOut(user=created, token=token)

@router.post("/assignments", status_code=204, tags=["admin"])
def assign(body: AssignmentIn, svc: Svc, user: Caller) -> None:
    require(user, "admin")
    try:
        svc.stores.accounts.assign(body.advisor_id, body.job_seeker_id)
    except ValueError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None
    svc.stores.audit.record(user, "assignment.create", "user", body.job_seeker_id,
                            after={"advisor": body.advisor_id})

@router.post("/users/{user_id}/erase", tags=["admin"])
def erase(user_id: str, svc: Svc, user: Caller) -> dict[str, int]:
    """Right to erasure for one job seeker: every document, draft, profile and file about
    them; one audit record without personal data remains."""
    require(user, "admin")
    from cvparse.service.retention import erase_person

    person = svc.stores.accounts.get(user_id)
    if person is None or person.role != "job_seeker":
        raise ApiError(404, "not_found", f"No job seeker {user_id}.")
    report = erase_person(svc.stores, user_id, actor=user)
    svc.forget_tokens()  # a cached token of the erased account stops working now
    return report.__dict__

@router.get("/audit", response_model=list[AuditEntry], tags=["admin"])
def audit(svc: Svc, user: Caller, target_id: str | None = None,
          limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> list[AuditEntry]:
    require(user, "admin")
    return svc.stores.audit.entries(target_id, limit)

@router.get("/me", response_model=User, tags=["users"])
def me(user: Caller) -> User:
    return user

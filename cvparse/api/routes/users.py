"""Accounts (administrators): create, list, deactivate or reactivate; password-reset links;
API tokens (list, issue, rotate, revoke); advisor assignments. Every change goes through
`cvparse.service.access`, which audits it; none of these responses holds CV content."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from cvparse.api.deps import Caller, Svc, require
from cvparse.api.errors import ApiError
from cvparse.service import access
from cvparse.service.store.accounts import Account, Role, User
from cvparse.service.store.tokens import ApiToken

router = APIRouter()


class UserIn(BaseModel):
    role: Role
    display_name: str = Field(min_length=1, max_length=120)
    login: str | None = Field(default=None, min_length=3, max_length=254,
                              description="to sign in to the pages (with `password`)")
    password: str | None = Field(default=None, min_length=1, max_length=200,
                                 description="12 characters or more, not a common one; or "
                                 "leave it out and send a reset link")
    token: bool = Field(default=False, description="also issue a first API token")


class UserOut(BaseModel):
    user: User
    token: str | None = None


class TokenIn(BaseModel):
    label: str = Field(default="", max_length=120)


class TokenOut(BaseModel):
    token: ApiToken
    secret: str = Field(description="the bearer token, shown this once")


class ResetLinkOut(BaseModel):
    url: str
    hours: float


class AssignmentIn(BaseModel):
    advisor_id: str
    job_seeker_id: str


class Ended(BaseModel):
    sessions: int
    tokens: int
    grants: int


@router.post("/users", status_code=201, response_model=UserOut, tags=["admin"])
def create_user(body: UserIn, svc: Svc, user: Caller) -> UserOut:
    """Create a user: with a login (and a password, or a reset link sent afterwards) to sign
    in to the pages; with `token` also a first API token, shown this once."""
    require(user, "admin")
    created, token = access.create_user(svc.stores, user, body.role, body.display_name,
                                        login=body.login, password=body.password,
                                        token=body.token)
    return UserOut(user=created, token=token)


@router.get("/users", response_model=list[Account], tags=["admin"])
def list_users(svc: Svc, user: Caller, role: Role | None = None,
               q: Annotated[str | None, Query(max_length=100)] = None,
               limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[Account]:
    require(user, "admin")
    return svc.stores.accounts.accounts(role, q, limit)


@router.get("/users/{user_id}", response_model=Account, tags=["admin"])
def read_user(user_id: str, svc: Svc, user: Caller) -> Account:
    require(user, "admin")
    account = svc.stores.accounts.account(user_id)
    if account is None:
        raise ApiError(404, "unknown_user", f"No user {user_id}.")
    return account


@router.post("/users/{user_id}/deactivate", response_model=Ended, tags=["admin"])
def deactivate(user_id: str, svc: Svc, user: Caller) -> Ended:
    """The account stops working at once: its sessions end, its tokens are revoked, its
    break-glass grants close (the counts say how many)."""
    require(user, "admin")
    if user_id == user.id:
        raise ApiError(422, "invalid_request", "You cannot deactivate your own account.",
                       "Vous ne pouvez pas désactiver votre propre compte.")
    return Ended(**access.set_active(svc.stores, user, user_id, False))


@router.post("/users/{user_id}/activate", response_model=Ended, tags=["admin"])
def activate(user_id: str, svc: Svc, user: Caller) -> Ended:
    """The account may sign in again; its old tokens stay revoked."""
    require(user, "admin")
    return Ended(**access.set_active(svc.stores, user, user_id, True))


@router.post("/users/{user_id}/reset-link", status_code=201, response_model=ResetLinkOut,
             tags=["admin"])
def reset_link(user_id: str, request: Request, svc: Svc, user: Caller) -> ResetLinkOut:
    """A one-time link to set a new password, to hand to the person (valid
    `reset_link_hours`; a newer link replaces it)."""
    require(user, "admin")
    token = access.issue_reset_link(svc.stores, svc.settings, user, user_id)
    return ResetLinkOut(url=str(request.base_url).rstrip("/") + f"/reset/{token}",
                        hours=svc.settings.reset_link_hours)


@router.get("/users/{user_id}/tokens", response_model=list[ApiToken], tags=["admin"])
def list_tokens(user_id: str, svc: Svc, user: Caller) -> list[ApiToken]:
    """A user's tokens, revoked ones included (never their secrets)."""
    require(user, "admin")
    return svc.stores.tokens.of_user(user_id)


@router.post("/users/{user_id}/tokens", status_code=201, response_model=TokenOut,
             tags=["admin"])
def issue_token(user_id: str, body: TokenIn, svc: Svc, user: Caller) -> TokenOut:
    require(user, "admin")
    token, secret = access.issue_token(svc.stores, user, user_id, body.label)
    return TokenOut(token=token, secret=secret)


@router.post("/tokens/{token_id}/rotate", status_code=201, response_model=TokenOut,
             tags=["admin"])
def rotate_token(token_id: str, svc: Svc, user: Caller) -> TokenOut:
    """A new secret for the same client; the old one stops working now."""
    require(user, "admin")
    token, secret = access.rotate_token(svc.stores, user, token_id)
    return TokenOut(token=token, secret=secret)


@router.delete("/tokens/{token_id}", status_code=204, tags=["admin"])
def revoke_token(token_id: str, svc: Svc, user: Caller) -> None:
    require(user, "admin")
    access.revoke_token(svc.stores, user, token_id)


@router.post("/assignments", status_code=204, tags=["admin"])
def assign(body: AssignmentIn, svc: Svc, user: Caller) -> None:
    require(user, "admin")
    access.assign(svc.stores, user, body.advisor_id, body.job_seeker_id)


@router.delete("/assignments/{advisor_id}/{job_seeker_id}", status_code=204, tags=["admin"])
def unassign(advisor_id: str, job_seeker_id: str, svc: Svc, user: Caller) -> None:
    """The advisor loses access to this job seeker's documents on their next request."""
    require(user, "admin")
    access.unassign(svc.stores, user, advisor_id, job_seeker_id)


@router.get("/me", response_model=User, tags=["users"])
def me(user: Caller) -> User:
    return user

"""Users, their bearer tokens and advisor assignments.

A token is shown once, at creation: `cvp_<prefix>_<secret>`. The database keeps the prefix (to
find the row) and an argon2 hash of the secret, so a leaked database does not leak tokens."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import sessionmaker

from cvparse.service.store.documents import new_id
from cvparse.service.store.models import AssignmentRow, UserRow

Role = Literal["job_seeker", "advisor", "ops", "admin"]
ROLES: tuple[Role, ...] = ("job_seeker", "advisor", "ops", "admin")
# Hashing cost tuned for a request path: ~5 ms per verification, still memory-hard.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


class User(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    role: Role
    display_name: str
    active: bool
    created_at: datetime


class AccountStore:
    def __init__(self, engine: Engine) -> None:
        self._session = sessionmaker(engine, expire_on_commit=False)

    def create(self, role: Role, display_name: str) -> tuple[User, str]:
        """A new user and their token (returned once, never stored in clear)."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
        prefix = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        row = UserRow(id=new_id(), role=role, display_name=display_name[:120],
                      token_prefix=prefix, token_hash=_HASHER.hash(secret), active=True)
        with self._session.begin() as session:
            session.add(row)
        return User.model_validate(row), f"cvp_{prefix}_{secret}"

    def authenticate(self, token: str) -> User | None:
        parts = token.split("_", 2)
        if len(parts) != 3 or parts[0] != "cvp" or not parts[1] or not parts[2]:
            return None
        with self._session() as session:
            row = session.scalars(select(UserRow).where(UserRow.token_prefix == parts[1])).first()
            if row is None or not row.active:
                return None
            try:
                _HASHER.verify(row.token_hash, parts[2])
            except (VerificationError, InvalidHashError):
                return None
            return User.model_validate(row)

    def get(self, user_id: str) -> User | None:
        with self._session() as session:
            row = session.get(UserRow, user_id)
            return User.model_validate(row) if row else None

    def deactivate(self, user_id: str) -> None:
        with self._session.begin() as session:
            row = session.get(UserRow, user_id)
            if row:
                row.active = False

    def assign(self, advisor_id: str, job_seeker_id: str) -> None:
        advisor, seeker = self.get(advisor_id), self.get(job_seeker_id)
        if not advisor or advisor.role != "advisor":
            raise ValueError(f"{advisor_id} is not an advisor")
        if not seeker or seeker.role != "job_seeker":
            raise ValueError(f"{job_seeker_id} is not a job seeker")
        with self._session.begin() as session:
            if session.get(AssignmentRow, (advisor_id, job_seeker_id)) is None:
                session.add(AssignmentRow(advisor_id=advisor_id, job_seeker_id=job_seeker_id))

    def unassign(self, advisor_id: str, job_seeker_id: str) -> None:
        with self._session.begin() as session:
            session.execute(delete(AssignmentRow).where(
                AssignmentRow.advisor_id == advisor_id,
                AssignmentRow.job_seeker_id == job_seeker_id,
            ))

    def job_seekers_of(self, advisor_id: str) -> list[str]:
        query = select(AssignmentRow.job_seeker_id).where(AssignmentRow.advisor_id == advisor_id)
        with self._session() as session:
            return list(session.scalars(query))

    def is_assigned(self, advisor_id: str, job_seeker_id: str | None) -> bool:
        if job_seeker_id is None:
            return False
        with self._session() as session:
            return session.get(AssignmentRow, (advisor_id, job_seeker_id)) is not None

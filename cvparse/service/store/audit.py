"""The audit log: who read or changed which personal data, when, and from what to what."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.orm import Session, sessionmaker

from cvparse.service.store.models import AuditRow


class AuditEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    actor_id: str | None
    actor_role: str | None
    action: str
    target_type: str
    target_id: str
    before: Any | None
    after: Any | None


def add_entry(
    executor: Session | Connection, actor, action: str, target_type: str, target_id: str,
    before: Any = None, after: Any = None,
) -> None:
    """Write an entry inside the caller's transaction (an ORM session or a Core connection):
    the change and its record commit together or not at all."""
    executor.execute(insert(AuditRow).values(
        actor_id=getattr(actor, "id", None), actor_role=getattr(actor, "role", None),
        action=action, target_type=target_type, target_id=target_id, before=before, after=after,
    ))


class AuditLog:
    def __init__(self, engine: Engine) -> None:
        self._session = sessionmaker(engine, expire_on_commit=False)

    def record(self, actor, action: str, target_type: str, target_id: str,
               before: Any = None, after: Any = None) -> None:
        with self._session.begin() as session:
            add_entry(session, actor, action, target_type, target_id, before, after)

    def entries(self, target_id: str | None = None, limit: int = 1000) -> list[AuditEntry]:
        query = select(AuditRow).order_by(AuditRow.id).limit(limit)
        if target_id:
            query = query.where(AuditRow.target_id == target_id)
        with self._session() as session:
            return [AuditEntry.model_validate(r) for r in session.scalars(query)]

"""Break-glass grants: an administrator or operator reads one document's content (text,
draft, profile, page images) for a limited time, having said why. Opening a grant and every
read under it are audited; the grant ends by itself."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import sessionmaker

from cvparse.service.store.documents import new_id
from cvparse.service.store.models import BreakGlassRow, utcnow


class Grant(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    user_id: str
    document_id: str
    reason: str
    created_at: datetime
    expires_at: datetime
    ended_at: datetime | None


class BreakGlassStore:
    def __init__(self, engine: Engine) -> None:
        self._session = sessionmaker(engine, expire_on_commit=False)

    def open(self, user_id: str, document_id: str, reason: str, duration: timedelta) -> Grant:
        now = utcnow()
        row = BreakGlassRow(id=new_id(), user_id=user_id, document_id=document_id,
                            reason=reason, created_at=now, expires_at=now + duration)
        with self._session.begin() as session:
            session.add(row)
        return Grant.model_validate(row)

    def active(self, user_id: str, document_id: str) -> Grant | None:
        now = utcnow()
        query = select(BreakGlassRow).where(
            BreakGlassRow.user_id == user_id, BreakGlassRow.document_id == document_id,
            BreakGlassRow.ended_at.is_(None), BreakGlassRow.expires_at > now,
        ).order_by(BreakGlassRow.expires_at.desc())
        with self._session() as session:
            row = session.scalars(query).first()
            return Grant.model_validate(row) if row else None

    def end(self, grant_id: str, user_id: str) -> bool:
        with self._session.begin() as session:
            result = session.execute(update(BreakGlassRow).where(
                BreakGlassRow.id == grant_id, BreakGlassRow.user_id == user_id,
                BreakGlassRow.ended_at.is_(None)).values(ended_at=utcnow()))
            return bool(result.rowcount)

    def end_all(self, user_id: str) -> int:
        with self._session.begin() as session:
            result = session.execute(update(BreakGlassRow).where(
                BreakGlassRow.user_id == user_id, BreakGlassRow.ended_at.is_(None)
            ).values(ended_at=utcnow()))
            return result.rowcount

    def of_user(self, user_id: str) -> list[Grant]:
        query = select(BreakGlassRow).where(BreakGlassRow.user_id == user_id).order_by(
            BreakGlassRow.created_at.desc())
        with self._session() as session:
            return [Grant.model_validate(r) for r in session.scalars(query)]

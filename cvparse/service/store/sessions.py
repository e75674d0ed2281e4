"""Browser sessions, kept on the server: the cookie holds a random id, the table its SHA-256.

A session ends at the first of: its idle timeout (no request for that long), its absolute
lifetime (counted from sign-in, whatever the activity), sign-out, a password change, the
user's deactivation. Each check reads the row: an ended session is refused on the next
request, by every server process. Also here: the one-time password-reset links, which are
sessions' close cousins (a random token, its digest at rest, a deadline, one use)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import sessionmaker

from cvparse.service.store.models import PasswordResetRow, SessionRow, UserRow, as_utc, utcnow
from cvparse.service.store.users import User

TOUCH_EVERY = timedelta(seconds=30)  # last_seen_at precision: not one write per request


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str
    method: str
    created_at: datetime
    expires_at: datetime
    id_hash: str


class SessionStore:
    def __init__(self, engine: Engine) -> None:
        self._session = sessionmaker(engine, expire_on_commit=False)

    def start(self, user_id: str, method: str, lifetime: timedelta) -> tuple[str, str]:
        """(cookie value, csrf token) of a new session; `lifetime` is the absolute one."""
        secret = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        now = utcnow()
        with self._session.begin() as session:
            session.add(SessionRow(id_hash=digest(secret), user_id=user_id, csrf=csrf,
                                   method=method, created_at=now, last_seen_at=now,
                                   expires_at=now + lifetime))
        return secret, csrf

    def get(self, secret: str, idle: timedelta) -> Session | None:
        """The live session this cookie value opens, its idle clock reset; None when it is
        unknown, ended, idle for longer than `idle`, past its lifetime, or its user is
        deactivated. An expired row is deleted as it is found."""
        if not secret or len(secret) > 100:
            return None
        key = digest(secret)
        now = utcnow()
        query = select(SessionRow, UserRow).join(UserRow, UserRow.id == SessionRow.user_id
                                                 ).where(SessionRow.id_hash == key)
        with self._session() as session:
            found = session.execute(query).first()
        if found is None:
            return None
        row, user_row = found
        last_seen = as_utc(row.last_seen_at)
        if (now >= as_utc(row.expires_at) or now - last_seen >= idle
                or not user_row.active):
            self.end(secret)
            return None
        if now - last_seen >= TOUCH_EVERY:
            with self._session.begin() as session:
                session.execute(update(SessionRow).where(SessionRow.id_hash == key)
                                .values(last_seen_at=now))
        return Session(User.model_validate(user_row), row.csrf, row.method,
                       as_utc(row.created_at), as_utc(row.expires_at), key)

    def end(self, secret: str) -> bool:
        with self._session.begin() as session:
            result = session.execute(delete(SessionRow).where(
                SessionRow.id_hash == digest(secret)))
            return bool(result.rowcount)

    def end_all(self, user_id: str) -> int:
        with self._session.begin() as session:
            result = session.execute(delete(SessionRow).where(SessionRow.user_id == user_id))
            return result.rowcount

    def count(self, user_id: str) -> int:
        with self._session() as session:
            return len(session.scalars(select(SessionRow.id_hash).where(
                SessionRow.user_id == user_id)).all())

    def purge(self, idle: timedelta) -> int:
        """Delete every session past its lifetime or idle timeout (housekeeping: an expired
        row already opens nothing)."""
        now = utcnow()
        with self._session.begin() as session:
            result = session.execute(delete(SessionRow).where(
                (SessionRow.expires_at <= now) | (SessionRow.last_seen_at <= now - idle)))
            return result.rowcount

    # One-time password-reset links.

    def issue_reset(self, user_id: str, created_by: str | None, valid: timedelta) -> str:
        """A new link's token (shown once). Earlier unused links of this user stop working:
        only the newest one an administrator handed out is valid."""
        token = secrets.token_urlsafe(32)
        now = utcnow()
        with self._session.begin() as session:
            session.execute(update(PasswordResetRow).where(
                PasswordResetRow.user_id == user_id, PasswordResetRow.used_at.is_(None)
            ).values(used_at=now))
            session.add(PasswordResetRow(token_hash=digest(token), user_id=user_id,
                                         created_by=created_by, created_at=now,
                                         expires_at=now + valid))
        return token

    def reset_user(self, token: str) -> User | None:
        """Whose link this is, if it is unused and in time (the link is not used up)."""
        if not token or len(token) > 100:
            return None
        with self._session() as session:
            row = session.get(PasswordResetRow, digest(token))
            if row is None or row.used_at is not None or utcnow() >= as_utc(row.expires_at):
                return None
            user = session.get(UserRow, row.user_id)
            return User.model_validate(user) if user and user.active else None

    def use_reset(self, token: str) -> bool:
        """Mark the link used, once: of two concurrent uses, one gets True."""
        with self._session.begin() as session:
            result = session.execute(update(PasswordResetRow).where(
                PasswordResetRow.token_hash == digest(token),
                PasswordResetRow.used_at.is_(None),
                PasswordResetRow.expires_at > utcnow(),
            ).values(used_at=utcnow()))
            return bool(result.rowcount)

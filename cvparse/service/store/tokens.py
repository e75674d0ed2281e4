"""Bearer tokens for API clients: several per user, each listed, rotated or revoked on its
own. A token is `cvp_<prefix>_<secret>`, shown once; the prefix finds its row and the secret is
kept as a SHA-256 digest. Every request checks the row and its user in the database (one
indexed read), so a revocation or a deactivation takes effect on the next request, in every
server process."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import sessionmaker

from cvparse.service.store.documents import new_id
from cvparse.service.store.models import ApiTokenRow, UserRow, as_utc, utcnow
from cvparse.service.store.passwords import HASHER
from cvparse.service.store.users import User

LAST_USED_EVERY = timedelta(minutes=1)  # `last_used_at` precision: not one write per request


class ApiToken(BaseModel):
    """A token as listed: never its secret."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    user_id: str
    prefix: str
    label: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


def _digest(secret: str) -> str:
    return "sha256$" + hashlib.sha256(secret.encode()).hexdigest()


def _matches(stored: str, secret: str) -> bool:
    if stored.startswith("sha256$"):
        return hmac.compare_digest(stored, _digest(secret))
    try:  # a token made before migration 0005: argon2
        return HASHER.verify(stored, secret)
    except Exception:
        return False


class TokenStore:
    def __init__(self, engine: Engine) -> None:
        self._session = sessionmaker(engine, expire_on_commit=False)

    def issue(self, user_id: str, label: str = "") -> tuple[ApiToken, str]:
        prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
        row = ApiTokenRow(id=new_id(), user_id=user_id, prefix=prefix, label=label[:120],
                          secret_hash=_digest(secret))
        with self._session.begin() as session:
            session.add(row)
        return ApiToken.model_validate(row), f"cvp_{prefix}_{secret}"

    def get(self, token_id: str) -> ApiToken | None:
        with self._session() as session:
            row = session.get(ApiTokenRow, token_id)
            return ApiToken.model_validate(row) if row else None

    def of_user(self, user_id: str) -> list[ApiToken]:
        query = select(ApiTokenRow).where(ApiTokenRow.user_id == user_id).order_by(
            ApiTokenRow.created_at)
        with self._session() as session:
            return [ApiToken.model_validate(r) for r in session.scalars(query)]

    def revoke(self, token_id: str) -> bool:
        """Whether a live token was revoked."""
        with self._session.begin() as session:
            result = session.execute(update(ApiTokenRow).where(
                ApiTokenRow.id == token_id, ApiTokenRow.revoked_at.is_(None)
            ).values(revoked_at=utcnow()))
            return bool(result.rowcount)

    def revoke_all(self, user_id: str) -> int:
        with self._session.begin() as session:
            result = session.execute(update(ApiTokenRow).where(
                ApiTokenRow.user_id == user_id, ApiTokenRow.revoked_at.is_(None)
            ).values(revoked_at=utcnow()))
            return result.rowcount

    def rotate(self, token_id: str) -> tuple[ApiToken, str] | None:
        """A new token with the same owner and label; the old one is revoked in the same
        transaction (a client swaps one for the other, never holds two)."""
        prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
        with self._session.begin() as session:
            old = session.get(ApiTokenRow, token_id, with_for_update=True)
            if old is None or old.revoked_at is not None:
                return None
            old.revoked_at = utcnow()
            row = ApiTokenRow(id=new_id(), user_id=old.user_id, prefix=prefix,
                              label=old.label, secret_hash=_digest(secret))
            session.add(row)
        return ApiToken.model_validate(row), f"cvp_{prefix}_{secret}"

    def authenticate(self, token: str,
                     before_slow_check: Callable[[str], None] | None = None
                     ) -> tuple[User, str] | None:
        """(user, token id) of a live token whose user is active, else None.

        A token from before migration 0005 is verified with argon2 (≈ 25 ms):
        `before_slow_check(prefix)` is called first and may raise to refuse the attempt
        unchecked (the rate limiter does). Its first successful use rehashes it with SHA-256,
        so that its later checks, right or wrong, are cheap."""
        parts = token.split("_", 2)
        if len(parts) != 3 or parts[0] != "cvp" or not parts[1] or not parts[2]:
            return None
        query = select(ApiTokenRow, UserRow).join(
            UserRow, UserRow.id == ApiTokenRow.user_id).where(ApiTokenRow.prefix == parts[1])
        with self._session() as session:
            found = session.execute(query).first()
            if found is None:
                return None
            row, user_row = found
            if row.revoked_at is not None or not user_row.active:
                return None
            legacy = not row.secret_hash.startswith("sha256$")
            if legacy and before_slow_check is not None:
                before_slow_check(parts[1])
            if not _matches(row.secret_hash, parts[2]):
                return None
            user, token_id, last = User.model_validate(user_row), row.id, row.last_used_at
        now = utcnow()
        changes: dict[str, object] = {"secret_hash": _digest(parts[2])} if legacy else {}
        if last is None or now - as_utc(last) > LAST_USED_EVERY:
            changes["last_used_at"] = now
        if changes:
            with self._session.begin() as session:
                session.execute(update(ApiTokenRow).where(ApiTokenRow.id == token_id)
                                .values(**changes))
        return user, token_id

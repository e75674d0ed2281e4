"""Migration 0005 moves each user's bearer token to its own table: a token handed out before
the upgrade keeps working after it (argon2 hash kept), and can then be rotated or revoked."""

from __future__ import annotations

from sqlalchemy import text

from cvparse.service.store.db import downgrade, make_engine, upgrade
from cvparse.service.store.passwords import HASHER
from cvparse.service.store.tokens import TokenStore


def test_tokens_issued_before_the_upgrade_keep_working(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0004")
    with engine.begin() as c:
        c.execute(text(
            "INSERT INTO users (id, role, display_name, token_prefix, token_hash, active, "
            "created_at) VALUES ('u1', 'advisor', 'Avant', 'abc123', :hash, :yes, "
            "CURRENT_TIMESTAMP)"), {"hash": HASHER.hash("old-secret"), "yes": True})
        c.execute(text(  # a row pointing at the user: SQLite's table rebuild must keep it
            "INSERT INTO documents (id, sha256, filename, size, owner_id, status, attempts, "
            "created_at, updated_at) VALUES ('d1', 'x', 'cv.pdf', 1, 'u1', 'queued', 0, "
            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
    upgrade(engine)
    with engine.connect() as c:
        assert c.execute(text("SELECT owner_id FROM documents")).scalar() == "u1"
    tokens = TokenStore(engine)
    user, token_id = tokens.authenticate("cvp_abc123_old-secret")
    assert (user.id, user.role) == ("u1", "advisor")
    assert tokens.authenticate("cvp_abc123_wrong") is None
    rotated = tokens.rotate(token_id)
    assert rotated is not None and tokens.authenticate("cvp_abc123_old-secret") is None
    assert tokens.authenticate(rotated[1])[0].id == "u1"
    downgrade(engine, "0004")  # the newest live token goes back to the user row
    with engine.connect() as c:
        prefix = c.execute(text("SELECT token_prefix FROM users WHERE id = 'u1'")).scalar()
    assert prefix == rotated[0].prefix
    engine.dispose()

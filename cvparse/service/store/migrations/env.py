"""Alembic environment: the engine comes from the caller (`cvparse.service.store.db.upgrade`),
so the same migrations run on the embedded SQLite file, on PostgreSQL and in tests.

Several workers may start at once and each upgrades the schema: on PostgreSQL an advisory lock
held for the migration's transaction makes them take turns (SQLite: a file lock, in db.py)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from cvparse.service.store.models import Base

MIGRATION_LOCK = 0x63767061  # "cvpa"

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
        context.run_migrations()

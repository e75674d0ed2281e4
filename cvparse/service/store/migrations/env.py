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
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # A batch migration rebuilds a table (copy, drop, rename): with foreign keys enforced,
        # dropping `users` while `documents` rows point at it would fail. The pragma must be
        # set outside a transaction; it is set back once the migration is done.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()  # end SQLAlchemy's autobegun transaction: Alembic opens its own
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
        context.run_migrations()
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()

"""`cvparse db upgrade|downgrade`: the database schema (Alembic migrations)."""

from __future__ import annotations

from typing import Annotated

import typer


def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Bring the database (CVPARSE_DATABASE_URL, default SQLite) to a schema revision."""
    from cvparse.service.settings import get_settings
    from cvparse.service.store.db import current_revision, make_engine, upgrade

    engine = make_engine(get_settings().database())
    upgrade(engine, revision)
    print(f"database at revision {current_revision(engine)}")


def db_downgrade(revision: Annotated[str, typer.Argument(help="e.g. base")]) -> None:
    """Step the schema back to `revision` (drops the tables of later migrations)."""
    from cvparse.service.settings import get_settings
    from cvparse.service.store.db import current_revision, downgrade, make_engine

    engine = make_engine(get_settings().database())
    downgrade(engine, revision)
    print(f"database at revision {current_revision(engine)}")

"""Real services for integration tests: Redis (broker) and PostgreSQL (database).

Under CI=true a missing service is a failure, never a skip. Elsewhere a private redis-server is
started when the binary exists, and PostgreSQL tests skip with a clear message.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid

import pytest

REDIS_URL = os.environ.get("CVPARSE_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
POSTGRES_URL = os.environ.get(
    "CVPARSE_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
CI = os.environ.get("CI") == "true"


def _missing(message: str) -> None:
    if CI:
        pytest.fail(message + " (CI=true: a missing service is a failure, not a skip)")
    pytest.skip(message)


def _redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=2).ping())
    except redis.RedisError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisService:
    """The machine's Redis, or a private one started for this test session."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.url = REDIS_URL

    def start(self) -> str:
        if _redis_answers(self.url):
            return self.url
        if CI or not shutil.which("redis-server"):
            _missing(f"Redis does not answer at {self.url}")
        port = _free_port()
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self.url = f"redis://127.0.0.1:{port}/0"
        for _ in range(50):
            if _redis_answers(self.url):
                return self.url
            time.sleep(0.1)
        _missing("a private redis-server did not start")
        return self.url  # pragma: no cover

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(10)


class PostgresSchema:
    """A private schema in the test database, dropped at the end: tests never see each other's
    rows, and the database `test` is left as found."""

    def __init__(self) -> None:
        self.schema = f"cvparse_test_{uuid.uuid4().hex[:10]}"
        self.url = ""

    def create(self) -> str:
        import sqlalchemy as sa

        try:
            engine = sa.create_engine(POSTGRES_URL)
            with engine.begin() as connection:
                connection.execute(sa.text(f'CREATE SCHEMA "{self.schema}"'))
            engine.dispose()
        except sa.exc.OperationalError as exc:
            _missing(f"PostgreSQL does not answer at {POSTGRES_URL} ({exc.orig})")
        separator = "&" if "?" in POSTGRES_URL else "?"
        self.url = f"{POSTGRES_URL}{separator}options=-csearch_path%3D{self.schema}"
        return self.url

    def drop(self) -> None:
        import sqlalchemy as sa

        engine = sa.create_engine(POSTGRES_URL)
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
        engine.dispose()

"""Shared fixtures: the referential, its index and the language data load once per session.

One referential ships with cvparse: the full official ROME 4.0, `rome@460`. The importer's
tests read an official export: the small subset committed under `tests/data/rome_subset/v460`
always, and the full export at ../shared/rome/v460 too where it is there. Tests that check an
export are parametrised over `EXPORTS`, computed at collection time, so a clone without
../shared runs every test it has — none is skipped — and one with it runs the full checks too.

Every log line the service writes during the suite goes to one file as well (`suite_log`), as
`cvparse serve` and the workers write it (JSON); tests/test_logs.py runs last and reads it, with
the worker processes' own logs, for CV text, names, e-mails and refused sensitive words.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from cvparse.engine.pipeline import Pipeline
from cvparse.service.logs import JsonFormatter
from cvparse.service.referentials.store import load_default
from cvparse.service.registry import registry

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ROME_SUBSET = ROOT / "tests" / "data" / "rome_subset" / "v460"
ROME_EXPORT = ROOT.parent / "shared" / "rome" / "v460"
TODAY = date(2026, 11, 23)  # fixed, so "aujourd'hui" gives the same months on every run


LOG_TEST = "tests/test_logs.py"
# The tests' own HTTP clients log each URL they call, query string included: their lines are
# the tests', not the service's (cvparse makes no HTTP requests), and are not kept.
CLIENT_LOGGERS = ("httpx", "httpcore", "urllib3", "requests")


@dataclass(frozen=True, slots=True)
class Export:
    """An official ROME 4.0 export the tests read, with what is known to be in it."""

    id: str
    path: Path
    metiers: int
    appellations: int
    savoirs: int
    competences: int  # savoir-faire, savoir-être and macro-compétences
    grands_domaines: str
    m1805_children: int  # 4.0 fiches whose code_rome_parent is M1805
    full: bool  # the whole export, the one the shipped rome@460 is built from


SUBSET = Export("subset", ROME_SUBSET, 15, 245, 411, 487, "ABDFGHIJKLMN", 2, full=False)
FULL = Export("full", ROME_EXPORT, 1584, 13120, 15354, 18317, "ABCDEFGHIJKLMN", 26, full=True)
EXPORTS = [SUBSET, *([FULL] if ROME_EXPORT.is_dir() else [])]
EXPORT_IDS = [e.id for e in EXPORTS]


def require_tesseract() -> None:
    from cvparse.engine.extract.ocr import tesseract_available

    if not tesseract_available():
        message = "tesseract is not installed (make install adds it on Debian as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true: this is a failure, not a skip)")
        pytest.skip(message)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The log test last: it reads what every other test made the service log."""
    items.sort(key=lambda item: item.nodeid.startswith(LOG_TEST))  # stable: order kept


@pytest.fixture(scope="session", autouse=True)
def suite_log(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every log record of the session, formatted as in production (JSON, whitelisted keys),
    in one file. The root logger at INFO, as `cvparse serve` and the workers run; cvparse's
    own loggers at DEBUG, stricter than production. (Third-party DEBUG stays off: pdfminer's
    would copy the PDF's tokens, and production never runs it.)"""
    path = tmp_path_factory.mktemp("logs") / "suite.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(JsonFormatter())
    handler.addFilter(lambda record: not record.name.startswith(CLIENT_LOGGERS))
    root, ours = logging.getLogger(), logging.getLogger("cvparse")
    levels = root.level, ours.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    ours.setLevel(logging.DEBUG)
    yield path
    root.removeHandler(handler)
    handler.close()
    root.setLevel(levels[0])
    ours.setLevel(levels[1])


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The shipped default referential, rome@460 (the full ROME 4.0), ready to parse."""
    return registry().for_referential(load_default())


@pytest.fixture(scope="session")
def today() -> date:
    return TODAY


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the pipeline reads (extraction and OCR happen in `Pipeline.read` only)."""
    seen: list[str] = []
    original = Pipeline.read

    def counting(self, data: bytes, filename: str):
        seen.append(filename)
        return original(self, data, filename)

    monkeypatch.setattr(Pipeline, "read", counting)
    return seen


@pytest.fixture(scope="session")
def redis_url():
    from tests.services import RedisService

    service = RedisService()
    yield service.start()
    service.stop()


@pytest.fixture(scope="session")
def postgres_url():
    from tests.services import PostgresSchema

    schema = PostgresSchema()
    yield schema.create()
    schema.drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Storage tests run on both databases; each test gets an empty schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cvparse.db'}"
    import sqlalchemy as sa

    url = request.getfixturevalue("postgres_url")
    engine = sa.create_engine(url)
    with engine.begin() as connection:  # empty the private schema between tests
        tables = connection.execute(sa.text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )).scalars().all()
        for table in tables:
            connection.execute(sa.text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))
    engine.dispose()
    return url


@pytest.fixture
def stores(database_url: str, tmp_path: Path):
    """Real stores (files + database) on an empty schema, for each database."""
    from cvparse.service.store import Stores
    from cvparse.service.store.db import make_engine, upgrade
    from cvparse.service.store.documents import DocumentStore
    from cvparse.service.store.files import FileStore

    engine = make_engine(database_url)
    upgrade(engine)
    yield Stores(FileStore(tmp_path / "files"), DocumentStore(engine))
    engine.dispose()

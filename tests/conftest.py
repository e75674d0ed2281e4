"""Shared fixtures: the referentials, their indexes and the language data load once per session.

The official ROME 4.0 export is read from ../shared/rome/v460 (never copied into the repo).
Where it is absent the tests that need it skip with a clear message — except under CI=true,
where a missing export is a failure.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from cvparse.engine.pipeline import Pipeline
from cvparse.service.referentials.store import load_default
from cvparse.service.registry import registry

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ROME_EXPORT = ROOT.parent / "shared" / "rome" / "v460"
TODAY = date(2026, 11, 23)  # fixed, so "aujourd'hui" gives the same months on every run


def require_rome_export() -> Path:
    if not ROME_EXPORT.is_dir():
        message = f"the official ROME 4.0 export is not at {ROME_EXPORT}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true: this is a failure, not a skip)")
        pytest.skip(message)
    return ROME_EXPORT


def require_tesseract() -> None:
    from cvparse.engine.extract.ocr import tesseract_available

    if not tesseract_available():
        message = "tesseract is not installed (make install adds it on Debian as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true: this is a failure, not a skip)")
        pytest.skip(message)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return registry().for_referential(load_default())


@pytest.fixture(scope="session")
def today() -> date:
    return TODAY


@pytest.fixture(scope="session")
def rome_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with the official export imported once for the whole session."""
    from cvparse.service.referentials.store import install

    data_dir = tmp_path_factory.mktemp("cvparse-data")
    install(require_rome_export(), data_dir)
    return data_dir


@pytest.fixture(scope="session")
def rome_pipeline(rome_data_dir: Path) -> Pipeline:
    return registry().get("rome@460", data_dir=rome_data_dir)


@pytest.fixture(scope="session", params=["shipped", "rome4"])
def any_pipeline(request: pytest.FixtureRequest) -> Pipeline:
    """Both referentials: end-to-end expectations must hold on each."""
    if request.param == "shipped":
        return request.getfixturevalue("pipeline")
    return request.getfixturevalue("rome_pipeline")


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

"""Schemathesis generates requests from the live OpenAPI schema (served by a real uvicorn
server) for every operation; none may produce a 5xx, whoever calls."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from cvparse.api.app import create_app
from cvparse.settings import Settings
from cvparse.store.db import make_engine, upgrade
from cvparse.store.documents import DocumentStore
from cvparse.store.files import FileStore
from tests.conftest import SAMPLES


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Live:
    def __init__(self, root: Path) -> None:
        from cvparse.store import Stores

        engine = make_engine(f"sqlite:///{root / 'api.db'}")
        upgrade(engine)
        self.stores = Stores(FileStore(root / "files"), DocumentStore(engine))
        app = create_app(Settings(data_dir=root, max_pages=5), self.stores)
        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        self.tokens = {}
        ids = {}
        for role in ("job_seeker", "advisor", "ops", "admin"):
            user, self.tokens[role] = self.stores.accounts.create(role, role)
            ids[role] = user.id
        self.stores.accounts.assign(ids["advisor"], ids["job_seeker"])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory):
    server = _Live(tmp_path_factory.mktemp("live"))
    # A real document with a draft, so generated ids sometimes meet real paths.
    import httpx

    httpx.post(f"{server.url}/api/v1/documents",
               headers={"Authorization": f"Bearer {server.tokens['job_seeker']}"},
               files={"file": ("cariste.docx", (SAMPLES / "cariste.docx").read_bytes())})
    yield server
    server.stop()


def test_no_server_error_from_any_generated_request(live: _Live) -> None:
    """Each operation of the served schema, 25 generated requests, sent as every role (the
    pytest plugin of schemathesis is not used: it lags behind pytest's own API)."""
    schema = schemathesis.openapi.from_url(f"{live.url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 13
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        def check(case) -> None:
            for role in ("job_seeker", "advisor", "ops", "admin"):
                response = case.call(base_url=live.url,
                                     headers={"Authorization": f"Bearer {live.tokens[role]}"})
                case.validate_response(response, checks=[not_a_server_error])

        check()

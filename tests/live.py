"""A live cvparse server (uvicorn in a thread) on a private SQLite database, with one user per
role — for tests that need real HTTP: schemathesis, the browser."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn

from cvparse.cli.server import UVICORN_LOGGING
from cvparse.server import create_app
from cvparse.service.settings import Settings
from cvparse.service.store import Stores
from cvparse.service.store.db import make_engine, upgrade
from cvparse.service.store.documents import DocumentStore
from cvparse.service.store.files import FileStore

PASSWORD = "tortue géante des Galápagos 42"  # every test account's (they have a login each)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, root: Path, **settings) -> None:
        engine = make_engine(f"sqlite:///{root / 'api.db'}")
        upgrade(engine)
        self.stores = Stores(FileStore(root / "files"), DocumentStore(engine))
        app = create_app(Settings(data_dir=root, **settings), self.stores)
        self.port = free_port()
        # Logging as `cvparse serve` does it: no uvicorn access log, our request log instead
        # (whose lines tests/test_logs.py reads with every other line of the suite).
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    **UVICORN_LOGGING))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        self.tokens: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        for name, role in [("job_seeker", "job_seeker"), ("other_seeker", "job_seeker"),
                           ("advisor", "advisor"), ("ops", "ops"), ("admin", "admin")]:
            user, self.tokens[name] = self.stores.accounts.create(  # type: ignore[assignment]
                role, name, login=name, password=PASSWORD)
            self.ids[name] = user.id
        self.stores.accounts.assign(self.ids["advisor"], self.ids["job_seeker"])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def headers(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)

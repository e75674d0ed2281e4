"""The API over real stores (SQLite and PostgreSQL), with one user per role."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cvparse.server import create_app
from cvparse.service.settings import Settings
from cvparse.service.store import Stores
from tests.conftest import SAMPLES


@dataclass
class Api:
    client: TestClient
    stores: Stores
    tokens: dict[str, str]
    ids: dict[str, str]

    def h(self, who: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}

    def upload(self, who: str = "seeker", name: str = "cariste.docx",
               data: bytes | None = None):
        data = (SAMPLES / name).read_bytes() if data is None else data
        return self.client.post("/api/v1/documents", headers=self.h(who),
                                files={"file": (name, data)})


@pytest.fixture
def api(stores: Stores, tmp_path: Path) -> Api:
    settings = Settings(data_dir=tmp_path, max_upload_bytes=2 * 1024 * 1024, max_pages=5)
    app = create_app(settings, stores)
    tokens, ids = {}, {}
    for who, role in [("seeker", "job_seeker"), ("other_seeker", "job_seeker"),
                      ("advisor", "advisor"), ("advisor2", "advisor"),
                      ("stranger_advisor", "advisor"), ("ops", "ops"), ("admin", "admin")]:
        user, token = stores.accounts.create(role, who)
        tokens[who], ids[who] = token, user.id
    stores.accounts.assign(ids["advisor"], ids["seeker"])
    stores.accounts.assign(ids["advisor2"], ids["seeker"])
    stores.accounts.assign(ids["stranger_advisor"], ids["other_seeker"])
    return Api(TestClient(app), stores, tokens, ids)

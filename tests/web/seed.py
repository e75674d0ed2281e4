"""Documents for the list tests: real uploads and reviews through the API, and many more
documents written straight into the live server's store (same draft, other owners, chosen
dates and states) so that sorting, filtering and paging have something to work on."""

from __future__ import annotations

from datetime import datetime

import httpx
from sqlalchemy import insert

from cvparse.service.store.documents import new_id
from cvparse.service.store.models import DocumentRow
from tests.conftest import SAMPLES
from tests.live import LiveServer


def upload(live: LiveServer, name: str = "cariste.docx", who: str = "job_seeker") -> str:
    response = httpx.post(f"{live.url}/api/v1/documents", headers=live.headers(who),
                          files={"file": (name, (SAMPLES / name).read_bytes())}, timeout=60)
    assert response.status_code == 202, response.text
    return response.json()["id"]


def person(live: LiveServer, name: str, *, followed: bool = True) -> str:
    """A job seeker with this display name, followed by the live server's advisor or not."""
    user, _token = live.stores.accounts.create("job_seeker", name)
    if followed:
        live.stores.accounts.assign(live.ids["advisor"], user.id)
    return user.id


def seed(live: LiveServer, like: str, owner: str, filename: str, created_at: datetime,
         status: str = "draft_ready", error_code: str | None = None) -> str:
    """A document of `owner` with the content and draft of the document `like`."""
    source = live.stores.documents.get(like)
    doc_id = new_id()
    with live.stores.engine.begin() as c:
        c.execute(insert(DocumentRow).values(
            id=doc_id, sha256=source.sha256, filename=filename, size=source.size,
            owner_id=owner, status=status, attempts=1, created_at=created_at,
            updated_at=created_at, error_code=error_code,
            error_message="The file is damaged." if error_code else None,
            draft_id=source.draft_id if status == "draft_ready" else None))
    return doc_id


def draft(live: LiveServer, doc_id: str, who: str = "advisor") -> dict:
    response = httpx.get(f"{live.url}/api/v1/documents/{doc_id}/draft",
                         headers=live.headers(who))
    assert response.status_code == 200, response.text
    return response.json()


def decide(live: LiveServer, doc_id: str, field_ids: list[str], action: str = "confirm") -> int:
    """Decide on these fields as the advisor; returns the review version after."""
    version = draft(live, doc_id)["review"]["version"]
    for field_id in field_ids:
        response = httpx.post(f"{live.url}/api/v1/documents/{doc_id}/fields/{field_id}",
                              headers=live.headers("advisor"),
                              json={"action": action, "version": version})
        assert response.status_code == 200, response.text
        version = response.json()["version"]
    return version


def finalize(live: LiveServer, doc_id: str) -> dict:
    version = draft(live, doc_id)["review"]["version"]
    response = httpx.post(f"{live.url}/api/v1/documents/{doc_id}/finalize",
                          headers=live.headers("advisor"), json={"version": version})
    assert response.status_code == 201, response.text
    return response.json()

"""How fast the advisor's list answers with 10,000 documents (issue #17, point 2).

Fills an embedded SQLite store (a temporary folder) with `--documents` documents, all
followed by one advisor (the worst case for that advisor's list) and spread over job seekers
with five CVs each, in the states an advisor meets: to review, in progress (a review with
decisions), saved (a profile), failed, being read. Drafts, decisions and profiles are real
ones (samples parsed once, then shared), so the rows weigh what they weigh in service.

Then times the list requests as an advisor's browser sends them, through the whole app
(authentication, access rule, audit entry, database, rendering): the page `/advisor` and the
API `GET /api/v1/documents` — first page, filtered (to review), searched (part of a name),
sorted by state, and a far page — and prints the median and p95 of `--repeat` requests.

    taskset -c 0 .venv/bin/python benchmarks/advisor_list.py
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cvparse.server import create_app  # noqa: E402
from cvparse.service.registry import get_pipeline  # noqa: E402
from cvparse.service.settings import Settings  # noqa: E402
from cvparse.service.store import open_stores  # noqa: E402
from cvparse.service.store.documents import new_id  # noqa: E402
from cvparse.service.store.models import (  # noqa: E402
    AssignmentRow,
    DocumentRow,
    ProfileRow,
    ReviewRow,
    UserRow,
)

SAMPLES = ROOT / "samples"
DRAFT_SAMPLES = ["cariste.docx", "infirmier.docx", "macon.txt", "comptable.pdf",
                 "aide_soignante.pdf"]
FIRST = ["Hélène", "Marc", "Zoé", "Karim", "Aïcha", "Jean", "Lucie", "Mamadou", "Chloé", "Yann"]
LAST = ["Dupont", "Martin", "Leroy", "Benali", "Nguyen", "Moreau", "Diallo", "Lefèvre",
        "Garcia", "Petit"]
STATES = [("to_review", 0.50), ("in_progress", 0.15), ("saved", 0.20), ("failed", 0.10),
          ("processing", 0.05)]
TODAY = date(2026, 12, 2)


def fill(stores, documents: int, seed: int = 17) -> str:
    """Documents, people, drafts, reviews and profiles; returns the advisor's token."""
    rng = random.Random(seed)
    pipeline = get_pipeline()
    drafts = []
    for name in DRAFT_SAMPLES:
        data = (SAMPLES / name).read_bytes()
        draft = pipeline.parse(data, name, today=TODAY)
        draft_id = stores.documents.add_draft(draft)
        drafts.append((draft_id, draft, stores.files.put(data)))
    advisor, token = stores.accounts.create("advisor", "Conseillère A")
    people = _people(stores, rng, max(1, documents // 5))
    start = datetime(2025, 1, 1, tzinfo=UTC)
    doc_rows, review_rows, profile_rows = [], [], []
    for i in range(documents):
        state = rng.choices([s for s, _ in STATES], [w for _, w in STATES])[0]
        draft_id, draft, sha = rng.choice(drafts)
        doc_id = new_id()
        created = start + timedelta(minutes=rng.randrange(0, 700 * 24 * 60))
        status = {"failed": "failed", "processing": "processing"}.get(state, "draft_ready")
        doc_rows.append({
            "id": doc_id, "sha256": sha, "filename": f"cv_{i}.pdf", "size": 50_000,
            "owner_id": people[i % len(people)], "status": status, "attempts": 1,
            "error_code": "corrupt_file" if state == "failed" else None,
            "error_message": "damaged" if state == "failed" else None,
            "draft_id": draft_id if status == "draft_ready" else None,
            "created_at": created, "updated_at": created,
        })
        if state in ("in_progress", "saved"):
            decided = draft.fields[:rng.randrange(1, len(draft.fields))]
            decisions = {f.id: {"field_id": f.id, "action": "confirm",
                                "value": f.model_dump(mode="json", exclude_none=True),
                                "advisor": advisor.id, "at": created.isoformat()}
                         for f in decided}
            review_rows.append({"document_id": doc_id, "draft_id": draft_id,
                                "version": len(decided) + (state == "saved"),
                                "decisions": decisions, "finalized": state == "saved",
                                "updated_at": created})
            if state == "saved":
                profile_rows.append({"id": new_id(), "document_id": doc_id,
                                     "job_seeker_id": people[i % len(people)],
                                     "created_at": created, "payload": {
                    "id": "p", "document_id": doc_id, "fields": [d["value"] for d in
                                                                 decisions.values()],
                    "rejected": [], "unreviewed": [], "referential": "rome@460",
                    "referential_checksum": "x", "pipeline_version": "x",
                    "advisor": advisor.id, "finalized_at": created.isoformat()}})
    with stores.engine.begin() as c:
        c.execute(insert(AssignmentRow), [{"advisor_id": advisor.id, "job_seeker_id": p}
                                          for p in people])
        c.execute(insert(DocumentRow), doc_rows)
        if review_rows:
            c.execute(insert(ReviewRow), review_rows)
        if profile_rows:
            c.execute(insert(ProfileRow), profile_rows)
    return token


def _people(stores, rng: random.Random, count: int) -> list[str]:
    """Job seekers written directly in one insert: they never sign in here, and creating
    2,000 accounts one by one is not what is measured."""
    rows = [{"id": new_id(), "role": "job_seeker", "active": True,
             "display_name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"}
            for i in range(count)]
    with stores.engine.begin() as c:
        c.execute(insert(UserRow), rows)
    return [r["id"] for r in rows]


def advisor_id(stores, token: str) -> str:
    found = stores.tokens.authenticate(token)
    assert found is not None
    return found[0].id


def timed(client: TestClient, url: str, headers: dict, repeat: int) -> list[float]:
    for _ in range(3):  # warm-up: caches, prepared statements
        assert client.get(url, headers=headers).status_code == 200
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.text
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        stores = open_stores(settings)
        started = time.perf_counter()
        token = fill(stores, args.documents)
        print(f"filled {args.documents:,} documents in {time.perf_counter() - started:.1f} s "
              f"(SQLite, {settings.database()})")
        client = TestClient(create_app(settings, stores))
        session, _ = stores.sessions.start(advisor_id(stores, token), "password",
                                           settings.session_lifetime())
        client.cookies.set("cvparse_session", session)  # the pages read the session
        api = {"Authorization": f"Bearer {token}"}
        total = client.get("/api/v1/documents?limit=1", headers=api).headers["X-Total-Count"]
        print(f"the advisor sees {int(total):,} documents\n")
        cases = [
            ("first page", "", "limit=25"),
            ("filtered: to review", "state=to_review", "state=to_review&limit=25"),
            ("searched: 'helene dup'", "q=helene+dup", "q=helene+dup&limit=25"),
            ("sorted by state", "sort=state", "sort=state&limit=25"),
            ("page 200 of 400", "page=200", "offset=4975&limit=25"),
        ]
        print(f"{'request':<28}{'page /advisor':>24}{'API /api/v1/documents':>28}")
        print(f"{'':<28}{'median / p95 (ms)':>24}{'median / p95 (ms)':>28}")
        for name, page_query, api_query in cases:
            cells = []
            for url, headers in ((f"/advisor?{page_query}", {}),
                                 (f"/api/v1/documents?{api_query}", api)):
                times = sorted(timed(client, url, headers, args.repeat))
                p95 = times[max(0, round(0.95 * len(times)) - 1)]
                cells.append(f"{statistics.median(times):.1f} / {p95:.1f}")
            print(f"{name:<28}{cells[0]:>24}{cells[1]:>28}")


if __name__ == "__main__":
    main()

"""Re-processing runs: the documents each run covers and what became of each.

An item's state only moves forward (pending → enqueued → done | failed) through conditional
updates, so a task delivered twice, or a run resumed, records each document once."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.orm import sessionmaker

from cvparse.service.store.documents import MAX_ERROR_MESSAGE, new_id
from cvparse.service.store.models import RunItemRow, RunRow, utcnow

CHUNK = 1000


class Run(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    created_at: datetime
    finished_at: datetime | None
    status: str
    target: str | None
    params: dict[str, Any]
    total: int
    created_by: str | None


class RunItem(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    run_id: str
    document_id: str
    state: str
    draft_id: str | None
    previous_draft_id: str | None
    against: str | None
    changed: bool | None
    diff: Any | None
    error_code: str | None
    error_message: str | None
    finished_at: datetime | None


class Progress(BaseModel):
    total: int
    pending: int = 0
    enqueued: int = 0
    done: int = 0
    failed: int = 0
    changed: int = 0

    @property
    def finished(self) -> int:
        return self.done + self.failed


class RunStore:
    def __init__(self, engine: Engine) -> None:
        self._session = sessionmaker(engine, expire_on_commit=False)

    def create(self, document_ids: list[str], target: str | None, params: dict[str, Any],
               created_by: str | None = None) -> Run:
        row = RunRow(id=new_id(), status="enqueuing", target=target, params=params,
                     total=len(document_ids), created_by=created_by)
        with self._session.begin() as session:
            session.add(row)
            session.flush()
            for start in range(0, len(document_ids), CHUNK):
                session.execute(insert(RunItemRow), [
                    {"run_id": row.id, "document_id": d, "state": "pending"}
                    for d in document_ids[start:start + CHUNK]
                ])
        return Run.model_validate(row)

    def get(self, run_id: str) -> Run | None:
        with self._session() as session:
            row = session.get(RunRow, run_id)
            return Run.model_validate(row) if row else None

    def list(self, limit: int = 50) -> list[Run]:
        query = select(RunRow).order_by(RunRow.created_at.desc()).limit(limit)
        with self._session() as session:
            return [Run.model_validate(r) for r in session.scalars(query)]

    def set_status(self, run_id: str, status: str) -> None:
        with self._session.begin() as session:
            values: dict[str, Any] = {"status": status}
            if status == "finished":
                values["finished_at"] = utcnow()
            session.execute(update(RunRow).where(RunRow.id == run_id).values(**values))

    def to_send(self, run_id: str, limit: int, requeue: bool = False, after: str = ""
                ) -> list[str]:
        """The next items to send, in document-id order after `after` (a cursor)."""
        states = ("pending", "enqueued") if requeue else ("pending",)
        query = (select(RunItemRow.document_id)
                 .where(RunItemRow.run_id == run_id, RunItemRow.state.in_(states),
                        RunItemRow.document_id > after)
                 .order_by(RunItemRow.document_id).limit(limit))
        with self._session() as session:
            return list(session.scalars(query))

    def mark_enqueued(self, run_id: str, document_ids: list[str]) -> None:
        with self._session.begin() as session:
            session.execute(update(RunItemRow).where(
                RunItemRow.run_id == run_id, RunItemRow.document_id.in_(document_ids),
                RunItemRow.state == "pending",
            ).values(state="enqueued"))

    def state(self, run_id: str, document_id: str) -> str | None:
        with self._session() as session:
            row = session.get(RunItemRow, (run_id, document_id))
            return row.state if row else None

    def complete(self, run_id: str, document_id: str, **values: Any) -> bool:
        """Record the item's result once; False if it was already recorded."""
        return self._finish(run_id, document_id, state="done", **values)

    def fail(self, run_id: str, document_id: str, code: str, message: str) -> bool:
        return self._finish(run_id, document_id, state="failed", error_code=code,
                            error_message=message[:MAX_ERROR_MESSAGE])

    def _finish(self, run_id: str, document_id: str, **values: Any) -> bool:
        with self._session.begin() as session:
            result = session.execute(update(RunItemRow).where(
                RunItemRow.run_id == run_id, RunItemRow.document_id == document_id,
                RunItemRow.state.in_(("pending", "enqueued")),
            ).values(finished_at=utcnow(), **values))
            return result.rowcount == 1

    def progress(self, run_id: str) -> Progress:
        with self._session() as session:
            run = session.get(RunRow, run_id)
            rows = session.execute(
                select(RunItemRow.state, func.count()).where(RunItemRow.run_id == run_id)
                .group_by(RunItemRow.state)
            ).all()
            changed = session.scalar(select(func.count()).select_from(RunItemRow).where(
                RunItemRow.run_id == run_id, RunItemRow.changed.is_(True))) or 0
        return Progress(total=run.total if run else 0, changed=changed,
                        **{state: n for state, n in rows})

    def items(self, run_id: str, state: str | None = None) -> list[RunItem]:
        query = select(RunItemRow).where(RunItemRow.run_id == run_id)
        if state:
            query = query.where(RunItemRow.state == state)
        with self._session() as session:
            return [RunItem.model_validate(r) for r in session.scalars(query)]

    def items_of_document(self, document_id: str) -> list[RunItem]:
        query = (select(RunItemRow).where(RunItemRow.document_id == document_id,
                                          RunItemRow.state == "done")
                 .order_by(RunItemRow.finished_at))
        with self._session() as session:
            return [RunItem.model_validate(r) for r in session.scalars(query)]


def top_changes(items: list[RunItem], limit: int = 10) -> list[tuple[str, int]]:
    """The most frequent changes of a run ("removed competence 123456 Label", …)."""
    counts: Counter[str] = Counter()
    for item in items:
        diff = item.diff or {}
        for ref in diff.get("added", []):
            counts[f"added {ref['kind']} {ref['code']} {ref['label'][:50]}"] += 1
        for ref in diff.get("removed", []):
            counts[f"removed {ref['kind']} {ref['code']} {ref['label'][:50]}"] += 1
        for change in diff.get("changed", []):
            before, after = change["before"], change["after"]
            if change["what"] == "code":
                counts[f"{before['kind']} {before['code']} → {after['code']}"] += 1
            else:
                counts[f"confidence of {before['kind']} {before['code']}"] += 1
    return counts.most_common(limit)

"""Ops: start a re-processing run over documents (ids and counts only: ops never read CV
content).
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from cvparse.api.deps import Caller, Svc, require

router = APIRouter()


class ReprocessIn(BaseModel):
    document_ids: list[str] = Field(min_length=1, max_length=10_000)

@router.post("/ops/reprocess", status_code=202, tags=["ops"])
def reprocess(body: ReprocessIn, svc: Svc, user: Caller) -> dict[str, str | int]:
    """Start a re-processing run over these documents (batch queue). Ops see ids and counts
    only, never CV content; `cvparse reprocess` offers selections, progress and resume."""
    require(user, "ops", "admin")
    from cvparse.service import batch
    from cvparse.service.dispatch import send_run_item

    run = batch.start(svc.stores, batch.Selection(ids=body.document_ids),
                      svc.settings.referential, created_by=user.id)
    sent = batch.enqueue(svc.stores, run.id, lambda r, d: send_run_item(
        r, d, app=svc.celery, stores=svc.stores))
    svc.stores.audit.record(user, "ops.reprocess", "run", run.id,
                            after={"requested": len(body.document_ids), "sent": sent})
    return {"run_id": run.id, "requested": len(body.document_ids), "sent": sent}

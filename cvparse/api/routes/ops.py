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


@router.get("/ops/feedback", tags=["ops"])
def feedback(svc: Svc, user: Caller, referential: str | None = None,
             finalized_only: bool = False) -> dict:
    """The accuracy in real use (issue #19): per referential and pipeline version, what
    advisors did with the drafts — rates by field kind and item, most rejected and added items,
    the confidence's reliability on their decisions. Counts, rates, codes and labels only: no
    evidence phrase, no id, no name (`cvparse feedback report` prints the same)."""
    require(user, "ops", "admin")
    from cvparse.service.feedback.publish import load_report

    report = load_report(svc.stores.engine, referential=referential,
                         finalized_only=finalized_only)
    return report.model_dump(mode="json")

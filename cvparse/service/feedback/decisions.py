"""Advisors' decisions as flat records: one per draft field an advisor decided on (confirmed,
rejected, edited) and one per field they added by hand — what the feedback report counts and
what a learned layer is proposed from.

Only what learning needs leaves the store: ids (document, job seeker, advisor: to count
distinct people, never to name them), the referential and pipeline versions, the field's kind,
code, label and confidence, and the evidence phrase as the draft holds it — already masked,
and normalised here the way the matcher reads it. A field never decided is not a record: it
says nothing about the pipeline (it may simply not have been read yet)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from cvparse.engine.learned import field_phrase
from cvparse.engine.profile.models import DraftProfile, Field
from cvparse.service.review.models import Decision
from cvparse.service.store.models import DocumentRow, DraftRow, ReviewRow

ACTIONS = ("confirm", "reject", "edit", "add")


@dataclass(frozen=True)
class DecisionRecord:
    document_id: str
    job_seeker_id: str | None
    advisor_id: str
    referential: str  # name@version
    referential_checksum: str
    pipeline_version: str
    kind: str
    action: str  # confirm, reject, edit, add
    code: str | None  # what the pipeline proposed (None for an added field)
    label: str
    confidence: float | None  # as shown to the advisor (None for an added field)
    phrase: str  # normalised evidence text ("" when none)
    new_code: str | None  # edit: the code the advisor chose; add: the added code
    finalized: bool
    at: datetime
    evidence: str = ""  # the first evidence as the draft holds it (already masked), or ""


def phrase_of(field: Field) -> str:
    """The field's first evidence, as the matcher reads text (accents, case, inflections
    folded): two CVs writing "Soudure à l'arc" and "soudures a l'arc" give one phrase — the
    same key a learned layer filters matches by (`cvparse.engine.learned.phrase_key`)."""
    return field_phrase(field)


def records(draft: DraftProfile, decisions: dict[str, Decision], *, document_id: str,
            job_seeker_id: str | None, finalized: bool) -> list[DecisionRecord]:
    """The records of one review (pure: the draft and its decisions in, records out)."""
    by_id = {f.id: f for f in draft.fields}
    referential = f"{draft.referential.name}@{draft.referential.version}"
    out = []
    for field_id, decision in sorted(decisions.items()):
        proposed = by_id.get(field_id)
        value = decision.value
        if decision.action == "add":
            if value is None:
                continue
            source, code, confidence = value, None, None
        elif proposed is None:
            continue  # a decision on a field the draft no longer has: nothing to learn
        else:
            source, code, confidence = proposed, proposed.code, proposed.confidence
        new_code = value.code if value is not None and decision.action in ("edit", "add") \
            else None
        out.append(DecisionRecord(
            document_id=document_id, job_seeker_id=job_seeker_id, advisor_id=decision.advisor,
            referential=referential, referential_checksum=draft.referential.checksum,
            pipeline_version=draft.pipeline_version, kind=source.kind, action=decision.action,
            code=code, label=source.label, confidence=confidence, phrase=phrase_of(source),
            new_code=new_code, finalized=finalized, at=decision.at,
            evidence=source.evidence[0].text if source.evidence else "",
        ))
    return out


def load(engine: Engine, *, referential_checksum: str | None = None,
         finalized_only: bool = False) -> Iterator[DecisionRecord]:
    """Every decision in the store, review by review (the review's own draft: a re-processed
    document's decisions stay with the draft the advisor saw)."""
    query = (select(ReviewRow, DocumentRow.owner_id, DraftRow.payload)
             .join(DocumentRow, DocumentRow.id == ReviewRow.document_id)
             .join(DraftRow, DraftRow.id == ReviewRow.draft_id)
             .order_by(ReviewRow.document_id))
    if referential_checksum:
        query = query.where(DraftRow.referential_checksum == referential_checksum)
    if finalized_only:
        query = query.where(ReviewRow.finalized.is_(True))
    with Session(engine) as session:
        for review, owner, payload in session.execute(query):
            if not review.decisions:
                continue
            draft = DraftProfile.model_validate(payload)
            decisions = {k: Decision.model_validate(v) for k, v in review.decisions.items()}
            yield from records(draft, decisions, document_id=review.document_id,
                               job_seeker_id=owner, finalized=review.finalized)

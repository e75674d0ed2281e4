"""Documents: upload (job seeker), list, status, the draft with its review, the CV's text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, File, Query, Request, UploadFile
from pydantic import BaseModel

from cvparse.api.deps import Caller, Svc, document_for, draft_and_state, require, visible_documents
from cvparse.api.errors import ApiError
from cvparse.engine.extract.errors import ExtractionError
from cvparse.engine.extract.screen import screen
from cvparse.engine.profile.models import DraftProfile
from cvparse.service.registry import get_pipeline
from cvparse.service.review.models import ReviewState
from cvparse.service.store.documents import DocumentRecord
from cvparse.service.store.files import clean_filename

router = APIRouter()
UPLOAD_CHUNK = 64 * 1024


class DocumentOut(BaseModel):
    id: str
    status: str
    filename: str
    error_code: str | None = None
    error_message: str | None = None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, doc: DocumentRecord) -> DocumentOut:
        return cls.model_validate(doc.model_dump())

class Update(BaseModel):
    """A newer draft from a re-processing run, and what it changes (for the advisor)."""

    run_id: str
    draft_id: str
    against: str | None
    diff: dict | None

class DraftOut(BaseModel):
    document: DocumentOut
    draft: DraftProfile
    review: ReviewState
    updates: list[Update] = []

@router.post("/documents", status_code=202, response_model=DocumentOut, tags=["documents"],
             responses={413: {"description": "file too large"},
                        415: {"description": "not a CV format"},
                        422: {"description": "damaged, unsafe or too long file"}})
async def upload(request: Request, svc: Svc, user: Caller,
                 file: Annotated[UploadFile, File(description="the CV")]) -> DocumentOut:
    """A job seeker uploads a CV: stored once, then processed (by workers when a broker is
    configured, in-process otherwise)."""
    require(user, "job_seeker")
    limit = svc.settings.max_upload_bytes
    data = await _read_capped(file, limit)
    filename = clean_filename(file.filename or "cv")
    try:
        screen(data, filename, svc.settings.max_pages)
    except ExtractionError as exc:
        status = 415 if exc.code in ("unsupported_format", "wrong_extension") else 422
        raise ApiError(status, exc.code, exc.message) from None
    from cvparse.service.dispatch import submit

    doc = submit(data, filename, stores=svc.stores, app=svc.celery, owner_id=user.id)
    svc.stores.audit.record(user, "document.upload", "document", doc.id,
                            after={"sha256": doc.sha256, "size": doc.size})
    return DocumentOut.of(svc.stores.documents.get(doc.id))

async def _read_capped(file: UploadFile, limit: int) -> bytes:
    chunks, size = [], 0
    while chunk := await file.read(UPLOAD_CHUNK):
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "file_too_large",
                           f"The file is larger than {limit // (1024 * 1024)} MB; a CV is rarely "
                           "over 5 MB: compress its images or export it again as PDF.")
        chunks.append(chunk)
    return b"".join(chunks)

@router.get("/documents", response_model=list[DocumentOut], tags=["documents"])
def list_documents(svc: Svc, user: Caller,
                   limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[DocumentOut]:
    """A job seeker's own documents; an advisor's assigned job seekers'; all for an admin."""
    require(user, "job_seeker", "advisor", "admin")
    return [DocumentOut.of(d) for d in visible_documents(svc, user, limit)]

@router.get("/documents/{document_id}", response_model=DocumentOut, tags=["documents"])
def document_status(document_id: str, svc: Svc, user: Caller) -> DocumentOut:
    """Status: queued, processing, draft_ready, needs_ocr, or failed with its error."""
    doc = document_for(svc, user, document_id)
    svc.stores.audit.record(user, "document.read", "document", doc.id)
    return DocumentOut.of(doc)

@router.get("/documents/{document_id}/draft", response_model=DraftOut, tags=["review"])
def read_draft(document_id: str, svc: Svc, user: Caller) -> DraftOut:
    """The draft with its evidence, and the review so far (its `version` is needed to write)."""
    doc = document_for(svc, user, document_id)
    draft, state = draft_and_state(svc, doc)
    svc.stores.audit.record(user, "draft.read", "document", doc.id)
    updates = [
        Update(run_id=i.run_id, draft_id=i.draft_id, against=i.against, diff=i.diff)
        for i in svc.stores.runs.items_of_document(doc.id)
        if i.draft_id != state.draft_id and i.changed
    ]
    return DraftOut(document=DocumentOut.of(doc), draft=draft, review=state, updates=updates)

class PageText(BaseModel):
    number: int
    start: int  # offset of the page's first character in the document text
    text: str
    ocr: bool

@router.get("/documents/{document_id}/text", response_model=list[PageText], tags=["review"])
def document_text(document_id: str, svc: Svc, user: Caller) -> list[PageText]:
    """The CV's text as the pipeline read it, page by page: evidence offsets point into it.

    Served from the stored reading (the one its draft was parsed from); a document processed
    before readings were stored has its file read once, here, and the reading stored."""
    from cvparse.service.jobs import read_stored, reading_key
    from cvparse.service.registry import DEFAULT_OPTIONS

    doc = document_for(svc, user, document_id)
    draft = svc.stores.documents.draft(doc.id)
    if draft is None:
        raise ApiError(409, "draft_not_ready",
                       f"The draft is not ready: the document is {doc.status}.")
    _, ocr = reading_key(DEFAULT_OPTIONS.ocr)
    document = svc.stores.documents.reading(doc.sha256, draft.pipeline_version, ocr)
    if document is None:
        pipeline = get_pipeline(f"{draft.referential.name}@{draft.referential.version}")
        _, document = read_stored(svc.stores, doc, pipeline)
    svc.stores.audit.record(user, "document.text", "document", doc.id)
    return [PageText(number=p.number, start=p.lines[0].start if p.lines else 0,
                     text=document.text[p.lines[0].start:p.lines[-1].end] if p.lines else "",
                     ocr=p.ocr) for p in document.pages]

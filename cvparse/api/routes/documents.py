"""Documents: upload (job seeker), list, status, the draft with its review, the CV's text;
the job seeker's delete and replace.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, File, Query, Request, Response, UploadFile
from pydantic import BaseModel, Field

from cvparse.api.deps import (
    Caller,
    Services,
    Svc,
    document_for,
    draft_and_state,
    require,
    visible_documents,
)
from cvparse.api.errors import ApiError
from cvparse.engine.extract.errors import ExtractionError
from cvparse.engine.extract.screen import screen
from cvparse.engine.profile.models import DraftProfile
from cvparse.service.review.models import ReviewState
from cvparse.service.store.accounts import User
from cvparse.service.store.documents import DocumentRecord
from cvparse.service.store.files import clean_filename
from cvparse.service.store.listing import MAX_QUERY, ListedDocument, ListQuery, Sort, State

router = APIRouter()
UPLOAD_CHUNK = 64 * 1024
TOTAL_HEADER = "X-Total-Count"


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

UPLOAD_ERRORS = {413: {"description": "file too large"},
                 415: {"description": "not a CV format"},
                 422: {"description": "damaged, unsafe or too long file"}}


@router.post("/documents", status_code=202, response_model=DocumentOut, tags=["documents"],
             responses=UPLOAD_ERRORS)
async def upload(request: Request, svc: Svc, user: Caller,
                 file: Annotated[UploadFile, File(description="the CV")]) -> DocumentOut:
    """A job seeker uploads a CV: stored once, then processed (by workers when a broker is
    configured, in-process otherwise)."""
    require(user, "job_seeker")
    return DocumentOut.of(await _accept(svc, user, file))


async def _accept(svc: Services, user: User, file: UploadFile) -> DocumentRecord:
    """Screen an uploaded CV (size, type from the content, pages, hostile structures), store
    it and send its processing; refused files raise the API error that says why."""
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
    return svc.stores.documents.get(doc.id)


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

class ListedDocumentOut(DocumentOut):
    """A list row: whose CV and where it stands, in the words of the list."""

    owner_name: str | None = None
    state: State = Field(description="to_review, in_progress, processing, failed or saved")
    decided: int | None = Field(None, description="in progress: draft fields decided so far")
    fields: int | None = Field(None, description="in progress: fields in the draft")
    profile_id: str | None = None
    saved_at: datetime | None = None
    saved_by: str | None = Field(None, description="display name of the advisor who saved")

    @classmethod
    def of_listed(cls, doc: ListedDocument) -> ListedDocumentOut:
        return cls.model_validate(doc.model_dump())


@router.get("/documents", response_model=list[ListedDocumentOut], tags=["documents"],
            responses={200: {"headers": {TOTAL_HEADER: {
                "description": "how many documents match, over all pages",
                "schema": {"type": "integer"}}}}})
def list_documents(
    response: Response, svc: Svc, user: Caller,
    state: Annotated[State | None, Query(description="only documents in this state")] = None,
    q: Annotated[str | None, Query(max_length=MAX_QUERY,
                                   description="part of the job seeker's name")] = None,
    sort: Annotated[Sort, Query(description="date or state; '-' first: descending")] = "-date",
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,  # SQLite's integers end
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[ListedDocumentOut]:
    """A job seeker's own documents; an advisor's assigned job seekers' — filtered, searched,
    sorted and paged by the database. `X-Total-Count` gives the number of matching documents.
    Administrators and operators list none (they manage accounts and runs, not CVs)."""
    require(user, "job_seeker", "advisor")
    page = visible_documents(svc, user, ListQuery(state=state, q=q, sort=sort, offset=offset,
                                                  limit=limit))
    response.headers[TOTAL_HEADER] = str(page.total)
    return [ListedDocumentOut.of_listed(d) for d in page.items]


@router.get("/documents/{document_id}", response_model=DocumentOut, tags=["documents"])
def document_status(document_id: str, svc: Svc, user: Caller) -> DocumentOut:
    """Status: queued, processing, draft_ready, needs_ocr, or failed with its error."""
    doc = document_for(svc, user, document_id)
    svc.stores.audit.record(user, "document.read", "document", doc.id)
    return DocumentOut.of(doc)

class ErasureOut(BaseModel):
    """What a deletion erased (counts only)."""

    documents: int
    profiles: int
    drafts: int
    files: int


def _own_document(svc: Services, user: User, document_id: str) -> DocumentRecord:
    """The caller's own document: only its job seeker may delete or replace a CV (another job
    seeker gets 404, as for a document that does not exist; other roles 403)."""
    require(user, "job_seeker")
    return document_for(svc, user, document_id)


@router.delete("/documents/{document_id}", response_model=ErasureOut, tags=["documents"])
def delete_document(document_id: str, svc: Svc, user: Caller) -> ErasureOut:
    """The job seeker deletes one of their CVs: the document, its reading, drafts, review and
    saved profile, and the audit entries about them are erased, as the right to erasure does
    (`cvparse.service.retention.erase_document`); one audit entry with counts remains."""
    from cvparse.service.retention import erase_document

    doc = _own_document(svc, user, document_id)
    report = erase_document(svc.stores, doc.id, actor=user)
    return ErasureOut(documents=report.documents, profiles=report.profiles,
                      drafts=report.drafts, files=report.files)


@router.post("/documents/{document_id}/replace", status_code=202, response_model=DocumentOut,
             tags=["documents"], responses=UPLOAD_ERRORS)
async def replace_document(document_id: str, svc: Svc, user: Caller,
                           file: Annotated[UploadFile, File(description="the new CV")]
                           ) -> DocumentOut:
    """The job seeker puts a new CV in the place of one of theirs: the new file is screened
    and stored first (a refused file leaves the old CV untouched), then the old one is erased
    as by `DELETE /documents/{id}`. Returns the new document."""
    from cvparse.service.retention import erase_document

    old = _own_document(svc, user, document_id)
    new = await _accept(svc, user, file)
    erase_document(svc.stores, old.id, actor=user)
    svc.stores.audit.record(user, "document.replace", "document", new.id,
                            after={"replaces": old.id})
    return DocumentOut.of(new)


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

    Personal data is masked as on the review page (`█` in place of each character, so the
    offsets hold): whoever reads this text needs the CV's content, not its owner's address or
    birth date; the review page's reveal, audited, is the one way to see them. Served from the
    stored reading (the one its draft was parsed from)."""
    from cvparse.service.page_images import cv_view

    doc = document_for(svc, user, document_id)
    draft = svc.stores.documents.draft(doc.id)
    if draft is None:
        raise ApiError(409, "draft_not_ready",
                       f"The draft is not ready: the document is {doc.status}.")
    view = cv_view(svc.stores, doc, draft)
    svc.stores.audit.record(user, "document.text", "document", doc.id)
    text = view.masked_text
    return [PageText(number=p.number, start=p.lines[0].start if p.lines else 0,
                     text=text[p.lines[0].start:p.lines[-1].end] if p.lines else "",
                     ocr=p.ocr) for p in view.document.pages]

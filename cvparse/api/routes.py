"""The API's routes: documents (upload, status, draft), review (decide per field, finalize),
profiles, referential search, ops re-processing and administration.

Every read or write of personal data writes an audit entry (who, what, when, before → after).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, Request, UploadFile
from pydantic import BaseModel, Field

from cvparse.api.deps import Caller, Svc, document_for, require, visible_documents
from cvparse.api.errors import ApiError
from cvparse.engine.extract.errors import ExtractionError
from cvparse.engine.extract.screen import screen
from cvparse.engine.profile.models import DraftProfile
from cvparse.engine.referential.search import Entry, search
from cvparse.service.registry import get_pipeline, registry
from cvparse.service.review.decide import DecisionError, add, decide, field_of, finalize
from cvparse.service.review.models import AddIn, DecisionIn, ReviewState, SavedProfile
from cvparse.service.store.accounts import Role, User
from cvparse.service.store.audit import AuditEntry
from cvparse.service.store.documents import DocumentRecord, new_id
from cvparse.service.store.files import clean_filename
from cvparse.service.store.reviews import FinalizedError, StaleVersionError

router = APIRouter(prefix="/api/v1")
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


class FinalizeIn(BaseModel):
    version: int = Field(ge=0)


class ReprocessIn(BaseModel):
    document_ids: list[str] = Field(min_length=1, max_length=10_000)


class UserIn(BaseModel):
    role: Role
    display_name: str = Field(min_length=1, max_length=120)


class UserOut(BaseModel):
    user: User
    token: str


class AssignmentIn(BaseModel):
    advisor_id: str
    job_seeker_id: str


def _now() -> datetime:
    return datetime.now(UTC)


def _sensitive(text: str | None, what: str) -> tuple[list[str], dict[str, str]] | None:
    """The sensitive categories in advisor input and the warning to show, or None (the lists:
    privacy/data/advisor)."""
    from cvparse.engine.privacy.advisor_words import CATEGORY_LABELS, sensitive_categories

    found = sensitive_categories(text)
    if not found:
        return None
    fr = ", ".join(CATEGORY_LABELS[c][0] for c in found)
    en = ", ".join(CATEGORY_LABELS[c][1] for c in found)
    return found, {
        "fr": f"Ce texte mentionne : {fr}. Ces informations ne doivent être ni enregistrées ni "
              "utilisées pour décider : retirez-les puis enregistrez à nouveau.",
        "en": f"This {what} mentions {en}: such information must not be recorded or used to "
              "decide. Remove it and save again.",
    }


def _refuse_sensitive(text: str | None, what: str) -> None:
    """Advisor input never carries health, religion, origin…: refused with the category."""
    if found := _sensitive(text, what):
        categories, message = found
        raise ApiError(422, "sensitive_words", message["en"], message["fr"],
                       categories=categories)


class CheckIn(BaseModel):
    text: str = Field(max_length=5000)


class CheckOut(BaseModel):
    categories: list[str]
    message: dict[str, str] | None = None


@router.post("/check-text", response_model=CheckOut, tags=["review"])
def check_text(body: CheckIn, user: Caller) -> CheckOut:
    """What the review page calls as an advisor types: the sensitive categories in the text."""
    require(user, "advisor", "admin")
    found = _sensitive(body.text, "text")
    return CheckOut(categories=found[0], message=found[1]) if found else CheckOut(categories=[])


# -- documents --------------------------------------------------------------------------------


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
    draft, state = _draft_and_state(svc, doc)
    svc.stores.audit.record(user, "draft.read", "document", doc.id)
    updates = [
        Update(run_id=i.run_id, draft_id=i.draft_id, against=i.against, diff=i.diff)
        for i in svc.stores.runs.items_of_document(doc.id)
        if i.draft_id != state.draft_id and i.changed
    ]
    return DraftOut(document=DocumentOut.of(doc), draft=draft, review=state, updates=updates)


def _draft_and_state(svc, doc: DocumentRecord) -> tuple[DraftProfile, ReviewState]:
    """The draft under review (which a re-processing run never replaces once an advisor has
    decided on it) and the review's state."""
    if doc.draft_id is None:
        raise ApiError(409, "draft_not_ready",
                       f"The draft is not ready: the document is {doc.status}.",
                       document_status=doc.status)
    state = svc.stores.reviews.state(doc.id, doc.draft_id)
    return svc.stores.documents.draft_by_id(state.draft_id), state


# -- review -----------------------------------------------------------------------------------


@router.post("/documents/{document_id}/fields/{field_id}", response_model=ReviewState,
             tags=["review"], responses={409: {"description": "stale version or finalized"}})
def decide_field(document_id: str, field_id: str, body: DecisionIn, svc: Svc,
                 user: Caller) -> ReviewState:
    """An advisor confirms, rejects or edits one field, with an optional comment. `version`
    must be the review version last read; an older one gets 409 and changes nothing."""
    require(user, "advisor")
    _refuse_sensitive(body.comment, "comment")
    doc = document_for(svc, user, document_id, review=True)
    draft, _state = _draft_and_state(svc, doc)
    ref = _referential(draft)
    try:
        decision = decide(draft, ref, field_id, body, advisor=user.id, at=_now())
        proposed = field_of(draft, field_id).model_dump(mode="json", exclude_none=True)
        return svc.stores.reviews.decide(doc.id, decision, body.version, user, proposed)
    except DecisionError as exc:
        raise ApiError(404 if exc.code == "unknown_field" else 422, exc.code,
                       exc.message) from None
    except StaleVersionError as exc:
        raise _stale(exc) from None
    except FinalizedError:
        raise ApiError(409, "finalized", "This review is finalized: its profile is saved.") \
            from None


@router.post("/documents/{document_id}/fields", response_model=ReviewState, tags=["review"],
             responses={409: {"description": "stale version or finalized"}})
def add_field(document_id: str, body: AddIn, svc: Svc, user: Caller) -> ReviewState:
    """An advisor adds a field the CV showed but the pipeline missed (from the referential)."""
    require(user, "advisor")
    _refuse_sensitive(body.comment, "comment")
    doc = document_for(svc, user, document_id, review=True)
    draft, state = _draft_and_state(svc, doc)
    try:
        decision = add(draft, state, _referential(draft), body, advisor=user.id, at=_now())
        return svc.stores.reviews.decide(doc.id, decision, body.version, user, proposed=None)
    except DecisionError as exc:
        raise ApiError(422, exc.code, exc.message) from None
    except StaleVersionError as exc:
        raise _stale(exc) from None
    except FinalizedError:
        raise ApiError(409, "finalized", "This review is finalized: its profile is saved.") \
            from None


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


def _stale(exc: StaleVersionError) -> ApiError:
    return ApiError(409, "stale_version",
                    f"Someone changed this draft since you read it (now at version "
                    f"{exc.current}): reload it and make your change again.",
                    current_version=exc.current)


@router.post("/documents/{document_id}/finalize", status_code=201,
             response_model=SavedProfile, tags=["review"])
def finalize_review(document_id: str, body: FinalizeIn, svc: Svc, user: Caller) -> SavedProfile:
    """Save the profile: only confirmed and edited fields; unreviewed ones are listed."""
    require(user, "advisor")
    doc = document_for(svc, user, document_id, review=True)
    draft, state = _draft_and_state(svc, doc)
    if state.finalized:
        raise ApiError(409, "finalized", "This review is finalized: its profile is saved.")
    if state.version != body.version:
        raise _stale(StaleVersionError(state.version))
    profile = finalize(draft, state, profile_id=new_id(), job_seeker=doc.owner_id,
                       advisor=user.id, at=_now())
    try:
        return svc.stores.reviews.finalize(doc.id, body.version, profile, user)
    except StaleVersionError as exc:
        raise _stale(exc) from None
    except FinalizedError:
        raise ApiError(409, "finalized", "This review is finalized: its profile is saved.") \
            from None


@router.get("/profiles/{profile_id}", response_model=SavedProfile, tags=["profiles"])
def read_profile(profile_id: str, svc: Svc, user: Caller) -> SavedProfile:
    profile = svc.stores.reviews.profile(profile_id)
    if profile is None:
        raise ApiError(404, "not_found", f"No profile {profile_id}.")
    document_for(svc, user, profile.document_id)  # same access as the document
    svc.stores.audit.record(user, "profile.read", "profile", profile_id)
    return profile


# -- referential ------------------------------------------------------------------------------


@router.get("/referential/search", response_model=list[Entry], tags=["referential"])
def referential_search(
    svc: Svc, user: Caller,
    q: Annotated[str, Query(min_length=1, max_length=100)],
    kind: Literal["competence", "appellation", "metier"] | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[Entry]:
    """Autocomplete for advisors adding a skill the CV showed but the pipeline missed."""
    require(user, "advisor", "admin")
    _refuse_sensitive(q, "search")
    return search(registry().search_index(), q, kind, limit)


def _referential(draft: DraftProfile):
    ref = draft.referential
    return get_pipeline(f"{ref.name}@{ref.version}").referential


# -- ops and admin ----------------------------------------------------------------------------


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


@router.post("/users", status_code=201, response_model=UserOut, tags=["admin"])
def create_user(body: UserIn, svc: Svc, user: Caller) -> UserOut:
    """Create a user; the token is shown this once."""
    require(user, "admin")
    created, token = svc.stores.accounts.create(body.role, body.display_name)
    svc.stores.audit.record(user, "user.create", "user", created.id,
                            after={"role": created.role})
    return UserOut(user=created, token=token)


@router.post("/assignments", status_code=204, tags=["admin"])
def assign(body: AssignmentIn, svc: Svc, user: Caller) -> None:
    require(user, "admin")
    try:
        svc.stores.accounts.assign(body.advisor_id, body.job_seeker_id)
    except ValueError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None
    svc.stores.audit.record(user, "assignment.create", "user", body.job_seeker_id,
                            after={"advisor": body.advisor_id})


@router.post("/users/{user_id}/erase", tags=["admin"])
def erase(user_id: str, svc: Svc, user: Caller) -> dict[str, int]:
    """Right to erasure for one job seeker: every document, draft, profile and file about
    them; one audit record without personal data remains."""
    require(user, "admin")
    from cvparse.service.retention import erase_person

    person = svc.stores.accounts.get(user_id)
    if person is None or person.role != "job_seeker":
        raise ApiError(404, "not_found", f"No job seeker {user_id}.")
    report = erase_person(svc.stores, user_id, actor=user)
    svc.forget_tokens()  # a cached token of the erased account stops working now
    return report.__dict__


@router.get("/audit", response_model=list[AuditEntry], tags=["admin"])
def audit(svc: Svc, user: Caller, target_id: str | None = None,
          limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> list[AuditEntry]:
    require(user, "admin")
    return svc.stores.audit.entries(target_id, limit)


@router.get("/me", response_model=User, tags=["users"])
def me(user: Caller) -> User:
    return user

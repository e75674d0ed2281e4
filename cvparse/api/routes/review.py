"""The advisor's review: decide per field, add a field, check a text for sensitive words, save
the profile (only confirmed and edited fields).
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field

from cvparse.api.deps import Caller, Svc, document_for, draft_and_state, require
from cvparse.api.errors import ApiError
from cvparse.api.sensitive import refuse_sensitive, sensitive_warning
from cvparse.engine.profile.models import DraftProfile
from cvparse.service.registry import get_pipeline
from cvparse.service.review.decide import DecisionError, add, decide, field_of, finalize
from cvparse.service.review.models import AddIn, DecisionIn, ReviewState, SavedProfile
from cvparse.service.store.documents import new_id
from cvparse.service.store.reviews import FinalizedError, StaleVersionError

router = APIRouter()


class FinalizeIn(BaseModel):
    version: int = Field(ge=0)

def _now() -> datetime:
    return datetime.now(UTC)

class CheckIn(BaseModel):
    text: str = Field(max_length=5000)

class CheckOut(BaseModel):
    categories: list[str]
    message: dict[str, str] | None = None

@router.post("/check-text", response_model=CheckOut, tags=["review"])
def check_text(body: CheckIn, user: Caller) -> CheckOut:
    """What the review page calls as an advisor types: the sensitive categories in the text."""
    require(user, "advisor", "admin")
    found = sensitive_warning(body.text, "text")
    return CheckOut(categories=found[0], message=found[1]) if found else CheckOut(categories=[])

@router.post("/documents/{document_id}/fields/{field_id}", response_model=ReviewState,
             tags=["review"], responses={409: {"description": "stale version or finalized"}})
def decide_field(document_id: str, field_id: str, body: DecisionIn, svc: Svc,
                 user: Caller) -> ReviewState:
    """An advisor confirms, rejects or edits one field, with an optional comment. `version`
    must be the review version last read; an older one gets 409 and changes nothing."""
    require(user, "advisor")
    refuse_sensitive(body.comment, "comment")
    doc = document_for(svc, user, document_id, review=True)
    draft, _state = draft_and_state(svc, doc)
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
    refuse_sensitive(body.comment, "comment")
    doc = document_for(svc, user, document_id, review=True)
    draft, state = draft_and_state(svc, doc)
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
    draft, state = draft_and_state(svc, doc)
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

def _referential(draft: DraftProfile):
    ref = draft.referential
    return get_pipeline(f"{ref.name}@{ref.version}").referential

"""The advisor's review: decide per field (or undo a decision), add a field of any kind, check
a text for sensitive words, save the profile (only confirmed, edited and added fields), and
read the review back with the names of the advisors behind it and the saved profile.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, BeforeValidator, Field

from cvparse.api.deps import Caller, Svc, document_for, draft_and_state, require
from cvparse.api.errors import ApiError
from cvparse.api.sensitive import refuse_sensitive, sensitive_warning
from cvparse.engine.profile.models import DraftProfile
from cvparse.service.registry import get_pipeline
from cvparse.service.review.decide import (
    DecisionError,
    add,
    decide,
    field_of,
    finalize,
    undoable,
)
from cvparse.service.review.models import AddIn, DecisionIn, ReviewState, SavedProfile
from cvparse.service.review.vocab import Vocabulary, vocabulary
from cvparse.service.store.documents import new_id
from cvparse.service.store.reviews import FinalizedError, StaleVersionError
from cvparse.service.text_input import clean_input

router = APIRouter()

# French messages of the review's own error codes (the API's common ones are in api/errors).
REVIEW_FR: dict[str, str] = {
    "not_decided": "Ce champ n'a pas de décision à annuler.",
    "bad_action": "Action inconnue pour ce champ.",
    "missing_code": "Choisissez une valeur dans la liste.",
    "missing_label": "Indiquez l'intitulé du diplôme.",
    "missing_start": "Indiquez la date de début.",
    "already_proposed": "Le brouillon propose déjà cet élément : confirmez-le ou modifiez-le.",
    "label_not_editable": "Seul l'intitulé d'un diplôme se saisit à la main.",
    "unknown_code": "Ce code n'existe pas dans la liste : choisissez une entrée proposée.",
    "empty_edit": "Une modification doit changer au moins une valeur.",
    "no_change": "Rien n'a changé : confirmez plutôt le champ, ou modifiez une valeur.",
    "year_out_of_range": "Année invraisemblable : indiquez une année entre 1950 et l'an "
                         "prochain.",
    "date_out_of_range": "Date invraisemblable : indiquez un mois entre janvier 1950 et un an "
                         "après aujourd'hui.",
}


class FinalizeIn(BaseModel):
    version: int = Field(ge=0)

def _now() -> datetime:
    return datetime.now(UTC)

class CheckIn(BaseModel):
    # Cleaned as a saved comment is (`service.text_input`), so that the warning shown while
    # typing is the refusal the save would give.
    text: Annotated[str, BeforeValidator(lambda v: clean_input(v, multiline=True))] = Field(
        max_length=5000)

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
    """An advisor confirms, rejects or edits one field, with an optional comment, or undoes
    the field's decision (`"action": "undo"`: back to undecided; an added field goes away).
    `version` must be the review version last read; an older one gets 409 and changes
    nothing. An edit applies to what the field holds now; one that changes nothing gets 422
    `no_change` and is not recorded (see `decide._no_change`)."""
    require(user, "advisor")
    _refuse(body.comment, "comment", "comment")
    _refuse(body.edit.label if body.edit else None, "label", "label")
    doc = document_for(svc, user, document_id, review=True)
    draft, state = draft_and_state(svc, doc)
    try:
        if body.action == "undo":
            if state.finalized:
                raise FinalizedError
            if state.version != body.version:  # what it undoes may have changed since
                raise StaleVersionError(state.version)
            undoable(state, field_id)
            return svc.stores.reviews.undo(doc.id, field_id, body.version, user)
        ref = _referential(draft)
        decision = decide(draft, ref, field_id, body, advisor=user.id, at=_now(),
                          current=state.decisions.get(field_id))
        proposed = field_of(draft, field_id).model_dump(mode="json", exclude_none=True)
        return svc.stores.reviews.decide(doc.id, decision, body.version, user, proposed)
    except DecisionError as exc:
        raise _invalid(exc, 404 if exc.code == "unknown_field" else 422) from None
    except StaleVersionError as exc:
        raise _stale(exc) from None
    except FinalizedError:
        raise ApiError(409, "finalized", "This review is finalized: its profile is saved.") \
            from None

@router.post("/documents/{document_id}/fields", response_model=ReviewState, tags=["review"],
             responses={409: {"description": "stale version or finalized"}})
def add_field(document_id: str, body: AddIn, svc: Svc, user: Caller) -> ReviewState:
    """An advisor adds a field the CV showed but the pipeline missed, of any kind (see
    `AddIn`): referential entries and licences from their lists, a diploma's title typed."""
    require(user, "advisor")
    _refuse(body.comment, "comment", "comment")
    _refuse(body.label, "label", "label")
    doc = document_for(svc, user, document_id, review=True)
    draft, state = draft_and_state(svc, doc)
    try:
        decision = add(draft, state, _referential(draft), body, advisor=user.id, at=_now())
        return svc.stores.reviews.decide(doc.id, decision, body.version, user, proposed=None)
    except DecisionError as exc:
        raise _invalid(exc, 422) from None
    except StaleVersionError as exc:
        raise _stale(exc) from None
    except FinalizedError:
        raise ApiError(409, "finalized", "This review is finalized: its profile is saved.") \
            from None

def _refuse(text: str | None, what: str, field: str) -> None:
    """Sensitive words refused (api.sensitive), the error naming the input they were in."""
    try:
        refuse_sensitive(text, what)
    except ApiError as exc:
        exc.extra["field"] = field
        raise


def _invalid(exc: DecisionError, status: int) -> ApiError:
    extra = {"field": exc.field} if exc.field else {}
    return ApiError(status, exc.code, exc.message, exc.fr or REVIEW_FR.get(exc.code), **extra)


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


class ReviewOut(BaseModel):
    """The review as the page shows it: the draft under review, the decisions, the saved
    profile once there is one, and the display names of the advisors who decided or saved
    (ids alone say nothing). Unlike `GET …/draft`, no document record: its uploaded file
    name often carries the person's name."""

    draft: DraftProfile
    review: ReviewState
    profile: SavedProfile | None = None
    people: dict[str, str] = Field(default_factory=dict)


@router.get("/documents/{document_id}/review", response_model=ReviewOut, tags=["review"])
def read_review(document_id: str, svc: Svc, user: Caller) -> ReviewOut:
    """The draft with who decided what, and the saved profile (who saved it, when, what was
    rejected): the review page reads only this, opens read-only on the profile once saved,
    and names a colleague's decision in a conflict. Same access as the draft."""
    doc = document_for(svc, user, document_id)
    draft, state = draft_and_state(svc, doc)
    profile = svc.stores.reviews.profile_of_document(doc.id) if state.finalized else None
    ids = {d.advisor for d in state.decisions.values()} | ({profile.advisor} if profile else set())
    people = {}
    for person in sorted(ids):
        account = svc.stores.accounts.get(person)
        if account is not None:
            people[person] = account.display_name
    svc.stores.audit.record(user, "draft.read", "document", doc.id)
    return ReviewOut(draft=draft, review=state, profile=profile, people=people)


@router.get("/review/vocabulary", response_model=Vocabulary, tags=["review"])
def review_vocabulary(user: Caller) -> Vocabulary:
    """The lists an advisor picks from to correct or add a fact: normalised licence codes,
    languages, CEFR levels, diploma types and levels."""
    require(user, "advisor", "admin")
    return vocabulary()

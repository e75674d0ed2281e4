"""Saved profiles, read with the same access rules as their document.
"""

from __future__ import annotations

from fastapi import APIRouter

from cvparse.api.deps import Caller, Svc, document_for
from cvparse.api.errors import ApiError
from cvparse.service.review.models import SavedProfile

router = APIRouter()


@router.get("/profiles/{profile_id}", response_model=SavedProfile, tags=["profiles"])
def read_profile(profile_id: str, svc: Svc, user: Caller) -> SavedProfile:
    profile = svc.stores.reviews.profile(profile_id)
    if profile is None:
        raise ApiError(404, "not_found", f"No profile {profile_id}.")
    document_for(svc, user, profile.document_id)  # same access as the document
    svc.stores.audit.record(user, "profile.read", "profile", profile_id)
    return profile

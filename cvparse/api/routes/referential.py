"""Referential search: the advisor's autocomplete to add or replace a skill, a job title or a
métier.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from cvparse.api.deps import Caller, Svc, require
from cvparse.api.sensitive import refuse_sensitive
from cvparse.engine.referential.search import Entry, search
from cvparse.service.registry import registry

router = APIRouter()


@router.get("/referential/search", response_model=list[Entry], tags=["referential"])
def referential_search(
    svc: Svc, user: Caller,
    q: Annotated[str, Query(min_length=1, max_length=100)],
    kind: Literal["competence", "appellation", "metier"] | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[Entry]:
    """Autocomplete for advisors adding a skill the CV showed but the pipeline missed."""
    require(user, "advisor", "admin")
    refuse_sensitive(q, "search")
    return search(registry().search_index(), q, kind, limit)

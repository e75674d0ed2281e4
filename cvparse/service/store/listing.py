"""The list of documents as people read it: whose CV, uploaded when, and where it stands in
words an advisor uses (to review, in progress x/N, saved on … by …, failed: why).

One page at a time, filtered, searched and sorted by the database, so that an advisor's list
stays fast with tens of thousands of documents (`benchmarks/advisor_list.py`,
docs/performance.md):

1. the ids of the page: documents in the caller's scope, joined with their review and saved
   profile only when the state is asked for (a CASE expression used for the filter and the
   sort), ordered, then OFFSET/LIMIT — the sort never carries JSON columns; the total is
   counted apart when that is cheaper, with the page (a window count) when every document's
   state has to be read anyway;
2. the details of those ids only: owner's name, review progress, field counts, who saved.

Who may see what is not decided here: the API's `visible_documents` gives the `Scope`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import Engine, Select, and_, case, func, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from cvparse.engine.text import unaccent_lower
from cvparse.service.store.documents import DocumentRecord
from cvparse.service.store.models import (
    AssignmentRow,
    DocumentRow,
    DraftRow,
    ProfileRow,
    ReviewRow,
    UserRow,
)

State = Literal["to_review", "in_progress", "processing", "failed", "saved"]
# The order of "sort by state": work waiting for the advisor first, done work last.
STATES: tuple[State, ...] = ("to_review", "in_progress", "processing", "failed", "saved")
Sort = Literal["date", "-date", "state", "-state"]
DECIDED_ACTIONS = ("confirm", "reject", "edit")  # a draft field decided ("add" is a new one)
MAX_QUERY = 100


@dataclass(frozen=True)
class Scope:
    """Whose documents a list may hold: those of `owners`, or of the job seekers `advisor`
    follows, or (neither given) everyone's."""

    owners: tuple[str, ...] | None = None
    advisor: str | None = None


class ListQuery(BaseModel):
    """What the caller asked for: a state, part of a job seeker's name, an order, a page."""

    state: State | None = None
    q: str | None = Field(default=None, max_length=MAX_QUERY)
    sort: Sort = "-date"
    offset: int = Field(default=0, ge=0)
    limit: int = Field(default=25, ge=1, le=500)


class ListedDocument(DocumentRecord):
    """A document with what its list row shows."""

    owner_name: str | None = None
    state: State
    decided: int | None = None  # draft fields decided so far (a review in progress)
    fields: int | None = None  # fields in the draft under review
    profile_id: str | None = None
    saved_at: datetime | None = None  # when the advisor saved the profile
    saved_by: str | None = None  # the advisor's display name


class ListPage(BaseModel):
    items: list[ListedDocument]
    total: int
    offset: int
    limit: int


def _state() -> ColumnElement[str]:
    """The state in advisor words, from the document's status, review and saved profile.

    Only columns an index holds or that come before the big JSON ones are read (a saved
    profile is told by its document id in the profiles index; a finalized review always has
    one; `version` precedes `decisions`): reading `reviews.finalized` would make SQLite walk
    every review's decisions, tripling the time of a list of 10,000."""
    return case(
        (ProfileRow.document_id.is_not(None), "saved"),
        (DocumentRow.status.in_(("failed", "needs_ocr")), "failed"),
        (DocumentRow.status.in_(("queued", "processing")), "processing"),
        (ReviewRow.version > 0, "in_progress"),
        else_="to_review",
    )


def _rank(state: ColumnElement[str]) -> ColumnElement[int]:
    return case({name: rank for rank, name in enumerate(STATES)}, value=state, else_=99)


def matches(name: str | None, query: str) -> bool:
    """Every word of the query is in the name, ignoring case and accents ("helene dup" finds
    "Hélène Dupont")."""
    folded = unaccent_lower(name or "")
    return all(word in folded for word in unaccent_lower(query).split())


class DocumentListing:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._session = sessionmaker(engine, expire_on_commit=False)

    def page(self, scope: Scope, query: ListQuery) -> ListPage:
        state = _state()
        by_state = query.sort.endswith("state")
        base = self._scoped(select(DocumentRow.id), scope)
        with self._session() as session:
            if query.q and query.q.strip():
                owners = self._owners_named(session, scope, query.q)
                if not owners:
                    return ListPage(items=[], total=0, offset=query.offset, limit=query.limit)
                base = base.where(DocumentRow.owner_id.in_(owners))
            if query.state or by_state:  # the state needs the review and the profile
                joined = (base.outerjoin(ReviewRow, ReviewRow.document_id == DocumentRow.id)
                          .outerjoin(ProfileRow, ProfileRow.document_id == DocumentRow.id))
                if query.state:
                    base = joined = joined.where(state == query.state)
            else:
                joined = base
            descending = query.sort.startswith("-")
            if by_state:
                rank = _rank(state)
                order = (rank.desc() if descending else rank.asc(),
                         DocumentRow.created_at.desc(), DocumentRow.id.desc())
            elif descending:
                order = (DocumentRow.created_at.desc(), DocumentRow.id.desc())
            else:
                order = (DocumentRow.created_at.asc(), DocumentRow.id.asc())
            if query.state:
                # Every document's state is read to filter: the total comes with the page (a
                # window count), in the same pass.
                rows = session.execute(joined.add_columns(func.count().over())
                                       .order_by(*order).offset(query.offset)
                                       .limit(query.limit)).all()
                ids = [r[0] for r in rows]
                total = rows[0][1] if rows else self._count(session, base)
            else:
                # Counted apart, without the joins: the page is then a top-N sort the
                # database keeps to `limit` rows (a window count would carry every row).
                total = self._count(session, base)
                ids = list(session.scalars(joined.order_by(*order).offset(query.offset)
                                           .limit(query.limit))) if total > query.offset else []
            items = self._details(session, ids)
        return ListPage(items=items, total=total, offset=query.offset, limit=query.limit)

    @staticmethod
    def _count(session: Session, query: Select) -> int:
        return session.scalar(select(func.count()).select_from(query.subquery())) or 0

    @staticmethod
    def _scoped(query: Select, scope: Scope) -> Select:
        if scope.advisor is not None:
            return query.join(AssignmentRow, and_(
                AssignmentRow.job_seeker_id == DocumentRow.owner_id,
                AssignmentRow.advisor_id == scope.advisor))
        if scope.owners is not None:
            return query.where(DocumentRow.owner_id.in_(scope.owners))
        return query

    @staticmethod
    def _owners_named(session: Session, scope: Scope, text: str) -> list[str]:
        """The job seekers in scope whose name holds the query. Folded here, not in SQL:
        SQLite's lower() leaves "É" alone, and an advisor follows hundreds of people, not
        millions."""
        people = select(UserRow.id, UserRow.display_name).where(UserRow.role == "job_seeker")
        if scope.advisor is not None:
            people = people.join(AssignmentRow, and_(
                AssignmentRow.job_seeker_id == UserRow.id,
                AssignmentRow.advisor_id == scope.advisor))
        elif scope.owners is not None:
            people = people.where(UserRow.id.in_(scope.owners))
        return [pid for pid, name in session.execute(people) if matches(name, text)]

    def _details(self, session: Session, ids: list[str]) -> list[ListedDocument]:
        if not ids:
            return []
        rows = session.execute(
            select(DocumentRow, UserRow.display_name, _state(), ReviewRow.draft_id,
                   ReviewRow.decisions, ProfileRow.id,
                   ProfileRow.payload["finalized_at"].as_string(),
                   ProfileRow.payload["advisor"].as_string())
            .outerjoin(UserRow, UserRow.id == DocumentRow.owner_id)
            .outerjoin(ReviewRow, ReviewRow.document_id == DocumentRow.id)
            .outerjoin(ProfileRow, ProfileRow.document_id == DocumentRow.id)
            .where(DocumentRow.id.in_(ids))
        ).all()
        drafts = {row[3] or row[0].draft_id for row in rows if row[2] == "in_progress"}
        counts = self._field_counts(session, [d for d in drafts if d])
        advisors = {row[7] for row in rows if row[7]}
        names = dict(session.execute(
            select(UserRow.id, UserRow.display_name).where(UserRow.id.in_(advisors))
        ).tuples().all()) if advisors else {}
        by_id: dict[str, ListedDocument] = {}
        for doc, owner, state, review_draft, decisions, profile, saved_at, advisor in rows:
            item = ListedDocument.model_validate(
                {**DocumentRecord.model_validate(doc).model_dump(), "owner_name": owner,
                 "state": state, "profile_id": profile, "saved_at": saved_at,
                 "saved_by": names.get(advisor) if advisor else None})
            if state == "in_progress":
                item.decided = sum(1 for d in (decisions or {}).values()
                                   if d.get("action") in DECIDED_ACTIONS)
                item.fields = counts.get(review_draft or doc.draft_id)
            by_id[doc.id] = item
        return [by_id[i] for i in ids if i in by_id]

    def _field_counts(self, session: Session, draft_ids: list[str]) -> dict[str, int]:
        """How many fields each draft proposes, counted by the database (a draft's JSON can
        weigh tens of kilobytes: it is never loaded for a count)."""
        if not draft_ids:
            return {}
        if self.engine.dialect.name == "postgresql":
            length = func.jsonb_array_length(DraftRow.payload["fields"])
        else:
            length = func.json_array_length(DraftRow.payload, "$.fields")
        return dict(session.execute(
            select(DraftRow.id, length).where(DraftRow.id.in_(draft_ids))
        ).tuples().all())

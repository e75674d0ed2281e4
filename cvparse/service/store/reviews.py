"""Reviews (the advisor's decisions, versioned) and saved profiles.

No lost update: every write names the version it was based on and is applied with
`UPDATE … WHERE version = :seen`; a stale version changes nothing and raises
StaleVersionError (the API answers 409 with the current version)."""

from __future__ import annotations

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from cvparse.service.review.models import Decision, ReviewState, SavedProfile
from cvparse.service.store.audit import add_entry
from cvparse.service.store.models import ProfileRow, ReviewRow, utcnow


class StaleVersionError(Exception):
    def __init__(self, current: int) -> None:
        super().__init__(f"the review is at version {current}")
        self.current = current


class FinalizedError(Exception):
    pass


def _state(row: ReviewRow) -> ReviewState:
    return ReviewState(
        document_id=row.document_id, draft_id=row.draft_id, version=row.version,
        decisions={k: Decision.model_validate(v) for k, v in (row.decisions or {}).items()},
        finalized=row.finalized,
    )


class ReviewStore:
    def __init__(self, engine: Engine) -> None:
        self._session = sessionmaker(engine, expire_on_commit=False)

    def state(self, document_id: str, draft_id: str) -> ReviewState:
        """The review of the document's draft, opened (version 0) on first read. Two first
        reads at once (the review page asks for the draft, the review and the pages together)
        both try to open it: the one that loses reads what the other wrote."""
        try:
            with self._session.begin() as session:
                row = session.get(ReviewRow, document_id)
                if row is None:
                    row = ReviewRow(document_id=document_id, draft_id=draft_id, version=0,
                                    decisions={}, finalized=False)
                    session.add(row)
                return _state(row)
        except IntegrityError:
            with self._session() as session:
                return _state(session.get(ReviewRow, document_id))

    def get(self, document_id: str) -> ReviewState | None:
        with self._session() as session:
            row = session.get(ReviewRow, document_id)
            return _state(row) if row else None

    def rebind(self, document_id: str, draft_id: str) -> bool:
        """Point an untouched review (no decision yet) at a newer draft; a review with
        decisions, or finalized, keeps the draft the advisor is working on."""
        with self._session.begin() as session:
            result = session.execute(
                update(ReviewRow)
                .where(ReviewRow.document_id == document_id, ReviewRow.finalized.is_(False),
                       ReviewRow.version == 0)
                .values(draft_id=draft_id, updated_at=utcnow())
            )
            return result.rowcount == 1

    def profile_of_document(self, document_id: str) -> SavedProfile | None:
        query = select(ProfileRow).where(ProfileRow.document_id == document_id)
        with self._session() as session:
            row = session.scalars(query).first()
            return SavedProfile.model_validate(row.payload) if row else None

    def decide(self, document_id: str, decision: Decision, seen: int, actor,
               proposed: dict | None) -> ReviewState:
        with self._session.begin() as session:
            row = session.get(ReviewRow, document_id)
            self._check(row, seen)
            decisions = dict(row.decisions or {})
            before = decisions.get(decision.field_id) or (
                {"action": "proposed", "value": proposed} if proposed else None
            )
            after = decision.model_dump(mode="json", exclude_none=True)
            decisions[decision.field_id] = after
            self._write(session, document_id, seen, decisions=decisions)
            add_entry(session, actor, f"review.{decision.action}", "field",
                      f"{document_id}/{decision.field_id}", before=before, after=after)
        with self._session() as session:
            return _state(session.get(ReviewRow, document_id))

    def undo(self, document_id: str, field_id: str, seen: int, actor) -> ReviewState:
        """Take a field back to undecided: its decision is removed (an added field goes
        away), the version moves on, and the audit keeps what it was."""
        with self._session.begin() as session:
            row = session.get(ReviewRow, document_id)
            self._check(row, seen)
            decisions = dict(row.decisions or {})
            before = decisions.pop(field_id, None)
            self._write(session, document_id, seen, decisions=decisions)
            add_entry(session, actor, "review.undo", "field", f"{document_id}/{field_id}",
                      before=before, after=None)
        with self._session() as session:
            return _state(session.get(ReviewRow, document_id))

    def finalize(self, document_id: str, seen: int, profile: SavedProfile, actor) -> SavedProfile:
        payload = profile.model_dump(mode="json", exclude_none=True)
        with self._session.begin() as session:
            row = session.get(ReviewRow, document_id)
            self._check(row, seen)
            self._write(session, document_id, seen, finalized=True)
            session.add(ProfileRow(id=profile.id, document_id=document_id,
                                   job_seeker_id=profile.job_seeker, payload=payload))
            add_entry(session, actor, "profile.save", "profile", profile.id,
                      after={"fields": [f["id"] for f in payload["fields"]],
                             "unreviewed": payload["unreviewed"],
                             "rejected": payload["rejected"]})
        return profile

    def profile(self, profile_id: str) -> SavedProfile | None:
        with self._session() as session:
            row = session.get(ProfileRow, profile_id)
            return SavedProfile.model_validate(row.payload) if row else None

    def profiles_of(self, job_seeker_id: str) -> list[SavedProfile]:
        query = select(ProfileRow).where(ProfileRow.job_seeker_id == job_seeker_id)
        with self._session() as session:
            return [SavedProfile.model_validate(r.payload) for r in session.scalars(query)]

    @staticmethod
    def _check(row: ReviewRow | None, seen: int) -> None:
        if row is None:
            raise StaleVersionError(0)
        if row.finalized:
            raise FinalizedError("this review is finalized: its profile is saved")
        if row.version != seen:
            raise StaleVersionError(row.version)

    @staticmethod
    def _write(session, document_id: str, seen: int, **values) -> None:
        result = session.execute(
            update(ReviewRow)
            .where(ReviewRow.document_id == document_id, ReviewRow.version == seen,
                   ReviewRow.finalized.is_(False))
            .values(version=seen + 1, updated_at=utcnow(), **values)
        )
        if result.rowcount != 1:  # another writer got there between our read and write
            current = session.get(ReviewRow, document_id, populate_existing=True)
            raise StaleVersionError(current.version if current else 0)

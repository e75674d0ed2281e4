"""Documents, their drafts and their readings: the one place that reads and writes them.

The workers record progress here and the CLI (and the API) read it; every method is one short
transaction, so a worker killed between two calls leaves a consistent state that a redelivered
task resumes from. Retention and erasure find their documents here (`due_for_purge`,
`ids_of_owner`, `contents`) and delete through `purge_documents`, `delete_documents` (inside
their own transaction, which also holds their audit entry) and `DocumentStore.drop_unused`; a
document's review and run items go with it.
"""

from __future__ import annotations

import json
import logging
import uuid
import zlib
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection, Engine, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from cvparse.engine.document import Document
from cvparse.engine.profile.models import DraftProfile
from cvparse.service.store.files import clean_filename
from cvparse.service.store.models import (
    DocumentRow,
    DraftRow,
    ProfileRow,
    ReadingRow,
    ReviewRow,
    RunItemRow,
    utcnow,
)

log = logging.getLogger("cvparse.service.store")

Status = Literal["queued", "processing", "draft_ready", "needs_ocr", "failed", "purged"]
MAX_ERROR_MESSAGE = 2000


class UnknownDocumentError(LookupError):
    pass


class DocumentRecord(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    sha256: str
    filename: str
    size: int
    referential: str | None
    owner_id: str | None = None
    status: Status
    error_code: str | None
    error_message: str | None
    attempts: int
    draft_id: str | None
    created_at: datetime
    started_at: datetime | None
    updated_at: datetime


class DraftRecord(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    sha256: str
    referential: str
    referential_checksum: str
    pipeline_version: str
    learned: str = ""
    created_at: datetime

    def key(self) -> tuple[str, str, str, str]:
        return self.sha256, self.referential_checksum, self.pipeline_version, self.learned


def draft_key(draft: DraftProfile) -> tuple[str, str, str, str]:
    """The one definition of what makes two drafts the same: file, referential content,
    pipeline version and learned layer ("" without one)."""
    ref = draft.referential
    return draft.source.sha256, ref.checksum, draft.pipeline_version, ref.learned or ""


def new_id() -> str:
    return uuid.uuid4().hex


class DocumentStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._session = sessionmaker(engine, expire_on_commit=False)

    # Documents --------------------------------------------------------------------------

    def create(
        self, sha256: str, filename: str, size: int, referential: str | None = None,
        owner_id: str | None = None,
    ) -> DocumentRecord:
        """A queued document. Its file name is cleaned here, where it is stored, whichever way
        it came (API upload or replace, CLI submit, a script): it is shown to advisors."""
        row = DocumentRow(
            id=new_id(), sha256=sha256, filename=clean_filename(filename), size=size,
            referential=referential, owner_id=owner_id, status="queued", attempts=0,
        )
        with self._session.begin() as session:
            session.add(row)
        return DocumentRecord.model_validate(row)

    def get(self, document_id: str) -> DocumentRecord:
        with self._session() as session:
            return DocumentRecord.model_validate(self._row(session, document_id))

    def list(
        self, status: Status | None = None, limit: int = 100, owners: list[str] | None = None
    ) -> list[DocumentRecord]:
        """Oldest first; `owners` (when given) keeps the documents of these people only."""
        query = select(DocumentRow).order_by(DocumentRow.created_at).limit(limit)
        if status:
            query = query.where(DocumentRow.status == status)
        if owners is not None:
            query = query.where(DocumentRow.owner_id.in_(owners))
        with self._session() as session:
            return [DocumentRecord.model_validate(r) for r in session.scalars(query)]

    def statuses(self, ids: list[str]) -> dict[str, Status]:
        """Status of many documents in one query (progress of a batch, a bulk upload)."""
        query = select(DocumentRow.id, DocumentRow.status).where(DocumentRow.id.in_(ids))
        with self._session() as session:
            return dict(session.execute(query).tuples().all())

    def start(self, document_id: str) -> DocumentRecord:
        """Mark the document as being processed (one more attempt)."""
        with self._session.begin() as session:
            row = self._row(session, document_id)
            row.status = "processing"
            row.started_at = utcnow()
            row.attempts += 1
            row.error_code = row.error_message = None
        return DocumentRecord.model_validate(row)

    def fail(self, document_id: str, code: str, message: str) -> DocumentRecord:
        """Record a failure that retrying cannot fix (bad file, timeout), with its clear error."""
        with self._session.begin() as session:
            row = self._row(session, document_id)
            row.status = "failed"
            row.error_code = code
            row.error_message = message[:MAX_ERROR_MESSAGE]
        return DocumentRecord.model_validate(row)

    # Drafts -----------------------------------------------------------------------------

    def find_draft(
        self, sha256: str, referential_checksum: str, pipeline_version: str, learned: str = ""
    ) -> DraftRecord | None:
        """The draft of that key (`draft_key`); `learned`: the layer's label, "" for none."""
        query = select(DraftRow).where(
            DraftRow.sha256 == sha256,
            DraftRow.referential_checksum == referential_checksum,
            DraftRow.pipeline_version == pipeline_version,
            DraftRow.learned == learned,
        )
        with self._session() as session:
            row = session.scalars(query).first()
            return DraftRecord.model_validate(row) if row else None

    def save_draft(self, document_id: str, draft: DraftProfile) -> tuple[DocumentRecord, bool]:
        """Store the draft (unless the same file × referential × pipeline already has one) and
        attach it to the document. Returns the document and whether a draft was created."""
        _, created, doc = self._store_draft(draft, attach_to=document_id)
        return doc, created

    def attach(self, document_id: str, draft_id: str) -> DocumentRecord:
        """Point the document at an existing draft; its status follows the draft's."""
        with self._session.begin() as session:
            draft = session.get(DraftRow, draft_id)
            if draft is None:
                raise LookupError(f"no draft with id {draft_id!r}")
            row = self._attach(session, document_id, draft)
        return DocumentRecord.model_validate(row)

    def _attach(self, session: Session, document_id: str, draft: DraftRow) -> DocumentRow:
        row = self._row(session, document_id)
        row.draft_id = draft.id
        row.status = "needs_ocr" if draft.payload.get("status") == "needs_ocr" else "draft_ready"
        row.error_code = row.error_message = None
        row.updated_at = utcnow()
        return row

    def add_draft(self, draft: DraftProfile) -> str:
        """Store a draft (once per file × referential × pipeline) without attaching it to any
        document: re-processing keeps the document on its draft while it is under review."""
        return self._store_draft(draft, attach_to=None)[0]

    def _store_draft(
        self, draft: DraftProfile, attach_to: str | None
    ) -> tuple[str, bool, DocumentRecord | None]:
        """Insert the draft unless its key already has one, attaching `attach_to` in the same
        write transaction; returns the draft id, whether it was created, and the document.

        Two workers finishing the same document at once (a redelivered task whose first run was
        not dead after all) both land here: the unique constraint lets one insert win and the
        other use its draft."""
        ref = draft.referential
        key = draft_key(draft)
        existing = self.find_draft(*key)
        if existing is None:
            row = DraftRow(
                id=new_id(), sha256=key[0], referential=f"{ref.name}@{ref.version}",
                referential_checksum=key[1], pipeline_version=key[2], learned=key[3],
                payload=draft.model_dump(mode="json", exclude_none=True),
            )
            try:
                with self._session.begin() as session:
                    session.add(row)
                    doc = None
                    if attach_to is not None:
                        session.flush()
                        doc = self._attach(session, attach_to, row)
                return row.id, True, DocumentRecord.model_validate(doc) if doc else None
            except IntegrityError:
                existing = self.find_draft(*key)
                if existing is None:  # pragma: no cover - the constraint said it exists
                    raise
        attached = self.attach(attach_to, existing.id) if attach_to is not None else None
        return existing.id, False, attached

    def draft_by_id(self, draft_id: str) -> DraftProfile | None:
        with self._session() as session:
            row = session.get(DraftRow, draft_id)
            return DraftProfile.model_validate(row.payload) if row else None

    def select(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        statuses: list[str] | None = None,
        referential: str | None = None,
        pipeline_version: str | None = None,
        ids: list[str] | None = None,
    ) -> list[str]:
        """Ids of the documents a re-processing run should cover."""
        query = select(DocumentRow.id).outerjoin(DraftRow, DocumentRow.draft_id == DraftRow.id)
        if since:
            query = query.where(DocumentRow.created_at >= since)
        if until:
            query = query.where(DocumentRow.created_at < until)
        if statuses:
            query = query.where(DocumentRow.status.in_(statuses))
        if referential:
            query = query.where(DraftRow.referential == referential)
        if pipeline_version:
            query = query.where(DraftRow.pipeline_version == pipeline_version)
        if ids:
            query = query.where(DocumentRow.id.in_(ids))
        with self._session() as session:
            return list(session.scalars(query.order_by(DocumentRow.created_at)))

    def draft(self, document_id: str) -> DraftProfile | None:
        with self._session() as session:
            row = self._row(session, document_id)
            if row.draft_id is None:
                return None
            payload = session.get(DraftRow, row.draft_id).payload
        return DraftProfile.model_validate(payload)

    # Readings ---------------------------------------------------------------------------

    def reading(self, sha256: str, pipeline_version: str, ocr: bool) -> Document | None:
        """The stored reading of this content, or None (never stored, or unreadable: a reading
        is only a cache of the file, so a damaged one is read again rather than trusted)."""
        with self._session() as session:
            row = session.get(ReadingRow, (sha256, pipeline_version, ocr))
            payload = bytes(row.payload) if row else None
        if payload is None:
            return None
        try:
            return Document.from_dict(json.loads(zlib.decompress(payload)))
        except (ValueError, KeyError, TypeError, IndexError, zlib.error) as exc:
            log.warning("stored reading unusable, reading the file again",
                        extra={"error_code": type(exc).__name__})
            return None

    def save_reading(
        self, sha256: str, pipeline_version: str, ocr: bool, document: Document
    ) -> None:
        """Store a reading (once: a reading stored meanwhile by another worker is the same,
        and a damaged one is replaced)."""
        payload = zlib.compress(json.dumps(
            document.to_dict(), ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8"))
        key = (sha256, pipeline_version, ocr)
        try:
            with self._session.begin() as session:
                row = session.get(ReadingRow, key)
                if row is None:
                    session.add(ReadingRow(sha256=sha256, pipeline_version=pipeline_version,
                                           ocr=ocr, payload=payload))
                else:
                    row.payload, row.created_at = payload, utcnow()
        except IntegrityError:
            pass  # another worker stored it first

    def count_readings(self, sha256: str | None = None) -> int:
        return self._count(ReadingRow, sha256)

    # Retention --------------------------------------------------------------------------

    def due_for_purge(self, saved_before: datetime, created_before: datetime
                      ) -> tuple[list[str], list[str]]:
        """Documents whose profile was saved before `saved_before` (not purged yet), and
        documents never finalized that were uploaded before `created_before`."""
        finalized = (select(DocumentRow.id)
                     .join(ProfileRow, ProfileRow.document_id == DocumentRow.id)
                     .where(ProfileRow.created_at < saved_before,
                            DocumentRow.status != "purged"))
        stale = (select(DocumentRow.id)
                 .outerjoin(ProfileRow, ProfileRow.document_id == DocumentRow.id)
                 .where(ProfileRow.id.is_(None), DocumentRow.created_at < created_before))
        with self._session() as session:
            return list(session.scalars(finalized)), list(session.scalars(stale))

    def ids_of_owner(self, owner_id: str) -> list[str]:
        with self._session() as session:
            return list(session.scalars(
                select(DocumentRow.id).where(DocumentRow.owner_id == owner_id)))

    def contents(self, document_ids: list[str]) -> set[str]:
        """The file keys (sha256) of these documents."""
        if not document_ids:
            return set()
        with self._session() as session:
            return set(session.scalars(
                select(DocumentRow.sha256).where(DocumentRow.id.in_(document_ids))))

    def drop_unused(self, sha256: str) -> tuple[int, bool]:
        """When no live document (purged ones are not) has this content any more: delete its
        readings and the drafts that no document or review points at. Returns the number of
        drafts deleted and whether the content is unused (its file may go too)."""
        with self._session.begin() as session:
            in_use = session.execute(select(DocumentRow.id).where(
                DocumentRow.sha256 == sha256, DocumentRow.status != "purged")).first()
            if in_use:
                return 0, False
            session.execute(delete(ReadingRow).where(ReadingRow.sha256 == sha256))
            ids = list(session.scalars(select(DraftRow.id).where(
                DraftRow.sha256 == sha256,
                DraftRow.id.not_in(select(ReviewRow.draft_id)),
                DraftRow.id.not_in(select(DocumentRow.draft_id)
                                   .where(DocumentRow.draft_id.is_not(None))),
            )))
            if not ids:
                return 0, True
            session.execute(update(RunItemRow).where(or_(
                RunItemRow.draft_id.in_(ids), RunItemRow.previous_draft_id.in_(ids)
            )).values(draft_id=None, previous_draft_id=None))
            return session.execute(delete(DraftRow).where(DraftRow.id.in_(ids))).rowcount, True

    def count_drafts(self, sha256: str | None = None) -> int:
        return self._count(DraftRow, sha256)

    def _count(self, table: type[DraftRow] | type[ReadingRow], sha256: str | None) -> int:
        """Rows of a per-content table, for one file's content or in all."""
        query = select(func.count()).select_from(table)
        if sha256:
            query = query.where(table.sha256 == sha256)
        with self._session() as session:
            return session.scalar(query) or 0

    @staticmethod
    def _row(session: Session, document_id: str) -> DocumentRow:
        row = session.get(DocumentRow, document_id)
        if row is None:
            raise UnknownDocumentError(f"no document with id {document_id!r}")
        return row


def _drop_dependents(c: Connection, document_ids: list[str]) -> None:
    c.execute(delete(RunItemRow).where(RunItemRow.document_id.in_(document_ids)))
    c.execute(delete(ReviewRow).where(ReviewRow.document_id.in_(document_ids)))


def purge_documents(c: Connection, finalized: list[str], stale: list[str], now: datetime
                    ) -> None:
    """Retention, in the caller's transaction: a document whose profile was saved stays as a
    "purged" row (its profile refers to it) without file name, draft or error; a document
    never finalized is deleted. Both lose their review and run items."""
    for ids in (finalized, stale):
        if ids:
            _drop_dependents(c, ids)
    if finalized:
        c.execute(update(DocumentRow).where(DocumentRow.id.in_(finalized)).values(
            status="purged", draft_id=None, filename="purged", error_code=None,
            error_message=None, updated_at=now))
    if stale:
        c.execute(delete(DocumentRow).where(DocumentRow.id.in_(stale)))


def delete_documents(c: Connection, document_ids: list[str]) -> None:
    """Erasure, in the caller's transaction: the documents with their review and run items
    (their saved profiles must be deleted first: they refer to the documents)."""
    if document_ids:
        _drop_dependents(c, document_ids)
        c.execute(delete(DocumentRow).where(DocumentRow.id.in_(document_ids)))

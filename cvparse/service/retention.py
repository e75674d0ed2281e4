"""Retention and erasure (GDPR art. 5(1)(e) and 17): delete what is no longer needed, and
everything about a person who asks.

- `purge`: original files, readings and drafts of documents whose profile was saved more than
  `retention_days` ago (the saved profile stays: it is the service's record), and of documents
  never finalized after `retention_unreviewed_days` (then the document goes too).
- `erase_person`: every document, reading, draft, review, profile, run item, audit entry and
  stored file about one job seeker; their account is emptied; one audit record without
  personal data (counts only) remains.
- `erase_document`: the same for one document (a job seeker deleting or replacing a CV).

A file, reading or draft shared with another person's document (the same bytes uploaded twice)
is kept for that document. Documents, readings and drafts are found and deleted by their store
(`cvparse.service.store.documents`); this module sets the cut-offs, deletes the rows of the
other stores (profiles, audit entries, the account) and holds the one transaction that deletes
the documents with everything about them (for the purge, with its audit entry); readings,
drafts and files of contents no document uses any more go afterwards, one content at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import Connection, delete, or_, select, update

from cvparse.service.store import Stores
from cvparse.service.store.audit import add_entry
from cvparse.service.store.documents import delete_documents, purge_documents
from cvparse.service.store.models import (
    ApiTokenRow,
    AssignmentRow,
    AuditRow,
    PasswordResetRow,
    ProfileRow,
    SessionRow,
    UserRow,
    utcnow,
)

SYSTEM = SimpleNamespace(id=None, role="system")  # the actor of scheduled purges


@dataclass
class PurgeReport:
    documents: int = 0
    drafts: int = 0
    files: int = 0


def purge(stores: Stores, days: int, unreviewed_days: int, *, now: datetime | None = None,
          dry_run: bool = False) -> PurgeReport:
    now = now or utcnow()
    finalized, stale = stores.documents.due_for_purge(
        now - timedelta(days=days), now - timedelta(days=unreviewed_days))
    report = PurgeReport(documents=len(finalized) + len(stale))
    if dry_run or not report.documents:
        return report
    shas = stores.documents.contents(finalized + stale)
    with stores.engine.begin() as c:
        purge_documents(c, finalized, stale, now)
        add_entry(c, SYSTEM, "retention.purge", "retention", "-",
                  after={"documents": report.documents})
    report.drafts, report.files = _drop_unused(stores, shas)
    return report


def _drop_unused(stores: Stores, shas: set[str]) -> tuple[int, int]:
    """Delete the readings, drafts and files of these contents that no live document still
    uses."""
    drafts = files = 0
    for sha in shas:
        dropped, unused = stores.documents.drop_unused(sha)
        drafts += dropped
        if unused and stores.files.delete(sha):
            files += 1
    return drafts, files


@dataclass
class ErasureReport:
    documents: int = 0
    profiles: int = 0
    drafts: int = 0
    files: int = 0
    audit_entries: int = 0


def erase_person(stores: Stores, person_id: str, actor=None) -> ErasureReport:
    """Right to erasure for one job seeker (their user id)."""
    doc_ids = stores.documents.ids_of_owner(person_id)
    profile_ids = _profiles_of(stores, doc_ids, person_id)
    shas = stores.documents.contents(doc_ids)
    report = ErasureReport(documents=len(doc_ids), profiles=len(profile_ids))
    with stores.engine.begin() as c:
        report.audit_entries = _erase_documents(c, doc_ids, profile_ids, [person_id],
                                                actor_id=person_id)
        c.execute(delete(AssignmentRow).where(AssignmentRow.job_seeker_id == person_id))
        c.execute(update(UserRow).where(UserRow.id == person_id).values(
            display_name="(erased)", active=False, login=None, password_hash=None,
            oidc_issuer=None, oidc_subject=None))
        c.execute(delete(SessionRow).where(SessionRow.user_id == person_id))
        c.execute(delete(PasswordResetRow).where(PasswordResetRow.user_id == person_id))
        c.execute(update(ApiTokenRow).where(ApiTokenRow.user_id == person_id,
                                            ApiTokenRow.revoked_at.is_(None))
                  .values(revoked_at=utcnow()))
    report.drafts, report.files = _drop_unused(stores, shas)
    with stores.engine.begin() as c:
        add_entry(c, actor, "person.erase", "user", person_id, after=_counts(report))
    return report


def erase_document(stores: Stores, document_id: str, actor=None) -> ErasureReport:
    """Erasure of one document, as `erase_person` erases each of a person's: the document,
    its review, saved profile and run items, the audit entries about them, and its reading,
    drafts and file unless another document has the same content. One audit record without
    personal data (counts only) remains. The job seeker's account and other CVs stay."""
    profile_ids = _profiles_of(stores, [document_id])
    shas = stores.documents.contents([document_id])
    report = ErasureReport(documents=1, profiles=len(profile_ids))
    with stores.engine.begin() as c:
        report.audit_entries = _erase_documents(c, [document_id], profile_ids)
    report.drafts, report.files = _drop_unused(stores, shas)
    with stores.engine.begin() as c:
        add_entry(c, actor, "document.erase", "document", document_id, after=_counts(report))
    return report


def _profiles_of(stores: Stores, doc_ids: list[str], person_id: str | None = None
                 ) -> list[str]:
    """The saved profiles of these documents (and of this person, when given)."""
    condition = ProfileRow.document_id.in_(doc_ids)
    if person_id is not None:
        condition = or_(ProfileRow.job_seeker_id == person_id, condition)
    with stores.engine.connect() as c:
        return list(c.execute(select(ProfileRow.id).where(condition)).scalars())


def _erase_documents(c: Connection, doc_ids: list[str], profile_ids: list[str],
                     other_targets: Sequence[str] = (), actor_id: str | None = None) -> int:
    """In the caller's transaction: the profiles, the documents with their reviews and run
    items, and every audit entry about them (documents, their fields, profiles, the other
    targets given, and what `actor_id` did). Returns the number of audit entries deleted."""
    if profile_ids:
        c.execute(delete(ProfileRow).where(ProfileRow.id.in_(profile_ids)))
    delete_documents(c, doc_ids)
    about = [AuditRow.target_id.in_([*doc_ids, *profile_ids, *other_targets])]
    about += [AuditRow.target_id.like(f"{d}/%") for d in doc_ids]
    if actor_id is not None:
        about.append(AuditRow.actor_id == actor_id)
    return c.execute(delete(AuditRow).where(or_(*about))).rowcount


def _counts(report: ErasureReport) -> dict[str, int]:
    return {"documents": report.documents, "profiles": report.profiles,
            "drafts": report.drafts, "files": report.files}

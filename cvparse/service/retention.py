"""Retention and erasure (GDPR art. 5(1)(e) and 17): delete what is no longer needed, and
everything about a person who asks.

- `purge`: original files, readings and drafts of documents whose profile was saved more than
  `retention_days` ago (the saved profile stays: it is the service's record), and of documents
  never finalized after `retention_unreviewed_days` (then the document goes too).
- `erase_person`: every document, reading, draft, review, profile, run item, audit entry and
  stored file about one job seeker; their account is emptied; one audit record without
  personal data (counts only) remains.

A file, reading or draft shared with another person's document (the same bytes uploaded twice)
is kept for that document. Documents, readings and drafts are found and deleted by their store
(`cvparse.service.store.documents`); this module sets the cut-offs, deletes the rows of the
other stores (profiles, audit entries, the account) and holds the one transaction that deletes
the documents with everything about them (for the purge, with its audit entry); readings,
drafts and files of contents no document uses any more go afterwards, one content at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import delete, or_, select, update

from cvparse.service.store import Stores
from cvparse.service.store.audit import add_entry
from cvparse.service.store.documents import delete_documents, purge_documents
from cvparse.service.store.models import AssignmentRow, AuditRow, ProfileRow, UserRow, utcnow

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
    with stores.engine.connect() as c:
        profile_ids = list(c.execute(select(ProfileRow.id).where(or_(
            ProfileRow.job_seeker_id == person_id, ProfileRow.document_id.in_(doc_ids)
        ))).scalars())
    shas = stores.documents.contents(doc_ids)
    report = ErasureReport(documents=len(doc_ids), profiles=len(profile_ids))
    targets = doc_ids + profile_ids + [person_id]
    with stores.engine.begin() as c:
        if profile_ids:
            c.execute(delete(ProfileRow).where(ProfileRow.id.in_(profile_ids)))
        delete_documents(c, doc_ids)
        field_targets = [AuditRow.target_id.like(f"{d}/%") for d in doc_ids]
        report.audit_entries = c.execute(delete(AuditRow).where(or_(
            AuditRow.target_id.in_(targets), AuditRow.actor_id == person_id, *field_targets
        ))).rowcount
        c.execute(delete(AssignmentRow).where(AssignmentRow.job_seeker_id == person_id))
        c.execute(update(UserRow).where(UserRow.id == person_id).values(
            display_name="(erased)", active=False, token_hash="erased"))
    report.drafts, report.files = _drop_unused(stores, shas)
    with stores.engine.begin() as c:
        add_entry(c, actor, "person.erase", "user", person_id, after={
            "documents": report.documents, "profiles": report.profiles,
            "drafts": report.drafts, "files": report.files,
        })
    return report

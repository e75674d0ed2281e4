"""Retention purge and the right to erasure, on SQLite and PostgreSQL: what must go is gone
(database rows and files), what must stay stays."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select, text, update

from cvparse.engine.pipeline import Pipeline
from cvparse.service.jobs import Job, run_job
from cvparse.service.retention import erase_person, purge
from cvparse.service.review.decide import decide, finalize
from cvparse.service.review.models import DecisionIn
from cvparse.service.store import Stores
from cvparse.service.store.models import Base, ProfileRow
from tests.conftest import SAMPLES


def _doc(stores: Stores, pipeline: Pipeline, today: date, name: str, owner: str | None):
    data = (SAMPLES / name).read_bytes()
    doc = stores.documents.create(stores.files.put(data), name, len(data), owner_id=owner)
    run_job(Job(doc.id), stores, lambda _s: pipeline, today=today)
    return stores.documents.get(doc.id)


def _finalize(stores: Stores, pipeline: Pipeline, doc_id: str, owner: str | None) -> str:
    doc = stores.documents.get(doc_id)
    draft = stores.documents.draft(doc_id)
    state = stores.reviews.state(doc_id, doc.draft_id)
    now = datetime.now(UTC)
    d = decide(draft, pipeline.referential, draft.fields[0].id,
               DecisionIn(action="confirm", comment="ok", version=0), "adv", now)
    state = stores.reviews.decide(doc_id, d, 0, None, proposed={})
    profile = finalize(draft, state, profile_id=f"p-{doc_id[:8]}", job_seeker=owner,
                       advisor="adv", at=now)
    stores.reviews.finalize(doc_id, state.version, profile, None)
    return profile.id


def _files(stores: Stores) -> set[str]:
    return {p.name for p in stores.files.root.rglob("*") if p.is_file()}


def _count(stores: Stores, table: str) -> int:
    with stores.engine.connect() as c:
        return c.execute(select(func.count()).select_from(text(table))).scalar_one()


def test_purge_after_retention(stores: Stores, pipeline: Pipeline, today: date) -> None:
    old = _doc(stores, pipeline, today, "cariste.docx", None)
    recent = _doc(stores, pipeline, today, "macon.txt", None)
    profile_id = _finalize(stores, pipeline, old.id, None)
    _finalize(stores, pipeline, recent.id, None)
    with stores.engine.begin() as c:  # the first profile was saved 40 days ago
        c.execute(update(ProfileRow).where(ProfileRow.id == profile_id).values(
            created_at=datetime.now(UTC) - timedelta(days=40)))
    saved = stores.reviews.profile(profile_id)
    assert purge(stores, 30, 180, dry_run=True).documents == 1
    assert old.sha256 in _files(stores)
    assert stores.documents.count_readings(old.sha256) == 1

    report = purge(stores, 30, 180)
    assert (report.documents, report.files) == (1, 1) and report.drafts >= 1
    assert old.sha256 not in _files(stores) and recent.sha256 in _files(stores)
    assert stores.documents.count_readings(old.sha256) == 0  # the CV's text went with it
    assert stores.documents.count_readings(recent.sha256) == 1
    assert stores.documents.find_draft(old.sha256, pipeline.referential.checksum,
                                       saved.pipeline_version) is None
    purged = stores.documents.get(old.id)
    assert (purged.status, purged.draft_id, purged.filename) == ("purged", None, "purged")
    assert stores.reviews.profile(profile_id) == saved  # the saved profile stays
    assert stores.documents.draft(recent.id) is not None  # within retention: untouched
    assert purge(stores, 30, 180).documents == 0  # nothing twice


def test_never_finalized_documents_go_after_their_own_retention(
    stores: Stores, pipeline: Pipeline, today: date
) -> None:
    _doc(stores, pipeline, today, "infirmier.docx", None)
    assert purge(stores, 30, 180).documents == 0
    later = datetime.now(UTC) + timedelta(days=181)
    assert purge(stores, 30, 180, now=later).documents == 1
    assert stores.documents.list() == [] and _files(stores) == set()
    assert _count(stores, "drafts") == 0 and _count(stores, "readings") == 0


def test_erasure_leaves_nothing_about_the_person(
    stores: Stores, pipeline: Pipeline, today: date
) -> None:
    person, _ = stores.accounts.create("job_seeker", "Camille Exemple")
    other, _ = stores.accounts.create("job_seeker", "Dominique Autre")
    advisor, _ = stores.accounts.create("advisor", "Conseillère")
    stores.accounts.assign(advisor.id, person.id)
    mine = [_doc(stores, pipeline, today, n, person.id)
            for n in ("cariste.docx", "comptable.pdf")]
    shared = _doc(stores, pipeline, today, "macon.txt", person.id)
    theirs = _doc(stores, pipeline, today, "macon.txt", other.id)  # the same bytes
    _finalize(stores, pipeline, mine[0].id, person.id)
    stores.audit.record(advisor, "draft.read", "document", mine[1].id)

    erased_shas = {d.sha256 for d in mine}
    assert all(stores.documents.count_readings(sha) == 1 for sha in erased_shas)
    report = erase_person(stores, person.id, actor=advisor)
    assert (report.documents, report.profiles) == (3, 1)

    ids = [d.id for d in mine] + [shared.id]
    with stores.engine.connect() as c:
        for table in Base.metadata.sorted_tables:  # no row anywhere mentions them…
            for row in c.execute(select(table)).mappings():
                dump = str(dict(row))
                assert not any(i in dump for i in ids), (table.name, dump)
                assert "Camille" not in dump, table.name
                # …nor their files' contents (readings, drafts: keyed by the file's sha256)
                assert not any(sha in dump for sha in erased_shas), table.name
        entries = c.execute(text("SELECT action, after FROM audit_log")).all()
    assert [a for a, _ in entries] == ["person.erase"]  # …but the record of the erasure
    assert {d.sha256 for d in mine}.isdisjoint(_files(stores))  # their files are gone
    assert theirs.sha256 in _files(stores)  # the other person's copy stays
    assert stores.documents.draft(theirs.id) is not None
    assert stores.documents.count_readings(theirs.sha256) == 1
    assert stores.accounts.get(person.id).active is False

"""The whole loop on real stores (SQLite and PostgreSQL): advisors' decisions → a proposal →
apply (audited) → a re-processed draft differs exactly as proposed → rollback → the drafts of
before. Drafts under review are never moved."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from cvparse.engine.learned import Pairing, field_phrase
from cvparse.engine.pipeline import Pipeline
from cvparse.service import batch
from cvparse.service.feedback.decisions import load
from cvparse.service.feedback.dryrun import dry_run
from cvparse.service.feedback.propose import Thresholds, propose, read_proposal
from cvparse.service.jobs import Job, run_job
from cvparse.service.registry import registry
from cvparse.service.review.decide import decide
from cvparse.service.review.models import DecisionIn, Edit
from cvparse.service.store import Stores
from cvparse.service.store.db import current_revision, downgrade
from cvparse.service.store.learned import Operator

PROPOSED, CHOSEN = "478390", "104010"  # "Surveillance des bassins…" → "Surveiller des bassins…"
PHRASE = "surveill bassin"
CV = """{name}
Maître-nageur sauveteur

EXPÉRIENCE
2019 - 2024 : Maître-nageur sauveteur, Piscine municipale, {city}
- Surveillance des bassins
- Secourisme

COMPÉTENCES
- Natation
"""
PEOPLE = [("s1", "Paul DURAND", "Lyon"), ("s2", "Anne ROUX", "Brest"),
          ("s3", "Marc NOEL", "Tours"), ("s4", "Lise GARNIER", "Dijon")]


def _keys(fields) -> set[tuple[str, str | None, str]]:
    return {(f.kind, f.code, field_phrase(f)) for f in fields if f.kind == "competence"}


@pytest.fixture
def loop(stores: Stores, pipeline: Pipeline, today: date) -> dict[str, str]:
    ids = {}
    for seeker, name, city in PEOPLE:
        data = CV.format(name=name, city=city).encode()
        owner = stores.accounts.create("job_seeker", seeker, token=False)[0].id
        doc = stores.documents.create(stores.files.put(data), "cv.txt", len(data),
                                      owner_id=owner)
        run_job(Job(doc.id), stores, lambda _s: pipeline, today=today)
        ids[seeker] = doc.id
    # Three advisors, each on another job seeker's CV, substitute the same code; s4 untouched.
    for seeker, advisor in [("s1", "a1"), ("s2", "a2"), ("s3", "a3")]:
        doc = stores.documents.get(ids[seeker])
        draft = stores.documents.draft(doc.id)
        target = next(f for f in draft.fields if f.code == PROPOSED)
        state = stores.reviews.state(doc.id, doc.draft_id)
        d = decide(draft, pipeline.referential, target.id,
                   DecisionIn(action="edit", edit=Edit(code=CHOSEN), version=0), advisor,
                   datetime.now(UTC))
        stores.reviews.decide(doc.id, d, state.version, None, proposed={})
    return ids


def _reprocess(stores: Stores, pipeline: Pipeline, today: date) -> None:
    run = batch.start(stores, batch.Selection(), target=None)
    for document_id in stores.runs.to_send(run.id, 100, False, after=""):
        run_job(Job(document_id, run.id), stores, lambda _s: pipeline, today=today)


def test_decisions_propose_apply_reprocess_rollback(
    stores: Stores, pipeline: Pipeline, loop: dict[str, str], today: date
) -> None:
    ref = pipeline.referential
    before = {s: stores.documents.get(i).draft_id for s, i in loop.items()}
    untouched = stores.documents.draft(loop["s4"])
    assert ("competence", PROPOSED, PHRASE) in _keys(untouched.fields)

    proposal = propose(load(stores.engine, referential_checksum=ref.checksum),
                       referential=ref.ref, referential_checksum=ref.checksum,
                       thresholds=Thresholds(min_advisors=3, min_seekers=3, min_rate=0.6))
    layer = proposal.layer
    assert layer.suppressions == (Pairing("competence", PHRASE, PROPOSED),)
    assert layer.additions == (Pairing("competence", PHRASE, CHOSEN),)
    row = proposal.suppressions[0]
    assert (row["advisors"], row["job_seekers"], row["rejected"], row["rate"]) == (3, 3, 3, 1.0)
    assert row["example"] == "Surveillance des bassins"
    _, again, digest = read_proposal(proposal.to_json())
    assert again == layer

    # The dry run over the stored readings says what applying would change, and writes nothing.
    drafts_before = stores.documents.count_drafts()
    dry = dry_run(stores, pipeline, registry().with_learned(pipeline, layer), 10, today)
    assert (dry.documents, dry.skipped, dry.changed) == (4, 0, 4)
    assert dry.recoded == {("competence", PROPOSED, CHOSEN): 4} and not dry.lost
    assert any(f"{PROPOSED} → {CHOSEN}" in line for line in dry.lines())
    assert stores.documents.count_drafts() == drafts_before

    version = stores.learned.apply(layer, ref.ref, digest, Operator("ops-anne"))
    assert version.version == 1 and stores.learned.active(ref.checksum).digest == layer.digest
    audit = [e for e in stores.audit.entries() if e.action.startswith("learned.")]
    assert [(e.action, e.after["version"], e.after["by"]) for e in audit] == [
        ("learned.apply", 1, "ops-anne")]

    _reprocess(stores, pipeline, today)
    moved = stores.documents.draft(loop["s4"])
    assert moved.referential.learned == layer.label
    # Exactly as proposed: that pairing gone, the learned synonym matched, nothing else moved.
    assert _keys(moved.fields) == (_keys(untouched.fields)
                                   - {("competence", PROPOSED, PHRASE)}) | {
        ("competence", CHOSEN, PHRASE)}
    for seeker in ("s1", "s2", "s3"):  # under review: kept on the draft the advisor saw
        assert stores.documents.get(loop[seeker]).draft_id == before[seeker]

    # A new upload uses the active layer at once.
    data = CV.format(name="Léa BLANC", city="Nancy").encode()
    doc = stores.documents.create(stores.files.put(data), "cv.txt", len(data))
    run_job(Job(doc.id), stores, lambda _s: pipeline, today=today)
    assert stores.documents.draft(doc.id).referential.learned == layer.label
    # Documents show drafts made with the layer: the schema cannot go below 0006 without
    # losing them, so the downgrade refuses (and changes nothing).
    with pytest.raises(RuntimeError, match="learned layer"):
        downgrade(stores.engine, "0005")
    assert current_revision(stores.engine) == "0006"

    gone, now = stores.learned.rollback(ref.checksum, Operator("ops-anne"))
    assert (gone.version, now) == (1, None) and stores.learned.active(ref.checksum) is None
    assert stores.audit.entries()[-1].action == "learned.rollback"
    _reprocess(stores, pipeline, today)
    assert stores.documents.get(loop["s4"]).draft_id == before["s4"]  # the draft of before
    assert stores.documents.draft(loop["s4"]).referential.learned is None
    # Every document back on a draft without a layer: the schema may go below 0006 again.
    downgrade(stores.engine, "0005")
    assert current_revision(stores.engine) == "0005"


def test_a_second_version_rolls_back_to_the_first(stores: Stores, pipeline: Pipeline) -> None:
    from cvparse.engine.learned import LearnedLayer

    ref = pipeline.referential
    first = LearnedLayer(ref.checksum, suppressions=(Pairing("competence", "a", "1"),))
    second = LearnedLayer(ref.checksum, suppressions=(Pairing("competence", "b", "2"),))
    stores.learned.apply(first, ref.ref, "p1", Operator("ops"))
    stores.learned.apply(second, ref.ref, "p2", Operator("ops"))
    assert [v.state for v in stores.learned.versions(ref.checksum)] == ["superseded", "active"]
    stores.learned.rollback(ref.checksum, Operator("ops"))
    assert stores.learned.active(ref.checksum).suppressions == first.suppressions
    assert [v.state for v in stores.learned.versions(ref.checksum)] == ["active", "rolled_back"]
    third = stores.learned.apply(second, ref.ref, "p3", Operator("ops"))
    assert third.version == 3  # versions are never reused

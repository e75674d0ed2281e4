"""Re-processing runs, in-process on SQLite and PostgreSQL: new draft versions with diffs,
saved profiles and drafts under review untouched, each document recorded once, codes gone
from the new referential reported."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from cvparse.engine.pipeline import Pipeline
from cvparse.service import batch
from cvparse.service.jobs import Job, run_job
from cvparse.service.registry import registry
from cvparse.service.review.decide import decide, finalize
from cvparse.service.review.models import DecisionIn
from cvparse.service.store import Stores
from cvparse.service.store.models import DraftRow, ProfileRow
from tests.conftest import SAMPLES

NAMES = ["cariste.docx", "infirmier.docx", "macon.txt", "comptable.pdf"]


def _next_version(pipeline: Pipeline, drop: set[str]) -> Pipeline:
    """The same referential, version "next", without some items: what an update that retires
    codes looks like."""
    ref = pipeline.referential
    items = {k: v for k, v in ref.items.items() if k not in drop}
    links = [link for link in ref.links if link.item_id not in drop]
    new = dataclasses.replace(ref, version="next", checksum="next-" + ref.checksum[:20],
                              items=items, links=links)
    return registry().for_referential(new)


@pytest.fixture
def setup(stores: Stores, pipeline: Pipeline, today: date):
    ids = {}
    for name in NAMES:
        data = (SAMPLES / name).read_bytes()
        doc = stores.documents.create(stores.files.put(data), name, len(data))
        run_job(Job(doc.id), stores, lambda _s: pipeline, today=today)
        ids[name] = doc.id
    # cariste: profile saved; infirmier: under review (one decision); the others untouched.
    now = datetime.now(UTC)
    for name, finish in [("cariste.docx", True), ("infirmier.docx", False)]:
        doc = stores.documents.get(ids[name])
        draft = stores.documents.draft(doc.id)
        state = stores.reviews.state(doc.id, doc.draft_id)
        d = decide(draft, pipeline.referential, draft.fields[0].id,
                   DecisionIn(action="confirm", version=0), "adv", now)
        state = stores.reviews.decide(doc.id, d, 0, None, proposed={})
        if finish:
            profile = finalize(draft, state, profile_id="p1", job_seeker=None, advisor="adv",
                               at=now)
            stores.reviews.finalize(doc.id, state.version, profile, None)
    return ids


def _snapshot(stores: Stores):
    with stores.engine.connect() as c:
        profiles = [(r.id, r.payload) for r in c.execute(select(ProfileRow))]
        drafts = {r.id: r.payload for r in c.execute(select(DraftRow))}
    return profiles, drafts


def test_a_run_versions_drafts_and_never_touches_reviewed_work(
    stores: Stores, pipeline: Pipeline, setup: dict[str, str], today: date
) -> None:
    macon = stores.documents.draft(setup["macon.txt"])
    retired = next(f for f in macon.fields if f.kind == "competence")
    newer = _next_version(pipeline, {retired.code})
    profiles_before, drafts_before = _snapshot(stores)
    reviewed_before = {n: stores.documents.get(i).draft_id for n, i in setup.items()}

    run = batch.start(stores, batch.Selection(), target="next")
    assert run.total == len(NAMES)
    results = {n: run_job(Job(i, run.id), stores, lambda _s: newer, today=today)
               for n, i in setup.items()}
    assert set(results.values()) == {"done"}

    profiles_after, drafts_after = _snapshot(stores)
    assert profiles_after == profiles_before  # saved profiles: byte for byte
    for draft_id, payload in drafts_before.items():
        assert drafts_after[draft_id] == payload  # drafts are never rewritten
    assert len(drafts_after) == 2 * len(NAMES)  # one new version each

    for name in ("cariste.docx", "infirmier.docx"):  # reviewed: they stay on their draft
        assert stores.documents.get(setup[name]).draft_id == reviewed_before[name]
    for name in ("macon.txt", "comptable.pdf"):  # untouched: they move to the new draft
        assert stores.documents.get(setup[name]).draft_id != reviewed_before[name]

    items = {i.document_id: i for i in stores.runs.items(run.id)}
    cariste_item = items[setup["cariste.docx"]]
    assert cariste_item.against == "profile"  # compared with what the advisor saved
    assert cariste_item.changed and cariste_item.diff["added"]  # unreviewed fields come back
    assert items[setup["infirmier.docx"]].against == "draft"
    diff = items[setup["macon.txt"]].diff
    assert items[setup["macon.txt"]].changed
    gone = [r["code"] for r in diff["removed"]] + [
        c["before"]["code"] for c in diff["changed"] if c["what"] == "code"]
    assert retired.code in gone
    summary = batch.summary(stores, run.id, newer.referential)
    assert retired.code in [g["code"] for g in summary["codes_gone"]]
    assert summary["progress"]["done"] == len(NAMES)


def test_each_document_is_recorded_once(
    stores: Stores, pipeline: Pipeline, setup: dict[str, str], today: date
) -> None:
    run = batch.start(stores, batch.Selection(), target=None)
    doc_id = setup["macon.txt"]
    job = Job(doc_id, run.id)
    assert run_job(job, stores, lambda _s: pipeline, today=today) == "done"
    assert run_job(job, stores, lambda _s: pipeline, today=today) == "skipped"
    progress = stores.runs.progress(run.id)
    assert (progress.done, progress.pending, progress.changed) == (1, 3, 0)


def test_selection_and_interrupted_enqueue(stores: Stores, setup: dict[str, str]) -> None:
    assert len(batch.select(stores, batch.Selection(ids=[setup["macon.txt"]]))) == 1
    assert batch.select(stores, batch.Selection(referential="nope@1")) == []
    assert len(batch.select(stores, batch.Selection(statuses=["draft_ready"]))) == 4
    run = batch.start(stores, batch.Selection(), target=None)
    sent: list[str] = []

    def send(_run: str, document_id: str) -> None:
        if len(sent) == 2:
            raise KeyboardInterrupt  # Ctrl-C while sending
        sent.append(document_id)

    with pytest.raises(KeyboardInterrupt):
        batch.enqueue(stores, run.id, send, chunk=10)
    assert stores.runs.get(run.id).status == "stopped"
    assert stores.runs.progress(run.id).enqueued == 2
    rest: list[str] = []
    batch.enqueue(stores, run.id, lambda _r, d: rest.append(d))  # --resume
    assert sorted(sent + rest) == sorted(setup.values())  # every document, once


def test_failure_report(stores: Stores, setup: dict[str, str], tmp_path) -> None:
    run = batch.start(stores, batch.Selection(), target=None)
    stores.runs.fail(run.id, setup["macon.txt"], "corrupt_file", "damaged")
    assert batch.write_failures(stores, run.id, tmp_path / "f.csv") == 1
    assert "corrupt_file" in (tmp_path / "f.csv").read_text()
    assert batch.write_failures(stores, run.id, tmp_path / "f.json") == 1
    assert '"document_id"' in (tmp_path / "f.json").read_text()


def test_a_run_on_another_referential_reuses_the_stored_readings(
    stores: Stores, pipeline: Pipeline, setup: dict[str, str], today: date,
    reads: list[str],
) -> None:
    newer = _next_version(pipeline, set())
    run = batch.start(stores, batch.Selection(), target="next")
    for doc_id in setup.values():
        assert run_job(Job(doc_id, run.id), stores, lambda _s: newer, today=today) == "done"
    assert reads == []  # no extraction, no OCR: parsed from the stored readings
    for name, doc_id in setup.items():  # and the same drafts as reading the files again
        draft = stores.documents.draft_by_id(stores.runs.items_of_document(doc_id)[0].draft_id)
        assert draft == newer.parse((SAMPLES / name).read_bytes(), name, today=today)
    assert len(reads) == len(setup)  # (the counter does see reads)


def test_a_new_pipeline_version_reads_the_files_again(
    stores: Stores, pipeline: Pipeline, setup: dict[str, str], today: date,
    reads: list[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    import cvparse.service.jobs as jobs

    monkeypatch.setattr(jobs, "PIPELINE_VERSION", "next-version")
    run = batch.start(stores, batch.Selection(), target=None)
    for doc_id in setup.values():
        assert run_job(Job(doc_id, run.id), stores, lambda _s: pipeline, today=today) == "done"
    assert sorted(reads) == sorted(NAMES)  # each file read once more…
    for doc_id in setup.values():  # …and its new reading stored beside the old one
        sha = stores.documents.get(doc_id).sha256
        assert stores.documents.reading(sha, "next-version", jobs.reading_key(True)[1])
        assert stores.documents.count_readings(sha) == 2

"""Batch re-processing (ops): select documents, record a run, send its items on the batch
queue in chunks at a bounded rate, follow progress, and summarise what changed.

Edge code (storage and broker), shared by `cvparse reprocess` and the API."""

from __future__ import annotations

import csv
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from cvparse.engine.referential import Referential
from cvparse.service.store import Stores
from cvparse.service.store.runs import Progress, Run, top_changes

CODED = {"metier", "appellation", "competence"}


@dataclass
class Selection:
    since: datetime | None = None
    until: datetime | None = None
    statuses: list[str] = field(default_factory=list)
    referential: str | None = None  # documents whose draft used this NAME@VERSION
    pipeline_version: str | None = None
    ids: list[str] = field(default_factory=list)

    def params(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, datetime) else v)
                for k, v in asdict(self).items() if v}


def select(stores: Stores, selection: Selection) -> list[str]:
    return stores.documents.select(
        since=selection.since, until=selection.until, statuses=selection.statuses or None,
        referential=selection.referential, pipeline_version=selection.pipeline_version,
        ids=selection.ids or None,
    )


def start(stores: Stores, selection: Selection, target: str | None,
          created_by: str | None = None) -> Run:
    ids = select(stores, selection)
    return stores.runs.create(ids, target, {**selection.params(), "target": target},
                              created_by)


def enqueue(
    stores: Stores,
    run_id: str,
    send: Callable[[str, str], None],
    *,
    chunk: int = 500,
    rate: float | None = None,
    requeue: bool = False,
    on_chunk: Callable[[int], None] | None = None,
) -> int:
    """Send the run's pending items (also the already-sent unfinished ones with `requeue`),
    chunk by chunk, at most `rate` per second. A KeyboardInterrupt stops cleanly: what was
    sent is marked so, the run is "stopped", and `--resume` sends the rest."""
    sent = 0
    cursor = ""  # items go in document-id order: each is offered once per call
    stores.runs.set_status(run_id, "enqueuing")
    try:
        while batch := stores.runs.to_send(run_id, chunk, requeue, after=cursor):
            cursor = batch[-1]
            done_in_chunk: list[str] = []
            try:
                for document_id in batch:
                    started = time.monotonic()
                    send(run_id, document_id)
                    done_in_chunk.append(document_id)
                    sent += 1
                    if rate:
                        time.sleep(max(0.0, 1.0 / rate - (time.monotonic() - started)))
            finally:
                stores.runs.mark_enqueued(run_id, done_in_chunk)
            if on_chunk:
                on_chunk(sent)
    except KeyboardInterrupt:
        stores.runs.set_status(run_id, "stopped")
        raise
    stores.runs.set_status(run_id, "enqueued")
    return sent


def finish_if_done(stores: Stores, run_id: str) -> Progress:
    progress = stores.runs.progress(run_id)
    run = stores.runs.get(run_id)
    if run and progress.finished >= progress.total and run.status == "enqueued":
        stores.runs.set_status(run_id, "finished")
    return progress


def summary(stores: Stores, run_id: str, target: Referential | None) -> dict:
    """Counts, the most frequent changes, and codes of earlier drafts or saved profiles that
    the target referential no longer has (reported, never silently dropped)."""
    items = stores.runs.items(run_id, "done")
    progress = stores.runs.progress(run_id)
    vanished: Counter[tuple[str, str, str]] = Counter()
    successor: dict[tuple[str, str, str], str] = {}
    if target is not None:
        known = {"metier": target.metiers, "appellation": target.appellations,
                 "competence": target.items}
        for item in items:
            diff = item.diff or {}
            refs = [(r, None) for r in diff.get("removed", [])] + [
                (c["before"], c["after"]) for c in diff.get("changed", [])
                if c["what"] == "code"
            ]
            for ref, after in refs:
                if ref["kind"] in CODED and ref["code"] not in known[ref["kind"]]:
                    key = (ref["kind"], ref["code"], ref["label"])
                    vanished[key] += 1
                    if after:
                        successor[key] = after["code"]
    return {
        "progress": progress.model_dump(),
        "changed_drafts": progress.changed,
        "top_changes": top_changes(items),
        "codes_gone": [
            {"kind": k, "code": c, "label": lbl, "documents": n,
             "now": successor.get((k, c, lbl))}
            for (k, c, lbl), n in vanished.most_common()
        ],
    }


def write_failures(stores: Stores, run_id: str, path: Path) -> int:
    """The failure report (CSV or JSON by the file's suffix): document, code, message."""
    rows = [{"document_id": i.document_id, "error_code": i.error_code,
             "message": i.error_message} for i in stores.runs.items(run_id, "failed")]
    if path.suffix == ".json":
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=["document_id", "error_code", "message"])
            writer.writeheader()
            writer.writerows(rows)
    return len(rows)

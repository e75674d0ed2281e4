"""What a proposed layer would change on stored drafts, before anyone applies it: the last N
documents' stored readings parsed with the layer in force today and with the proposed one,
and the difference counted (fields gained, lost, codes changed, confidence shifts).

Only stored readings are parsed (no file is read again, no OCR runs); a document without one
is skipped and counted. Nothing is written: the drafts made here are thrown away. Only codes,
labels and counts come out — never a CV's text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from cvparse.engine.pipeline import Pipeline
from cvparse.engine.profile.diff import diff_fields
from cvparse.service.jobs import reading_key
from cvparse.service.store import Stores


@dataclass
class DryRun:
    documents: int = 0  # parsed both ways
    skipped: int = 0  # no stored reading
    changed: int = 0  # documents whose draft would differ
    gained: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # kind, code, label
    lost: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    recoded: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # kind, from, to
    shifts: list[float] = field(default_factory=list)  # confidence after − before

    def lines(self, top: int = 10) -> list[str]:
        """A plain-text summary, for ops to read beside the proposal."""
        mean = sum(self.shifts) / len(self.shifts) if self.shifts else 0.0
        out = [f"{self.documents} documents re-parsed ({self.skipped} without a stored "
               f"reading skipped): {self.changed} would change",
               f"fields gained {sum(self.gained.values())}, lost {sum(self.lost.values())}, "
               f"code changed {sum(self.recoded.values())}, confidence shifted "
               f"{len(self.shifts)} "
               f"(mean {mean:+.3f})"]
        out += [f"  + {n} × {k} {c} {label}" for (k, c, label), n in self.gained.most_common(top)]
        out += [f"  − {n} × {k} {c} {label}" for (k, c, label), n in self.lost.most_common(top)]
        out += [f"  ~ {n} × {k} {a} → {b}" for (k, a, b), n in self.recoded.most_common(top)]
        return out


def dry_run(stores: Stores, before: Pipeline, after: Pipeline, last: int, today: date
            ) -> DryRun:
    """Parse the last `last` documents' stored readings with both pipelines and count what
    differs."""
    result = DryRun()
    ids = stores.documents.select()[-last:] if last > 0 else []
    version, ocr = reading_key(before.ocr)
    for document_id in ids:
        doc = stores.documents.get(document_id)
        document = stores.documents.reading(doc.sha256, version, ocr)
        if document is None:
            result.skipped += 1
            continue
        data = b""  # the drafts are compared, never stored: the source hash is not needed
        old = before.parse_document(document, data, doc.filename, today=today)
        new = after.parse_document(document, data, doc.filename, today=today)
        diff = diff_fields(old.fields, new.fields)
        result.documents += 1
        result.changed += not diff.empty
        for ref in diff.added:
            result.gained[(ref.kind, ref.code or "", ref.label)] += 1
        for ref in diff.removed:
            result.lost[(ref.kind, ref.code or "", ref.label)] += 1
        for change in diff.changed:
            if change.what == "code":
                result.recoded[(change.kind, change.before.code or "",
                                change.after.code or "")] += 1
            elif change.before.confidence is not None and change.after.confidence is not None:
                result.shifts.append(change.after.confidence - change.before.confidence)
    return result

"""Confidence recalibrated per field kind from advisors' decisions — proposed, never imposed.

The confidence a draft shows is calibrated on the project's gold sets; what advisors accept in
real use may differ. For each field kind with enough decisions from enough advisors, a
monotone curve (the engine's isotonic fit, `cvparse.engine.profile.calibrate.isotonic`) maps
the confidence shown to the share of such proposals accepted (confirmed, or edited without
changing the code). Decisions are split in two halves by document (a hash of its id, so a CV
is never on both sides); the curve is fitted on one and **adopted only when it lowers the
calibration error (ECE) on the other** — the held-out check the issue asks for.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from cvparse.engine.profile.calibrate import isotonic
from cvparse.service.feedback.decisions import DecisionRecord

MIN_DECISIONS = 50  # per kind, both halves together
BINS = 10


@dataclass(frozen=True)
class KindFit:
    kind: str
    decisions: int
    advisors: int
    ece_before: float  # held-out, confidence as shown
    ece_after: float  # held-out, recalibrated
    curve: tuple[tuple[float, ...], tuple[float, ...]]

    @property
    def adopted(self) -> bool:
        return self.ece_after < self.ece_before

    def to_dict(self) -> dict:
        return {"kind": self.kind, "decisions": self.decisions, "advisors": self.advisors,
                "ece_before": round(self.ece_before, 4), "ece_after": round(self.ece_after, 4),
                "adopted": self.adopted}


def accepted(record: DecisionRecord) -> bool | None:
    """Whether the advisor accepted the proposal (None: not a decision on a proposal)."""
    if record.action == "confirm":
        return True
    if record.action == "reject":
        return False
    if record.action == "edit":
        return record.new_code is None or record.new_code == record.code
    return None


def ece(points: list[tuple[float, bool]], bins: int = BINS) -> float:
    """Expected calibration error over equal-width bins (as `cvparse eval` computes it)."""
    if not points:
        return 0.0
    total, out = len(points), 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, r) for c, r in points if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if inside:
            gap = sum(c for c, _ in inside) / len(inside) - sum(r for _, r in inside) / len(inside)
            out += len(inside) / total * abs(gap)
    return out


def _curve(xs: list[float], ys: list[float]) -> tuple[list[float], list[float]]:
    """One point per confidence (the isotonic fit leaves tied confidences in several blocks,
    and pooled centres may differ from their neighbours by a rounding): their mean, kept
    non-decreasing."""
    by_x: dict[float, list[float]] = defaultdict(list)
    for x, y in zip(xs, ys, strict=True):
        by_x[round(float(x), 6)].append(float(y))
    keys = sorted(by_x)
    values = np.maximum.accumulate([sum(by_x[k]) / len(by_x[k]) for k in keys])
    return keys, [round(float(v), 6) for v in values]


def _held_out(document_id: str) -> bool:
    """Salted: a split on the bare id's hash would follow any other split made that way (the
    gold sets' calibration half is one), and leave one side empty."""
    digest = hashlib.sha256(f"recalibrate:{document_id}".encode()).hexdigest()
    return int(digest[:8], 16) % 2 == 1


def fit_kinds(records: Iterable[DecisionRecord], min_advisors: int,
              min_decisions: int = MIN_DECISIONS) -> list[KindFit]:
    """A fit per kind with at least `min_decisions` decisions by `min_advisors` advisors."""
    by_kind: dict[str, list[tuple[DecisionRecord, bool]]] = defaultdict(list)
    for r in records:
        ok = accepted(r)
        if ok is not None and r.confidence is not None:
            by_kind[r.kind].append((r, ok))
    fits = []
    for kind, rows in sorted(by_kind.items()):
        advisors = {r.advisor_id for r, _ in rows}
        if len(rows) < min_decisions or len(advisors) < min_advisors:
            continue
        fit_half = [(r.confidence, ok) for r, ok in rows if not _held_out(r.document_id)]
        test_half = [(r.confidence, ok) for r, ok in rows if _held_out(r.document_id)]
        if not fit_half or not test_half:
            continue
        xs, ys = _curve(*isotonic([c for c, _ in fit_half], [float(ok) for _, ok in fit_half]))
        after = [(float(np.interp(c, xs, ys)), ok) for c, ok in test_half]
        fits.append(KindFit(kind, len(rows), len(advisors), ece(test_half), ece(after),
                            (tuple(xs), tuple(ys))))
    return fits

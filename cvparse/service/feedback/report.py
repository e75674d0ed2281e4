"""The accuracy in real use: what advisors did with the drafts, counted per referential version
and pipeline version (issue #19 point 1). Pure: decision records in, a report out; the store is
read by `cvparse.service.feedback.decisions.load`.

Definitions (every rate is over the *decided proposals* of its scope — the draft fields an
advisor confirmed, rejected or edited; fields left undecided say nothing and are not counted):

- acceptance = confirmed / decided: the share of proposals kept exactly as shown;
- rejection = rejected / decided: the share the advisor removed;
- edit rate = edited / decided: the share kept after a correction (another code, a level,
  a year, dates, a diploma's title); `edited_same_code` counts the edits that kept the code;
- acceptance + rejection + edit rate = 1; the acceptance comes with its 95 % Wilson interval
  (`acceptance_ci`), so that a published figure says how many decisions stand behind it.
- Fields added by hand are not proposals: they are counted apart (`added`), and
  hand share = added / (confirmed + edited + added) is the share of the kept fields that the
  pipeline had missed (a recall proxy; the gold set measures recall, this shows it in use).

Reliability on decisions: for each decided proposal, the confidence shown to the advisor and
whether it was *right*: confirmed is right; rejected and edited are wrong. An edit counts as
wrong even when it only changed a level, a year or dates, because the gold-based calibration
that produced the confidence counts the same event as wrong (a language is right there only
with its level, a diploma only with its year: `cvparse.quality.evaluation.metrics`); counting
it right here would make the two reliabilities measure different things. The edits that kept
the code are reported apart so that a reader can see how much they weigh.
Bins are 10 equal-width bins of confidence ([0, 0.1), …, [0.9, 1.0], the last one closed, as
in `cvparse eval`); per bin: count, mean confidence, observed acceptance. ECE = Σ_bins
(n_bin / n) × |mean confidence − acceptance|; Brier = mean of (confidence − right)².

Nothing personal leaves here: distinct documents, job seekers and advisors are *counted*, never
listed; items are referential codes and their labels; no evidence phrase. A diploma's label is
its title as written in the CV (or typed by the advisor), so a diploma is published by its type
(its code) only.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime

from pydantic import BaseModel, computed_field

from cvparse.service.feedback.decisions import DecisionRecord

BINS = 10
# Coarser bands for acceptance by kind × confidence: a kind rarely has enough decisions to
# fill ten bins, and these are the bands an advisor reads the confidence by.
BANDS: tuple[tuple[float, float], ...] = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.0))
TOP = 10  # items listed as most often rejected / added
MIN_COUNT = 3  # …only when rejected / added at least this many times (noise, rare items)
FREE_TEXT_LABEL = frozenset({"diploma"})  # labels written from the CV: published by code
NO_CODE = "—"


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def wilson(part: int, whole: int, z: float = 1.96) -> tuple[float, float] | None:
    """The 95 % Wilson score interval of a share: a published acceptance over 40 decisions is
    not the same claim as over 4,000, and unlike the normal approximation this interval stays
    within [0, 1] and is usable at 0 % or 100 %."""
    if not whole:
        return None
    p = part / whole
    denominator = 1 + z * z / whole
    centre = (p + z * z / (2 * whole)) / denominator
    half = z * math.sqrt(p * (1 - p) / whole + z * z / (4 * whole * whole)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


class Counts(BaseModel):
    """What advisors did with one scope's fields (a kind, an item, a whole group)."""

    confirmed: int = 0
    rejected: int = 0
    edited: int = 0
    edited_same_code: int = 0  # among `edited`: the code kept, a level/year/date/title changed
    added: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def decided(self) -> int:
        """Proposals decided on: the denominator of the three rates."""
        return self.confirmed + self.rejected + self.edited

    @computed_field  # type: ignore[prop-decorator]
    @property
    def acceptance(self) -> float | None:
        return _rate(self.confirmed, self.decided)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def acceptance_ci(self) -> tuple[float, float] | None:
        """95 % Wilson interval of the acceptance."""
        return wilson(self.confirmed, self.decided)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def rejection(self) -> float | None:
        return _rate(self.rejected, self.decided)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def edit_rate(self) -> float | None:
        return _rate(self.edited, self.decided)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def hand_share(self) -> float | None:
        """Added / (confirmed + edited + added): the kept fields the pipeline had missed."""
        return _rate(self.added, self.confirmed + self.edited + self.added)

    def count(self, record: DecisionRecord) -> None:
        if record.action == "confirm":
            self.confirmed += 1
        elif record.action == "reject":
            self.rejected += 1
        elif record.action == "edit":
            self.edited += 1
            if record.new_code == record.code:  # a diploma without a type: both None
                self.edited_same_code += 1
        elif record.action == "add":
            self.added += 1


class KindStats(BaseModel):
    kind: str
    counts: Counts


class ItemStats(BaseModel):
    """One referential item (or licence, language, diploma type): its kind, code and label."""

    kind: str
    code: str
    label: str
    counts: Counts


class Bin(BaseModel):
    lo: float
    hi: float
    n: int
    confidence: float  # mean confidence shown
    acceptance: float  # share confirmed


class Reliability(BaseModel):
    n: int = 0
    ece: float | None = None
    brier: float | None = None
    bins: list[Bin] = []  # non-empty bins only


class BandCell(BaseModel):
    kind: str
    lo: float
    hi: float
    n: int
    confirmed: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def acceptance(self) -> float | None:
        return _rate(self.confirmed, self.n)


class Group(BaseModel):
    """Everything measured for one (referential version, pipeline version)."""

    referential: str
    pipeline_version: str
    documents: int
    finalized_documents: int
    job_seekers: int
    advisors: int
    total: Counts
    kinds: list[KindStats]
    items: list[ItemStats]
    most_rejected: list[ItemStats]
    most_added: list[ItemStats]
    reliability: Reliability
    reliability_by_kind: dict[str, Reliability]
    bands: list[BandCell]


class FeedbackReport(BaseModel):
    generated_at: datetime
    referential: str | None = None  # the filter asked for (None: every referential)
    finalized_only: bool = False
    min_count: int = MIN_COUNT
    top: int = TOP
    groups: list[Group] = []


def in_bin(confidence: float, lo: float, hi: float) -> bool:
    """[lo, hi), except that the last bin holds 1.0 too."""
    return lo <= confidence < hi or (hi >= 1.0 and confidence == 1.0)


def reliability(points: list[tuple[float, bool]], bins: int = BINS) -> Reliability:
    """Mean confidence against observed acceptance in equal-width bins, ECE and Brier score
    (the same binning as the gold-based ECE of `cvparse eval`, so the two compare)."""
    if not points:
        return Reliability()
    total = len(points)
    table, ece = [], 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, r) for c, r in points if in_bin(c, lo, hi)]
        if not inside:
            continue
        confidence = sum(c for c, _ in inside) / len(inside)
        acceptance = sum(r for _, r in inside) / len(inside)
        ece += len(inside) / total * abs(confidence - acceptance)
        table.append(Bin(lo=lo, hi=hi, n=len(inside), confidence=confidence,
                         acceptance=acceptance))
    brier = sum((c - r) ** 2 for c, r in points) / total
    return Reliability(n=total, ece=ece, brier=brier, bins=table)


def _item_key(record: DecisionRecord) -> tuple[str, str]:
    code = record.new_code if record.action == "add" else record.code
    return record.kind, code or NO_CODE


def _label(record: DecisionRecord, code: str) -> str:
    return code if record.kind in FREE_TEXT_LABEL else record.label


def group(records: list[DecisionRecord], *, top: int = TOP,
          min_count: int = MIN_COUNT) -> Group:
    """The figures of one group's records (all of one referential and pipeline version)."""
    first = records[0]
    total = Counts()
    kinds: dict[str, Counts] = defaultdict(Counts)
    items: dict[tuple[str, str], ItemStats] = {}
    points: list[tuple[float, bool]] = []
    by_kind_points: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    bands: dict[tuple[str, float, float], list[int]] = {}
    for r in records:
        total.count(r)
        kinds[r.kind].count(r)
        key = _item_key(r)
        if key not in items:
            items[key] = ItemStats(kind=key[0], code=key[1], label=_label(r, key[1]),
                                   counts=Counts())
        items[key].counts.count(r)
        if r.action == "add" or r.confidence is None:
            continue
        right = r.action == "confirm"
        points.append((r.confidence, right))
        by_kind_points[r.kind].append((r.confidence, right))
        for lo, hi in BANDS:
            if in_bin(r.confidence, lo, hi):
                cell = bands.setdefault((r.kind, lo, hi), [0, 0])
                cell[0] += 1
                cell[1] += right
    ranked = sorted(items.values(), key=lambda i: (i.kind, i.code))
    rejected = sorted((i for i in ranked if i.counts.rejected >= min_count),
                      key=lambda i: (-i.counts.rejected, -(i.counts.rejection or 0.0)))
    added = sorted((i for i in ranked if i.counts.added >= min_count),
                   key=lambda i: -i.counts.added)
    return Group(
        referential=first.referential, pipeline_version=first.pipeline_version,
        documents=len({r.document_id for r in records}),
        finalized_documents=len({r.document_id for r in records if r.finalized}),
        job_seekers=len({r.job_seeker_id for r in records if r.job_seeker_id}),
        advisors=len({r.advisor_id for r in records}),
        total=total,
        kinds=[KindStats(kind=k, counts=c) for k, c in sorted(kinds.items())],
        items=ranked, most_rejected=rejected[:top], most_added=added[:top],
        reliability=reliability(points),
        reliability_by_kind={k: reliability(p) for k, p in sorted(by_kind_points.items())},
        bands=[BandCell(kind=k, lo=lo, hi=hi, n=n, confirmed=c)
               for (k, lo, hi), (n, c) in sorted(bands.items())],
    )


def build(records: Iterable[DecisionRecord], *, referential: str | None = None,
          finalized_only: bool = False, top: int = TOP, min_count: int = MIN_COUNT,
          now: datetime | None = None) -> FeedbackReport:
    """The report over these records, one group per (referential, pipeline version).

    `referential` keeps one referential: NAME@VERSION, or NAME for all its versions."""
    groups: dict[tuple[str, str], list[DecisionRecord]] = defaultdict(list)
    for r in records:
        if referential and referential not in (r.referential, r.referential.split("@")[0]):
            continue
        if finalized_only and not r.finalized:
            continue
        groups[(r.referential, r.pipeline_version)].append(r)
    return FeedbackReport(
        generated_at=now or datetime.now(UTC), referential=referential,
        finalized_only=finalized_only, min_count=min_count, top=top,
        groups=[group(groups[k], top=top, min_count=min_count) for k in sorted(groups)],
    )

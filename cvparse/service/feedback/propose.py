"""From advisors' decisions to a reviewable proposal of a learned layer — never applied here.

A proposal is a JSON document a person reads, then applies (`cvparse feedback apply`) or not.
It holds the full next layer (the active one plus what is newly learned) and, for each new
pairing, the counts that justify it and one example of evidence (already masked, checked again,
cut short):

- a *suppression* (kind, phrase, code): the pairing the pipeline proposed was rejected — or
  substituted by an edit to another code — by at least `min_advisors` distinct advisors, on at
  least `min_seekers` distinct job seekers' CVs, at a rate of at least `min_rate` of the
  decisions on it;
- an *addition* (kind, phrase, code): advisors added the code by hand with that evidence, or
  edited a proposal from that phrase into that code, at least `min_advisors` distinct advisors
  on `min_seekers` distinct job seekers' CVs (an added field without evidence teaches nothing).

A *recalibration* per field kind may come with it: see `recalibrate.py` (adopted for a kind
only when it lowers the calibration error on held-out decisions).

Distinct people, not decisions, are counted: one advisor's habit, or one person's CV read a
hundred times, teaches nothing. A phrase that holds personal data or a sensitive word is never
proposed (`cvparse.engine.privacy.learnable`); only how many were dropped is logged.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from cvparse.engine.learned import LEARNABLE_KINDS, LearnedLayer, Pairing
from cvparse.engine.privacy.learnable import unlearnable_reason
from cvparse.service.feedback.decisions import DecisionRecord
from cvparse.service.feedback.recalibrate import fit_kinds

log = logging.getLogger("cvparse.service.feedback")
PROPOSAL_KIND = "cvparse.learned-layer-proposal"
FORMAT = 1
EXAMPLE_CHARS = 80


@dataclass(frozen=True)
class Thresholds:
    min_advisors: int = 3
    min_seekers: int = 3
    min_rate: float = 0.6


@dataclass
class _Tally:
    """Who decided what on one pairing."""

    decided: int = 0
    changed: int = 0  # rejected, or edited into another code (suppressions); added (additions)
    advisors: set[str] = field(default_factory=set)  # of the changes
    seekers: set[str] = field(default_factory=set)  # of the changes
    label: str = ""
    examples: list[str] = field(default_factory=list)

    def count(self, record: DecisionRecord, changed: bool, label: str) -> None:
        self.decided += 1
        if not changed:
            return
        self.changed += 1
        self.advisors.add(record.advisor_id)
        if record.job_seeker_id:  # a CV of nobody known counts for no job seeker
            self.seekers.add(record.job_seeker_id)
        self.label = self.label or label
        if record.evidence:
            self.examples.append(record.evidence)


@dataclass
class Proposal:
    referential: str
    referential_checksum: str
    thresholds: Thresholds
    layer: LearnedLayer
    suppressions: list[dict[str, Any]]
    additions: list[dict[str, Any]]
    decisions: int
    dropped_unsafe: int
    created_at: datetime
    calibration: list[dict[str, Any]] = field(default_factory=list)  # per kind, adopted or not

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": PROPOSAL_KIND, "format": FORMAT, "referential": self.referential,
            "referential_checksum": self.referential_checksum,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "thresholds": asdict(self.thresholds), "decisions": self.decisions,
            "dropped_unsafe": self.dropped_unsafe,
            "new": {"suppressions": self.suppressions, "additions": self.additions,
                    "calibration": self.calibration},
            "layer": self.layer.to_dict(),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


def read_proposal(text: str) -> tuple[dict[str, Any], LearnedLayer, str]:
    """A proposal file's content, its layer and its sha256 (what the store records). Raises
    ValueError for what is not a proposal."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg})") from None
    if not isinstance(data, dict) or data.get("kind") != PROPOSAL_KIND:
        raise ValueError("not a learned-layer proposal (`cvparse feedback propose` writes one)")
    if data.get("format") != FORMAT:
        raise ValueError(f"proposal format {data.get('format')!r} is not {FORMAT}")
    try:
        layer = LearnedLayer.from_dict(data["layer"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"the proposal's layer is malformed ({exc})") from None
    return data, layer, hashlib.sha256(text.encode()).hexdigest()


def propose(
    records: Iterable[DecisionRecord],
    *,
    referential: str,
    referential_checksum: str,
    thresholds: Thresholds = Thresholds(),
    active: LearnedLayer | None = None,
    now: datetime | None = None,
    recalibrate: bool = True,
) -> Proposal:
    """The proposal from the decisions on drafts of one referential version (pure). With
    `recalibrate`, also a confidence curve per field kind where one passed its held-out check
    (`cvparse.service.feedback.recalibrate`)."""
    rejected: dict[Pairing, _Tally] = defaultdict(_Tally)
    added: dict[Pairing, _Tally] = defaultdict(_Tally)
    ours = [r for r in records if r.referential_checksum == referential_checksum]
    total = len(ours)
    for r in ours:
        if r.kind not in LEARNABLE_KINDS or not r.phrase:
            continue
        substituted = r.action == "edit" and r.new_code is not None and r.new_code != r.code
        if r.code is not None and r.action in ("confirm", "reject", "edit"):
            rejected[Pairing(r.kind, r.phrase, r.code)].count(
                r, r.action == "reject" or substituted, r.label)
        if r.new_code is not None and (r.action == "add" or substituted):
            # an edit's label is the proposal's, not the chosen code's
            added[Pairing(r.kind, r.phrase, r.new_code)].count(
                r, True, r.label if r.action == "add" else "")

    t = thresholds
    unsafe = 0

    def chosen(tallies: dict[Pairing, _Tally], rate: float) -> list[tuple[Pairing, _Tally]]:
        nonlocal unsafe
        out = []
        for pairing, tally in sorted(tallies.items()):
            if (len(tally.advisors) < t.min_advisors or len(tally.seekers) < t.min_seekers
                    or tally.changed < rate * tally.decided):
                continue
            if unlearnable_reason(pairing.phrase, *tally.examples):
                unsafe += 1
                continue
            out.append((pairing, tally))
        return out

    suppress = chosen(rejected, t.min_rate)
    add = [(p, tally) for p, tally in chosen(added, 0.0)
           if p not in {s for s, _ in suppress}]
    base_s = set(active.suppressions) if active else set()
    base_a = set(active.additions) if active else set()
    suppress = [(p, tally) for p, tally in suppress if p not in base_s]
    add = [(p, tally) for p, tally in add if p not in base_a]
    if unsafe:
        log.info("unsafe phrases not learned", extra={"count": unsafe})
    fits = fit_kinds(ours, t.min_advisors) if recalibrate else []
    curves = {k: (xs, ys) for k, xs, ys in (active.calibration if active else ())}
    curves |= {f.kind: f.curve for f in fits if f.adopted}
    layer = LearnedLayer(
        referential_checksum,
        (active.version + 1) if active else 1,
        suppressions=tuple(base_s | {p for p, _ in suppress}),
        additions=tuple((base_a - {p for p, _ in suppress}) | {p for p, _ in add}),
        calibration=tuple((k, xs, ys) for k, (xs, ys) in curves.items()),
    )
    return Proposal(
        referential=referential, referential_checksum=referential_checksum, thresholds=t,
        layer=layer, decisions=total, dropped_unsafe=unsafe,
        suppressions=[_row(p, tally, "rejected") for p, tally in suppress],
        additions=[_row(p, tally, "added") for p, tally in add],
        calibration=[f.to_dict() for f in fits],
        created_at=now or datetime.now(UTC),
    )


def _row(pairing: Pairing, tally: _Tally, verb: str) -> dict[str, Any]:
    example = tally.examples[0] if tally.examples else ""
    if len(example) > EXAMPLE_CHARS:
        example = example[:EXAMPLE_CHARS].rsplit(" ", 1)[0] + "…"
    return {
        **pairing.to_dict(), "label": tally.label, verb: tally.changed,
        "decided": tally.decided, "rate": round(tally.changed / max(tally.decided, 1), 3),
        "advisors": len(tally.advisors), "job_seekers": len(tally.seekers),
        "example": example,
    }

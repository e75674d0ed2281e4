"""The learned layer: what advisors' decisions taught, as a versioned change set on top of one
referential version — pure data, adopted by a person, never learned automatically.

Two kinds of change, both on (field kind, normalised phrase, code) pairings, the phrase as the
matcher reads text (`cvparse.engine.match.normalise.normalise`: the same key whatever the case,
accents or inflection):

- a *suppression*: the pipeline stops proposing that item from that phrase (its matches are
  dropped before fields are built, so a métier no longer leans on them either) — and only from
  that phrase: the item is still proposed from any other;
- an *addition*: the phrase becomes a synonym of the item, indexed like the curated synonyms
  (`ReferentialIndex(..., learned=...)`), so it is matched, scored and overlapped like them.

Only the kinds the matcher proposes from the referential's labels are learnable (competence
items and appellations): métiers are ranked from them, and languages, diplomas and licences
come from parsers with their own tables.

A layer may also hold a *recalibration* per field kind: a monotone curve from the confidence
the pipeline shows to the share of such proposals advisors accepted, fitted on decisions and
adopted for a kind only when it lowered the calibration error on held-out decisions
(`cvparse.service.feedback.propose`). It is applied after the confidence stage.

A layer is identified by its content digest; a draft records `v<version>:<digest12>`, and the
registry keys pipelines by it, so two layers never share a pipeline or a stored draft.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from cvparse.engine.match.matcher import Match
from cvparse.engine.match.normalise import normalise
from cvparse.engine.profile.models import Field

LEARNABLE_KINDS = ("competence", "appellation")
# Field kind ↔ the index's target type of the entries it is matched on.
TARGET_TYPE = {"competence": "item", "appellation": "appellation"}
FORMAT = 1  # of the payload; part of the digest


@dataclass(frozen=True, slots=True, order=True)
class Pairing:
    """A (field kind, normalised phrase, code) pairing."""

    kind: str
    phrase: str
    code: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "phrase": self.phrase, "code": self.code}


@dataclass(frozen=True, slots=True)
class LearnedLayer:
    """One version of the learned layer for one referential (by its content checksum)."""

    referential_checksum: str
    version: int = 1
    suppressions: tuple[Pairing, ...] = ()
    additions: tuple[Pairing, ...] = ()
    # (field kind, curve x: confidence shown, curve y: share accepted), sorted by kind
    calibration: tuple[tuple[str, tuple[float, ...], tuple[float, ...]], ...] = ()
    _suppressed: frozenset[tuple[str, str, str]] = field(
        default=frozenset(), init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for pairing in (*self.suppressions, *self.additions):
            if pairing.kind not in LEARNABLE_KINDS:
                raise ValueError(f"kind {pairing.kind!r} cannot be learned ({LEARNABLE_KINDS})")
            if not pairing.phrase or pairing.phrase != pairing.phrase.strip():
                raise ValueError("a learned phrase is a non-empty normalised phrase")
        object.__setattr__(self, "suppressions", tuple(sorted(set(self.suppressions))))
        object.__setattr__(self, "additions", tuple(sorted(set(self.additions))))
        object.__setattr__(self, "calibration", tuple(sorted(
            (kind, tuple(map(float, xs)), tuple(map(float, ys)))
            for kind, xs, ys in self.calibration
        )))
        for kind, xs, ys in self.calibration:
            if not xs or len(xs) != len(ys) or list(xs) != sorted(xs):
                raise ValueError(f"the {kind} recalibration curve is malformed")
        object.__setattr__(self, "_suppressed", frozenset(
            (TARGET_TYPE[p.kind], p.phrase, p.code) for p in self.suppressions
        ))

    @property
    def digest(self) -> str:
        """sha256 of the content (not the version number: the same changes, the same drafts)."""
        content = {"format": FORMAT, "referential": self.referential_checksum,
                   "suppressions": [p.to_dict() for p in self.suppressions],
                   "additions": [p.to_dict() for p in self.additions]}
        if self.calibration:  # absent when empty: digests of layers without one stay put
            content["calibration"] = self._curves()
        blob = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()

    @property
    def label(self) -> str:
        """What a draft records: `v3:1a2b3c4d5e6f`."""
        return f"v{self.version}:{self.digest[:12]}"

    @property
    def empty(self) -> bool:
        return not self.suppressions and not self.additions and not self.calibration

    def recalibrate(self, kind: str, confidence: float) -> float:
        """The confidence of a `kind` field as advisors' decisions measured it (unchanged for
        a kind without a curve)."""
        for k, xs, ys in self.calibration:
            if k == kind:
                return round(float(np.interp(confidence, xs, ys)), 4)
        return confidence

    def _curves(self) -> dict[str, dict[str, list[float]]]:
        return {k: {"x": list(xs), "y": list(ys)} for k, xs, ys in self.calibration}

    def suppresses(self, match: Match) -> bool:
        return (match.target_type, phrase_key(match.phrase.text), match.target_id) \
            in self._suppressed

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "referential_checksum": self.referential_checksum,
                "version": self.version,
                "suppressions": [p.to_dict() for p in self.suppressions],
                "additions": [p.to_dict() for p in self.additions],
                "calibration": self._curves()}

    @classmethod
    def from_dict(cls, data: dict[str, Any], version: int | None = None) -> LearnedLayer:
        if data.get("format", FORMAT) != FORMAT:
            raise ValueError(f"learned layer format {data.get('format')!r} is not {FORMAT}")
        return cls(
            referential_checksum=data["referential_checksum"],
            version=version if version is not None else int(data.get("version", 1)),
            suppressions=tuple(_pairing(p) for p in data.get("suppressions", [])),
            additions=tuple(_pairing(p) for p in data.get("additions", [])),
            calibration=tuple((str(k), tuple(c["x"]), tuple(c["y"]))
                              for k, c in (data.get("calibration") or {}).items()),
        )


def _pairing(data: dict[str, Any]) -> Pairing:
    return Pairing(str(data["kind"]), str(data["phrase"]), str(data["code"]))


def phrase_key(text: str) -> str:
    """A phrase as the matcher reads it: two CVs writing "Soudure à l'arc" and "soudures a
    l'arc" give one key. The one definition, shared by the decisions learned from and the
    matches a layer filters."""
    return normalise(text)


def field_phrase(field_: Field) -> str:
    """The key of a field's first evidence ("" without evidence)."""
    return phrase_key(field_.evidence[0].text) if field_.evidence else ""


def learned_entries(layer: LearnedLayer | None) -> list[tuple[str, str, tuple[str, ...]]]:
    """The index entries an addition makes: (target type, target id, keys) — the phrase's keys
    as they are, since it is already normalised."""
    if layer is None:
        return []
    return [(TARGET_TYPE[p.kind], p.code, tuple(p.phrase.split())) for p in layer.additions]


def recalibrated(layer: LearnedLayer | None, fields: list[Field]) -> list[Field]:
    """The fields with the layer's per-kind recalibration applied to their confidence."""
    if layer is None or not layer.calibration:
        return fields
    return [f.model_copy(update={"confidence": layer.recalibrate(f.kind, f.confidence)})
            for f in fields]


def drop_suppressed(layer: LearnedLayer | None, matches: list[Match]) -> list[Match]:
    """The matches a layer still allows."""
    if layer is None or not layer.suppressions:
        return matches
    return [m for m in matches if not layer.suppresses(m)]

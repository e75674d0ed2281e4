"""What changed between two versions of a profile's fields (a re-processed draft against the
previous draft or the saved profile), so that advisors see it and ops can count it.

Fields are matched by identity — (kind, code) for coded kinds, the label for diplomas — and,
when an identity disappeared and another of the same kind appeared on the same evidence, the
pair is reported as a changed code rather than a removal and an addition."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from cvparse.engine.profile.models import Field

CONFIDENCE_STEP = 0.05  # smaller moves are noise, not changes


class FieldRef(BaseModel):
    kind: str
    code: str | None
    label: str
    confidence: float | None = None


class Change(BaseModel):
    kind: str
    what: str  # "code" or "confidence"
    before: FieldRef
    after: FieldRef


class Diff(BaseModel):
    added: list[FieldRef] = []
    removed: list[FieldRef] = []
    changed: list[Change] = []

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _key(field: Field) -> tuple[str, str]:
    if field.kind == "experience":
        return field.kind, f"{field.start}|{field.end}|{field.label}"
    if field.kind == "diploma":
        return field.kind, f"{field.level}|{field.year}|{field.label}"
    return field.kind, str(field.code if field.code is not None else field.label)


def _ref(field: Field) -> FieldRef:
    return FieldRef(kind=field.kind, code=field.code, label=field.label,
                    confidence=field.confidence)


def _spans(field: Field) -> set[tuple[int, int]]:
    return {(e.start, e.end) for e in field.evidence}


def diff_fields(before: Iterable[Field], after: Iterable[Field]) -> Diff:
    old = {_key(f): f for f in before}
    new = {_key(f): f for f in after}
    removed = [old[k] for k in old if k not in new]
    added = [new[k] for k in new if k not in old]
    result = Diff()
    for gone in list(removed):
        twin = next((f for f in added if f.kind == gone.kind and _overlaps(gone, f)), None)
        if twin is not None:
            result.changed.append(Change(kind=gone.kind, what="code", before=_ref(gone),
                                         after=_ref(twin)))
            removed.remove(gone)
            added.remove(twin)
    for key in old.keys() & new.keys():
        a, b = old[key], new[key]
        if abs(a.confidence - b.confidence) >= CONFIDENCE_STEP:
            result.changed.append(Change(kind=a.kind, what="confidence", before=_ref(a),
                                         after=_ref(b)))
    result.added = [_ref(f) for f in added]
    result.removed = [_ref(f) for f in removed]
    return result


def _overlaps(a: Field, b: Field) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in _spans(a) for s2, e2 in _spans(b))

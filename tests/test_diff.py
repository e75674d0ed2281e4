"""Diffs between two versions of a profile's fields."""

from __future__ import annotations

from cvparse.engine.profile.diff import diff_fields
from cvparse.engine.profile.models import Evidence, Field


def _f(kind: str, code: str, conf: float = 0.9, span: tuple[int, int] = (0, 5),
       label: str | None = None) -> Field:
    return Field(id=code, kind=kind, code=code, label=label or f"label {code}", confidence=conf,
                 evidence=[Evidence(page=1, start=span[0], end=span[1], text="x")])


def test_identical_fields_make_an_empty_diff() -> None:
    fields = [_f("competence", "1"), _f("metier", "J1501")]
    assert diff_fields(fields, fields).empty


def test_added_removed_and_confidence_changes() -> None:
    before = [_f("competence", "1", 0.9, (0, 5)), _f("competence", "2", 0.9, (10, 15))]
    after = [_f("competence", "1", 0.7, (0, 5)), _f("competence", "3", 0.8, (40, 45))]
    d = diff_fields(before, after)
    assert [r.code for r in d.added] == ["3"] and [r.code for r in d.removed] == ["2"]
    (change,) = d.changed
    assert (change.what, change.before.confidence, change.after.confidence) == (
        "confidence", 0.9, 0.7)


def test_a_new_code_on_the_same_evidence_is_a_changed_code() -> None:
    before = [_f("competence", "old", span=(10, 20))]
    after = [_f("competence", "new", span=(12, 18))]
    d = diff_fields(before, after)
    assert not d.added and not d.removed
    assert [(c.what, c.before.code, c.after.code) for c in d.changed] == [("code", "old", "new")]


def test_small_confidence_moves_are_not_changes() -> None:
    assert diff_fields([_f("competence", "1", 0.90)], [_f("competence", "1", 0.88)]).empty

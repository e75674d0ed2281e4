"""Decisions become flat records: confirmed, rejected, edited and added fields, with the
evidence phrase normalised; undecided fields are not records."""

from __future__ import annotations

from datetime import UTC, datetime

from cvparse.engine.profile.models import (
    DraftProfile,
    Evidence,
    Field,
    ReferentialInfo,
    SourceInfo,
)
from cvparse.service.feedback.decisions import records
from cvparse.service.review.models import Decision

AT = datetime(2026, 12, 1, tzinfo=UTC)


def _field(fid: str, code: str, text: str) -> Field:
    return Field(id=fid, kind="competence", code=code, label=code, confidence=0.7,
                 evidence=[Evidence(page=1, start=0, end=len(text), text=text)])


def test_each_decision_is_one_record_and_undecided_fields_none() -> None:
    draft = DraftProfile(
        source=SourceInfo(filename="cv.pdf", sha256="x", format="pdf", pages=1),
        referential=ReferentialInfo(name="rome", version="460", checksum="c"),
        pipeline_version="p",
        fields=[_field("f1", "100", "Soudures à l'ARC"), _field("f2", "200", "Peinture"),
                _field("f3", "300", "Accueil")],
    )
    added = Field(id="a1", kind="competence", code="400", label="Cariste", confidence=1.0,
                  status="added")
    decisions = {
        "f1": Decision(field_id="f1", action="confirm", value=draft.fields[0], advisor="A",
                       at=AT),
        "f2": Decision(field_id="f2", action="edit", advisor="B", at=AT,
                       value=draft.fields[1].model_copy(update={"code": "201"})),
        "a1": Decision(field_id="a1", action="add", value=added, advisor="A", at=AT),
    }
    out = records(draft, decisions, document_id="d", job_seeker_id="s", finalized=True)
    by_field = {(r.action, r.code, r.new_code): r for r in out}
    assert set(by_field) == {("confirm", "100", None), ("edit", "200", "201"),
                             ("add", None, "400")}
    assert by_field[("confirm", "100", None)].phrase == by_field[
        ("confirm", "100", None)].phrase.lower()
    assert "arc" in by_field[("confirm", "100", None)].phrase
    assert by_field[("edit", "200", "201")].advisor_id == "B"
    assert all(r.referential == "rome@460" and r.job_seeker_id == "s" for r in out)

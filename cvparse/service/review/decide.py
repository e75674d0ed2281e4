"""Apply an advisor's decision to a draft field, and build the saved profile. Pure functions:
the store persists their results, the API checks who may call them."""

from __future__ import annotations

from datetime import datetime

from cvparse.engine.profile.models import DraftProfile, Field
from cvparse.engine.referential import Referential
from cvparse.service.review import vocab
from cvparse.service.review.models import (
    AddIn,
    Decision,
    DecisionIn,
    Edit,
    ReviewState,
    SavedProfile,
)

CEFR = vocab.CEFR
REFERENTIAL_KINDS = {"metier", "appellation", "competence"}


class DecisionError(ValueError):
    """An edit that cannot be applied; `code` is stable, the message says what to do, and
    `field` names the input it concerns (the review page shows the error beside it)."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def field_of(draft: DraftProfile, field_id: str) -> Field:
    for field in draft.fields:
        if field.id == field_id:
            return field
    raise DecisionError("unknown_field", f"the draft has no field {field_id!r}")


def decide(
    draft: DraftProfile, ref: Referential, field_id: str, decision: DecisionIn, advisor: str,
    at: datetime,
) -> Decision:
    field = field_of(draft, field_id)
    value: Field | None = None
    if decision.action == "undo":
        raise DecisionError("bad_action", "an undo is not a decision: see `undo`")
    if decision.action == "confirm":
        value = field.model_copy(update={"status": "confirmed"})
    elif decision.action == "edit":
        if decision.edit is None or not decision.edit.model_fields_set:
            raise DecisionError("empty_edit",
                                "an edit must change the code, label, level, year or dates")
        value = _edited(field, decision.edit, ref)
    return Decision(field_id=field_id, action=decision.action, value=value,
                    comment=decision.comment, advisor=advisor, at=at)


def undoable(state: ReviewState, field_id: str) -> None:
    """An undo takes a decided field back to undecided (an added field goes away)."""
    if field_id not in state.decisions:
        raise DecisionError("not_decided", f"field {field_id!r} has no decision to undo")


def add(draft: DraftProfile, state: ReviewState, ref: Referential, body: AddIn, advisor: str,
        at: datetime) -> Decision:
    """A new field of any kind, decided by the advisor (status "added")."""
    taken = {f.id for f in draft.fields} | set(state.decisions)
    number = 1
    while f"a{number}" in taken:
        number += 1
    if body.kind in REFERENTIAL_KINDS | {"licence", "language", "experience"} and not body.code:
        raise DecisionError("missing_code", f"a {body.kind} needs its code: pick one from the "
                            "list", field="code")
    if body.kind not in ("experience", "diploma"):
        for field in draft.fields:
            if field.kind == body.kind and field.code == body.code:
                raise DecisionError("already_proposed", f"the draft already proposes "
                                    f"{body.code} ({field.id}): confirm or edit that field "
                                    "instead", field="code")
    proposed = Field(id=f"a{number}", kind=body.kind, label=body.label or "", confidence=1.0,
                     status="added", method="advisor")
    edit = Edit.model_validate({k: v for k, v in body.model_dump().items()
                                if k in Edit.model_fields and v is not None})
    if body.kind == "diploma" and not body.label:
        raise DecisionError("missing_label", "a diploma needs its title", field="label")
    if body.kind == "experience" and body.start is None:
        raise DecisionError("missing_start", "an experience needs its start date",
                            field="start")
    value = _edited(proposed, edit, ref).model_copy(update={"status": "added"})
    if body.kind == "diploma" and value.level is None and body.code:
        choice = next((c for c in vocab.vocabulary().diplomas if c.code == body.code), None)
        value.level = choice.level if choice else None
    return Decision(field_id=value.id, action="add", value=value, comment=body.comment,
                    advisor=advisor, at=at)


def _edited(field: Field, edit: Edit, ref: Referential) -> Field:
    update: dict = {"status": "edited"}
    if edit.code is not None:
        update.update(_code(field.kind, edit.code, ref))
    if edit.label is not None:
        if field.kind != "diploma":
            raise DecisionError("label_not_editable", "only a diploma's title is written by "
                                "hand; other labels follow their code", field="label")
        update["label"] = " ".join(edit.label.split())
        if len(update["label"]) < 2:
            raise DecisionError("missing_label", "a diploma needs its title", field="label")
    if edit.level is not None:
        update["level"] = _level(field, edit.level)
    if edit.year is not None:
        if field.kind != "diploma":
            raise DecisionError("year_not_editable", "only a diploma has a year", field="year")
        update["year"] = edit.year
    if edit.start is not None or "end" in edit.model_fields_set:
        if field.kind != "experience":
            raise DecisionError("dates_not_editable", "only an experience has dates",
                                field="start")
        start = edit.start or field.start
        end = edit.end if "end" in edit.model_fields_set else field.end
        if start and end and end < start:
            raise DecisionError("bad_dates", "the end date is before the start date",
                                field="end")
        update["start"], update["end"] = start, end
        update["months"] = (
            (end.year - start.year) * 12 + end.month - start.month + 1 if start and end
            else None
        )
    return field.model_copy(update=update)


def _code(kind: str, code: str, ref: Referential) -> dict:
    """The code and what follows from it (label, item kind, métier) for a field kind."""
    if kind in REFERENTIAL_KINDS:
        return _entry(kind, code, ref)
    if kind == "experience":  # an experience is coded by its job title (appellation)
        entry = _entry("appellation", code, ref)
        return {"code": entry["code"], "label": entry["label"]}
    if kind == "licence":
        choice = vocab.licence(code)
        if choice is None:
            raise DecisionError("unknown_code", f"{code!r} is not a normalised licence or "
                                "certification code: pick one from the list", field="code")
        return {"code": choice.code, "label": choice.fr}
    if kind == "language":
        choice = vocab.language(code)
        if choice is None:
            raise DecisionError("unknown_code", f"{code!r} is not a language code: pick one "
                                "from the list", field="code")
        return {"code": choice.code, "label": choice.fr}
    if kind == "diploma":
        if not any(c.code == code for c in vocab.vocabulary().diplomas):
            raise DecisionError("unknown_code", f"{code!r} is not a diploma type of the list",
                                field="code")
        return {"code": code}
    raise DecisionError("code_not_editable", f"a {kind} field has no code to replace",
                        field="code")


def _entry(kind: str, code: str, ref: Referential) -> dict:
    if kind == "competence" and code in ref.items:
        item = ref.items[code]
        return {"code": code, "label": item.label, "item_kind": item.kind}
    if kind == "appellation" and code in ref.appellations:
        app = ref.appellations[code]
        return {"code": code, "label": app.label, "metier": app.metier_code}
    if kind == "metier" and code in ref.metiers:
        return {"code": code, "label": ref.metiers[code].title}
    raise DecisionError(
        "unknown_code",
        f"{code!r} is not a {kind} of referential {ref.name}@{ref.version}: "
        "pick one from the referential search", field="code",
    )


def _level(field: Field, level: str | int) -> str | int:
    if field.kind == "language":
        if str(level).upper() not in CEFR:
            raise DecisionError("bad_level", "a language level is a CEFR level, A1 to C2",
                                field="level")
        return str(level).upper()
    if field.kind == "diploma":
        if not str(level).isdigit() or not 3 <= int(level) <= 8:
            raise DecisionError("bad_level", "a diploma level is 3 to 8 (French nomenclature)",
                                field="level")
        return int(level)
    raise DecisionError("level_not_editable", f"a {field.kind} field has no level",
                        field="level")


def finalize(
    draft: DraftProfile, state: ReviewState, *, profile_id: str, job_seeker: str | None,
    advisor: str, at: datetime,
) -> SavedProfile:
    """Only confirmed and edited fields are saved; the rest is listed, never saved."""
    kept = [d.value for d in state.decisions.values() if d.value is not None]
    rejected = [f for f, d in state.decisions.items() if d.action == "reject"]
    unreviewed = [f.id for f in draft.fields if f.id not in state.decisions]
    ref = draft.referential
    return SavedProfile(
        id=profile_id, document_id=state.document_id, job_seeker=job_seeker,
        fields=[f for f in kept if f is not None], rejected=rejected, unreviewed=unreviewed,
        referential=f"{ref.name}@{ref.version}", referential_checksum=ref.checksum,
        pipeline_version=draft.pipeline_version, advisor=advisor, finalized_at=at,
    )

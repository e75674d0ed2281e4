"""Apply an advisor's decision to a draft field, and build the saved profile. Pure functions:
the store persists their results, the API checks who may call them."""

from __future__ import annotations

from datetime import date, datetime

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
# The earliest year or date an advisor may type: nobody looking for work today started a job
# or got a diploma before it, so an earlier one is a typing slip ("1800", "0201").
EARLIEST_YEAR = 1950


class DecisionError(ValueError):
    """An edit that cannot be applied; `code` is stable, the message says what to do, and
    `field` names the input it concerns (the review page shows the error beside it). `fr` is
    the French message when it says more than the code's fixed one (the bounds of a date)."""

    def __init__(self, code: str, message: str, field: str | None = None,
                 fr: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.fr = fr


def field_of(draft: DraftProfile, field_id: str) -> Field:
    for field in draft.fields:
        if field.id == field_id:
            return field
    raise DecisionError("unknown_field", f"the draft has no field {field_id!r}")


def decide(
    draft: DraftProfile, ref: Referential, field_id: str, decision: DecisionIn, advisor: str,
    at: datetime, current: Decision | None = None,
) -> Decision:
    """The decision on a draft field. `current` is the field's decision so far, if any: an
    edit applies to what the field holds now (an earlier correction, or the proposal), so
    that correcting one value of a corrected field keeps the others."""
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
        edited = current is not None and current.action == "edit" and current.value is not None
        now = current.value if edited else field
        value = _edited(now, decision.edit, ref, at.date())
        if _same(value, now, decision.edit.model_fields_set):
            raise _no_change(earlier_edit=edited)
    return Decision(field_id=field_id, action=decision.action, value=value,
                    comment=decision.comment, advisor=advisor, at=at)


def _same(a: Field, b: Field, given: set[str]) -> bool:
    """`a` holds what `b` holds for every value the advisor gave (the rest is `b`'s by
    construction). Values as normalised by `_edited` (the list's code, the CEFR level in
    capitals, the title's spacing); a label that follows a code is not compared, as the
    advisor did not type it: re-picking a licence's code is no change even when the
    pipeline's label for it was worded differently."""
    def value(f: Field, name: str) -> object:
        return " ".join(f.label.split()) if name == "label" else getattr(f, name)
    return all(value(a, name) == value(b, name) for name in given)


def _no_change(*, earlier_edit: bool) -> DecisionError:
    """An edit that changes nothing is refused, not recorded, and not silently dropped.

    Not recorded: the saved profile would call the field "edited" although the pipeline had
    it right (quality figures count edits as the pipeline's errors) and the audit would list a
    correction nobody made. Not dropped with a success either: the advisor who pressed
    "save" would see the field go back to undecided, or stay as it was, with no word why.
    A 422 `no_change` says it, with what to do instead: confirm the proposal, or keep the
    earlier correction that is already saved. Nothing is written, the version does not move."""
    if earlier_edit:
        return DecisionError(
            "no_change", "Nothing changed: the field already holds these values (your earlier "
            "correction is saved). Change a value, or cancel.",
            fr="Rien n'a changé : le champ a déjà ces valeurs (la correction précédente est "
               "enregistrée). Modifiez une valeur, ou annulez.")
    return DecisionError(
        "no_change", "Nothing changed: these are the proposed values. Confirm the field "
        "instead, or change a value.",
        fr="Rien n'a changé : ce sont les valeurs proposées. Confirmez plutôt le champ, ou "
           "modifiez une valeur.")


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
    value = _edited(proposed, edit, ref, at.date()).model_copy(update={"status": "added"})
    if body.kind == "diploma" and value.level is None and body.code:
        choice = next((c for c in vocab.vocabulary().diplomas if c.code == body.code), None)
        value.level = choice.level if choice else None
    return Decision(field_id=value.id, action="add", value=value, comment=body.comment,
                    advisor=advisor, at=at)


def _edited(field: Field, edit: Edit, ref: Referential, today: date) -> Field:
    """`field` with `edit` applied; years and dates typed must lie between 1950 and a year
    from `today` (the day of the decision; see `latest`), an end not before its start."""
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
        update["year"] = _year(edit.year, today)
    if edit.start is not None or "end" in edit.model_fields_set:
        if field.kind != "experience":
            raise DecisionError("dates_not_editable", "only an experience has dates",
                                field="start")
        for name in ("start", "end"):
            if getattr(edit, name) is not None:
                _date(getattr(edit, name), name, today)
        start = edit.start or field.start
        end = edit.end if "end" in edit.model_fields_set else field.end
        if start and end and end < start:
            raise DecisionError("bad_dates", "the end date is before the start date: correct "
                                "one of them (no end date if the job is ongoing)", field="end")
        update["start"], update["end"] = start, end
        update["months"] = (
            (end.year - start.year) * 12 + end.month - start.month + 1 if start and end
            else None
        )
    return field.model_copy(update=update)


def latest(today: date) -> date:
    """The latest date an advisor may type: a year from today (a diploma being prepared, a
    contract signed to start soon); anything later is a typing slip ("2052", "9999")."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


def _year(year: int, today: date) -> int:
    last = latest(today).year
    if not EARLIEST_YEAR <= year <= last:
        raise DecisionError(
            "year_out_of_range", f"{year} is not a plausible diploma year: type the year it "
            f"was obtained, between {EARLIEST_YEAR} and {last}", field="year",
            fr=f"{year} n'est pas une année de diplôme plausible : indiquez l'année "
               f"d'obtention, entre {EARLIEST_YEAR} et {last}.")
    return year


def _date(value: date, name: str, today: date) -> None:
    first, last = date(EARLIEST_YEAR, 1, 1), latest(today)
    if not first <= value <= last:
        which = ("start", "début") if name == "start" else ("end", "fin")
        raise DecisionError(
            "date_out_of_range", f"{value:%m/%Y} is not a plausible {which[0]} date: type a "
            f"month between {first:%m/%Y} and {last:%m/%Y}", field=name,
            fr=f"{value:%m/%Y} n'est pas une date de {which[1]} plausible : indiquez un mois "
               f"entre {first:%m/%Y} et {last:%m/%Y}.")


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

"""Pydantic models of decisions and saved profiles (they cross the API and the database)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict
from pydantic import Field as PydField

from cvparse.engine.profile.models import Field
from cvparse.service.text_input import clean_input

Action = Literal["confirm", "reject", "edit", "add"]
# "undo" takes a field back to undecided: it removes the decision, so it is never stored.
Verdict = Literal["confirm", "reject", "edit", "add", "undo"]
AddKind = Literal["competence", "appellation", "metier", "language", "diploma", "licence",
                  "experience"]
MAX_COMMENT = 2000
MAX_LABEL = 200


def _comment(value: object) -> object:
    """A comment keeps its line breaks; one with nothing visible in it is no comment."""
    return clean_input(value, multiline=True) or None


# What an advisor types, without invisible characters (`cvparse.service.text_input`): what is
# saved is what the next reader sees, and what the sensitive-words check reads.
Label = Annotated[str | None, BeforeValidator(clean_input)]
Comment = Annotated[str | None, BeforeValidator(_comment)]


class Edit(BaseModel):
    """What an advisor may change: the code (a referential entry, a normalised licence, a
    language, a diploma type; the label follows it), a level, a year, dates, or a diploma's
    title. Anything not given is kept as the field is now (an earlier correction, or as
    proposed).

    Years and dates have no bounds here: their bounds move with today, and
    `cvparse.service.review.decide` refuses them with an error that names the input."""

    model_config = ConfigDict(extra="forbid")

    code: str | None = PydField(default=None, max_length=40)
    label: Label = PydField(default=None, max_length=MAX_LABEL)
    level: str | int | None = None
    year: int | None = None
    start: date | None = None
    end: date | None = None


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Verdict
    edit: Edit | None = None
    comment: Comment = PydField(default=None, max_length=MAX_COMMENT)
    version: int = PydField(ge=0, description="the review version the advisor saw (locking)")


class AddIn(BaseModel):
    """A field the CV showed but the pipeline missed, of any kind: a referential entry
    (competence, appellation, métier: `code`), a licence (`code` from the normalised list), a
    language (`code`, `level`), a diploma (`label`, `code` its type, `level`, `year`) or an
    experience (`code` the job title's appellation, `start`, `end` — none when ongoing)."""

    model_config = ConfigDict(extra="forbid")

    kind: AddKind
    code: str | None = PydField(default=None, min_length=1, max_length=40)
    label: Label = PydField(default=None, max_length=MAX_LABEL)
    level: str | int | None = None
    year: int | None = None
    start: date | None = None
    end: date | None = None
    comment: Comment = PydField(default=None, max_length=MAX_COMMENT)
    version: int = PydField(ge=0)


class Decision(BaseModel):
    field_id: str
    action: Action
    value: Field | None = None  # the field as saved (confirmed as is, or edited)
    comment: str | None = None
    advisor: str
    at: datetime


class ReviewState(BaseModel):
    document_id: str
    draft_id: str
    version: int
    decisions: dict[str, Decision] = PydField(default_factory=dict)
    finalized: bool = False


class SavedProfile(BaseModel):
    """Only what an advisor confirmed or edited; what was left unreviewed is listed, not saved."""

    id: str
    document_id: str
    job_seeker: str | None = None
    fields: list[Field]
    rejected: list[str]  # field ids
    unreviewed: list[str]  # field ids
    referential: str
    referential_checksum: str
    pipeline_version: str
    advisor: str
    finalized_at: datetime

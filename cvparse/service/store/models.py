"""Database tables (SQLAlchemy 2). Schema changes go through Alembic migrations
(`cvparse/service/store/migrations/`), never through `create_all`, so SQLite and PostgreSQL
databases in the field can be upgraded in place."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

JSONType = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(when: datetime) -> datetime:
    """SQLite gives back naive datetimes: they were written in UTC (`utcnow`)."""
    return when if when.tzinfo else when.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class DraftRow(Base):
    """A draft is a pure function of (file bytes, referential content, pipeline version,
    learned layer): it is stored once for that key, which makes processing idempotent — a task
    run twice, or the same CV uploaded twice, never yields two drafts. `learned` is the layer's
    label ("v3:<digest12>"), "" without a layer (not NULL: NULLs never collide in a unique
    constraint)."""

    __tablename__ = "drafts"
    __table_args__ = (
        UniqueConstraint("sha256", "referential_checksum", "pipeline_version", "learned",
                         name="uq_draft"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    referential: Mapped[str] = mapped_column(String(200))  # name@version, for people
    referential_checksum: Mapped[str] = mapped_column(String(64))
    pipeline_version: Mapped[str] = mapped_column(String(40))
    learned: Mapped[str] = mapped_column(String(40), default="", server_default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LearnedLayerRow(Base):
    """One version of the learned layer of one referential version (by content checksum): at
    most one is active per checksum; the others are superseded or rolled back, kept for the
    record and for a rollback to find its predecessor."""

    __tablename__ = "learned_layers"
    __table_args__ = (
        UniqueConstraint("referential_checksum", "version", name="uq_learned_version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    referential: Mapped[str] = mapped_column(String(200))  # name@version, for people
    referential_checksum: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)  # LearnedLayer.to_dict()
    state: Mapped[str] = mapped_column(String(20))  # active, superseded, rolled_back
    proposal: Mapped[str] = mapped_column(String(64))  # sha256 of the proposal file applied
    created_by: Mapped[str | None] = mapped_column(String(120), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReadingRow(Base):
    """A file as the pipeline read it (text with layout, OCR'd pages marked), stored once per
    content and per what changes the reading — the pipeline version, and whether OCR ran — so
    that parsing it again (another referential) and showing its text never read the file again.
    `payload` is the document's `to_dict` form as zlib-compressed JSON: it is the CV's text,
    personal data deleted with the file (`cvparse.service.retention`)."""

    __tablename__ = "readings"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    pipeline_version: Mapped[str] = mapped_column(String(40), primary_key=True)
    ocr: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DocumentRow(Base):
    """One upload: what the job seeker sent and where its processing stands."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    referential: Mapped[str | None] = mapped_column(String(200), nullable=True)
    owner_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("users.id"), nullable=True, index=True
    )
    status: Mapped[str] = mapped_column(String(20), index=True)
    error_code: Mapped[str | None] = mapped_column(String(60), nullable=True)
    error_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    draft_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("drafts.id"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class UserRow(Base):
    """A person or service with a role. People sign in to the pages with a local password
    (`login` + an argon2 hash) or through an OpenID Connect provider (`oidc_issuer` +
    `oidc_subject`); programs call the API with bearer tokens (`ApiTokenRow`)."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("oidc_issuer", "oidc_subject", name="uq_users_oidc"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))
    display_name: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    login: Mapped[str | None] = mapped_column(String(254), unique=True, nullable=True)
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                                 nullable=True)
    oidc_issuer: Mapped[str | None] = mapped_column(String(300), nullable=True)
    oidc_subject: Mapped[str | None] = mapped_column(String(255), nullable=True)


class ApiTokenRow(Base):
    """A bearer token for an API client, shown once: `cvp_<prefix>_<secret>`. The prefix finds
    the row; the secret is kept as a SHA-256 digest (it is 256 random bits: a slow hash adds
    nothing but cost per request). Tokens made before 0005 keep their argon2 hash. A revoked
    token stays listed (when, by whom: the audit log) and never works again."""

    __tablename__ = "api_tokens"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"), index=True)
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                          nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class SessionRow(Base):
    """A signed-in browser. The cookie holds a random id; the table holds its SHA-256, so a
    leaked table opens no session. `csrf` is the token the pages put in their forms."""

    __tablename__ = "sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    method: Mapped[str] = mapped_column(String(20))  # password, oidc, reset
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PasswordResetRow(Base):
    """A one-time link an administrator issued: its token's SHA-256, its deadline, its use."""

    __tablename__ = "password_resets"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"), index=True)
    created_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class BreakGlassRow(Base):
    """An administrator's or operator's time-limited access to one document's content, with
    the reason they gave. No foreign key to the document: the grant outlives an erasure, as
    evidence."""

    __tablename__ = "break_glass"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"), index=True)
    document_id: Mapped[str] = mapped_column(String(32), index=True)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AssignmentRow(Base):
    """Which job seekers an advisor follows: an advisor sees only their documents."""

    __tablename__ = "assignments"

    advisor_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id"), primary_key=True)
    job_seeker_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("users.id"), primary_key=True
    )


class ReviewRow(Base):
    """The advisor's decisions on one document's draft; `version` grows with every write, and
    a write that names an older version is refused (no lost update)."""

    __tablename__ = "reviews"

    document_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("documents.id"), primary_key=True
    )
    draft_id: Mapped[str] = mapped_column(String(32), ForeignKey("drafts.id"))
    version: Mapped[int] = mapped_column(Integer, default=0)
    decisions: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    finalized: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ProfileRow(Base):
    """A saved competency profile: only confirmed and edited fields (see cvparse.service.review)."""

    __tablename__ = "profiles"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("documents.id"), unique=True
    )
    job_seeker_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditRow(Base):
    """Every read and write of personal data: who, what, when, from which value to which."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    actor_role: Mapped[str | None] = mapped_column(String(20), nullable=True)
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[str] = mapped_column(String(64), index=True)
    before: Mapped[Any | None] = mapped_column(JSONType, nullable=True)
    after: Mapped[Any | None] = mapped_column(JSONType, nullable=True)


class RunRow(Base):
    """A batch re-processing run: what was asked (selection, target referential), and when."""

    __tablename__ = "runs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    status: Mapped[str] = mapped_column(String(20))  # enqueuing, stopped, enqueued, finished
    target: Mapped[str | None] = mapped_column(String(200), nullable=True)
    params: Mapped[dict[str, Any]] = mapped_column(JSONType)
    total: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str | None] = mapped_column(String(32), nullable=True)


class RunItemRow(Base):
    """One document of a run, processed at most once (the state moves forward only): its new
    draft, the draft it had before, and the diff against that draft or the saved profile."""

    __tablename__ = "run_items"

    run_id: Mapped[str] = mapped_column(String(32), ForeignKey("runs.id"), primary_key=True)
    document_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("documents.id"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(10), index=True)  # pending enqueued done failed
    draft_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    previous_draft_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    against: Mapped[str | None] = mapped_column(String(10), nullable=True)  # draft, profile
    changed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    diff: Mapped[Any | None] = mapped_column(JSONType, nullable=True)
    error_code: Mapped[str | None] = mapped_column(String(60), nullable=True)
    error_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

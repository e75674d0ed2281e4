"""Service: users and tokens, advisor assignments, document owners, reviews (with a version
for optimistic locking), saved profiles and the audit log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("display_name", sa.String(120), nullable=False),
        sa.Column("token_prefix", sa.String(16), nullable=False, unique=True),
        sa.Column("token_hash", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "assignments",
        sa.Column("advisor_id", sa.String(32), sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("job_seeker_id", sa.String(32), sa.ForeignKey("users.id"), primary_key=True),
    )
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("owner_id", sa.String(32), nullable=True))
        batch.create_index("ix_documents_owner_id", ["owner_id"])
        batch.create_foreign_key("fk_documents_owner", "users", ["owner_id"], ["id"])
    op.create_table(
        "reviews",
        sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("draft_id", sa.String(32), sa.ForeignKey("drafts.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("decisions", JSONType, nullable=False),
        sa.Column("finalized", sa.Boolean, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "profiles",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False,
                  unique=True),
        sa.Column("job_seeker_id", sa.String(32), nullable=True, index=True),
        sa.Column("payload", JSONType, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("actor_id", sa.String(32), nullable=True, index=True),
        sa.Column("actor_role", sa.String(20), nullable=True),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target_type", sa.String(20), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=False, index=True),
        sa.Column("before", JSONType, nullable=True),
        sa.Column("after", JSONType, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("profiles")
    op.drop_table("reviews")
    with op.batch_alter_table("documents") as batch:
        batch.drop_constraint("fk_documents_owner", type_="foreignkey")
        batch.drop_index("ix_documents_owner_id")
        batch.drop_column("owner_id")
    op.drop_table("assignments")
    op.drop_table("users")

"""Learned layers (#19): the versions of what advisors' decisions taught, per referential
version, one active at a time; and the layer a draft was made with, part of the draft's key
(a new layer gives a new draft, never a stale one).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

DRAFT_KEY = ["sha256", "referential_checksum", "pipeline_version"]


def upgrade() -> None:
    op.create_table(
        "learned_layers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("referential", sa.String(200), nullable=False),
        sa.Column("referential_checksum", sa.String(64), nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON().with_variant(sa.dialects.postgresql.JSONB(),
                                                    "postgresql"), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("proposal", sa.String(64), nullable=False),
        sa.Column("created_by", sa.String(120), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("referential_checksum", "version", name="uq_learned_version"),
    )
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("learned", sa.String(40), nullable=False, server_default=""))
        batch.drop_constraint("uq_draft", type_="unique")
        batch.create_unique_constraint("uq_draft", [*DRAFT_KEY, "learned"])


def downgrade() -> None:
    # Drafts made with a layer have no place in the old key. Unused ones go (re-processing
    # makes them again); one a document or a review points at is an advisor's work: refuse.
    used = op.get_bind().execute(sa.text(
        "SELECT COUNT(*) FROM drafts WHERE learned <> '' AND (id IN (SELECT draft_id FROM "
        "documents WHERE draft_id IS NOT NULL) OR id IN (SELECT draft_id FROM reviews))"
    )).scalar()
    if used:
        raise RuntimeError(
            f"{used} document(s) use a draft made with a learned layer: roll the layer back "
            "(`cvparse feedback rollback`) and re-process them before downgrading"
        )
    op.execute("DELETE FROM drafts WHERE learned <> ''")
    with op.batch_alter_table("drafts") as batch:
        batch.drop_constraint("uq_draft", type_="unique")
        batch.drop_column("learned")
        batch.create_unique_constraint("uq_draft", DRAFT_KEY)
    op.drop_table("learned_layers")

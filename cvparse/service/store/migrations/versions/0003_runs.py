"""Batch re-processing runs and their items (new draft, previous draft, diff).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("target", sa.String(200), nullable=True),
        sa.Column("params", JSONType, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("created_by", sa.String(32), nullable=True),
    )
    op.create_table(
        "run_items",
        sa.Column("run_id", sa.String(32), sa.ForeignKey("runs.id"), primary_key=True),
        sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"),
                  primary_key=True),
        sa.Column("state", sa.String(10), nullable=False, index=True),
        sa.Column("draft_id", sa.String(32), nullable=True),
        sa.Column("previous_draft_id", sa.String(32), nullable=True),
        sa.Column("against", sa.String(10), nullable=True),
        sa.Column("changed", sa.Boolean, nullable=True),
        sa.Column("diff", JSONType, nullable=True),
        sa.Column("error_code", sa.String(60), nullable=True),
        sa.Column("error_message", sa.Text, nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("run_items")
    op.drop_table("runs")

"""Readings: each file as the pipeline read it, stored once per content, pipeline version and
OCR (on or off), so that re-processing and the text shown to advisors never read it again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "readings",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("pipeline_version", sa.String(40), primary_key=True),
        sa.Column("ocr", sa.Boolean, primary_key=True),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("readings")

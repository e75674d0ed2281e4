"""Access: passwords and OpenID Connect identities on users; bearer tokens in their own table
(several per user, each revocable); server-side sessions; one-time password-reset links;
break-glass grants.

Existing tokens move to `api_tokens` with their argon2 hash, so they keep working.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False,
                  index=True),
        sa.Column("prefix", sa.String(16), nullable=False, unique=True),
        sa.Column("secret_hash", sa.String(200), nullable=False),
        sa.Column("label", sa.String(120), nullable=False),
        _when("created_at", False), _when("last_used_at"), _when("revoked_at"),
    )
    op.execute(
        "INSERT INTO api_tokens (id, user_id, prefix, secret_hash, label, created_at) "
        "SELECT id, id, token_prefix, token_hash, 'initial', created_at FROM users "
        "WHERE token_hash NOT IN ('erased', '-')"
    )
    with op.batch_alter_table("users") as batch:
        batch.drop_column("token_prefix")
        batch.drop_column("token_hash")
        batch.add_column(sa.Column("login", sa.String(254), nullable=True))
        batch.add_column(sa.Column("password_hash", sa.String(200), nullable=True))
        batch.add_column(_when("password_changed_at"))
        batch.add_column(sa.Column("oidc_issuer", sa.String(300), nullable=True))
        batch.add_column(sa.Column("oidc_subject", sa.String(255), nullable=True))
        batch.create_unique_constraint("uq_users_login", ["login"])
        batch.create_unique_constraint("uq_users_oidc", ["oidc_issuer", "oidc_subject"])
    op.create_table(
        "sessions",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False,
                  index=True),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        _when("created_at", False), _when("last_seen_at", False), _when("expires_at", False),
    )
    op.create_table(
        "password_resets",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False,
                  index=True),
        sa.Column("created_by", sa.String(32), nullable=True),
        _when("created_at", False), _when("expires_at", False), _when("used_at"),
    )
    op.create_table(
        "break_glass",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False,
                  index=True),
        sa.Column("document_id", sa.String(32), nullable=False, index=True),
        sa.Column("reason", sa.Text, nullable=False),
        _when("created_at", False), _when("expires_at", False), _when("ended_at"),
    )


def downgrade() -> None:
    op.drop_table("break_glass")
    op.drop_table("password_resets")
    op.drop_table("sessions")
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("uq_users_oidc", type_="unique")
        batch.drop_constraint("uq_users_login", type_="unique")
        for name in ("oidc_subject", "oidc_issuer", "password_changed_at", "password_hash",
                     "login"):
            batch.drop_column(name)
        batch.add_column(sa.Column("token_prefix", sa.String(16), nullable=True))
        batch.add_column(sa.Column("token_hash", sa.String(200), nullable=True))
    # Each user gets back their oldest live token (the others cannot fit in one column).
    op.execute(
        "UPDATE users SET token_prefix = (SELECT prefix FROM api_tokens t WHERE t.user_id = "
        "users.id AND t.revoked_at IS NULL ORDER BY created_at LIMIT 1), token_hash = "
        "(SELECT secret_hash FROM api_tokens t WHERE t.user_id = users.id AND t.revoked_at IS "
        "NULL ORDER BY created_at LIMIT 1)"
    )
    op.execute("UPDATE users SET token_prefix = id, token_hash = 'erased' "
               "WHERE token_prefix IS NULL")
    op.drop_table("api_tokens")

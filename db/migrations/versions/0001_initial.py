"""Initial schema: keys, documents, guidelines, artifacts, events, notifications.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UUID = postgresql.UUID(as_uuid=True)


def _created_at() -> sa.Column:
    return sa.Column(
        "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        _created_at(),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "documents",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("media_type", sa.String(32), nullable=False),
        _created_at(),
    )
    op.create_table(
        "guidelines",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("filename", sa.String(255), nullable=True),
        sa.Column(
            "document_sha256", sa.String(64), sa.ForeignKey("documents.sha256"), nullable=False
        ),
        sa.Column("media_type", sa.String(32), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("priority", sa.String(8), nullable=False),
        sa.Column("webhook_url", sa.Text, nullable=True),
        sa.Column("idempotency_key", sa.String(200), nullable=True),
        sa.Column("batch_id", UUID, nullable=True),
        sa.Column("workflow_id", sa.String(100), nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("progress", sa.Integer, nullable=False),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("error_message", sa.Text, nullable=True),
        _created_at(),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("owner", "idempotency_key", name="uq_guidelines_owner_idempotency_key"),
    )
    op.create_index("ix_guidelines_owner_created", "guidelines", ["owner", "created_at"])
    op.create_index("ix_guidelines_batch", "guidelines", ["batch_id"])
    op.create_index("ix_guidelines_status", "guidelines", ["status"])
    op.create_table(
        "artifacts",
        sa.Column(
            "guideline_id",
            UUID,
            sa.ForeignKey("guidelines.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("data", postgresql.JSONB, nullable=False),
        _created_at(),
    )
    op.create_table(
        "guideline_events",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column(
            "guideline_id",
            UUID,
            sa.ForeignKey("guidelines.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("progress", sa.Integer, nullable=False),
        _created_at(),
    )
    op.create_index("ix_guideline_events_guideline", "guideline_events", ["guideline_id", "id"])
    op.create_table(
        "notifications",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("idempotency_key", sa.String(200), nullable=False, unique=True),
        sa.Column(
            "guideline_id",
            UUID,
            sa.ForeignKey("guidelines.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("target", sa.Text, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("response_code", sa.Integer, nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        _created_at(),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("notifications")
    op.drop_table("guideline_events")
    op.drop_table("artifacts")
    op.drop_table("guidelines")
    op.drop_table("documents")
    op.drop_table("api_keys")

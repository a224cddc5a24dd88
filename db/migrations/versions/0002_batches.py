"""Batches, and each guideline's position in its batch.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batches",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("priority", sa.String(8), nullable=False),
        sa.Column("workflow_id", sa.String(100), nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    )
    op.add_column("guidelines", sa.Column("batch_position", sa.Integer, nullable=True))
    op.create_foreign_key("guidelines_batch_id_fkey", "guidelines", "batches", ["batch_id"], ["id"])
    op.drop_index("ix_guidelines_batch", table_name="guidelines")
    op.create_index("ix_guidelines_batch", "guidelines", ["batch_id", "batch_position"])


def downgrade() -> None:
    op.drop_index("ix_guidelines_batch", table_name="guidelines")
    op.create_index("ix_guidelines_batch", "guidelines", ["batch_id"])
    op.drop_constraint("guidelines_batch_id_fkey", "guidelines", type_="foreignkey")
    op.drop_column("guidelines", "batch_position")
    op.drop_table("batches")

"""Maintenance: reports, daily usage, watched conditions, and alerts in the notification log.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column("notifications", "guideline_id", existing_type=postgresql.UUID(), nullable=True)
    op.add_column(
        "notifications",
        sa.Column("kind", sa.String(16), server_default="guideline", nullable=False),
    )
    op.add_column("notifications", sa.Column("subject", sa.String(200), nullable=True))
    op.add_column("notifications", sa.Column("payload", postgresql.JSONB, nullable=True))
    op.create_index("ix_notifications_created", "notifications", ["created_at"])
    op.create_table(
        "maintenance_reports",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("job", sa.String(40), nullable=False),
        sa.Column("data", postgresql.JSONB, nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    )
    op.create_index("ix_maintenance_reports_job", "maintenance_reports", ["job", "id"])
    op.create_table(
        "usage_stats",
        sa.Column("owner", sa.String(200), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("guidelines", sa.Integer, nullable=False),
        sa.Column("pages", sa.Integer, nullable=False),
        sa.Column("tokens", sa.BigInteger, nullable=False),
        sa.Column("cost", sa.Numeric(14, 6), nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    )
    op.create_table(
        "condition_states",
        sa.Column("name", sa.String(80), primary_key=True),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("condition_states")
    op.drop_table("usage_stats")
    op.drop_index("ix_maintenance_reports_job", table_name="maintenance_reports")
    op.drop_table("maintenance_reports")
    op.drop_index("ix_notifications_created", table_name="notifications")
    op.execute("DELETE FROM notifications WHERE guideline_id IS NULL")
    op.drop_column("notifications", "payload")
    op.drop_column("notifications", "subject")
    op.drop_column("notifications", "kind")
    op.alter_column(
        "notifications", "guideline_id", existing_type=postgresql.UUID(), nullable=False
    )

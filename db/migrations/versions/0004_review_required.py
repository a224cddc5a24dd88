"""A guideline can ask for a clinician's sign-off whatever quality control says.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "guidelines",
        sa.Column("review_required", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.alter_column("guidelines", "review_required", server_default=None)


def downgrade() -> None:
    op.drop_column("guidelines", "review_required")

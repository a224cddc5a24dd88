"""Rate-limit tokens taken several at a time.

``api_rate_buckets.taken``: how many tokens the last statement granted, so an API process
can take a block of them at once for a busy key (db/rate_limits.py, api/ratelimit.py).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "api_rate_buckets",
        sa.Column("taken", sa.Double, nullable=False, server_default=sa.text("0")),
    )


def downgrade() -> None:
    op.drop_column("api_rate_buckets", "taken")

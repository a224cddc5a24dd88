"""An index for the newest-first listing of every owner's guidelines.

``GET /v1/guidelines`` for an admin key (no owner filter) orders the whole table by
``(created_at, id)``; without an index PostgreSQL read every row and sorted them for each
page, its CPU per page growing with the table (1.1 ms at a few thousand rows, more than the
API's own). Scanned backwards, the index gives a page of the newest rows as they are.
Building it locks writes to ``guidelines`` for as long as it takes (on a large table, run it
when the API is quiet).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_guidelines_created", "guidelines", ["created_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_guidelines_created", table_name="guidelines")

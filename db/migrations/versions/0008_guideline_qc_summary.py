"""The quality report's summary as the API shows it, on its guideline.

``guidelines.qc`` is written with the report (db/guidelines.py), so a page of
``GET /v1/guidelines`` and ``GET /v1/guidelines/{id}`` read one row each instead of loading
and validating every report; backfilled here from the stored reports, in one UPDATE of
every guideline that has one (on a large table, run it when the API is quiet).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BACKFILL = """
UPDATE guidelines AS g SET qc = jsonb_build_object(
    'outcome', a.data -> 'outcome',
    'readability', a.data -> 'readability',
    'advice_readability', a.data -> 'advice_readability',
    'chinese_readability', a.data -> 'chinese_readability',
    'findings', COALESCE(a.data -> 'findings', '[]'::jsonb)
)
FROM artifacts AS a
WHERE a.guideline_id = g.id AND a.kind = 'qc'
"""


def upgrade() -> None:
    op.add_column("guidelines", sa.Column("qc", postgresql.JSONB, nullable=True))
    op.execute(BACKFILL)


def downgrade() -> None:
    op.drop_column("guidelines", "qc")

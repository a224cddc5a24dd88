"""Submission quotas: guidelines per owner and UTC day, cost per owner and month.

Checked before a guideline or batch is stored, from the daily usage stats plus today's
live count, so a burst today is caught before the daily job has run. Two requests at the
same instant may both fit; the quota is a guard against runaway use, not an exact meter.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import ApiError
from cpg2pvg.maintenance_rules import QuotaUse, quota_breach
from cpg2pvg.settings import Settings
from db import maintenance as store


async def enforce_quota(
    session: AsyncSession, settings: Settings, owner: str, adding: int = 1
) -> None:
    """Raise ``429 quota_exceeded`` if ``adding`` more guidelines would break a quota."""
    if settings.quota_guidelines_per_day is None and settings.quota_cost_per_month is None:
        return
    now = datetime.now(UTC)
    today, cost = await store.quota_use(session, owner, now)
    breach = quota_breach(
        QuotaUse(guidelines_today=today, cost_this_month=cost),
        adding,
        per_day=settings.quota_guidelines_per_day,
        cost_per_month=settings.quota_cost_per_month,
        now=now,
    )
    if breach is not None:
        raise ApiError(
            429,
            "quota_exceeded",
            breach.message,
            {"Retry-After": str(breach.retry_after_seconds)},
        )

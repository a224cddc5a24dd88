"""Queries of the maintenance jobs: cleanup, stats, usage and quotas, conditions and alerts."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, exists, func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cpg2pvg.lifecycle import FINAL_STATUSES
from cpg2pvg.maintenance_rules import KEPT_ARTIFACT_KINDS, Known
from db import notifications
from db.models import (
    Artifact,
    ConditionState,
    Document,
    Guideline,
    MaintenanceReport,
    Notification,
    UsageStat,
)

_FINAL = [s.value for s in FINAL_STATUSES]


def _ago(days: float) -> Any:
    return func.now() - timedelta(days=days)


def _finished_before(days: float) -> Any:
    """Guidelines in a final status, finished longer than ``days`` ago: never in flight."""
    finished_at = func.coalesce(Guideline.completed_at, Guideline.updated_at)
    return Guideline.status.in_(_FINAL) & (finished_at < _ago(days))


async def cleanup_expired(
    session: AsyncSession,
    *,
    document_days: float,
    intermediate_days: float,
    notification_days: float,
) -> dict[str, int]:
    """Delete what is past its retention; return how many rows of each kind went.

    Expired guidelines are locked first (skipping any a retry holds right now), so a
    guideline that is being started again is never deleted under it.
    """
    expired = list(
        (
            await session.execute(
                select(Guideline.id)
                .where(_finished_before(document_days))
                .with_for_update(skip_locked=True)
            )
        ).scalars()
    )
    counts = {"guidelines": 0, "documents": 0, "artifacts": 0, "notifications": 0}
    if expired:
        counts["artifacts"] += await _count_deleted(
            session, delete(Artifact).where(Artifact.guideline_id.in_(expired))
        )
        counts["notifications"] += await _count_deleted(
            session, delete(Notification).where(Notification.guideline_id.in_(expired))
        )
        counts["guidelines"] = await _count_deleted(
            session, delete(Guideline).where(Guideline.id.in_(expired))
        )
    # A document goes once no guideline refers to it; the age check keeps a document that a
    # submission has just stored (its guideline row follows in the same transaction).
    counts["documents"] = await _count_deleted(
        session,
        delete(Document).where(
            Document.created_at < _ago(document_days),
            ~exists().where(Guideline.document_sha256 == Document.sha256),
        ),
    )
    intermediate = select(Guideline.id).where(_finished_before(intermediate_days))
    counts["artifacts"] += await _count_deleted(
        session,
        delete(Artifact).where(
            Artifact.kind.not_in(KEPT_ARTIFACT_KINDS), Artifact.guideline_id.in_(intermediate)
        ),
    )
    in_flight = select(Guideline.id).where(Guideline.status.not_in(_FINAL))
    counts["notifications"] += await _count_deleted(
        session,
        delete(Notification).where(
            Notification.created_at < _ago(notification_days),
            Notification.guideline_id.is_(None) | Notification.guideline_id.not_in(in_flight),
        ),
    )
    return counts


async def _count_deleted(session: AsyncSession, statement: Any) -> int:
    result = await session.execute(statement.execution_options(synchronize_session=False))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def save_report(session: AsyncSession, job: str, data: dict[str, Any]) -> None:
    session.add(MaintenanceReport(job=job, data=data))
    await session.flush()


async def latest_report(session: AsyncSession, job: str) -> MaintenanceReport | None:
    query = (
        select(MaintenanceReport)
        .where(MaintenanceReport.job == job)
        .order_by(MaintenanceReport.id.desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


# Time spent in each stage: from the event that entered it to the next event that entered
# another stage. Repeated events of one stage (a retried write, a status change within the
# stage) do not start it again. Percentiles are continuous (linear interpolation).
_STAGE_DURATIONS = text(
    """
    WITH marked AS (
        SELECT guideline_id, id, stage, created_at,
               lag(stage) OVER (PARTITION BY guideline_id ORDER BY id) AS previous_stage
        FROM guideline_events
    ), entered AS (
        SELECT stage, created_at,
               lead(created_at) OVER (PARTITION BY guideline_id ORDER BY id) AS left_at
        FROM marked
        WHERE previous_stage IS DISTINCT FROM stage
    )
    SELECT stage,
           count(*) AS n,
           percentile_cont(0.5) WITHIN GROUP (
               ORDER BY extract(epoch FROM left_at - created_at)) AS p50,
           percentile_cont(0.95) WITHIN GROUP (
               ORDER BY extract(epoch FROM left_at - created_at)) AS p95
    FROM entered
    WHERE left_at IS NOT NULL AND stage <> 'done'
    GROUP BY stage
    ORDER BY stage
    """
)


async def database_stats(session: AsyncSession) -> dict[str, Any]:
    """Counts by status and stage, stage durations (p50/p95, seconds), failure reasons."""

    async def grouped(column: Any, *where: Any) -> dict[str, int]:
        query = select(column, func.count()).where(*where).group_by(column)
        rows: Sequence[Any] = (await session.execute(query)).all()
        return {str(key): int(n) for key, n in rows}

    durations = {
        row.stage: {
            "count": int(row.n),
            "p50_seconds": float(row.p50),
            "p95_seconds": float(row.p95),
        }
        for row in (await session.execute(_STAGE_DURATIONS)).all()
    }
    return {
        "guidelines": int(
            (await session.execute(select(func.count()).select_from(Guideline))).scalar_one()
        ),
        "by_status": await grouped(Guideline.status),
        "by_stage": await grouped(Guideline.stage),
        "stage_durations": durations,
        "failure_reasons": await grouped(
            func.coalesce(Guideline.error_code, "unknown"), Guideline.status == "failed"
        ),
    }


# Usage per owner and UTC day of submission. Pages come from the parsed document (when
# the format has pages); tokens and cost from the PVG's optional "usage" object, written by
# an LLM provider ({"total_tokens" or "tokens": int, "cost": number}); 0 when absent.
_USAGE = """
    SELECT g.owner,
           (g.created_at AT TIME ZONE 'UTC')::date AS day,
           count(*) AS guidelines,
           sum(CASE WHEN jsonb_typeof(p.data->'pages') = 'number'
                    THEN (p.data->>'pages')::numeric ELSE 0 END) AS pages,
           sum(CASE WHEN jsonb_typeof(v.data->'usage'->'total_tokens') = 'number'
                    THEN (v.data->'usage'->>'total_tokens')::numeric
                    WHEN jsonb_typeof(v.data->'usage'->'tokens') = 'number'
                    THEN (v.data->'usage'->>'tokens')::numeric ELSE 0 END) AS tokens,
           sum(CASE WHEN jsonb_typeof(v.data->'usage'->'cost') = 'number'
                    THEN (v.data->'usage'->>'cost')::numeric ELSE 0 END) AS cost
    FROM guidelines g
    LEFT JOIN artifacts p ON p.guideline_id = g.id AND p.kind = 'parsed'
    LEFT JOIN artifacts v ON v.guideline_id = g.id AND v.kind = 'pvg'
    WHERE {where}
    GROUP BY 1, 2
"""


async def recompute_usage(session: AsyncSession, since: date) -> tuple[int, int]:
    """Store usage rows for every owner and day from ``since`` on; returns (owners, days)."""
    query = text(_USAGE.format(where="g.created_at >= :since")).bindparams(
        since=datetime(since.year, since.month, since.day, tzinfo=UTC)
    )
    rows = (await session.execute(query)).all()
    for row in rows:
        values = {
            "owner": row.owner,
            "day": row.day,
            "guidelines": int(row.guidelines),
            "pages": int(row.pages),
            "tokens": int(row.tokens),
            "cost": Decimal(row.cost),
        }
        statement = insert(UsageStat).values(**values)
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=[UsageStat.owner, UsageStat.day],
                set_={
                    **{k: v for k, v in values.items() if k not in ("owner", "day")},
                    "updated_at": func.now(),
                },
            )
        )
    return len({row.owner for row in rows}), len({row.day for row in rows})


async def usage_rows(session: AsyncSession, owner: str | None = None) -> list[UsageStat]:
    query = select(UsageStat).order_by(UsageStat.day, UsageStat.owner)
    if owner is not None:
        query = query.where(UsageStat.owner == owner)
    return list((await session.execute(query)).scalars())


async def quota_use(session: AsyncSession, owner: str, now: datetime) -> tuple[int, float]:
    """(guidelines submitted today, cost this month) for one owner.

    Today is counted live; earlier days of the month come from the daily usage stats.
    """
    today = now.astimezone(UTC).date()
    midnight = datetime(today.year, today.month, today.day, tzinfo=UTC)
    live = text(_USAGE.format(where="g.owner = :owner AND g.created_at >= :midnight"))
    row = (await session.execute(live.bindparams(owner=owner, midnight=midnight))).one_or_none()
    guidelines_today = int(row.guidelines) if row else 0
    cost_today = float(row.cost) if row else 0.0
    earlier = (
        await session.execute(
            select(func.coalesce(func.sum(UsageStat.cost), 0)).where(
                UsageStat.owner == owner,
                UsageStat.day >= today.replace(day=1),
                UsageStat.day < today,
            )
        )
    ).scalar_one()
    return guidelines_today, float(earlier) + cost_today


async def lock_conditions(session: AsyncSession, names: Sequence[str]) -> dict[str, Known]:
    """The stored state of these conditions, locked until the transaction ends."""
    query = select(ConditionState).where(ConditionState.name.in_(list(names))).with_for_update()
    return {
        row.name: Known(ok=row.ok, since=row.since)
        for row in (await session.execute(query)).scalars()
    }


async def save_condition(
    session: AsyncSession, name: str, known: Known, detail: str, checked_at: datetime
) -> None:
    statement = insert(ConditionState).values(
        name=name, ok=known.ok, since=known.since, detail=detail, checked_at=checked_at
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[ConditionState.name],
            set_={
                "ok": known.ok,
                "since": known.since,
                "detail": detail,
                "checked_at": checked_at,
            },
        )
    )


async def conditions(session: AsyncSession) -> list[ConditionState]:
    query = select(ConditionState).order_by(ConditionState.name)
    return list((await session.execute(query)).scalars())


async def add_alert(
    session: AsyncSession,
    *,
    idempotency_key: str,
    subject: str,
    event: str,
    channel: str,
    target: str | None,
    payload: dict[str, Any],
    delivered: bool,
) -> None:
    """Store an alert delivery once per key (a retried run adds nothing)."""
    await session.execute(
        insert(Notification)
        .values(
            id=uuid.uuid4(),
            idempotency_key=idempotency_key,
            guideline_id=None,
            kind="alert",
            subject=subject,
            event=event,
            channel=channel,
            target=target,
            status="delivered" if delivered else "pending",
            attempts=1 if delivered else 0,
            payload=payload,
            delivered_at=func.now() if delivered else None,
        )
        .on_conflict_do_nothing(index_elements=[Notification.idempotency_key])
    )


async def undelivered_alerts(
    session: AsyncSession, subjects: Sequence[str], within: timedelta
) -> list[str]:
    """Keys of recent webhook alerts about these subjects still to be tried."""
    query = (
        select(Notification.idempotency_key)
        .where(
            Notification.kind == "alert",
            Notification.channel == "webhook",
            Notification.status.not_in(notifications.FINAL),
            Notification.subject.in_(list(subjects)),
            Notification.created_at > func.now() - within,
        )
        .order_by(Notification.created_at)
    )
    return list((await session.execute(query)).scalars())


async def abandon_stale_alerts(session: AsyncSession, within: timedelta) -> int:
    """Webhook alerts no longer tried (older than ``within``) end ``abandoned``."""
    rows = await session.execute(
        update(Notification)
        .where(
            Notification.kind == "alert",
            Notification.channel == "webhook",
            Notification.status.not_in(notifications.FINAL),
            Notification.created_at <= func.now() - within,
        )
        .values(status="abandoned")
        .returning(Notification.id)
    )
    return len(rows.all())


async def lock_alert(session: AsyncSession, idempotency_key: str) -> Notification | None:
    """The alert's delivery row, locked so that two runs never post it at once."""
    query = (
        select(Notification)
        .where(Notification.idempotency_key == idempotency_key, Notification.kind == "alert")
        .with_for_update()
    )
    return (await session.execute(query)).scalar_one_or_none()


async def alerts(session: AsyncSession, subject: str | None = None) -> list[Notification]:
    query = select(Notification).where(Notification.kind == "alert")
    if subject is not None:
        query = query.where(Notification.subject == subject)
    return list((await session.execute(query.order_by(Notification.created_at))).scalars())


async def storage_probe(session: AsyncSession) -> int:
    """Read the documents table: proves document storage answers (0 or 1)."""
    query = select(func.count()).select_from(select(Document.sha256).limit(1).subquery())
    return int((await session.execute(query)).scalar_one())

"""Each schedule triggered on the dev server, and what its workflow did to the database."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import math
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cpg2pvg import contracts
from cpg2pvg.ops import schedules
from cpg2pvg.ops.local.ports import free_port
from db import guidelines as store
from db import maintenance
from db.keys import Role
from db.models import (
    Artifact,
    ConditionState,
    Document,
    Guideline,
    GuidelineEvent,
    Notification,
    UsageStat,
)
from tests.schedules.conftest import QUIET_INTERVAL, Harness
from tests.support.polling import wait_until
from tests.support.receiver import WebhookReceiver
from worker import sync_schedules

SCHEDULE_IDS = {
    contracts.CLEANUP_SCHEDULE,
    contracts.PERFORMANCE_SCHEDULE,
    contracts.DATABASE_STATS_SCHEDULE,
    contracts.USAGE_STATS_SCHEDULE,
    contracts.HEALTH_SCHEDULE,
}
NOW = datetime.now(UTC)


async def make_guideline(
    session: AsyncSession,
    owner: str,
    *,
    status: str,
    stage: str,
    content: bytes | None = None,
    error_code: str | None = None,
    age: timedelta = timedelta(0),
    artifacts: dict[str, dict[str, Any]] | None = None,
) -> Guideline:
    """A guideline in a given state, finished (or last updated) ``age`` ago."""
    guideline = await store.create_guideline(
        session,
        owner=owner,
        content=content or uuid.uuid4().bytes,
        media_type="text/markdown",
    )
    at = NOW - age
    await session.execute(
        update(Guideline)
        .where(Guideline.id == guideline.id)
        .values(
            status=status,
            stage=stage,
            error_code=error_code,
            created_at=at,
            updated_at=at,
            completed_at=at if status in ("completed", "failed", "cancelled") else None,
        )
    )
    await session.execute(
        update(Document)
        .where(Document.sha256 == guideline.document_sha256)
        .values(created_at=func.least(Document.created_at, at))
    )
    for kind, data in (artifacts or {}).items():
        # Raw JSON: only the fields the maintenance queries read.
        session.add(Artifact(guideline_id=guideline.id, kind=kind, data=data))
    await session.flush()
    return guideline


async def add_notification(
    session: AsyncSession, guideline_id: uuid.UUID | None, age: timedelta
) -> str:
    key = f"test:{uuid.uuid4()}"
    await session.execute(
        insert(Notification).values(
            id=uuid.uuid4(),
            idempotency_key=key,
            guideline_id=guideline_id,
            kind="guideline" if guideline_id else "alert",
            event="completed",
            channel="record",
            status="delivered",
            attempts=1,
            created_at=NOW - age,
        )
    )
    return key


async def wipe(session: AsyncSession) -> None:
    for table in (Notification, Artifact, GuidelineEvent, Guideline, Document, UsageStat):
        await session.execute(delete(table))


# -- the schedules themselves ------------------------------------------------------------


async def test_sync_is_idempotent_and_follows_interval_settings(harness: Harness) -> None:
    settings = harness.configure()
    client = harness.client
    # A worker restart syncs again: same five schedules, nothing to write.
    await sync_schedules(client, settings)
    assert await schedules.sync(client, settings) == {i: "unchanged" for i in SCHEDULE_IDS}

    async def ours() -> list[str] | None:
        ids = [s.id async for s in await client.list_schedules() if s.id in SCHEDULE_IDS]
        return ids if len(ids) >= len(SCHEDULE_IDS) else None

    assert sorted(await wait_until(ours, timeout=10)) == sorted(SCHEDULE_IDS)

    handle = client.get_schedule_handle(contracts.HEALTH_SCHEDULE)
    await handle.pause(note="operator pause")
    changed = harness.configure(schedule_health_seconds=2 * QUIET_INTERVAL)
    try:
        await sync_schedules(client, changed)
        described = await handle.describe()
        assert described.schedule.spec.intervals[0].every == timedelta(seconds=2 * QUIET_INTERVAL)
        assert described.schedule.state.paused, "a sync keeps an operator's pause"
        policy = described.schedule.policy
        assert policy.overlap.name == "SKIP"
        assert policy.catchup_window == timedelta(days=1)
    finally:
        await handle.unpause()
        await sync_schedules(client, harness.configure())
    described = await handle.describe()
    assert described.schedule.spec.intervals[0].every == timedelta(seconds=QUIET_INTERVAL)


async def test_schedules_over_http_are_for_admins_only(harness: Harness) -> None:
    harness.configure()
    admin = await harness.key(Role.ADMIN, "ops")
    submitter = await harness.key(Role.SUBMITTER, "someone")
    async with harness.http(submitter) as http:
        assert (await http.get("/v1/schedules")).status_code == 403
        refused = await http.post(f"/v1/schedules/{contracts.HEALTH_SCHEDULE}/trigger")
        assert refused.status_code == 403
        assert (await http.get("/v1/stats")).status_code == 403
    async with harness.http(admin) as http:
        listed = (await http.get("/v1/schedules")).json()
        assert {s["id"] for s in listed} == SCHEDULE_IDS
        assert all(s["interval_seconds"] == QUIET_INTERVAL for s in listed)
        assert all(s["next_run"] for s in listed)

        stats_id = contracts.DATABASE_STATS_SCHEDULE
        paused = (await http.post(f"/v1/schedules/{stats_id}/pause")).json()
        assert paused["paused"] is True
        unpaused = (await http.post(f"/v1/schedules/{stats_id}/unpause")).json()
        assert unpaused["paused"] is False
        triggered = await http.post(f"/v1/schedules/{stats_id}/trigger")
        assert triggered.status_code == 200

        async def finished() -> dict[str, Any] | None:
            rows = (await http.get("/v1/schedules")).json()
            row = next(s for s in rows if s["id"] == stats_id)
            return row if row["last_status"] == "COMPLETED" else None

        row = await wait_until(finished, timeout=20)
        assert row["last_run"]
        missing = await http.post("/v1/schedules/no-such-schedule/pause")
        assert missing.status_code == 404
        assert missing.json()["error"]["code"] == "not_found"


# -- cleanup-expired-results -------------------------------------------------------------


async def test_cleanup_deletes_expired_rows_and_keeps_guidelines_in_flight(
    harness: Harness,
) -> None:
    harness.configure(
        retention_document_days=90, retention_intermediate_days=7, retention_notification_days=30
    )
    results: dict[str, dict[str, Any]] = {
        "parsed": {"pages": 1},
        "pvg": {"x": 1},
        "qc": {"outcome": "pass"},
    }
    shared = b"a document two guidelines share " + uuid.uuid4().bytes
    async with harness.sessions.begin() as session:
        expired = await make_guideline(
            session, "c", status="completed", stage="done", age=timedelta(days=100),
            artifacts=results,
        )  # fmt: skip
        expired_shared = await make_guideline(
            session, "c", status="failed", stage="done", content=shared,
            age=timedelta(days=100), artifacts=results,
        )  # fmt: skip
        # In flight for 100 days (waiting for review): nothing of it may go.
        in_flight = await make_guideline(
            session, "c", status="needs_review", stage="review", content=shared,
            age=timedelta(days=100), artifacts=results,
        )  # fmt: skip
        recent = await make_guideline(
            session, "c", status="completed", stage="done", age=timedelta(days=10),
            artifacts=results,
        )  # fmt: skip
        old_alert = await add_notification(session, None, timedelta(days=40))
        new_alert = await add_notification(session, None, timedelta(days=1))
        old_note_in_flight = await add_notification(session, in_flight.id, timedelta(days=40))
        old_note_recent = await add_notification(session, recent.id, timedelta(days=40))
        await add_notification(session, expired.id, timedelta(days=1))

    report = await harness.run(contracts.CLEANUP_SCHEDULE, record_as="cleanup_expired")

    async with harness.sessions() as session:
        ids = set(
            (
                await session.execute(
                    select(Guideline.id).where(
                        Guideline.id.in_([expired.id, expired_shared.id, in_flight.id, recent.id])
                    )
                )
            ).scalars()
        )
        assert ids == {in_flight.id, recent.id}
        documents = set((await session.execute(select(Document.sha256))).scalars())
        assert expired.document_sha256 not in documents
        assert in_flight.document_sha256 in documents, "still used by a guideline in flight"
        assert recent.document_sha256 in documents

        async def kinds(gid: uuid.UUID) -> set[str]:
            query = select(Artifact.kind).where(Artifact.guideline_id == gid)
            return set((await session.execute(query)).scalars())

        assert await kinds(in_flight.id) == {"parsed", "pvg", "qc"}
        assert await kinds(recent.id) == {"pvg", "qc"}, "intermediate results expire first"
        keys = set((await session.execute(select(Notification.idempotency_key))).scalars())
        assert old_alert not in keys and old_note_recent not in keys
        assert new_alert in keys and old_note_in_flight in keys
        stored = await maintenance.latest_report(session, contracts.CLEANUP_SCHEDULE)
    assert report["guidelines"] >= 2 and report["documents"] >= 1
    assert report["artifacts"] >= 7 and report["notifications"] >= 3
    assert stored is not None and stored.data == report


# -- update-database-stats ---------------------------------------------------------------

# (status, stage, error code, [(stage entered, seconds after the start)])
KNOWN: list[tuple[str, str, str | None, list[tuple[str, float]]]] = [
    ("completed", "done", None, [("queued", 0), ("parsing", 1), ("generating", 11),
     ("quality_control", 41), ("notifying", 45), ("done", 46)]),
    ("completed", "done", None, [("queued", 0), ("parsing", 2), ("parsing", 3),
     ("generating", 22), ("quality_control", 82), ("notifying", 90), ("done", 91)]),
    ("failed", "done", "no_recommendations", [("queued", 0), ("parsing", 1),
     ("generating", 6), ("done", 7)]),
    ("processing", "parsing", None, [("queued", 0), ("parsing", 4)]),
    ("failed", "done", "corrupt_document", [("queued", 0), ("parsing", 1), ("done", 2)]),
]  # fmt: skip


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


async def test_database_stats_are_right_for_a_known_set(harness: Harness) -> None:
    harness.configure()
    start = NOW - timedelta(hours=1)
    async with harness.sessions.begin() as session:
        await wipe(session)
        for status, stage, code, events in KNOWN:
            g = await make_guideline(session, "s", status=status, stage=stage, error_code=code)
            for name, seconds in events:
                await session.execute(
                    insert(GuidelineEvent).values(
                        guideline_id=g.id,
                        status=status,
                        stage=name,
                        progress=0,
                        created_at=start + timedelta(seconds=seconds),
                    )
                )
    expected: dict[str, list[float]] = {}
    for _, _, _, events in KNOWN:
        entered = [e for i, e in enumerate(events) if i == 0 or events[i - 1][0] != e[0]]
        for (name, at), (_, left) in itertools.pairwise(entered):
            expected.setdefault(name, []).append(left - at)

    await harness.run(contracts.DATABASE_STATS_SCHEDULE, record_as="database_stats")

    admin = await harness.key(Role.ADMIN, "ops")
    async with harness.http(admin) as http:
        stats = (await http.get("/v1/stats")).json()
    assert stats["guidelines"] == 5
    assert stats["by_status"] == {"completed": 2, "failed": 2, "processing": 1}
    assert stats["by_stage"] == {"done": 4, "parsing": 1}
    assert stats["failure_reasons"] == {"no_recommendations": 1, "corrupt_document": 1}
    assert set(stats["stage_durations"]) == set(expected)
    for stage, values in expected.items():
        got = stats["stage_durations"][stage]
        assert got["count"] == len(values), stage
        assert math.isclose(got["p50_seconds"], percentile(values, 0.5), abs_tol=1e-6), stage
        assert math.isclose(got["p95_seconds"], percentile(values, 0.95), abs_tol=1e-6), stage
    assert stats["stage_durations"]["parsing"]["count"] == 4  # the repeated event is one stay


# -- update-user-usage-stats and quotas --------------------------------------------------


async def test_usage_stats_feed_quotas_and_a_breach_answers_429(harness: Harness) -> None:
    harness.configure()
    owner = f"quota-{uuid.uuid4().hex[:8]}"
    usage = {"total_tokens": 1200, "cost": 0.75}
    async with harness.sessions.begin() as session:
        for _ in range(2):
            await make_guideline(
                session, owner, status="completed", stage="done",
                artifacts={"parsed": {"pages": 3}, "pvg": {"usage": usage}},
            )  # fmt: skip
        await make_guideline(session, owner, status="processing", stage="parsing")

    await harness.run(contracts.USAGE_STATS_SCHEDULE, record_as="usage_stats")

    async with harness.sessions() as session:
        rows = await maintenance.usage_rows(session, owner)
    assert [(r.day, r.guidelines, r.pages, r.tokens, float(r.cost)) for r in rows] == [
        (NOW.date(), 3, 6, 2400, 1.5)
    ]

    key = await harness.key(Role.SUBMITTER, owner)
    upload = {"file": ("g.md", b"# A guideline\n\nAdults should walk.\n", "text/markdown")}
    harness.configure(quota_guidelines_per_day=3)
    async with harness.http(key) as http:
        refused = await http.post("/v1/guidelines", files=upload)
        assert refused.status_code == 429
        error = refused.json()["error"]
        assert error["code"] == "quota_exceeded"
        assert "3 of 3 guidelines" in error["message"]
        assert int(refused.headers["Retry-After"]) > 0
        batch = await http.post(
            "/v1/batches", files=[("files", upload["file"]), ("files", upload["file"])]
        )
        assert batch.status_code == 429

        harness.configure(quota_cost_per_month=1.0)
        refused = await http.post("/v1/guidelines", files=upload)
        assert refused.status_code == 429
        assert "monthly cost quota" in refused.json()["error"]["message"]
    async with harness.sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(Guideline).where(Guideline.owner == owner)
        )
    assert count == 3, "a refused submission stores nothing"


# -- health-check and system-performance-monitor: alerts ---------------------------------


def _verify(receiver: WebhookReceiver, secret: bytes) -> None:
    for delivery in receiver.deliveries:
        expected = "sha256=" + hmac.new(secret, delivery.body, hashlib.sha256).hexdigest()
        assert delivery.headers["x-cpg2pvg-signature"] == expected


async def test_health_check_alerts_once_on_failure_and_once_on_recovery(
    harness: Harness, receiver: WebhookReceiver
) -> None:
    closed = f"http://127.0.0.1:{free_port()}/generate"
    settings = harness.configure(admin_webhook_url=receiver.url, generation_provider_url=closed)

    first = await harness.run(contracts.HEALTH_SCHEDULE, record_as="health_check_alerting")
    failing = {c["name"] for c in first if not c["ok"]}
    assert failing == {"health:generation_provider"}
    await harness.run(contracts.HEALTH_SCHEDULE)  # still failing: the same incident
    assert len(receiver.deliveries) == 1
    alert = receiver.deliveries[0]
    assert alert.headers["x-cpg2pvg-event"] == "alert.failing"
    assert alert.json["name"] == "health:generation_provider"

    harness.configure(admin_webhook_url=receiver.url, generation_provider_url=receiver.url)
    healthy = await harness.run(contracts.HEALTH_SCHEDULE)
    assert all(c["ok"] for c in healthy)
    await harness.run(contracts.HEALTH_SCHEDULE)

    events = [d.headers["x-cpg2pvg-event"] for d in receiver.deliveries]
    assert events == ["alert.failing", "alert.recovered"]
    assert all(n == 1 for n in receiver.keys().values())
    recovered = receiver.deliveries[1].json
    assert recovered["incident_started_at"] == alert.json["incident_started_at"]
    _verify(receiver, settings.webhook_signing_key())
    async with harness.sessions() as session:
        rows = await maintenance.alerts(session, "health:generation_provider")
        state = await session.get(ConditionState, "health:generation_provider")
        report = await maintenance.latest_report(session, contracts.HEALTH_SCHEDULE)
    assert sorted((r.event, r.channel, r.status) for r in rows) == [
        ("alert.failing", "record", "delivered"),
        ("alert.failing", "webhook", "delivered"),
        ("alert.recovered", "record", "delivered"),
        ("alert.recovered", "webhook", "delivered"),
    ]
    assert state is not None and state.ok
    assert report is not None and set(report.data) == {
        "health:database",
        "health:temporal",
        "health:document_storage",
        "health:generation_provider",
        "health:notification_channels",
    }


async def test_performance_monitor_records_a_sample_and_alerts_on_a_threshold(
    harness: Harness, receiver: WebhookReceiver
) -> None:
    harness.configure(admin_webhook_url=receiver.url, alert_disk_percent=0.0)
    report = await harness.run(contracts.PERFORMANCE_SCHEDULE, record_as="performance_alerting")
    assert [c["name"] for c in report if not c["ok"]] == ["threshold:disk_percent"]
    await harness.run(contracts.PERFORMANCE_SCHEDULE)
    harness.configure(admin_webhook_url=receiver.url)
    await harness.run(contracts.PERFORMANCE_SCHEDULE)

    events = [(d.json["name"], d.json["event"]) for d in receiver.deliveries]
    assert events == [
        ("threshold:disk_percent", "alert.failing"),
        ("threshold:disk_percent", "alert.recovered"),
    ]
    async with harness.sessions() as session:
        sample = await maintenance.latest_report(session, contracts.PERFORMANCE_SCHEDULE)
    assert sample is not None
    data = sample.data
    assert 0 <= data["cpu_percent"] <= 100 and 0 < data["memory_percent"] <= 100
    assert 0 < data["disk_percent"] <= 100
    assert data["db_pool_size"] > 0 and data["db_pool_checked_out"] >= 0
    assert data["task_queue"] == "cpg2pvg-schedules"
    assert data["task_backlog"] >= 0 and data["schedule_to_start_seconds"] >= 0

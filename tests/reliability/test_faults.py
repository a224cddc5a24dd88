"""A batch of 30 corpus guidelines survives a killed worker, a Temporal restart and a
PostgreSQL outage: every guideline completes, no row is duplicated, and each webhook is
delivered exactly once by idempotency key.

Run alone with ``pytest -m faults -s`` to see the figures; they also go to
``test-artifacts/faults.json``.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from cpg2pvg.ops.local.ports import free_port
from cpg2pvg.ops.local.postgres import LocalPostgres
from cpg2pvg.ops.local.temporal import LocalTemporal
from cpg2pvg.settings import Settings
from db.migrate import upgrade
from tests.reliability.conftest import (
    Outcome,
    Rig,
    assert_exactly_once,
    assert_logs_clean,
    fault_rig,
    outcome,
    record,
)
from tests.support.polling import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.slow, pytest.mark.timeout(600)]

KILL_SEED = 20240607
RESULTS: dict[str, Any] = {}


@pytest.fixture(scope="module", autouse=True)
def _write_figures() -> Iterator[None]:
    yield
    record(RESULTS)


async def _deliveries_reach(rig: Rig, count: int, timeout: float = 240) -> None:
    async def reached() -> bool:
        return len(rig.receiver.deliveries) >= count

    await wait_until(reached, timeout=timeout, interval=0.05)


def _report(result: Outcome) -> None:
    baseline = RESULTS.get("no_faults", {}).get("seconds")
    RESULTS[result.scenario] = {**result.__dict__, "no_fault_seconds": baseline}
    print("\n" + result.line(baseline))


@pytest.fixture(scope="module")
async def baseline(
    settings: Settings, dev_server: LocalTemporal, tmp_path_factory: pytest.TempPathFactory
) -> Outcome:
    """The same batch with no faults: the time the fault scenarios are compared with."""
    rig_settings = settings.model_copy(
        update={"temporal_address": dev_server.address, "task_queue": "faults-none"}
    )
    async with fault_rig(rig_settings, tmp_path_factory.mktemp("faults"), "none") as rig:
        started = time.monotonic()
        batch_id = await rig.submit_batch()
        await rig.finished(batch_id)
        result = await outcome(rig, batch_id, "no_faults", time.monotonic() - started, [])
    _report(result)
    return result


async def test_no_faults_baseline(baseline: Outcome) -> None:
    assert_exactly_once(baseline)
    assert baseline.max_deliveries_per_key == 1


async def test_worker_sigkilled_three_times(
    baseline: Outcome, settings: Settings, dev_server: LocalTemporal, tmp_path: Path
) -> None:
    rig_settings = settings.model_copy(
        update={"temporal_address": dev_server.address, "task_queue": "faults-kill"}
    )
    chooser = random.Random(KILL_SEED)
    # Kill after a random number of deliveries, plus a random moment: mid-activity.
    thresholds = sorted(chooser.sample(range(3, 27), 3))
    faults = []
    async with fault_rig(rig_settings, tmp_path, "kill") as rig:
        started = time.monotonic()
        batch_id = await rig.submit_batch()
        for threshold in thresholds:
            await _deliveries_reach(rig, threshold)
            await asyncio.sleep(chooser.uniform(0.0, 0.4))
            at = time.monotonic() - started
            rig.worker.kill()
            faults.append(f"SIGKILL at {at:.1f}s (after {len(rig.receiver.deliveries)} POSTs)")
            rig.worker.start()
        await rig.finished(batch_id)
        result = await outcome(
            rig, batch_id, "worker_sigkill_x3", time.monotonic() - started, faults
        )
        assert rig.worker.starts == 4
        assert_logs_clean(rig.worker.log_file, rig.files)
    _report(result)
    assert_exactly_once(result)


async def test_temporal_server_restarted(
    baseline: Outcome, settings: Settings, tmp_path: Path
) -> None:
    server = LocalTemporal(tmp_path / "temporal", free_port(), free_port(), headless=True)
    await asyncio.to_thread(server.start)
    try:
        rig_settings = settings.model_copy(
            update={"temporal_address": server.address, "task_queue": "faults-temporal"}
        )
        async with fault_rig(rig_settings, tmp_path, "temporal") as rig:
            started = time.monotonic()
            batch_id = await rig.submit_batch()
            await _deliveries_reach(rig, 5)
            stopped_at = time.monotonic() - started
            await asyncio.to_thread(server.stop)
            await asyncio.sleep(3)
            await asyncio.to_thread(server.start)
            faults = [
                f"Temporal stopped at {stopped_at:.1f}s, started again after "
                f"{time.monotonic() - started - stopped_at:.1f}s (same SQLite state)"
            ]
            await rig.finished(batch_id)
            result = await outcome(
                rig, batch_id, "temporal_restart", time.monotonic() - started, faults
            )
            assert rig.worker.process is not None and rig.worker.process.poll() is None, (
                "the worker outlived the server's absence"
            )
            assert_logs_clean(rig.worker.log_file, rig.files)
    finally:
        await asyncio.to_thread(server.stop)
    _report(result)
    assert_exactly_once(result)


@pytest.fixture
async def own_postgres(tmp_path: Path) -> AsyncIterator[LocalPostgres]:
    """A PostgreSQL of this test's own: stopping the session one would break other tests."""
    server = LocalPostgres(tmp_path / "pg" / "data", free_port())
    await asyncio.to_thread(server.start)
    await asyncio.to_thread(server.ensure_database)
    await asyncio.to_thread(upgrade, server.url)
    yield server
    await asyncio.to_thread(server.stop)


async def test_postgres_down_for_twenty_seconds(
    baseline: Outcome,
    settings: Settings,
    dev_server: LocalTemporal,
    own_postgres: LocalPostgres,
    tmp_path: Path,
) -> None:
    rig_settings = settings.model_copy(
        update={
            "database_url": own_postgres.url,
            "temporal_address": dev_server.address,
            "task_queue": "faults-postgres",
        }
    )
    async with fault_rig(rig_settings, tmp_path, "postgres") as rig:
        started = time.monotonic()
        batch_id = await rig.submit_batch()
        await _deliveries_reach(rig, 5)
        stopped_at = time.monotonic() - started
        await asyncio.to_thread(own_postgres.stop)
        await asyncio.sleep(20)
        await asyncio.to_thread(own_postgres.start)
        faults = [f"PostgreSQL stopped at {stopped_at:.1f}s for 20s"]
        await rig.finished(batch_id)
        result = await outcome(
            rig, batch_id, "postgres_down_20s", time.monotonic() - started, faults
        )
        assert rig.worker.process is not None and rig.worker.process.poll() is None
        assert_logs_clean(rig.worker.log_file, rig.files)
    _report(result)
    assert_exactly_once(result)

"""An API process leaves what it made at start-up out of garbage collection and collects
its young objects less often (``CPG2PVG_API_GC_FREEZE``, ``CPG2PVG_API_GC_THRESHOLD``):
a full collection walking every module, route and model under load was a pause that each
request in flight waited out.

The app is started as uvicorn starts it (``own_logging``: the app is the process) in a
process of its own on the real embedded PostgreSQL, since the collector is the process's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cpg2pvg.ops.stack import api_command
from cpg2pvg.settings import Settings

REPO = Path(__file__).resolve().parents[2]

# Start-up and shutdown of the app, as uvicorn's lifespan runs them, with the collector's
# state read in between.
_PROCESS = """
import asyncio, gc, json, sys
from api.main import create_app

async def main():
    before = gc.get_threshold()[0]
    app = create_app(own_logging=True)
    async with app.router.lifespan_context(app):
        state = {"frozen": gc.get_freeze_count(), "threshold": gc.get_threshold()[0],
                 "threshold_before": before}
    sys.stdout.write("STATE " + json.dumps(state) + "\\n")

asyncio.run(main())
"""


def _api_process_gc(settings: Settings, **env: str) -> dict[str, int]:
    environment = {
        **os.environ,
        "CPG2PVG_DATABASE_URL": settings.sqlalchemy_url,
        "CPG2PVG_DATA_DIR": str(settings.resolved_data_dir),
        "CPG2PVG_WEBHOOK_SECRET": "test-webhook-secret",
        "CPG2PVG_PAYLOAD_CODEC": "false",
        "PYTHONPATH": str(REPO),
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", _PROCESS],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("STATE "))
    state: dict[str, int] = json.loads(line.removeprefix("STATE "))
    return state


def test_an_api_process_freezes_its_start_up_objects_and_collects_young_ones_less_often(
    settings: Settings,
) -> None:
    state = _api_process_gc(settings)
    # Modules, FastAPI's routes and Pydantic's models: hundreds of thousands of objects.
    assert state["frozen"] > 50_000
    assert state["threshold"] == Settings().api_gc_threshold == 10_000


def test_the_collector_is_left_as_the_interpreter_has_it_when_the_settings_say_so(
    settings: Settings,
) -> None:
    state = _api_process_gc(settings, CPG2PVG_API_GC_FREEZE="false", CPG2PVG_API_GC_THRESHOLD="0")
    assert state["frozen"] == 0
    assert state["threshold"] == state["threshold_before"]


def test_the_threshold_is_the_setting(settings: Settings) -> None:
    state = _api_process_gc(settings, CPG2PVG_API_GC_THRESHOLD="25000")
    assert state["threshold"] == 25_000


def test_make_run_starts_api_processes_by_the_machine_s_cores_unless_told() -> None:
    """``CPG2PVG_API_WORKERS`` unset: one API process per two cores beyond PostgreSQL's
    and Temporal's two, at least one (on two shared cores a second bought no latency)."""
    assert Settings(api_port=8123).api_workers == 0
    for cores, processes in ((1, 1), (2, 1), (4, 1), (6, 2), (8, 3), (16, 7)):
        command = api_command(Settings(api_port=8123), cores=cores)
        workers = command[command.index("--workers") + 1] if "--workers" in command else "1"
        assert workers == str(processes), cores
    assert "--workers" not in api_command(Settings(api_workers=1), cores=16)
    told = api_command(Settings(api_workers=3), cores=2)
    assert told[told.index("--workers") + 1] == "3"

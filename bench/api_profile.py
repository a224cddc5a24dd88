"""Where an API request's time goes: a cProfile of an API process under wrk, with the SQL
statements, pool checkouts and Temporal calls it makes per request.

A private stack (bench/stack.py) processes a few guidelines, its worker is paused, and a
second API app on the stack's PostgreSQL and Temporal is served by uvicorn inside this
process, profiled while wrk (bench/api_wrk.py) loads one endpoint at a time. The access log
goes through the API's own logging to a discarded stream, so its cost is in the profile.

What makes the tail is printed beside it (``tail``): garbage collections per generation
with their longest and total pause (``gc.callbacks``), the event loop's stalls (a 5 ms
ticker's lateness, and the process's CPU time meanwhile: a callback that held the loop
uses the CPU, a process waiting for a core does not) and the time requests waited for a
free pooled connection.

    .venv/bin/python -m bench.api_profile [--seconds 5] [--connections 32] [--top 25]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import io
import logging
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from pathlib import Path
from typing import Any

import uvicorn
from sqlalchemy import event
from temporalio.client import Client

from api.main import create_app
from bench.api_latency import document_50kb, worker_paused
from bench.api_wrk import _POST, MISSING, wrk
from bench.common import corpus
from bench.pipeline import _post_all, _wait_final
from bench.stack import BenchStack, bench_stack
from cpg2pvg.ops.local.ports import free_port


@contextmanager
def counted(app: Any) -> Iterator[dict[str, float]]:
    """SQL statements run through SQLAlchemy, other queries sent to PostgreSQL (asyncpg's
    query logger, which does not see SQLAlchemy's prepared statements: the reads that
    db/guidelines.py runs on the driver's connection itself, liveness pings, BEGIN, COMMIT,
    ROLLBACK), connections checked out of the app's pool and workflows started meanwhile.
    Statements plus other queries are a request's round trips to PostgreSQL. The wall
    time of statements and workflow starts (``*_wall_ms``, summed) says how much of a
    request's latency is spent waiting on SQLAlchemy's statements and on Temporal."""
    counts: dict[str, float] = {
        "statements": 0, "other_queries": 0, "checkouts": 0, "temporal_calls": 0,
        "statement_wall_ms": 0.0, "temporal_wall_ms": 0.0,
    }  # fmt: skip
    engine = app.state.cpg2pvg.engine.sync_engine
    logged: list[Any] = []

    def statement(_: Any, __: Any, ___: Any, ____: Any, context: Any, *_____: Any) -> None:
        counts["statements"] += 1
        context._bench_started = time.perf_counter()

    def statement_done(_: Any, __: Any, ___: Any, ____: Any, context: Any, *_____: Any) -> None:
        started = getattr(context, "_bench_started", None)
        if started is not None:
            counts["statement_wall_ms"] += 1000 * (time.perf_counter() - started)

    def query(_: Any) -> None:
        counts["other_queries"] += 1

    def checkout(dbapi_connection: Any, *_: Any) -> None:
        counts["checkouts"] += 1
        raw = dbapi_connection.driver_connection
        if raw not in logged:
            raw.add_query_logger(query)
            logged.append(raw)

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "after_cursor_execute", statement_done)
    event.listen(engine.pool, "checkout", checkout, insert=True)  # before any ping
    original = Client.start_workflow

    async def start_workflow(self: Client, *args: Any, **kwargs: Any) -> Any:
        counts["temporal_calls"] += 1
        started = time.perf_counter()
        try:
            return await original(self, *args, **kwargs)
        finally:
            counts["temporal_wall_ms"] += 1000 * (time.perf_counter() - started)

    Client.start_workflow = start_workflow  # type: ignore[method-assign]
    try:
        yield counts
    finally:
        Client.start_workflow = original  # type: ignore[method-assign]
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "after_cursor_execute", statement_done)
        event.remove(engine.pool, "checkout", checkout)
        for raw in logged:
            raw.remove_query_logger(query)


@contextmanager
def tail(app: Any) -> Iterator[dict[str, Any]]:
    """Garbage-collection pauses by generation, event-loop stalls over 20 ms and time
    spent waiting for a free pooled connection, while the block runs."""
    found: dict[str, Any] = {
        "gc": {g: {"count": 0, "total_ms": 0.0, "max_ms": 0.0} for g in (0, 1, 2)},
        "loop_stalls_over_20ms": 0,
        "loop_stall_max_ms": 0.0,
        "loop_stall_total_ms": 0.0,
        "loop_stall_cpu_ms": 0.0,
        "pool_waits_over_1ms": 0,
        "pool_wait_total_ms": 0.0,
    }
    started: list[float] = []

    def collected(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(time.perf_counter())
            return
        if not started:
            return
        ms = 1000 * (time.perf_counter() - started.pop())
        entry = found["gc"][info["generation"]]
        entry["count"] += 1
        entry["total_ms"] = round(entry["total_ms"] + ms, 2)
        entry["max_ms"] = round(max(entry["max_ms"], ms), 2)

    pool = app.state.cpg2pvg.engine.sync_engine.pool
    get = pool._do_get

    def timed_get() -> Any:  # runs in SQLAlchemy's greenlet: a wait for a free connection
        before = time.perf_counter()
        try:
            return get()
        finally:
            ms = 1000 * (time.perf_counter() - before)
            if ms > 1.0:
                found["pool_waits_over_1ms"] += 1
            found["pool_wait_total_ms"] = round(found["pool_wait_total_ms"] + ms, 1)

    async def ticker() -> None:
        while True:
            before, cpu = time.perf_counter(), time.process_time()
            await asyncio.sleep(0.005)
            late = 1000 * (time.perf_counter() - before) - 5.0
            if late > 20.0:
                found["loop_stalls_over_20ms"] += 1
                found["loop_stall_total_ms"] = round(found["loop_stall_total_ms"] + late, 1)
                # The process's CPU meanwhile: near the stall, a callback held the loop;
                # far below it, the process was waiting for a core (or blocked in a call).
                used = 1000 * (time.process_time() - cpu)
                found["loop_stall_cpu_ms"] = round(found["loop_stall_cpu_ms"] + used, 1)
            found["loop_stall_max_ms"] = round(max(found["loop_stall_max_ms"], late), 1)

    gc.callbacks.append(collected)
    pool._do_get = timed_get  # type: ignore[method-assign]
    ticking = asyncio.get_running_loop().create_task(ticker())
    try:
        yield found
    finally:
        ticking.cancel()
        del pool._do_get  # the class's own again
        gc.callbacks.remove(collected)


def by_package(stats: pstats.Stats, requests: int) -> dict[str, float]:
    """Own CPU time (tottime) summed by top-level package, per request: which layer's
    code a request pays for (the framework, the driver, the event loop, ours)."""
    totals: dict[str, float] = {}
    for (filename, _, name), row in stats.stats.items():  # type: ignore[attr-defined]
        tottime = row[2]
        if "site-packages/" in filename:
            package = filename.split("site-packages/")[1].split("/")[0]
        elif "/lib/python3" in filename:
            package = "stdlib:" + filename.rsplit("/", 1)[-1].removesuffix(".py")
        elif filename == "~":
            package = "builtin:" + name.split("'")[1] if "'" in name else "builtin"
        else:
            package = "ours:" + Path(filename).parent.name
        totals[package] = totals.get(package, 0.0) + tottime
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    return {k: round(1000 * v / requests, 3) for k, v in ranked[:14]}


async def profile(stack: BenchStack, ids: list[str], body: Path, args: argparse.Namespace) -> None:
    settings = stack.settings().model_copy(
        update={"db_port": stack.db_port, "rate_limit_per_minute": 10_000_000}
    )
    app = create_app(settings, own_logging=True)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, port=port, lifespan="on", log_config=None))
    serving = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 (uvicorn's Server has no started event)
        await asyncio.sleep(0.05)
    base = f"http://127.0.0.1:{port}/v1/guidelines"
    endpoints = [
        ("GET by id", f"{base}/{ids[0]}", ""),
        ("GET list (limit 20)", f"{base}?limit=20", ""),
        ("POST 50 KB", base, _POST % {"path": str(body)}),
    ]
    await asyncio.to_thread(wrk, f"{base}?limit=1", "", 4, 2)  # warm-up
    try:
        for name, url, script in endpoints:
            # CPU time, not wall time: on a shared machine a function preempted mid-call
            # would otherwise be charged for other processes' turns.
            profiler = cProfile.Profile(time.process_time)
            with counted(app) as counts, tail(app) as tails:
                profiler.enable()
                measured = await asyncio.to_thread(wrk, url, script, args.connections, args.seconds)
                profiler.disable()
            n = max(1, measured["requests"])
            per = {k: round(v / n, 2) for k, v in counts.items()}
            print(
                f"\n=== {name}: {measured['requests_per_second']} req/s, p99 "
                f"{measured['p99_ms']} ms; per request: {per}",
                file=sys.__stdout__,
            )
            print(f"tail: {tails}", file=sys.__stdout__)
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            print(f"CPU by package (ms per request): {by_package(stats, n)}", file=sys.__stdout__)
            stats.sort_stats("tottime").print_stats(args.top)
            stats.sort_stats("cumulative").print_stats(args.top)
            print(out.getvalue(), file=sys.__stdout__)
    finally:
        server.should_exit = True
        await serving


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="per endpoint")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--top", type=int, default=25, help="functions shown per table")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print(MISSING)
        return
    with tempfile.TemporaryDirectory() as tmp:
        body = Path(tmp) / "body.md"
        body.write_bytes(document_50kb())
        with bench_stack() as stack:
            ids = _post_all(stack, corpus()[:8], 4)
            _wait_final(stack, ids, 900)
            with worker_paused(stack, True), redirect_stderr(io.StringIO()) as sink:
                logging.getLogger("uvicorn.access").setLevel(logging.INFO)
                asyncio.run(profile(stack, ids, body, args))
                sink.truncate(0)


if __name__ == "__main__":
    main()

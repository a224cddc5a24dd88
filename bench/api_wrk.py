"""API latency under load from a compiled generator (wrk), so the load takes little CPU.

32 connections (``--connections``) on a private local stack, one endpoint at a time:
``GET /v1/guidelines/{id}``, ``GET /v1/guidelines?limit=20`` and ``POST /v1/guidelines``
with a 50 KB document (a different one each request). The stack first processes a few
guidelines so the reads find rows; then the worker is paused (SIGSTOP), as in
bench/api_latency.py, so the figures are the API's (and PostgreSQL's and, for the POST,
Temporal's) rather than the worker's. Goals: p99 ≤ 100 ms for the reads, ≤ 250 ms for
the POST.

    .venv/bin/python -m bench.api_wrk [--seconds 10] [--connections 32]

Before/after in one run (``--variant``, twice or more): each variant is an API of its own
on the same stack's PostgreSQL and Temporal, started from a source tree (``dir=``, e.g. a
``git archive`` of the code before a change; the checkout by default) with its own
processes (``processes=``) and settings (``CPG2PVG_…=`` values); the variants take turns
on each endpoint, their order reversed every round (``--rounds``), so a change in the
machine's load falls on all of them alike. Ratios are against the first variant:

    .venv/bin/python -m bench.api_wrk --rounds 3 --variant before,dir=/tmp/old --variant after

Needs Debian's ``wrk`` (apt-get install -y wrk); without it the run says so and stops.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

from bench.api_latency import document_50kb, worker_paused
from bench.common import corpus, load_line, machine, save, table
from bench.pipeline import _post_all, _wait_final
from bench.stack import BENCH_KEY, ROOT, BenchStack, bench_stack
from cpg2pvg.ops.local.ports import free_port

GOALS_MS = {"GET by id": 100.0, "GET list (limit 20)": 100.0, "POST 50 KB": 250.0}
MISSING = "api_wrk: wrk is not installed; on Debian/Ubuntu: apt-get install -y wrk"

# Percentiles and counts as one JSON line, so nothing depends on wrk's table layout.
_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "non_2xx_or_errors": %d, "seconds": %.3f, '
    .. '"p50_ms": %.2f, "p90_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\\n',
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout,
    summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(90) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3))
end
"""

# Each POST a different document (a counter in its first line), so none is a duplicate.
_POST = """
local body = io.open(%(path)r, "rb"):read("*a")
local boundary = "cpg2pvgbenchboundary"
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
request = function()
  n = n + 1
  local doc = "# Benchmark document " .. tostring(math.random(1, 1e9)) .. "-" .. n .. "\\n" .. body
  local payload = "--" .. boundary .. "\\r\\n"
    .. 'Content-Disposition: form-data; name="file"; filename="bench.md"\\r\\n'
    .. "Content-Type: text/markdown\\r\\n\\r\\n" .. doc .. "\\r\\n--" .. boundary .. "--\\r\\n"
  return wrk.format(nil, nil, nil, payload)
end
"""


def wrk(url: str, script: str, connections: int, seconds: int) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script + _DONE)
    command = [
        "wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
        "-H", f"Authorization: Bearer {BENCH_KEY}", "-s", lua.name, url,
    ]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    Path(lua.name).unlink()
    found = re.search(r"^RESULT (\{.*\})$", out, re.MULTILINE)
    if found is None:
        raise RuntimeError(f"wrk printed no result:\n{out}")
    result: dict[str, Any] = json.loads(found.group(1))
    result["requests_per_second"] = round(result["requests"] / result["seconds"], 1)
    return result


@dataclass(frozen=True)
class Variant:
    """An API to measure beside others: its code, its processes, its settings."""

    label: str
    source: Path = ROOT
    processes: int = 1
    env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, spec: str) -> Variant:
        """``label[,dir=PATH][,processes=N][,CPG2PVG_NAME=VALUE…]``"""
        label, *options = spec.split(",")
        source, processes, env = ROOT, 1, {}
        for option in options:
            name, _, value = option.partition("=")
            if name == "dir":
                source = Path(value).resolve()
            elif name == "processes":
                processes = int(value)
            elif name.startswith("CPG2PVG_"):
                env[name] = value
            else:
                raise SystemExit(f"api_wrk: unknown variant option {option!r}")
        return cls(label, source, processes, env)


def _stack_api_env(stack: BenchStack) -> dict[str, str]:
    """The environment the stack gave its API (database URL, Temporal, codec token)."""
    for proc in psutil.Process(stack.process.pid).children(recursive=True):
        with suppress(psutil.NoSuchProcess):
            if "uvicorn" in proc.cmdline():
                return dict(proc.environ())
    raise RuntimeError("the stack has no API process")


@contextmanager
def variant_api(stack: BenchStack, variant: Variant, log: Path) -> Iterator[tuple[str, int]]:
    """The variant's API on a free port: (its URL, its process id)."""
    port = free_port()
    env = {**_stack_api_env(stack), **variant.env}
    env.update(CPG2PVG_API_PORT=str(port), PYTHONPATH=str(variant.source))
    command = [sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1"]
    command += ["--port", str(port)]
    if variant.processes > 1:
        command += ["--workers", str(variant.processes)]
    with log.open("ab") as out:
        process = subprocess.Popen(command, cwd=variant.source, env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            with suppress(httpx.HTTPError):
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"variant {variant.label!r} did not start; see {log}")
            time.sleep(0.3)
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _cpu_seconds(pid: int) -> float:
    """CPU time so far of a process and its children (uvicorn's --workers)."""
    root = psutil.Process(pid)
    total = 0.0
    for proc in [root, *root.children(recursive=True)]:
        with suppress(psutil.NoSuchProcess):
            times = proc.cpu_times()
            total += times.user + times.system
    return total


def _endpoints(base: str, guideline_id: str, body: Path) -> list[tuple[str, str, str]]:
    return [
        ("GET by id", f"{base}/{guideline_id}", ""),
        ("GET list (limit 20)", f"{base}?limit=20", ""),
        ("POST 50 KB", base, _POST % {"path": str(body)}),
    ]


def _server_cpu(stack: BenchStack) -> tuple[float, float]:
    """CPU time so far of the stack's PostgreSQL (its postmaster runs detached, started by
    pg_ctl, so it is found by its data dir) and of its Temporal server."""
    postgres = 0.0
    data_dir = str(stack.data_dir / "postgres")
    for proc in psutil.process_iter(["cmdline"]):
        if data_dir in (proc.info["cmdline"] or []):
            postgres = _cpu_seconds(proc.pid)
            break
    return postgres, stack.cpu_seconds().get("temporal", 0.0)


def compare(args: argparse.Namespace, body: Path) -> dict[str, Any]:
    """The variants in turn on each endpoint, ``args.rounds`` times; medians and ratios."""
    variants = [Variant.parse(spec) for spec in args.variant]
    with bench_stack() as stack, tempfile.TemporaryDirectory() as logs:
        docs = (corpus() * (1 + args.rows // 90))[: args.rows]
        ids = _post_all(stack, docs, 4)
        _wait_final(stack, ids, 900)
        with worker_paused(stack, True), ExitStack() as started:
            apis = [
                started.enter_context(variant_api(stack, v, Path(logs) / f"{v.label}.log"))
                for v in variants
            ]
            for url, _ in apis:
                wrk(f"{url}/v1/guidelines?limit=1", "", 4, 2)  # warm-up: connections, caches
            runs: list[dict[str, Any]] = []
            for round_no in range(args.rounds):
                for name, *_ in _endpoints("", "", body):
                    order = list(range(len(variants)))
                    if round_no % 2:
                        order.reverse()
                    for i in order:
                        url, pid = apis[i]
                        _, target, script = next(
                            e
                            for e in _endpoints(f"{url}/v1/guidelines", ids[0], body)
                            if e[0] == name
                        )
                        cpu, servers = _cpu_seconds(pid), _server_cpu(stack)
                        measured = wrk(target, script, args.connections, args.seconds)
                        cpu = _cpu_seconds(pid) - cpu
                        after = _server_cpu(stack)
                        n = max(1, measured["requests"])
                        pg, tmp = (a - b for a, b in zip(after, servers, strict=True))
                        runs.append({
                            "round": round_no + 1, "endpoint": name,
                            "variant": variants[i].label,
                            "req/s": measured["requests_per_second"],
                            "p50_ms": measured["p50_ms"], "p99_ms": measured["p99_ms"],
                            "errors": measured["non_2xx_or_errors"],
                            "api_cpu_ms": round(1000 * cpu / n, 2),
                            # What the request costs the servers on the same two cores.
                            "pg_cpu_ms": round(1000 * pg / n, 2),
                            "temporal_cpu_ms": round(1000 * tmp / n, 2),
                            "load_1min": round(os.getloadavg()[0], 2),
                        })  # fmt: skip
    summary = []
    for name, *_ in _endpoints("", "", body):
        first: dict[str, float] = {}
        for v in variants:
            mine = [r for r in runs if r["endpoint"] == name and r["variant"] == v.label]
            row = {
                "endpoint": name, "variant": v.label,
                "p99_ms": statistics.median(r["p99_ms"] for r in mine),
                "req/s": statistics.median(r["req/s"] for r in mine),
                "api_cpu_ms": statistics.median(r["api_cpu_ms"] for r in mine),
                "pg_cpu_ms": statistics.median(r["pg_cpu_ms"] for r in mine),
                "temporal_cpu_ms": statistics.median(r["temporal_cpu_ms"] for r in mine),
                "goal_p99_ms": GOALS_MS[name],
            }  # fmt: skip
            first = first or row
            row["p99_ratio"] = round(row["p99_ms"] / first["p99_ms"], 3)
            row["req/s_ratio"] = round(row["req/s"] / first["req/s"], 3)
            row["cpu_ratio"] = round(row["api_cpu_ms"] / first["api_cpu_ms"], 3)
            summary.append(row)
    return {"runs": runs, "medians": summary}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="per endpoint")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rows", type=int, default=40, help="guidelines processed first")
    parser.add_argument("--api-workers", type=int, default=1, help="CPG2PVG_API_WORKERS")
    parser.add_argument(
        "--variant", action="append", default=[],
        help="label[,dir=PATH][,processes=N][,CPG2PVG_NAME=VALUE...]; twice or more to compare",
    )  # fmt: skip
    parser.add_argument("--rounds", type=int, default=1, help="turns of every variant")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print(MISSING)
        return {"skipped": MISSING}
    if args.variant:
        with tempfile.TemporaryDirectory() as tmp:
            body = Path(tmp) / "body.md"
            body.write_bytes(document_50kb())
            load_before = machine()
            compared = compare(args, body)
        compared["machine"] = load_before
        compared["machine"]["load_avg_after"] = machine()["load_avg_1_5_15"]
        save("api_wrk_compare", compared)
        title = f"API under wrk, {args.connections} connections, {args.seconds} s each"
        print(table(f"{title}: every run", compared["runs"]))
        print(
            table(
                f"{title}: medians of {args.rounds} round(s), ratios to the first",
                compared["medians"],
            )
        )
        print(
            f"  load average before/after: {load_before['load_avg_1_5_15']} / "
            f"{compared['machine']['load_avg_after']}"
        )
        return compared
    result: dict[str, Any] = {
        "machine": machine(),
        "connections": args.connections,
        "api_workers": args.api_workers,
    }
    with tempfile.TemporaryDirectory() as tmp:
        body = Path(tmp) / "body.md"
        body.write_bytes(document_50kb())
        with bench_stack({"CPG2PVG_API_WORKERS": str(args.api_workers)}) as stack:
            docs = (corpus() * (1 + args.rows // 90))[: args.rows]
            ids = _post_all(stack, docs, 4)
            _wait_final(stack, ids, 900)
            base = f"{stack.api_url}/v1/guidelines"
            endpoints = [
                ("GET by id", f"{base}/{ids[0]}", ""),
                ("GET list (limit 20)", f"{base}?limit=20", ""),
                ("POST 50 KB", base, _POST % {"path": str(body)}),
            ]
            rows = []
            with worker_paused(stack, True):
                wrk(f"{base}?limit=1", "", 4, 2)  # warm-up: connections, caches
                for name, url, script in endpoints:
                    api_cpu = stack.cpu_seconds().get("api", 0.0)
                    measured = wrk(url, script, args.connections, args.seconds)
                    api_cpu = stack.cpu_seconds().get("api", 0.0) - api_cpu
                    goal = GOALS_MS[name]
                    rows.append(
                        {
                            "endpoint": name,
                            "req/s": measured["requests_per_second"],
                            "p50_ms": measured["p50_ms"],
                            "p90_ms": measured["p90_ms"],
                            "p99_ms": measured["p99_ms"],
                            "goal_p99_ms": goal,
                            "met": measured["p99_ms"] <= goal,
                            "errors": measured["non_2xx_or_errors"],
                            # The API process's CPU per answer: what its code costs,
                            # less swayed by the machine's load than the latencies.
                            "api_cpu_ms": round(1000 * api_cpu / max(1, measured["requests"]), 2),
                        }
                    )
            cpu = stack.cpu_seconds()
    result["endpoints"] = rows
    result["cpu_seconds_of_stack"] = {k: round(v, 1) for k, v in cpu.items()}
    result["machine"]["load_avg_after"] = machine()["load_avg_1_5_15"]
    save("api_wrk", result)
    title = f"API under wrk, {args.connections} connections, {args.seconds} s each"
    print(table(f"{title}, {args.api_workers} API process(es)", rows))
    print(load_line(result['machine']))
    return result


if __name__ == "__main__":
    main()

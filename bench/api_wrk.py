"""API latency under load from a compiled generator (wrk), so the load takes little CPU.

32 connections (``--connections``) on a private local stack, one endpoint at a time:
``GET /v1/guidelines/{id}``, ``GET /v1/guidelines?limit=20`` and ``POST /v1/guidelines``
with a 50 KB document (a different one each request). The stack first processes a few
guidelines so the reads find rows; then the worker is paused (SIGSTOP), as in
bench/api_latency.py, so the figures are the API's (and PostgreSQL's and, for the POST,
Temporal's) rather than the worker's. Goals: p99 ≤ 100 ms for the reads, ≤ 250 ms for
the POST.

    .venv/bin/python -m bench.api_wrk [--seconds 10] [--connections 32]

Needs Debian's ``wrk`` (apt-get install -y wrk); without it the run says so and stops.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from bench.api_latency import document_50kb, worker_paused
from bench.common import corpus, machine, save, table
from bench.pipeline import _post_all, _wait_final
from bench.stack import BENCH_KEY, bench_stack

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


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="per endpoint")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rows", type=int, default=40, help="guidelines processed first")
    parser.add_argument("--api-workers", type=int, default=1, help="CPG2PVG_API_WORKERS")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print(MISSING)
        return {"skipped": MISSING}
    result: dict[str, Any] = {
        "machine": machine(), "connections": args.connections, "api_workers": args.api_workers
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
                            "api_cpu_ms": round(
                                1000 * api_cpu / max(1, measured["requests"]), 2
                            ),
                        }
                    )
            cpu = stack.cpu_seconds()
    result["endpoints"] = rows
    result["cpu_seconds_of_stack"] = {k: round(v, 1) for k, v in cpu.items()}
    result["machine"]["load_avg_after"] = machine()["load_avg_1_5_15"]
    save("api_wrk", result)
    title = f"API under wrk, {args.connections} connections, {args.seconds} s each"
    print(table(f"{title}, {args.api_workers} API process(es)", rows))
    print(
        f"  load average before/after: {result['machine']['load_avg_1_5_15']} / "
        f"{result['machine']['load_avg_after']}"
    )
    return result


if __name__ == "__main__":
    main()

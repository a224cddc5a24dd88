"""Orchestration overhead: corpus guidelines in a plain loop (a) and through Temporal (b).

Both use ``CPG2PVG_WORKER_PROCESSES`` spawned processes for the stage functions; (b) posts
every guideline on its own (``POST /v1/guidelines``, one workflow each) to a private local
stack with file-backed Temporal state. b/a near 1 means durability costs little.

    .venv/bin/python -m bench.overhead [--limit N] [--variant NAME ...]

With several ``--variant``s (bench/worker_variants.py) each runs on a fresh stack, side by
side with the same plain loop, to measure a worker change before making it.
"""

from __future__ import annotations

import argparse
from typing import Any

from bench.common import corpus, machine, save, table
from bench.pipeline import plain_loop, temporal_pipeline
from bench.stack import bench_stack
from cpg2pvg.settings import get_settings


def run(limit: int | None, variants: list[str], extra_env: dict[str, str]) -> dict[str, Any]:
    docs = corpus(limit)
    processes = int(extra_env.get("CPG2PVG_WORKER_PROCESSES", get_settings().worker_processes))
    result: dict[str, Any] = {"machine": machine(), "documents": len(docs)}
    plain = plain_loop(docs, processes)
    runs = []
    for variant in variants:
        with bench_stack(
            extra_env, worker_variant=None if variant == "worker.py" else variant
        ) as s:
            temporal = temporal_pipeline(s, docs)
        temporal["variant"] = variant
        temporal["ratio_b_over_a"] = round(
            temporal["guidelines_per_second"] / plain["guidelines_per_second"], 3
        )
        runs.append(temporal)
    plain_again = plain_loop(docs, processes)  # the load may have changed meanwhile
    result.update(plain=plain, plain_after=plain_again, temporal=runs)
    result["machine"]["load_avg_after"] = machine()["load_avg_1_5_15"]
    return result


def print_result(result: dict[str, Any]) -> None:
    rows = [
        {"runner": r["runner"], "guidelines/s": r["guidelines_per_second"], "seconds": r["seconds"]}
        for r in (result["plain"], result["plain_after"])
    ]
    rows += [
        {
            "runner": f"temporal ({r['variant']})",
            "guidelines/s": r["guidelines_per_second"],
            "seconds": r["seconds"],
            "b/a": r["ratio_b_over_a"],
        }
        for r in result["temporal"]
    ]
    for row in rows:
        row.setdefault("b/a", None)
    print(table(f"orchestration overhead: {result['documents']} corpus guidelines", rows))
    print(
        table(
            "worker metrics per run (mean ms)",
            [{"variant": r["variant"], **r["worker"]} for r in result["temporal"]],
        )
    )
    print(
        table(
            "CPU seconds per part of the stack during each run",
            [{"variant": r["variant"], **r["cpu_seconds"]} for r in result["temporal"]],
        )
    )
    print(
        f"  load average before/after: {result['machine']['load_avg_1_5_15']} / "
        f"{result['machine']['load_avg_after']}"
    )


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="the first N corpus files")
    parser.add_argument(
        "--variant",
        action="append",
        help="worker variant (bench/worker_variants.py); 'worker.py' is the real worker",
    )
    parser.add_argument("--processes", type=int, help="CPG2PVG_WORKER_PROCESSES for both")
    args = parser.parse_args(argv)
    env = {"CPG2PVG_WORKER_PROCESSES": str(args.processes)} if args.processes else {}
    result = run(args.limit, args.variant or ["worker.py"], env)
    save("overhead", result)
    print_result(result)
    return result


if __name__ == "__main__":
    main()

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

from bench.common import corpus, load_line, machine, save, table
from bench.noop_chain import guideline_history, noop_chain
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
            # Temporal's own floor first, on the same server with as many workflows at once.
            floor = noop_chain(s, len(docs))
            temporal = temporal_pipeline(s, docs)
            temporal.update(guideline_history(s, temporal.pop("ids")))
        temporal["variant"] = variant
        temporal["noop"] = floor
        temporal["ratio_b_over_noop"] = round(
            temporal["guidelines_per_second"] / floor["workflows_per_second"], 3
        )
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
    floor_rows = []
    for r in result["temporal"]:
        noop, cpu = r["noop"], r["cpu_ms_per_guideline"]
        floor_rows += [
            {
                "run": f"no-op chain ({r['variant']})",
                "per_second": noop["workflows_per_second"],
                "ratio": None,
                "events": noop["history_events"],
                "upserts": noop["stage_upserts"],
                "visibility_writes": noop["visibility_writes"],
                "cpu_ms": ", ".join(f"{k} {v}" for k, v in noop["cpu_ms_per_workflow"].items()),
            },
            {
                "run": f"pipeline ({r['variant']})",
                "per_second": r["guidelines_per_second"],
                "ratio": r["ratio_b_over_noop"],
                "events": r["history_events"],
                "upserts": r["stage_upserts"],
                "visibility_writes": r["visibility_writes"],
                "cpu_ms": ", ".join(f"{k} {v}" for k, v in sorted(cpu.items()) if v),
            },
        ]
    print(
        table(
            "pipeline vs Temporal's floor, per workflow (target: ratio ≥ 0.9; CPU ms by process)",
            floor_rows,
        )
    )
    print(
        table(
            "per guideline: history bytes, PostgreSQL commits and rows written",
            [
                {
                    "variant": r["variant"],
                    "history_bytes": r["history_bytes"],
                    "no-op history_bytes": r["noop"]["history_bytes"],
                    **r["db_per_guideline"],
                }
                for r in result["temporal"]
            ],
        )
    )
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
    print(load_line(result['machine']))


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

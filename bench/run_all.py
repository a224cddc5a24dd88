"""Every benchmark in one run, so the ratios come from the same machine at the same time.

    .venv/bin/python -m bench.run_all [--limit N] [--batch-items 500] [--variant NAME ...]

(``make bench`` runs this.) Writes each benchmark's JSON to bench/results/ and a summary to
bench/results/run_all.json. The issue's 10,000-item batch is its own, longer command:
``.venv/bin/python -m bench.batch_scale --items 10000``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python bench/run_all.py` as well as `python -m bench.run_all`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import api_latency, api_wrk, batch_scale, celery_chain, llm_batch, overhead, recovery
from bench.common import corpus, load_line, machine, save, table
from cpg2pvg.settings import get_settings


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="corpus files (default: all)")
    parser.add_argument("--batch-items", type=int, default=500)
    parser.add_argument("--api-requests", type=int, default=200)
    parser.add_argument("--variant", action="append", help="worker variants for (b)")
    parser.add_argument("--llm-guidelines", type=int, default=200)
    args = parser.parse_args(argv)
    summary: dict[str, Any] = {"machine": machine()}

    variants = args.variant or ["worker.py"]
    over = overhead.run(args.limit, variants, {})
    save("overhead", over)
    overhead.print_result(over)
    summary["overhead"] = {r["variant"]: r["ratio_b_over_a"] for r in over["temporal"]}
    summary["pipeline_over_noop_chain"] = {
        r["variant"]: r["ratio_b_over_noop"] for r in over["temporal"]
    }

    reason = celery_chain.missing()
    if reason:
        print(reason, file=sys.stderr)
        summary["celery"] = reason
    else:
        docs = corpus(args.limit)
        # Both durable, as the comparison asks: Redis appends to its log (fsync every second),
        # as Temporal's SQLite fsyncs its write-ahead log at checkpoints.
        celery = celery_chain.celery_chains(docs, get_settings().worker_processes, aof=True)
        result = {"machine": machine(), "documents": len(docs), "celery": celery}
        result["temporal"] = over["temporal"][0]
        result["ratio_b_over_c"] = round(
            over["temporal"][0]["guidelines_per_second"] / celery["guidelines_per_second"], 3
        )
        save("celery_chain", result)
        celery_chain.print_result(result)
        summary["ratio_b_over_c"] = result["ratio_b_over_c"]

    # Realistic generation: a model answering in 3 s, 16 at once, beside Celery with the same.
    generation = llm_batch.run(args.llm_guidelines, 16, 3.0)
    save("llm_batch", generation)
    llm_batch.print_result(generation)
    summary["llm_batch_ratio_to_ideal"] = generation["temporal"]["ratio_to_ideal"]
    summary["llm_batch_temporal_over_celery"] = generation.get(
        "ratio_temporal_over_celery", generation.get("celery")
    )

    latency = api_latency.main(["--requests", str(args.api_requests)])
    summary["api_p99_ms_32_clients"] = {
        row["endpoint"]: row["p99_ms"] for row in latency["levels"] if row["clients"] == 32
    }
    loaded = api_wrk.main([])
    summary["api_wrk_p99_ms_32_connections"] = {
        row["endpoint"]: row["p99_ms"] for row in loaded.get("endpoints", [])
    } or loaded.get("skipped")
    failed = []
    # A step that times out (a busy machine) is reported; the figures before it still print.
    try:
        rec = recovery.main([])
        summary["recovery"] = {
            "seconds_until_activity_ran_again": rec["seconds_until_activity_ran_again"],
            "activity_executions_redone": rec["activity_executions_redone"],
        }
    except (TimeoutError, RuntimeError) as error:
        summary["recovery"] = f"failed: {error}"
        failed.append("recovery")
    try:
        batch = batch_scale.main(["--items", str(args.batch_items)])
        summary["batch_items_per_second"] = batch["items_per_second"]
    except (TimeoutError, RuntimeError) as error:
        summary["batch_items_per_second"] = f"failed: {error}"
        failed.append("batch_scale")

    summary["machine"]["load_avg_after"] = machine()["load_avg_1_5_15"]
    save("run_all", summary)
    rows = [{"figure": k, "value": v} for k, v in summary.items() if k != "machine"]
    targets = (
        "b/no-op ≥ 0.9, b/c ≥ 1, language-model batch ≥ 0.9 of ideal and ≥ 1 × Celery, "
        "API p99 ≤ 100 ms (POST ≤ 250), recovery ≤ 15 s"
    )
    print(table(f"summary (targets: {targets})", rows))
    print(load_line(summary['machine']))
    if failed:
        raise SystemExit(f"run_all: {', '.join(failed)} did not finish")
    return summary


if __name__ == "__main__":
    main()

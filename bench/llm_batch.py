"""Realistic generation: a batch of short guidelines against a language model that answers
in a fixed time, through the pipeline and through a Celery chain, in the same run.

An OpenAI-compatible stub (tests/support/llm_stub.py) listens on 127.0.0.1 and answers the
project's real prompts with a valid answer in the requested schema after ``--delay``
seconds. The local stack runs with ``CPG2PVG_GENERATOR=openai`` pointed at it, and the
guidelines go in as one ``POST /v1/batches``; timed from the POST to the last guideline's
final update. ``--concurrency`` is how many model requests are open at once: the worker's
slots on the language-model queue (``CPG2PVG_LLM_MAX_CONCURRENT_REQUESTS``); the batch runs
``--children`` guidelines at once (``CPG2PVG_BATCH_MAX_CONCURRENCY``, twice the slots unless
given), so the slots are not left idle while a guideline is parsed or checked. With each
guideline one request (every chosen guideline fits one part), the ideal rate is
concurrency / delay. Beside it: parse → language model → quality control as a Celery
chain on Redis (append-only file, as in bench/celery_chain.py), a prefork worker with
``--concurrency`` processes, the same guidelines and the same stub.

    .venv/bin/python -m bench.llm_batch [--guidelines 200] [--concurrency 16] [--delay 3]
                                        [--children 32] [--no-celery] [--rate 50]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from temporalio.api.enums.v1 import EventType
from temporalio.client import Client

from bench import celery_chain
from bench.common import load_line, machine, save, table
from bench.noop_chain import guideline_history
from bench.pipeline import _post_all, _wait_final, worker_figures
from bench.stack import BenchStack, bench_stack
from cpg2pvg.contracts import guideline_workflow_id
from tests.support.corpus import short_guidelines
from tests.support.llm_stub import LlmStub, answered_offline

MODEL = "bench-stub-model"


def llm_guidelines(count: int) -> list[tuple[str, bytes]]:
    """Short corpus guidelines of one request each whose stub answer passes quality
    control, so every one completes without a reviewer and costs exactly one answer."""
    return short_guidelines(count, lambda parsed: answered_offline(parsed, MODEL))


class InFlight:
    """Samples the stub's requests in flight while a run lasts (mean occupancy)."""

    def __init__(self, stub: LlmStub, every: float = 0.05) -> None:
        self.stub, self.every = stub, every
        self.samples: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.samples.append(self.stub.in_flight)

    @contextmanager
    def during(self) -> Iterator[InFlight]:
        self.stub.reset_peak()
        self._thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            self._thread.join()

    def figures(self) -> dict[str, float]:
        n = max(1, len(self.samples))
        return {
            "stub_peak_in_flight": self.stub.peak,
            "stub_mean_in_flight": round(sum(self.samples) / n, 2),
        }


def _rate(runner: str, n: int, seconds: float, concurrency: int, delay: float) -> dict[str, Any]:
    rate = n / seconds
    ideal = concurrency / delay
    return {
        "runner": runner,
        "guidelines": n,
        "seconds": round(seconds, 2),
        "guidelines_per_second": round(rate, 3),
        "ideal_per_second": round(ideal, 3),
        "ratio_to_ideal": round(rate / ideal, 3),
        # Little's law: each slot's guideline took this long on average, the model's
        # answer included; the rest is parse, quality control and orchestration.
        "seconds_per_guideline_per_slot": round(concurrency * seconds / n, 2),
    }


_E = EventType


async def _timelines(stack: BenchStack, guideline_ids: list[str]) -> dict[str, float]:
    """Mean seconds per phase of a child run, from its history: each activity's wait on its
    queue (scheduled → started) and run (started → completed), the workflow's own steps
    between them (an activity completed → the next scheduled), and start → first step and
    last step → close. Where a child's time outside the model goes."""
    client = await Client.connect(stack.temporal_address)
    totals: dict[str, float] = {}
    for gid in guideline_ids:
        history = await client.get_workflow_handle(guideline_workflow_id(gid)).fetch_history()
        names: dict[int, str] = {}
        first = history.events[0].event_time.ToDatetime()
        mark, steps = first, 0
        for event in history.events:
            at = event.event_time.ToDatetime()
            kind = event.event_type
            if kind == _E.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
                name = event.activity_task_scheduled_event_attributes.activity_type.name
                names[event.event_id] = name
                phase = "start → first activity" if steps == 0 else "workflow between activities"
                totals[phase] = totals.get(phase, 0.0) + (at - mark).total_seconds()
                mark, steps = at, steps + 1
            elif kind == _E.EVENT_TYPE_ACTIVITY_TASK_STARTED:
                name = names[event.activity_task_started_event_attributes.scheduled_event_id]
                totals[f"{name} wait"] = totals.get(f"{name} wait", 0.0) + (
                    at - mark).total_seconds()
                mark = at
            elif kind == _E.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
                name = names[event.activity_task_completed_event_attributes.scheduled_event_id]
                totals[f"{name} run"] = totals.get(f"{name} run", 0.0) + (
                    at - mark).total_seconds()
                mark = at
            elif kind == _E.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
                totals["last activity → close"] = (
                    totals.get("last activity → close", 0.0) + (at - mark).total_seconds())
                totals["total"] = totals.get("total", 0.0) + (at - first).total_seconds()
    n = max(1, len(guideline_ids))
    return {phase: round(value / n, 3) for phase, value in totals.items()}


async def _refill(stack: BenchStack, workflow_id: str, children: int) -> dict[str, float]:
    """How long a freed child slot stays empty: the k-th child to close against the start of
    the (children + k)-th child in the batch's history (command sent, then child running)."""
    client = await Client.connect(stack.temporal_address)
    history = await client.get_workflow_handle(workflow_id).fetch_history()
    closed, initiated, started = [], [], []
    for event in history.events:
        at = event.event_time.ToDatetime()
        if event.event_type == _E.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED:
            closed.append(at)
        elif event.event_type == _E.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED:
            initiated.append(at)
        elif event.event_type == _E.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED:
            started.append(at)
    pairs = list(zip(closed, initiated[children:], started[children:], strict=False))
    n = max(1, len(pairs))
    return {
        "batch_events": len(history.events),
        "closed_to_start_sent": round(sum((i - c).total_seconds() for c, i, _ in pairs) / n, 3),
        "closed_to_child_running": round(sum((s - c).total_seconds() for c, _, s in pairs) / n, 3),
    }


def _submit_batch(stack: BenchStack, docs: list[tuple[str, bytes]]) -> tuple[str, str]:
    """The batch's id and workflow id."""
    with stack.client() as http:
        files = [("files", (name, content, "text/markdown")) for name, content in docs]
        response = http.post("/v1/batches", files=files)
        response.raise_for_status()
        accepted = response.json()
        return str(accepted["id"]), str(accepted["workflow_id"])


def _wait_batch(stack: BenchStack, batch_id: str, timeout: float) -> list[dict[str, Any]]:
    """Until no item is queued or processing; then every guideline row of the batch."""
    deadline = time.monotonic() + timeout
    with stack.client() as http:
        while True:
            batch = http.get(f"/v1/batches/{batch_id}").raise_for_status().json()
            if batch["queued"] == 0 and batch["processing"] == 0:
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"batch unfinished after {timeout:.0f} s: {batch}")
            time.sleep(0.5)
        ids = [item["guideline_id"] for item in batch["items"]]
        while batch.get("next_items"):
            batch = http.get(batch["next_items"]).raise_for_status().json()
            ids += [item["guideline_id"] for item in batch["items"]]
        return [http.get(f"/v1/guidelines/{gid}").raise_for_status().json() for gid in ids]


def temporal_batch(
    stub: LlmStub, docs: list[tuple[str, bytes]], warm: list[tuple[str, bytes]],
    concurrency: int, delay: float, rate_limit: float, children: int, timeout: float = 900,
    variant: str | None = None,
) -> dict[str, Any]:
    """The batch through the local stack, timed from the POST to the last final update."""
    env = {
        "CPG2PVG_GENERATOR": "openai",
        "CPG2PVG_LLM_BASE_URL": stub.base_url,
        "CPG2PVG_LLM_MODEL": MODEL,
        # The provider's limit, which the stub does not have: above the ideal rate.
        "CPG2PVG_LLM_REQUESTS_PER_SECOND": str(rate_limit),
        "CPG2PVG_LLM_MAX_CONCURRENT_REQUESTS": str(concurrency),
        "CPG2PVG_BATCH_MAX_CONCURRENCY": str(children),
    }
    with bench_stack(env, worker_variant=variant) as stack:
        _wait_final(stack, _post_all(stack, warm, len(warm)), 300)  # pool and connections
        requests_before = stub.count
        before, cpu_before = stack.worker_metrics(), stack.cpu_seconds()
        with InFlight(stub).during() as flight:
            wall_start = time.time()
            batch_id, batch_workflow = _submit_batch(stack, docs)
            posted = time.time() - wall_start
            rows = _wait_batch(stack, batch_id, timeout)
        cpu_after = stack.cpu_seconds()
        after = stack.worker_metrics()
        requests = stub.count - requests_before
        ids = [str(r["id"]) for r in rows]
        history = guideline_history(stack, ids)
        timeline = asyncio.run(_timelines(stack, ids))
        refill = asyncio.run(_refill(stack, batch_workflow, children))
    last = max(datetime.fromisoformat(r["updated_at"]).timestamp() for r in rows)
    statuses: dict[str, int] = {}
    for row in rows:
        statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    cpu = {part: cpu_after[part] - cpu_before.get(part, 0.0) for part in cpu_after}
    return {
        **_rate("temporal batch", len(rows), last - wall_start, concurrency, delay),
        **flight.figures(),
        "post_seconds": round(posted, 2),
        "statuses": statuses,
        "stub_requests_per_guideline": round(requests / max(1, len(rows)), 2),
        "events_per_child": history["history_events"],
        "child_history": history,
        "child_seconds_by_phase": timeline,
        "batch_refill_seconds": refill,
        "worker": worker_figures(before, after),
        "cpu_ms_per_guideline": {
            part: round(1000 * value / max(1, len(rows)), 1) for part, value in cpu.items()
        },
    }


def celery_batch(
    stub: LlmStub, docs: list[tuple[str, bytes]], warm: list[tuple[str, bytes]],
    concurrency: int, delay: float,
) -> dict[str, Any]:
    """parse → language model → quality as one Celery chain per guideline, all sent at
    once to a prefork worker of ``concurrency`` processes; timed until the last result."""
    env = {"CPG2PVG_LLM_BASE_URL": stub.base_url, "CPG2PVG_LLM_MODEL": MODEL}
    with celery_chain.redis_server(aof=True) as url:
        send = celery_chain.chain_sender(url, "generate_llm")
        with celery_chain.celery_worker(url, concurrency, env) as worker:
            warming = [send(*doc) for doc in warm]
            for result in warming:
                if worker.poll() is not None:
                    raise RuntimeError("the Celery worker exited; see its log in /tmp")
                result.get(timeout=300)  # every process up and warm
            requests_before = stub.count
            with InFlight(stub).during() as flight:
                started = time.perf_counter()
                results = [send(*doc) for doc in docs]
                outcomes = [r.get(timeout=900)["outcome"] for r in results]
                seconds = time.perf_counter() - started
            requests = stub.count - requests_before
            # Results unsubscribe when collected: let that happen while Redis is still up.
            del result
            warming.clear()
            results.clear()
            gc.collect()
    statuses: dict[str, int] = {}
    for outcome in outcomes:
        statuses[outcome] = statuses.get(outcome, 0) + 1
    return {
        **_rate("celery chain", len(docs), seconds, concurrency, delay),
        **flight.figures(),
        "statuses": statuses,
        "stub_requests_per_guideline": round(requests / max(1, len(docs)), 2),
    }


def run(
    guidelines: int, concurrency: int, delay: float, *, celery: bool = True,
    rate_limit: float = 50.0, log: Callable[[str], None] = print, variant: str | None = None,
    children: int | None = None,
) -> dict[str, Any]:
    children = children or 2 * concurrency
    chosen = llm_guidelines(guidelines + concurrency)
    docs, warm = chosen[:guidelines], chosen[guidelines:]
    result: dict[str, Any] = {
        "machine": machine(), "guidelines": len(docs), "concurrency": concurrency,
        "batch_children": children, "delay_seconds": delay, "llm_requests_per_second": rate_limit,
        "worker": variant or "worker.py",
    }
    stub = LlmStub(delay=delay)
    try:
        log(f"llm_batch: {len(docs)} guidelines, concurrency {concurrency}, {delay} s answers")
        result["temporal"] = temporal_batch(
            stub, docs, warm[:2], concurrency, delay, rate_limit, children, variant=variant
        )
        reason = celery_chain.missing() if celery else "not asked for"
        if reason:
            result["celery"] = reason
        else:
            result["celery"] = celery_batch(stub, docs, warm, concurrency, delay)
            result["ratio_temporal_over_celery"] = round(
                result["temporal"]["guidelines_per_second"]
                / result["celery"]["guidelines_per_second"], 3,
            )
    finally:
        stub.close()
    result["machine"]["load_avg_after"] = machine()["load_avg_1_5_15"]
    return result


def print_result(result: dict[str, Any]) -> None:
    columns = (
        "runner", "guidelines/s", "ideal", "ratio", "seconds", "peak", "mean in flight",
        "s per slot", "requests each", "events per child",
    )
    rows = []
    for r in (result["temporal"], result.get("celery")):
        if not isinstance(r, dict):
            continue
        values = (
            r["runner"], r["guidelines_per_second"], r["ideal_per_second"], r["ratio_to_ideal"],
            r["seconds"], r["stub_peak_in_flight"], r["stub_mean_in_flight"],
            r["seconds_per_guideline_per_slot"], r["stub_requests_per_guideline"],
            r.get("events_per_child"),
        )
        rows.append(dict(zip(columns, values, strict=True)))
    title = (
        f"language model answering in {result['delay_seconds']} s: {result['guidelines']} "
        f"guidelines, {result['concurrency']} model requests at once "
        f"({result.get('batch_children')} children), {result['worker']} "
        f"(target: ratio ≥ 0.9, peak = "
        f"{result['concurrency']}, temporal/celery ≥ 1)"
    )
    print(table(title, rows))
    for r in (result["temporal"], result.get("celery")):
        if isinstance(r, dict):
            peak, allowed = r["stub_peak_in_flight"], result["concurrency"]
            verdict = "reached, never exceeded" if peak == allowed else (
                "EXCEEDED" if peak > allowed else "never reached")
            print(f"  {r['runner']}: the stub's peak {peak} of {allowed} at once: {verdict}")
    temporal = result["temporal"]
    print(f"  temporal statuses {temporal['statuses']}; CPU ms per guideline "
          f"{temporal['cpu_ms_per_guideline']}")
    print(f"  temporal worker {temporal['worker']}")
    print(f"  temporal child run, mean seconds by phase {temporal['child_seconds_by_phase']}")
    print(f"  temporal batch: a freed slot refilled after {temporal['batch_refill_seconds']}")
    if isinstance(result.get("celery"), dict):
        print(f"  celery outcomes {result['celery']['statuses']}")
        print(f"  temporal/celery = {result['ratio_temporal_over_celery']}")
    else:
        print(f"  celery: {result.get('celery')}")
    print(load_line(result['machine']))


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--guidelines", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--delay", type=float, default=3.0, help="seconds per answer")
    parser.add_argument("--rate", type=float, default=50.0,
                        help="CPG2PVG_LLM_REQUESTS_PER_SECOND (the provider's limit)")
    parser.add_argument("--children", type=int,
                        help="guidelines of the batch at once (default: twice --concurrency)")
    parser.add_argument("--no-celery", action="store_true")
    parser.add_argument("--variant", help="a worker variant (bench/worker_variants.py)")
    args = parser.parse_args(argv)
    result = run(args.guidelines, args.concurrency, args.delay, celery=not args.no_celery,
                 rate_limit=args.rate, variant=args.variant, children=args.children)
    save("llm_batch", result)
    print_result(result)
    return result


if __name__ == "__main__":
    main()

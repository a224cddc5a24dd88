"""The same guidelines as a Celery chain on Redis (c), next to the Temporal pipeline (b).

parse → generate → quality as one chain per guideline, ``acks_late``, a prefork worker with
``CPG2PVG_WORKER_PROCESSES`` processes. The bench starts and stops its own Redis
(Debian's ``redis-server``, no persistence unless ``--aof``) and Celery worker on free ports.
Needs the bench extra: ``.venv/bin/pip install -e '.[bench]'``.

    .venv/bin/python -m bench.celery_chain [--limit N] [--no-temporal]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.common import corpus, machine, save, table
from bench.pipeline import WARM_UP, temporal_pipeline
from bench.stack import ROOT, bench_stack
from cpg2pvg.ops.local.ports import free_port, wait_for_port
from cpg2pvg.settings import get_settings

MISSING_REDIS = (
    "celery_chain: redis-server is not installed; on Debian/Ubuntu: apt-get install -y "
    "redis-server (the benchmark starts its own on a free port)"
)
MISSING_CELERY = "celery_chain: Celery is not installed; .venv/bin/pip install -e '.[bench]'"


def missing() -> str | None:
    """Why the Celery comparison cannot run here, or None."""
    if shutil.which("redis-server") is None:
        return MISSING_REDIS
    try:
        import celery  # noqa: F401
        import redis  # noqa: F401
    except ImportError:
        return MISSING_CELERY
    return None


@contextmanager
def redis_server(aof: bool) -> Iterator[str]:
    """A private Redis on 127.0.0.1 and a free port, in a temporary folder."""
    port = free_port()
    folder = tempfile.mkdtemp(prefix="cpg2pvg-redis-")
    args = ["--port", str(port), "--bind", "127.0.0.1", "--dir", folder, "--save", ""]
    args += ["--appendonly", "yes", "--appendfsync", "everysec"] if aof else ["--appendonly", "no"]
    process = subprocess.Popen(
        ["redis-server", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for_port("127.0.0.1", port, 30)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def celery_worker(
    url: str, processes: int, extra_env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "CPG2PVG_BENCH_REDIS_URL": url, **(extra_env or {})}
    cmd = [sys.executable, "-m", "celery", "-A", "bench.celery_app", "worker", "--pool=prefork"]
    cmd += [f"--concurrency={processes}", "--prefetch-multiplier=1", "-O", "fair"]
    cmd += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "warning"]
    log = Path(tempfile.mkstemp(prefix="cpg2pvg-celery-", suffix=".log")[1])
    with log.open("wb") as out:
        process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=out)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def chain_sender(url: str, generate_task: str) -> Callable[[str, bytes], Any]:
    """Send one guideline as parse → ``generate_task`` → quality on the Celery app at
    ``url``; the document travels as latin-1 text, losslessly."""
    from celery import chain

    from bench import celery_app

    app = celery_app.app
    app.conf.broker_url = app.conf.result_backend = url
    # Each run starts its own Redis, but the app keeps its result backend and broker pools
    # from the first: a second run in one process (``make bench``) would still talk to the
    # Redis the first one stopped.
    app._backend_cache = None
    if hasattr(app._local, "backend"):
        del app._local.backend
    app.amqp._producer_pool = None
    app._pool = None
    settings = get_settings()
    limits = (settings.max_pdf_pages, settings.max_expanded_bytes)
    generate = getattr(celery_app, generate_task)

    def send(name: str, content: bytes) -> Any:
        return chain(
            celery_app.parse.s(content.decode("latin-1"), name, "auto", *limits),
            generate.s(),
            celery_app.quality.s(),
        ).apply_async()

    return send


def celery_chains(docs: list[tuple[str, bytes]], processes: int, aof: bool = False) -> dict:
    """(c) One chain per guideline, all sent at once; timed until the last result arrives."""
    with redis_server(aof) as url:
        os.environ["CPG2PVG_BENCH_REDIS_URL"] = url
        send = chain_sender(url, "generate")
        with celery_worker(url, processes) as worker:
            for result in [send(*WARM_UP) for _ in range(processes)]:
                if worker.poll() is not None:
                    raise RuntimeError("the Celery worker exited; see its log in /tmp")
                result.get(timeout=300)  # the worker is up and its processes warm
            started = time.perf_counter()
            results = [send(name, content) for name, content in docs]
            for result in results:
                result.get(timeout=1800)
            seconds = time.perf_counter() - started
    return {
        "runner": "celery",
        "guidelines": len(docs),
        "seconds": round(seconds, 2),
        "guidelines_per_second": round(len(docs) / seconds, 3),
        "processes": processes,
        "redis_persistence": "aof everysec" if aof else "none",
    }


def main(argv: list[str] | None = None) -> dict[str, Any] | None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="the first N corpus files")
    parser.add_argument("--aof", action="store_true", help="Redis append-only file, everysec")
    parser.add_argument("--no-temporal", action="store_true", help="only the Celery run")
    parser.add_argument("--variant", help="worker variant for the Temporal run")
    args = parser.parse_args(argv)
    reason = missing()
    if reason:
        print(reason, file=sys.stderr)
        return None
    docs = corpus(args.limit)
    processes = get_settings().worker_processes
    result: dict[str, Any] = {"machine": machine(), "documents": len(docs)}
    result["celery"] = celery_chains(docs, processes, args.aof)
    rows = [result["celery"]]
    if not args.no_temporal:
        with bench_stack(worker_variant=args.variant) as stack:
            result["temporal"] = temporal_pipeline(stack, docs)
        result["temporal"]["variant"] = args.variant or "worker.py"
        result["ratio_b_over_c"] = round(
            result["temporal"]["guidelines_per_second"] / result["celery"]["guidelines_per_second"],
            3,
        )
        rows.append(result["temporal"])
    save("celery_chain", result)
    print_result(result)
    return result


def print_result(result: dict[str, Any]) -> None:
    rows = [
        {"runner": r["runner"], "guidelines/s": r["guidelines_per_second"], "seconds": r["seconds"]}
        for r in (result["celery"], result.get("temporal"))
        if r
    ]
    print(table(f"against Celery: {result['documents']} corpus guidelines", rows))
    if "ratio_b_over_c" in result:
        print(f"  b/c = {result['ratio_b_over_c']}")


if __name__ == "__main__":
    main()

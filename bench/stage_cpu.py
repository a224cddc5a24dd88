"""CPU time of the stage functions the worker's pool runs, per corpus guideline.

The activities hand each document to ``activities.cpu`` (parse, offline generation, quality
control) and the API renders the stored patient version as Markdown and HTML; storing an
artifact dumps its model to JSON. This script runs the same functions in one process over
the corpus and prints the CPU milliseconds (user + system of this process) of each stage:
the median per guideline and the total over the corpus. It prints figures, never a verdict:
run it on two commits to compare them.

``--profile`` adds cProfile's top 25 functions by cumulative and by own time over one more
pass. ``--dump DIR`` writes every stage's output (parsed guideline, PVG JSON, Markdown and
HTML, draft and final, QC report) per guideline, so that ``diff -r`` of two commits' dumps
shows whether a change altered any result.

    .venv/bin/python -m bench.stage_cpu [--rounds R] [--limit N] [--profile] [--dump DIR]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import multiprocessing
import pstats
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from activities.cpu import generate_offline, parse, quality
from domain.formats import Limits
from domain.render import to_html, to_markdown

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "guidelines"
STAGES = ("parse", "generate", "quality", "render")
LIMITS = Limits()


def _cpu() -> float:
    return time.process_time()


def _run_one(content: bytes, name: str, times: dict[str, list[float]] | None) -> dict[str, str]:
    """One guideline through every stage; its outputs by file name."""
    clock: list[float] = [_cpu()]

    def lap(stage: str) -> None:
        now = _cpu()
        if times is not None:
            times[stage].append((now - clock[0]) * 1000)
        clock[0] = now

    parsed = parse(content, name, "en", LIMITS.max_pages, LIMITS.max_expanded_bytes)
    lap("parse")
    pvg = generate_offline(parsed, {})
    lap("generate")
    report = quality(parsed, pvg)
    lap("quality")
    outputs = {
        "parsed.json": parsed.model_dump_json(indent=1),
        "pvg.json": pvg.model_dump_json(indent=1),
        "qc.json": report.model_dump_json(indent=1),
        "pvg.md": to_markdown(pvg),
        "pvg.draft.md": to_markdown(pvg, True),
        "pvg.html": to_html(pvg),
        "pvg.draft.html": to_html(pvg, True),
    }
    lap("render")
    return outputs


def _corpus(limit: int | None) -> list[tuple[str, bytes]]:
    files = sorted(CORPUS.glob("*.md"))[:limit]
    return [(path.name, path.read_bytes()) for path in files]


def _round(docs: list[tuple[str, bytes]]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {stage: [] for stage in STAGES}
    for name, content in docs:
        _run_one(content, name, times)
    return times


def _measure(docs: list[tuple[str, bytes]], rounds: int) -> dict[str, list[float]]:
    """Per guideline, the fastest of ``rounds`` runs of each stage (the least disturbed by
    other work on a shared machine). Each round runs in a new process, as a new pool worker
    would: what one guideline leaves in a cache helps another only as much as in the pool."""
    best: dict[str, list[float]] = {stage: [float("inf")] * len(docs) for stage in STAGES}
    spawn = multiprocessing.get_context("spawn")
    for _ in range(rounds):
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
            times = pool.submit(_round, docs).result()
        for stage in STAGES:
            best[stage] = [min(a, b) for a, b in zip(best[stage], times[stage], strict=True)]
    return best


def _print_table(best: dict[str, list[float]]) -> None:
    count = len(next(iter(best.values())))
    print(f"CPU ms per stage over {count} guidelines (fastest of the rounds per guideline)")
    print(f"{'stage':<10}{'median':>10}{'mean':>10}{'total':>12}")
    per_doc = [sum(values) for values in zip(*best.values(), strict=True)]
    for stage, values in (*best.items(), ("all", per_doc)):
        print(
            f"{stage:<10}{statistics.median(values):>10.1f}"
            f"{statistics.fmean(values):>10.1f}{sum(values):>12.1f}"
        )


def _profile(docs: list[tuple[str, bytes]]) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for name, content in docs:
        _run_one(content, name, None)
    profiler.disable()
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(25)
        print(f"\n--- top 25 by {order} ---")
        print(out.getvalue().split("\n\n", 1)[-1].strip())


def _dump(docs: list[tuple[str, bytes]], folder: Path) -> None:
    for name, content in docs:
        target = folder / Path(name).stem
        target.mkdir(parents=True, exist_ok=True)
        for file, text in _run_one(content, name, None).items():
            (target / file).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dump", type=Path, default=None)
    args = parser.parse_args(argv)
    docs = _corpus(args.limit)
    actions: list[Callable[[], Any]] = []
    if args.dump is not None:
        actions.append(lambda: _dump(docs, args.dump))
    else:
        actions.append(lambda: _print_table(_measure(docs, args.rounds)))
    if args.profile:
        actions.append(lambda: _profile(docs))
    for action in actions:
        action()


if __name__ == "__main__":
    main()

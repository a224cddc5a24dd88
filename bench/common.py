"""What every benchmark shares: the corpus, percentiles, the machine's load, tables, JSON."""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path
from typing import Any

import psutil

RESULTS = Path(__file__).resolve().parent / "results"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "guidelines"


def corpus(limit: int | None = None) -> list[tuple[str, bytes]]:
    """The shared corpus's guidelines (name, bytes), in name order; ``limit`` takes the first."""
    if not CORPUS.is_dir():
        raise SystemExit(f"the shared corpus is not at {CORPUS}")
    files = sorted(CORPUS.glob("*.md"))[:limit]
    return [(f.name, f.read_bytes()) for f in files]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def machine() -> dict[str, Any]:
    """What the figures were taken on, and how busy it was (other test suites share it)."""
    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "load_avg_1_5_15": [round(x, 2) for x in os.getloadavg()],
        "taken_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def load_line(taken: dict[str, Any]) -> str:
    """How busy the machine was before and after a run (``machine()`` plus its
    ``load_avg_after``): every benchmark prints it under its table."""
    return f"  load average before/after: {taken['load_avg_1_5_15']} / {taken['load_avg_after']}"


def save(name: str, result: dict[str, Any]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2, default=str))
    return path


def table(title: str, rows: list[dict[str, Any]]) -> str:
    """A plain fixed-width table; the first row's keys are the columns."""
    if not rows:
        return f"\n{title}\n  (no rows)"
    columns = list(rows[0])
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = [
        f"\n{title}",
        "  " + "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)),
    ]
    lines += ["  " + "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"
    return "-" if value is None else str(value)

"""Mutation score per module from mutmut's result files (``mutants/**/*.meta``).

Killed counts mutants that a test failed on, that timed out, or that the type checker
caught; everything else (survived, no tests, suspicious, not checked) counts against the
score. Exits non-zero when a module, or the whole, is under the goal.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import sys
from pathlib import Path

GOAL = 90.0
KILLED = {1, 3, 24, -24, 152, 255, 36, 37}
SURVIVED = {0}
NOT_RUN = {None}


def selected(name: str, only: list[str] | None) -> bool:
    """Whether a mutant is among those named by ``--only`` (mutmut's globs); all when None."""
    return only is None or any(fnmatch.fnmatchcase(name, pattern) for pattern in only)


def module_counts(meta: Path, only: list[str] | None = None) -> tuple[int, int, int, int]:
    """(killed, survived, other, total) for one module's result file."""
    by_name = json.loads(meta.read_text())["exit_code_by_key"]
    codes = [code for name, code in by_name.items() if selected(name, only)]
    killed = sum(code in KILLED for code in codes)
    survived = sum(code in SURVIVED for code in codes)
    total = len(codes)
    return killed, survived, total - killed - survived, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("mutants"))
    parser.add_argument("--goal", type=float, default=GOAL)
    parser.add_argument("--only", nargs="+", metavar="GLOB",
                        help="count only these mutants (the globs given to `mutmut run`), "
                             "for a run of some functions")
    args = parser.parse_args(argv)
    metas = sorted(args.root.rglob("*.py.meta"))
    if not metas:
        print(f"no mutmut results under {args.root}: run `make mutation` first", file=sys.stderr)
        return 2
    rows: list[tuple[str, int, int, int, int]] = []
    for meta in metas:
        name = str(meta.relative_to(args.root)).removesuffix(".meta")
        counts = module_counts(meta, args.only)
        if counts[3]:
            rows.append((name, *counts))
    rows.append(("all", sum(r[1] for r in rows), sum(r[2] for r in rows),
                 sum(r[3] for r in rows), sum(r[4] for r in rows)))
    print(f"{'module':<26}{'killed':>8}{'survived':>10}{'other':>7}{'total':>7}{'score':>9}")
    below = []
    for name, killed, survived, other, total in rows:
        percent = 100.0 * killed / total if total else 100.0
        print(f"{name:<26}{killed:>8}{survived:>10}{other:>7}{total:>7}{percent:>8.1f}%")
        if percent < args.goal:
            below.append(name)
    if below:
        print(f"under {args.goal:.0f} %: {', '.join(below)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

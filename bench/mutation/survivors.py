"""List the mutants that survived the last ``make mutation`` run, one line each.

Each line gives the module, the line of the source file the mutation is on, and the change
(``-`` the original, ``+`` the mutant), followed by the reason recorded for it in
bench/mutation/SURVIVORS.md when there is one. A survivor without a reason is either a
gap in the tests (write a test that kills it) or needs its reason written down.

    .venv/bin/python -m bench.mutation.survivors            # every survivor
    .venv/bin/python -m bench.mutation.survivors --missing  # those without a reason
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from mutmut.mutation.diff_apply import get_diff_for_mutant

from bench.mutation.score import selected

SURVIVORS_MD = Path(__file__).with_name("SURVIVORS.md")
NOT_KILLED = {0, 5, 33, None}  # survived, no tests, not checked


def survivors(root: Path = Path("mutants"),
              only: list[str] | None = None) -> list[tuple[str, str]]:
    """(module path, mutant name) of every mutant that no test killed (of those ``only``
    names, when given)."""
    out = []
    for meta in sorted(root.rglob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        module = str(meta.relative_to(root)).removesuffix(".meta")
        out += [(module, name) for name, code in sorted(codes.items())
                if code in NOT_KILLED and selected(name, only)]
    return out


def describe(module: str, name: str) -> tuple[int, str]:
    """(line in the source, 'original -> mutant') of one mutant."""
    diff = get_diff_for_mutant(name, path=module).splitlines()
    removed = [d[1:].strip() for d in diff if d.startswith("-") and not d.startswith("---")]
    added = [d[1:].strip() for d in diff if d.startswith("+") and not d.startswith("+++")]
    source = Path(module).read_text(encoding="utf-8").splitlines()
    line = next((i for i, text in enumerate(source, 1) if removed and text.strip() == removed[0]),
                0)
    return line, f"`{' '.join(removed)}` -> `{' '.join(added)}`"


def recorded_reasons() -> dict[str, str]:
    """Mutant name -> reason, from the tables in SURVIVORS.md.

    A row's first cell names one mutant or several of the same kind (``a``, ``b``); its last
    cell is the reason.
    """
    if not SURVIVORS_MD.exists():
        return {}
    reasons = {}
    for row in SURVIVORS_MD.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[-1]:
            continue
        for name in re.findall(r"`(domain\.[\w.]+)`", cells[0]):
            reasons[name] = cells[-1]
    return reasons


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--missing", action="store_true", help="only survivors without a reason")
    parser.add_argument("--module", help="only this module, e.g. parsing")
    parser.add_argument("--only", nargs="+", metavar="GLOB",
                        help="only these mutants (the globs given to `mutmut run`)")
    args = parser.parse_args(argv)
    reasons = recorded_reasons()
    missing = 0
    for module, name in survivors(only=args.only):
        if args.module and module != f"domain/{args.module}.py":
            continue
        reason = reasons.get(name, "")
        missing += not reason
        if args.missing and reason:
            continue
        line, change = describe(module, name)
        print(f"| `{name}` | {module} | {line} | {change} | {reason} |")
    return 1 if args.missing and missing else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Medical words left unexplained on each corpus patient page, and the QC outcomes beside them.

Every corpus guideline goes through parse → generate → quality control as the worker does;
the words :mod:`domain.unexplained` finds are counted per page. Writes
``bench/results/unexplained_terms.json``; with ``--before`` an earlier such file, prints the
change page by page.

    .venv/bin/python -m bench.unexplained_terms [--before FILE] [--top N]
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import Counter
from pathlib import Path

from domain.generation import OfflineProvider
from domain.parsing import parse_guideline
from domain.quality import check_quality
from domain.unexplained import unexplained

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "guidelines"
RESULT = ROOT / "bench" / "results" / "unexplained_terms.json"


def measure() -> tuple[dict[str, list[str]], dict[str, str]]:
    """The unexplained words and the QC outcome of each corpus page."""
    terms: dict[str, list[str]] = {}
    outcomes: dict[str, str] = {}
    for path in sorted(CORPUS.glob("*.md")):
        guideline = parse_guideline(path.read_bytes(), path.name)
        pvg = OfflineProvider().generate(guideline)
        terms[path.stem] = [u.term for u in unexplained(pvg)]
        outcomes[path.stem] = check_quality(guideline, pvg).outcome.value
    return terms, outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="an earlier unexplained_terms.json")
    parser.add_argument("--top", type=int, default=30, help="most frequent words to list")
    args = parser.parse_args()
    terms, outcomes = measure()
    counts = [len(t) for t in terms.values()]
    print(f"{len(terms)} pages: {sum(counts)} unexplained words, median "
          f"{statistics.median(counts)} a page, max {max(counts)}, "
          f"{counts.count(0)} pages with none; QC {dict(Counter(outcomes.values()))}")
    words = Counter(t.lower() for page in terms.values() for t in page)
    print("most frequent:", ", ".join(f"{w} ({n})" for w, n in words.most_common(args.top)))
    if args.before:
        old = json.loads(args.before.read_text(encoding="utf-8"))
        old_terms, old_outcomes = old["terms"], old["outcomes"]
        print(f"before → after: {sum(len(old_terms.get(k, [])) for k in terms)} → "
              f"{sum(counts)} unexplained words; QC {dict(Counter(old_outcomes.values()))} → "
              f"{dict(Counter(outcomes.values()))}")
        for name in terms:
            was, now = len(old_terms.get(name, [])), len(terms[name])
            moved = old_outcomes.get(name) != outcomes[name]
            if was != now or moved:
                print(f"  {name}: {was} → {now}"
                      + (f" (QC {old_outcomes.get(name)} → {outcomes[name]})" if moved else ""))
    RESULT.write_text(json.dumps({"terms": terms, "outcomes": outcomes}, indent=1,
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {RESULT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

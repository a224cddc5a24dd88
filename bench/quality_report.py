"""Measured quality of the offline pipeline over the whole shared corpus, and a mutation
test of quality control.

For every corpus guideline: recommendations found, source vs PVG readability (FKGL, SMOG,
FRE), the share of recommendation numbers and directions that reach the PVG unchanged,
the QC outcome, and the time each step takes. Then every clean PVG is damaged with each
injected defect (``tests/domain/defects.py``: drop a recommendation, change a number, flip
a direction, remove the disclaimer, put jargon back, ...) and QC must flag it; a clean
PVG that QC does not pass is a false alarm. Prints a table and writes
``bench/results/quality.json``.

    .venv/bin/python -m bench.quality_report [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from domain.errors import DocumentError
from domain.generation import OfflineProvider
from domain.model import ParsedGuideline, PatientVersion, QcOutcome, Readability
from domain.numbers import clinical_numbers, missing_numbers
from domain.parsing import parse_guideline, text_direction
from domain.quality import check_quality
from tests.domain.defects import DEFECTS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "guidelines"
RESULTS = ROOT / "bench" / "results"
# The defects the issue names; the others in DEFECTS are reported too.
NAMED_DEFECTS = (
    "drop_recommendation",
    "change_number",
    "flip_direction",
    "remove_disclaimer",
    "put_jargon_back",
)


def fidelity(guideline: ParsedGuideline, pvg: PatientVersion) -> dict[str, int]:
    """Numbers and directions of the source statements that the PVG keeps, by id."""
    by_id = {r.id: r for r in pvg.recommendations}
    numbers = kept_numbers = directions = kept_directions = 0
    for rec in guideline.recommendations:
        out = by_id.get(rec.id)
        source = rec.text or rec.source_text
        n = len(clinical_numbers(source))
        numbers += n
        directions += 1
        if out is None:
            continue
        kept_numbers += n - len(missing_numbers(source, out.text))
        want = text_direction(source)
        if out.direction is rec.direction and (want is None or text_direction(out.text) == want):
            kept_directions += 1
    return {
        "numbers": numbers,
        "numbers_kept": kept_numbers,
        "directions": directions,
        "directions_kept": kept_directions,
    }


def _scores(r: Readability | None) -> dict[str, float] | None:
    return None if r is None else {"fkgl": r.fkgl, "smog": r.smog, "fre": r.fre}


def measure(path: Path) -> tuple[dict[str, Any], ParsedGuideline | None, PatientVersion | None]:
    row: dict[str, Any] = {"file": path.name}
    t0 = time.perf_counter()
    try:
        guideline = parse_guideline(path.read_bytes(), filename=path.name)
    except DocumentError as error:
        row.update(error=error.code, seconds=time.perf_counter() - t0)
        return row, None, None
    t1 = time.perf_counter()
    pvg = OfflineProvider().generate(guideline)
    t2 = time.perf_counter()
    report = check_quality(guideline, pvg)
    t3 = time.perf_counter()
    row.update(
        language=guideline.language,
        recommendations=len(guideline.recommendations),
        source=_scores(report.source_readability),
        pvg=_scores(report.readability),
        outcome=report.outcome.value,
        findings=[
            f"{f.severity.value} {f.check} {f.target}: {f.message}"
            for f in report.findings
            if f.severity.value != "info"
        ],
        parse_s=round(t1 - t0, 4),
        generate_s=round(t2 - t1, 4),
        qc_s=round(t3 - t2, 4),
        seconds=round(t3 - t0, 4),
        **fidelity(guideline, pvg),
    )
    return row, guideline, pvg


def mutation_test(clean: list[tuple[ParsedGuideline, PatientVersion]]) -> dict[str, Any]:
    """Each defect on each clean PVG (one QC pass clean); caught = QC does not pass it."""
    per: dict[str, dict[str, Any]] = {}
    for name, defect in DEFECTS.items():
        applied = caught = 0
        outcomes: Counter[str] = Counter()
        for guideline, pvg in clean:
            bad = defect(pvg)
            if bad is None:
                continue
            applied += 1
            outcome = check_quality(guideline, bad).outcome
            outcomes[outcome.value] += 1
            caught += outcome is not QcOutcome.PASS
        per[name] = {"applied": applied, "caught": caught, "outcomes": dict(outcomes)}

    def total(names: tuple[str, ...] | list[str]) -> dict[str, Any]:
        applied = sum(per[n]["applied"] for n in names)
        caught = sum(per[n]["caught"] for n in names)
        return {
            "applied": applied,
            "caught": caught,
            "share": round(caught / applied, 4) if applied else None,
        }

    return {"by_defect": per, "named": total(NAMED_DEFECTS), "all": total(list(DEFECTS))}


def _stats(values: list[float]) -> dict[str, float]:
    return (
        {
            "median": round(statistics.median(values), 2),
            "max": round(max(values), 2),
            "min": round(min(values), 2),
        }
        if values
        else {}
    )


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    ok = [r for r in rows if "error" not in r]
    en = [r for r in ok if r["pvg"] is not None]
    numbers, kept_n = sum(r["numbers"] for r in ok), sum(r["numbers_kept"] for r in ok)
    dirs, kept_d = sum(r["directions"] for r in ok), sum(r["directions_kept"] for r in ok)
    return {
        "guidelines": len(rows),
        "parse_errors": {r["file"]: r["error"] for r in rows if "error" in r},
        "recommendations": {
            "total": sum(r["recommendations"] for r in ok),
            **_stats([r["recommendations"] for r in ok]),
        },
        "readability": {
            side: {m: _stats([r[side][m] for r in en if r[side]]) for m in ("fkgl", "smog", "fre")}
            for side in ("source", "pvg")
        },
        "pvg_fkgl_over_8": [r["file"] for r in en if r["pvg"]["fkgl"] > 8],
        "numbers": {
            "total": numbers,
            "kept": kept_n,
            "share": round(kept_n / numbers, 4) if numbers else None,
        },
        "directions": {
            "total": dirs,
            "kept": kept_d,
            "share": round(kept_d / dirs, 4) if dirs else None,
        },
        "qc_outcomes": dict(Counter(r["outcome"] for r in ok)),
        "seconds_per_guideline": {
            k: _stats([r[k] for r in ok]) for k in ("parse_s", "generate_s", "qc_s", "seconds")
        },
    }


def print_table(summary: dict[str, Any], mutation: dict[str, Any]) -> None:
    s = summary
    print(
        f"\nQuality over {s['guidelines']} corpus guidelines "
        f"({len(s['parse_errors'])} could not be parsed)\n"
    )
    rec = s["recommendations"]
    print(
        f"recommendations found     {rec['total']} (median {rec['median']}, "
        f"min {rec['min']}, max {rec['max']} per guideline)"
    )
    print(f"{'readability':<26}{'source median/max':>20}{'PVG median/max':>18}")
    for m in ("fkgl", "smog", "fre"):
        src, out = s["readability"]["source"][m], s["readability"]["pvg"][m]
        label = m.upper() + (" (higher is easier)" if m == "fre" else "")
        print(
            f"  {label:<24}{src['median']:>10} / {src['max']:<8}{out['median']:>8} / "
            f"{out['max']:<8}"
        )
    n, d = s["numbers"], s["directions"]
    print(f"numbers preserved         {n['kept']}/{n['total']} ({n['share']:.1%})")
    print(f"directions preserved      {d['kept']}/{d['total']} ({d['share']:.1%})")
    print(f"PVGs with FKGL > 8        {len(s['pvg_fkgl_over_8'])}")
    print(
        "QC outcomes               "
        + ", ".join(f"{k} {v}" for k, v in sorted(s["qc_outcomes"].items()))
    )
    t = s["seconds_per_guideline"]
    print(
        f"seconds per guideline     median {t['seconds']['median']}, max {t['seconds']['max']} "
        f"(parse {t['parse_s']['median']}, generate {t['generate_s']['median']}, "
        f"QC {t['qc_s']['median']})"
    )
    print(f"\nMutation test of QC over {mutation['clean']} clean PVGs")
    print(f"  {'defect':<22}{'applied':>8}{'caught':>8}   outcomes")
    for name, row in mutation["by_defect"].items():
        mark = "*" if name in NAMED_DEFECTS else " "
        print(f" {mark}{name:<22}{row['applied']:>8}{row['caught']:>8}   {row['outcomes']}")
    for key, label in (("named", "* the issue's five"), ("all", "all defects")):
        row = mutation[key]
        print(f"  {label:<22}{row['applied']:>8}{row['caught']:>8}   {row['share']:.1%} caught")
    fa = mutation["false_alarms"]
    print(
        f"  false alarms: {fa['flagged']} of {fa['clean_pvgs']} PVGs "
        f"({fa['share']:.1%}) not passed by QC"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    files = sorted(args.corpus.glob("*.md"))
    if not files:
        print(f"no guidelines found in {args.corpus}", file=sys.stderr)
        return 1
    rows, clean = [], []
    all_pvgs = 0
    for path in files:
        row, guideline, pvg = measure(path)
        rows.append(row)
        if guideline is not None and pvg is not None:
            all_pvgs += 1
            if row["outcome"] == QcOutcome.PASS.value:
                clean.append((guideline, pvg))
    summary = summarise(rows)
    mutation = mutation_test(clean)
    flagged = all_pvgs - len(clean)
    mutation["clean"] = len(clean)
    mutation["false_alarms"] = {
        "clean_pvgs": all_pvgs,
        "flagged": flagged,
        "share": round(flagged / all_pvgs, 4) if all_pvgs else 0.0,
    }
    print_table(summary, mutation)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "quality.json"
    out.write_text(
        json.dumps(
            {"summary": summary, "mutation": mutation, "guidelines": rows},
            indent=1,
            ensure_ascii=False,
        )
    )
    print(f"\nwritten: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How right the patient versions are, measured against hand labels, in every format.

Every labelled guideline (``bench/labels/``) is laid out as Markdown, PDF, DOCX, HTML and
plain text (``tests/support/documents.py``), put through parse → generate → quality control
exactly as the worker does, and its patient version's recommendations are scored against
the labels (``bench/truth.py``): recommendations intact, strength level right, direction
right, numbers kept, spurious items, guidelines that failed. Prints one table per split and
writes ``bench/results/quality.json``.

    .venv/bin/python -m bench.quality_report [--split dev|heldout|heldout2|heldout3|heldout4|all]
        [--format pdf ...]

The held-out splits are scored only when a piece of work is finished (``--split all``); the
default is the dev split that rules may be tuned on.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench.truth import SPLITS, Produced, Score, load_labels, score_guideline, total
from domain.errors import DocumentError
from domain.generation import OfflineProvider
from domain.model import ParsedGuideline, PatientVersion, QcOutcome, QualityReport
from domain.parsing import parse_guideline
from domain.quality import check_quality
from tests.support.documents import render

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "guidelines"
RESULTS = ROOT / "bench" / "results"
FORMATS = ("markdown", "pdf", "docx", "html", "text")
_SUFFIX = {"markdown": ".md", "pdf": ".pdf", "docx": ".docx", "html": ".html", "text": ".txt"}
GOALS = {"intact": 0.98, "strength": 0.98, "direction": 1.0, "numbers": 1.0, "spurious": 0.02}


def document(name: str, fmt: str) -> tuple[bytes, str]:
    """The guideline's bytes in ``fmt`` and the file name a user would upload."""
    markdown = (CORPUS / name).read_text(encoding="utf-8")
    stem = name.removesuffix(".md")
    data = markdown.encode("utf-8") if fmt == "markdown" else render(markdown, fmt, name=stem)
    return data, stem + _SUFFIX[fmt]


def produced(guideline: ParsedGuideline, pvg: PatientVersion) -> list[Produced]:
    """The PVG's recommendations in the scorer's terms."""
    return [
        Produced(
            source_text=r.source_text,
            text=r.text,
            strength_level=str(r.strength_level),
            direction=str(r.direction),
        )
        for r in pvg.recommendations
    ]


def run_one(name: str, fmt: str, labels: list[Any]) -> tuple[Score, dict[str, Any]]:
    data, filename = document(name, fmt)
    t0 = time.perf_counter()
    row: dict[str, Any] = {"file": name, "format": fmt}
    try:
        guideline = parse_guideline(data, filename=filename)
    except DocumentError as error:
        score = score_guideline(name, labels, [])
        score.failed_guidelines.append(f"{name} ({fmt}): {error.code}")
        row.update(error=error.code)
        return score, row
    pvg = OfflineProvider().generate(guideline)
    report = check_quality(guideline, pvg)
    score = score_guideline(name, labels, produced(guideline, pvg))
    if report.outcome is QcOutcome.FAIL:
        score.failed_guidelines.append(f"{name} ({fmt}): QC fail")
    row.update(
        outcome=report.outcome.value,
        wording=wording(pvg, report),
        seconds=round(time.perf_counter() - t0, 3),
        findings=[f"{f.severity.value} {f.check} {f.target}: {f.message}"
                  for f in report.findings if f.severity.value != "info"][:30],
        **score.figures(),
    )
    return score, row


def wording(pvg: PatientVersion, report: QualityReport) -> dict[str, Any]:
    """What a reader meets: summary, glossary, readability of the advice and of the page,
    and the wording defects quality control found."""
    return {
        # words as a reader counts them: a list mark ("-") is none
        "summary_words": sum(1 for t in pvg.summary.split() if any(c.isalnum() for c in t)),
        "glossary_terms": len(pvg.glossary),
        "advice_fkgl": report.advice_readability.fkgl if report.advice_readability else None,
        "page_fkgl": report.readability.fkgl if report.readability else None,
        "defects": [f.message for f in report.findings if f.check == "wording"],
        "undefined_terms": [f.message for f in report.findings if f.check == "jargon"],
    }


def wording_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    made = [r["wording"] for r in rows if "wording" in r]
    advice = [w["advice_fkgl"] for w in made if w["advice_fkgl"] is not None]
    page = [w["page_fkgl"] for w in made if w["page_fkgl"] is not None]
    return {
        "pvgs": len(made),
        "with_summary": sum(1 for w in made if w["summary_words"]),
        "with_glossary": sum(1 for w in made if w["glossary_terms"]),
        "defects": sum(len(w["defects"]) for w in made),
        "undefined_terms": sum(len(w["undefined_terms"]) for w in made),
        "advice_fkgl_median": round(statistics.median(advice), 1) if advice else None,
        "page_fkgl_median": round(statistics.median(page), 1) if page else None,
    }


def run(splits: list[str], formats: list[str]) -> dict[str, Any]:
    result: dict[str, Any] = {"splits": {}}
    for split in splits:
        labels = load_labels(split)
        per_format: dict[str, Any] = {}
        for fmt in formats:
            scores, rows = [], []
            for name, labelled in labels.items():
                s, row = run_one(name, fmt, labelled)
                scores.append(s)
                rows.append(row)
            summed = total(scores)
            per_format[fmt] = {
                **summed.figures(),
                "guidelines": len(rows),
                "median_seconds": statistics.median([r.get("seconds", 0.0) for r in rows])
                if rows else None,
                "rows": rows,
                "wording": wording_summary(rows),
                "misses": summed.misses,
            }
        result["splits"][split] = {"guidelines": len(labels), "formats": per_format}
    return result


def _pct(value: float | None) -> str:
    return "  n/a " if value is None else f"{value:6.1%}"


def print_tables(result: dict[str, Any]) -> None:
    goal = (f"goals: intact ≥ {GOALS['intact']:.0%}, strength ≥ {GOALS['strength']:.0%}, "
            f"direction {GOALS['direction']:.0%}, numbers {GOALS['numbers']:.0%}, "
            f"spurious ≤ {GOALS['spurious']:.0%}, none failed")
    for split, data in result["splits"].items():
        print(f"\n{split} split: {data['guidelines']} hand-labelled guidelines ({goal})")
        print(f"  {'format':<9}{'labelled':>9}{'intact':>8}{'strength':>9}{'direction':>10}"
              f"{'numbers':>9}{'produced':>9}{'spurious':>9}{'merged':>7}{'failed':>7}")
        for fmt, f in data["formats"].items():
            print(f"  {fmt:<9}{f['labelled']:>9}{_pct(f['intact']):>8}{_pct(f['strength']):>9}"
                  f"{_pct(f['direction']):>10}{_pct(f['numbers']):>9}{f['produced']:>9}"
                  f"{_pct(f['spurious']):>9}{f['merged']:>7}{len(f['failed']):>7}")
        print("  wording (goals: summary and glossary in every PVG, 0 defects, every term "
              "defined, advice FKGL median ≤ 8, page ≤ 6)")
        print(f"  {'format':<9}{'PVGs':>6}{'summary':>9}{'glossary':>9}{'defects':>9}"
              f"{'undefined':>10}{'advice FKGL':>12}{'page FKGL':>10}")
        for fmt, f in data["formats"].items():
            w = f["wording"]
            print(f"  {fmt:<9}{w['pvgs']:>6}{w['with_summary']:>9}{w['with_glossary']:>9}"
                  f"{w['defects']:>9}{w['undefined_terms']:>10}{w['advice_fkgl_median']!s:>12}"
                  f"{w['page_fkgl_median']!s:>10}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="dev")
    parser.add_argument("--format", action="append", choices=FORMATS)
    parser.add_argument("--misses", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"the corpus is missing: {CORPUS}", file=sys.stderr)
        return 1
    splits = list(SPLITS) if args.split == "all" else [args.split]
    result = run(splits, args.format or list(FORMATS))
    print_tables(result)
    if args.misses:
        for split, data in result["splits"].items():
            for fmt, f in data["formats"].items():
                for miss in f["misses"]:
                    print(split, fmt, json.dumps(miss, ensure_ascii=False))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"quality_{args.split}.json"
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(f"\nwritten: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

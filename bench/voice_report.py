"""How much of the advice is passive, page by page, over the whole corpus.

Every corpus guideline is parsed, generated with the offline provider and checked as the
worker does; for each page this counts the advice sentences (the recommendations' text,
split as readability splits it) that hold a passive verb (:func:`domain.voice.passive_verbs`),
and records the QC outcome, the advice-text FKGL and the wording findings, so that a change
to the wording can be compared before and after.

    .venv/bin/python -m bench.voice_report [--out FILE] [--show NAME ...]
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path
from typing import Any

from domain.generation import OfflineProvider
from domain.parsing import parse_guideline
from domain.quality import check_quality
from domain.readability import sentences
from domain.voice import passive_verbs

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "guidelines"
PEMAT = (
    "uspstf_breast-cancer-screening_2016.md",
    "va-dod_opioid-therapy-chronic-pain_2017.md",
    "nhlbi_sickle-cell-health-maintenance_2014.md",
    "cpstf_diet-physical-activity-diabetes-prevention_2015.md",
    "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md",
    "colorado-dowc_complex-regional-pain-syndrome_2017.md",
)


def page(name: str) -> dict[str, Any]:
    """One guideline's figures: sentences, passive ones, QC outcome, advice FKGL, findings."""
    parsed = parse_guideline((CORPUS / name).read_bytes(), name)
    pvg = OfflineProvider().generate(parsed)
    report = check_quality(parsed, pvg)
    said = [s for r in pvg.recommendations for s in sentences(r.text)]
    passive = [s for s in said if passive_verbs(s)]
    return {
        "name": name,
        "sentences": len(said),
        "passive": len(passive),
        "passive_sentences": passive,
        "outcome": str(report.outcome),
        "advice_fkgl": report.advice_readability.fkgl if report.advice_readability else None,
        "wording": sorted(f.message for f in report.findings if f.check == "wording"),
        "findings": sorted(f"{f.check}|{f.target}|{f.message}" for f in report.findings),
        "advice": [r.text for r in pvg.recommendations],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path)
    parser.add_argument("--show", nargs="*", default=[])
    args = parser.parse_args()
    names = sorted(p.name for p in CORPUS.glob("*.md"))
    pages = [page(n) for n in names]
    if args.out:
        args.out.write_text(json.dumps(pages, indent=1), encoding="utf-8")
    outcomes = {o: sum(p["outcome"] == o for p in pages) for o in ("pass", "needs_review", "fail")}
    total = sum(p["sentences"] for p in pages)
    passive = sum(p["passive"] for p in pages)
    fkgl = [p["advice_fkgl"] for p in pages if p["advice_fkgl"] is not None]
    print(f"{len(pages)} guidelines; QC {outcomes}")
    print(f"passive advice sentences: {passive}/{total} = {passive / max(total, 1):.1%}")
    shares = [p["passive"] / p["sentences"] for p in pages if p["sentences"]]
    print(f"per page: median {statistics.median(shares):.1%}, max {max(shares):.1%}, "
          f"pages over 20 %: {sum(s > 0.2 for s in shares)}")
    print(f"advice FKGL median {statistics.median(fkgl):.2f}")
    print(f"wording findings: {sum(len(p['wording']) for p in pages)}")
    for p in pages:
        if p["name"] in PEMAT:
            print(f"  {p['name']}: {p['passive']}/{p['sentences']} = "
                  f"{p['passive'] / max(p['sentences'], 1):.1%} passive, {p['outcome']}, "
                  f"FKGL {p['advice_fkgl']}")
    for p in pages:
        if p["name"] in args.show:
            print("\n".join(p["passive_sentences"]))


if __name__ == "__main__":
    main()

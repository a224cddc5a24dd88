"""PDF text extraction speed: our extractor next to poppler's ``pdftotext``, in one run.

Corpus guidelines are laid out as published PDFs by ``tests/support/documents.py`` (two
justified columns, hyphenation, ligature glyphs, running heads and page numbers), so the
pages are like the ones users upload. Each file is then read by our extractor
(``domain.formats.extract``: pdfium, layout analysis, Markdown-ish text) and by
``pdftotext`` (poppler-utils), best of ``--repeat`` runs each, both in this process's run
so that the machine's load is the same for both. pdftotext runs as a process per file, as
a service would call it, so its time includes starting the process. Pages per second are
total pages over the total of the best times; the ratio is ours over pdftotext's (goal:
0.8 or more). A check per file that the PDF parses to as many recommendations as the
Markdown shows the speed is not bought with wrong text.

Needs reportlab and pyphen (``pip install -e '.[bench]'``) and ``pdftotext`` (Debian
package ``poppler-utils``); this script installs nothing. Prints a table and writes
``bench/results/pdf_speed.json``.

    .venv/bin/python -m bench.pdf_speed [--limit N] [--repeat R] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from domain.errors import DocumentError
from domain.formats import extract
from domain.model import DocumentFormat
from domain.parsing import parse_guideline

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "guidelines"
RESULTS = ROOT / "bench" / "results"
GOAL = 0.8
MISSING_PDFTOTEXT = (
    "pdftotext is not installed, so there is nothing to compare with: install poppler-utils "
    "(Debian/Ubuntu: apt-get install poppler-utils) and run again"
)


def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    """The least disturbed of ``repeat`` runs, and what the last run returned."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def measure(path: Path, markdown: str, pdf: bytes, pdftotext: str | None,
            repeat: int) -> dict[str, Any]:
    ours_s, ours = best_of(repeat, lambda: extract(pdf, DocumentFormat.PDF))
    row: dict[str, Any] = {"file": path.name, "pages": ours.pages, "bytes": len(pdf),
                           "ours_s": round(ours_s, 5)}
    if pdftotext is not None:
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            command = [pdftotext, "-q", "-enc", "UTF-8", handle.name, "-"]
            poppler_s, _ = best_of(repeat, lambda: subprocess.run(
                command, capture_output=True, check=True))
        row["pdftotext_s"] = round(poppler_s, 5)
    row["recommendations_markdown"] = _count(markdown.encode(), path.name)
    row["recommendations_pdf"] = _count(pdf, path.stem + ".pdf")
    return row


def _count(data: bytes, name: str) -> int | str:
    try:
        return len(parse_guideline(data, filename=name).recommendations)
    except DocumentError as error:
        return f"error: {error.code}"


def summarise(rows: list[dict[str, Any]], pdftotext: str | None,
              repeat: int) -> dict[str, Any]:
    pages = sum(r["pages"] for r in rows)
    ours_s = sum(r["ours_s"] for r in rows)
    summary: dict[str, Any] = {
        "files": len(rows),
        "pages": pages,
        "repeat": repeat,
        "ours": {"extractor": "pypdfium2 + layout analysis (domain.formats.extract)",
                 "seconds": round(ours_s, 3), "pages_per_second": round(pages / ours_s, 1)},
        "same_recommendation_count_as_markdown": sum(
            r["recommendations_pdf"] == r["recommendations_markdown"] for r in rows),
    }
    if pdftotext is not None:
        poppler_s = sum(r["pdftotext_s"] for r in rows)
        summary["pdftotext"] = {"extractor": _version(pdftotext), "seconds": round(poppler_s, 3),
                                "pages_per_second": round(pages / poppler_s, 1)}
        summary["ratio"] = round(poppler_s / ours_s, 2)  # ours pages/s over pdftotext's
    return summary


def _version(binary: str) -> str:
    done = subprocess.run([binary, "-v"], capture_output=True, text=True, check=False)
    match = re.search(r"version\s+(\S+)", done.stderr or done.stdout)
    return f"pdftotext {match.group(1)}" if match else "pdftotext"


def print_summary(summary: dict[str, Any]) -> None:
    print(f"\nPDF text extraction: {summary['files']} corpus guidelines laid out as PDFs, "
          f"{summary['pages']} pages, best of {summary['repeat']} runs per file\n")
    print(f"  {'extractor':<52}{'seconds':>9}{'pages/s':>10}")
    for key in ("ours", "pdftotext"):
        if key in summary:
            s = summary[key]
            print(f"  {s['extractor']:<52}{s['seconds']:>9.3f}{s['pages_per_second']:>10.1f}")
    if "ratio" in summary:
        verdict = "meets" if summary["ratio"] >= GOAL else "misses"
        print(f"\n  ours / pdftotext: {summary['ratio']:.2f}x ({verdict} the goal of {GOAL}x)")
    print(f"  PDFs that parse to as many recommendations as their Markdown: "
          f"{summary['same_recommendation_count_as_markdown']}/{summary['files']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="first N guidelines only")
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs per file")
    args = parser.parse_args(argv)
    try:
        from tests.support.documents import render
    except ImportError as error:
        print(f"cannot lay out PDFs ({error}): .venv/bin/pip install -e '.[bench]'",
              file=sys.stderr)
        return 2
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        print(MISSING_PDFTOTEXT, file=sys.stderr)
    files = sorted(args.corpus.glob("*.md"))[: args.limit or None]
    if not files:
        print(f"no guidelines found in {args.corpus}", file=sys.stderr)
        return 1
    rows = []
    for path in files:
        markdown = path.read_text(encoding="utf-8")
        pdf = render(markdown, "pdf", name=path.stem)
        rows.append(measure(path, markdown, pdf, pdftotext, args.repeat))
    summary = summarise(rows, pdftotext, args.repeat)
    print_summary(summary)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "pdf_speed.json"
    out.write_text(json.dumps({"summary": summary, "files": rows}, indent=1))
    print(f"\nwritten: {out.relative_to(ROOT)}")
    if pdftotext is None:
        print(f"\n{MISSING_PDFTOTEXT}", file=sys.stderr)
        return 2
    return 0


def markdown_to_pdf(markdown: str) -> bytes:
    """A plain one-column PDF of Markdown (headings larger, items with bullets): the layout
    of ``tests/domain/fixtures/uspstf_aaa_excerpt.pdf``, kept so tests can make more."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13, spaceAfter=4)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=4)
    heads = {n: ParagraphStyle(f"h{n}", parent=body, fontSize=16 - 2 * n, leading=20 - 2 * n,
                               spaceBefore=8, spaceAfter=6) for n in range(1, 5)}
    story: list[Any] = []
    for raw in markdown.splitlines():
        line = raw.strip()
        if not line or set(line) <= set("|-: "):
            story.append(Spacer(1, 4))
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        item = re.match(r"^(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if heading:
            story.append(Paragraph(_inline(heading.group(2), font),
                                   heads[min(len(heading.group(1)), 4)]))
        elif item:
            story.append(Paragraph(_inline(item.group(1), font), bullet, bulletText="•"))
        else:
            story.append(Paragraph(_inline(line.strip("|").replace("|", " · "), font), body))
    import io

    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=LETTER, title="corpus guideline").build(story)
    return out.getvalue()


def _font() -> str:
    """DejaVu Sans (the corpus's ≥, –, ✔) when installed, else Helvetica (Latin-1 only)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                 "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"):
        if Path(path).is_file():
            if "BenchSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("BenchSans", path))
            return "BenchSans"
    return "Helvetica"


def _inline(text: str, font: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if font == "Helvetica":
        text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
        return text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("**", "")


if __name__ == "__main__":
    raise SystemExit(main())

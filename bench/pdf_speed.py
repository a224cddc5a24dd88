"""PDF text extraction speed: our parser (``domain.formats.extract``, pypdf) next to poppler's
``pdftotext`` on the same corpus-derived PDFs, in one run.

Each corpus guideline's Markdown is laid out as a real PDF with reportlab (BSD licensed;
``pip install -e '.[bench]'``), with an embedded Unicode font when one is installed. Both
extractors then read every file; pages per second are total pages over total time, and a
check that the PDF path still finds the recommendations the Markdown gives. pdftotext runs
as a process per file (as a service would call it), so its time includes process start.
Needs ``pdftotext`` (Debian package ``poppler-utils``); this script installs nothing.
Prints a table and writes ``bench/results/pdf_speed.json``.

    .venv/bin/python -m bench.pdf_speed [--limit N] [--repeat R]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from domain.errors import DocumentError
from domain.formats import extract
from domain.model import DocumentFormat
from domain.parsing import parse_guideline

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "guidelines"
RESULTS = ROOT / "bench" / "results"
FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


def _font() -> str:
    """A TTF with the corpus's symbols (≥, –, ✔) when installed, else Helvetica (Latin-1)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in FONTS:
        if Path(path).is_file():
            if "BenchSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("BenchSans", path))
            return "BenchSans"
    return "Helvetica"


def _inline(text: str, font: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = (
        re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
        if font == "Helvetica"
        else text.replace("**", "")
    )
    if font == "Helvetica":
        text = text.encode("latin-1", "replace").decode("latin-1")
    return text


def markdown_to_pdf(markdown: str) -> bytes:
    """Lay Markdown out as a PDF: headings as larger text, list items as bullets, tables as
    plain lines. Good enough to give the extractors real text-layer pages."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13, spaceAfter=4)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=4)
    heads = {
        n: ParagraphStyle(
            f"h{n}",
            parent=body,
            fontSize=16 - 2 * n,
            leading=20 - 2 * n,
            spaceBefore=8,
            spaceAfter=6,
        )
        for n in range(1, 5)
    }
    story: list[Any] = []
    for raw in markdown.splitlines():
        line = raw.strip()
        if not line or set(line) <= set("|-: "):
            story.append(Spacer(1, 4))
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        item = re.match(r"^(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if heading:
            story.append(
                Paragraph(_inline(heading.group(2), font), heads[min(len(heading.group(1)), 4)])
            )
        elif item:
            story.append(Paragraph(_inline(item.group(1), font), bullet, bulletText="•"))
        else:
            story.append(Paragraph(_inline(line.strip("|").replace("|", " · "), font), body))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=LETTER, title="corpus guideline").build(story)
    return out.getvalue()


def _time(fn: Any, repeat: int) -> tuple[float, Any]:
    """Best of ``repeat`` runs: the least disturbed by the rest of the machine."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="first N guidelines only")
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs per file")
    args = parser.parse_args(argv)
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        print(
            "pdftotext is not installed: install poppler-utils (Debian/Ubuntu: "
            "apt-get install poppler-utils) and run again",
            file=sys.stderr,
        )
        return 2
    try:
        import reportlab  # noqa: F401
    except ImportError:
        print("reportlab is not installed: .venv/bin/pip install -e '.[bench]'", file=sys.stderr)
        return 2
    files = sorted(args.corpus.glob("*.md"))[: args.limit or None]
    if not files:
        print(f"no guidelines found in {args.corpus}", file=sys.stderr)
        return 1

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            markdown = path.read_bytes()
            pdf = markdown_to_pdf(markdown.decode("utf-8"))
            pdf_path = Path(tmp) / f"{path.stem}.pdf"
            pdf_path.write_bytes(pdf)
            ours_s, ours = _time(lambda pdf=pdf: extract(pdf, DocumentFormat.PDF), args.repeat)
            poppler_s, poppler = _time(
                lambda p=pdf_path: subprocess.run(
                    [pdftotext, "-q", "-enc", "UTF-8", str(p), "-"], capture_output=True, check=True
                ).stdout.decode("utf-8", "replace"),
                args.repeat,
            )
            try:
                from_pdf = len(parse_guideline(pdf, filename=pdf_path.name).recommendations)
            except DocumentError as error:
                from_pdf = f"error: {error.code}"  # type: ignore[assignment]
            from_md = len(parse_guideline(markdown, filename=path.name).recommendations)
            rows.append(
                {
                    "file": path.name,
                    "pages": ours.pages,
                    "bytes": len(pdf),
                    "ours_s": round(ours_s, 5),
                    "pdftotext_s": round(poppler_s, 5),
                    "ours_chars": len(ours.text),
                    "pdftotext_chars": len(poppler),
                    "recommendations_markdown": from_md,
                    "recommendations_pdf": from_pdf,
                }
            )

    pages = sum(r["pages"] for r in rows)
    ours_total = sum(r["ours_s"] for r in rows)
    poppler_total = sum(r["pdftotext_s"] for r in rows)
    same_recs = sum(r["recommendations_pdf"] == r["recommendations_markdown"] for r in rows)
    found = sum(
        isinstance(r["recommendations_pdf"], int) and r["recommendations_pdf"] > 0 for r in rows
    )
    summary = {
        "files": len(rows),
        "pages": pages,
        "pages_per_file": {
            "median": statistics.median(r["pages"] for r in rows),
            "max": max(r["pages"] for r in rows),
        },
        "ours": {
            "parser": "pypdf (domain.formats.extract)",
            "seconds": round(ours_total, 3),
            "pages_per_second": round(pages / ours_total, 1),
        },
        "pdftotext": {
            "parser": _version(pdftotext),
            "seconds": round(poppler_total, 3),
            "pages_per_second": round(pages / poppler_total, 1),
        },
        "ratio_pdftotext_to_ours": round(ours_total / poppler_total, 2),
        "pdfs_with_recommendations": found,
        "pdfs_with_same_recommendation_count_as_markdown": same_recs,
        "repeat": args.repeat,
    }
    print(
        f"\nPDF text extraction over {len(rows)} corpus-derived PDFs, {pages} pages "
        f"(median {summary['pages_per_file']['median']}, max "
        f"{summary['pages_per_file']['max']} pages; best of {args.repeat} runs per file)\n"
    )
    print(f"  {'parser':<40}{'seconds':>10}{'pages/s':>10}")
    for key in ("ours", "pdftotext"):
        s = summary[key]
        print(f"  {s['parser']:<40}{s['seconds']:>10}{s['pages_per_second']:>10}")
    print(f"\n  pdftotext is {summary['ratio_pdftotext_to_ours']}x as fast as ours")
    print(
        f"  recommendations found in {found}/{len(rows)} PDFs; the same count as from the "
        f"Markdown in {same_recs}/{len(rows)}"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "pdf_speed.json"
    out.write_text(json.dumps({"summary": summary, "files": rows}, indent=1))
    print(f"\nwritten: {out.relative_to(ROOT)}")
    return 0


def _version(binary: str) -> str:
    done = subprocess.run([binary, "-v"], capture_output=True, text=True, check=False)
    first = (done.stderr or done.stdout).splitlines()
    return f"pdftotext ({first[0].split()[-1]})" if first else "pdftotext"


if __name__ == "__main__":
    raise SystemExit(main())

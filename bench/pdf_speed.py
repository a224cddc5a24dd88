"""PDF text extraction speed: our extractor next to poppler's ``pdftotext``, in one run.

Corpus guidelines are laid out as published PDFs by ``tests/support/documents.py`` (two
justified columns, hyphenation, ligature glyphs, running heads and page numbers), so the
pages are like the ones users upload. Each file is read by our extractor
(``domain.formats.extract``: pdfium, layout analysis, Markdown-ish text) in this process and
by ``pdftotext`` (poppler-utils) as a process per file, as a service would call it, so its
figures include starting the process.

The two take turns file by file (ours, theirs, ours, theirs …; which goes first alternates
between rounds), for ``--rounds`` rounds over all files. Each round gives both extractors'
totals in CPU time and in wall time; the figures printed are the medians over the rounds.
CPU time is what the caller pays for the text: ours, this process's user + system time
during the extraction; pdftotext's, its process's (``getrusage(RUSAGE_CHILDREN)``) plus this
process's while starting it and reading its output (about 4 % of the total; the ratio
against pdftotext's process alone is printed too). The goal (ours at 0.8× pdftotext's
pages/s or more) is judged on CPU time: on a shared machine the wall time of either depends
on what else the cores run at that moment, while the CPU time counts only the work each
extractor does. The wall-clock figure is printed beside it. A check per file that the PDF
parses to as many recommendations as the Markdown shows the speed is not bought with wrong
text.

Needs reportlab and pyphen (``pip install -e '.[bench]'``) and ``pdftotext`` (Debian
package ``poppler-utils``); this script installs nothing. Prints a table and writes
``bench/results/pdf_speed.json``.

    .venv/bin/python -m bench.pdf_speed [--limit N] [--rounds R] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
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
GOAL = 0.8
MISSING_PDFTOTEXT = (
    "pdftotext is not installed, so there is nothing to compare with: install poppler-utils "
    "(Debian/Ubuntu: apt-get install poppler-utils) and run again"
)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def time_ours(pdf: bytes) -> tuple[float, float, int]:
    """CPU and wall seconds of one extraction in this process, and its page count."""
    cpu, wall = _cpu(resource.RUSAGE_SELF), time.perf_counter()
    pages = extract(pdf, DocumentFormat.PDF).pages or 0
    return _cpu(resource.RUSAGE_SELF) - cpu, time.perf_counter() - wall, pages


def time_pdftotext(command: list[str]) -> tuple[float, float, float]:
    """CPU seconds a caller pays for one pdftotext run (the process's own and this
    process's starting it and reading its output), the process's own alone, and wall
    seconds from start to its output read."""
    own, caller = _cpu(resource.RUSAGE_CHILDREN), _cpu(resource.RUSAGE_SELF)
    wall = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)
    wall = time.perf_counter() - wall
    own = _cpu(resource.RUSAGE_CHILDREN) - own
    return own + _cpu(resource.RUSAGE_SELF) - caller, own, wall


def measure(files: list[tuple[str, bytes, Path]], pdftotext: str | None,
            rounds: int) -> tuple[list[dict[str, Any]], list[dict[str, float]]]:
    """Per file the median times, and per round the totals, ours and pdftotext's taking
    turns file by file."""
    commands = [[pdftotext, "-q", "-enc", "UTF-8", str(path), "-"] if pdftotext else []
                for _, _, path in files]
    time_ours(files[0][1])  # imports and first calls, outside the figures
    if pdftotext:
        time_pdftotext(commands[0])
    keys = ("ours_cpu", "ours_wall", "pdftotext_cpu", "pdftotext_own_cpu", "pdftotext_wall")
    per_file: list[dict[str, list[float]]] = [{key: [] for key in keys} for _ in files]
    pages = [0] * len(files)
    totals = []
    for number in range(rounds):
        total = dict.fromkeys(keys, 0.0)
        for i, (_, pdf, _) in enumerate(files):
            for turn in ((0, 1) if number % 2 == 0 else (1, 0)):
                if turn == 0:
                    cpu, wall, pages[i] = time_ours(pdf)
                    took = {"ours_cpu": cpu, "ours_wall": wall}
                elif pdftotext:
                    cpu, own, wall = time_pdftotext(commands[i])
                    took = {"pdftotext_cpu": cpu, "pdftotext_own_cpu": own,
                            "pdftotext_wall": wall}
                else:
                    continue
                for key, value in took.items():
                    per_file[i][key].append(value)
                    total[key] += value
        totals.append(total)
    rows = []
    for (name, pdf, _), times, count in zip(files, per_file, pages, strict=True):
        row: dict[str, Any] = {"file": name, "pages": count, "bytes": len(pdf)}
        row.update({key: round(statistics.median(values), 5)
                    for key, values in times.items() if values})
        rows.append(row)
    return rows, totals


def _count(data: bytes, name: str) -> int | str:
    try:
        return len(parse_guideline(data, filename=name).recommendations)
    except DocumentError as error:
        return f"error: {error.code}"


def summarise(rows: list[dict[str, Any]], totals: list[dict[str, float]],
              pdftotext: str | None, load: dict[str, float]) -> dict[str, Any]:
    pages = sum(r["pages"] for r in rows)

    def figures(key: str, extractor: str) -> dict[str, Any]:
        out: dict[str, Any] = {"extractor": extractor}
        for clock in ("cpu", "wall"):
            seconds = statistics.median(t[f"{key}_{clock}"] for t in totals)
            out[f"{clock}_seconds"] = round(seconds, 3)
            out[f"{clock}_pages_per_second"] = round(pages / seconds, 1)
        return out

    summary: dict[str, Any] = {
        "files": len(rows),
        "pages": pages,
        "rounds": len(totals),
        "load_average": load,
        "ours": figures("ours", "pypdfium2 + layout analysis (domain.formats.extract)"),
        "same_recommendation_count_as_markdown": sum(
            r["recommendations_pdf"] == r["recommendations_markdown"] for r in rows),
    }
    if pdftotext is not None:
        summary["pdftotext"] = figures("pdftotext", _version(pdftotext))
        summary["pdftotext"]["own_cpu_seconds"] = round(
            statistics.median(t["pdftotext_own_cpu"] for t in totals), 3)
        # Ours pages/s over pdftotext's, round by round.
        for clock in ("cpu", "own_cpu", "wall"):
            ours = "ours_wall" if clock == "wall" else "ours_cpu"
            ratios = [t[f"pdftotext_{clock}"] / t[ours] for t in totals]
            summary[f"ratio_{clock}"] = round(statistics.median(ratios), 2)
            summary[f"ratio_{clock}_range"] = [round(min(ratios), 2), round(max(ratios), 2)]
    return summary


def _version(binary: str) -> str:
    done = subprocess.run([binary, "-v"], capture_output=True, text=True, check=False)
    match = re.search(r"version\s+(\S+)", done.stderr or done.stdout)
    return f"pdftotext {match.group(1)}" if match else "pdftotext"


def print_summary(summary: dict[str, Any]) -> None:
    print(f"\nPDF text extraction: {summary['files']} corpus guidelines laid out as PDFs, "
          f"{summary['pages']} pages, {summary['rounds']} rounds taking turns file by file "
          f"(medians); load average {summary['load_average']['before']:.1f} before, "
          f"{summary['load_average']['after']:.1f} after\n")
    print(f"  {'extractor':<54}{'CPU s':>8}{'pages/s':>9}{'wall s':>9}{'pages/s':>9}")
    for key in ("ours", "pdftotext"):
        if key in summary:
            s = summary[key]
            print(f"  {s['extractor']:<54}{s['cpu_seconds']:>8.3f}"
                  f"{s['cpu_pages_per_second']:>9.1f}{s['wall_seconds']:>9.3f}"
                  f"{s['wall_pages_per_second']:>9.1f}")
    if "ratio_cpu" in summary:
        verdict = "meets" if summary["ratio_cpu"] >= GOAL else "misses"
        low, high = summary["ratio_cpu_range"]
        print(f"\n  ours / pdftotext, CPU time:  {summary['ratio_cpu']:.2f}x "
              f"(rounds {low:.2f}–{high:.2f}; {verdict} the goal of {GOAL}x)")
        low, high = summary["ratio_own_cpu_range"]
        print(f"  the same, pdftotext's process alone (not starting it, "
              f"{summary['pdftotext']['own_cpu_seconds']:.3f} s): "
              f"{summary['ratio_own_cpu']:.2f}x (rounds {low:.2f}–{high:.2f})")
        low, high = summary["ratio_wall_range"]
        print(f"  ours / pdftotext, wall time: {summary['ratio_wall']:.2f}x "
              f"(rounds {low:.2f}–{high:.2f}; moves with the machine's load)")
    print(f"  PDFs that parse to as many recommendations as their Markdown: "
          f"{summary['same_recommendation_count_as_markdown']}/{summary['files']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="first N guidelines only")
    parser.add_argument("--rounds", type=int, default=5, help="rounds over all files")
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
    paths = sorted(args.corpus.glob("*.md"))[: args.limit or None]
    if not paths:
        print(f"no guidelines found in {args.corpus}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        files, counts = [], []
        for path in paths:
            markdown = path.read_text(encoding="utf-8")
            pdf = render(markdown, "pdf", name=path.stem)
            (Path(folder) / f"{path.stem}.pdf").write_bytes(pdf)
            files.append((path.name, pdf, Path(folder) / f"{path.stem}.pdf"))
            counts.append((_count(markdown.encode(), path.name), _count(pdf, path.stem + ".pdf")))
        before = os.getloadavg()[0]
        rows, totals = measure(files, pdftotext, max(1, args.rounds))
        load = {"before": round(before, 2), "after": round(os.getloadavg()[0], 2)}
    for row, (markdown_count, pdf_count) in zip(rows, counts, strict=True):
        row["recommendations_markdown"], row["recommendations_pdf"] = markdown_count, pdf_count
    summary = summarise(rows, totals, pdftotext, load)
    print_summary(summary)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "pdf_speed.json"
    out.write_text(json.dumps({"summary": summary, "rounds": totals, "files": rows}, indent=1))
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

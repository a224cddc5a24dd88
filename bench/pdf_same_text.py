"""Whether the PDF extractor of the working tree gives byte for byte the text of an
earlier revision's, on every corpus guideline laid out as a PDF.

Speed work on ``domain/pdf_lines.py`` and ``domain/pdf_layout.py`` must not change what
they extract. Each corpus guideline is rendered as the tests and the quality report render
it (``tests.support.documents.render``, two columns, hyphenation, running heads) and as the
plain one-column layout of ``bench.pdf_speed.markdown_to_pdf``; the checked-in PDF fixtures
are read too. The earlier revision's ``domain`` package is taken from git into a temporary
folder and run there in a child process, so nothing of the working tree leaks into it.

    .venv/bin/python -m bench.pdf_same_text [--against REV] [--limit N] [--corpus DIR]

Exits 1 when any file's text or page count differs, naming the files.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "guidelines"
FIXTURES = ROOT / "tests" / "domain" / "fixtures"
# Run in the other revision's folder: every PDF in the folder given, its pages and text.
_EXTRACT = """
import json, sys
from pathlib import Path
from domain.formats import extract
from domain.model import DocumentFormat
out = {}
for path in sorted(Path(sys.argv[1]).glob("*.pdf")):
    result = extract(path.read_bytes(), DocumentFormat.PDF)
    out[path.name] = [result.pages, result.text]
json.dump(out, sys.stdout)
"""


def extract_all(folder: Path) -> dict[str, list[object]]:
    from domain.formats import extract
    from domain.model import DocumentFormat

    out: dict[str, list[object]] = {}
    for path in sorted(folder.glob("*.pdf")):
        result = extract(path.read_bytes(), DocumentFormat.PDF)
        out[path.name] = [result.pages, result.text]
    return out


def extract_at(revision: str, folder: Path) -> dict[str, list[object]]:
    """The same, by the ``domain`` package of ``revision``."""
    archive = subprocess.run(["git", "archive", revision, "domain"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    with tempfile.TemporaryDirectory() as code:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(code, filter="data")
        done = subprocess.run([sys.executable, "-c", _EXTRACT, str(folder)], cwd=code,
                              env={"PYTHONPATH": code, "PATH": "/usr/bin:/bin"},
                              capture_output=True, text=True, check=True)
    result: dict[str, list[object]] = json.loads(done.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--against", default="HEAD", help="git revision to compare with")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="first N guidelines only")
    args = parser.parse_args(argv)
    from bench.pdf_speed import markdown_to_pdf
    from tests.support.documents import render

    paths = sorted(args.corpus.glob("*.md"))[: args.limit or None]
    with tempfile.TemporaryDirectory() as pdfs:
        folder = Path(pdfs)
        for path in paths:
            markdown = path.read_text(encoding="utf-8")
            (folder / f"{path.stem}.pdf").write_bytes(render(markdown, "pdf", name=path.stem))
            (folder / f"{path.stem}.plain.pdf").write_bytes(markdown_to_pdf(markdown))
        for fixture in sorted(FIXTURES.glob("*.pdf")):
            (folder / f"fixture-{fixture.name}").write_bytes(fixture.read_bytes())
        before = extract_at(args.against, folder)
        after = extract_all(folder)
    differ = sorted(name for name in after if before.get(name) != after[name])
    pages = sum(int(str(pages)) for pages, _ in after.values())
    print(f"{len(after) - len(differ)}/{len(after)} PDFs ({pages} pages) give the same text "
          f"and page count as {args.against}")
    for name in differ:
        print(f"  differs: {name}")
    return 1 if differ or not after else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Which advice sentences are hard to read: the advice-text FKGL of each page and the
sentences with the highest grade, so that wording rules are written for the sentences a
reader struggles with, not for one page.

    .venv/bin/python -m bench.advice_sentences NAME [NAME ...] [--top 40] [--names FILE]

A name is a corpus guideline's file name (with or without ``.md``); ``--names`` reads
more, one a line. Prints each page's advice FKGL, the median over the pages and the
``--top`` sentences of at least ``--min-words`` words by grade: words, syllables per
word and the page they come from.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from domain.generation import OfflineProvider
from domain.parsing import parse_guideline
from domain.readability import _flesch_syllables, score, sentences, words

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "guidelines"


def advice_text(name: str) -> str:
    """The advice of the guideline's patient version, one recommendation a line."""
    path = CORPUS / (name if name.endswith(".md") else f"{name}.md")
    pvg = OfflineProvider().generate(parse_guideline(path.read_bytes(), path.name))
    return "\n".join(r.text for r in pvg.recommendations)


def sentence_grade(sentence: str) -> tuple[float, int, float]:
    """FKGL of one sentence, its words and its syllables per word."""
    tokens = words(sentence)
    n = max(1, len(tokens))
    spw = sum(_flesch_syllables(w) for w in tokens) / n
    return 0.39 * n + 11.8 * spw - 15.59, len(tokens), spw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--names", dest="names_file", type=Path)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--min-words", type=int, default=8,
                        help="shorter lines are list items, not sentences, and are not ranked")
    args = parser.parse_args(argv)
    names = list(args.names)
    if args.names_file:
        names += [n.strip() for n in args.names_file.read_text().splitlines() if n.strip()]
    if not names:
        parser.error("no guideline named")
    grades: list[float] = []
    ranked: list[tuple[float, int, float, str, str]] = []
    for name in names:
        text = advice_text(name)
        page = score(text).fkgl
        grades.append(page)
        print(f"{page:6.2f}  {name}")
        for s in sentences(text):
            fk, n, spw = sentence_grade(s)
            if n < args.min_words:
                continue
            ranked.append((fk, n, spw, name.removesuffix(".md"), s))
    print(f"\nadvice FKGL median over {len(grades)} pages: {statistics.median(grades):.2f}")
    print(f"\nthe {args.top} advice sentences with the highest grade:")
    for fk, n, spw, name, s in sorted(ranked, key=lambda r: -r[0])[: args.top]:
        print(f"{fk:5.1f}  {n:3d} words  {spw:.2f} syl/word  {name}\n       {s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Access to the shared guideline corpus next to the repository."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from activities.cpu import generate_offline, parse, quality
from domain.model import ParsedGuideline, PatientVersion, QcOutcome

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "guidelines"


def corpus_file(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.fail(f"corpus file {name} is missing at {CORPUS}: the suite needs ../shared/corpus")
    return path


def page_markdown(name: str) -> str:
    """The offline patient version of one corpus guideline, as the reader sees it."""
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown

    return to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name).read_bytes(),
                                                                  name)))


SMALL_GUIDELINE = "uspstf_abdominal-aortic-aneurysm-screening_2014.md"

_MAJOR = re.compile(r"^## Major Recommendations\s*$(.*?)(?=^## )", re.M | re.S)


def _offline(parsed: ParsedGuideline) -> PatientVersion:
    return generate_offline(parsed, {})


def short_guidelines(
    count: int, generate: Callable[[ParsedGuideline], PatientVersion] = _offline
) -> list[tuple[str, bytes]]:
    """Short guidelines cut from the corpus: a title and two paragraphs of one guideline's
    recommendations each, kept when they parse and what ``generate`` makes of them passes
    quality control (so that none waits for a reviewer)."""
    sources = []
    for path in sorted(CORPUS.glob("*.md")):
        body = path.read_text()
        title = next((line[2:] for line in body.splitlines() if line.startswith("# ")), path.stem)
        found = _MAJOR.search(body)
        if found is None:
            continue
        paragraphs = [
            p.strip()
            for p in found.group(1).split("\n\n")
            if len(p.strip()) > 80 and not p.lstrip().startswith("#")
        ]
        if len(paragraphs) >= 2:
            sources.append((path.stem, title.strip(), paragraphs))
    chosen: list[tuple[str, bytes]] = []
    for offset in range(40):
        for stem, title, paragraphs in sources:
            pair = paragraphs[offset : offset + 2]
            if len(pair) < 2:
                continue
            n = len(chosen) + 1
            content = (
                f"# {title} (part {n})\n\n## Major Recommendations\n\n" + "\n\n".join(pair) + "\n"
            ).encode()
            try:
                parsed = parse(content, "g.md", "auto", 10, 10_000_000)
                if quality(parsed, generate(parsed)).outcome != QcOutcome.PASS:
                    continue
            except Exception:  # noqa: S112 - not a guideline on its own: take another
                continue
            chosen.append((f"{stem}-{n}.md", content))
            if len(chosen) == count:
                return chosen
    raise AssertionError(f"the corpus gave only {len(chosen)} short guidelines")

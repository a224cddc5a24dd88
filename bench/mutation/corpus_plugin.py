"""Pytest plugin for mutation runs: point the domain tests at the real corpus.

mutmut copies the tests into ``mutants/`` and runs them from there, so the corpus path the
tests derive from their own location (``../shared/corpus`` beside the repository) would
point inside the repository instead. This plugin finds the corpus by walking up from the
working directory and hands it to the tests' helpers; a missing corpus still fails the run.
"""

from __future__ import annotations

from pathlib import Path

GUIDELINES = Path("shared") / "corpus" / "guidelines"


def corpus_dir(start: Path) -> Path | None:
    """The first ``shared/corpus/guidelines`` found in ``start`` or one of its parents."""
    for folder in (start, *start.parents):
        if (folder / GUIDELINES).is_dir():
            return folder / GUIDELINES
    return None


def pytest_configure() -> None:
    found = corpus_dir(Path.cwd().resolve())
    if found is None:
        return  # the tests' own helpers then fail with their message
    import tests.domain.conftest as domain_conftest
    import tests.support.corpus as support_corpus

    domain_conftest.CORPUS = found
    support_corpus.CORPUS = found

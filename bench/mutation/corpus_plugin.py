"""Pytest plugin for mutation runs: point the domain tests at the real corpus, and start
every test of a mutation run with empty domain caches.

mutmut copies the tests into ``mutants/`` and runs them from there, so the corpus path the
tests derive from their own location (``../shared/corpus`` beside the repository) would
point inside the repository instead. This plugin finds the corpus by walking up from the
working directory and hands it to the tests' helpers; a missing corpus still fails the run.

mutmut runs the tests once in its own process, then forks one child per mutant. A
``functools.lru_cache`` of a domain module filled in that process is inherited by every
child, so a test that reaches a mutated function only beneath a cached one gets the cached
answer and the mutant survives unseen (``_normalise`` under ``numbers._clinical_numbers``).
The plugin is loaded only by mutmut (``pytest_add_cli_args`` in pyproject.toml), so ordinary
test runs keep their caches.
"""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest

GUIDELINES = Path("shared") / "corpus" / "guidelines"


class Cached(Protocol):
    def cache_clear(self) -> None: ...


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


def in_mutation_run() -> bool:
    """Whether mutmut runs these tests for a mutant, or to see which tests reach which
    function ("stats"; its timings set each mutant's time limit, so they are taken alike).
    The clean run (an empty name) and the setup checks keep their caches."""
    name = os.environ.get("MUTANT_UNDER_TEST", "")
    return name == "stats" or "__mutmut_" in name


def domain_caches() -> list[Cached]:
    """The per-argument lru caches of the imported domain modules. Caches of a function
    without arguments only hold a word list read from a data file; refilling them before
    every test would cost seconds and test nothing."""
    caches: dict[int, Cached] = {}  # by identity: modules import each other's functions
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "domain" or name.startswith("domain.")):
            continue
        for value in vars(module).values():
            wrapped = getattr(value, "__wrapped__", None)
            if (callable(getattr(value, "cache_clear", None)) and callable(wrapped)
                    and inspect.signature(wrapped).parameters):
                caches[id(value)] = value
    return list(caches.values())


@pytest.fixture(autouse=True)
def _fresh_domain_caches() -> Iterator[None]:
    """Each test of a mutation run computes what it asks for, under the mutant."""
    if in_mutation_run():
        for cached in domain_caches():
            cached.cache_clear()
    yield

"""The layer contracts of pyproject.toml ([tool.importlinter]) hold, and an upward import
breaks them: ``lint-imports`` is run on a copy of the code with one such import added."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGES = ("api", "cpg2pvg", "workflows", "activities", "db", "domain")
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LINT_IMPORTS, "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The packages and pyproject.toml, copied: lint-imports reads the copy only."""
    for package in PACKAGES:
        shutil.copytree(
            REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(
    ("module", "upward", "contract"),
    [
        ("db/upward.py", "from activities import pipeline", "nothing imports upward"),
        ("cpg2pvg/upward.py", "from cpg2pvg.ops import schedules", "nothing imports upward"),
        ("activities/upward.py", "import workflows.guideline", "nothing imports upward"),
        ("domain/upward.py", "import sqlalchemy", "The domain is pure"),
        ("workflows/upward.py", "from db import guidelines", "only through activities"),
    ],
)
def test_an_upward_import_breaks_the_contracts(
    tree: Path, module: str, upward: str, contract: str
) -> None:
    (tree / module).write_text(f'"""An import the layers forbid."""\n\n{upward}\n')
    if module.startswith("cpg2pvg/"):
        # A new module of cpg2pvg/ must be placed in the ground or ops: list it as ground.
        config = tree / "pyproject.toml"
        config.write_text(
            config.read_text().replace("cpg2pvg.logs\",", "cpg2pvg.logs : cpg2pvg.upward\",")
            .replace('temporal : logs",', 'temporal : logs : upward",')
        )
    linted = _lint(tree)
    assert linted.returncode == 1, linted.stdout + linted.stderr
    assert f"{contract}" in linted.stdout and "BROKEN" in linted.stdout
    assert module.removesuffix(".py").replace("/", ".") in linted.stdout


def test_the_code_keeps_its_contracts(tree: Path) -> None:
    linted = _lint(tree)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    assert "0 broken" in linted.stdout


def test_a_module_of_cpg2pvg_that_is_neither_ground_nor_ops_is_refused(tree: Path) -> None:
    (tree / "cpg2pvg" / "stray.py").write_text('"""Placed nowhere."""\n')
    linted = _lint(tree)
    assert linted.returncode == 1, linted.stdout
    assert "cpg2pvg.stray" in linted.stdout

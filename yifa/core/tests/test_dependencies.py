"""The two locks: production installs requirements.lock, which must hold no test or lint tool; development
installs requirements-dev.lock, which must pin every runtime package to the same version. Dependencies still
below 1.0 carry an upper bound (their minor releases may break)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[3]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)", re.MULTILINE)


def pins(name: str) -> dict[str, str]:
    return {canonicalize_name(n): v for n, v in PIN.findall((ROOT / name).read_text())}


def requirements(group: list[str]) -> list[Requirement]:
    return [Requirement(line) for line in group]


def test_the_runtime_lock_holds_no_development_tool():
    runtime = pins("requirements.lock")
    for tool in ("pytest", "pytest-django", "pytest-xdist", "mypy", "ruff", "playwright", "hypothesis",
                 "django-stubs", "import-linter", "schemathesis", "polib", "time-machine"):
        assert tool not in runtime, f"{tool} is a development tool, yet production would install it"
    for requirement in requirements(PYPROJECT["project"]["dependencies"]):
        name = canonicalize_name(requirement.name)
        assert name in runtime, f"{name} is a runtime dependency missing from requirements.lock"
        assert requirement.specifier.contains(runtime[name]), f"{name}=={runtime[name]} breaks {requirement}"


def test_the_development_lock_is_the_runtime_lock_plus_the_tools():
    runtime, development = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {name: development.get(name) for name in runtime} == runtime
    for requirement in requirements(PYPROJECT["project"]["optional-dependencies"]["dev"]):
        name = canonicalize_name(requirement.name)
        assert name in development, f"{name} is missing from requirements-dev.lock"
        assert requirement.specifier.contains(development[name])


def test_dependencies_below_one_point_oh_are_bounded_to_their_minor_version():
    groups = [PYPROJECT["project"]["dependencies"], *PYPROJECT["project"]["optional-dependencies"].values()]
    for requirement in requirements([line for group in groups for line in group]):
        lower = [Version(s.version) for s in requirement.specifier if s.operator in (">=", "==", "~=")]
        if not lower or lower[0].major >= 1:
            continue
        uppers = [Version(s.version) for s in requirement.specifier if s.operator == "<"]
        assert uppers, f"{requirement} is below 1.0 and has no upper bound"
        assert uppers[0] <= Version(f"0.{lower[0].minor + 1}"), f"{requirement} admits its next minor release"

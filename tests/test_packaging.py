"""The package: one version (pyproject.toml's), a licence, classifiers, a pinned linter."""

from __future__ import annotations

import importlib
import importlib.metadata
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import caseroom

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def project() -> dict[str, Any]:
    doc: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project: dict[str, Any] = doc["project"]
    return project


def test_the_version_is_read_from_the_installed_package_metadata(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        importlib.metadata, "version", lambda name: "9.8.7" if name == "caseroom" else "?"
    )
    try:
        assert importlib.reload(caseroom).__version__ == "9.8.7"
    finally:
        monkeypatch.undo()
        importlib.reload(caseroom)


def test_the_installed_version_is_pyproject_s(project: dict[str, Any]) -> None:
    """Fails after a version bump until `pip install -e .` runs again (CI installs afresh)."""
    assert caseroom.__version__ == importlib.metadata.version("caseroom") == project["version"]


def test_caseroom_version_prints_it_from_the_installed_command(project: dict[str, Any]) -> None:
    command = shutil.which("caseroom", path=str(Path(sys.executable).parent))
    assert command is not None, "caseroom is not installed in this environment"
    done = subprocess.run([command, "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"caseroom {project['version']}\n"


def test_the_licence_is_mit_and_ships_with_the_package(project: dict[str, Any]) -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 the caseroom authors" in text
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]


def test_the_classifiers_say_where_it_runs(project: dict[str, Any]) -> None:
    classifiers = set(project["classifiers"])
    assert {
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Operating System :: OS Independent",
        "Environment :: Console",
        "Natural Language :: Danish",
        "Natural Language :: English",
        "Topic :: Office/Business",
    } <= classifiers
    # the licence is said once, as an SPDX expression (PEP 639), not again as a classifier
    assert project["license"] == "MIT"
    assert not any(c.startswith("License ::") for c in classifiers)
    assert project["requires-python"] == ">=3.11"


def test_ruff_is_pinned_to_the_version_that_lints_here(project: dict[str, Any]) -> None:
    pins = [dep for dep in project["optional-dependencies"]["dev"] if dep.startswith("ruff")]
    assert [pin.split("#")[0].strip() for pin in pins] == [
        f"ruff=={importlib.metadata.version('ruff')}"
    ]

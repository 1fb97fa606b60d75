"""Where the bundled cases are found: in the package (a wheel), else in the source tree's cases/.

tests/test_wheel.py installs a built wheel and runs it; these tests pin the order on folders
laid out like the two installs, and check this checkout (an editable install or a source tree).
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import caseroom.cli
import caseroom.store.cases
from caseroom.store.cases import DEFAULT_CASE_ID, bundled_dir, bundled_paths, locate_bundled_dir

ROOT = Path(__file__).resolve().parents[2]
CASE_IDS = {
    "follow-up",
    "idemoede",
    "klyngemoede",
    "opfoelgning",
    "praesentation",
    "presentation",
    "retrospektiv",
    "t2d-aarsstatus",
    "t2d-annual-review",
}


def _layout(root: Path, *files: str) -> Path:
    """Empty files under root; returns root/caseroom, the package folder."""
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("", encoding="utf-8")
    (root / "caseroom").mkdir(exist_ok=True)
    return root / "caseroom"


def test_an_installed_package_reads_its_own_cases_never_a_folder_beside_it(
    tmp_path: Path,
) -> None:
    # site-packages after a wheel install, with a stray cases/ (and even a pyproject.toml) beside
    package = _layout(
        tmp_path,
        "caseroom/cases/mine.toml",
        "cases/stray.toml",
        "pyproject.toml",
    )
    assert locate_bundled_dir(package) == package / "cases"


def test_a_source_tree_reads_the_cases_folder_at_the_root(tmp_path: Path) -> None:
    package = _layout(tmp_path, "cases/example.toml", "pyproject.toml", "caseroom/__init__.py")
    assert locate_bundled_dir(package) == tmp_path / "cases"


def test_a_package_folder_without_case_files_is_no_reason_to_ignore_the_source_tree(
    tmp_path: Path,
) -> None:
    # a leftover caseroom/cases/ holding only, say, __pycache__ or notes
    package = _layout(tmp_path, "caseroom/cases/README.txt", "cases/example.toml", "pyproject.toml")
    assert locate_bundled_dir(package) == tmp_path / "cases"


def test_a_cases_folder_outside_a_source_tree_is_never_read(tmp_path: Path) -> None:
    # an install whose package lost its cases: site-packages has no pyproject.toml
    package = _layout(tmp_path, "cases/stray.toml")
    assert locate_bundled_dir(package) == package / "cases"
    assert not list(locate_bundled_dir(package).glob("*.toml"))


def test_this_checkout_keeps_the_cases_at_the_root_and_reads_them_there() -> None:
    assert not (ROOT / "caseroom" / "cases").exists(), "the cases moved to cases/"
    assert bundled_dir() == ROOT / "cases"
    assert set(bundled_paths()) == CASE_IDS
    assert DEFAULT_CASE_ID in bundled_paths()


def test_the_editable_install_runs_the_source_tree_s_package_and_cases(tmp_path: Path) -> None:
    """As installed by the README (`pip install -e`): run from a folder outside the repo."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import caseroom; from caseroom.store.cases import bundled_dir;"
            " print(caseroom.__file__); print(bundled_dir())",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    package_file, cases = done.stdout.splitlines()
    assert Path(package_file) == ROOT / "caseroom" / "__init__.py"
    assert Path(cases) == ROOT / "cases"


def test_the_wheel_the_sdist_and_ci_name_the_cases_folder() -> None:
    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]
    targets = build["build"]["targets"]
    assert targets["wheel"]["force-include"] == {"cases": "caseroom/cases"}
    assert "cases" in targets["sdist"]["include"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "caseroom check cases/*.toml" in ci and "caseroom/cases" not in ci


def test_caseroom_cases_without_any_case_file_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for module in (caseroom.store.cases, caseroom.cli):
        monkeypatch.setattr(module, "bundled_dir", lambda: tmp_path)
    assert caseroom.cli.cmd_cases() == 2
    out, err = capsys.readouterr()
    assert out == "" and err == f"caseroom: no bundled case files in {tmp_path}\n"

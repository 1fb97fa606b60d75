"""A package that installs anywhere: the built wheel, installed into a fresh venv, has its cases.

The bundled cases live in cases/ at the repository root and ship inside the wheel as
caseroom/cases/ (pyproject.toml's force-include). This builds the wheel from this checkout
without network (hatchling from the dev extras, --no-build-isolation), installs it into a new
virtual environment (its dependencies are lent from this one by a .pth line, so nothing is
downloaded and the editable install's hook is not run there), and runs `caseroom` from a folder
outside the repository, with stray `cases/` folders where a careless loader would look.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CASE_IDS = [
    "follow-up",
    "idemoede",
    "klyngemoede",
    "opfoelgning",
    "praesentation",
    "presentation",
    "retrospektiv",
    "t2d-aarsstatus",
    "t2d-annual-review",
]
STRAY = 'format = 1\nid = "stray"\n'  # not even a valid case: listing it would fail loudly


@dataclass(frozen=True)
class Installed:
    wheel: Path
    python: Path
    caseroom: Path
    site: Path
    elsewhere: Path  # the working folder: outside the repository
    env: dict[str, str]


def _run(
    args: list[str | Path], env: dict[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
        cwd=cwd,
    )
    assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    assert importlib.util.find_spec("hatchling"), "hatchling is a dev extra: pip install -e .[dev]"
    base = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PIP_", "VIRTUAL"))}
    env |= {"PYTHONIOENCODING": "utf-8", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env["CASEROOM_HOME"] = str(base / "home")
    pip = [sys.executable, "-m", "pip"]
    _run(
        [
            *pip,
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--no-cache-dir",
            "-q",
            "-w",
            base / "dist",
            ROOT,
        ],
        env=env,
        cwd=base,
    )
    (wheel,) = (base / "dist").glob("caseroom-*.whl")

    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], env=env)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    paths = json.loads(
        _run(
            [python, "-c", "import json, sysconfig; print(json.dumps(sysconfig.get_paths()))"],
            env=env,
        ).stdout
    )
    site = Path(paths["purelib"])
    here = sysconfig.get_paths()
    lent = dict.fromkeys([here["purelib"], here["platlib"]])  # this venv's textual, pydantic …
    (site / "_caseroom_test_deps.pth").write_text("\n".join(lent) + "\n", encoding="utf-8")
    _run(
        [
            *pip,
            "--python",
            python,
            "install",
            "--no-deps",
            "--no-index",
            "--no-cache-dir",
            "-q",
            wheel,
        ],
        env=env,
        cwd=base,
    )
    caseroom = Path(paths["scripts"]) / ("caseroom.exe" if os.name == "nt" else "caseroom")

    # stray case folders where a loader must not look: beside the installed package (with a
    # pyproject.toml, like a source tree) and in the working folder
    for folder in (site, base / "elsewhere"):
        (folder / "cases").mkdir(parents=True)
        (folder / "cases" / "stray.toml").write_text(STRAY, encoding="utf-8")
    (site / "pyproject.toml").write_text('[project]\nname = "caseroom"\n', encoding="utf-8")
    return Installed(wheel, python, caseroom, site, base / "elsewhere", env)


def test_the_wheel_carries_the_cases_inside_the_package(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    assert sorted(n for n in names if "/cases/" in f"/{n}") == [
        f"caseroom/cases/{case_id}.toml" for case_id in CASE_IDS
    ]
    for case_id in CASE_IDS:
        packed = zipfile.ZipFile(installed.wheel).read(f"caseroom/cases/{case_id}.toml")
        assert packed == (ROOT / "cases" / f"{case_id}.toml").read_bytes()


def test_the_installed_package_is_the_wheel_s_not_the_checkout(installed: Installed) -> None:
    done = _run(
        [
            installed.python,
            "-c",
            "import caseroom; from caseroom.store.cases import bundled_dir;"
            " print(caseroom.__file__); print(bundled_dir())",
        ],
        env=installed.env,
        cwd=installed.elsewhere,
    )
    package_file, cases = done.stdout.splitlines()
    assert Path(package_file) == installed.site / "caseroom" / "__init__.py"
    assert Path(cases) == installed.site / "caseroom" / "cases"


def test_caseroom_cases_lists_the_bundled_cases(installed: Installed) -> None:
    done = _run([installed.caseroom, "cases"], env=installed.env, cwd=installed.elsewhere)
    assert [line.split()[0] for line in done.stdout.splitlines()] == CASE_IDS
    assert "(default)" in done.stdout and "stray" not in done.stdout + done.stderr


def test_caseroom_check_passes_on_a_bundled_case_copied_out(installed: Installed) -> None:
    bundled = installed.site / "caseroom" / "cases" / "retrospektiv.toml"
    mine = installed.elsewhere / "my-case.toml"
    mine.write_bytes(bundled.read_bytes())  # what a clinic does with an example
    done = _run(
        [installed.caseroom, "check", bundled, "my-case.toml"],
        env=installed.env,
        cwd=installed.elsewhere,
    )
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    for line, path in zip(lines, (bundled, "my-case.toml"), strict=True):
        assert line.startswith(f"{path}: OK (retrospektiv, "), line


def test_caseroom_export_renders_from_the_bundled_templates(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    templates = sorted(n for n in names if n.endswith(".j2"))
    assert templates == [
        f"caseroom/store/export/templates/{name}"
        for name in (
            "_common.md.j2",
            "chosen.md.j2",
            "meeting.md.j2",
            "next_steps.md.j2",
            "plan.md.j2",
        )
    ]
    session = ROOT / "tests" / "data" / "sessions" / "export-meeting.toml"
    golden = ROOT / "tests" / "data" / "exports" / "plan-en.md"
    done = _run(
        [installed.caseroom, "export", session, "--format", "plan", "--lang", "en"],
        env=installed.env,
        cwd=installed.elsewhere,
    )
    assert done.stdout == golden.read_text(encoding="utf-8")


def test_caseroom_new_writes_its_commented_case_from_the_wheel(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    assert {"caseroom/store/case_templates/da.toml", "caseroom/store/case_templates/en.toml"} <= (
        set(names)
    )
    for case_id, lang in (("vores-case", "da"), ("our-case", "en")):
        _run(
            [installed.caseroom, "new", case_id, "--lang", lang],
            env=installed.env,
            cwd=installed.elsewhere,
        )
    done = _run(
        [installed.caseroom, "check", "vores-case.toml", "our-case.toml"],
        env=installed.env,
        cwd=installed.elsewhere,
    )
    assert [line.split(" (")[0] for line in done.stdout.splitlines()] == [
        "vores-case.toml: OK",
        "our-case.toml: OK",
    ]

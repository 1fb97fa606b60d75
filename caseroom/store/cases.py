"""The bundled case files and how a CASE argument is resolved to a file.

The case files live in `cases/` at the repository root. A wheel carries them inside the package
(`caseroom/cases/`, pyproject.toml's force-include); an editable install or a source tree runs
the package from `caseroom/` beside them, where the package holds none.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from caseroom.domain.case import Case, load_case
from caseroom.domain.errors import CaseFileError

DEFAULT_CASE_ID = "t2d-aarsstatus"
BUNDLED_PREFIX = "bundled:"


def bundled_dir() -> Path:
    """Where the bundled case files are: the package's own first, else the source tree's.

    The package's copy wins whenever it holds a case file, so an installed wheel never reads a
    `cases/` folder that happens to lie beside it (site-packages); the source tree's `cases/`
    is used only when the package has none and the folder above the package is caseroom's
    source tree (its pyproject.toml is there).
    """
    return locate_bundled_dir(resources.files("caseroom"))


def locate_bundled_dir(package: Traversable) -> Path:
    packaged = package / "cases"
    if packaged.is_dir() and any(_is_case_file(entry) for entry in packaged.iterdir()):
        return Path(str(packaged))
    root = Path(str(package)).parent
    source = root / "cases"
    if (root / "pyproject.toml").is_file() and source.is_dir():
        return source
    return Path(str(packaged))


def _is_case_file(entry: Traversable) -> bool:
    return entry.name.endswith(".toml") and entry.is_file()


def bundled_paths() -> dict[str, Path]:
    """Bundled case ids (the file stem equals the case id) and their files."""
    return {p.stem: p for p in sorted(bundled_dir().glob("*.toml"))}


def resolve_case(argument: str | None) -> tuple[Path, str]:
    """A bundled id or a path -> (file, source). The source is what a session records."""
    name = argument or DEFAULT_CASE_ID
    bundled = bundled_paths()
    if name in bundled:
        return bundled[name], BUNDLED_PREFIX + name
    if name.startswith(BUNDLED_PREFIX) and name[len(BUNDLED_PREFIX) :] in bundled:
        return bundled[name[len(BUNDLED_PREFIX) :]], name
    path = Path(name).expanduser()
    if path.exists():
        return path, str(path.resolve())
    if name.startswith(BUNDLED_PREFIX):
        raise CaseFileError([f"{name}: no bundled case with that id (see `caseroom cases`)"])
    raise CaseFileError([f"{name}: no such file, and not a bundled case id (see `caseroom cases`)"])


def open_case(argument: str | None) -> tuple[Case, str, list[str]]:
    """Load a case by id or path -> (case, source, warnings); raises CaseFileError."""
    path, source = resolve_case(argument)
    case, warnings = load_case(path)
    return case, source, warnings

"""The bundled case files and how a CASE argument is resolved to a file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from caseroom.domain.case import Case, load_case
from caseroom.domain.errors import CaseFileError

DEFAULT_CASE_ID = "t2d-aarsstatus"
BUNDLED_PREFIX = "bundled:"


def bundled_dir() -> Path:
    return Path(str(resources.files("caseroom") / "cases"))


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

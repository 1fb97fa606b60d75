"""Where sessions live: the platform's user-data folder unless `--session FILE` says otherwise.

`~/.local/share/caseroom` on Linux, `~/Library/Application Support/caseroom` on macOS and
`%LOCALAPPDATA%\\caseroom` on Windows (no vendor folder above it: `appauthor=False`).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import platformdirs

from caseroom.store.lock import lock_path


def sessions_dir() -> Path:
    override = os.environ.get("CASEROOM_HOME")
    if override:
        base = Path(override)
    else:
        base = Path(platformdirs.PlatformDirs("caseroom", appauthor=False).user_data_dir)
    return base / "sessions"


def new_session_path(case_id: str, when: datetime, folder: Path | None = None) -> Path:
    """A fresh file name such as 2026-11-24_0830-t2d-aarsstatus.toml (never an existing one)."""
    folder = folder or sessions_dir()
    stem = f"{when:%Y-%m-%d_%H%M}-{case_id}"
    path = folder / f"{stem}.toml"
    counter = 2
    while path.exists() or lock_path(path).exists():  # or about to be: a start screen is up
        path = folder / f"{stem}-{counter}.toml"
        counter += 1
    return path

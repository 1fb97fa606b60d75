"""caseroom: run a structured, timed learning meeting live in the terminal."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`caseroom.__version__`, read from the installed package's metadata when first asked.

    pyproject.toml is the one place the version is written. Reading it imports
    importlib.metadata (and with it email and zipfile): tens of milliseconds that a meeting's
    start-up does not pay, since only `--version` asks.
    """
    if name != "__version__":
        raise AttributeError(f"module 'caseroom' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("caseroom")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"

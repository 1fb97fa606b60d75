"""caseroom: run a structured, timed learning meeting live in the terminal."""

from __future__ import annotations

__version__ = "0.1.0"

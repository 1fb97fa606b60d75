"""The domain's error messages reach the screen in the UI's language."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from caseroom.domain.errors import DomainError
from caseroom.ui.i18n import explain

DOMAIN = Path(__file__).resolve().parents[2] / "caseroom" / "domain"
# raised only for the command line (English there) or for a programming error
NOT_ON_SCREEN = ("--people", "unknown agenda event", "unknown capture kind")


def raised_messages() -> list[str]:
    """Every DomainError("…") / DomainError(f"…") in the domain, `{…}` filled with 'X'."""
    found = []
    for path in sorted(DOMAIN.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "DomainError"):
                continue
            if not node.args:
                continue
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.append(argument.value)
            elif isinstance(argument, ast.JoinedStr):
                found.append(
                    "".join(
                        part.value if isinstance(part, ast.Constant) else "X"
                        for part in argument.values
                    )
                )
    return found


MESSAGES = [m for m in raised_messages() if not m.startswith(NOT_ON_SCREEN)]


def test_the_domain_raises_what_this_test_reads() -> None:
    assert len(MESSAGES) > 15 and "nothing to undo" in MESSAGES


@pytest.mark.parametrize("message", MESSAGES)
def test_every_domain_error_the_screen_can_show_is_danish_in_danish(message: str) -> None:
    danish = explain(DomainError(message), "da")
    assert danish != message, message
    assert explain(DomainError(message), "en") == message


def test_parameters_carry_over() -> None:
    assert explain(DomainError("'Bo B.' is already on the list"), "da") == (
        "Bo B. er allerede på listen"
    )
    assert explain(DomainError("at most 30 participants"), "da") == "højst 30 deltagere"
    assert explain(DomainError("something new"), "da") == "something new"  # as it is

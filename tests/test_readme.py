"""The README's set-up and examples work as written, and it links nothing outside the repo."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

from caseroom.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
LOCAL = ("http://127.0.0.1", "http://localhost")  # caseroom clock --serve's own address


def shell_lines() -> list[str]:
    """The commands of the README's ```sh blocks, comments dropped."""
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def test_every_link_stays_inside_the_repository() -> None:
    for target in re.findall(r"\]\(([^)\s]+)\)", README):  # [text](target)
        assert "://" not in target, target
        assert (ROOT / target.split("#")[0]).exists() or target.startswith("#"), target
    for url in re.findall(r"[a-z][a-z0-9+.-]*://[^\s)`>]+", README):
        assert url.startswith(LOCAL), url


def test_the_set_up_runs_caseroom_from_the_venv_and_the_examples_say_how() -> None:
    lines = shell_lines()
    assert lines[0].startswith("python3 -m venv .venv && .venv/bin/pip install -e")
    assert lines[0].endswith("&& .venv/bin/caseroom")
    assert ".venv/bin/python -m pytest" in lines
    assert "pipx install ." in lines
    running = README.split("## Running a meeting", 1)[1].split("```sh", 1)[0]
    assert ". .venv/bin/activate" in running and ".venv/bin/caseroom" in running


def test_every_caseroom_example_names_a_command_the_cli_has() -> None:
    parser = build_parser()
    commands = next(
        action.choices
        for action in parser._actions  # argparse keeps its sub-commands only here
        if isinstance(action, argparse._SubParsersAction)
    )
    examples = [line for line in shell_lines() if line.startswith("caseroom")]
    assert len(examples) >= 8
    for line in examples:
        words = shlex.split(line.replace("[", "").replace("]", "").replace("|", " "))
        if len(words) > 1 and not words[1].startswith("-"):
            assert words[1] in commands, line

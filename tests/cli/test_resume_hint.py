""" "Luk, fortsæt senere": once the screen has closed, caseroom prints where the session is and
the exact command that continues it, quoted for the shell."""

from __future__ import annotations

import os
import re
import shlex
import sys
import tomllib
from pathlib import Path

import pexpect

from caseroom.cli import resume_hint
from caseroom.store.running import running_list, running_sessions

ROOT = Path(__file__).resolve().parents[2]
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[=>]")


def test_the_hint_names_the_file_and_the_command_quoted(tmp_path: Path) -> None:
    session = tmp_path.resolve() / "mit møde's.toml"
    session.write_text("", encoding="utf-8")
    quoted = shlex.quote(str(session))
    assert resume_hint(session, running=True, saved=True, lang="da") == [
        f"Mødet er gemt i {session}",
        "Fortsæt det senere med:",
        f"  caseroom resume {quoted}",
    ]
    assert shlex.split(resume_hint(session, running=True, saved=True, lang="da")[2]) == [
        "caseroom",
        "resume",
        str(session),
    ]
    assert resume_hint(session, running=True, saved=True, lang="en", lang_option="en") == [
        f"The meeting is saved in {session}",
        "Continue it later with:",
        f"  caseroom resume {quoted} --lang en",
    ]


def test_no_hint_for_a_finished_unsaved_or_unsaved_yet_meeting(tmp_path: Path) -> None:
    session = tmp_path / "s.toml"
    assert resume_hint(session, running=True, saved=True, lang="da") == []  # no file yet
    session.write_text("", encoding="utf-8")
    assert resume_hint(session, running=False, saved=True, lang="da") == []
    assert resume_hint(session, running=True, saved=False, lang="da") == []


def test_close_and_continue_later_prints_the_resume_command_and_unlists_it(tmp_path: Path) -> None:
    session = tmp_path.resolve() / "mit møde.toml"
    home = tmp_path / "home"
    env = {**os.environ, "CASEROOM_HOME": str(home), "TERM": "xterm-256color"}
    env.pop("TEXTUAL", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "caseroom", "run", "--people", "Anna:læge,Bo:sekretær", "--session", str(session)],
        env=env,
        cwd=str(ROOT),
        dimensions=(40, 120),
        encoding="utf-8",
        codec_errors="replace",
        timeout=30,
    )
    try:
        child.expect("Opstart")
        child.send(" ")  # start the meeting
        child.expect("Luk|Opstart")
        child.send("q")
        child.expect("fortsæt senere")
        # listed while open: `caseroom clock` finds it though it is outside the sessions folder
        assert running_sessions(home) == [session]
        child.send("\r")  # the focused choice: close, continue later
        child.expect(pexpect.EOF)
    finally:
        if child.isalive():
            child.terminate(force=True)
    child.close()
    assert child.exitstatus == 0
    printed = ANSI.sub("", child.before or "").replace("\r", "")
    assert f"Mødet er gemt i {session}\nFortsæt det senere med:\n" in printed
    assert f"  caseroom resume {shlex.quote(str(session))}\n" in printed
    assert running_sessions(home) == [] and '"running": []' in running_list(home).read_text()
    with session.open("rb") as file:
        assert tomllib.load(file)["status"] == "running"

"""A clinic's own templates: found before the bundled ones, their mistakes told in one line,
and never a way round the cleaning of text (`plain_text`) or the sandbox."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from caseroom.domain.meeting import Meeting
from caseroom.store.export import ExportError, load_for_export, render, to_markdown, to_plan
from caseroom.store.export.markdown import BUNDLED, user_templates_dir

from .export_fixture import FIXTURE, GOLDEN

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty templates folder that the exports search first (CASEROOM_CONFIG)."""
    monkeypatch.setenv("CASEROOM_CONFIG", str(tmp_path / "config"))
    folder = tmp_path / "config" / "templates"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture(scope="module")
def meeting() -> Meeting:
    return load_for_export(FIXTURE)


def test_the_templates_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CASEROOM_CONFIG", raising=False)
    monkeypatch.delenv("CASEROOM_HOME", raising=False)
    assert user_templates_dir().parts[-2:] == ("caseroom", "templates")
    monkeypatch.setenv("CASEROOM_HOME", str(tmp_path / "home"))
    assert user_templates_dir() == tmp_path / "home" / "templates"  # a portable setup
    monkeypatch.setenv("CASEROOM_CONFIG", str(tmp_path / "config"))
    assert user_templates_dir() == tmp_path / "config" / "templates"


def test_an_empty_templates_folder_changes_nothing(config: Path, meeting: Meeting) -> None:
    assert to_plan(meeting, "da") == (GOLDEN / "plan-da.md").read_text(encoding="utf-8")
    assert to_markdown(meeting, "en") == (GOLDEN / "meeting-en.md").read_text(encoding="utf-8")


def test_a_clinic_s_plan_template_replaces_the_bundled_one(config: Path, meeting: Meeting) -> None:
    (config / "plan.md.j2").write_text(
        "# Vores handleplan: {{ v.header.title }}\n\n"
        "{% for p in v.proposals.plan %}\n"
        "- {{ p.text|bullet('') }} ({{ p.responsible or t('md.nobody') }})\n"
        "{% endfor %}\n",
        encoding="utf-8",
    )
    text = to_plan(meeting)
    assert text.startswith("# Vores handleplan: Case-møde: Årsstatus")
    assert "Lav en bookingtjekliste til årsstatus" in text and "(Carla Nør)" in text
    assert "Ændring 1" not in text and text.endswith(")\n")
    # the summary has no template of the clinic's: it stays as bundled
    assert to_markdown(meeting) == (GOLDEN / "meeting-da.md").read_text(encoding="utf-8")


def test_a_clinic_s_template_can_reword_one_block_of_the_bundled_plan(
    config: Path, meeting: Meeting
) -> None:
    (config / "plan.md.j2").write_text(
        '{% extends "bundled/plan.md.j2" %}\n'
        "{% block intro %}\n"
        "Skrevet af {{ v.opsamling.drafter or blank }} inden {{ v.opsamling.plan_deadline }}.\n"
        "\n"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    text = to_plan(meeting)
    golden = (GOLDEN / "plan-da.md").read_text(encoding="utf-8")
    assert "Skrevet af Anna Lund inden tirsdag 1. december 2026 (en uge efter mødet).\n" in text
    assert "Felter med _[udfyld]_" not in text
    assert text.split("## Ændring 1")[1] == golden.split("## Ændring 1")[1]  # the rest as is


def test_a_clinic_s_summary_can_leave_out_a_section_and_reword_another(
    config: Path, meeting: Meeting
) -> None:
    (config / "meeting.md.j2").write_text(
        '{% extends "bundled/meeting.md.j2" %}\n'
        "{% block talk %}{% endblock %}\n"
        "{% block handleplan %}\n"
        "## Næste skridt\n"
        "\n"
        "{{ v.opsamling.drafter }} skriver handleplanen senest {{ v.opsamling.deadline }}.\n"
        "\n"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    text = to_markdown(meeting)
    golden = (GOLDEN / "meeting-da.md").read_text(encoding="utf-8")
    assert "## Taletid" in golden and "## Taletid" not in text
    assert "\n## Næste skridt\n\nAnna Lund skriver handleplanen senest tirsdag 1." in text
    assert text.startswith(golden.split("## Taletid")[0])
    assert text.endswith(golden[golden.index("\n## Evaluering") :])


@pytest.mark.parametrize(
    ("source", "line", "says"),
    [
        ("# {{ v.header.title }}\n\n{% for p in v.proposals.plan %}\n- {{ p.text }}\n", 4, "for"),
        ("# ok\n{{ v.header.title ) }}\n", 2, "unexpected ')'"),
        ("# ok\n\n{{ v.header.nothing_of_that_name }}\n", 3, "nothing_of_that_name"),
        ("# ok\n{{ no_such_name }}\n", 2, "no_such_name"),
        ("{{ v.header.title|no_such_filter }}\n", 1, "no_such_filter"),
        ("# ok\n{{ v.__class__.__init__.__globals__ }}\n", 2, "unsafe"),  # sandboxed
        ("{% extends 'plan.md.j2' %}\n{% block intro %}{% endblock %}\n{% bad %}\n", 3, "bad"),
    ],
)
def test_a_broken_template_is_one_line_naming_its_file_and_line(
    config: Path, meeting: Meeting, source: str, line: int, says: str
) -> None:
    (config / "plan.md.j2").write_text(source, encoding="utf-8")
    with pytest.raises(ExportError) as raised:
        to_plan(meeting)
    message = str(raised.value)
    assert message.startswith(f"{config / 'plan.md.j2'}:{line}: "), message
    assert says in message and "\n" not in message


def test_a_template_cannot_print_a_control_character(config: Path, meeting: Meeting) -> None:
    (config / "meeting.md.j2").write_text(
        "# {{ '\\x1b]0;owned\\x07' ~ v.header.title ~ '\\u202e' }}\n"
        "{{ 'tab\\tand\\nnewline stay' }}\n",
        encoding="utf-8",
    )
    text = render(meeting, "markdown").decode("utf-8")
    assert text == "# ]0;ownedCase-møde: Årsstatus for type 2-diabetes ved praksispersonalet\n" + (
        "tab\tand\nnewline stay\n"
    )


def test_the_bundled_templates_are_in_the_package() -> None:
    names = sorted(p.name for p in BUNDLED.iterdir())
    assert names == [
        "_common.md.j2",
        "chosen.md.j2",
        "meeting.md.j2",
        "next_steps.md.j2",
        "plan.md.j2",
    ]


def test_caseroom_export_with_a_broken_template(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "templates"
    folder.mkdir(parents=True)
    (folder / "plan.md.j2").write_text("# Plan\n\n{% if v.proposals.plan %}\nx\n", "utf-8")
    env = {**os.environ, "CASEROOM_HOME": str(tmp_path / "home")}
    env["CASEROOM_CONFIG"] = str(tmp_path / "config")
    done = subprocess.run(
        [sys.executable, "-m", "caseroom", "export", str(FIXTURE), "--format", "plan"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (2, b"")
    err = done.stderr.decode("utf-8")
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert err.startswith(f"{folder / 'plan.md.j2'}:4: "), err
    assert "endif" in err
    markdown = subprocess.run(  # the other templates still work
        [sys.executable, "-m", "caseroom", "export", str(FIXTURE), "--format", "markdown"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert markdown.returncode == 0 and markdown.stdout == (GOLDEN / "meeting-da.md").read_bytes()


def test_exporting_imports_jinja2_and_starting_the_app_does_not() -> None:
    code = (
        "import sys\n"
        "import caseroom.cli, caseroom.ui.app, caseroom.store.export\n"
        "assert 'jinja2' not in sys.modules\n"
        "from pathlib import Path\n"
        "from caseroom.store.export import load_for_export, to_markdown\n"
        f"to_markdown(load_for_export(Path({str(FIXTURE)!r})))\n"
        "assert 'jinja2' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)

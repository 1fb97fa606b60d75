"""The one catalogue: the screens' labels, the engine's refusals and the exports' labels.

Every key a piece of code or a bundled export template asks for is in it, in both languages;
every export label is asked for somewhere; and it imports nothing but the standard library.
"""

from __future__ import annotations

import ast
import re
import string
import subprocess
import sys
from datetime import date
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from caseroom.catalogue import ERRORS, EXPORT, LABELS, MESSAGES, format_date, t
from caseroom.store.export import ExportError, load_for_export, to_plan

ROOT = Path(__file__).resolve().parents[1]
EXPORT_CODE = ROOT / "caseroom" / "store" / "export"
FIXTURE = ROOT / "tests" / "data" / "sessions" / "export-meeting.toml"  # tests/store's


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def code_keys(path: Path) -> list[str]:
    """The keys `t("…")` / `catalogue.t("…")` is called with in `path`: a literal as it is, an
    f-string as a pattern (`f"ics.{kind}"` → `ics\\.\\w+`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name != "t":
            continue
        key = node.args[0]
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            found.append(re.escape(key.value))
        elif isinstance(key, ast.JoinedStr):
            found.append(
                "".join(
                    re.escape(str(part.value)) if isinstance(part, ast.Constant) else r"\w+"
                    for part in key.values
                )
            )
    return found


def template_keys(path: Path) -> list[str]:
    """The literal keys a template calls `t(…)` with (both of `t('a' if x else 'b')`)."""
    tree = jinja2.Environment().parse(path.read_text(encoding="utf-8"))
    found = []
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "t" and call.args:
            key = call.args[0]
            consts = [key] if isinstance(key, nodes.Const) else list(key.find_all(nodes.Const))
            found += [re.escape(c.value) for c in consts if isinstance(c.value, str)]
    return found


CODE = {f"{path.relative_to(ROOT)}": code_keys(path) for path in sorted(EXPORT_CODE.glob("*.py"))}
TEMPLATES = {
    f"{path.relative_to(ROOT)}": template_keys(path)
    for path in sorted((EXPORT_CODE / "templates").glob("*.j2"))
}
ASKED = [
    (where, key) for found in (CODE, TEMPLATES) for where, keys in found.items() for key in keys
]


def test_the_test_reads_the_keys_of_the_code_and_the_templates() -> None:
    patterns = {key for _, key in ASKED}
    assert len(TEMPLATES) == 5 and all(TEMPLATES.values())
    assert {r"md\.title", r"plan\.agreed", r"plan\.not_agreed", r"ics\.\w+_text"} <= patterns


@pytest.mark.parametrize(("where", "key"), ASKED, ids=[f"{w}:{k}" for w, k in ASKED])
def test_every_key_an_export_asks_for_is_in_the_catalogue(where: str, key: str) -> None:
    assert any(re.fullmatch(key, known) for known in MESSAGES), where


def test_every_export_label_is_asked_for() -> None:
    patterns = [key for _, key in ASKED]
    unused = {
        key
        for key in EXPORT
        if not any(re.fullmatch(p, key.removesuffix(".one")) for p in patterns)
    }
    assert not unused


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_text_is_in_both_languages_with_the_same_fields(key: str) -> None:
    danish, english = MESSAGES[key]
    assert danish and english
    assert fields(danish) == fields(english)


def test_one_catalogue_of_three_sections_no_key_in_two() -> None:
    assert LABELS.keys().isdisjoint(ERRORS)
    assert LABELS.keys().isdisjoint(EXPORT)
    assert ERRORS.keys().isdisjoint(EXPORT)
    assert MESSAGES == {**LABELS, **ERRORS, **EXPORT}


def test_a_one_form_is_of_a_key_with_n() -> None:
    for key in MESSAGES:
        if key.endswith(".one"):
            assert "n" in fields(MESSAGES[key.removesuffix(".one")][1]), key
    assert t("md.proposal_count", "da", n=1, agreed=0) == "1 forslag, 0 aftalt."
    assert t("md.proposal_count", "en", n=2, agreed=1) == "2 proposals, 1 agreed."


def test_a_template_asking_for_a_text_not_in_the_catalogue_is_told_which(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "config" / "templates"
    folder.mkdir(parents=True)
    (folder / "plan.md.j2").write_text(
        "{% extends 'bundled/plan.md.j2' %}\n{% block intro %}\n{{ t('md.agendaa') }}\n"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("CASEROOM_CONFIG", str(tmp_path / "config"))
    with pytest.raises(ExportError) as caught:
        to_plan(load_for_export(FIXTURE))
    assert str(caught.value) == (
        f"{folder / 'plan.md.j2'}:3: t('md.agendaa'): no such text in caseroom/catalogue.py"
    )


def test_dates_in_words() -> None:
    day = date(2026, 11, 24)
    assert format_date(day, "da") == "tirsdag 24. november 2026"
    assert format_date(day, "en") == "Tuesday 24 November 2026"


def test_the_catalogue_imports_only_the_standard_library(child_env: dict[str, str]) -> None:
    code = (
        "import sys; before = set(sys.modules); import caseroom.catalogue; "
        "print(sorted({m.split('.')[0] for m in set(sys.modules) - before} "
        "- set(sys.stdlib_module_names) - {'caseroom'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_the_exports_durations_in_words_take_their_units_from_the_catalogue() -> None:
    from caseroom.catalogue import duration_words

    assert duration_words(3900, "da") == "1 t 5 min"
    assert duration_words(3900, "en") == "1 h 5 min"
    assert duration_words(200, "da") == "3 min 20 s"
    assert duration_words(7, "en") == "7 s"

"""The domain's refusals reach the screen in the UI's language, looked up by their code.

A DomainError (or a blocked Verdict) carries a code of the one catalogue and the parameters
its text uses; its `str()` is the English text, `explain` gives the screen's language.
"""

from __future__ import annotations

import ast
import pickle
import string
import subprocess
import sys
from pathlib import Path

import pytest

from caseroom.catalogue import ERRORS, EXPORT, LABELS, MESSAGES
from caseroom.domain.errors import DomainError, blocked
from caseroom.domain.people import Participant, add_participant, parse_people
from caseroom.ui.i18n import explain, not_now_reason

PACKAGE = Path(__file__).resolve().parents[2] / "caseroom"
MAKERS = ("DomainError", "blocked")  # what raises or answers with a code


def raise_sites() -> list[tuple[str, str, frozenset[str]]]:
    """(where, code, parameter names) of every DomainError(…) / blocked(…) in caseroom."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "errors.py" and path.parent.name == "domain":
            continue  # the class itself: passes codes on
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") in MAKERS):
                continue
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            code = node.args[0] if node.args else None
            assert isinstance(code, ast.Constant) and isinstance(code.value, str), where
            assert all(k.arg is not None for k in node.keywords), f"{where}: **params"
            names = frozenset(k.arg for k in node.keywords if k.arg is not None)
            found.append((where, code.value, names))
    return found


SITES = raise_sites()


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_test_reads_the_raise_sites() -> None:
    codes = {code for _, code, _ in SITES}
    assert len(SITES) > 35 and {"captures.nothing_to_undo", "agenda.first_step"} <= codes


@pytest.mark.parametrize(("where", "code", "names"), SITES, ids=[s[0] for s in SITES])
def test_every_code_raised_has_both_languages_and_is_given_its_parameters(
    where: str, code: str, names: frozenset[str]
) -> None:
    assert code in ERRORS, where
    danish, english = ERRORS[code]
    assert danish and english and danish != english
    assert fields(danish) == fields(english) == names, where


def test_every_error_text_is_raised_somewhere() -> None:
    assert set(ERRORS) == {code for _, code, _ in SITES}


def test_one_catalogue_no_key_twice() -> None:
    assert LABELS.keys().isdisjoint(ERRORS)
    assert MESSAGES == {**LABELS, **ERRORS, **EXPORT}


def test_a_key_s_wording_of_a_reason_is_of_a_code_with_the_same_parameters() -> None:
    for key, texts in LABELS.items():
        code = key.removeprefix("notnow.")
        if key.startswith("notnow.") and code in ERRORS:
            assert all(fields(text) == fields(ERRORS[code][1]) for text in texts), key


def test_explain_gives_the_danish_text_of_a_raised_error() -> None:
    people = [Participant("Bo B.", "læge")]
    with pytest.raises(DomainError) as caught:
        add_participant(people, "bo b.", "sekretær")
    assert explain(caught.value, "da") == "bo b. er allerede på listen"
    assert explain(caught.value, "en") == str(caught.value) == "'bo b.' is already on the list"
    with pytest.raises(DomainError) as caught:
        add_participant([Participant(f"P{i}", "læge") for i in range(30)], "Eve", "læge")
    assert explain(caught.value, "da") == "højst 30 deltagere"
    assert caught.value.code == "people.too_many" and caught.value.params == {"n": 30}


def test_a_reason_inside_a_reason_is_told_in_the_same_language() -> None:
    with pytest.raises(DomainError) as caught:
        parse_people("Anna:læge,:sekretær")
    assert str(caught.value) == "--people: entry 2: a participant needs a name"
    assert explain(caught.value, "da") == "--people: punkt 2: en deltager skal have et navn"


def test_other_errors_are_shown_as_they_are() -> None:
    assert explain(ValueError("something new"), "da") == "something new"


def test_the_key_says_which_key_to_press_where_the_catalogue_has_it() -> None:
    assert not_now_reason(blocked("meeting.not_started"), "da") == (
        "mødet er ikke startet (tryk mellemrum)"
    )
    assert not_now_reason(blocked("people.no_seat", n=7), "da") == (
        "ingen deltager nr. 7 er til stede"
    )
    assert not_now_reason(blocked("agenda.in_break"), "en") == "the break is on"


def test_a_domain_error_survives_pickling() -> None:
    error = pickle.loads(pickle.dumps(DomainError("people.not_present", name="Bo")))
    assert (error.code, error.params, str(error)) == (
        "people.not_present",
        {"name": "Bo"},
        "'Bo' is not present",
    )


def test_the_catalogue_imports_without_rich_or_textual(child_env: dict[str, str]) -> None:
    code = (
        "import sys, caseroom.catalogue, caseroom.domain.errors; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'textual')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PACKAGE.parent,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "[]"

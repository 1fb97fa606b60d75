"""Property: no mutation of a case file makes `check_case` raise.

Hypothesis mutates the bundled default case's TOML (lines deleted, duplicated, replaced,
random bytes inserted, numbers changed, brackets nested deep, the file cut short) and the
checker must always answer: either a case, or problems, each one line naming the file.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseroom.domain.case import check_case
from caseroom.store.cases import DEFAULT_CASE_ID, bundled_paths

ORIGINAL = bundled_paths()[DEFAULT_CASE_ID].read_bytes()
LINES = ORIGINAL.splitlines(keepends=True)
NUMBER = re.compile(rb"-?\d+")

# pieces that make TOML go wrong in interesting ways
SNIPPETS = [
    b"[[segment]]\n",
    b"[opsamling]\n",
    b'[[question]]\nid = "q1"\n',
    b'minutes = "10"\n',
    b"minutes = 1e999\n",
    b"minutes = -0\n",
    b"kind = 'case'\n",
    b'"""\n',
    b"'''",
    b"= = =\n",
    b"format = 3\n",
    b"x = " + b"[" * 300 + b"\n",
    b"x = " + b"{a = " * 300 + b"\n",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\x00",
    b"\r",
    b"\xe6\xf8\xe5",
]

line_index = st.integers(min_value=0, max_value=len(LINES) - 1)
any_bytes = st.binary(min_size=1, max_size=40)
any_text = st.text(max_size=60).map(lambda s: s.encode("utf-8", "surrogatepass"))
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 1, 1440, 1441, 2**63, -(2**63) - 1]),
)

mutation = st.one_of(
    st.tuples(st.just("delete"), line_index),
    st.tuples(st.just("duplicate"), line_index),
    st.tuples(st.just("replace"), line_index, st.one_of(any_text, st.sampled_from(SNIPPETS))),
    st.tuples(st.just("insert"), line_index, st.one_of(any_bytes, st.sampled_from(SNIPPETS))),
    st.tuples(st.just("number"), st.integers(min_value=0, max_value=10**6), numbers),
    st.tuples(st.just("truncate"), st.integers(min_value=0, max_value=len(ORIGINAL))),
)


def mutate(lines: list[bytes], change: tuple[object, ...]) -> list[bytes]:
    kind, *args = change
    lines = list(lines)
    if not lines and kind != "insert":
        return lines
    if kind in ("delete", "duplicate", "replace", "insert"):
        at = int(args[0]) % max(len(lines), 1)  # type: ignore[call-overload]
        if kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "replace":
            lines[at] = bytes(args[1]) + b"\n"  # type: ignore[call-overload]
        else:
            cut = at if lines else 0
            lines.insert(cut, bytes(args[1]))  # type: ignore[call-overload]
    elif kind == "number":
        text = b"".join(lines)
        found = list(NUMBER.finditer(text))
        if found:
            match = found[int(args[0]) % len(found)]  # type: ignore[call-overload]
            text = text[: match.start()] + str(args[1]).encode() + text[match.end() :]
        lines = text.splitlines(keepends=True)
    elif kind == "truncate":
        text = b"".join(lines)
        lines = text[: int(args[0])].splitlines(keepends=True)  # type: ignore[call-overload]
    return lines


@pytest.fixture(scope="module")
def case_file() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder) / "mutated.toml"


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.lists(mutation, min_size=1, max_size=4))
def test_a_mutated_case_file_gives_a_case_or_problems_never_a_traceback(
    case_file: Path, changes: list[tuple[object, ...]]
) -> None:
    lines = LINES
    for change in changes:
        lines = mutate(lines, change)
    case_file.write_bytes(b"".join(lines))
    result = check_case(case_file)  # must not raise
    assert (result.case is None) == bool(result.problems), result.problems
    for line in result.problems + result.warnings:
        assert line.startswith(f"{case_file}:"), line
        assert "\n" not in line and "Traceback" not in line, line


def test_the_unmutated_case_is_valid(case_file: Path) -> None:
    """The property starts from a good file: with no change at all it is a case."""
    case_file.write_bytes(b"".join(mutate(LINES, ("number", 0, 2))))  # format = 2 stays 2
    result = check_case(case_file)
    assert result.case is not None and result.case.id == DEFAULT_CASE_ID, result.problems

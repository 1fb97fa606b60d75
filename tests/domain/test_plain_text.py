"""Text is data (issue "Trust", items 8 and 12): one cleaning where text enters the domain.

Case text, typed text and names lose their control characters and the invisible characters
that reorder text (bidi overrides, isolates, marks); markup stays as the characters it is.
Names and professions are refused outright, with the character named, never echoed.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from caseroom.cli import main
from caseroom.domain.captures import clean_line, clean_text, is_unsafe, plain_text
from caseroom.domain.case import check_case, load_case
from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import DomainError
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant, add_participant, parse_people

CASES = Path(__file__).resolve().parents[1] / "data" / "cases"
MARKUP_CASE = CASES / "markup_and_controls.toml"
REORDERING = ["\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F))]
REORDERING += [*map(chr, range(0x2066, 0x206A))]
EXPLICIT_DIRECTION = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def unsafe(text: str) -> list[str]:
    """What no text from data may hold when drawn or exported (an oracle of its own, not the
    code under test): controls but newline and tab, and the characters that reorder text."""
    return [
        f"U+{ord(c):04X}"
        for c in text
        if (unicodedata.category(c) == "Cc" and c not in "\n\t")
        or unicodedata.bidirectional(c) in EXPLICIT_DIRECTION
        or c in "\u061c\u200e\u200f\u2028\u2029"
    ]


@pytest.mark.parametrize(
    ("raw", "multiline", "one_line"),
    [
        ("A\x1b[31mRED\x07", "A[31mRED", "A[31mRED"),
        ("csi\x9b2J nel\x85", "csi2J nel", "csi2J nel"),
        ("evil\u202egnp.exe", "evilgnp.exe", "evilgnp.exe"),
        ("\u2066isolated\u2069 \u202aembedded\u202c", "isolated embedded", "isolated embedded"),
        ("mark\u200e\u200f\u061c", "mark", "mark"),
        ("one\r\ntwo\u2028three\u2029four", "one\ntwo\nthree\nfour", "one  two three four"),
        ("col\tumn", "col\tumn", "col umn"),
        ("[/] [bold]x[/bold] [@click=app.quit]q[/]", None, None),  # markup is only text
        ("Blodprøver før årsstatus – 👩‍⚕️ 🏴", None, None),  # ZWJ and emoji stay
        ("", None, None),
    ],
)
def test_plain_text_drops_controls_and_reordering_and_keeps_the_rest(
    raw: str, multiline: str | None, one_line: str | None
) -> None:
    assert plain_text(raw) == (raw if multiline is None else multiline)
    assert plain_text(raw, multiline=False) == (raw if one_line is None else one_line)


@pytest.mark.parametrize("char", REORDERING + ["\u2028", "\u2029", "\x1b", "\x07", "\x9b"])
def test_every_reordering_or_control_character_is_unsafe_and_dropped(char: str) -> None:
    assert is_unsafe(char)
    assert plain_text(f"a{char}b", multiline=False) in ("ab", "a b")


def test_captures_and_lines_lose_text_direction_characters() -> None:
    assert clean_text(" Note \u202etxt.exe\u2069 ") == "Note txt.exe"
    assert clean_line("area\u202e\t2") == "area 2"
    with pytest.raises(DomainError, match="the text is empty"):
        clean_text("\u202e\u2066\x1b")


def test_a_learning_point_typed_with_escapes_is_stored_clean() -> None:
    case, _ = load_case(CASES / "valid.toml")
    meeting = Meeting(case, FakeClock(), participants=[Participant("Anna", "læge")])
    meeting.start()
    meeting.add_learning_point("Lært \x1b]0;owned\x07 [/] \u202edrow")
    meeting.add_proposal("Forslag [b]", area="flow\u202e", responsible="Anna\u2066")
    assert meeting.learning_points[0].text == "Lært ]0;owned [/] drow"
    proposal = meeting.proposals[0]
    assert (proposal.text, proposal.area, proposal.responsible) == ("Forslag [b]", "flow", "Anna")


# --- names: refused with the character named ---------------------------------------------


@pytest.mark.parametrize(
    ("spec", "entry", "field", "code"),
    [
        ("Anna:læge,Bo:syge\u202eplejerske", "entry 2", "profession", "U+202E"),
        ("An\x1b[31mna:læge", "entry 1", "name", "U+001B"),
        ("Anna:læge\x07", "entry 1", "profession", "U+0007"),
        ("Anna:læge,Bo:x,\u2066Cy\u2069:y", "entry 3", "name", "U+2066, U+2069"),
        ("Anna\u200f:læge", "entry 1", "name", "U+200F"),
    ],
)
def test_people_with_control_or_text_direction_characters_are_refused(
    spec: str, entry: str, field: str, code: str
) -> None:
    with pytest.raises(DomainError) as caught:
        parse_people(spec)
    message = str(caught.value)
    assert message == (
        f"--people: {entry}: the {field} cannot contain control characters or "
        f"text-direction marks ({code})"
    )
    assert unsafe(message) == [] and "\n" not in message


def test_a_refused_entry_is_quoted_without_its_escapes() -> None:
    with pytest.raises(DomainError) as caught:
        parse_people("A\x1b[2J:læge;B\u202e:x")
    assert str(caught.value) == "--people: entry 1 'A[2J:læge;B:x': separate people with ','"


def test_a_late_arrival_with_a_text_direction_mark_is_refused() -> None:
    people = [Participant("Anna", "læge")]
    with pytest.raises(DomainError, match=r"the name .*\(U\+202E\)"):
        add_participant(people, "Bo\u202e", "læge")
    assert [p.name for p in people] == ["Anna"]


# --- case files: valid, cleaned where they are read ---------------------------------------


def test_a_case_full_of_markup_and_escapes_passes_check_and_is_read_clean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", str(MARKUP_CASE)]) == 0
    out, _ = capsys.readouterr()
    assert out == (f"{MARKUP_CASE}: OK (markup-and-controls, 5 segments, 2 questions, 30 min)\n")
    case, warnings = load_case(MARKUP_CASE)
    assert warnings == []
    texts = [case.title, case.description, *case.areas]
    for segment in case.segments:
        texts += [segment.title, segment.notes, *segment.checklist, *segment.handouts]
        texts += segment.prompts
    for section in case.sections:
        texts += [section.title, section.text]
    for question in case.questions:
        texts += [question.text, question.plot, question.notes]
    for box in case.factboxes:
        texts += [box.title, box.text, box.source]
    assert len(texts) == 32
    for text in texts:
        assert unsafe(text) == [], text
        assert "\x1b" not in text and "\x07" not in text
    assert case.title == "Title [/] [bold]B[/bold] [31mRED RTL"
    assert case.segments[0].checklist == [
        "Chairs [/] [bold]B [31m",
        "Coffee [@click=app.quit]quit[/]",
    ]
    assert case.sections[0].text == (
        "Section text [/] [bold]B [31mRED\na second line\twith a tab isolate embedding\n"
    )
    assert case.areas == ("Area [/] [bold]B [31m", "[/]")


def test_a_title_of_only_control_characters_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "case.toml"
    text = (CASES / "valid.toml").read_text(encoding="utf-8")
    path.write_text(text.replace('title = "Mini case"', 'title = "\\u001b\\u202e "'), "utf-8")
    assert check_case(path).problems == [f"{path}:3: title: must not be empty"]


def test_a_key_with_an_escape_is_named_without_it(tmp_path: Path) -> None:
    path = tmp_path / "case.toml"
    text = (CASES / "valid.toml").read_text(encoding="utf-8")
    path.write_text(text.replace("format = 1", 'format = 1\n"x\\u001b[2J" = 1'), "utf-8")
    problem = check_case(path).problems[0]
    assert "x\\x1b[2J: unknown key" in problem
    assert unsafe(problem) == []

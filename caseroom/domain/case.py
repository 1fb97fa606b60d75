"""The case file: a timed agenda, and for `case` segments the narrative, questions and fact boxes.

Case files are TOML (format 1, see the README), read with `tomllib` into the pydantic models
below and never rewritten. `load_case` turns every problem into one line
`FILE:LINE: field: message`; cross-references are checked after the structure is valid.
"""

from __future__ import annotations

import codecs
import difflib
import math
import os
import re
import stat
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
)

from caseroom.domain.captures import plain_text
from caseroom.domain.errors import CaseFileError

CASE_FORMAT = 2  # the newest; format 1 files (without the keys marked "format 2") still load
CASE_FORMATS = (1, 2)
MAX_CASE_BYTES = 5 * 1024 * 1024
MAX_MINUTES = 24 * 60
DEFAULT_AREAS_DA = (
    "årsstatus",
    "fraser",
    "supervision",
    "oplæring",
    "arbejdsgang",
    "flow",
    "andet",
)
DEFAULT_AREAS_EN = (
    "annual review",
    "phrases",
    "supervision",
    "training",
    "workflow",
    "flow",
    "other",
)

SegmentKind = Literal[
    "plain", "checklist", "case", "break", "round", "groups", "opsamling", "evaluation", "status"
]
# format 2: a `status` segment takes up the items of the meeting it continues (`--from`)
FORMAT_2_KINDS = ("status",)
# how small groups are formed: mix professions (the default), mix clinics, keep a clinic together
GroupBy = Literal["professions", "clinics", "clinic"]
# a round's order: seating order, or the professions that usually speak first speak last
RoundOrder = Literal["seating", "hierarchy"]
# how proposals become an action plan: drafted after the meeting (by management: the case
# meeting), chosen in the meeting by the room (an idea meeting, a retrospective), or not at all
PlanMode = Literal["after", "in-meeting", "none"]
MAX_CLOSING_POINTS = 5
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"  # a case's and its entries' ids
Id = Annotated[StrictStr, StringConstraints(pattern=ID_PATTERN)]


def _plain(*, multiline: bool) -> BeforeValidator:
    """Case text is data: cleaned once here (control and text-direction characters dropped),
    before the checks below, so a text of only control characters is empty."""
    return BeforeValidator(
        lambda value: plain_text(value, multiline=multiline) if isinstance(value, str) else value
    )


# a title or a list item (one line); a question or prompt (may wrap); optional prose
Line = Annotated[
    StrictStr, StringConstraints(strip_whitespace=True, min_length=1), _plain(multiline=False)
]
Text = Annotated[
    StrictStr, StringConstraints(strip_whitespace=True, min_length=1), _plain(multiline=True)
]
Prose = Annotated[StrictStr, _plain(multiline=True)]
Minutes = Annotated[StrictInt, Field(gt=0, le=MAX_MINUTES)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Facilitation(_Model):
    """Markers a segment or a question may carry."""

    small_groups: StrictBool = False
    group_size: Annotated[StrictInt, Field(ge=2)] | None = None
    silent_reflection_minutes: Minutes | None = None
    round: StrictBool = False
    round_seconds_per_person: Annotated[StrictInt, Field(gt=0)] | None = None
    notes: Prose = ""
    groups: GroupBy | None = None  # format 2; None: the case's [people] groups


class Segment(Facilitation):
    id: Id
    title: Line
    minutes: Minutes
    kind: SegmentKind = "plain"
    checklist: list[Line] = []
    handouts: list[Line] = []
    prompts: list[Text] = []


class Section(_Model):
    id: Id
    title: Line
    text: Prose = ""
    segment: Id | None = None


class Question(Facilitation):
    id: Id
    title: Line | None = None  # format 2; None: "Question N" and the text's first words
    section: Id | None = None
    text: Text
    minutes: Minutes
    factboxes: list[Id] = []
    plot: Prose = ""
    segment: Id | None = None


class Factbox(_Model):
    id: Id
    title: Line
    text: Prose
    source: Prose = ""


class Opsamling(_Model):
    areas: Annotated[list[Line], Field(min_length=1)]


class Closing(_Model):
    """Format 2: what the closing (evaluation) round asks and how many points each gives."""

    prompt: Line | None = None  # None: "the 3 most important things I learned"
    points: Annotated[StrictInt, Field(ge=1, le=MAX_CLOSING_POINTS)] = 3


class ActionPlan(_Model):
    """Format 2: whether and how the meeting's proposals become an action plan."""

    made: PlanMode = "after"


class PeopleRules(_Model):
    """Format 2: what rules about the room need to know of its professions.

    `professions` in the order they usually speak (the first usually speaks first), matched
    without regard to case; they are also the start screen's suggestions.
    """

    professions: list[Line] = []
    round_order: RoundOrder = "seating"
    groups: GroupBy = "professions"


PLANNED_START = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
FORMAT_2_KEYS = (
    "leader_notes",
    "planned_start",
    "closing",
    "action_plan",
    "people",
)  # and `groups` on segments and questions, `title` on questions


class Case(_Model):
    format: Literal[1, 2]
    id: Id
    title: Line
    language: Literal["da", "en"]
    description: Prose = ""
    leader_notes: Line | None = None  # format 2: the leader's private notes' name ("Case-plot")
    planned_start: Annotated[StrictStr, StringConstraints(pattern=PLANNED_START)] | None = None
    closing: Closing = Closing()
    action_plan: ActionPlan = ActionPlan()
    people: PeopleRules = PeopleRules()
    wrapup_minutes: Annotated[StrictInt, Field(ge=0)] = 2
    quiet_alert_minutes: Minutes = 10
    segments: Annotated[list[Segment], Field(min_length=1, alias="segment")]
    sections: list[Section] = Field(default=[], alias="section")
    questions: list[Question] = Field(default=[], alias="question")
    factboxes: list[Factbox] = Field(default=[], alias="factbox")
    opsamling: Opsamling | None = None

    @property
    def total_minutes(self) -> int:
        return sum(s.minutes for s in self.segments)

    @property
    def areas(self) -> tuple[str, ...]:
        if self.opsamling is not None:
            return tuple(self.opsamling.areas)
        return DEFAULT_AREAS_DA if self.language == "da" else DEFAULT_AREAS_EN

    @property
    def plan_mode(self) -> PlanMode:
        return self.action_plan.made

    def group_by(self, marker: Facilitation) -> GroupBy:
        """How the small groups of a segment or question are formed."""
        return marker.groups or self.people.groups

    def profession_rank(self, profession: str) -> int | None:
        """Where `profession` is in the case's list (0: usually speaks first), any case;
        None when the case does not list it."""
        wanted = profession.strip().casefold()
        for rank, listed in enumerate(self.people.professions):
            if listed.casefold() == wanted:
                return rank
        return None

    def segment_of(self, question: Question) -> str:
        """The id of the case segment a question belongs to (validated at load time)."""
        if question.segment is not None:
            return question.segment
        return next(s.id for s in self.segments if s.kind == "case")

    @property
    def status_segment(self) -> Segment | None:
        """The segment that takes up a continued meeting's items (kind `status`), if any."""
        return next((s for s in self.segments if s.kind == "status"), None)

    def questions_of(self, segment_id: str) -> list[Question]:
        return [q for q in self.questions if self.segment_of(q) == segment_id]

    def section(self, section_id: str | None) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def factbox(self, factbox_id: str) -> Factbox:
        return next(f for f in self.factboxes if f.id == factbox_id)


@dataclass
class CheckResult:
    """What `check_case` found: the case when valid, else problems; warnings either way."""

    path: Path
    case: Case | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- locating keys in the TOML text -------------------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*=""")


class KeyLines:
    """Maps pydantic locations such as ('segment', 2, 'minutes') to 1-based line numbers.

    tomllib keeps no positions, so this reads the text for table headers and `key =` lines,
    skipping multi-line strings. Unknown locations fall back to their nearest known parent.
    """

    def __init__(self, text: str) -> None:
        self.lines: dict[tuple[str | int, ...], int] = {}
        counts: Counter[str] = Counter()
        table: tuple[str | int, ...] = ()
        in_string: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string is not None:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            header = _HEADER.match(line)
            if header:
                name = header.group(2).strip().strip("\"'")
                if header.group(1) == "[[":
                    table = (name, counts[name])
                    counts[name] += 1
                    self.lines.setdefault((name,), number)
                else:
                    table = tuple(name.split("."))
                self.lines.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if key:
                self.lines.setdefault((*table, key.group(1).strip("\"'")), number)
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    in_string = quote
                    break

    def line_of(self, loc: tuple[str | int, ...]) -> int | None:
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return None


# --- turning errors into lines ------------------------------------------------------------


def field_name(loc: tuple[str | int, ...]) -> str:
    """('segment', 2, 'minutes') -> 'segment[3].minutes' (1-based, as people count)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            if not part.isprintable():  # an unknown key is the file's text: never an escape
                part = part.encode("unicode_escape").decode("ascii")
            out += ("." if out else "") + part
    return out or "file"


def _type_name(value: object) -> str:
    return {
        bool: "true/false",
        int: "a whole number",
        float: "a decimal number",
        str: "text",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _got(value: object) -> str:
    """'text 'ten'', 'a whole number 3', 'true' (a TOML boolean speaks for itself)."""
    if isinstance(value, bool):
        return _shown(value)
    if isinstance(value, list | dict):
        return _type_name(value)
    return f"{_type_name(value)} {_shown(value)}"


def _model_for(loc: tuple[str | int, ...]) -> type[BaseModel]:
    models: dict[str, type[BaseModel]] = {
        "segment": Segment,
        "section": Section,
        "question": Question,
        "factbox": Factbox,
        "opsamling": Opsamling,
        "closing": Closing,
        "action_plan": ActionPlan,
        "people": PeopleRules,
    }
    return models.get(str(loc[0]), Case) if len(loc) > 1 else Case


def _allowed_keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _describe(error: Any) -> str:
    kind: str = error["type"]
    loc: tuple[str | int, ...] = tuple(error["loc"])
    value = error.get("input")
    ctx = error.get("ctx") or {}
    last = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        allowed = _allowed_keys(_model_for(loc))
        close = difflib.get_close_matches(str(last), allowed, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(allowed)}"
        return f"unknown key{hint}"
    if kind == "missing":
        return "required field is missing"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        if last == "format":
            if type(value) is not int:
                return f"must be the whole number 1 or 2, got {_got(value)}"
            return f"unsupported format {_shown(value)}; this caseroom reads formats 1 and 2"
        options = re.findall(r"'([^']*)'", expected)
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"unknown {last} {_shown(value)}; expected one of {expected}{hint}"
    if kind == "string_pattern_mismatch" and last == "planned_start":
        return f"must be a time of day HH:MM (24-hour clock, such as 12:00), got {_shown(value)}"
    if kind == "string_pattern_mismatch":
        return f"bad id {_shown(value)}: use lowercase letters, digits and dashes"
    if kind in ("greater_than", "greater_than_equal"):
        if (last == "minutes" or str(last).endswith("_minutes")) and ctx.get("ge") == 0:
            return f"minutes must be 0 or more, got {_shown(value)}"  # wrapup_minutes = 0: none
        if last == "minutes" or str(last).endswith("_minutes"):
            return f"minutes must be a positive whole number, got {_shown(value)}"
        bound = ctx.get("gt", ctx.get("ge"))
        relation = "greater than" if "gt" in ctx else "at least"
        return f"must be {relation} {bound}, got {_shown(value)}"
    if kind == "less_than_equal":
        unit = " minutes (24 hours)" if str(last).endswith("minutes") else ""
        return f"must be at most {ctx.get('le')}{unit}, got {_shown(value)}"
    if kind in ("too_short", "string_too_short"):
        if isinstance(value, str):
            return "must not be empty"
        return "must not be an empty list"
    if kind == "int_type" and isinstance(value, float):
        return f"must be a whole number, got {_shown(value)}"
    expected_names = {
        "int_type": "a whole number",
        "string_type": "text",
        "bool_type": "true or false",
        "list_type": "a list",
        "model_type": "a table",
        "dict_type": "a table",
        "model_attributes_type": "a table",
    }
    if kind in ("model_type", "model_attributes_type") and isinstance(value, list):
        return f"must be one table [{last}], not an array of tables [[{last}]]"
    if kind == "list_type" and isinstance(value, dict):
        return f"must be an array of tables [[{last}]], not one table [{last}]"
    if kind in expected_names:
        return f"must be {expected_names[kind]}, got {_got(value)}"
    return str(error.get("msg", kind)).lower()


# --- loading ------------------------------------------------------------------------------


class NotARegularFile(OSError):
    """A device or a pipe where a file was expected: reading it might never end or never come."""


def read_at_most(path: Path, limit: int) -> bytes | None:
    """The bytes of the regular file at `path` (a symlink followed), or None when it holds
    more than `limit`. Raises IsADirectoryError for a folder, NotARegularFile for a device
    or a pipe (`/dev/zero` never ends, a pipe may never come), else OSError."""
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(path)
    if not stat.S_ISREG(mode):
        raise NotARegularFile(path)
    with open(path, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        if size > limit:
            return None
        # what the file holds and one byte more (never `limit` bytes: a buffer that large
        # would be made for every file read); a file that grew meanwhile is read on
        data = file.read(size + 1)
        if len(data) > size:
            data += file.read(limit + 1 - len(data))
    return None if len(data) > limit else data


def _read_text(path: Path) -> tuple[str | None, str | None]:
    """The file's text, or a one-line problem (missing, a folder, too big, not UTF-8)."""
    try:
        data = read_at_most(path, MAX_CASE_BYTES)
        if data is None:
            size = path.stat().st_size
            return None, (
                f"{path}: file: too large ({math.ceil(size / 104_857.6) / 10:.1f} MB; "
                f"a case file is at most {MAX_CASE_BYTES // 1_048_576} MB)"
            )
    except FileNotFoundError:
        return None, f"{path}: no such file"
    except IsADirectoryError:
        return None, f"{path}: is a folder, not a case file"
    except NotARegularFile:
        return None, f"{path}: is a device or a pipe, not a case file"
    except OSError as exc:
        return None, f"{path}: cannot read: {exc.strerror or exc}"
    if _looks_like_utf16(data):
        return None, f"{path}:1: encoding: UTF-16 text; save the file as UTF-8"
    if data.startswith(codecs.BOM_UTF8):  # as Notepad saves UTF-8; TOML itself has no BOM
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, f"{path}:{line}: encoding: not UTF-8 text (byte 0x{data[exc.start]:02x})"


def _looks_like_utf16(data: bytes) -> bool:
    """A UTF-16 byte order mark, or (without one) every other byte of the start a NUL."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    head = data[:200]
    return any(
        len(half) >= 4 and half.count(0) >= 0.8 * len(half) for half in (head[1::2], head[0::2])
    )


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")


def _parse_toml(path: Path, text: str) -> tuple[dict[str, Any] | None, str | None]:
    if not text.strip():
        return None, f"{path}:1: file: the file is empty; a case needs format, id, title, segments"
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        line = position.group(1) if position and position.group(1) else None
        if line is None and position:
            line = str(text.count("\n") + 1)
        reason = _TOML_POSITION.sub("", message)
        reason = reason[:1].lower() + reason[1:]
        if reason.startswith("cannot overwrite a value"):
            reason = "this key is already set above (each key may appear once per table)"
        reason = _plain_toml_reason(reason)
        column = f" (column {position.group(2)})" if position and position.group(2) else ""
        return None, f"{path}:{line or 1}: toml: not valid TOML: {reason}{column}"
    except RecursionError:
        return None, f"{path}:{_deep_line(text)}: toml: nesting is too deep to be a case file"


_TOML_NAME = r"\((?P<name>'[^)]*)\)"


def _plain_toml_reason(reason: str) -> str:
    """tomllib's wording for three common slips, in words a case author knows."""
    found = re.fullmatch(r"cannot declare " + _TOML_NAME + " twice", reason)
    if found:
        return f"the table [{_dotted(found['name'])}] appears twice (each table once)"
    found = re.fullmatch(r"cannot mutate immutable namespace " + _TOML_NAME, reason)
    if found:
        name = _dotted(found["name"])
        return f"'{name}' is already written out in full above; it cannot be added to here"
    if reason == "illegal character '\\n'":
        return "a string is not closed before the end of the line"
    return reason


def _dotted(names: str) -> str:
    """A tuple's inside as tomllib shows it, such as `'a', 'b',`, as a dotted name: a.b."""
    return ".".join(part.strip().strip("'\"") for part in names.split(",") if part.strip())


def _deep_line(text: str) -> int:
    """The line where brackets nest 100 deep (roughly where tomllib gave up), else 1."""
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        for char in line:
            if char in "[{":
                depth += 1
                if depth >= 100:
                    return number
            elif char in "]}":
                depth = max(0, depth - 1)
    return 1


def _cross_check(
    case: Case, where: KeyLines
) -> tuple[list[tuple[Any, str]], list[tuple[Any, str]]]:
    """Problems and warnings that need the whole case: ids, references, minutes."""
    problems: list[tuple[Any, str]] = []
    warnings: list[tuple[Any, str]] = []
    tables: list[tuple[str, list[Any]]] = [
        ("segment", list(case.segments)),
        ("section", list(case.sections)),
        ("question", list(case.questions)),
        ("factbox", list(case.factboxes)),
    ]
    for name, items in tables:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in seen:
                first = where.line_of((name, seen[item.id], "id"))
                problems.append(
                    ((name, index, "id"), f"duplicate id '{item.id}' (first used on line {first})")
                )
            else:
                seen[item.id] = index
    segment_kinds = {s.id: s.kind for s in case.segments}
    case_segments = [s.id for s in case.segments if s.kind == "case"]
    section_ids = {s.id for s in case.sections}
    factbox_ids = {f.id for f in case.factboxes}
    for index, question in enumerate(case.questions):
        loc = ("question", index)
        if question.segment is not None:
            if question.segment not in segment_kinds:
                problems.append(((*loc, "segment"), f"no segment with id '{question.segment}'"))
            elif segment_kinds[question.segment] != "case":
                problems.append(
                    ((*loc, "segment"), f"segment '{question.segment}' is not of kind 'case'")
                )
        elif not case_segments:
            problems.append((loc, "question outside any case segment (no segment has kind 'case')"))
        elif len(case_segments) > 1:
            problems.append(
                ((*loc, "segment"), "required when the case has more than one 'case' segment")
            )
        if question.section is not None and question.section not in section_ids:
            problems.append(
                ((*loc, "section"), _dangling("section", question.section, section_ids))
            )
        for f_index, box in enumerate(question.factboxes):
            if box not in factbox_ids:
                problems.append(
                    ((*loc, "factboxes", f_index), _dangling("factbox", box, factbox_ids))
                )
    for index, section in enumerate(case.sections):
        if section.segment is not None and segment_kinds.get(section.segment) != "case":
            problems.append(
                (
                    ("section", index, "segment"),
                    f"no segment of kind 'case' with id '{section.segment}'",
                )
            )
    status = [index for index, s in enumerate(case.segments) if s.kind == "status"]
    for index in status[1:]:
        problems.append(
            (
                ("segment", index, "kind"),
                f"a second segment of kind 'status' (the first is "
                f"'{case.segments[status[0]].id}'); only one takes up the items",
            )
        )
    if problems:
        return problems, warnings
    for index, segment in enumerate(case.segments):
        warnings.extend(_timing_warnings(("segment", index), segment, segment.minutes))
        if case.wrapup_minutes >= segment.minutes and segment.kind != "case":
            warnings.append(
                (
                    ("segment", index, "minutes"),
                    f"'{segment.id}' has {_minutes(segment.minutes)} and wrapup_minutes is "
                    f"{case.wrapup_minutes}: its countdown shows the wrap-up colour from the start",
                )
            )
        if segment.kind != "case":
            continue
        questions = case.questions_of(segment.id)
        if not questions:
            problems.append((("segment", index), f"case segment '{segment.id}' has no questions"))
            continue
        for q_index, question in enumerate(case.questions):
            if case.segment_of(question) == segment.id:
                warnings.extend(_timing_warnings(("question", q_index), question, question.minutes))
        total = sum(q.minutes for q in questions)
        if total != segment.minutes:
            warnings.append(
                (
                    ("segment", index, "minutes"),
                    f"the questions of '{segment.id}' add up to {total} minutes, "
                    f"the segment has {segment.minutes}",
                )
            )
    return problems, warnings


def _format_2_keys(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """The format-2 keys a `format = 1` file uses: each one a problem at its line."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    why = "is a format 2 key; write format = 2 at the top of the file"
    for key in FORMAT_2_KEYS:
        if key in data:
            found.append(((key,), why))
    segments = data.get("segment")
    for index, item in enumerate(segments if isinstance(segments, list) else []):
        if isinstance(item, dict) and item.get("kind") in FORMAT_2_KINDS:
            found.append(
                (
                    ("segment", index, "kind"),
                    f"kind '{item['kind']}' is a format 2 value; "
                    "write format = 2 at the top of the file",
                )
            )
    for table, keys in (("segment", ("groups",)), ("question", ("groups", "title"))):
        items = data.get(table)
        for index, item in enumerate(items if isinstance(items, list) else []):
            for key in keys:
                if isinstance(item, dict) and key in item:
                    found.append(((table, index, key), why))
    return found


def _minutes(count: int) -> str:
    return "1 minute" if count == 1 else f"{count} minutes"


def _timing_warnings(
    loc: tuple[str | int, ...], marker: Facilitation, minutes: int
) -> list[tuple[tuple[str | int, ...], str]]:
    """A silent reflection or a round turn that cannot fit the step it belongs to."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    reflection = marker.silent_reflection_minutes
    if reflection is not None and reflection > minutes:
        found.append(
            (
                (*loc, "silent_reflection_minutes"),
                f"{reflection} minutes of silent reflection in a step of {minutes} minutes",
            )
        )
    per_person = marker.round_seconds_per_person
    if per_person is not None and per_person > minutes * 60:
        found.append(
            (
                (*loc, "round_seconds_per_person"),
                f"{per_person} seconds per person in a step of {minutes} minutes: "
                "one person's turn would outlast it",
            )
        )
    return found


def _dangling(kind: str, ref: str, known: set[str]) -> str:
    close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"no {kind} with id '{ref}'{hint}"


def _by_line(path: Path, lines: list[str]) -> list[str]:
    """`FILE:LINE: …` lines in the order of their lines in the file (stable for ties)."""
    prefix = f"{path}:"

    def line_number(text: str) -> int:
        number = text[len(prefix) :].split(":", 1)[0] if text.startswith(prefix) else ""
        return int(number) if number.isdigit() else 0

    return sorted(lines, key=line_number)


def _located(path: Path, where: KeyLines, loc: tuple[str | int, ...], message: str) -> str:
    line = where.line_of(loc)
    return f"{path}:{line if line is not None else 1}: {field_name(loc)}: {message}"


def check_case(path: Path) -> CheckResult:
    """Validate one case file; never raises for bad input."""
    result = CheckResult(path=path)
    text, problem = _read_text(path)
    if text is None:
        result.problems.append(problem or f"{path}: cannot read")
        return result
    data, problem = _parse_toml(path, text)
    if data is None:
        result.problems.append(problem or f"{path}: not valid TOML")
        return result
    if "case_id" in data and "agenda" in data and "id" not in data:
        result.problems.append(
            f"{path}: is a session file (a meeting's record), not a case file: "
            "`caseroom resume` continues it, `caseroom export` reads it"
        )
        return result
    where = KeyLines(text)
    fmt = data.get("format", CASE_FORMAT)
    if type(fmt) is not int or fmt not in CASE_FORMATS:
        result.problems.append(
            _located(
                path,
                where,
                ("format",),
                _describe({"type": "literal_error", "loc": ("format",), "input": fmt}),
            )
        )
        return result
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        located = [_located(path, where, tuple(e["loc"]), _describe(e)) for e in exc.errors()]
        result.problems.extend(_by_line(path, located))
        return result
    except RecursionError:
        result.problems.append(f"{path}:1: toml: nesting is too deep to be a case file")
        return result
    problems, warnings = _cross_check(case, where)
    if case.format == 1:
        problems = [*_format_2_keys(data), *problems]
    result.problems.extend(_by_line(path, [_located(path, where, *p) for p in problems]))
    result.warnings.extend(_by_line(path, [_located(path, where, *w) for w in warnings]))
    if not problems:
        result.case = case
    return result


def load_case(path: Path) -> tuple[Case, list[str]]:
    """The validated case and its warnings; raises CaseFileError with every problem."""
    result = check_case(path)
    if result.case is None:
        raise CaseFileError(result.problems)
    return result.case, result.warnings

"""`caseroom report`: tables across many meetings, for a coordinator.

Each session file is parsed with `tomllib` and boiled down at once to the few facts the tables
need (`SessionFacts`); no meeting is rebuilt and no document is kept, so the memory a report
takes grows with its tables, not with the files read. A segment's kind comes from the file
(recorded since issue #20); for an older file, from its case file (read once per case, cached),
else "unknown".

The tables (`build_report`), one each: planned vs actual minutes per segment kind, overrun per
meeting, speaking time by profession against the people present, equity per meeting, and the
proposals by area with the status the latest follow-up recorded (a follow-up session's
`[continues]` names the meeting it continues by case id and start time). A meeting is named by
its date, case id and clinic(s): by default the report holds no names of people and no free
text; `names` and `text` add them. Rendered as Markdown (`to_markdown`) or CSV (`to_csv`).
"""

from __future__ import annotations

import csv
import io
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from caseroom.catalogue import Lang, t
from caseroom.domain.captures import ids_as_loaded, one_line, plain_text
from caseroom.domain.errors import CaseFileError, CaseroomError
from caseroom.domain.talk import equity
from caseroom.store.cases import open_case
from caseroom.store.export.text import cell
from caseroom.store.session_file import read_document

STATUSES = ("done", "in-progress", "changed", "dropped")
"""A follow-up item's status (contract of issue #20, §3); a proposal without one has none yet."""
KINDS = (
    "plain",
    "checklist",
    "case",
    "break",
    "round",
    "groups",
    "opsamling",
    "evaluation",
    "status",
    "unknown",
)
"""The segment kinds the report has words for (another value is shown as it is)."""

MAX_FIGURE = 10_000_000
"""The largest number of seconds (or minutes) a session file's figure may hold: 115 days."""

Column = Literal["text", "name", "free", "int", "min", "signed", "pct"]
"""How a column's values are written: plain text, a person's name, free text (wording),
a count, minutes, minutes with a sign, a percentage (None: none)."""


class SkippedFile(Exception):
    """A file that is no session file the report can read: one line naming it and why."""


# --- one file's facts ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SegmentFacts:
    kind: str
    planned_seconds: float
    actual_seconds: float | None  # None: not held (or, in an open meeting, not to its end)


@dataclass(frozen=True, slots=True)
class PersonFacts:
    name: str
    profession: str
    spoken_seconds: float


@dataclass(frozen=True, slots=True)
class ProposalFacts:
    id: str
    area: str
    has_responsible: bool
    responsible: str  # read only with `names`
    agreed: bool
    text: str  # read only with `text`


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """An item of a follow-up meeting: an earlier proposal (or earlier item) it took up."""

    id: str
    source: str
    status: str  # "" until set


@dataclass(slots=True)
class SessionFacts:
    path: Path
    case_id: str
    when: datetime | None  # started_at, else created_at
    saved_at: datetime | None  # which of two copies of one meeting is the newer
    finished: bool
    rehearsal: bool
    clinics: tuple[str, ...]
    segments: list[SegmentFacts]
    present: list[PersonFacts]  # the people present (who left are not counted)
    proposals: list[ProposalFacts]
    learning_points: list[tuple[str, str]]  # (segment id, text); read only with `text`
    continues: tuple[str, datetime] | None  # (case id, started_at) of the meeting continued
    items: list[ItemFacts]

    @property
    def day(self) -> str:
        return self.when.date().isoformat() if self.when is not None else ""

    @property
    def key(self) -> tuple[str, datetime] | None:
        """What a follow-up's `[continues]` names this meeting by."""
        return (self.case_id, self.when) if self.when is not None else None


class CaseKinds:
    """The kinds of a case's segments, by segment id, for sessions that did not record them:
    each case file read once (by its recorded source, else its id), a failure remembered."""

    def __init__(self) -> None:
        self._cache: dict[str, dict[str, str] | None] = {}

    def kinds(self, source: str, case_id: str) -> dict[str, str]:
        for where in (source, case_id):
            if not where:
                continue
            if where not in self._cache:
                try:
                    case, _, _ = open_case(where)
                except (CaseFileError, OSError):
                    self._cache[where] = None
                else:
                    found: dict[str, str] = {s.id: s.kind for s in case.segments}
                    self._cache[where] = found if case.id == case_id else None
            if (known := self._cache[where]) is not None:
                return known
        return {}


def _where(name: str, index: int | None = None) -> str:
    return name if index is None else f"{name}[{index + 1}]"


def _tables(doc: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = doc.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise SkippedFile(f"{name}: must be a list of tables")
    return value


def _text(table: dict[str, Any], key: str, where: str, *, multiline: bool = False) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise SkippedFile(f"{where}.{key}: must be text")
    return plain_text(value, multiline=multiline).strip()


def _word(table: dict[str, Any], key: str, where: str) -> str:
    """A short text many files repeat (a kind, a profession, an area, an id): held once,
    however many files name it (what a report keeps grows with its tables alone)."""
    return sys.intern(_text(table, key, where))


def _number(table: dict[str, Any], key: str, where: str) -> float | None:
    """A count of seconds or minutes: finite, 0 to MAX_FIGURE (a `nan`, an `inf` or a
    400-digit number would spoil every median and share of the report, not just its row)."""
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SkippedFile(f"{where}.{key}: must be a number")
    if not 0 <= value <= MAX_FIGURE:  # False for nan
        raise SkippedFile(f"{where}.{key}: must be a number from 0 to {MAX_FIGURE:,}")
    return float(value)


def _moment(table: dict[str, Any], key: str, where: str) -> datetime | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise SkippedFile(f"{where}{key}: must be a date and time with its offset")
    return value


def read_facts(path: Path, cases: CaseKinds, *, names: bool, text: bool) -> SessionFacts:
    """The facts of one session file; raises SkippedFile with the line to print."""
    try:
        doc = read_document(path)
    except CaseroomError as exc:
        raise SkippedFile(str(exc)) from None
    try:
        return _facts(path, doc, cases, names=names, text=text)
    except SkippedFile as exc:
        raise SkippedFile(f"{path}: {exc}") from None
    except (ValueError, TypeError, OverflowError, AttributeError) as exc:
        # a shape no check above foresaw: this file is skipped, the report goes on
        raise SkippedFile(f"{path}: not a session file the report can read ({exc})") from None


def _facts(
    path: Path, doc: dict[str, Any], cases: CaseKinds, *, names: bool, text: bool
) -> SessionFacts:
    case_id = _word(doc, "case_id", "")
    if not case_id:
        raise SkippedFile("case_id: must not be empty")
    when = _moment(doc, "started_at", "") or _moment(doc, "created_at", "")
    segments = []
    recorded_kinds = None
    reached = None  # an open meeting's current segment: its time so far is not its time
    if doc.get("status") != "finished" and isinstance(agenda := doc.get("agenda"), dict):
        current = agenda.get("current")
        reached = current.split("/")[0] if isinstance(current, str) else None
    for index, table in enumerate(_tables(doc, "segment")):
        where = _where("segment", index)
        kind = _word(table, "kind", where)
        if not kind:
            if recorded_kinds is None:
                source = doc.get("case_source")
                recorded_kinds = cases.kinds(source if isinstance(source, str) else "", case_id)
            kind = recorded_kinds.get(_text(table, "id", where), "unknown")
        planned = _number(table, "planned_minutes", where) or 0.0
        actual = _number(table, "actual_seconds", where)
        if reached is not None and _text(table, "id", where) == reached:
            actual = None
        segments.append(SegmentFacts(kind, planned * 60, actual))
    present, clinics = [], set()
    for index, table in enumerate(_tables(doc, "participant")):
        where = _where("participant", index)
        if clinic := _word(table, "clinic", where):
            clinics.add(clinic)
        if table.get("present", True) is not False:
            present.append(
                PersonFacts(
                    _text(table, "name", where) if names else "",
                    _word(table, "profession", where),
                    _number(table, "spoken_seconds", where) or 0.0,
                )
            )
    learning = _tables(doc, "learning_point")
    proposals_raw = _tables(doc, "proposal")
    ids = _note_ids(doc, learning, proposals_raw)
    proposals = []
    for index, table in enumerate(proposals_raw):
        where = _where("proposal", index)
        agreed = table.get("agreed", False)
        if not isinstance(agreed, bool):
            raise SkippedFile(f"{where}.agreed: must be true or false")
        responsible = _text(table, "responsible", where)
        proposals.append(
            ProposalFacts(
                sys.intern(ids[index]),
                _word(table, "area", where),
                bool(responsible),
                responsible if names else "",
                agreed,
                _text(table, "text", where, multiline=True) if text else "",
            )
        )
    points = []
    if text:
        for index, table in enumerate(learning):
            where = _where("learning_point", index)
            points.append((_text(table, "segment", where), _text(table, "text", where)))
    continues = None
    if (earlier := doc.get("continues")) is not None:
        if not isinstance(earlier, dict):
            raise SkippedFile("continues: must be a table")
        started = _moment(earlier, "started_at", "continues.")
        if started is None:
            raise SkippedFile("continues.started_at: missing")
        continues = (_text(earlier, "case_id", "continues"), started)
    items = []
    for index, table in enumerate(_tables(doc, "item")):
        where = _where("item", index)
        items.append(
            ItemFacts(
                _word(table, "id", where),
                _word(table, "source", where),
                _word(table, "status", where),
            )
        )
    return SessionFacts(
        path=path,
        case_id=case_id,
        when=when,
        saved_at=_moment(doc, "saved_at", ""),
        finished=doc.get("status") == "finished",
        rehearsal="clock" in doc,
        clinics=tuple(sorted(clinics)),
        segments=segments,
        present=present,
        proposals=proposals,
        learning_points=points,
        continues=continues,
        items=items,
    )


def _note_ids(
    doc: dict[str, Any], learning: list[dict[str, Any]], proposals: list[dict[str, Any]]
) -> list[str]:
    """The proposals' ids; a file written before notes had ids gets those a load gives them
    (`Meeting.restore_records`: learning points first, in file order), which a follow-up made
    from it names."""
    given = [p.get("id") for p in proposals]
    if all(isinstance(i, str) and i for i in given) and len(set(given)) == len(given):
        return [str(i) for i in given]
    counters = doc.get("note_ids")
    last = {}
    if isinstance(counters, dict):
        last = {k: v for k, v in counters.items() if type(v) is int and v >= 0}
    notes = [("learning_point", n.get("id")) for n in learning]
    notes += [("proposal", n.get("id")) for n in proposals]
    typed = [(kind, note_id if isinstance(note_id, str) else None) for kind, note_id in notes]
    ids, _ = ids_as_loaded(typed, last)
    return ids[len(learning) :]


# --- reading many files --------------------------------------------------------------------


@dataclass
class Reading:
    sessions: list[SessionFacts] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line each
    rehearsals_left_out: int = 0


def session_paths(inputs: Iterable[Path]) -> Iterator[Path | str]:
    """The files the inputs name: a file as it is, a folder's `*.toml` files (not its
    subfolders), sorted; each once. A name that is neither is given back as its line."""
    seen: set[Path] = set()
    for given in inputs:
        try:
            if given.is_dir():
                found: Iterable[Path] = sorted(p for p in given.glob("*.toml") if p.is_file())
            elif given.exists():
                found = [given]
            else:
                yield f"{given}: no such file or folder"
                continue
        except OSError as exc:  # a name too long, a folder that may not be read
            yield f"{given}: cannot be read: {exc.strerror or exc}"
            continue
        for path in found:
            real = path.resolve()
            if real not in seen:
                seen.add(real)
                yield path


def read_sessions(
    inputs: Iterable[Path], *, rehearsals: bool = False, names: bool = False, text: bool = False
) -> Reading:
    """The facts of the session files the inputs name. Two files of one meeting (its case id
    and start: a copy mailed twice, a backup beside the original) count once, the one saved
    last; the other is skipped with its line."""
    reading = Reading()
    cases = CaseKinds()
    meetings: dict[tuple[str, datetime], SessionFacts] = {}
    for path in session_paths(inputs):
        if isinstance(path, str):
            reading.skipped.append(path)
            continue
        try:
            facts = read_facts(path, cases, names=names, text=text)
        except SkippedFile as exc:
            reading.skipped.append(str(exc))
            continue
        if facts.rehearsal and not rehearsals:
            reading.rehearsals_left_out += 1
            continue
        if facts.key is not None and (other := meetings.get(facts.key)) is not None:
            newer = _saved(facts) > _saved(other)
            kept, dropped = (facts, other) if newer else (other, facts)
            reading.skipped.append(f"{dropped.path}: the same meeting as {kept.path}")
            if newer:
                reading.sessions.remove(other)
            else:
                continue
        if facts.key is not None:
            meetings[facts.key] = facts
        reading.sessions.append(facts)
    reading.sessions.sort(key=lambda s: (s.day, s.case_id, s.clinics, str(s.path)))
    return reading


def _saved(facts: SessionFacts) -> datetime:
    return facts.saved_at or facts.when or datetime.min.replace(tzinfo=UTC)


# --- the tables ----------------------------------------------------------------------------


@dataclass
class Table:
    name: str  # the CSV file's stem
    title: str
    columns: list[tuple[str, Column]]
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""


@dataclass
class Report:
    lang: Lang
    meetings: int
    clinics: int
    first: str
    last: str
    tables: list[Table]


def _kind_label(kind: str, lang: Lang) -> str:
    return t(f"report.kind.{kind}", lang) if kind in KINDS else kind


def _meeting_cells(s: SessionFacts) -> list[Any]:
    return [s.day, s.case_id, ", ".join(s.clinics)]


def _meeting_columns(lang: Lang) -> list[tuple[str, Column]]:
    return [
        (t("report.date", lang), "text"),
        (t("report.case", lang), "text"),
        (t("report.clinics", lang), "text"),
    ]


def build_report(
    sessions: Sequence[SessionFacts], lang: Lang, *, names: bool = False, text: bool = False
) -> Report:
    tables = [
        _by_kind(sessions, lang),
        _by_meeting(sessions, lang),
        _by_profession(sessions, lang),
        _equity(sessions, lang),
    ]
    if names:
        tables.append(_by_person(sessions, lang))
    statuses = follow_up_statuses(sessions)
    tables.append(_by_area(sessions, statuses, lang))
    if names or text:
        tables.append(_proposals(sessions, statuses, lang, names=names, text=text))
    if text:
        tables.append(_learning_points(sessions, lang))
    days = [s.day for s in sessions if s.day]
    return Report(
        lang,
        len(sessions),
        len({c for s in sessions for c in s.clinics}),
        min(days, default=""),
        max(days, default=""),
        tables,
    )


def _by_kind(sessions: Sequence[SessionFacts], lang: Lang) -> Table:
    held: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for s in sessions:
        for seg in s.segments:
            if seg.actual_seconds is not None:
                held[seg.kind].append((seg.planned_seconds, seg.actual_seconds))
    order = {kind: i for i, kind in enumerate(KINDS)}
    table = Table(
        "segments_by_kind",
        t("report.by_kind", lang),
        [
            (t("report.kind", lang), "text"),
            (t("report.segments", lang), "int"),
            (t("report.planned_median", lang), "min"),
            (t("report.actual_median", lang), "min"),
            (t("report.overrun_median", lang), "signed"),
            (t("report.overrun_worst", lang), "signed"),
            (t("report.actual_worst", lang), "min"),
        ],
        note=t("report.by_kind_note", lang),
    )
    for kind in sorted(held, key=lambda k: (order.get(k, len(order)), k)):
        pairs = held[kind]
        overruns = [actual - planned for planned, actual in pairs]
        table.rows.append(
            [
                _kind_label(kind, lang),
                len(pairs),
                statistics.median(p for p, _ in pairs),
                statistics.median(a for _, a in pairs),
                statistics.median(overruns),
                max(overruns),
                max(a for _, a in pairs),
            ]
        )
    return table


def _by_meeting(sessions: Sequence[SessionFacts], lang: Lang) -> Table:
    table = Table(
        "overrun_by_meeting",
        t("report.by_meeting", lang),
        [
            *_meeting_columns(lang),
            (t("report.status", lang), "text"),
            (t("report.held", lang), "int"),
            (t("report.of_segments", lang), "int"),
            (t("report.planned", lang), "min"),
            (t("report.actual", lang), "min"),
            (t("report.overrun", lang), "signed"),
        ],
        note=t("report.by_meeting_note", lang),
    )
    for s in sessions:
        held = [seg for seg in s.segments if seg.actual_seconds is not None]
        planned = sum(seg.planned_seconds for seg in held)
        actual = sum(seg.actual_seconds or 0.0 for seg in held)
        state = t("report.finished", lang) if s.finished else t("report.running", lang)
        table.rows.append(
            [
                *_meeting_cells(s),
                state,
                len(held),  # two numbers: "6/6" in a CSV is a date to a spreadsheet
                len(s.segments),
                planned,
                actual,
                actual - planned,
            ]
        )
    return table


def _profession(name: str, lang: Lang) -> str:
    return name or t("report.no_profession", lang)


def _by_profession(sessions: Sequence[SessionFacts], lang: Lang) -> Table:
    people: dict[str, int] = defaultdict(int)
    spoken: dict[str, float] = defaultdict(float)
    for s in sessions:
        for p in s.present:
            people[p.profession] += 1
            spoken[p.profession] += p.spoken_seconds
    all_people, all_spoken = sum(people.values()), sum(spoken.values())
    table = Table(
        "talk_by_profession",
        t("report.by_profession", lang),
        [
            (t("report.profession", lang), "text"),
            (t("report.present", lang), "int"),
            (t("report.present_share", lang), "pct"),
            (t("report.spoken", lang), "min"),
            (t("report.spoken_share", lang), "pct"),
        ],
        note=t("report.by_profession_note", lang),
    )
    for profession in sorted(people, key=lambda p: (-people[p], p)):
        table.rows.append(
            [
                _profession(profession, lang),
                people[profession],
                _share(people[profession], all_people),
                spoken[profession],
                _share(spoken[profession], all_spoken),
            ]
        )
    return table


def _share(part: float, whole: float) -> float | None:
    return 100 * part / whole if whole > 0 else None


def _equity(sessions: Sequence[SessionFacts], lang: Lang) -> Table:
    table = Table(
        "equity_by_meeting",
        t("report.equity_title", lang),
        [
            *_meeting_columns(lang),
            (t("report.present", lang), "int"),
            (t("report.spoken", lang), "min"),
            (t("report.equity", lang), "pct"),
        ],
        note=t("report.equity_note", lang),
    )
    for s in sessions:
        seconds = [p.spoken_seconds for p in s.present]
        figure = equity(seconds)
        table.rows.append(
            [
                *_meeting_cells(s),
                len(seconds),
                sum(seconds),
                None if figure is None else 100 * figure,
            ]
        )
    return table


def _by_person(sessions: Sequence[SessionFacts], lang: Lang) -> Table:
    table = Table(
        "talk_by_person",
        t("report.by_person", lang),
        [
            *_meeting_columns(lang),
            (t("report.name", lang), "name"),
            (t("report.profession", lang), "text"),
            (t("report.spoken", lang), "min"),
            (t("report.spoken_share", lang), "pct"),
        ],
    )
    for s in sessions:
        whole = sum(p.spoken_seconds for p in s.present)
        for p in s.present:
            table.rows.append(
                [
                    *_meeting_cells(s),
                    p.name,
                    _profession(p.profession, lang),
                    p.spoken_seconds,
                    _share(p.spoken_seconds, whole),
                ]
            )
    return table


Statuses = dict[tuple[int, str], str]
"""The status of a proposal, by (its session's index among the sessions, its id)."""


def follow_up_statuses(sessions: Sequence[SessionFacts]) -> Statuses:
    """Each proposal's status as the latest follow-up that recorded one has it.

    A follow-up continues the meeting its `[continues]` names (case id + start time); its
    items name the proposal (or the earlier follow-up's item) they take up by `source`. A
    chain (case meeting → follow-up → 6 months) is walked to its end; where two follow-ups
    recorded a status, the one that started later wins.
    """
    followers: dict[tuple[str, datetime], list[int]] = defaultdict(list)
    for index, s in enumerate(sessions):
        if s.continues is not None:
            followers[s.continues].append(index)

    def latest(index: int, note_id: str, seen: frozenset[int]) -> tuple[datetime, str] | None:
        key = sessions[index].key
        best: tuple[datetime, str] | None = None
        for follower in followers.get(key, []) if key is not None else []:
            if follower in seen:
                continue  # a loop of copied files: each file once
            later = sessions[follower]
            for item in later.items:
                if item.source != note_id:
                    continue
                found = [best, latest(follower, item.id, seen | {follower})]
                if item.status in STATUSES and later.when is not None:
                    found.append((later.when, item.status))
                best = max((f for f in found if f is not None), default=None)
        return best

    statuses: Statuses = {}
    for index, s in enumerate(sessions):
        for p in s.proposals:
            if (found := latest(index, p.id, frozenset({index}))) is not None:
                statuses[(index, p.id)] = found[1]
    return statuses


def _status_columns(lang: Lang) -> list[tuple[str, Column]]:
    return [(_status_label(status, lang), "int") for status in (*STATUSES, "none")]


def _status_label(status: str, lang: Lang) -> str:
    return t(f"report.status.{status.replace('-', '_')}", lang)


def _by_area(sessions: Sequence[SessionFacts], statuses: Statuses, lang: Lang) -> Table:
    counts: dict[str, list[int]] = {}
    for index, s in enumerate(sessions):
        for p in s.proposals:
            row = counts.setdefault(p.area, [0] * (3 + len(STATUSES) + 1))
            row[0] += 1
            row[1] += p.has_responsible
            row[2] += p.agreed
            status = statuses.get((index, p.id))
            row[3 + (STATUSES.index(status) if status else len(STATUSES))] += 1
    table = Table(
        "proposals_by_area",
        t("report.by_area", lang),
        [
            (t("report.area", lang), "text"),
            (t("report.proposals", lang), "int"),
            (t("report.with_responsible", lang), "int"),
            (t("report.agreed", lang), "int"),
            *_status_columns(lang),
        ],
        note=t("report.by_area_note", lang),
    )
    for area in sorted(counts, key=lambda a: (-counts[a][0], a)):
        table.rows.append([area or t("report.no_area", lang), *counts[area]])
    return table


def _proposals(
    sessions: Sequence[SessionFacts], statuses: Statuses, lang: Lang, *, names: bool, text: bool
) -> Table:
    columns: list[tuple[str, Column]] = [
        *_meeting_columns(lang),
        ("id", "text"),
        (t("report.area", lang), "text"),
        (t("report.agreed", lang), "text"),
        (t("report.status", lang), "text"),
    ]
    if names:
        columns.append((t("report.responsible", lang), "name"))
    if text:
        columns.append((t("report.proposal", lang), "free"))
    table = Table("proposals", t("report.proposal_list", lang), columns)
    for index, s in enumerate(sessions):
        for p in s.proposals:
            status = statuses.get((index, p.id), "none")
            row = [
                *_meeting_cells(s),
                p.id,
                p.area or t("report.no_area", lang),
                t("report.yes", lang) if p.agreed else t("report.no", lang),
                _status_label(status, lang),
            ]
            if names:
                row.append(p.responsible)
            if text:
                row.append(p.text)
            table.rows.append(row)
    return table


def _learning_points(sessions: Sequence[SessionFacts], lang: Lang) -> Table:
    table = Table(
        "learning_points",
        t("report.learning_points", lang),
        [
            *_meeting_columns(lang),
            (t("report.segment", lang), "text"),
            (t("report.learning_point", lang), "free"),
        ],
    )
    for s in sessions:
        for segment, point in s.learning_points:
            table.rows.append([*_meeting_cells(s), segment, point])
    return table


# --- rendering -----------------------------------------------------------------------------


def _figure(value: Any, kind: Column, lang: Lang, *, csv_cell: bool, markdown: bool = True) -> str:
    """A value as its column writes it: Markdown in the report's language (decimal comma in
    Danish; `markdown` False: the same, for a terminal, without Markdown's escapes), CSV plain
    (decimal point, no units)."""
    if value is None or value == "":
        return "" if csv_cell else "–"
    if kind in ("min", "signed", "pct"):
        number = round(float(value) / (1 if kind == "pct" else 60), 1)
        number += 0.0  # no "-0.0"
        text = f"{number:+.1f}" if kind == "signed" and number else f"{number:.1f}"
        if csv_cell:
            return text
        if lang == "da":
            text = text.replace(".", ",")
        return text + (" %" if lang == "da" else "%") if kind == "pct" else text
    if kind == "int":
        return str(value)
    text = one_line(str(value))
    if csv_cell:
        return "'" + text if text[:1] in ("=", "+", "-", "@") else text  # no formula
    return cell(text) if markdown else text


def shown(value: Any, kind: Column, lang: Lang) -> str:
    """A value as the terminal shows it: as in the Markdown, without Markdown's escapes."""
    return _figure(value, kind, lang, csv_cell=False, markdown=False)


def heading(report: Report) -> tuple[str, str]:
    """The report's title and its summary line (meetings, clinics, the span of dates)."""
    lang = report.lang
    span = report.first if report.first == report.last else f"{report.first}–{report.last}"
    summary = t("report.summary", lang, meetings=report.meetings, clinics=report.clinics, span=span)
    return t("report.title", lang), summary


def to_markdown(report: Report) -> str:
    lang = report.lang
    title, summary = heading(report)
    out = [f"# {title}", "", summary, ""]
    for table in report.tables:
        out += [f"## {table.title}", ""]
        if table.note:
            out += [table.note, ""]
        if not table.rows:
            out += [t("report.none", lang), ""]
            continue
        out.append("| " + " | ".join(cell(label) for label, _ in table.columns) + " |")
        out.append(
            "|"
            + "|".join(
                ":--" if kind in ("text", "name", "free") else "--:" for _, kind in table.columns
            )
            + "|"
        )
        for row in table.rows:
            cells = (
                _figure(v, kind, lang, csv_cell=False)
                for v, (_, kind) in zip(row, table.columns, strict=True)
            )
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def to_csv(report: Report) -> dict[str, bytes]:
    """One CSV file per table, by file name: a header of the column labels, then the rows
    (UTF-8, comma-separated; numbers with a decimal point, minutes and percentages)."""
    files = {}
    for table in report.tables:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([label for label, _ in table.columns])
        for row in table.rows:
            writer.writerow(
                _figure(v, kind, report.lang, csv_cell=True)
                for v, (_, kind) in zip(row, table.columns, strict=True)
            )
        files[f"{table.name}.csv"] = buffer.getvalue().encode("utf-8")
    return files


def profession_shares(report: Report) -> list[tuple[str, float, float]]:
    """(profession, share of the people present, share of the speaking time), in percent:
    what the terminal's chart draws."""
    table = next(t for t in report.tables if t.name == "talk_by_profession")
    return [(row[0], row[2] or 0.0, row[4] or 0.0) for row in table.rows]


def chart_labels(lang: Lang) -> tuple[str, str, str]:
    """The terminal chart's title and its two bars' names."""
    return t("report.chart", lang), t("report.chart_present", lang), t("report.chart_spoken", lang)

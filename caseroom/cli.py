"""The command line: parse, validate, then start the UI or run a non-interactive command.

Every error is one line on stderr and exit code 2; never a traceback.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from caseroom.catalogue import Lang, t
from caseroom.domain.case import check_case, load_case
from caseroom.domain.clock import MAX_SPEED, Clock, SpeedClock, SystemClock
from caseroom.domain.errors import CaseroomError, UntrustedSessionError
from caseroom.domain.people import Participant, Roles, parse_roster
from caseroom.store.cases import DEFAULT_CASE_ID, bundled_dir, bundled_paths, open_case
from caseroom.store.lock import SessionLock

if TYPE_CHECKING:
    from caseroom.domain.case import Case
    from caseroom.domain.followup import FollowUp
    from caseroom.ui.app import CaseroomApp

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


class _Version(argparse.Action):
    """`--version`: the installed package's version, looked up only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=str(kwargs.get("help", "")))

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        import caseroom

        print(f"caseroom {caseroom.__version__}")
        parser.exit()


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {text!r}") from None
    if not 0 < value <= MAX_SPEED:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most {MAX_SPEED:g}, got {text}")
    return value


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _start_time(text: str) -> str:
    """`--start 12:00`: a time of day (today's), checked as the meeting will read it."""
    from datetime import datetime

    from caseroom.domain.errors import DomainError
    from caseroom.domain.meeting import planned_start_on

    try:
        planned_start_on(text, datetime.now().astimezone())
    except DomainError:
        raise argparse.ArgumentTypeError(f"expected a time of day HH:MM, got {text!r}") from None
    return text.strip()


def _followup_weeks(text: str) -> int:
    if not text.isdigit() or not 6 <= int(text) <= 12:
        raise argparse.ArgumentTypeError(f"the follow-up comes 6–12 weeks after, not {text!r}")
    return int(text)


def _next_months(text: str) -> tuple[int, ...]:
    words = [word.strip() for word in text.split(",")]
    if not all(word.isdigit() and 1 <= int(word) <= 60 for word in words):
        raise argparse.ArgumentTypeError(f"months 1–60 separated by commas (6,12), got {text!r}")
    return tuple(int(word) for word in words)


def _event_minutes(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 480:
        raise argparse.ArgumentTypeError(f"minutes must be a whole number 1–480, got {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="caseroom",
        description="Run a structured, timed learning meeting (case-møde) live in the terminal.",
        epilog=f"With no command, caseroom runs the bundled default case ({DEFAULT_CASE_ID}).",
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def meeting_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--lang", choices=("da", "en"), help="language of the labels")
        p.add_argument("--speed", type=_speed, help="run the clock N times faster (rehearsal)")
        p.add_argument("--bell", action="store_true", help="ring the terminal bell at wrap-up")
        p.add_argument("--theme", choices=("dark", "light"), default="dark")

    run = commands.add_parser("run", help="run a case (a bundled id or a file)")
    run.add_argument("case", nargs="?", default=DEFAULT_CASE_ID, metavar="CASE")
    run.add_argument("--session", type=Path, metavar="FILE", help="where to save the session")
    run.add_argument(
        "--people",
        metavar="LIST",
        help="participants in seating order, NAME:PROFESSION[@CLINIC][:ROLE] each, "
        'e.g. "Anna:læge@Lægehuset:mødeleder,Bo:sekretær:referent"; roles: '
        "mødeleder/leader, tidsholder/timekeeper, referent/note-taker",
    )
    run.add_argument(
        "--start",
        type=_start_time,
        metavar="HH:MM",
        help="planned start today (default: the case's suggestion, else when it starts)",
    )
    run.add_argument(
        "--from",
        dest="from_session",
        type=Path,
        metavar="SESSION",
        help="continue an earlier meeting: its proposals become the items of the agenda's "
        "status segment (the earlier file is only read)",
    )
    run.add_argument(
        "--empty",
        action="store_true",
        help="hold a follow-up agenda without items (no --from, or one without proposals)",
    )
    meeting_options(run)

    resume = commands.add_parser("resume", help="continue a session from its file")
    resume.add_argument("session", type=Path, metavar="SESSION")
    resume.add_argument(
        "--case", type=Path, metavar="FILE", help="the session's case file, if it has moved"
    )
    meeting_options(resume)

    check = commands.add_parser("check", help="validate case files")
    check.add_argument("files", nargs="+", type=Path, metavar="CASE")

    commands.add_parser("cases", help="list the bundled cases")

    new = commands.add_parser(
        "new",
        help="write a commented case file to start from",
        epilog="ID: lowercase letters, digits and dashes. An existing file is never overwritten.",
    )
    new.add_argument("case_id", metavar="ID", help="the new case's id (also its file name)")
    new.add_argument("--lang", choices=("da", "en"), help="the file's language (default da)")
    new.add_argument(
        "--like", metavar="CASE", help="start from this case instead (a bundled id or a file)"
    )
    new.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write FILE (default: ID.toml here)"
    )

    clock = commands.add_parser(
        "clock", help="read-only big countdown that follows a running session"
    )
    clock.add_argument(
        "session", nargs="?", type=Path, metavar="SESSION", help="(default: newest running)"
    )
    clock.add_argument("--lang", choices=("da", "en"), help="labels (default: the case's)")
    clock.add_argument("--theme", choices=("dark", "light"), default="dark")
    clock.add_argument("--serve", action="store_true", help="serve the clock to a web browser")
    clock.add_argument("--port", type=_port, help="with --serve (default 8000)")
    clock.add_argument("--host", help="with --serve (default 127.0.0.1; 0.0.0.0: the network)")

    notes = commands.add_parser(
        "notes", help="the note-taker's screen: notes reach the running meeting of SESSION"
    )
    notes.add_argument(
        "session", nargs="?", type=Path, metavar="SESSION", help="(default: newest running)"
    )
    notes.add_argument("--as", dest="author", metavar="NAME", help="who types (a participant)")
    notes.add_argument("--lang", choices=("da", "en"), help="labels (default: the case's)")
    notes.add_argument("--theme", choices=("dark", "light"), default="dark")

    export = commands.add_parser(
        "export",
        help="meeting summary, action-plan draft, or follow-ups as calendar events",
        epilog="DATE is YYYY-MM-DD; the events start at the meeting's time of day. "
        "Output goes to stdout unless -o is given; the session file is only read.",
    )
    export.add_argument("session", type=Path, metavar="SESSION", help="a session file")
    export.add_argument(
        "--case", type=Path, metavar="FILE", help="the session's case file, if it has moved"
    )
    export.add_argument(
        "--format",
        required=True,
        choices=("markdown", "plan", "ics"),
        help="markdown: meeting summary; plan: action-plan draft; ics: follow-up meetings",
    )
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write FILE (mode 0600), not stdout"
    )
    export.add_argument("--lang", choices=("da", "en"), help="labels (default: the case's)")
    followup = export.add_mutually_exclusive_group()
    followup.add_argument(
        "--followup-weeks",
        type=_followup_weeks,
        # no default here: argparse takes a typed 8 for its default and lets it pass along
        # with --followup-date; the export fills in 8 (or later, after a late presentation)
        metavar="N",
        help="follow-up meeting N weeks after the meeting, 6–12 (default 8)",
    )
    followup.add_argument("--followup-date", type=_date, metavar="DATE", help="or on DATE")
    export.add_argument(
        "--plan-date",
        type=_date,
        metavar="DATE",
        help="management's action-plan meeting (default: the Opsamling deadline, else +7 days)",
    )
    export.add_argument(
        "--presentation-date", type=_date, metavar="DATE", help="to all staff (default +14 days)"
    )
    export.add_argument(
        "--next-months",
        type=_next_months,
        metavar="N,M",
        help="a follow-up meeting (run --from): its next follow-ups N, M months after the "
        "chain's first meeting (default 6,12)",
    )
    for kind, minutes in (("plan", 45), ("presentation", 30), ("followup", 30)):
        export.add_argument(
            f"--{kind}-minutes",
            type=_event_minutes,
            default=minutes,
            metavar="MIN",
            help=f"length of that meeting (default {minutes})",
        )
    history = commands.add_parser(
        "history",
        help="the chain of meetings a follow-up continues, back to the first",
        epilog="One line per meeting, newest first. A meeting whose file is not at the path "
        "recorded is looked for by its case and start in the same folder and the sessions "
        "folder; one not found ends the chain. The files are only read.",
    )
    history.add_argument("session", type=Path, metavar="SESSION", help="a session file")
    history.add_argument("--lang", choices=("da", "en"), default="da", help="labels (default da)")
    report = commands.add_parser(
        "report",
        help="tables across many meetings (session files or folders of them)",
        epilog="Folders are searched for *.toml (not their subfolders). By default the report "
        "holds no names of people and no free text. Files that are not sessions are skipped, "
        "one line each on stderr.",
    )
    report.add_argument(
        "inputs", nargs="+", type=Path, metavar="SESSION_OR_FOLDER", help="session files, folders"
    )
    report.add_argument("--format", choices=("markdown", "csv"), default="markdown")
    report.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE|DIR",
        help="markdown: write FILE (0600), not stdout; csv: one file per table in DIR (required)",
    )
    report.add_argument(
        "--rehearsals", action="store_true", help="include rehearsals (sped-up clock)"
    )
    report.add_argument(
        "--names", action="store_true", help="add people's names (responsible, per person)"
    )
    report.add_argument(
        "--text", action="store_true", help="add proposals' wording and learning points"
    )
    report.add_argument("--lang", choices=("da", "en"), default="da", help="labels (default da)")
    return parser


def _fail(message: str) -> int:
    print(f"caseroom: {message}", file=sys.stderr)
    return EXIT_USAGE


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def cmd_check(files: list[Path]) -> int:
    ok = True
    for path in files:
        result = check_case(path)
        for line in result.problems:
            print(line)
        for line in result.warnings:
            print(f"{line} (warning)")
        if result.case is not None:
            case = result.case
            print(
                f"{path}: OK ({case.id}, {_count(len(case.segments), 'segment')}, "
                f"{_count(len(case.questions), 'question')}, {case.total_minutes} min)"
            )
        else:
            ok = False
    return 0 if ok else EXIT_USAGE


def cmd_cases() -> int:
    rows = []
    for case_id, path in bundled_paths().items():
        case, _ = load_case(path)
        rows.append((case_id, case.language, f"{case.total_minutes} min", case.title))
    if not rows:
        return _fail(f"no bundled case files in {bundled_dir()}")
    width = max(len(r[0]) for r in rows)
    for case_id, language, minutes, title in rows:
        default = "  (default)" if case_id == DEFAULT_CASE_ID else ""
        print(f"{case_id:<{width}}  {language}  {minutes:>7}  {title}{default}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """`caseroom new ID`: a commented case file in the chosen language, or (`--like CASE`)
    a copy of CASE under the new id; written once, never over an existing file."""
    from caseroom.store.atomic import write_atomic
    from caseroom.store.cases import resolve_case
    from caseroom.store.new_case import NEW_CASE_MODE, copy_case, is_case_id, new_case

    case_id: str = args.case_id
    if not is_case_id(case_id):
        return _fail(
            f"{case_id!r}: not a case id: use lowercase letters, digits and dashes, "
            "starting with a letter or digit (such as diabetes-2)"
        )
    if case_id in bundled_paths():
        return _fail(
            f"{case_id}: a bundled case has this id; choose another (see `caseroom cases`)"
        )
    output: Path = args.output if args.output is not None else Path(f"{case_id}.toml")
    exists = (
        f"{output}: exists already; caseroom new never overwrites a file: "
        "choose another ID or -o FILE"
    )
    try:
        if output.exists() or output.is_symlink():
            return _fail(exists)
        if not output.parent.is_dir():
            return _fail(f"{output}: no folder {output.parent}; create it first")
    except OSError as exc:  # a name too long for the file system
        return _fail(f"{output}: cannot be written: {exc.strerror or exc}")
    lang: Lang = args.lang or "da"
    if args.like is None:
        data = new_case(case_id, lang)
    else:
        source, _ = resolve_case(args.like)
        like, _warnings = load_case(source)  # a copy starts from a valid case only
        if args.lang is not None and args.lang != like.language:
            return _fail(
                f"--lang {args.lang}: the copy keeps the language of {args.like} "
                f"({like.language}); leave out --lang, or start from a case in that language"
            )
        lang = like.language
        data = copy_case(source, case_id)
    try:
        write_atomic(output, data, mode=NEW_CASE_MODE, replace=False)
    except FileExistsError:
        return _fail(exists)
    except OSError as exc:
        return _fail(f"{output}: cannot write: {exc.strerror or exc}")
    shown = shlex.quote(str(output))
    print(t("new.written", lang, path=str(output)))
    print(t("new.next", lang))
    print(f"  caseroom check {shown}")
    print(f"  caseroom run {shown}")
    return 0


def _no_terminal() -> str | None:
    """Why the app cannot run here: it draws on a terminal and reads keys from it.

    Another Textual driver (the browser one `clock --serve` starts) needs no terminal.
    """
    if (sys.stdin.isatty() and sys.stderr.isatty()) or os.environ.get("TEXTUAL_DRIVER"):
        return None
    return "needs a terminal: run it in a terminal window, without redirecting its input or output"


def _clock(speed: float | None) -> Clock:
    return SystemClock() if speed is None or speed == 1 else SpeedClock(speed)


def _is_session_file(argument: str) -> bool:
    """Whether a CASE argument names a session file (its head has `case_id` and `saved_at`,
    which no case file has): `run` then points to `resume` instead of listing case errors."""
    path = Path(argument)
    if not path.is_file():
        return False
    from caseroom.store.follow import read_head

    try:
        head = read_head(path)
    except OSError:
        return False
    return head is not None and "case_id" in head and "saved_at" in head


def cmd_run(args: argparse.Namespace) -> int:
    if _is_session_file(args.case):
        return _fail(
            f"{args.case}: this is a session file, not a case; continue it with "
            f"`caseroom resume {shlex.quote(args.case)}`"
        )
    case, source, warnings = open_case(args.case)
    for line in warnings:
        print(f"{line} (warning)", file=sys.stderr)
    people: list[Participant] | None = None
    roles = Roles()
    if args.people is not None:
        people, roles = parse_roster(args.people)
    follow, refused = _follow_up(case, args, warnings)
    if refused:
        return _fail(refused)
    if args.session is not None and args.session.exists():
        return _fail(f"{args.session}: exists already; continue it with `caseroom resume`")
    if args.session is not None and not args.session.parent.is_dir():
        return _fail(f"{args.session}: no folder {args.session.parent}; create it first")
    if problem := _no_terminal():
        return _fail(problem)
    from caseroom.store.paths import new_session_path
    from caseroom.ui.app import make_app

    clock = _clock(args.speed)
    session_path = args.session or new_session_path(case.id, clock.now())
    lock = SessionLock(session_path).acquire()  # held until the process ends
    app = make_app(
        case,
        session_path=session_path,
        clock=clock,
        people=people,
        roles=roles,
        case_source=source,
        lang=args.lang,
        bell=args.bell,
        theme=args.theme,
        warnings=warnings,
        planned_start=args.start,
        follow=follow,
    )
    code = _run_listed(app, lock, session_path)
    return _after_the_screen(app, code, args.lang)


def _follow_up(
    case: Case, args: argparse.Namespace, warnings: list[str]
) -> tuple[FollowUp | None, str]:
    """What a meeting of `case` continues (`--from`), or a one-line reason it cannot run as
    asked. A warning about the earlier session (it never finished, a rehearsal, more proposals
    than minutes) goes to stderr here, and to `warnings` for the screen to show."""
    from caseroom.store.followup import read_earlier

    status = case.status_segment
    if args.from_session is None:
        if status is not None and not args.empty:
            return None, (
                f"{case.id}: takes up an earlier meeting's proposals in '{status.id}': name that "
                "meeting's session file with --from SESSION (or hold it without them: --empty)"
            )
        if status is None and args.empty:
            return None, f"--empty: {case.id} has no segment of kind 'status' to leave empty"
        return None, ""
    earlier = read_earlier(args.from_session, case, empty=args.empty)  # SessionFileError
    for line in earlier.warnings:
        print(f"caseroom: {line}", file=sys.stderr)
    warnings.extend(earlier.warnings)
    return earlier.follow, ""


def _run_listed(app: CaseroomApp, lock: SessionLock, session: Path) -> int:
    """Run the app to the end, the session on the data folder's list of running ones
    meanwhile (`caseroom clock` finds it there wherever its file is)."""
    from caseroom.store.running import Registration
    from caseroom.ui.ending import run_to_the_end

    listed = Registration(session).add(wait=False)  # the screen does not wait for the list
    try:
        return run_to_the_end(app, lock)  # saved and unlocked however it ends
    finally:
        listed.remove()


def resume_hint(
    session: Path, *, running: bool, saved: bool, lang: Lang, lang_option: str | None = None
) -> list[str]:
    """What to print once the screen has closed on a meeting that goes on later ("Luk,
    fortsæt senere"): where its session is and the exact command that continues it, quoted
    for the shell. Nothing for a finished meeting, an unsaved one or none saved yet (the
    start screen left)."""
    if not running or not saved or not session.is_file():
        return []
    where = session.resolve()
    command = f"caseroom resume {shlex.quote(str(where))}"
    if lang_option:
        command += f" --lang {lang_option}"
    return [t("exit.saved_in", lang, path=str(where)), t("exit.resume_with", lang), f"  {command}"]


def _after_the_screen(app: CaseroomApp, code: int, lang_option: str | None) -> int:
    """The app has given the terminal back: say how to continue a meeting closed for later."""
    if code == 0:
        keeper = app.keeper
        running = app.meeting.status == "running"
        for line in resume_hint(
            keeper.path, running=running, saved=keeper.saved, lang=app.lang, lang_option=lang_option
        ):
            print(line)
    return code


def cmd_resume(args: argparse.Namespace) -> int:
    from caseroom.store.session_file import open_for_resume

    try:
        meeting = open_for_resume(args.session, speed=args.speed, case_file=args.case)
    except UntrustedSessionError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return _fail(
            f"{args.session}: cannot be continued, but its notes can be read: "
            f"caseroom export {shlex.quote(str(args.session))} --format markdown"
        )
    clock = meeting.clock
    lock = SessionLock(args.session).acquire()  # held until the process ends
    if problem := _no_terminal():
        return _fail(problem)
    from caseroom.ui.app import make_app

    app = make_app(
        meeting.case,
        session_path=args.session,
        clock=clock,
        meeting=meeting,
        lang=args.lang,
        bell=args.bell,
        theme=args.theme,
    )
    code = _run_listed(app, lock, args.session)
    return _after_the_screen(app, code, args.lang)


def cmd_export(args: argparse.Namespace) -> int:
    from caseroom.store.atomic import write_atomic
    from caseroom.store.export import load_for_export, render, salvage_for_export

    output = None if args.output in (None, Path("-")) else args.output
    if output is not None and output.resolve() == args.session.resolve():
        return _fail(f"{output}: that is the session file; an export never writes it")
    problems: list[str] = []
    try:
        meeting = load_for_export(args.session, case_file=args.case)
    except UntrustedSessionError as untrusted:
        # its figures fail their checks: export the notes it holds, say what was left out
        meeting, problems = salvage_for_export(args.session, untrusted, case_file=args.case)
    data = render(
        meeting,
        args.format,
        lang=args.lang,
        followup_weeks=args.followup_weeks,
        plan_date=args.plan_date,
        presentation_date=args.presentation_date,
        followup_date=args.followup_date,
        plan_minutes=args.plan_minutes,
        presentation_minutes=args.presentation_minutes,
        followup_minutes=args.followup_minutes,
        next_months=args.next_months,
    )
    if output is None:
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        except BrokenPipeError:  # `caseroom export … | head`: the reader has had enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    else:
        try:
            write_atomic(output, data)
        except OSError as exc:
            return _fail(f"{output}: cannot write: {exc.strerror or exc}")
    for line in problems:
        print(line, file=sys.stderr)
    return EXIT_USAGE if problems else 0


def cmd_report(args: argparse.Namespace) -> int:
    from caseroom.store.atomic import write_atomic
    from caseroom.store.export.report import build_report, read_sessions, to_csv, to_markdown

    output = None if args.output in (None, Path("-")) else args.output
    if args.format == "csv" and output is None:
        return _fail("report --format csv needs -o DIR: one file per table goes there")
    if output is not None and args.format == "markdown" and output.is_dir():
        return _fail(f"{output}: is a folder; -o names the report's file")
    if output is not None and args.format == "csv" and output.exists() and not output.is_dir():
        return _fail(f"{output}: is not a folder; csv writes one file per table into a folder")
    if output is not None and args.format == "markdown":
        inputs = {p.resolve() for p in args.inputs}
        read = output.resolve() in inputs or (
            output.suffix == ".toml" and output.resolve().parent in inputs
        )
        if read:
            return _fail(f"{output}: that is a session file it reads; a report never writes one")
    reading = read_sessions(
        args.inputs, rehearsals=args.rehearsals, names=args.names, text=args.text
    )
    for line in reading.skipped:
        print(f"{line} (skipped)", file=sys.stderr)
    if reading.rehearsals_left_out:
        n = reading.rehearsals_left_out
        print(
            f"caseroom: {_count(n, 'rehearsal')} left out (--rehearsals includes them)",
            file=sys.stderr,
        )
    if not reading.sessions:
        return _fail(f"no session file to report on among {_count(len(args.inputs), 'input')}")
    report = build_report(reading.sessions, args.lang, names=args.names, text=args.text)
    if args.format == "csv":
        assert output is not None
        try:
            if not output.exists():
                output.mkdir(mode=0o700, parents=True)
                output.chmod(0o700)  # whatever the umask
            for name, data in to_csv(report).items():
                write_atomic(output / name, data)
        except OSError as exc:
            return _fail(f"{output}: cannot write: {exc.strerror or exc}")
        return 0
    data = to_markdown(report).encode("utf-8")
    if output is not None:
        try:
            write_atomic(output, data)
        except OSError as exc:
            return _fail(f"{output}: cannot write: {exc.strerror or exc}")
        return 0
    try:
        if sys.stdout.isatty():  # drawn to the terminal's width, the chart last
            from caseroom.ui.report_chart import print_report

            print_report(report)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
    except BrokenPipeError:  # `caseroom report … | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from caseroom.store.export.history import chain, lines

    found = chain(args.session)  # not a session file: SessionFileError, one line, exit 2
    try:
        for line in lines(found, args.lang):
            print(line)
        sys.stdout.flush()
    except BrokenPipeError:  # `caseroom history … | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"--port must be a number from 1 to 65535, got {text!r}")
    return int(text)


def cmd_clock(args: argparse.Namespace) -> int:
    from caseroom.store.follow import find_session
    from caseroom.ui.clock_app import make_clock_app

    if not args.serve and (args.port is not None or args.host is not None):
        return _fail("--port and --host go with --serve")
    path = args.session if args.session is not None else find_session()
    app = make_clock_app(path, lang=args.lang, theme=args.theme)  # a bad session fails here
    if args.serve:
        from caseroom.ui.clock_serve import DEFAULT_HOST, DEFAULT_PORT, serve_clock

        host = DEFAULT_HOST if args.host is None else args.host
        port = DEFAULT_PORT if args.port is None else args.port
        return serve_clock(path, host=host, port=port, lang=args.lang, theme=args.theme)
    if problem := _no_terminal():
        return _fail(problem)
    app.run()
    return app.return_code or 0


def cmd_notes(args: argparse.Namespace) -> int:
    from caseroom.store.follow import find_session
    from caseroom.ui.notes_app import make_notes_app

    path = args.session if args.session is not None else find_session()
    if not path.is_file():
        return _fail(f"{path}: no such session file")
    app = make_notes_app(path, author=args.author, lang=args.lang, theme=args.theme)
    if problem := _no_terminal():
        app.taker.close()
        return _fail(problem)
    app.run()
    return app.return_code or 0


COMMANDS = (
    "run",
    "resume",
    "check",
    "cases",
    "new",
    "export",
    "clock",
    "notes",
    "report",
    "history",
)


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if not words or (words[0] not in COMMANDS and words[0] not in ("-h", "--help", "--version")):
        words.insert(0, "run")  # `caseroom` and `caseroom CASE --lang en` run a case
    args = build_parser().parse_args(words)
    try:
        if args.command == "check":
            return cmd_check(args.files)
        if args.command == "cases":
            return cmd_cases()
        if args.command == "new":
            return cmd_new(args)
        if args.command == "resume":
            return cmd_resume(args)
        if args.command == "export":
            return cmd_export(args)
        if args.command == "clock":
            return cmd_clock(args)
        if args.command == "notes":
            return cmd_notes(args)
        if args.command == "report":
            return cmd_report(args)
        if args.command == "history":
            return cmd_history(args)
        return cmd_run(args)
    except CaseroomError as exc:
        problems = getattr(exc, "problems", None) or [str(exc)]
        for line in problems:
            # "FILE:LINE: …" stands alone, as compilers print it; anything else is caseroom's
            located = ":" in line.split(" ")[0] and not line.startswith("-")
            print(line if located else f"caseroom: {line}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130

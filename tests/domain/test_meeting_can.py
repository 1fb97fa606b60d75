"""The engine answers "can this happen now, and if not, why?" (issue #17).

`Meeting.can(action)` and the method doing the action share one check: over many states of a
meeting, `can` is blocked exactly when the method raises, with the same code and parameters,
and a method that is allowed does not raise.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import DomainError, Verdict
from caseroom.domain.meeting import Meeting, MeetingAction
from caseroom.store.cases import open_case

A = MeetingAction
PEOPLE = (("Anna", "læge"), ("Bo", "sygeplejerske"), ("Carl", "sekretær"))


def _meeting() -> Meeting:
    case, source, _ = open_case(None)  # the bundled case: questions, fact boxes, a break, …
    meeting = Meeting(case, FakeClock(), case_source=source)
    for name, job in PEOPLE:
        meeting.add_participant(name, job)
    return meeting


def _started(meeting: Meeting) -> None:
    meeting.start()
    meeting.clock.advance(30)  # type: ignore[attr-defined]


def _to(key: str) -> Callable[[Meeting], None]:
    def go(meeting: Meeting) -> None:
        _started(meeting)
        while meeting.agenda.current.key != key:
            meeting.next()

    return go


def _paused(meeting: Meeting) -> None:
    _started(meeting)
    meeting.toggle_pause()


def _round(meeting: Meeting) -> None:
    _started(meeting)
    meeting.start_round("Bo")


def _in_break(meeting: Meeting) -> None:
    _started(meeting)
    meeting.speak("Anna")
    meeting.take_break()


def _after_break(meeting: Meeting) -> None:
    _in_break(meeting)
    meeting.next()


def _finished(meeting: Meeting) -> None:
    _started(meeting)
    meeting.finish()


def _shortest(meeting: Meeting) -> None:
    _started(meeting)
    meeting.extend(-9)  # 2a: 10 minutes, now one


def _deleted(meeting: Meeting) -> None:
    _started(meeting)
    point = meeting.add_learning_point("Fødder hver gang")
    meeting.delete_capture("learning_point", point.id)


def _alone(meeting: Meeting) -> None:
    _started(meeting)
    meeting.set_present("Bo", False)
    meeting.set_present("Carl", False)


def _nobody(meeting: Meeting) -> None:
    _alone(meeting)
    meeting.set_present("Anna", False)


def _nobody_at_evaluation(meeting: Meeting) -> None:
    _to("afslutning")(meeting)
    for name, _job in PEOPLE:
        meeting.set_present(name, False)


def _reflecting(meeting: Meeting) -> None:
    _started(meeting)
    meeting.start_reflection(1)


STATES: dict[str, Callable[[Meeting], None]] = {
    "not started": lambda meeting: None,
    "running, first step": _started,
    "paused": _paused,
    "a round going": _round,
    "in the break": _in_break,
    "after the break": _after_break,
    "a question with fact boxes": _to("2c/q1"),
    "a question without": _to("2c/q2"),
    "the Opsamling": _to("2d"),
    "the evaluation, last step": _to("afslutning"),
    "finished": _finished,
    "a step of one minute": _shortest,
    "something deleted": _deleted,
    "one present": _alone,
    "nobody present": _nobody,
    "nobody at the evaluation": _nobody_at_evaluation,
    "reflecting": _reflecting,
}

Do = Callable[[Meeting], object]

# every action with an argument it can take, and the method doing it
DOING: list[tuple[MeetingAction, int | str | None, Do]] = [
    (A.START, None, Meeting.start),
    (A.TOGGLE_PAUSE, None, Meeting.toggle_pause),
    (A.NEXT, None, Meeting.next),
    (A.BACK, None, Meeting.back),
    *((A.EXTEND, n, lambda m, n=n: m.extend(n)) for n in (1, -1, -9, -100)),
    (A.TAKE_BREAK, None, Meeting.take_break),
    (A.FINISH, None, Meeting.finish),
    *((A.SPEAK, seat, lambda m, s=seat: m.speak_seat(s)) for seat in (0, 1, 2, 4, 9)),
    *((A.SPEAK, name, lambda m, n=name: m.speak(n)) for name in ("Anna", "Carl", "Eve")),
    *((A.ROUND_START, name, lambda m, n=name: m.start_round(n)) for name in ("Anna", "Eve")),
    (A.ROUND_NEXT, None, lambda m: m.round_next()),
    (A.ROUND_NEXT, None, lambda m: m.round_next(skip=True)),
    (A.ROUND_END, None, Meeting.end_round),
    (A.REFLECT, None, lambda m: m.start_reflection()),
    (A.GROUPS, None, lambda m: m.propose_groups()),
    (A.FACTS, None, Meeting.factboxes),
    (A.UNDO_DELETE, None, Meeting.undo_delete),
    *((A.RECORD_ITEM, item, lambda m, i=item: m.item(i)) for item in ("f1", "x")),
]
# asked, never done by one method: where the agenda offers them (the keys h and e open
# fields; an evaluation or the plan may be recorded at any time), and "anyone" for the
# speaker picker and a round's dialog (then a name is chosen and that is checked)
ONLY_ASKED = {
    (A.PLAN, None),
    (A.EVALUATE, None),
    (A.SPEAK, None),
    (A.ROUND_START, None),
    (A.RECORD_ITEM, None),  # the key s opens the item's dialog (tests/domain/test_followup.py)
}


def test_every_action_is_checked_against_what_doing_it_does() -> None:
    covered = {action for action, _arg, _do in DOING} | {action for action, _ in ONLY_ASKED}
    assert covered == set(MeetingAction)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize(
    ("action", "arg", "do"),
    [pytest.param(a, arg, do, id=f"{a.value}({arg})") for a, arg, do in DOING],
)
def test_can_is_blocked_exactly_when_doing_it_raises_and_says_the_same(
    state: str, action: MeetingAction, arg: int | str | None, do: Do
) -> None:
    meeting = _meeting()
    STATES[state](meeting)
    verdict = meeting.can(action, arg)
    try:
        do(meeting)
    except DomainError as error:
        assert not verdict, f"{action} was allowed but raised {error.code}"
        assert (error.code, error.params) == (verdict.code, dict(verdict.params))
    else:
        assert verdict, f"{action} was blocked ({verdict.code}) but went through"


def test_the_states_cover_both_answers_of_every_action() -> None:
    answers: dict[tuple[MeetingAction, int | str | None], set[bool]] = {}
    for setup in STATES.values():
        meeting = _meeting()
        setup(meeting)
        for action, arg, _do in DOING:
            answers.setdefault((action, arg), set()).add(bool(meeting.can(action, arg)))
        for action, arg in ONLY_ASKED:
            answers.setdefault((action, arg), set()).add(bool(meeting.can(action, arg)))
    one_sided = {key for key, seen in answers.items() if seen != {True, False}}
    # nine seats for three people, a stranger, a step that cannot lose 100 minutes
    assert one_sided == {
        (A.SPEAK, 4),
        (A.SPEAK, 9),
        (A.SPEAK, "Eve"),
        (A.ROUND_START, "Eve"),
        (A.EXTEND, -100),
        # the bundled case meeting continues nothing: it has no items (a follow-up's are
        # asked both ways in tests/domain/test_followup.py)
        (A.RECORD_ITEM, "f1"),
        (A.RECORD_ITEM, "x"),
        (A.RECORD_ITEM, None),
    }


@pytest.mark.parametrize(
    ("state", "action", "arg", "code", "params"),
    [
        ("not started", A.NEXT, None, "meeting.not_started", {}),
        ("finished", A.TOGGLE_PAUSE, None, "meeting.finished", {}),
        ("running, first step", A.BACK, None, "agenda.first_step", {}),
        ("a step of one minute", A.EXTEND, -1, "agenda.too_short", {}),
        ("in the break", A.TAKE_BREAK, None, "agenda.in_break", {}),
        ("after the break", A.TAKE_BREAK, None, "agenda.no_break", {}),
        ("paused", A.REFLECT, None, "meeting.paused", {}),
        ("one present", A.GROUPS, None, "groups.too_few", {}),
        ("running, first step", A.SPEAK, 7, "people.no_seat", {"n": 7}),
        ("one present", A.SPEAK, "Bo", "people.not_present", {"name": "Bo"}),
        ("running, first step", A.SPEAK, "Eve", "people.unknown", {"name": "Eve"}),
        ("nobody present", A.SPEAK, None, "people.none_present", {}),
        ("a round going", A.ROUND_START, None, "talk.round_going", {}),
        ("running, first step", A.ROUND_END, None, "talk.no_round", {}),
        ("running, first step", A.FACTS, None, "step.no_factboxes", {}),
        ("running, first step", A.UNDO_DELETE, None, "captures.nothing_to_undo", {}),
        ("running, first step", A.PLAN, None, "step.not_opsamling", {}),
        ("the Opsamling", A.EVALUATE, None, "step.not_evaluation", {}),
        ("nobody at the evaluation", A.EVALUATE, None, "people.none_present", {}),
    ],
)
def test_a_blocked_action_says_why(
    state: str,
    action: MeetingAction,
    arg: int | str | None,
    code: str,
    params: dict[str, object],
) -> None:
    meeting = _meeting()
    STATES[state](meeting)
    verdict = meeting.can(action, arg)
    assert (verdict.code, dict(verdict.params)) == (code, params)
    assert str(verdict.error()) == str(DomainError(code, **params))


@pytest.mark.parametrize(
    ("state", "action"),
    [
        ("the Opsamling", A.PLAN),
        ("the evaluation, last step", A.EVALUATE),
        ("a question with fact boxes", A.FACTS),
        ("running, first step", A.SPEAK),
        ("not started", A.START),
    ],
)
def test_an_allowed_action_is_truthy(state: str, action: MeetingAction) -> None:
    meeting = _meeting()
    STATES[state](meeting)
    verdict = meeting.can(action)
    assert verdict and verdict.allowed and verdict == Verdict()


def test_the_typed_moves_return_what_the_break_stopped() -> None:
    meeting = _meeting()
    _started(meeting)
    meeting.speak("Anna")
    assert not meeting.extend(1)
    silenced = meeting.take_break()
    assert silenced.speaker == "Anna" and meeting.agenda.current.segment.kind == "break"
    assert not meeting.next()  # 2a goes on, nobody to stop
    assert not meeting.back()  # the break again: nobody speaks, nothing stopped
    assert meeting.agenda.current.segment.kind == "break"

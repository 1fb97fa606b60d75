"""The meeting screen's keys ask the engine (issue #17): a key the engine has a say in is on
exactly when `meeting.can(…)` allows it, and a key that does nothing says the engine's reason."""

from __future__ import annotations

from textual.actions import parse as parse_action

from caseroom.domain.meeting import Meeting
from caseroom.ui.i18n import not_now_reason, t
from caseroom.ui.keys import MEETING_KEYS
from caseroom.ui.screens.meeting import KEY_ACTIONS, MeetingScreen

from .conftest import SIZE, MakeApp


def engine_says(meeting: Meeting, action: str, parameters: tuple[object, ...]) -> bool:
    argument = parameters[0] if parameters else None
    assert argument is None or isinstance(argument, int)
    return bool(meeting.can(KEY_ACTIONS[action], argument))


async def test_each_key_the_engine_decides_is_on_exactly_when_it_allows_it(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        meeting = app.meeting
        keys = [
            (k.key.split(",")[0], *parse_action(k.action)[1:])
            for k in MEETING_KEYS
            if parse_action(k.action)[1] in KEY_ACTIONS
        ]
        assert len(keys) > 15
        seen: set[tuple[str, bool]] = set()
        # not started, running, paused, a round going, the break, after it, finished
        for presses in ((), ("space",), ("space",), ("space", "r", "enter"), ("x",), ("n",)):
            await pilot.press(*presses)
            for _key, action, parameters in keys:
                on = engine_says(meeting, action, parameters)
                assert bool(screen.check_action(action, parameters)) is on, (action, parameters)
                seen.add((action, on))
        events = [event.name for event in meeting.agenda.events]
        assert meeting.talk.rounds and "take_break" in events and events[-1] == "next"
        meeting.finish()
        for _key, action, parameters in keys:
            assert bool(screen.check_action(action, parameters)) is engine_says(
                meeting, action, parameters
            )
        assert {on for _action, on in seen} == {True, False}


async def test_a_key_that_does_nothing_gives_the_engine_s_reason(make: MakeApp) -> None:
    app = make(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press("space")
        verdict = app.meeting.can(KEY_ACTIONS["undo_delete"])
        assert not verdict
        assert screen.not_now("u") == t(
            "notnow", "en", shown="u", reason=not_now_reason(verdict, "en")
        )
        assert screen.not_now("u") == "The key u does nothing now: nothing to undo"

"""What the engine is asked about each key of the meeting's table: the screen asks, it does
not decide (`MeetingScreen.check_action` and `not_now` turn these answers into keys that
apply, dim keys and the reason a key does nothing now)."""

from __future__ import annotations

from typing import cast

from caseroom.domain.errors import Verdict
from caseroom.domain.meeting import Meeting, MeetingAction
from caseroom.ui.keys import MEETING_KEYS

TABLE_ACTIONS = {k.action.split("(")[0] for k in MEETING_KEYS}
# what the engine is asked for the keys it has a say in (space and r: `key_verdict`)
KEY_ACTIONS: dict[str, MeetingAction] = {
    "next": MeetingAction.NEXT,
    "back": MeetingAction.BACK,
    "extend": MeetingAction.EXTEND,
    "take_break": MeetingAction.TAKE_BREAK,
    "facts": MeetingAction.FACTS,
    "reflect": MeetingAction.REFLECT,
    "groups": MeetingAction.GROUPS,
    "speak": MeetingAction.SPEAK,  # a seat number (the digits)
    "pick_speaker": MeetingAction.SPEAK,  # anyone
    "skip": MeetingAction.ROUND_NEXT,
    "undo_delete": MeetingAction.UNDO_DELETE,
    "plan": MeetingAction.PLAN,
    "evaluate": MeetingAction.EVALUATE,
    "record_item": MeetingAction.RECORD_ITEM,
}
# the keys of each action of the table (speak has ten): a focused list's own binding of one of
# them goes first
ACTION_KEYS = {
    name: tuple(
        key for k in MEETING_KEYS if k.action.split("(")[0] == name for key in k.key.split(",")
    )
    for name in TABLE_ACTIONS
}
KEY_IDS = {k.id for k in MEETING_KEYS}


def key_verdict(meeting: Meeting, action: str, parameters: tuple[object, ...]) -> Verdict | None:
    """The engine's answer to whether a meeting key's action can happen now (None: a key
    the engine has no say in)."""
    match action:
        case "toggle_pause":  # space starts the meeting, then pauses and resumes it
            return meeting.can(MeetingAction.START) or meeting.can(MeetingAction.TOGGLE_PAUSE)
        case "round":  # r ends the round that is going, or starts one
            return meeting.can(MeetingAction.ROUND_END) or meeting.can(MeetingAction.ROUND_START)
        case "speak" | "extend":
            argument = int(cast(int, parameters[0])) if parameters else None
            return meeting.can(KEY_ACTIONS[action], argument)
    kind = KEY_ACTIONS.get(action)
    return None if kind is None else meeting.can(kind)

"""The meeting screen, one module per role.

- `screen`: `MeetingScreen`: what it composes, its keys and actions, and how it repaints when
  the meeting changed.
- `captures`: the note-taking half of the screen (a mixin): the capture panel, the notes list,
  Opsamling and the evaluation round.
- `verdicts`: which question of the engine (`Meeting.can`) each key of the table asks.
- `view`: what the screen says, as pure functions of the meeting, the language and a width
  (no widgets: tested without an app).
- `notes`: the notes panel (v), a widget.

Every change takes one path: an action calls the engine through `CaseroomApp.apply`, which
saves and posts `MeetingChanged` (caseroom/ui/messages.py) to the screens, which repaint.
"""

from __future__ import annotations

from caseroom.ui.screens.meeting.screen import MeetingScreen
from caseroom.ui.screens.meeting.verdicts import KEY_ACTIONS

__all__ = ["KEY_ACTIONS", "MeetingScreen"]

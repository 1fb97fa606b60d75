"""The dialogs over the meeting, one module per role.

- `base`: what every dialog over the meeting reaches (the app, its meeting) and Escape.
- `form`: a dialog of fields that keeps typed-ahead keys in order (`Form`).
- `confirm`: questions with buttons: quit, unsaved, finish.
- `info`: what is only read: the fact boxes and the help screen.
- `reflection`, `groups`: silent reflection and small groups.
- `people`: a late arrival, someone who leaves or comes back.
- `talk`: who speaks (the picker) and a round.
- `plan`: who drafts the action plan, and by when.

A dialog changes nothing by itself: it returns its result through `dismiss()` (a small
dataclass where there is more than a name) and the screen that opened it applies it, in the
callback given to `push_screen`, through `CaseroomApp.apply` (the engine, then the save). A
dialog may ask the engine a pure question (is this a valid person?) to say why not without
closing.

Each dialog composes its own key bar, which shows the dialog's keys (not the meeting's); its
keys are tables in caseroom/ui/keys.py, and each dialog is opened as `localized(cls, lang)`.
The dialogs with fields take keys typed ahead in order and in their field (`Form`).

A dialog is opened by a key whose action Textual awaits until the dialog is mounted and its
first field focused (caseroom/ui/keys.py), so the keys typed right after that key are the
dialog's. The keys that close a dialog (Escape, Enter on a choice, Enter that submits) are
priority bindings that close it before the app takes the next key, so the keys typed after
them are the meeting's again, as they would be a moment later.
"""

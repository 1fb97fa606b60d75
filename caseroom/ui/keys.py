"""All keys in tables: the meeting screen's (bindings, footer, help screen and palette), then
those of the dialogs, the widgets, the start screen and the clock. Every key has an id and a
tooltip; a class's BINDINGS are `make_bindings(ITS_KEYS)`, labelled in the UI's language by
`localized`.

Every key of the table is a priority binding: it acts as the app takes it off its queue, in the
order typed, before the keys typed after it are handed on (a key that reaches the meeting by
way of a widget and back would act after keys typed later, or not at all once a dialog it did
not know about is open). A key that opens a dialog returns the dialog's mount for Textual to
await, so the keys typed after it land in the dialog's first field, never in the meeting.
While a field is focused the keys are text (the screen disables them: `check_action`), and a
focused list's own key (e in the notes list) goes to the list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TypeVar, cast

from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from caseroom.domain.case import Case
from caseroom.ui.i18n import MESSAGES, Lang, t

N = TypeVar("N", bound=DOMNode)


@dataclass(frozen=True)
class Key:
    id: str
    key: str
    action: str
    label: str  # message key of the short description
    tip: str  # message key of the tooltip / help text
    display: str = ""
    show: bool = True
    palette: bool = True  # offered in the command palette
    help: bool = True  # listed on the help screen (one line for 1…9)
    priority: bool = True  # acts as the app takes it (a widget's own keys: when focused)


MEETING_KEYS: tuple[Key, ...] = (
    Key("pause", "space", "toggle_pause", "key.pause", "tip.pause", display="␣"),
    Key("next", "n", "next", "key.next", "tip.next"),
    Key("back", "b", "back", "key.back", "tip.back"),
    Key("more", "plus,+", "extend(1)", "key.more", "tip.more", display="+"),
    Key("less", "minus,-", "extend(-1)", "key.less", "tip.less", display="-"),
    Key("break", "x", "take_break", "key.break", "tip.break"),
    Key("facts", "f", "facts", "key.facts", "tip.facts"),
    Key("plot", "c", "plot", "key.plot", "tip.plot"),
    Key("reflect", "t", "reflect", "key.reflect", "tip.reflect"),
    Key("groups", "g", "groups", "key.groups", "tip.groups"),
    *(
        Key(
            f"speak-{n}",
            str(n),
            f"speak({n})",
            "key.speak",
            "tip.speak",
            display="1…9",
            show=False,
            palette=False,
            help=n == 1,
        )
        for n in range(1, 10)
    ),
    Key("silence", "0", "speak(0)", "key.silence", "tip.silence", show=False),
    Key("speaker", "s", "pick_speaker", "key.speaker", "tip.speaker", show=False),
    Key("round", "r", "round", "key.round", "tip.round"),
    Key("skip", "k", "skip", "key.skip", "tip.skip", show=False),
    Key("learning", "l", "capture('learning_point')", "key.learning", "tip.learning"),
    Key("proposal", "p", "capture('proposal')", "key.proposal", "tip.proposal"),
    Key("notes", "v", "notes", "key.notes", "tip.notes"),
    Key("undo", "u", "undo_delete", "key.undo", "tip.undo", show=False),
    Key("plan", "h", "plan", "key.plan", "tip.plan"),
    Key("evaluate", "e", "evaluate", "key.evaluate", "tip.evaluate"),
    Key("item", "o", "record_item", "key.item", "tip.item"),  # a follow-up's items only
    Key("add-person", "a", "add_person", "key.add_person", "tip.add_person", show=False),
    Key("help", "question_mark", "help", "key.help", "tip.help", display="?"),
    Key("quit", "q", "quit_meeting", "key.quit", "tip.quit"),
)


# the meeting screen's tab moves the focus as the app takes it, like every key of the table, so
# the keys typed after it reach what it focused (not a command: not on the help screen or palette)
MEETING_FOCUS_KEYS: tuple[Key, ...] = (
    Key("focus.next", "tab", "move_focus(1)", "wkey.other_field", "wtip.move_focus", show=False),
    Key(
        "focus.previous",
        "shift+tab",
        "move_focus(-1)",
        "wkey.other_field",
        "wtip.move_focus",
        show=False,
    ),
)
# the app's: Textual's command palette, labelled in the UI's language
APP_KEYS: tuple[Key, ...] = (
    Key(
        "palette",
        App.COMMAND_PALETTE_BINDING,
        "command_palette",
        "key.palette",
        "tip.palette",
        show=False,
    ),
)

# --- the dialogs (caseroom/ui/screens/dialogs) ------------------------------------------------
# Escape closes every dialog, and the keys that close one are priority bindings: they close it
# before the app takes the next key (caseroom/ui/screens/dialogs/__init__.py).

CLOSE = Key("dialog.close", "escape", "close", "wkey.close", "wtip.close")
HELP_KEYS: tuple[Key, ...] = (
    CLOSE,
    Key("help.close", "question_mark", "close", "wkey.close", "wtip.close", show=False),
)
GROUPS_KEYS: tuple[Key, ...] = (
    CLOSE,
    Key("groups.reshuffle", "r", "shuffle", "wkey.reshuffle", "wtip.reshuffle"),
)
REFLECTION_KEYS: tuple[Key, ...] = (
    Key("reflection.end", "escape", "end", "wkey.stop", "wtip.end_reflection"),
    # space pauses everywhere in the meeting, here too: the pause holds the silence as well
    Key("reflection.pause", "space", "toggle_pause", "key.pause", "tip.pause", display="␣"),
)
# a question with buttons (quit, unsaved, finish): Enter chooses the focused button
CHOICE_KEYS: tuple[Key, ...] = (
    Key("choice.back", "escape", "cancel", "wkey.back", "wtip.back"),
    Key("choice.choose", "enter", "choose", "wkey.choose", "wtip.choose_button"),
    Key("choice.next", "tab", "move(1)", "wkey.other_button", "wtip.other_button", show=False),
    Key(
        "choice.previous",
        "shift+tab",
        "move(-1)",
        "wkey.other_button",
        "wtip.other_button",
        show=False,
    ),
)
# a dialog of fields: Enter moves to the next field, and on the last one submits
NEXT_FIELD = Key("form.next-field", "enter", "next_field", "wkey.next_field", "wtip.next_field")
FORM_KEYS: tuple[Key, ...] = (
    Key("form.cancel", "escape", "cancel", "wkey.close", "wtip.close"),
    NEXT_FIELD,
    Key("form.submit", "enter", "submit", "wkey.save", "wtip.save"),
    Key("form.next", "tab", "move(1)", "wkey.other_field", "wtip.other_field", show=False),
    Key(
        "form.previous",
        "shift+tab",
        "move(-1)",
        "wkey.other_field",
        "wtip.other_field",
        show=False,
    ),
)
ADD_PERSON_KEYS: tuple[Key, ...] = (
    NEXT_FIELD,
    Key("add-person.submit", "enter", "submit", "wkey.add", "wtip.add_person"),
)
PRESENCE_KEYS: tuple[Key, ...] = (
    Key("presence.submit", "enter", "submit", "wkey.choose", "wtip.presence"),
)
SPEAKER_KEYS: tuple[Key, ...] = (
    Key("speaker.submit", "enter", "submit", "wkey.choose", "wtip.speaker"),
)
ROUND_KEYS: tuple[Key, ...] = (
    Key("round.submit", "enter", "submit", "wkey.start_round", "wtip.start_round"),
    Key("round.other-field", "tab", "move(1)", "wkey.other_field", "wtip.other_field"),
)

# --- the widgets (caseroom/ui/widgets) ------------------------------------------------------
# a focused list's keys are its own (not priority): they act only while it has the focus

NOTES_KEYS: tuple[Key, ...] = (
    Key("notes.edit", "e,enter", "act('edit')", "wkey.edit", "wtip.edit", priority=False),
    Key("notes.delete", "d,delete", "act('delete')", "wkey.delete", "wtip.delete", priority=False),
    Key("notes.agreed", "y", "act('agree')", "wkey.agreed", "wtip.agreed", priority=False),
    Key("notes.merge", "m", "act('merge')", "wkey.merge", "wtip.merge", priority=False),
    Key("notes.leave", "escape", "leave", "wkey.close", "wtip.leave_list", priority=False),
)
CAPTURE_TEXT_KEYS: tuple[Key, ...] = (
    Key("capture-text.save", "enter", "submit", "wkey.save", "wtip.save_note"),
    Key(
        "capture-text.newline",
        "ctrl+j",
        "newline",
        "wkey.newline",
        "wtip.newline",
        priority=False,
    ),
)
CAPTURE_FIELD_KEYS: tuple[Key, ...] = (
    Key("capture-field.save", "enter", "submit", "wkey.save", "wtip.save_note", show=False),
)
CAPTURE_FORM_KEYS: tuple[Key, ...] = (
    Key("capture.cancel", "escape", "cancel", "wkey.cancel", "wtip.cancel_note"),
    Key("capture.save", "ctrl+s", "submit", "wkey.save", "wtip.save_note"),
    Key("capture.next", "tab", "move(1)", "wkey.other_field", "wtip.other_field", show=False),
    Key(
        "capture.previous",
        "shift+tab",
        "move(-1)",
        "wkey.other_field",
        "wtip.other_field",
        show=False,
    ),
)
EVALUATION_KEYS: tuple[Key, ...] = (
    Key("evaluation.next", "ctrl+n", "advance", "wkey.next_person", "wtip.next_person"),
    Key("evaluation.leave", "escape", "leave", "wkey.close", "wtip.leave_evaluation"),
    Key("evaluation.enter", "enter", "enter", "wkey.save", "wtip.save_point", show=False),
)
CHECKLIST_KEYS: tuple[Key, ...] = (
    # space stays the pause key while the checklist has the focus
    Key(
        "checklist.pause",
        "space",
        "screen.toggle_pause",
        "key.pause",
        "tip.pause",
        show=False,
        priority=False,
    ),
)

# --- the start screen and the clock ---------------------------------------------------------

START_KEYS: tuple[Key, ...] = (
    Key("start.go", "ctrl+s", "start", "start.go", "wtip.start"),
    # Tab and Enter act as the app takes them, so keys typed right after them (a fast typist,
    # a paste) land in the field they were meant for
    Key("start.next", "tab", "step(1)", "wkey.other_field", "wtip.other_field", show=False),
    Key(
        "start.previous",
        "shift+tab",
        "step(-1)",
        "wkey.other_field",
        "wtip.other_field",
        show=False,
    ),
    Key("start.enter", "enter", "enter", "wkey.next_field", "wtip.start_enter", show=False),
    Key("start.up", "ctrl+up", "move(-1)", "people.up", "wtip.person_up", priority=False),
    Key("start.down", "ctrl+down", "move(1)", "people.down", "wtip.person_down", priority=False),
    Key("start.remove", "ctrl+d", "remove", "people.remove", "wtip.remove", priority=False),
    # Escape leaves the start screen (an open role list first closes: `action_leave`), so the
    # bar says how to quit, in the UI's language, even over the list's own Escape
    Key("quit", "escape", "leave", "wkey.leave_start", "wtip.leave_start"),
)
CLOCK_KEYS: tuple[Key, ...] = (
    Key("quit", "q", "app.quit", "key.quit", "wtip.quit_clock", show=False, priority=False),
)

NOTETAKER_KEYS: tuple[Key, ...] = (
    Key("notetaker.learning", "f2", "new('learning_point')", "nkey.learning", "ntip.learning"),
    Key("notetaker.proposal", "f3", "new('proposal')", "nkey.proposal", "ntip.proposal"),
    Key("notetaker.edit", "f4", "edit", "nkey.edit", "ntip.edit"),
    Key("notetaker.delete", "f8", "delete", "nkey.delete", "ntip.delete"),
    Key("notetaker.up", "ctrl+up", "pick(-1)", "nkey.pick", "ntip.pick", show=False),
    Key("notetaker.down", "ctrl+down", "pick(1)", "nkey.pick", "ntip.pick", display="ctrl+↑↓"),
    Key("notetaker.quit", "ctrl+q", "app.quit", "key.quit", "ntip.quit"),
)
"""The note-taker's screen (`caseroom notes`): its text field always has the focus, so every
key is one a field does not take."""


# --- a case's own words -----------------------------------------------------------------------

Words = Mapping[str, str]  # catalogue key -> the text a case file gives it instead
# where the room chooses its proposals itself: the catalogue's own key for each
CHOSEN_WORDS = {
    "opsamling.title": "opsamling.title_chosen",
    "opsamling.hint": "opsamling.hint_chosen",
    "opsamling.drafter": "opsamling.forward",
    "drafting.title": "drafting.title_chosen",
    "drafting.drafter": "drafting.drafter_chosen",
    "key.plan": "key.plan_chosen",
    "short.plan": "short.plan_chosen",
    "tip.plan": "tip.plan_chosen",
    "wkey.agreed": "wkey.chosen",
    "wtip.agreed": "wtip.chosen",
}


def case_words(case: Case, lang: Lang) -> dict[str, str]:
    """The catalogue keys a case file words its own way, with their text in `lang`: its name
    for the leader's private notes (`leader_notes`, "Case-plot" by default) on the `c` key,
    its panel and its "not now"; and where the room chooses its proposals in the meeting
    (`[action_plan] made = "in-meeting"`), "chosen" for "agreed" and who takes the chosen
    proposals forward for who drafts the action plan; where it makes none, an Opsamling's hint
    without `h`. Keys, panels and dialogs read these before the catalogue (`word`)."""
    words: dict[str, str] = {}
    if case.leader_notes:
        name = case.leader_notes
        words["key.plot"] = words["plot.plot"] = name
        words["short.plot"] = name.split()[0]
        words["tip.plot"] = t("plot.named_tip", lang, name=name)
        words["notnow.plot"] = t("notnow.plot_named", lang, name=name)
        words["plot.title"] = t("plot.title_named", lang, name=name)
    if case.plan_mode == "in-meeting":
        words.update({key: t(chosen, lang) for key, chosen in CHOSEN_WORDS.items()})
    if case.plan_mode == "none":  # an Opsamling without h
        words["opsamling.hint"] = t("opsamling.hint_none", lang)
    return words


def word(key: str, lang: Lang, words: Words | None = None, **values: object) -> str:
    """The text of catalogue key `key`: the case's own words for it first (`case_words`)."""
    if words and key in words:
        return words[key]
    return t(key, lang, **values)


def key_hint(key: Key, lang: Lang) -> str:
    """'Escape: Luk': a key and its label, for a dialog's line of hints."""
    return f"{key.key.split(',')[0].capitalize()}: {t(key.label, lang)}"


def make_bindings(keys: tuple[Key, ...]) -> list[BindingType]:
    """The table's bindings, labelled with catalogue keys: `localized` gives them their text."""
    return [
        Binding(
            k.key,
            k.action,
            k.label,
            show=k.show,
            key_display=k.display or None,
            tooltip=k.tip,
            id=k.id,
            priority=k.priority,
        )
        for k in keys
    ]


def translate(binding: Binding, lang: Lang, words: Words | None = None) -> Binding:
    """`binding` with a description and tooltip that are catalogue keys ("key.save") as text
    (a case's own words for them first)."""
    description, tooltip = binding.description, binding.tooltip
    return replace(
        binding,
        description=word(description, lang, words) if description in MESSAGES else description,
        tooltip=word(tooltip, lang, words) if tooltip in MESSAGES else tooltip,
    )


_LOCALIZED: dict[tuple[type[DOMNode], Lang, tuple[tuple[str, str], ...]], type[DOMNode]] = {}


def localized(cls: type[N], lang: Lang, words: Words | None = None) -> type[N]:
    """`cls` speaking `lang`: a subclass, made once per language (and case wording, see
    `case_words`), whose BINDINGS are `cls`'s (its own and its bases') with their catalogue
    keys as text. Textual reads bindings from the class: a language is a class, not a change
    to an instance."""
    wording = tuple(sorted((words or {}).items()))
    made = _LOCALIZED.get((cls, lang, wording))
    if made is None:
        bindings = [translate(b, lang, words) for bs in class_bindings(cls).values() for b in bs]
        made = type(
            cls.__name__,
            (cls,),
            {"BINDINGS": bindings, "__module__": cls.__module__, "__qualname__": cls.__qualname__},
        )
        _LOCALIZED[(cls, lang, wording)] = made
    return cast("type[N]", made)


_CLASS_BINDINGS: dict[type[DOMNode], dict[str, list[Binding]]] = {}


def class_bindings(cls: type[DOMNode]) -> dict[str, list[Binding]]:
    """The bindings of a class and its bases, by key (a subclass's binding of a key replaces
    its bases', as in Textual)."""
    found = _CLASS_BINDINGS.get(cls)
    if found is None:
        found = {}
        for base in reversed(cls.__mro__):
            declared: dict[str, list[Binding]] = {}
            for binding in Binding.make_bindings(base.__dict__.get("BINDINGS", [])):
                declared.setdefault(binding.key, []).append(binding)
            found.update(declared)
        _CLASS_BINDINGS[cls] = found
    return found


def app_lang(node: DOMNode) -> Lang:
    """The running app's UI language."""
    return "en" if getattr(node.app, "lang", "da") == "en" else "da"

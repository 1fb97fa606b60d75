"""All keys of the meeting screen in one table: bindings, footer, help screen and palette.

Every key of the table is a priority binding: it acts as the app takes it off its queue, in the
order typed, before the keys typed after it are handed on (a key that reaches the meeting by
way of a widget and back would act after keys typed later, or not at all once a dialog it did
not know about is open). A key that opens a dialog returns the dialog's mount for Textual to
await, so the keys typed after it land in the dialog's first field, never in the meeting.
While a field is focused the keys are text (the screen disables them: `check_action`), and a
focused list's own key (e in the notes list) goes to the list.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from caseroom.ui.i18n import MESSAGES, Lang, t


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
    Key("add-person", "a", "add_person", "key.add_person", "tip.add_person", show=False),
    Key("help", "question_mark", "help", "key.help", "tip.help", display="?"),
    Key("quit", "q", "quit_meeting", "key.quit", "tip.quit"),
)


def make_bindings(keys: tuple[Key, ...], lang: Lang) -> list[Binding]:
    return [
        Binding(
            k.key,
            k.action,
            t(k.label, lang),
            show=k.show,
            key_display=k.display or None,
            tooltip=t(k.tip, lang),
            id=k.id,
            priority=True,
        )
        for k in keys
    ]


def translate_bindings(node: DOMNode, lang: Lang) -> None:
    """Replace binding descriptions and tooltips that are catalogue keys ("key.save") with
    their text."""
    translated = [
        replace(
            b,
            description=t(b.description, lang) if b.description in MESSAGES else b.description,
            tooltip=t(b.tooltip, lang) if b.tooltip in MESSAGES else b.tooltip,
        )
        for bindings in node._bindings.key_to_bindings.values()
        for b in bindings
    ]
    node._bindings = BindingsMap(translated)


def app_lang(node: DOMNode) -> Lang:
    """The running app's UI language."""
    return "en" if getattr(node.app, "lang", "da") == "en" else "da"


def localize_bindings(node: DOMNode) -> None:
    """`translate_bindings` in the running app's language (for widgets made without it)."""
    translate_bindings(node, app_lang(node))


def install_bindings(node: DOMNode, keys: tuple[Key, ...], lang: Lang) -> None:
    """Give `node` the table's bindings in `lang` (bindings are per language, so per instance)."""
    node._bindings = BindingsMap.merge([node._bindings, BindingsMap(make_bindings(keys, lang))])

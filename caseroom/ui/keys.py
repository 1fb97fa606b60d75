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
from typing import TypeVar, cast

from textual.binding import Binding
from textual.dom import DOMNode

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


def make_bindings(keys: tuple[Key, ...]) -> list[Binding]:
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
            priority=True,
        )
        for k in keys
    ]


def translate(binding: Binding, lang: Lang) -> Binding:
    """`binding` with a description and tooltip that are catalogue keys ("key.save") as text."""
    description, tooltip = binding.description, binding.tooltip
    return replace(
        binding,
        description=t(description, lang) if description in MESSAGES else description,
        tooltip=t(tooltip, lang) if tooltip in MESSAGES else tooltip,
    )


_LOCALIZED: dict[tuple[type[DOMNode], Lang], type[DOMNode]] = {}


def localized(cls: type[N], lang: Lang) -> type[N]:
    """`cls` speaking `lang`: a subclass, made once per language, whose BINDINGS are `cls`'s
    (its own and its bases') with their catalogue keys as text. Textual reads bindings from
    the class: a language is a class, not a change to an instance."""
    made = _LOCALIZED.get((cls, lang))
    if made is None:
        bindings = [translate(b, lang) for bs in class_bindings(cls).values() for b in bs]
        made = type(
            cls.__name__,
            (cls,),
            {"BINDINGS": bindings, "__module__": cls.__module__, "__qualname__": cls.__qualname__},
        )
        _LOCALIZED[(cls, lang)] = made
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

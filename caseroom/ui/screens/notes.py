"""The note-taker's screen (`caseroom notes`): where the meeting is, the capture panel always
open, and the notes taken so far. Every note goes to the meeting through the inbox
(`NoteTaker`); "Gemt ✓" shows only once the meeting has written it into the session file."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from caseroom.domain.captures import one_line
from caseroom.domain.errors import SessionFileError
from caseroom.store.notetaker import Note, NoteTaker
from caseroom.ui.i18n import Lang, t
from caseroom.ui.keys import NOTETAKER_KEYS, localized, make_bindings
from caseroom.ui.widgets.capture import CaptureForm, CaptureValues

POLL_SECONDS = 0.5


class NotesScreen(Screen[None]):
    BINDINGS = make_bindings(NOTETAKER_KEYS)
    DEFAULT_CSS = """
    NotesScreen #capture { display: block; }
    NotesScreen #capture-text { height: 4; }
    NotesScreen #capture-hint { display: none; }
    NotesScreen #notes-where { height: auto; max-height: 3; text-style: bold; padding: 0 1; }
    NotesScreen #notes-state, NotesScreen #notes-sent { height: auto; padding: 0 1; }
    NotesScreen #notes-list { height: 1fr; }
    """

    def __init__(self, taker: NoteTaker, lang: Lang, *, poll_seconds: float = POLL_SECONDS):
        super().__init__()
        self.taker = taker
        self.lang: Lang = lang
        self.poll_seconds = poll_seconds
        self.last_key: str | None = None  # the entry last sent: "Gemt ✓" once taken
        self.told: set[str] = set()  # the refused entries already told
        self.shown: list[Note] = []

    def compose(self) -> ComposeResult:
        yield Static(id="notes-where", markup=False)
        yield Static(id="notes-state", markup=False)
        yield localized(CaptureForm, self.lang)(self.lang, areas=self.taker.meeting.case.areas)
        yield Static(id="notes-sent", markup=False)
        yield OptionList(id="notes-list")
        yield Footer()

    class Ready(Message):
        """The note's text is focused: the keys typed from now on have their place."""

    def on_mount(self) -> None:
        self.title = t("notes.title", self.lang, name=self.taker.author)
        self.open_form("learning_point")
        self.refresh_view()
        self.set_interval(self.poll_seconds, self.poll)
        self.post_message(self.Ready())

    @property
    def form(self) -> CaptureForm:
        return self.query_one(CaptureForm)

    def people(self) -> list[str]:
        return [p.name for p in self.taker.meeting.participants]

    def open_form(
        self, kind: str, values: CaptureValues | None = None, note_id: str | None = None
    ) -> None:
        self.form.open(kind, self.people(), values, note_id)

    def poll(self) -> None:
        self.taker.poll()
        self.refresh_view()

    def refresh_view(self) -> None:
        taker, lang = self.taker, self.lang
        meeting = taker.meeting
        step = meeting.agenda.current
        where = t("notes.where", lang, segment=step.segment.title)
        if step.question is not None:
            where += "\n" + t("notes.question", lang, question=one_line(step.question.text))
        self.query_one("#notes-where", Static).update(where)
        self.query_one("#notes-state", Static).update(t(f"notes.{taker.state()}", lang))
        sent = ""
        if self.last_key is not None:
            delivery = taker.delivery(self.last_key)
            sent = t("notes.saved", lang) if delivery == "saved" else t("notes.sent", lang)
        for key in taker.sent:
            if key not in self.told and taker.delivery(key) == "refused":
                self.told.add(key)
                note = taker.note(taker.sent[key].note_id)
                text = one_line(note.values["text"]) if note is not None else "–"
                self.notify(t("notes.refused", lang, text=text), severity="warning", timeout=30)
                if key == self.last_key:
                    sent = t("notes.refused", lang, text=text)
        self.query_one("#notes-sent", Static).update(sent)
        notes = taker.notes()
        if notes != self.shown:
            self.shown = notes
            listing = self.query_one("#notes-list", OptionList)
            highlighted = listing.highlighted
            listing.clear_options()
            listing.add_options([Option(Text(self.line(n)), id=n.note_id) for n in notes])
            if notes:
                keep = len(notes) - 1 if highlighted is None else highlighted
                listing.highlighted = min(keep, len(notes) - 1)

    def line(self, note: Note) -> str:
        mark = "" if note.delivery == "saved" else f" ({t('notes.waiting', self.lang)})"
        kind = t("list.lp" if note.kind == "learning_point" else "list.pr", self.lang)
        who = f" – {note.author}" if note.author else ""
        area = f" [{note.values['area']}]" if note.values.get("area") else ""
        return f"{kind}{area} {one_line(note.values['text'])}{who}{mark}"

    @on(CaptureForm.Saved)
    def saved(self, event: CaptureForm.Saved) -> None:
        values = event.values
        fields = {
            "text": values.text,
            "area": values.area,
            "responsible": values.responsible,
            "proposed_by": values.proposed_by,
        }
        try:
            if event.form.note_id is None:
                entry = self.taker.add(event.form.kind, fields)
            else:
                entry = self.taker.edit(event.form.note_id, fields)
        except (OSError, SessionFileError) as exc:
            event.form.show_error(str(exc))
            return
        self.last_key = entry.key
        self.open_form(event.form.kind)  # empty again, for the next note
        event.form.settling.end()  # the keys typed after Enter: the next note's
        self.refresh_view()

    @on(CaptureForm.Cancelled)
    def cancelled(self) -> None:
        self.open_form(self.form.kind)  # always open: Escape empties it

    def action_new(self, kind: str) -> None:
        """Another kind of note; what is typed stays."""
        text = self.form.query_one("#capture-text").text  # type: ignore[attr-defined]
        self.open_form(kind, CaptureValues(text) if self.form.note_id is None else None)

    def chosen(self) -> Note | None:
        listing = self.query_one("#notes-list", OptionList)
        if listing.highlighted is None or listing.highlighted >= len(self.shown):
            return None
        return self.shown[listing.highlighted]

    def action_pick(self, step: int) -> None:
        listing = self.query_one("#notes-list", OptionList)
        if self.shown:
            now = listing.highlighted if listing.highlighted is not None else len(self.shown)
            listing.highlighted = max(0, min(len(self.shown) - 1, now + step))

    def action_edit(self) -> None:
        note = self.chosen()
        if note is None or not self.taker.can_change(note.note_id):
            self.notify(t("notes.not_yours", self.lang), severity="warning")
            return
        self.open_form(note.kind, CaptureValues(**note.values), note.note_id)

    def action_delete(self) -> None:
        note = self.chosen()
        if note is None or not self.taker.can_change(note.note_id):
            self.notify(t("notes.not_yours", self.lang), severity="warning")
            return
        try:
            entry = self.taker.delete(note.note_id)
        except (OSError, SessionFileError) as exc:
            self.notify(str(exc), severity="error")
            return
        self.last_key = entry.key
        self.refresh_view()

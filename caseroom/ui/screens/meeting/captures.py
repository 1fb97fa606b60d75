"""The meeting screen's note-taking: capture panel, notes list, Opsamling and evaluation round.

A mixin of MeetingScreen (screen.py), kept apart so each file stays readable. Every handler
changes the meeting through `CaseroomApp.apply(..., durable=True)` (the engine, then the save,
flushed to the disk), and only then says "saved" (`confirm_saved`).
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on
from textual.widget import AwaitMount, Widget
from textual.widgets import Input, Static

from caseroom.domain.errors import DomainError
from caseroom.ui.i18n import countdown, explain, t
from caseroom.ui.keys import case_words, localized, word
from caseroom.ui.screens.base import CaseroomScreen
from caseroom.ui.screens.meeting.notes import NotesPanel
from caseroom.ui.screens.meeting.view import opsamling_side
from caseroom.ui.widgets.capture import CaptureForm, CaptureValues, base_of
from caseroom.ui.widgets.evaluation import EvaluationPanel
from caseroom.ui.widgets.notes import NotesList


class NoteTakingScreen(CaseroomScreen):
    """The base of the meeting screen: note-taking."""

    @property
    def words(self) -> dict[str, str]:
        """The case's own words for some of the catalogue's keys (`case_words`)."""
        return case_words(self.meeting.case, self.lang)

    # --- the capture panel ----------------------------------------------------------------

    def note_values(self, kind: str, note_id: str) -> CaptureValues:
        """The note's fields now, as the capture panel holds them."""
        if kind == "learning_point":
            return CaptureValues(self.meeting.learning_point(note_id).text)
        p = self.meeting.proposal(note_id)
        return CaptureValues(p.text, p.area, p.responsible, p.proposed_by)

    def open_capture(self, kind: str, note_id: str | None = None) -> None:
        initial = None if note_id is None else self.note_values(kind, note_id)
        people = [p.name for p in self.meeting.participants]
        form = self.query_one(CaptureForm)
        form.open(kind, people, initial, note_id)

    def action_capture(self, kind: str) -> None:
        self.open_capture(kind)

    @on(CaptureForm.Saved)
    def capture_saved(self, event: CaptureForm.Saved) -> None:
        form, values, meeting, note_id = event.form, event.values, self.meeting, event.form.note_id
        base = form.base  # an edit: the note as the panel opened on it (the engine compares)

        def change() -> None:
            if form.kind == "learning_point":
                if note_id is None:
                    meeting.add_learning_point(values.text)
                else:
                    meeting.edit_learning_point(note_id, values.text, base=base)
            elif note_id is None:
                meeting.add_proposal(
                    values.text, values.area, values.responsible, values.proposed_by
                )
            else:
                meeting.edit_proposal(
                    note_id,
                    text=values.text,
                    area=values.area,
                    responsible=values.responsible,
                    proposed_by=values.proposed_by,
                    base=base,
                )

        try:
            self.caseroom.apply(change, durable=True)
        except DomainError as exc:
            form.show_error(explain(exc, self.lang))
            if exc.code == "captures.changed_meanwhile" and note_id is not None:
                # told on the notice line too; the panel now knows the note as it is, so a
                # second Enter saves the leader's text knowingly
                self.notify(explain(exc, self.lang), severity="warning")
                form.base = base_of(form.kind, self.note_values(form.kind, note_id))
                self.refresh_notes()
            elif exc.code == "captures.deleted_meanwhile":
                self.notify(explain(exc, self.lang), severity="warning")
                self.refresh_notes()
            return
        form.close()
        self.confirm_saved(t("capture.saved", self.lang))

    def tell_changed_while_editing(self, changed: dict[str, str]) -> None:
        """A note-taker changed or deleted (`changed`: note id -> who) the note open in the
        capture panel: the leader is told now; the save then is the engine's to refuse."""
        for form in self.query(CaptureForm):  # none yet while the screen mounts
            if form.display and form.note_id in changed:
                name = changed[form.note_id]
                self.notify(t("capture.changed_by", self.lang, name=name), severity="warning")

    @on(CaptureForm.Cancelled)
    def capture_cancelled(self, event: CaptureForm.Cancelled) -> None:
        self.query_one(CaptureForm).close()

    def confirm_saved(self, message: str) -> None:
        """After a change applied with `durable=True`: say 'saved' only when it is on the disk."""
        if self.caseroom.keeper.saved:
            self.notify(message)
        else:
            self.notify(t("capture.not_saved", self.lang), severity="error")
        self.refresh_notes()

    # --- the notes list (v) and the Opsamling list ----------------------------------------

    def action_notes(self) -> None:
        notes = self.query_one(NotesPanel)
        notes.show(not notes.display, self.meeting)
        self.query_one("#content").display = not notes.display
        if notes.display:
            # at once, not once the app gets to it: the keys typed after v are the list's
            self.set_focus(notes.listing)
        else:
            self.screen.set_focus(None)

    def refresh_notes(self) -> None:
        for listing in self.query(NotesList):
            listing.fill(self.meeting, self.lang)
        for panel in self.query("#opsamling-side"):
            if isinstance(panel, Static):
                panel.update(opsamling_side(self.meeting, self.lang, self.words))

    @on(NotesList.Act)
    def note_act(self, event: NotesList.Act) -> None:
        """A key on a note in a list: edit, delete, agree, merge. The note may be gone by the
        time its key is handled (`d d` typed fast, a merge's first pick deleted): the engine
        says so, and the list shows what is there now."""
        try:
            self.act_on_note(event)
        except DomainError as exc:
            self.notify(explain(exc, self.lang), severity="warning", markup=False)
            self.refresh_notes()

    def act_on_note(self, event: NotesList.Act) -> None:
        meeting, lang = self.meeting, self.lang
        listing = event.control if isinstance(event.control, NotesList) else None
        if event.verb == "edit":
            self.open_capture(event.kind, event.note_id)
            return
        if event.verb == "delete":
            self.caseroom.apply(
                partial(meeting.delete_capture, event.kind, event.note_id), durable=True
            )
            self.confirm_saved(t("capture.deleted", lang))
            return
        if event.kind != "proposal":
            return
        if event.verb == "agree":
            agreed = not meeting.proposal(event.note_id).agreed
            self.caseroom.apply(
                partial(meeting.edit_proposal, event.note_id, agreed=agreed), durable=True
            )
            self.confirm_saved(t("capture.saved", lang))
        elif event.verb == "merge" and listing is not None:
            if listing.merge_from is None or listing.merge_from == event.note_id:
                listing.merge_from = event.note_id
                self.notify(t("opsamling.merge_pick", lang))
                self.refresh_notes()
                return
            source, listing.merge_from = listing.merge_from, None
            self.caseroom.apply(
                partial(meeting.merge_proposals, event.note_id, source), durable=True
            )
            self.confirm_saved(t("opsamling.merged", lang))

    @on(NotesList.Leave)
    def note_leave(self) -> None:
        self.screen.set_focus(None)

    def action_undo_delete(self) -> None:
        try:
            self.caseroom.apply(self.meeting.undo_delete, durable=True)
        except DomainError:
            return
        self.confirm_saved(t("capture.restored", self.lang))

    # --- Opsamling (2d) -------------------------------------------------------------------

    def opsamling_widgets(self) -> list[Widget]:
        lang, words = self.lang, self.words
        listing = localized(NotesList, lang, words)(by_area=True, id="opsamling-list")
        listing.fill(self.meeting, lang)
        return [
            Static(word("opsamling.title", lang, words), classes="heading"),
            Static(word("opsamling.hint", lang, words), classes="hint"),
            listing,
            Static(opsamling_side(self.meeting, lang, words), id="opsamling-side"),
        ]

    def action_plan(self) -> AwaitMount:
        from caseroom.ui.screens.dialogs.plan import ActionPlan, PlanScreen

        def chosen(plan: ActionPlan | None) -> None:
            if plan is not None:
                plan_it = partial(self.meeting.set_action_plan, plan.drafter, plan.deadline)
                self.caseroom.apply(plan_it, durable=True)
                self.confirm_saved(t("capture.saved", self.lang))

        dialog = localized(PlanScreen, self.lang, self.words)(self.words)
        return self.app.push_screen(dialog, chosen)

    # --- the evaluation round (Afslutning) ------------------------------------------------

    def evaluation_widgets(self) -> list[Widget]:
        prompt = self.meeting.case.closing.prompt  # the case's closing question, if it asks one
        title = t("eval.title_prompt", self.lang, prompt=prompt) if prompt else None
        return [
            Static(title or t("eval.title", self.lang), classes="heading", markup=False),
            localized(EvaluationPanel, self.lang)(self.meeting, self.lang),
        ]

    def start_evaluation_round(self, *, resumed: bool = False) -> bool:
        """In the evaluation segment, the meeting's evaluation round (see
        `Meeting.start_evaluation_round`); True when a round was started."""
        return self.meeting.start_evaluation_round(resumed=resumed) is not None

    def refresh_evaluation(self) -> None:
        if self.meeting.agenda.current.segment.kind != "evaluation":
            return  # no panel outside Afslutning: spare the tick a query of the whole screen
        talk_round = self.meeting.talk.round
        person = talk_round.current if talk_round is not None else None
        for panel in self.query(EvaluationPanel):
            if not panel.is_mounted:
                continue
            panel.follow_people()
            typing = panel.has_focus_within
            if person != panel.round_person and not typing:
                # the round moved on by `n`/`s`, a leaver or a late arrival: show whose turn it is
                panel.choose(person)
            panel.round_person = person
            if panel.person is not None:
                left = self.meeting.talk.round_remaining(self.meeting.clock.monotonic())
                label = panel.person
                if left is not None and person == panel.person:
                    key = "eval.turn" if left >= 0 else "eval.turn_over"
                    label = t(key, self.lang, name=panel.person, left=countdown(left))
                heading = panel.query_one("#eval-person", Static)
                if str(heading.render()) != label:
                    heading.update(Text(label))  # a name is data, never markup

    def action_evaluate(self) -> None:
        """Type the evaluation of the person whose turn it is (or of the one chosen)."""
        talk_round = self.meeting.talk.round
        for panel in self.query(EvaluationPanel):
            if talk_round is not None and talk_round.current is not None:
                panel.choose(talk_round.current)
            elif panel.person is None and self.meeting.present:
                panel.choose(self.meeting.present[0].name)
            # at once: `e` is a priority key, so what is typed right after it lands here
            self.set_focus(panel.query_one("#eval-1", Input))

    @on(EvaluationPanel.Save)
    def evaluation_saved(self, event: EvaluationPanel.Save) -> None:
        try:
            self.store_evaluation(event)
        finally:
            if event.advance:  # the key that moved on lets the app take the next key now
                event.panel.settled()

    def store_evaluation(self, event: EvaluationPanel.Save) -> None:
        meeting = self.meeting
        edited = meeting.evaluation_differs(event.person, event.points)
        if not edited and not event.advance:
            return  # looked at and left as it was: nothing to save or to say

        def change() -> str | None:
            """The points (when edited), then the round moves on (when the key does): whose
            turn it is next."""
            if edited:
                meeting.set_evaluation(event.person, event.points)
            if event.advance:
                return meeting.next_evaluation(event.person, event.points)
            return None

        # durably when there are points to say "saved" of; else only the round moved on
        try:
            following = self.caseroom.apply(change, durable=edited)
        except DomainError as exc:
            self.notify(explain(exc, self.lang), severity="warning", markup=False)
            return
        if edited:
            self.confirm_saved(t("capture.saved", self.lang))
        for panel in self.query(EvaluationPanel):
            panel.refill()
            if event.advance:
                panel.choose(following)
                if following is not None:
                    self.set_focus(panel.query_one("#eval-1", Input))
                else:
                    self.screen.set_focus(None)

    @on(EvaluationPanel.Leave)
    def evaluation_leave(self, event: EvaluationPanel.Leave) -> None:
        self.screen.set_focus(None)
        event.panel.settled()

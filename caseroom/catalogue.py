"""The message catalogue: every text a person reads, in Danish (the default) and English.

Pure Python (no Rich, no Textual, no Jinja2): the UI, the domain's errors, the command line
and the exports share it. Three sections, no key in two: `LABELS` (the screens), `ERRORS` (the
engine's refusals) and `EXPORT` (the summary, the plan draft and the calendar; their templates
call `t(key, **values)`); `MESSAGES` is all three, `t()` looks a key up. Dates in words for
the exports (`format_date`) are here too. Case text is never translated: it stays in the case's
own language.

The engine's refusals are here too, under their codes ("meeting.finished"): a `DomainError`
carries a code and its parameters, its `str()` is the English text, and the screen shows the
text in its own language (`explain`).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

Lang = Literal["da", "en"]

# the UI's labels and sentences
LABELS: dict[str, tuple[str, str]] = {
    # roles and people
    "role.leader": ("Mødeleder", "Meeting leader"),
    "role.timekeeper": ("Tidsholder", "Timekeeper"),
    "role.note_taker": ("Referent", "Note-taker"),
    "people.title": ("Hvem er med?", "Who is here?"),
    "people.help": (
        "Skriv navn og faggruppe i siddeorden (Tab: klinik, som bliver stående). Enter tilføjer. "
        "Vælg derefter de tre roller.",
        "Type name and profession in seating order (Tab: clinic, which stays). Enter adds. "
        "Then choose the three roles.",
    ),
    "people.name": ("Navn", "Name"),
    "people.profession": ("Faggruppe", "Profession"),
    "people.add": ("Tilføj", "Add"),
    "people.none": ("Ingen deltagere endnu.", "No participants yet."),
    "case.warning": ("Advarsel", "Warning"),
    "people.remove": ("Fjern valgte", "Remove selected"),
    "people.removed": ("{name} er fjernet fra listen", "{name} is off the list"),
    "people.up": ("Flyt op", "Move up"),
    "people.down": ("Flyt ned", "Move down"),
    "people.need": (
        "Tilføj mindst én deltager for at starte.",
        "Add at least one participant to start.",
    ),
    "people.added": ("{name} er tilføjet.", "{name} was added."),
    "people.left": ("{name} har forladt mødet.", "{name} has left the meeting."),
    "people.back": ("{name} er tilbage.", "{name} is back."),
    "people.add_late": ("Tilføj deltager", "Add participant"),
    "people.leaves": ("Deltager går / kommer tilbage", "Participant leaves / returns"),
    "people.leaves_tip": (
        "Vælg en deltager, der går fra mødet eller kommer tilbage",
        "Pick a participant who leaves the meeting or comes back",
    ),
    "role.none": ("(ingen)", "(none)"),
    # start
    "start.title": ("Klar til {title}", "Ready for {title}"),
    "start.go": ("Start mødet", "Start meeting"),
    "start.leave_title": ("Forlad caseroom?", "Leave caseroom?"),
    "start.leave_body": (
        "Mødet er ikke startet, og de skrevne navne gemmes ikke.",
        "The meeting has not started, and the names typed are not kept.",
    ),
    "start.leave": ("Forlad", "Leave"),
    "start.stay": ("Bliv", "Stay"),
    "people.clinic": ("Klinik (valgfri; Tab)", "Clinic (optional; Tab)"),
    # states
    "state.not_started": ("KLAR", "READY"),
    "state.running": ("KØRER", "RUNNING"),
    "state.paused": ("STOPPET", "PAUSED"),
    "state.finished": ("AFSLUTTET", "FINISHED"),
    "state.press_start": (
        "Tryk mellemrum for at starte mødet",
        "Press space to start the meeting",
    ),
    "state.paused_banner": (
        "⏸  STOPPET — tiden står stille. Tryk mellemrum for at fortsætte.",
        "⏸  PAUSED — time stands still. Press space to continue.",
    ),
    "state.finished_banner": (
        "Mødet er afsluttet. Sessionen er gemt i {path}",
        "The meeting has finished. The session is saved in {path}",
    ),
    "state.down": (
        "Programmet var nede i {duration} (registreret som afbrydelse).",
        "The app was down for {duration} (recorded as an interruption).",
    ),
    # figures
    "fig.segment_left": ("Punkt", "Segment"),
    "fig.meeting_left": ("Møde", "Meeting"),
    "fig.end": ("Slut", "Ends"),
    "fig.late": ("{duration} forsinket", "{duration} late"),
    "fig.early": ("{duration} foran", "{duration} early"),
    "fig.on_time": ("til tiden", "on time"),
    "fig.left": ("tilbage", "left"),
    "fig.over": ("over tid", "over time"),
    "fig.question": ("Spørgsmål {n} af {total}", "Question {n} of {total}"),
    "fig.planned": ("plan", "plan"),
    # the planned start and end (sidebar, figures)
    "fig.under_minute_over": ("under 1 min over tid", "under 1 min over time"),
    "timeplan.started_late": ("startet {duration} forsinket", "started {duration} late"),
    "timeplan.started_early": ("startet {duration} før tid", "started {duration} early"),
    "timeplan.started_on_time": ("startet til tiden", "started on time"),
    "timeplan.planned_end": ("plan {time}", "plan {time}"),
    "timeplan.start_field": ("Planlagt start (TT:MM)", "Planned start (HH:MM)"),
    "timeplan.start_label": ("Planlagt start", "Planned start"),
    "agenda.title": ("Dagsorden", "Agenda"),
    # badges and bodies
    "badge.groups": ("Små grupper", "Small groups"),
    "badge.reflection": ("Stille refleksion {n} min", "Silent reflection {n} min"),
    "badge.round": ("Runde", "Round"),
    "badge.factboxes": ("Faktabokse: f", "Fact boxes: f"),
    "body.checklist": ("Tjekliste", "Checklist"),
    "body.handouts": ("Uddeles", "Hand out"),
    "body.prompts": ("Til gruppen", "For the room"),
    "body.areas": ("Områder", "Areas"),
    "body.after_break": ("Derefter: {title}", "After the break: {title}"),
    "body.break": ("PAUSE", "BREAK"),
    "body.section": ("Læs højt", "Read aloud"),
    "plot.title": (
        "KUN FOR MØDELEDEREN — ikke til gruppen (c skjuler)",
        "LEADER ONLY — not for the room (c hides)",
    ),
    "plot.plot": ("Case-plot", "Case plot"),
    "plot.notes": ("Vejledning", "Guidance"),
    # a case file may name the leader's notes itself (leader_notes): the c key, its panel
    "plot.named_tip": (
        "Vis/skjul mødelederens noter: {name}",
        "Show/hide the leader's notes: {name}",
    ),
    "notnow.plot_named": ("{name}: intet til dette trin", "{name}: nothing for this step"),
    "plot.title_named": (
        "{name} — kun for mødelederen, ikke til gruppen (c skjuler)",
        "{name} — leader only, not for the room (c hides)",
    ),
    # modals
    "facts.title": ("Faktabokse", "Fact boxes"),
    "facts.source": ("Kilde", "Source"),
    "reflect.title": ("Stille refleksion", "Silent reflection"),
    "reflect.hint": (
        "Tænk selv over spørgsmålet og skriv stikord. Mellemrum holder pause, Escape afslutter.",
        "Think about the question on your own and jot down notes. Space pauses, Escape ends.",
    ),
    "reflect.done": ("Tiden er gået", "Time is up"),
    "reflect.paused": (
        "Mødet holder pause: refleksionen venter. Mellemrum fortsætter.",
        "The meeting is paused: the reflection waits. Space resumes.",
    ),
    "groups.title": (
        "Forslag til små grupper: {n} grupper ({sizes} personer)",
        "Small groups: {n} groups ({sizes} people)",
    ),
    "groups.title_one": (
        "Forslag til små grupper: 1 gruppe ({sizes} personer)",
        "Small groups: 1 group ({sizes} people)",
    ),
    "groups.hint": ("r blander igen · Escape lukker", "r reshuffles · Escape closes"),
    "groups.group": ("Gruppe {n}", "Group {n}"),
    "groups.by_professions": (
        "Grupperne blander faggrupperne.",
        "The groups mix the professions.",
    ),
    "groups.by_clinics": (
        "Grupperne blander klinikkerne (deltagere uden klinik tæller som én klinik).",
        "The groups mix the clinics (people without a clinic count as one clinic).",
    ),
    "groups.by_clinic": (
        "Klinikvis: hver klinik for sig; en stor klinik er delt, meget små er slået sammen.",
        "By clinic: each clinic together; a large one is split, very small ones are joined.",
    ),
    "groups.sidebar": ("Grupper", "Groups"),
    "round.order": ("Rækkefølge", "Order"),
    "round.order_seating": ("Siddeorden", "Seating order"),
    "round.order_hierarchy": (
        "De faggrupper, der plejer at tale først, taler sidst",
        "The professions that usually speak first speak last",
    ),
    "help.title": ("Taster", "Keys"),
    "quit.title": ("Mødet kører", "The meeting is running"),
    "quit.title_paused": ("Mødet holder pause", "The meeting is paused"),
    "quit.body_unsaved": (
        "Sessionen kan ikke gemmes lige nu (se øverst). Vil du afslutte mødet, eller lukke?",
        "The session cannot be saved just now (see the top). End the meeting, or close?",
    ),
    "quit.body": (
        "Alt er gemt. Vil du afslutte mødet, eller lukke og fortsætte senere?",
        "Everything is saved. End the meeting, or close and continue later?",
    ),
    "quit.finish": ("Afslut mødet", "End meeting"),
    "quit.close": ("Luk, fortsæt senere", "Close, resume later"),
    "quit.cancel": ("Fortsæt mødet", "Keep going"),
    "exit.saved_in": ("Mødet er gemt i {path}", "The meeting is saved in {path}"),
    "exit.resume_with": ("Fortsæt det senere med:", "Continue it later with:"),
    # `caseroom new`: where the case file went and the two commands to try it
    "new.written": ("Ny case-fil: {path}", "New case file: {path}"),
    "new.next": (
        "Skift eksempelteksten ud med jeres egen, og tjek og kør den med:",
        "Replace the example text with your own, then check and run it with:",
    ),
    "finish.title": ("Sidste punkt", "The last item"),
    "finish.body": (
        "n afslutter mødet. Et afsluttet møde kan ikke fortsættes. Afslut nu?",
        "n ends the meeting. A finished meeting cannot go on. End it now?",
    ),
    "save.failed": (
        "IKKE GEMT i {reason} — mødet fortsætter, prøver igen",
        "NOT SAVED to {reason} — the meeting goes on, retrying",
    ),
    "drafting.example": ("fx {date}", "e.g. {date}"),
    "unsaved.title": ("Ikke gemt", "Not saved"),
    "unsaved.body": (
        "Sessionen kan ikke gemmes i {reason}. Lukker du nu, går det tabt, der ikke er gemt.",
        "The session cannot be saved to {reason}. Closing now loses what is not saved.",
    ),
    "unsaved.retry": ("Prøv igen", "Try again"),
    "unsaved.quit": ("Luk alligevel", "Close anyway"),
    "unsaved.exit": (
        "caseroom: lukket uden at gemme: {reason}",
        "caseroom: closed without saving: {reason}",
    ),
    "save.ok": ("Gemt: {path}", "Saved: {path}"),
    "cannot": ("Ikke muligt: {reason}", "Not possible: {reason}"),
    # a key that does nothing now says why
    "notnow": (
        "Tasten {shown} virker ikke nu: {reason}",
        "The key {shown} does nothing now: {reason}",
    ),
    # what the key says where the engine's reason needs the key's context (else its own text)
    "notnow.meeting.not_started": (
        "mødet er ikke startet (tryk mellemrum)",
        "the meeting has not started (press space)",
    ),
    "notnow.meeting.paused": (
        "mødet holder pause: tryk mellemrum først",
        "the meeting is paused: press space first",
    ),
    "notnow.agenda.in_break": ("pausen er i gang", "the break is on"),
    "notnow.plot": ("intet case-plot til dette trin", "no case plot for this step"),
    "notnow.other": ("ikke her", "not here"),
    # keys
    "key.pause": ("Pause/fortsæt", "Pause/resume"),
    "key.next": ("Næste", "Next"),
    "key.back": ("Tilbage", "Back"),
    "key.more": ("+1 minut", "+1 minute"),
    "key.less": ("−1 minut", "−1 minute"),
    "key.break": ("Pause nu", "Break now"),
    "key.facts": ("Faktabokse", "Fact boxes"),
    "key.plot": ("Case-plot", "Case plot"),
    "key.reflect": ("Stille refleksion", "Silent reflection"),
    "key.groups": ("Små grupper", "Small groups"),
    "key.speak": ("Deltager N taler", "Participant N speaks"),
    "key.silence": ("Ingen taler", "Nobody speaks"),
    # the key bar's short labels, for a bar that cannot fit the full ones
    "short.pause": ("Pause", "Pause"),
    "short.more": ("+1", "+1"),
    "short.less": ("−1", "−1"),
    "short.break": ("Pause nu", "Break"),
    "short.facts": ("Fakta", "Facts"),
    "short.plot": ("Plot", "Plot"),
    "short.reflect": ("Refleksion", "Reflection"),
    "short.groups": ("Grupper", "Groups"),
    "short.evaluate": ("Evaluering", "Evaluate"),
    "short.plan": ("Plan", "Plan"),
    "key.help": ("Taster", "Keys"),
    "key.quit": ("Afslut", "Quit"),
    "key.add_person": ("Tilføj deltager", "Add participant"),
    "tip.pause": (
        "Stop eller start nedtællingen",
        "Stop or start the countdown",
    ),
    "tip.next": ("Næste spørgsmål eller punkt", "Next question or segment"),
    "tip.back": ("Forrige spørgsmål eller punkt", "Previous question or segment"),
    "tip.more": ("Et minut mere til dette trin", "One minute more for this step"),
    "tip.less": ("Et minut mindre til dette trin", "One minute less for this step"),
    "tip.break": ("Hold pausen nu; bagefter fortsættes her", "Take the break now, then continue"),
    "tip.facts": ("Vis faktaboksene til dette spørgsmål", "Show this question's fact boxes"),
    "tip.plot": ("Vis/skjul mødelederens case-plot", "Show/hide the leader's case plot"),
    "tip.reflect": ("Rolig nedtælling til stille refleksion", "A calm silent-reflection countdown"),
    "tip.groups": (
        "Vis trinnets små grupper (foreslår dem første gang)",
        "Show this step's small groups (proposes them the first time)",
    ),
    "tip.help": ("Alle taster", "All keys"),
    "tip.quit": ("Luk caseroom (alt er gemt)", "Close caseroom (everything is saved)"),
    "tip.add_person": ("En deltager kommer til", "Someone joins the meeting"),
    # talking-round tracker
    "talk.title": ("Taletid", "Speaking time"),
    "talk.nobody": ("Ingen deltagere.", "No participants."),
    "talk.equity": ("Ligelighed", "Equity"),
    "talk.here": ("her", "here"),
    "talk.equity_help": (
        "100% = alle har talt lige længe, 0% = én talte alene (1 − Gini)",
        "100% = everyone spoke equally long, 0% = one person alone (1 − Gini)",
    ),
    "talk.profession_help": ("faggruppe: andel af tid / af deltagere", "profession: time / people"),
    "talk.round": ("Runde", "Round"),
    "talk.next": ("næste", "next"),
    "talk.round_keys": (
        "n næste · k spring over · r slut runden",
        "n next · k skip · r end the round",
    ),
    "talk.hint_dominant": (
        "Tip: {name} har talt {ratio}× sin lige andel her. Hvem har ikke sagt noget?",
        "Hint: {name} has spoken {ratio}× their equal share here. Who has not spoken?",
    ),
    "talk.hint_silent": (
        "Tip: {names} har ikke talt i {minutes} min af spørgsmålet.",
        "Hint: {names} have not spoken in {minutes} min of this question.",
    ),
    "talk.offer_round": (
        "Dette spørgsmål er en runde: tryk r for at starte den.",
        "This question is a round: press r to start it.",
    ),
    "talk.offer_round_segment": (
        "Dette punkt er en runde: tryk r for at starte den.",
        "This item is a round: press r to start it.",
    ),
    "round.title": ("Start en taletur-runde", "Start a talking round"),
    "round.first": ("Hvem starter?", "Who starts?"),
    "round.seconds": (
        "Tid pr. person: minutter eller min:sek, fx 1,5 eller 0:40 (tom = uden tid)",
        "Time per person: minutes or min:sec, e.g. 1.5 or 0:40 (empty = untimed)",
    ),
    "round.bad_minutes": (
        "Skriv minutter, fx 1 eller 1,5, eller min:sek, fx 0:40",
        "Type minutes, e.g. 1 or 1.5, or min:sec, e.g. 0:40",
    ),
    "round.done": ("Runden er slut.", "The round is over."),
    "talk.stopped_break": (
        "Pause: {name} taler ikke længere, taletiden er stoppet.",
        "Break: {name} no longer speaks, the speaking clock has stopped.",
    ),
    "talk.stopped_break_round": (
        "Pause: runden er slut, og ingen taler.",
        "Break: the round is over and nobody speaks.",
    ),
    "talk.stopped_reflection": (
        "Stille refleksion: {name} taler ikke længere, taletiden er stoppet.",
        "Silent reflection: {name} no longer speaks, the speaking clock has stopped.",
    ),
    "picker.title": ("Hvem taler? Skriv de første bogstaver", "Who speaks? Type the first letters"),
    "key.speaker": ("Taler…", "Speaker…"),
    "tip.speak": ("Deltager nr. N taler (igen: stop)", "Participant N speaks (again: stop)"),
    "tip.silence": ("Ingen taler", "Nobody speaks"),
    "tip.speaker": ("Vælg taler ud fra navnet", "Pick the speaker by name"),
    "key.round": ("Runde", "Round"),
    "tip.round": ("Start eller afslut en taletur-runde", "Start or end a talking round"),
    "key.skip": ("Spring over", "Skip"),
    "tip.skip": ("Spring personen over i runden", "Skip this person in the round"),
    # captures
    "capture.learning": ("Læringspunkt", "Learning point"),
    "capture.proposal": ("Forbedringsforslag", "Improvement proposal"),
    "capture.editing": ("ret", "edit"),
    "capture.area": ("Område", "Area"),
    "capture.area_other": ("Andet område: skriv selv", "Other area: type it"),
    "capture.responsible": ("Ansvarlig", "Responsible"),
    "capture.proposed_by": ("Foreslået af", "Proposed by"),
    "capture.hint": (
        "Enter gemmer · Escape fortryder · ctrl+j ny linje · tab: område, ansvarlig "
        "(de første bogstaver er nok; et andet område skrives bare)",
        "Enter saves · Escape cancels · ctrl+j new line · tab: area, responsible "
        "(first letters are enough; type any other area)",
    ),
    "capture.hint_learning": (
        "Enter gemmer · Escape fortryder · ctrl+j ny linje",
        "Enter saves · Escape cancels · ctrl+j new line",
    ),
    "capture.unknown_person": (
        "'{name}' er ikke på deltagerlisten (lad feltet stå tomt, hvis ingen er valgt)",
        "'{name}' is not a participant (leave it empty if nobody is chosen)",
    ),
    "capture.empty": ("Skriv noget først – tom tekst gemmes ikke.", "Type something first."),
    "capture.saved": ("Gemt ✓", "Saved ✓"),
    "capture.not_saved": (
        "Noteret, men IKKE gemt på disken endnu – prøver igen",
        "Noted, but NOT saved to disk yet – retrying",
    ),
    "capture.changed_by": (
        "{name} har lige ændret noten, du retter. Enter viser den nye tekst, før noget"
        " overskrives.",
        "{name} just changed the note you are editing. Enter shows the new text before"
        " anything is overwritten.",
    ),
    "capture.deleted": ("Slettet. u fortryder.", "Deleted. u undoes."),
    "capture.restored": ("Gendannet.", "Restored."),
    "list.title": ("Noter", "Notes"),
    "list.empty": ("Ingen noter endnu: l = læringspunkt, p = forslag", "No notes yet: l, p"),
    "list.no_proposals": ("Ingen forslag endnu: p = forslag", "No proposals yet: p"),
    "list.hint": (
        "e ret · d slet · u fortryd sletning · v skjul",
        "e edit · d delete · u undo delete · v hide",
    ),
    "list.lp": ("L", "L"),
    "list.pr": ("F", "P"),
    "key.learning": ("Læring", "Learning"),
    "tip.learning": ("Notér et læringspunkt", "Capture a learning point"),
    "key.proposal": ("Forslag", "Proposal"),
    "tip.proposal": ("Notér et forbedringsforslag", "Capture an improvement proposal"),
    "key.notes": ("Noter", "Notes"),
    "tip.notes": ("Vis/skjul listen over noter", "Show/hide the list of notes"),
    "key.undo": ("Fortryd sletning", "Undo delete"),
    "tip.undo": ("Gendan den sidst slettede note", "Bring back the last deleted note"),
    # opsamling and evaluation
    "opsamling.no_area": ("uden område", "no area"),
    "opsamling.title": ("Opsamling: forslag efter område", "Wrap-up: proposals by area"),
    "opsamling.hint": (
        "tab: vælg i listen · e ret (område, ansvarlig) · y aftalt · m flet dubletter · "
        "p nyt forslag · h handleplan",
        "tab: into the list · e edit (area, responsible) · y agreed · m merge duplicates · "
        "p new proposal · h action plan",
    ),
    "opsamling.learning": ("Læringspunkter", "Learning points"),
    "opsamling.drafter": ("Handleplanen skrives af", "Action plan drafted by"),
    "opsamling.deadline": ("senest", "by"),
    "opsamling.merge_pick": (
        "Vælg det forslag, der skal flettes ind i (m igen)",
        "Pick the proposal to merge into (m again)",
    ),
    "opsamling.merged": ("Flettet. u fortryder.", "Merged. u undoes."),
    # a meeting that continues an earlier one (`--from`): an item's status and its fields
    "status.done": ("gennemført", "done"),
    "status.in-progress": ("i gang", "in progress"),
    "status.changed": ("ændret", "changed"),
    "status.dropped": ("droppet", "dropped"),
    "status.none": ("ikke vurderet", "not reviewed"),
    "key.item": ("Status", "Status"),
    "tip.item": (
        "Forslagets status, det lærte og næste skridt",
        "The proposal's status, what we learned, next step",
    ),
    "fig.item": ("Forslag {n} af {total}", "Proposal {n} of {total}"),
    "item.heading": ("Forslaget fra sidst", "The proposal from last time"),
    "item.area": ("Område", "Area"),
    "item.responsible": ("Ansvarlig", "Responsible"),
    "item.proposed_by": ("Foreslået af", "Proposed by"),
    "item.agreed": ("aftalt", "agreed"),
    "item.proposed": ("foreslået", "proposed"),
    "item.then": ("Sidst", "Last time"),
    "item.now": ("Status nu", "Status now"),
    "item.status": ("Status", "Status"),
    "item.none_yet": (
        "Intet skrevet endnu – tast o for status og næste skridt",
        "Nothing recorded yet – press o for the status and the next step",
    ),
    "item.dialog_title": ("Status på forslag {n} af {total}", "Status of proposal {n} of {total}"),
    "item.learned": ("Det lærte vi", "What we learned"),
    "item.next_step": ("Næste skridt", "Next step"),
    "item.next_responsible": ("Hvem", "Who"),
    "item.next_due": ("Senest", "By"),
    "item.due_example": ("DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD", "DD.MM.YYYY or YYYY-MM-DD"),
    "drafting.title": (
        "Hvem skriver handleplanen – og hvornår?",
        "Who drafts the action plan, by when?",
    ),
    "drafting.drafter": ("Fra ledelsen", "From management"),
    "drafting.deadline": ("Senest (DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD)", "By (DD.MM.YYYY or YYYY-MM-DD)"),
    "drafting.bad_date": (
        "Skriv datoen som DD.MM.ÅÅÅÅ, DD-MM-ÅÅÅÅ eller ÅÅÅÅ-MM-DD",
        "Type the date as DD.MM.YYYY, DD-MM-YYYY or YYYY-MM-DD",
    ),
    "drafting.no_such_date": ("Datoen {date} findes ikke", "There is no date {date}"),
    "drafting.past_date": (
        "Fristen {date} ligger før mødet ({day})",
        "The deadline {date} is before the meeting ({day})",
    ),
    "key.plan": ("Handleplan", "Action plan"),
    "tip.plan": ("Hvem skriver handleplanen og hvornår", "Who drafts the action plan, by when"),
    # a meeting that chooses its proposals itself ([action_plan] made = "in-meeting")
    "opsamling.title_chosen": (
        "Forslag efter område: vælg dem, I går videre med",
        "Proposals by area: choose those you take forward",
    ),
    "opsamling.hint_chosen": (
        "tab: vælg i listen · e ret (område, ansvarlig) · y valgt · m flet dubletter · "
        "p nyt forslag · h hvem tager dem videre",
        "tab: into the list · e edit (area, responsible) · y chosen · m merge duplicates · "
        "p new proposal · h who takes them forward",
    ),
    "opsamling.forward": ("De valgte tages videre af", "The chosen are taken forward by"),
    # a meeting that makes no action plan ([action_plan] made = "none"): no h in its Opsamling
    "opsamling.hint_none": (
        "tab: vælg i listen · e ret (område, ansvarlig) · y aftalt · m flet dubletter · "
        "p nyt forslag",
        "tab: into the list · e edit (area, responsible) · y agreed · m merge duplicates · "
        "p new proposal",
    ),
    "drafting.title_chosen": (
        "Hvem tager de valgte forslag videre – og hvornår?",
        "Who takes the chosen proposals forward, by when?",
    ),
    "drafting.drafter_chosen": ("Ansvarlig", "Responsible"),
    "key.plan_chosen": ("Videre med", "Take forward"),
    "short.plan_chosen": ("Videre", "Forward"),
    "tip.plan_chosen": (
        "Hvem tager de valgte forslag videre, og hvornår",
        "Who takes the chosen proposals forward, by when",
    ),
    "wkey.chosen": ("Valgt", "Chosen"),
    "wtip.chosen": ("Markér forslaget som valgt", "Mark the proposal as chosen"),
    "eval.title": (
        "Evaluering: de 3 vigtigste ting, jeg har lært",
        "Evaluation: 3 things I learned",
    ),
    "eval.hint": (
        "Enter: næste felt / gem og næste person · ctrl+n næste · Escape: tilbage til tasterne",
        "Enter: next field / save, next person · ctrl+n next · Escape: back to the keys",
    ),
    "eval.choose": ("Vælg en person i listen", "Pick a person in the list"),
    "eval.title_prompt": ("Evaluering: {prompt}", "Evaluation: {prompt}"),
    "eval.turn": ("{name} · {left} tilbage", "{name} · {left} left"),
    "eval.turn_over": ("{name} · {left} over tiden", "{name} · {left} over time"),
    "key.evaluate": ("Skriv evaluering", "Type evaluation"),
    "tip.evaluate": ("Gå til evalueringsfelterne", "Go to the evaluation fields"),
    # the timekeeper's clock (caseroom clock)
    # the note-taker's screen (`caseroom notes`, issue 19)
    "notes.title": ("Referent: {name}", "Note-taker: {name}"),
    "notes.where": ("Nu: {segment}", "Now: {segment}"),
    "notes.question": ("Spørgsmål: {question}", "Question: {question}"),
    "notes.open": ("Mødet kører – noterne når frem med det samme.", "The meeting is running."),
    "notes.closed": (
        "Mødet er ikke åbent. Det du skriver, gemmes her og afleveres, når mødet åbnes igen.",
        "The meeting is not open. What you type is kept and delivered when it opens again.",
    ),
    "notes.finished": (
        "Mødet er afsluttet. Det du skriver, gemmes og tilføjes, når referatet åbnes igen.",
        "The meeting has ended. What you type is kept and added when the record is next opened.",
    ),
    "notes.sent": ("Sendt – venter på mødet …", "Sent – waiting for the meeting …"),
    "notes.saved": ("Gemt ✓", "Saved ✓"),
    "notes.refused": (
        "Ikke gemt: noten var ændret på lederens skærm imens. Den gælder nu: {text}",
        "Not saved: the note was changed on the leader's screen meanwhile. It now reads: {text}",
    ),
    "notes.not_yours": (
        "Kun dine egne noter kan rettes eller slettes.",
        "Only your own notes can be edited or deleted.",
    ),
    "notes.waiting": ("venter", "waiting"),
    "nkey.learning": ("Læringspunkt", "Learning point"),
    "ntip.learning": ("Skriv et læringspunkt", "Type a learning point"),
    "nkey.proposal": ("Forslag", "Proposal"),
    "ntip.proposal": ("Skriv et forbedringsforslag", "Type an improvement proposal"),
    "nkey.edit": ("Ret", "Edit"),
    "ntip.edit": ("Ret den valgte note (dine egne)", "Edit the chosen note (your own)"),
    "nkey.delete": ("Slet", "Delete"),
    "ntip.delete": ("Slet den valgte note (dine egne)", "Delete the chosen note (your own)"),
    "nkey.pick": ("Vælg note", "Choose note"),
    "ntip.pick": ("Vælg en note i listen", "Choose a note in the list"),
    "ntip.quit": ("Luk referentens skærm", "Close the note-taker's screen"),
    "inbox.warning": ("Referentens noter", "Note-taker's notes"),
    "inbox.added_after_end": (
        "Referentens ændringer efter mødets afslutning er nu tilføjet referatet: {n}.",
        "The note-taker's changes made after the meeting ended are now in the record: {n}.",
    ),
    "clock.quit_title": ("Vil du lukke uret?", "Do you want to quit?"),
    "clock.quit_hint": (
        "Tryk q eller ctrl+q for at lukke uret (mødet kører videre).",
        "Press q or ctrl+q to close the clock (the meeting goes on).",
    ),
    "clock.paused": ("TIDEN STÅR STILLE", "CLOCK STOPPED"),
    "clock.break": ("PAUSE", "BREAK"),
    "clock.finished": ("AFSLUTTET", "FINISHED"),
    "clock.ready": ("KLAR — mødet er ikke startet", "READY — the meeting has not started"),
    "clock.stale": (
        "Sessionen opdateres ikke længere (intet nyt i {ago})",
        "The session is no longer updating (nothing new for {ago})",
    ),
    "clock.unreadable": (
        "Sessionen kan ikke læses lige nu — viser sidste kendte tilstand",
        "The session cannot be read right now — showing the last known state",
    ),
    "clock.now": ("kl. {time}", "{time}"),
    "clock.ended": ("Sluttede {time}", "Ended {time}"),
    "fig.took": ("Mødet varede", "The meeting took"),
    "key.palette": ("kommandoer", "commands"),
    "palette.search": ("Søg blandt kommandoer…", "Search for commands…"),
    "palette.no_matches": ("Ingen kommandoer passer", "No matches found"),
    "palette.theme": ("Tema", "Theme"),
    "palette.theme_tip": ("Skift farvetema (mørkt, lyst, …)", "Change the colour theme"),
    "tip.palette": (
        "Søg blandt alle handlinger, der kan bruges nu",
        "Search every action that applies now",
    ),
    "clock.next": ("Derefter: {title}", "Next: {title}"),
    "clock.last": ("Sidste punkt på dagsordenen", "Last item on the agenda"),
    "clock.hours_minutes": ("{h} t {m} min", "{h} h {m} min"),
    "clock.minutes": ("{m} min", "{m} min"),
    # widget keys
    "wkey.save": ("Gem", "Save"),
    "wkey.newline": ("Ny linje", "New line"),
    "wkey.cancel": ("Fortryd", "Cancel"),
    "wkey.next_person": ("Næste person", "Next person"),
    "wkey.close": ("Luk", "Close"),
    "wkey.edit": ("Ret", "Edit"),
    "wkey.delete": ("Slet", "Delete"),
    "wkey.agreed": ("Aftalt", "Agreed"),
    "wkey.merge": ("Flet", "Merge"),
    "wkey.next_field": ("Næste felt", "Next field"),
    "wkey.other_field": ("Skift felt", "Other field"),
    "wkey.add": ("Tilføj", "Add"),
    "wkey.choose": ("Vælg", "Choose"),
    "wkey.start_round": ("Start runden", "Start the round"),
    "wkey.back": ("Tilbage", "Back"),
    "wkey.reshuffle": ("Bland igen", "Reshuffle"),
    "wkey.leave_start": ("Afslut", "Quit"),
    # dialogs' and widgets' keys: tooltips (caseroom/ui/keys.py)
    "wkey.stop": ("Stop", "Stop"),
    "wkey.other_button": ("Skift knap", "Other button"),
    "wtip.close": ("Luk vinduet", "Close the window"),
    "wtip.move_focus": ("Gå til næste liste eller felt", "Move to the next list or field"),
    "wtip.reshuffle": ("Foreslå nye grupper", "Propose other groups"),
    "wtip.leave_start": (
        "Luk caseroom uden at starte mødet (spørger først, hvis der er skrevet navne)",
        "Close caseroom without starting the meeting (asks first if names were typed)",
    ),
    "wtip.end_reflection": ("Afslut refleksionen nu", "End the reflection now"),
    "wtip.back": ("Tilbage til mødet", "Back to the meeting"),
    "wtip.choose_button": ("Vælg den markerede knap", "Choose the highlighted button"),
    "wtip.other_button": ("Gå til en anden knap", "Move to another button"),
    "wtip.next_field": ("Videre til næste felt", "On to the next field"),
    "wtip.other_field": ("Gå til et andet felt", "Move to another field"),
    "wtip.save": ("Gem det udfyldte", "Save what is filled in"),
    "wtip.add_person": ("Tilføj personen til mødet", "Add the person to the meeting"),
    "wtip.presence": (
        "Den valgte går (eller kommer tilbage)",
        "The chosen person leaves (or comes back)",
    ),
    "wtip.speaker": ("Den valgte får ordet", "The chosen person speaks"),
    "wtip.start_round": ("Start runden med den valgte", "Start the round with the chosen person"),
    "wtip.edit": ("Ret det valgte punkt", "Edit the chosen item"),
    "wtip.delete": ("Slet det valgte punkt (u fortryder)", "Delete the chosen item (u undoes)"),
    "wtip.agreed": ("Markér forslaget som aftalt", "Mark the proposal as agreed"),
    "wtip.merge": ("Flet med det næste punkt", "Merge with the next item"),
    "wtip.leave_list": ("Tilbage til mødets taster", "Back to the meeting's keys"),
    "wtip.save_note": ("Gem punktet", "Save the item"),
    "wtip.newline": ("Ny linje i teksten", "A new line in the text"),
    "wtip.cancel_note": ("Luk uden at gemme", "Close without saving"),
    "wtip.next_person": ("Videre til næste person", "On to the next person"),
    "wtip.leave_evaluation": ("Tilbage til mødets taster", "Back to the meeting's keys"),
    "wtip.save_point": ("Gem punktet", "Save the point"),
    "wtip.start": ("Start mødet med de tilmeldte", "Start the meeting with these people"),
    "wtip.start_enter": (
        "Videre til faget; i faget: tilføj personen",
        "On to the profession; there: add the person",
    ),
    "wtip.person_up": ("Flyt den valgte op", "Move the chosen person up"),
    "wtip.person_down": ("Flyt den valgte ned", "Move the chosen person down"),
    "wtip.remove": ("Fjern den valgte fra listen", "Take the chosen person off the list"),
    "wtip.quit_clock": ("Luk uret (mødet kører videre)", "Close the clock (the meeting goes on)"),
}

# The engine's refusals: a DomainError's or a blocked Verdict's code, its text with the
# parameters it is raised with. The English text is the error's str() (the CLI, the logs).
ERRORS: dict[str, tuple[str, str]] = {
    # the meeting's state
    "meeting.not_started": ("mødet er ikke startet", "the meeting has not started"),
    "meeting.finished": ("mødet er afsluttet", "the meeting has finished"),
    "meeting.already_started": ("mødet er allerede startet", "the meeting has already started"),
    "meeting.not_running": ("mødet kører ikke", "the meeting is not running"),
    "meeting.not_paused": ("mødet holder ikke pause", "the meeting is not paused"),
    "meeting.paused": ("mødet holder pause", "the meeting is paused"),
    # the planned start (`--start`, the start screen)
    "start.bad_time": (
        "'{text}' er ikke et klokkeslæt; skriv fx 12:00",
        "'{text}' is not a time of day; write e.g. 12:00",
    ),
    # prompts ticked like the checklist
    "prompt.not_tickable": (
        "punktet {segment} har ingen punkter at krydse af",
        "segment {segment} has no prompts to tick",
    ),
    "prompt.unknown": (
        "{segment} har intet punkt nr. {number}",
        "{segment} has no prompt number {number}",
    ),
    # the agenda
    "agenda.first_step": ("det er første trin", "this is the first step"),
    "agenda.too_short": (
        "et trin kan ikke blive kortere end et minut",
        "a step cannot be shorter than one minute",
    ),
    "agenda.in_break": ("pausen er allerede i gang", "the break is already on"),
    "agenda.no_break": ("der er ingen pause tilbage", "there is no break left to take"),
    "step.no_factboxes": ("dette trin har ingen faktabokse", "this step has no fact boxes"),
    "step.not_opsamling": ("kun under opsamlingen", "only during the Opsamling"),
    "meeting.no_action_plan": (
        "dette møde laver ingen handleplan",
        "this meeting makes no action plan",
    ),
    "step.not_evaluation": ("kun i evalueringsrunden", "only in the evaluation round"),
    # a meeting that continues an earlier one (`--from`): its items' status
    "followup.no_such_item": ("der er intet punkt '{id}'", "there is no item '{id}'"),
    "followup.bad_status": (
        "ukendt status '{status}'; brug {statuses}",
        "unknown status '{status}'; use {statuses}",
    ),
    "followup.bad_date": (
        "'{date}' er ikke en dato; skriv DD.MM.ÅÅÅÅ, DD-MM-ÅÅÅÅ eller ÅÅÅÅ-MM-DD",
        "'{date}' is not a date; type DD.MM.YYYY, DD-MM-YYYY or YYYY-MM-DD",
    ),
    "followup.no_such_date": ("datoen {date} findes ikke", "there is no date {date}"),
    "followup.due_before_meeting": (
        "datoen {date} ligger før mødet ({day})",
        "the date {date} is before the meeting ({day})",
    ),
    "followup.due_too_far": (
        "datoen {date} ligger mere end {years} år ude i fremtiden",
        "the date {date} is more than {years} years ahead",
    ),
    "step.not_item": (
        "her tages ingen tidligere forslag op",
        "no earlier proposal is taken up here",
    ),
    # people
    "people.none_present": ("ingen deltagere til stede", "nobody is present"),
    "people.no_seat": ("ingen deltager nr. {n} er til stede", "no participant no. {n} is present"),
    "people.not_present": ("{name} er ikke til stede", "'{name}' is not present"),
    "people.unknown": ("ingen deltager hedder {name}", "no participant called '{name}'"),
    "people.no_name": ("en deltager skal have et navn", "a participant needs a name"),
    "people.name_too_long": ("navnet er længere end {n} tegn", "name longer than {n} characters"),
    "people.name_unsafe": (
        "navnet kan ikke indeholde kontroltegn eller tegn for tekstretning ({codes})",
        "the name cannot contain control characters or text-direction marks ({codes})",
    ),
    "people.profession_unsafe": (
        "faggruppen kan ikke indeholde kontroltegn eller tegn for tekstretning ({codes})",
        "the profession cannot contain control characters or text-direction marks ({codes})",
    ),
    "people.clinic_unsafe": (
        "klinikken kan ikke indeholde kontroltegn eller tegn for tekstretning ({codes})",
        "the clinic cannot contain control characters or text-direction marks ({codes})",
    ),
    "people.clinic_too_long": (
        "klinikkens navn er længere end {n} tegn",
        "clinic name longer than {n} characters",
    ),
    "people.already_listed": ("{name} er allerede på listen", "'{name}' is already on the list"),
    "people.too_many": ("højst {n} deltagere", "at most {n} participants"),
    "people.no_such_seat": ("ingen deltager på plads {n}", "no participant in seat {n}"),
    "people.unknown_role": ("ukendt rolle {role}", "unknown role '{role}'"),
    "people.leaves_marked_absent": (
        "når mødet er startet, markeres den der går, som fraværende",
        "once the meeting has started, someone who leaves is marked absent",
    ),
    "groups.size_too_small": (
        "en gruppe skal have mindst to personer",
        "a group needs at least two people",
    ),
    "groups.too_few": (
        "små grupper kræver mindst to tilstedeværende",
        "small groups need at least two people present",
    ),
    # talking rounds
    "talk.round_going": ("der er allerede en runde i gang", "a round is already going"),
    "talk.no_round": ("der er ingen runde i gang", "no round is going"),
    # captures
    "captures.empty": ("teksten er tom", "the text is empty"),
    "captures.too_long": (
        "teksten er længere end {n} tegn",
        "the text is longer than {n} characters",
    ),
    "captures.nothing_to_undo": ("der er intet at fortryde", "nothing to undo"),
    "captures.unknown_kind": ("ukendt slags note '{kind}'", "unknown capture kind '{kind}'"),
    "captures.no_such_note": (
        "der er ingen note med id '{id}' (er den slettet?)",
        "there is no note with id '{id}' (was it deleted?)",
    ),
    # an edit begun on a note another writer changed or deleted meanwhile (issue 19)
    "captures.changed_meanwhile": (
        "noten blev ændret imens (af referenten) og er ikke overskrevet. Den lyder nu: {text}"
        " – Enter gemmer din tekst alligevel",
        "the note was changed meanwhile (by the note-taker) and was not overwritten. It now"
        " reads: {text} – Enter saves your text anyway",
    ),
    "captures.deleted_meanwhile": (
        "noten blev slettet imens (af referenten); din rettelse er ikke gemt",
        "the note was deleted meanwhile (by the note-taker); your edit was not saved",
    ),
    "captures.merge_itself": (
        "et forslag kan ikke flettes med sig selv",
        "a proposal cannot be merged with itself",
    ),
    # the command line's --people
    "cli.people_empty": (
        '--people: listen er tom; skriv fx "Anna:læge,Bo:sygeplejerske"',
        '--people: the list is empty; give e.g. "Anna:læge,Bo:sygeplejerske"',
    ),
    "cli.people_blank_entry": (
        "--people: punkt {position} er tomt (to kommaer i træk?)",
        "--people: entry {position} is empty (two commas in a row?)",
    ),
    "cli.people_semicolon": (
        "--people: punkt {position} '{shown}': adskil personer med ','",
        "--people: entry {position} '{shown}': separate people with ','",
    ),
    "cli.people_colon": (
        "--people: punkt {position} '{shown}': højst to ':' (NAVN:FAGGRUPPE[@KLINIK][:ROLLE])",
        "--people: entry {position} '{shown}': at most two ':' (NAME:PROFESSION[@CLINIC][:ROLE])",
    ),
    "cli.people_entry": (
        "--people: punkt {position}: {reason}",
        "--people: entry {position}: {reason}",
    ),
    "cli.people_clinic": (
        "--people: punkt {position} '{shown}': klinikken efter ét '@' (NAVN:FAGGRUPPE@KLINIK)",
        "--people: entry {position} '{shown}': the clinic after one '@' (NAME:PROFESSION@CLINIC)",
    ),
    "cli.people_unknown_role": (
        "--people: punkt {position} '{shown}': ukendt rolle '{role}'; brug {roles}",
        "--people: entry {position} '{shown}': unknown role '{role}'; use {roles}",
    ),
    "cli.people_role_taken": (
        "--people: punkt {position} '{shown}': rollen {role} er allerede givet i punkt {other}",
        "--people: entry {position} '{shown}': the role {role} is already given in entry {other}",
    ),
    "cli.people_role_nobody": (
        "--people: punkt {position} '{shown}': en rolle til en uden navn (ikke på listen)",
        "--people: entry {position} '{shown}': a role for someone without a name (not on the list)",
    ),
}

# The exports' labels (caseroom/store/export: the Markdown templates and the calendar): the
# summary's under md., the action-plan draft's under plan., the calendar's under ics. A text
# the screen already has with the same meaning in both languages is used under the UI's key
# (people.name, agenda.title, capture.responsible, role.leader lower-cased, …). A key with a
# `.one` form has it for n=1.
EXPORT: dict[str, tuple[str, str]] = {
    "preliminary": (
        "Foreløbigt: mødet er ikke afsluttet",
        "Preliminary: the meeting has not finished",
    ),
    "preliminary.saved": ("Status pr. {when}.", "As of {when}."),
    "md.title": ("Referat: {title}", "Summary: {title}"),
    "md.date": ("Dato", "Date"),
    "md.time": ("Tid", "Time"),
    "md.time_value": (
        "{start}–{end} (planlagt {planned_start}–{planned_end})",
        "{start}–{end} (planned {planned_start}–{planned_end})",
    ),
    "md.time_running": ("fra {start}, i gang", "from {start}, in progress"),
    "md.not_started": ("Mødet er ikke startet.", "The meeting has not started."),
    "md.case": ("Case-fil", "Case file"),
    "md.people": ("Deltagere", "Participants"),
    "md.role": ("Rolle", "Role"),
    "md.clinic": ("Klinik", "Clinic"),
    "md.left": ("forlod mødet", "left the meeting"),
    "md.no_people": ("Ingen deltagere registreret.", "No participants recorded."),
    "md.item": ("Punkt", "Item"),
    "md.planned": ("Plan", "Planned"),
    "md.extended": ("Forlænget", "Extended"),
    "md.actual": ("Faktisk", "Actual"),
    "md.total": ("I alt", "Total"),
    "md.not_run": ("ikke holdt", "not held"),
    "md.question": ("spørgsmål {n}", "question {n}"),
    "md.talk_total": (
        "Samlet registreret taletid {total}; ved lige fordeling {share} pr. person ({n} personer).",
        "Total tracked speaking time {total}; an equal share would be {share} each ({n} people).",
    ),
    "md.talk_total.one": (
        "Samlet registreret taletid {total} (1 person).",
        "Total tracked speaking time {total} (1 person).",
    ),
    "md.talk_time": ("Taletid", "Time"),
    "md.talk_share": ("Andel", "Share"),
    "md.talk_turns": ("Ture", "Turns"),
    "md.talk_people": ("Personer", "People"),
    "md.talk_silent": ("Har ikke haft ordet: {names}.", "Did not get the floor: {names}."),
    "md.talk_by_profession": ("Pr. faggruppe", "By profession"),
    "md.none": ("Ingen.", "None."),
    "md.proposals": ("Forbedringsforslag", "Improvement proposals"),
    "md.proposal_count": ("{n} forslag, heraf {agreed} aftalt.", "{n} proposals, {agreed} agreed."),
    "md.proposal_count.one": ("1 forslag, {agreed} aftalt.", "1 proposal, {agreed} agreed."),
    "md.agreed": ("Aftalt", "Agreed"),
    "md.nobody": ("ikke fordelt", "not assigned"),
    "md.from": ("Fra", "From"),
    "md.no_area": ("Uden område", "No area"),
    "md.handleplan": ("Handleplan", "Action plan"),
    "md.drafter": ("Handleplanen skrives af", "The action plan is drafted by"),
    "md.not_decided": ("ikke aftalt", "not decided"),
    "md.default_deadline": ("{date} (en uge efter mødet)", "{date} (a week after the meeting)"),
    "md.evaluation": (
        "Evaluering: de 3 vigtigste ting, jeg har lært",
        "Evaluation: the 3 most important things I learned",
    ),
    "md.no_points": ("(ingen punkter)", "(no points)"),
    "md.no_evaluation": ("Ingen evaluering fra: {names}.", "No evaluation from: {names}."),
    "md.evaluation_prompt": ("Evaluering: {prompt}", "Evaluation: {prompt}"),
    "md.groups": ("Gruppeforslag", "Group proposals"),
    "md.group": ("gruppe {n}", "group {n}"),
    "md.at": ("kl. {time}", "at {time}"),
    # the summary's planned start and its time account (where the time went)
    "md.planned_start": ("Planlagt start", "Planned start"),
    "md.started_late": ("startet {duration} forsinket", "started {duration} late"),
    "md.started_early": ("startet {duration} før tid", "started {duration} early"),
    "md.started_on_time": ("startet til tiden", "started on time"),
    "md.equity": ("Ligelighed", "Equity"),
    "md.equity_total": (
        "Ligelighed i taletid for hele mødet: {equity} (100 % = alle talte lige længe, "
        "0 % = én talte alene; 1 − Gini).",
        "Equity of speaking time over the whole meeting: {equity} (100% = everyone spoke "
        "equally long, 0% = one person alone; 1 − Gini).",
    ),
    "md.time_account": ("Tidsregnskab", "Where the time went"),
    "md.time_agenda": ("Dagsordenens punkter (faktisk)", "The agenda's items (actual)"),
    "md.time_pauses": ("Pauser (tiden stod stille)", "Pauses (the clock stood still)"),
    "md.time_down": ("Programmet var nede", "The app was down"),
    "md.time_rest": ("Uforklaret", "Unexplained"),
    "md.time_wall": ("Fra start til slut ({start}–{end})", "From start to end ({start}–{end})"),
    "md.time_wall_running": (
        "Fra start til nu ({start}–{end})",
        "From start to now ({start}–{end})",
    ),
    "md.pause": (
        "{start}–{end} ({duration}) under {place}",
        "{start}–{end} ({duration}) during {place}",
    ),
    "md.early_breaks": ("Pause taget før tid", "Breaks taken early"),
    "md.early_break": (
        "{start}–{end} ({duration}) midt i {place}, som fortsatte bagefter",
        "{start}–{end} ({duration}) in the middle of {place}, which went on afterwards",
    ),
    "md.interruptions": ("Afbrydelser", "Interruptions"),
    "md.interruption": (
        "Programmet var nede {start}–{end} ({duration}); tiden tæller ikke som mødetid.",
        "The app was down {start}–{end} ({duration}); not counted as meeting time.",
    ),
    "plan.title": ("Handleplan (udkast): {title}", "Action plan (draft): {title}"),
    "plan.from": (
        "Fra case-mødet {date} kl. {time}.",
        "From the case meeting on {date} at {time}.",
    ),
    "plan.drafter": ("Udkastet skrives af", "Drafted by"),
    "plan.deadline": ("Frist", "Deadline"),
    "plan.howto": (
        "Felter med {blank} besluttede mødet ikke: dem udfylder ledelsen. "
        "Beskriv for hver ændring, hvad og hvorfor, hvordan I ved, at den virker, hvornår den er "
        "gennemført, hvem der gør hvad og hvornår, hvordan den afprøves i lille skala først, og "
        "hvordan erfaringerne meldes tilbage til projektkoordinatoren.",
        "The meeting did not decide the fields marked {blank}: management fills them in. "
        "For each change, describe what and why, how you will know it works, when it is done, "
        "who does what and when, how it is tested small first, and how the experience is "
        "reported back to the project coordinator.",
    ),
    "plan.none_agreed": (
        "Mødet markerede ingen forslag som aftalt, så udkastet har et afsnit for hvert forslag. "
        "Slet dem, I ikke går videre med.",
        "The meeting marked no proposal as agreed, so the draft has a section for every "
        "proposal. Delete those you do not take forward.",
    ),
    "plan.no_proposals": (
        "Mødet registrerede ingen forbedringsforslag. Skriv ændringerne ind nedenfor.",
        "The meeting recorded no improvement proposals. Write the changes in below.",
    ),
    "plan.blank": ("_[udfyld]_", "_[fill in]_"),
    "plan.change": ("Ændring {n}", "Change {n}"),
    "plan.what": ("Hvad skal ændres?", "What changes?"),
    "plan.why": ("Hvorfor?", "Why?"),
    "plan.related": (
        "Læringspunkter fra samme sted på mødet:",
        "Learning points from the same point of the meeting:",
    ),
    "plan.success": (
        "Succeskriterium: hvordan ved vi, at det virker?",
        "Success criterion: how do we know it works?",
    ),
    "plan.done": ("Hvornår er det gennemført?", "When is it done?"),
    "plan.steps": (
        "Konkrete skridt: hvem gør hvad, hvornår?",
        "Concrete steps: who does what, when?",
    ),
    "plan.step": ("Skridt", "Step"),
    "plan.who": ("Hvem", "Who"),
    "plan.when": ("Hvornår", "When"),
    "plan.test": (
        "Hvordan afprøver vi det i lille skala først?",
        "How do we test it small first?",
    ),
    "plan.report": (
        "Hvordan melder vi erfaringerne tilbage til projektkoordinatoren?",
        "How is the experience reported back to the project coordinator?",
    ),
    "plan.agreed": ("Aftalt på mødet", "Agreed at the meeting"),
    "plan.not_agreed": ("Ikke aftalt på mødet", "Not agreed at the meeting"),
    "plan.background": ("Baggrund: læringspunkter fra mødet", "Background: learning points"),
    "plan.followups": ("Opfølgning", "Follow-up"),
    "plan.followup_plan": (
        "Ledelsens møde om handleplanen: {date}",
        "Management meeting on the action plan: {date}",
    ),
    "plan.followup_presentation": (
        "Handleplanen præsenteres for hele personalet: {date}",
        "The action plan is presented to all staff: {date}",
    ),
    "plan.followup_meeting": (
        "Opfølgningsmøde: {date}",
        "Follow-up meeting: {date}",
    ),
    "plan.weeks_after": ("{n} uger efter case-mødet", "{n} weeks after the case meeting"),
    "export.moved_from": ("flyttet fra {day}: {reason}", "moved from {day}: {reason}"),
    "export.weekend": ("weekend", "weekend"),
    "ics.plan": ("Handleplan: ledelsesmøde – {title}", "Action plan: management meeting – {title}"),
    "ics.presentation": (
        "Handleplanen præsenteres for alle – {title}",
        "The action plan is presented to all staff – {title}",
    ),
    "ics.followup": (
        "Opfølgning på case-mødet – {title}",
        "Follow-up on the case meeting – {title}",
    ),
    "ics.plan_text": (
        "Ledelsen skriver handleplanen ud fra forslagene fra case-mødet {date}: for hver ændring "
        "hvad og hvorfor, succeskriterium, hvornår den er gennemført, konkrete skridt (hvem og "
        "hvornår), afprøvning i lille skala og tilbagemelding til projektkoordinatoren.",
        "Management writes the action plan from the proposals of the case meeting on {date}: "
        "for each change what and why, the success criterion, when it is done, concrete steps "
        "(who and when), a small test first, and how experience reaches the project coordinator.",
    ),
    "ics.presentation_text": (
        "Ledelsen præsenterer handleplanen fra case-mødet {date} for hele personalet.",
        "Management presents the action plan from the case meeting on {date} to all staff.",
    ),
    "ics.followup_text": (
        "Opfølgning på case-mødet {date}: hvordan gik det med ændringerne, hvad virker, og hvad "
        "skal justeres?",
        "Follow-up on the case meeting on {date}: how did the changes go, what works, and what "
        "needs adjusting?",
    ),
    "ics.drafter": ("Handleplanen skrives af {name}.", "The action plan is drafted by {name}."),
    "ics.proposals": ("Forslag fra mødet:", "Proposals from the meeting:"),
    "ics.no_proposals": ("Mødet registrerede ingen forslag.", "The meeting recorded no proposals."),
    "ics.agreed": ("aftalt", "agreed"),
    # a meeting that chooses its proposals itself ([action_plan] made = "in-meeting"): the
    # summary's words, the chosen proposals (caseroom export --format plan), the follow-up
    "md.proposal_count_chosen": (
        "{n} forslag, heraf {agreed} valgt.",
        "{n} proposals, {agreed} chosen.",
    ),
    "md.proposal_count_chosen.one": ("1 forslag, {agreed} valgt.", "1 proposal, {agreed} chosen."),
    "md.chosen": ("Valgt", "Chosen"),
    "md.forward": ("Videre med de valgte forslag", "Taking the chosen proposals forward"),
    "chosen.title": ("Valgte forslag fra {title}", "Chosen proposals from {title}"),
    "chosen.from": ("Mødet {date} kl. {time}.", "The meeting on {date} at {time}."),
    "chosen.chosen": ("Valgte forslag", "Chosen proposals"),
    "chosen.by": ("Tages videre af", "Taken forward by"),
    "chosen.none": (
        "Mødet valgte ingen af forslagene.",
        "The meeting chose none of the proposals.",
    ),
    "chosen.not_chosen": ("Ikke valgt", "Not chosen"),
    "ics.followup_chosen": ("Opfølgning – {title}", "Follow-up – {title}"),
    "ics.followup_chosen_text": (
        "Opfølgning på mødet {date}: hvordan gik det med de valgte forslag, hvad virker, og hvad "
        "skal justeres?",
        "Follow-up on the meeting on {date}: how did the chosen proposals go, what works, and "
        "what needs adjusting?",
    ),
    "ics.forward": (
        "De valgte forslag tages videre af {name}.",
        "The chosen proposals are taken forward by {name}.",
    ),
    "ics.chosen": ("valgt", "chosen"),
    # exports of a follow-up (`caseroom run --from`): what it continues, its items then and
    # now, the next steps as a plan, the next follow-ups and the due dates as calendar events
    "md.proposed": ("foreslået", "proposed"),
    "follow.continues": ("Fortsætter", "Continues"),
    "follow.first": ("Kædens første møde", "The chain's first meeting"),
    "follow.items": ("Status på forslagene", "Status of the proposals"),
    "follow.count": ("{n} punkter: {counts}.", "{n} items: {counts}."),
    "follow.count.one": ("1 punkt: {counts}.", "1 item: {counts}."),
    "follow.no_items": (
        "Mødet tog ingen tidligere forslag op.",
        "The meeting took up no earlier proposals.",
    ),
    "follow.then": ("Dengang", "Then"),
    "follow.now": ("Nu", "Now"),
    "follow.status": ("Status", "Status"),
    "follow.learned": ("Lært", "Learned"),
    "follow.next_step": ("Næste skridt", "Next step"),
    "follow.due": ("Frist", "Due"),
    "follow.plan_title": ("Næste skridt efter {title}", "Next steps after {title}"),
    "follow.plan_from": (
        "Mødet {date} kl. {time} fulgte op på {title} ({earlier}).",
        "The meeting on {date} at {time} followed up {title} ({earlier}).",
    ),
    "follow.what": ("Hvad", "What"),
    "follow.who": ("Hvem", "Who"),
    "follow.when": ("Hvornår", "By when"),
    "follow.item": ("Punkt", "Item"),
    "follow.no_next_steps": ("Ingen næste skridt aftalt.", "No next steps agreed."),
    "follow.without_next_step": ("Uden næste skridt", "Without a next step"),
    "follow.new_proposals": ("Nye forslag", "New proposals"),
    "follow.next_meetings": ("Næste opfølgninger", "Next follow-ups"),
    "follow.next_meeting": (
        "{months} måneder efter det første møde: {date}",
        "{months} months after the first meeting: {date}",
    ),
    "follow.no_next_meetings": (
        "Ingen: opfølgningerne {months} måneder efter det første møde ({first}) er passeret.",
        "None: the follow-ups {months} months after the first meeting ({first}) have passed.",
    ),
    "ics.next_followup": (
        "Opfølgning efter {months} måneder – {title}",
        "Follow-up after {months} months – {title}",
    ),
    "ics.next_followup_text": (
        "Opfølgning {months} måneder efter det første møde {first}; seneste opfølgning {date}: "
        "nåede vi målene, hvad har vi lært, og holder planen?",
        "Follow-up {months} months after the first meeting on {first}; the latest follow-up "
        "{date}: did we reach the goals, what have we learned, and does the plan hold?",
    ),
    "ics.items": ("Forslagene på opfølgningen {date}:", "The proposals at the follow-up {date}:"),
    "ics.due": ("Frist: {step}", "Due: {step}"),
    "ics.due_text": (
        "Næste skridt for »{item}«, aftalt på opfølgningen {date}. Ansvarlig: {who}.",
        "Next step for “{item}”, agreed at the follow-up on {date}. Responsible: {who}.",
    ),
    # `caseroom report`: tables across many meetings (caseroom/store/export/report.py)
    "report.title": ("Rapport på tværs af møder", "Report across meetings"),
    "report.summary": (
        "Møder: {meetings}. Klinikker: {clinics}. Periode: {span}.",
        "Meetings: {meetings}. Clinics: {clinics}. Period: {span}.",
    ),
    "report.none": ("Ingen.", "None."),
    "report.date": ("Dato", "Date"),
    "report.case": ("Case", "Case"),
    "report.clinics": ("Klinik(ker)", "Clinic(s)"),
    "report.by_kind": (
        "Planlagt og faktisk tid pr. slags punkt",
        "Planned and actual time per kind of segment",
    ),
    "report.by_kind_note": (
        "Punkterne, der blev holdt, i minutter; overskridelse = faktisk − planlagt (ekstra "
        "minutter tæller med i overskridelsen).",
        "The segments that were held, in minutes; overrun = actual − planned (minutes added "
        "count as overrun).",
    ),
    "report.kind": ("Slags", "Kind"),
    "report.segments": ("Punkter", "Segments"),
    "report.planned_median": ("Plan, median", "Planned, median"),
    "report.actual_median": ("Faktisk, median", "Actual, median"),
    "report.overrun_median": ("Overskridelse, median", "Overrun, median"),
    "report.overrun_worst": ("Største overskridelse", "Worst overrun"),
    "report.actual_worst": ("Længste faktiske", "Longest actual"),
    "report.kind.plain": ("almindeligt", "plain"),
    "report.kind.checklist": ("tjekliste", "checklist"),
    "report.kind.case": ("case", "case"),
    "report.kind.break": ("pause", "break"),
    "report.kind.round": ("runde", "round"),
    "report.kind.groups": ("grupper", "groups"),
    "report.kind.opsamling": ("opsamling", "wrap-up"),
    "report.kind.evaluation": ("evaluering", "evaluation"),
    "report.kind.status": ("status", "status"),
    "report.kind.unknown": ("ukendt", "unknown"),
    "report.by_meeting": ("Overskridelse pr. møde", "Overrun per meeting"),
    "report.by_meeting_note": (
        "Minutter for de punkter, der blev holdt til ende; et møde, der stadig kører (eller "
        "gik ned), tæller ikke det punkt, det var nået til.",
        "Minutes of the segments held to their end; a meeting still running (or that went "
        "down) does not count the segment it had reached.",
    ),
    "report.status": ("Status", "Status"),
    "report.held": ("Holdt", "Held"),
    "report.of_segments": ("Af", "Of"),
    "report.planned": ("Plan", "Planned"),
    "report.actual": ("Faktisk", "Actual"),
    "report.overrun": ("Over tid", "Overrun"),
    "report.finished": ("afsluttet", "finished"),
    "report.running": ("i gang", "running"),
    "report.by_profession": ("Taletid pr. faggruppe", "Speaking time by profession"),
    "report.by_profession_note": (
        "De fremmødte på alle møderne. En faggruppe med en større andel af taletiden end af "
        "de fremmødte talte mere end sin andel.",
        "The people present at all the meetings. A profession with a larger share of the "
        "speaking time than of the people present spoke more than its share.",
    ),
    "report.profession": ("Faggruppe", "Profession"),
    "report.no_profession": ("(uden faggruppe)", "(no profession)"),
    "report.present": ("Til stede", "Present"),
    "report.present_share": ("Andel af de fremmødte", "Share of those present"),
    "report.spoken": ("Taletid (min)", "Speaking time (min)"),
    "report.spoken_share": ("Andel af taletiden", "Share of speaking time"),
    "report.equity_title": ("Ligelighed i taletid pr. møde", "Equity of speaking time per meeting"),
    "report.equity_note": (
        "100 % = alle de fremmødte talte lige længe, 0 % = én talte alene (1 − Gini).",
        "100% = everyone present spoke equally long, 0% = one person alone (1 − Gini).",
    ),
    "report.equity": ("Ligelighed", "Equity"),
    "report.by_person": ("Taletid pr. person", "Speaking time per person"),
    "report.name": ("Navn", "Name"),
    "report.by_area": ("Forbedringsforslag pr. område", "Improvement proposals by area"),
    "report.by_area_note": (
        "Status er den, den seneste opfølgning blandt de læste møder registrerede.",
        "The status is the one the latest follow-up among the meetings read recorded.",
    ),
    "report.area": ("Område", "Area"),
    "report.no_area": ("(uden område)", "(no area)"),
    "report.proposals": ("Forslag", "Proposals"),
    "report.with_responsible": ("Med ansvarlig", "With a responsible"),
    "report.agreed": ("Aftalt", "Agreed"),
    "report.status.done": ("Gennemført", "Done"),
    "report.status.in_progress": ("I gang", "In progress"),
    "report.status.changed": ("Ændret", "Changed"),
    "report.status.dropped": ("Droppet", "Dropped"),
    "report.status.none": ("Ikke fulgt op endnu", "Not followed up yet"),
    "report.proposal_list": ("Forslagene", "The proposals"),
    "report.responsible": ("Ansvarlig", "Responsible"),
    "report.proposal": ("Forslag", "Proposal"),
    "report.yes": ("ja", "yes"),
    "report.no": ("nej", "no"),
    "report.learning_points": ("Læringspunkter", "Learning points"),
    "report.segment": ("Punkt", "Segment"),
    "report.learning_point": ("Læringspunkt", "Learning point"),
    "report.chart": ("Andel pr. faggruppe", "Share by profession"),
    "report.chart_present": ("til stede", "present"),
    "report.chart_spoken": ("taletid", "speaking"),
    # `caseroom history SESSION`: the chain of meetings a follow-up continues, one line each
    "history.no_date": ("ukendt dato", "unknown date"),
    "history.proposals": ("{n} forslag, {agreed} aftalt", "{n} proposals, {agreed} agreed"),
    "history.proposals.one": ("1 forslag, {agreed} aftalt", "1 proposal, {agreed} agreed"),
    "history.no_items": ("ingen punkter", "no items"),
    "history.new_proposals": ("{n} nye forslag", "{n} new proposals"),
    "history.new_proposals.one": ("1 nyt forslag", "1 new proposal"),
    "history.not_found": (
        "ikke fundet ({why}); kæden stopper her",
        "not found ({why}); the chain stops here",
    ),
    "history.not_found_absent": (
        "hverken på sin sti, i samme mappe eller i sessionsmappen",
        "not at its path, in the same folder or in the sessions folder",
    ),
    "history.not_found_other": (
        "filen på dens sti er et andet møde",
        "the file at its path is another meeting",
    ),
    "history.not_found_unreadable": (
        "filen på dens sti kan ikke læses som en session",
        "the file at its path cannot be read as a session",
    ),
    "history.not_found_loop": ("kæden går i ring", "the chain goes round in a loop"),
}

# one catalogue: every key of the three (a test sees that no key is in two)
MESSAGES: dict[str, tuple[str, str]] = {**LABELS, **ERRORS, **EXPORT}


def t(key: str, lang: Lang, **values: object) -> str:
    """The text of `key` in `lang`, filled with `values`; with `n=1`, the key's `.one` form
    where it has one (where the plural would be wrong)."""
    if values.get("n") == 1 and f"{key}.one" in MESSAGES:
        key = f"{key}.one"
    da, en = MESSAGES[key]
    text = da if lang == "da" else en
    return text.format(**values) if values else text


# dates in words (the exports)
MONTHS: dict[Lang, tuple[str, ...]] = {
    "da": (
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
WEEKDAYS: dict[Lang, tuple[str, ...]] = {
    "da": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def duration_words(seconds: float, lang: Lang) -> str:
    """'1 min 2 s', '45 s', '3 min', '1 t 5 min': a duration nobody reads as hours and
    minutes (the resume banner, the summary's pauses and down time)."""
    total = int(max(0.0, seconds) + 0.5)
    hours, rest = divmod(total, 3600)
    mins, secs = divmod(rest, 60)
    if hours:
        return t("clock.hours_minutes", lang, h=hours, m=mins)
    if not mins:
        return f"{secs} s"
    return f"{mins} min {secs} s" if secs else f"{mins} min"


def format_date(day: date, lang: Lang) -> str:
    """'tirsdag 24. november 2026' / 'Tuesday 24 November 2026'."""
    weekday = WEEKDAYS[lang][day.weekday()]
    month = MONTHS[lang][day.month - 1]
    if lang == "da":
        return f"{weekday} {day.day}. {month} {day.year}"
    return f"{weekday} {day.day} {month} {day.year}"

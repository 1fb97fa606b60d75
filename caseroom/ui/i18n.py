"""One message catalogue for every label: Danish by default, English on request.

Case text is never translated: it stays in the case's own language.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Literal

from rich.cells import cell_len, set_cell_size

Lang = Literal["da", "en"]

MESSAGES: dict[str, tuple[str, str]] = {
    # roles and people
    "role.leader": ("Mødeleder", "Meeting leader"),
    "role.timekeeper": ("Tidsholder", "Timekeeper"),
    "role.note_taker": ("Referent", "Note-taker"),
    "people.title": ("Hvem er med?", "Who is here?"),
    "people.help": (
        "Skriv navn og faggruppe i siddeorden. Enter tilføjer. Vælg derefter de tre roller.",
        "Type name and profession in seating order. Enter adds. Then choose the three roles.",
    ),
    "people.name": ("Navn", "Name"),
    "people.profession": ("Faggruppe", "Profession"),
    "people.add": ("Tilføj", "Add"),
    "people.none": ("Ingen deltagere endnu.", "No participants yet."),
    "case.warning": ("Advarsel fra casefilen", "Case file warning"),
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
    # modals
    "facts.title": ("Faktabokse", "Fact boxes"),
    "facts.source": ("Kilde", "Source"),
    "reflect.title": ("Stille refleksion", "Silent reflection"),
    "reflect.hint": (
        "Tænk selv over spørgsmålet og skriv stikord. Escape afslutter.",
        "Think about the question on your own and jot down notes. Escape ends.",
    ),
    "reflect.done": ("Tiden er gået", "Time is up"),
    "groups.title": (
        "Forslag til små grupper: {n} grupper ({sizes} personer)",
        "Small groups: {n} groups ({sizes} people)",
    ),
    "groups.title_one": (
        "Forslag til små grupper: 1 gruppe ({sizes} personer)",
        "Small groups: 1 group ({sizes} people)",
    ),
    "groups.hint": ("g blander igen · Escape lukker", "g reshuffles · Escape closes"),
    "groups.group": ("Gruppe {n}", "Group {n}"),
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
    "finish.title": ("Sidste punkt", "The last item"),
    "finish.body": (
        "n afslutter mødet. Et afsluttet møde kan ikke fortsættes. Afslut nu?",
        "n ends the meeting. A finished meeting cannot go on. End it now?",
    ),
    "save.failed": (
        "IKKE GEMT i {reason} — mødet fortsætter, prøver igen",
        "NOT SAVED to {reason} — the meeting goes on, retrying",
    ),
    "plan.example": ("fx {date}", "e.g. {date}"),
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
    "notnow.not_started": (
        "mødet er ikke startet (tryk mellemrum)",
        "the meeting has not started (press space)",
    ),
    "notnow.finished": ("mødet er afsluttet", "the meeting has finished"),
    "notnow.speak": ("ingen deltager nr. {n} er til stede", "no participant no. {n} is present"),
    "notnow.back": ("det er første trin", "this is the first step"),
    "notnow.extend": (
        "et trin kan ikke blive kortere end 1 minut",
        "a step cannot be shorter than 1 minute",
    ),
    "notnow.take_break": ("der er ingen pause forude", "there is no break ahead"),
    "notnow.in_break": ("pausen er i gang", "the break is on"),
    "notnow.other": ("ikke her", "not here"),
    "notnow.reflect": (
        "mødet holder pause: tryk mellemrum først",
        "the meeting is paused: press space first",
    ),
    "notnow.facts": ("dette trin har ingen faktabokse", "this step has no fact boxes"),
    "notnow.plot": ("intet case-plot til dette trin", "no case plot for this step"),
    "notnow.groups": ("der skal være mindst to til stede", "at least two must be present"),
    "notnow.pick_speaker": ("ingen deltagere til stede", "nobody is present"),
    "notnow.round": ("ingen deltagere til stede", "nobody is present"),
    "notnow.skip": ("ingen runde er i gang", "no round is going on"),
    "notnow.undo_delete": ("intet slettet at fortryde", "nothing deleted to undo"),
    "notnow.plan": ("kun under opsamlingen", "only during the Opsamling"),
    "notnow.evaluate": (
        "kun i evalueringsrunden, med deltagere til stede",
        "only in the evaluation round, with people present",
    ),
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
    "tip.groups": ("Foreslå grupper på tværs af faggrupper", "Propose groups mixing professions"),
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
    "round.first": ("Hvem starter? (runden går i siddeorden)", "Who starts? (in seating order)"),
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
    "plan.title": (
        "Hvem skriver handleplanen – og hvornår?",
        "Who drafts the action plan, by when?",
    ),
    "plan.drafter": ("Fra ledelsen", "From management"),
    "plan.deadline": ("Senest (ÅÅÅÅ-MM-DD)", "By (YYYY-MM-DD)"),
    "plan.bad_date": ("Skriv datoen som ÅÅÅÅ-MM-DD", "Type the date as YYYY-MM-DD"),
    "plan.no_such_date": ("Datoen {date} findes ikke", "There is no date {date}"),
    "plan.past_date": (
        "Fristen {date} ligger før mødet ({day})",
        "The deadline {date} is before the meeting ({day})",
    ),
    "key.plan": ("Handleplan", "Action plan"),
    "tip.plan": ("Hvem skriver handleplanen og hvornår", "Who drafts the action plan, by when"),
    "eval.title": (
        "Evaluering: de 3 vigtigste ting, jeg har lært",
        "Evaluation: 3 things I learned",
    ),
    "eval.hint": (
        "Enter: næste felt / gem og næste person · ctrl+n næste · Escape: tilbage til tasterne",
        "Enter: next field / save, next person · ctrl+n next · Escape: back to the keys",
    ),
    "eval.choose": ("Vælg en person i listen", "Pick a person in the list"),
    "eval.turn": ("{name} · {left} tilbage", "{name} · {left} left"),
    "eval.turn_over": ("{name} · {left} over tiden", "{name} · {left} over time"),
    "key.evaluate": ("Skriv evaluering", "Type evaluation"),
    "tip.evaluate": ("Gå til evalueringsfelterne", "Go to the evaluation fields"),
    # the timekeeper's clock (caseroom clock)
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
    "wkey.stop": ("Stop", "Stop"),
    "wkey.other_button": ("Skift knap", "Other button"),
    # tooltips of the dialogs', widgets', start screen's and clock's keys (caseroom/ui/keys.py)
    "wtip.close": ("Luk vinduet", "Close the window"),
    "wtip.move_focus": ("Gå til næste liste eller felt", "Move to the next list or field"),
    "wtip.reshuffle": ("Foreslå nye grupper", "Propose other groups"),
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


def t(key: str, lang: Lang, **values: object) -> str:
    da, en = MESSAGES[key]
    text = da if lang == "da" else en
    return text.format(**values) if values else text


def fit(text: str, width: int) -> str:
    """`text` in exactly `width` terminal cells: padded, or cut with "…" (an emoji or a CJK
    character takes two cells, so `len` would shift the columns after it)."""
    cells = cell_len(text)
    if cells <= width:
        return text + " " * (width - cells)
    return set_cell_size(text, max(0, width - 1)) + "…"


def duration(seconds: float) -> str:
    """12:03, 1:02:03 — whole seconds, no sign."""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def minutes(seconds: float, lang: Lang, *, up: bool = False) -> str:
    """'1 t 05 min' / '12 min': whole minutes, rounded down (or up: 10 s left is '1 min').

    The secondary figures are whole minutes (the big countdown carries the seconds), so they
    change once a minute and an idle screen repaints only the countdown.
    """
    total = abs(seconds) / 60
    whole = math.ceil(total - 1e-9) if up else math.floor(total)
    hours, mins = divmod(int(whole), 60)
    if hours:
        return t("clock.hours_minutes", lang, h=hours, m=f"{mins:02d}")
    return t("clock.minutes", lang, m=mins)


def per_person_text(seconds: float, lang: Lang) -> str:
    """A round's time per person as the dialog offers it: '1', '1,5' minutes, or '0:40'."""
    if seconds % 30:
        whole = round(seconds)
        return f"{whole // 60}:{whole % 60:02d}"
    text = f"{seconds / 60:g}"
    return text.replace(".", ",") if lang == "da" else text


def parse_per_person(text: str) -> float | None:
    """Seconds from '1', '1,5', '1.5' (minutes) or '0:40' (minutes:seconds); None if neither."""
    raw = text.strip().replace(",", ".")
    try:
        if ":" in raw:
            mins, _, secs = raw.partition(":")
            if not (mins.isdigit() or mins == "") or not (secs.isdigit() and len(secs) == 2):
                return None
            if int(secs) >= 60:
                return None
            return int(mins or 0) * 60.0 + int(secs)
        value = float(raw) * 60
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def lateness(seconds: float, lang: Lang) -> tuple[str, str]:
    """How late (positive) or early the meeting is against the plan, and its style."""
    if abs(seconds) < 60:
        return t("fig.on_time", lang), "green"
    if seconds > 0:
        return t("fig.late", lang, duration=minutes(seconds, lang)), "bold red"
    return t("fig.early", lang, duration=minutes(seconds, lang)), "green"


def countdown(seconds: float) -> str:
    """Remaining time as shown on the big clock: 08:41, or +03:12 when over time."""
    if seconds >= 0:
        return duration(seconds + 0.999)  # 0.4 s left still shows 00:01
    return "+" + duration(-seconds)


# The domain says what went wrong in English (the CLI and the logs show it as is); the screen
# says it in the UI's language. Patterns are the domain's messages, `{…}` their parameters.
_DOMAIN_DA: tuple[tuple[str, str], ...] = (
    ("a group needs at least two people", "en gruppe skal have mindst to personer"),
    ("a participant needs a name", "en deltager skal have et navn"),
    ("a proposal cannot be merged with itself", "et forslag kan ikke flettes med sig selv"),
    ("a round is already going", "der er allerede en runde i gang"),
    ("a step cannot be shorter than one minute", "et punkt kan ikke være kortere end et minut"),
    ("no round is going", "der er ingen runde i gang"),
    ("nothing to undo", "der er intet at fortryde"),
    (
        "small groups need at least two people present",
        "små grupper kræver mindst to tilstedeværende",
    ),
    ("the break is already on", "pausen er allerede i gang"),
    ("the meeting has finished", "mødet er afsluttet"),
    ("the meeting has not started", "mødet er ikke startet"),
    ("the meeting is not running", "mødet kører ikke"),
    ("the text is empty", "teksten er tom"),
    ("there is no break left to take", "der er ingen pause tilbage"),
    ("this is the first step", "dette er det første punkt"),
    ("'{name}' is not present", "{name} er ikke til stede"),
    ("'{name}' is already on the list", "{name} er allerede på listen"),
    ("at most {n} participants", "højst {n} deltagere"),
    ("name longer than {n} characters", "navnet er længere end {n} tegn"),
    (
        "the name cannot contain control characters or text-direction marks ({codes})",
        "navnet kan ikke indeholde kontroltegn eller tegn for tekstretning ({codes})",
    ),
    (
        "the profession cannot contain control characters or text-direction marks ({codes})",
        "faggruppen kan ikke indeholde kontroltegn eller tegn for tekstretning ({codes})",
    ),
    ("no participant called '{name}'", "ingen deltager hedder {name}"),
    ("the text is longer than {n} characters", "teksten er længere end {n} tegn"),
    (
        "once the meeting has started, someone who leaves is marked absent",
        "når mødet er startet, markeres den der går, som fraværende",
    ),
    ("no participant in seat {n}", "ingen deltager på plads {n}"),
    ("unknown role '{role}'", "ukendt rolle {role}"),
)


def _pattern(english: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", english)
    regex = "".join(
        f"(?P<{part}>.+?)" if index % 2 else re.escape(part) for index, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$")


@cache
def _domain_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled at the first error shown, not at start-up."""
    return tuple((_pattern(en), da) for en, da in _DOMAIN_DA)


def explain(error: Exception, lang: Lang) -> str:
    """A domain error's message in the UI's language (as it is when there is no translation)."""
    message = str(error)
    if lang == "da":
        for pattern, danish in _domain_patterns():
            if found := pattern.match(message):
                return danish.format(**found.groupdict())
    return message

"""One message catalogue for every label: Danish by default, English on request.

Case text is never translated: it stays in the case's own language.
"""

from __future__ import annotations

from typing import Literal

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
    "people.remove": ("Fjern valgte", "Remove selected"),
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
    "role.none": ("(ingen)", "(none)"),
    # start
    "start.title": ("Klar til {title}", "Ready for {title}"),
    "start.go": ("Start mødet", "Start meeting"),
    # states
    "state.not_started": ("KLAR", "READY"),
    "state.running": ("KØRER", "RUNNING"),
    "state.paused": ("PAUSE", "PAUSED"),
    "state.finished": ("AFSLUTTET", "FINISHED"),
    "state.press_start": (
        "Tryk mellemrum for at starte mødet",
        "Press space to start the meeting",
    ),
    "state.paused_banner": (
        "⏸  PAUSE — tiden står stille. Tryk mellemrum for at fortsætte.",
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
    "close": ("Luk", "Close"),
    "reflect.title": ("Stille refleksion", "Silent reflection"),
    "reflect.hint": (
        "Tænk selv over spørgsmålet og skriv stikord. Escape afslutter.",
        "Think about the question on your own and jot down notes. Escape ends.",
    ),
    "reflect.done": ("Tiden er gået", "Time is up"),
    "groups.title": ("Forslag til små grupper (størrelse {n})", "Small groups (size {n})"),
    "groups.hint": ("g blander igen · Escape lukker", "g reshuffles · Escape closes"),
    "groups.group": ("Gruppe {n}", "Group {n}"),
    "help.title": ("Taster", "Keys"),
    "quit.title": ("Mødet kører", "The meeting is running"),
    "quit.body": (
        "Alt er gemt. Vil du afslutte mødet, eller lukke og fortsætte senere?",
        "Everything is saved. End the meeting, or close and continue later?",
    ),
    "quit.finish": ("Afslut mødet", "End meeting"),
    "quit.close": ("Luk, fortsæt senere", "Close, resume later"),
    "quit.cancel": ("Fortsæt mødet", "Keep going"),
    "save.failed": (
        "IKKE GEMT: {reason} — mødet fortsætter, prøver igen",
        "NOT SAVED: {reason} — the meeting goes on, retrying",
    ),
    "save.ok": ("Gemt: {path}", "Saved: {path}"),
    "cannot": ("Ikke muligt: {reason}", "Not possible: {reason}"),
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
}


def t(key: str, lang: Lang, **values: object) -> str:
    da, en = MESSAGES[key]
    text = da if lang == "da" else en
    return text.format(**values) if values else text


def duration(seconds: float) -> str:
    """12:03, 1:02:03 — whole seconds, no sign."""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def countdown(seconds: float) -> str:
    """Remaining time as shown on the big clock: 08:41, or +03:12 when over time."""
    if seconds >= 0:
        return duration(seconds + 0.999)  # 0.4 s left still shows 00:01
    return "+" + duration(-seconds)

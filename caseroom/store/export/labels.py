"""The label catalogue of the exports: (Danish, English) for every key, and dates in words.

Templates reach it as `t(key, **values)`; what people wrote is never translated.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

Lang = Literal["da", "en"]

LABELS: dict[str, tuple[str, str]] = {
    "preliminary": (
        "Foreløbigt: mødet er ikke afsluttet",
        "Preliminary: the meeting has not finished",
    ),
    "preliminary.saved": ("Status pr. {when}.", "As of {when}."),
    "md.title": ("Referat: {title}", "Summary: {title}"),
    "md.date": ("Dato", "Date"),
    "md.time": ("Tid", "Time"),
    "md.time_value": (
        "{start}–{end} (planlagt {start}–{planned_end})",
        "{start}–{end} (planned {start}–{planned_end})",
    ),
    "md.time_running": ("fra {start}, i gang", "from {start}, in progress"),
    "md.not_started": ("Mødet er ikke startet.", "The meeting has not started."),
    "md.case": ("Case-fil", "Case file"),
    "md.people": ("Deltagere", "Participants"),
    "md.name": ("Navn", "Name"),
    "md.profession": ("Faggruppe", "Profession"),
    "md.role": ("Rolle", "Role"),
    "md.left": ("forlod mødet", "left the meeting"),
    "md.no_people": ("Ingen deltagere registreret.", "No participants recorded."),
    "role.leader": ("mødeleder", "meeting leader"),
    "role.timekeeper": ("tidsholder", "timekeeper"),
    "role.note_taker": ("referent", "note-taker"),
    "md.agenda": ("Dagsorden", "Agenda"),
    "md.item": ("Punkt", "Item"),
    "md.planned": ("Plan", "Planned"),
    "md.extended": ("Forlænget", "Extended"),
    "md.actual": ("Faktisk", "Actual"),
    "md.total": ("I alt", "Total"),
    "md.not_run": ("ikke holdt", "not held"),
    "md.question": ("spørgsmål {n}", "question {n}"),
    "md.talk": ("Taletid", "Speaking time"),
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
    "md.learning": ("Læringspunkter", "Learning points"),
    "md.none": ("Ingen.", "None."),
    "md.proposals": ("Forbedringsforslag", "Improvement proposals"),
    "md.proposal_count": ("{n} forslag, heraf {agreed} aftalt.", "{n} proposals, {agreed} agreed."),
    "md.proposal_count.one": ("1 forslag, {agreed} aftalt.", "1 proposal, {agreed} agreed."),
    "md.agreed": ("Aftalt", "Agreed"),
    "md.responsible": ("Ansvarlig", "Responsible"),
    "md.nobody": ("ikke fordelt", "not assigned"),
    "md.proposed_by": ("Foreslået af", "Proposed by"),
    "md.from": ("Fra", "From"),
    "md.no_area": ("Uden område", "No area"),
    "md.handleplan": ("Handleplan", "Action plan"),
    "md.drafter": ("Handleplanen skrives af", "The action plan is drafted by"),
    "md.deadline": ("Frist", "Deadline"),
    "md.not_decided": ("ikke aftalt", "not decided"),
    "md.default_deadline": ("{date} (en uge efter mødet)", "{date} (a week after the meeting)"),
    "md.evaluation": (
        "Evaluering: de 3 vigtigste ting, jeg har lært",
        "Evaluation: the 3 most important things I learned",
    ),
    "md.no_points": ("(ingen punkter)", "(no points)"),
    "md.no_evaluation": ("Ingen evaluering fra: {names}.", "No evaluation from: {names}."),
    "md.groups": ("Gruppeforslag", "Group proposals"),
    "md.group": ("gruppe {n}", "group {n}"),
    "md.at": ("kl. {time}", "at {time}"),
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
    "plan.area": ("Område", "Area"),
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
}

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


def label(key: str, lang: Lang, **values: object) -> str:
    """The label in `lang`; with `n=1`, its `.one` form where the plural would be wrong."""
    if values.get("n") == 1 and f"{key}.one" in LABELS:
        key = f"{key}.one"
    danish, english = LABELS[key]
    text = danish if lang == "da" else english
    return text.format(**values) if values else text


def format_date(day: date, lang: Lang) -> str:
    """'tirsdag 24. november 2026' / 'Tuesday 24 November 2026'."""
    weekday = WEEKDAYS[lang][day.weekday()]
    month = MONTHS[lang][day.month - 1]
    if lang == "da":
        return f"{weekday} {day.day}. {month} {day.year}"
    return f"{weekday} {day.day} {month} {day.year}"

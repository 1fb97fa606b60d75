"""The talking-round tracker pane: speaking time per person and profession, equity, hints."""

from __future__ import annotations

from collections import defaultdict

from rich.text import Text

from caseroom.domain.meeting import Meeting
from caseroom.domain.talk import equity
from caseroom.ui.i18n import Lang, countdown, duration, fit, t

BAR_WIDTH = 5


def _bar(share: float, width: int) -> str:
    filled = round(share * width * 2)
    return ("█" * (filled // 2) + ("▌" if filled % 2 else "")).ljust(width)


def tracker_text(meeting: Meeting, lang: Lang, width: int, compact: bool = False) -> Text:
    """Render the tracker for a pane `width` cells wide (compact: fewer columns and lines)."""
    talk = meeting.talk
    now = meeting.clock.monotonic()
    present = [p.name for p in meeting.present]
    totals = talk.seconds_by_person(present, now)
    in_scope = talk.seconds_by_person(present, now, meeting.scope_keys())
    not_yet = set(meeting.not_spoken_here())  # a pass in a round is not having spoken
    spoken_total = sum(totals.values())
    text = Text()
    text.append(t("talk.title", lang) + "\n", style="bold")
    bar = 0 if compact else BAR_WIDTH
    # number, mark, " 00:00", " 12" turns, " 100%", " █████": the name gets the rest
    fixed = 2 + 1 + 6 + (3 if not compact else 0) + 5 + (bar + 1 if bar else 0)
    name_width = max(4, width - fixed)
    for number, person in enumerate(meeting.participants, start=1):
        if not person.present:
            continue
        seconds = totals[person.name]
        share = seconds / spoken_total if spoken_total else 0.0
        speaking = talk.speaker == person.name
        silent_here = person.name in not_yet
        mark = "▶" if speaking else ("○" if silent_here else " ")
        name = person.name
        line = f"{number:>2}{mark}{fit(name, name_width)} {duration(seconds):>5}"
        if not compact:
            line += f" {talk.turn_count(person.name):>2}"
        line += f" {share * 100:>3.0f}%"
        if bar:
            line += " " + _bar(share, bar)
        style = "bold reverse" if speaking else ("italic" if silent_here else "")
        text.append(line + "\n", style=style)
    if not present:
        text.append(t("talk.nobody", lang) + "\n", style="dim")
    if spoken_total > 0:
        text.append(_profession_lines(meeting, totals, spoken_total, lang, width, compact))
        whole = equity(totals.values())
        here = equity(in_scope.values())
        text.append(t("talk.equity", lang), style="bold")
        text.append(f" {_percent(whole)}")
        text.append(f" · {t('talk.here', lang)} {_percent(here)}\n")
        if not compact:
            text.append(t("talk.equity_help", lang) + "\n", style="dim")
    text.append(_round_lines(meeting, lang))
    text.append(_hints(meeting, lang))
    return text


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _profession_lines(
    meeting: Meeting, totals: dict[str, float], spoken: float, lang: Lang, width: int, compact: bool
) -> Text:
    seconds: dict[str, float] = defaultdict(float)
    people: dict[str, int] = defaultdict(int)
    for person in meeting.present:
        seconds[person.profession] += totals[person.name]
        people[person.profession] += 1
    text = Text()
    count = len(meeting.present)
    label_width = max(4, width - 16)
    for profession in sorted(seconds, key=lambda p: -seconds[p]):
        time_share = seconds[profession] / spoken * 100
        people_share = people[profession] / count * 100
        label = fit(profession, label_width)
        text.append(f"{label} {time_share:>3.0f}%/{people_share:>3.0f}%\n")
    if not compact:
        text.append(t("talk.profession_help", lang) + "\n", style="dim")
    return text


def _round_lines(meeting: Meeting, lang: Lang) -> Text:
    talk_round = meeting.talk.round
    text = Text()
    if talk_round is None or talk_round.current is None:
        return text
    text.append(t("talk.round", lang) + ": ", style="bold")
    text.append(talk_round.current, style="bold")
    left = meeting.talk.round_remaining(meeting.clock.monotonic())
    if left is not None:
        text.append(f" {countdown(left)}", style="bold red" if left < 0 else "bold")
    following = talk_round.upcoming
    if following:
        text.append(f" · {t('talk.next', lang)}: {following[0]}")
    text.append("\n" + t("talk.round_keys", lang) + "\n", style="dim")
    return text


def _hints(meeting: Meeting, lang: Lang) -> Text:
    text = Text()
    if not meeting.agenda.is_live:
        return text  # advice for a meeting that is not going on helps nobody
    dominant = meeting.dominant_speaker()
    if dominant is not None:
        name, ratio = dominant
        shown = f"{ratio:.1f}".replace(".", "," if lang == "da" else ".")
        text.append(t("talk.hint_dominant", lang, name=name, ratio=shown) + "\n")
    silent = meeting.silent_too_long()
    if silent:
        minutes = int(meeting.talk_seconds() // 60)  # how long they have been quiet
        text.append(t("talk.hint_silent", lang, names=", ".join(silent), minutes=minutes) + "\n")
    if text:
        text.stylize("italic")
    return text

"""What the meeting screen says, as text: pure functions of the meeting, the language and sizes.

No widgets here: each function takes the meeting (whose injected clock gives "now"), the UI's
language and, where a line must fit, the width it has, and returns a string or a Rich `Text`.
The screen (screen.py) decides when to ask and where to put the answer; the tests call these
with a fake clock and no app (tests/ui/test_meeting_view.py).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from caseroom.catalogue import duration_words, format_date
from caseroom.domain.agenda import RunState, Step, whole_minutes
from caseroom.domain.captures import one_line
from caseroom.domain.followup import STATUS_LABEL_KEYS, ItemStatus
from caseroom.domain.meeting import Meeting, MeetingAction
from caseroom.domain.prose import reflow
from caseroom.ui.i18n import Lang, fit, lateness, minutes, t
from caseroom.ui.keys import Words, word
from caseroom.ui.widgets.tracker import tracker_text

DOWN_BANNER_SECONDS = 60  # "the app was down for …" after a resume, then the banner goes

STATE_STYLES = {
    RunState.NOT_STARTED: "blue",
    RunState.RUNNING: "green",
    RunState.PAUSED: "yellow",
    RunState.FINISHED: "magenta",
}


def unsaved_where(error: str | None) -> str:
    """'not saved to PATH: reason' (the store's words) as 'PATH: reason' for the screen."""
    return (error or "").removeprefix("not saved to ")


def status_line(meeting: Meeting, lang: Lang, width: int) -> Text:
    """The top line: the state, the case's title and the time of day, in `width` cells (0:
    not laid out yet, the title is whole)."""
    agenda = meeting.agenda
    state_label = t(f"state.{agenda.state.value}", lang)
    now = agenda.wall_now()  # a rehearsal's time from its start, the real time before
    line = Text()
    line.append(f" {state_label} ", style=f"bold reverse {STATE_STYLES[agenda.state]}")
    # the time of day always shows: a long title gives way ("…")
    title = Text(meeting.case.title)
    room = width - line.cell_len - 2 - 8  # the two spaces before, "   HH:MM" after
    if width and room < 2:
        title = Text()
    elif width:
        title.truncate(room, overflow="ellipsis")
    line.append("  ")
    line.append_text(title)
    line.stylize("bold", line.cell_len - title.cell_len)
    line.append(f"   {now:%H:%M}")
    return line


def figures_line(meeting: Meeting, lang: Lang, width: int) -> Text:
    """Under the countdown: the segment's and the meeting's minutes left and the projected end;
    wrapped between figures, never inside one, when `width` is too narrow for one line."""
    agenda = meeting.agenda
    line = Text()
    late_text, late_style = lateness(agenda.lateness_seconds(), lang)
    if agenda.planned_start is not None:  # against the planned end, which it names
        planned_end = t("timeplan.planned_end", lang, time=f"{agenda.planned_end():%H:%M}")
        late_text = f"{planned_end}, {late_text}"
    if agenda.state is RunState.NOT_STARTED:
        line.append(t("state.press_start", lang), style="bold")
        line.append(f"   {t('fig.end', lang)} {agenda.projected_end():%H:%M}")
        if agenda.planned_start is not None:
            line.append(f" ({late_text})", late_style)
        return line
    if agenda.state is RunState.FINISHED:  # what it took, and when it ended against the plan
        line.append(t("clock.ended", lang, time=f"{agenda.projected_end():%H:%M}"), "bold")
        line.append(f" ({late_text})", late_style)
        return line
    # whole minutes: the big countdown has the seconds, and this line changes once a minute
    segment_left = agenda.segment_remaining()
    word = t("fig.left", lang) if segment_left >= 0 else t("fig.over", lang)
    left = f"{minutes(segment_left, lang, up=segment_left >= 0)} {word}"
    if -60 < segment_left < 0:  # not "0 min over time"
        left = t("fig.under_minute_over", lang)
    groups = [
        Text.assemble((f"{t('fig.segment_left', lang)} ", "dim"), (left, "bold")),
        Text.assemble(
            (f"{t('fig.meeting_left', lang)} ", "dim"),
            (minutes(agenda.remaining_agenda_seconds(), lang, up=True), "bold"),
        ),
        Text.assemble(
            (f"{t('fig.end', lang)} ", "dim"),
            (f"{agenda.projected_end():%H:%M}", "bold"),
            (f" ({late_text})", late_style),
        ),
    ]
    current = 0
    for group in groups:
        if current:
            fits = width <= 0 or current + 3 + group.cell_len <= width
            line.append("   " if fits else "\n")
            current = current + 3 if fits else 0
        line.append_text(group)
        current += group.cell_len
    return line


def step_title(meeting: Meeting, lang: Lang, step: Step) -> Text:
    """Over the countdown: the segment, and which of its questions (or what the meeting took)."""
    agenda = meeting.agenda
    if agenda.state is RunState.FINISHED:
        return Text(t("fig.took", lang), style="bold")
    text = Text(step.segment.title, style="bold")
    if step.question is not None or step.item is not None:
        steps = agenda.segment_steps(step.segment_index)
        number = steps.index(step) + 1
        key = "fig.question" if step.item is None else "fig.item"
        text.append(f"  ·  {t(key, lang, n=number, total=len(steps))}")
    return text


def agenda_text(meeting: Meeting, width: int, lang: Lang = "da") -> Text:
    """The sidebar's agenda, a line per segment in `width` cells: mark, title, planned time
    of day, planned and run minutes; then, with a planned start, the plan's times and how
    late (or early) the meeting started. Where the width is short, the planned time of day
    takes the planned minutes' place."""
    agenda = meeting.agenda
    text = Text()
    current = agenda.current.segment_index
    clock_times = agenda.planned_clock_times()
    # mark, space, title, " 12:10", " 75", " 38 min" (1 + 1 + 6 + 4 + 8): the title gets the rest
    both = width - 20 >= 12
    title_width = max(6, width - (20 if both else 16))
    for index in agenda.segment_order():
        segment = meeting.case.segments[index]
        live = agenda.state is not RunState.NOT_STARTED
        is_current = index == current and agenda.is_live
        mark = "▶" if is_current else ("✓" if live and agenda.segment_done(index) else " ")
        planned = agenda.segment_planned(index) / 60
        # whole minutes, as planned: the running one counts up once a minute; one that is
        # done is rounded to the nearest minute, as the export writes it
        elapsed = agenda.segment_elapsed(index)
        minutes_run = whole_minutes(elapsed) if mark == "✓" else int(elapsed // 60)
        actual = f"{minutes_run} min" if agenda.segment_has_run(index) else "—"
        style = "bold reverse" if is_current else ("dim" if mark == "✓" else "")
        title = fit(segment.title, title_width)
        at = f"{clock_times[index]:%H:%M}"
        figures = f"{at} {planned:>3.0f}" if both else at
        text.append(f"{mark} {title} {figures} {actual:>7}\n", style=style)
        if segment.kind == "status":
            text.append_text(item_lines(meeting, index, width, lang))
    if agenda.planned_start is not None:
        text.append(
            f"{t('fig.planned', lang)} {agenda.plan_start():%H:%M}–{agenda.planned_end():%H:%M}",
            style="dim",
        )
        if (started := start_text(meeting, lang)) is not None:
            text.append("\n")
            text.append_text(started)
        text.append("\n")
    return text


STATUS_MARKS = {"done": "✓", "in-progress": "…", "changed": "~", "dropped": "✗"}


def status_label(status: ItemStatus | None, lang: Lang) -> str:
    """An item's status in words ("i gang"); "ikke vurderet" for none yet."""
    return t(STATUS_LABEL_KEYS[status] if status else "status.none", lang)


def item_lines(meeting: Meeting, segment_index: int, width: int, lang: Lang) -> Text:
    """Under a status segment in the sidebar: a line per item (as the steps of a question),
    its mark (▶ the current one), its text's start and its status now."""
    agenda = meeting.agenda
    text = Text()
    for step in agenda.segment_steps(segment_index):
        item = step.item
        if item is None:
            continue
        is_current = step is agenda.current and agenda.is_live
        status = status_label(item.status, lang) if item.status else ""
        mark = "▶" if is_current else STATUS_MARKS.get(item.status or "", "·")
        room = max(6, width - 4 - len(status) - 1)
        line = f"  {mark} {fit(one_line(item.text), room)}"
        pad = max(1, width - len(line) - len(status))
        style = "bold" if is_current else ("dim" if item.status else "")
        text.append(f"{line}{' ' * pad}{status}\n" if status else f"{line}\n", style=style)
    return text


def item_blocks(lang: Lang, step: Step) -> list[tuple[str, str]]:
    """The main pane on an item's step, as `content_blocks`: the earlier proposal (its text,
    area, responsible, agreed or the status last time) and what is recorded for it so far."""
    item = step.item
    if item is None:
        return []
    facts = [
        f"{t(label, lang)}: {value}"
        for label, value in (
            ("item.area", item.area),
            ("item.responsible", item.responsible),
            ("item.proposed_by", item.proposed_by),
        )
        if value
    ]
    if item.then:
        facts.append(f"{t('item.then', lang)}: {status_label(item.then, lang)}")
    else:
        facts.append(t("item.agreed" if item.agreed else "item.proposed", lang))
    blocks = [
        ("heading", t("item.heading", lang)),
        ("item-text", reflow(item.text)),
        ("item-facts", "   ".join(facts)),
        ("heading", t("item.now", lang)),
    ]
    if not item.recorded:
        return [*blocks, ("hint", t("item.none_yet", lang))]
    rows = [
        (t("item.status", lang), status_label(item.status, lang) if item.status else ""),
        (t("item.learned", lang), reflow(item.learned)),
        (t("item.next_step", lang), reflow(item.next_step)),
        (t("item.next_responsible", lang), item.next_responsible),
        (t("item.next_due", lang), format_date(item.next_due, lang) if item.next_due else ""),
    ]
    return [*blocks, ("item-status", "\n".join(f"{k}: {v}" for k, v in rows if v))]


def groups_text(meeting: Meeting, lang: Lang, width: int) -> Text:
    """The sidebar's small groups of the current step (empty when it has none): they stay in
    sight while the step lasts, a line per group, each name once."""
    groups = meeting.current_groups()
    text = Text()
    if groups is None:
        return text
    text.append(t("groups.sidebar", lang) + "\n", style="bold")
    for number, group in enumerate(groups.groups, start=1):
        text.append(f"{number}: ", style="dim")
        line = ", ".join(group)
        room = max(6, width - len(f"{number}: "))
        text.append((fit(line, room) if len(line) > room else line) + "\n")
    return text


def start_text(meeting: Meeting, lang: Lang) -> Text | None:
    """'startet 7 min forsinket' against the planned start (None without one, or before
    the start); under a minute off is on time."""
    late = meeting.agenda.start_lateness_seconds()
    if late is None:
        return None
    if abs(late) < 60:
        return Text(t("timeplan.started_on_time", lang), style="green")
    key = "timeplan.started_late" if late > 0 else "timeplan.started_early"
    style = "bold red" if late > 0 else "green"
    return Text(t(key, lang, duration=minutes(late, lang)), style=style)


def talk_text(meeting: Meeting, lang: Lang, width: int, *, compact: bool) -> Text:
    """The sidebar's talk: the roles, then who spoke how long (`compact`: fewer lines)."""
    roles = meeting.roles
    text = Text()
    for key, name in (
        ("role.leader", roles.leader),
        ("role.timekeeper", roles.timekeeper),
        ("role.note_taker", roles.note_taker),
    ):
        if name:
            text.append(f"{t(key, lang)}: ", style="dim")
            text.append(f"{name}\n")
    text.append(tracker_text(meeting, lang, max(20, width), compact))
    return text


def banner_text(meeting: Meeting, lang: Lang, *, save_error: str | None, path: Path) -> str:
    """The banner's lines: a failed save (`save_error`, the keeper's), a pause, the end (where
    the record is, `path`), and for a while after a resume how long the app was down."""
    parts: list[str] = []
    if save_error:
        parts.append(t("save.failed", lang, reason=unsaved_where(save_error)))
    if meeting.agenda.state is RunState.PAUSED:
        parts.append(t("state.paused_banner", lang))
    if meeting.agenda.state is RunState.FINISHED:
        parts.append(t("state.finished_banner", lang, path=path))
    if (gap := down_banner_gap(meeting)) is not None:
        parts.append(t("state.down", lang, duration=duration_words(gap, lang)))
    return "\n".join(parts)


def down_banner_gap(meeting: Meeting) -> float | None:
    """Seconds the app was down, while the banner says so: for a minute after a resume."""
    gap = meeting.interruptions[-1] if meeting.interruptions else None
    if gap is None or not meeting.agenda.is_live:
        return None
    since = (meeting.clock.now() - gap.end).total_seconds()
    return gap.seconds if since < DOWN_BANNER_SECONDS else None


def badges(meeting: Meeting, lang: Lang, step: Step) -> Text:
    """What the step asks of the room: small groups, silent reflection, a round, fact boxes."""
    marker = step.question if step.question is not None else step.segment
    text = Text()
    if meeting.agenda.state is RunState.FINISHED:
        return text  # the last step's badges are no call to act any more
    if marker.small_groups:
        text.append(f" {t('badge.groups', lang)} ", style="bold reverse magenta")
        text.append("  ")
    if marker.silent_reflection_minutes:
        label = t("badge.reflection", lang, n=marker.silent_reflection_minutes)
        text.append(f" {label} ", style="bold reverse blue")
        text.append("  ")
    if marker.round:
        text.append(f" {t('badge.round', lang)} ", style="bold reverse green")
        text.append("  ")
    if step.question is not None and step.question.factboxes:
        text.append(t("badge.factboxes", lang), style="dim")
    return text


def content_blocks(meeting: Meeting, lang: Lang, step: Step) -> list[tuple[str, str]]:
    """The step's read-only text as (css class or #id, text) pairs, in screen order."""
    segment = step.segment
    blocks: list[tuple[str, str]] = item_blocks(lang, step)
    if segment.handouts:
        blocks.append(("heading", t("body.handouts", lang)))
        blocks.append(("", "\n".join(f"• {h}" for h in segment.handouts)))
    if step.question is not None:
        section = meeting.case.section(step.question.section)
        if section is not None:
            blocks.append(("heading", section.title))
            blocks.append(("section-text", reflow(section.text)))
    if segment.kind == "break":
        blocks.append(("#break-title", t("body.break", lang)))
        following = following_title(meeting)
        if following:
            blocks.append(("", t("body.after_break", lang, title=following)))
    if segment.prompts and step.question is None and not meeting.prompts_tickable(segment):
        blocks.append(("heading", t("body.prompts", lang)))
        blocks.append(("", "\n".join(f"• {reflow(p)}" for p in segment.prompts)))
    return blocks


def following_title(meeting: Meeting) -> str:
    """The step after the current one, as a break names it ("" after the last)."""
    agenda = meeting.agenda
    if agenda.cursor + 1 >= len(agenda.steps):
        return ""
    step = agenda.steps[agenda.cursor + 1]
    asks = step.question.text if step.question is not None else None
    if step.item is not None:
        asks = step.item.text
    if asks is not None:
        question = " ".join(asks.split())
        short = question if len(question) <= 60 else question[:59] + "…"
        return f"{step.segment.title}: {short}"
    return step.segment.title


def plot_parts(step: Step) -> list[tuple[str, str]]:
    """The leader's notes on the step (c shows them): (catalogue key, text) pairs."""
    parts: list[tuple[str, str]] = []
    if step.question is not None and step.question.plot:
        parts.append(("plot.plot", step.question.plot))
    if step.question is not None and step.question.notes:
        parts.append(("plot.notes", step.question.notes))
    if step.segment.notes:
        parts.append(("plot.notes", step.segment.notes))
    return parts


def plot_text(step: Step, lang: Lang, words: Words | None = None) -> Text:
    """The leader's panel (`c`): the question's plot under the case's name for the leader's
    notes (`case_words`), the guidance."""
    text = Text(word("plot.title", lang, words) + "\n", style="bold")
    for label, body in plot_parts(step):
        text.append(f"{word(label, lang, words)}: ", style="bold")
        text.append(reflow(body) + "\n")
    return text


def opsamling_side(meeting: Meeting, lang: Lang, words: Words | None = None) -> Text:
    """Beside the Opsamling list: who drafts the action plan (or takes the chosen proposals
    forward: `case_words`), by when, and the learning points."""
    text = Text()
    drafter = meeting.opsamling.action_plan_drafter or "—"
    deadline = meeting.opsamling.deadline
    verdict = meeting.can(MeetingAction.PLAN)
    if verdict or verdict.code != "meeting.no_action_plan":  # none made: nobody drafts one
        text.append(f"{word('opsamling.drafter', lang, words)}: ", style="bold")
        by = f" ({t('opsamling.deadline', lang)} {deadline})" if deadline else ""
        text.append(f"{drafter}{by}\n\n")
    text.append(f"{t('opsamling.learning', lang)}\n", style="bold")
    for point in meeting.learning_points:
        text.append(f"• {' '.join(point.text.split())}\n")
    return text

"""The notes list (latest first) and its Opsamling form (proposals grouped by area)."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from caseroom.domain.captures import one_line, proposals_by_area
from caseroom.domain.meeting import Meeting
from caseroom.ui.i18n import Lang, t
from caseroom.ui.keys import NOTES_KEYS, make_bindings

PREVIEW = 90


def _short(text: str, width: int = PREVIEW) -> str:
    line = one_line(text)
    return line if len(line) <= width else line[: width - 1] + "…"


class NotesList(OptionList):
    """Options have ids 'learning_point:lp-3' / 'proposal:p-1' (kind and note id); keys act
    on the highlighted note, by its id."""

    BINDINGS = make_bindings(NOTES_KEYS)

    class Act(Message):
        def __init__(self, listing: NotesList, verb: str, kind: str, note_id: str) -> None:
            super().__init__()
            self.listing = listing
            self.verb = verb
            self.kind = kind
            self.note_id = note_id

        @property
        def control(self) -> NotesList:
            """The list the key was pressed in (it remembers the first `m` of a merge)."""
            return self.listing

    class Leave(Message):
        pass

    def __init__(self, *, by_area: bool, id: str | None = None, disabled: bool = False) -> None:
        super().__init__(id=id, disabled=disabled)
        self.by_area = by_area
        self.merge_from: str | None = None  # the id of the proposal picked first

    def fill(self, meeting: Meeting, lang: Lang) -> None:
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        self.clear_options()
        options = self._by_area(meeting, lang) if self.by_area else self._recent(meeting, lang)
        if not options:
            empty = "list.no_proposals" if self.by_area else "list.empty"  # Opsamling: proposals
            options = [Option(t(empty, lang), disabled=True)]
        self.add_options(options)
        ids = [o.id for o in options]
        if highlighted in ids:
            self.highlighted = ids.index(highlighted)
        else:
            enabled = [i for i, o in enumerate(options) if not o.disabled]
            self.highlighted = enabled[0] if enabled else None

    def _recent(self, meeting: Meeting, lang: Lang) -> list[Option]:
        items: list[tuple[object, Option]] = []
        for point in meeting.learning_points:
            label = f"{t('list.lp', lang)} {point.at:%H:%M} {_short(point.text)}"
            label += f" ({point.author})" if point.author else ""  # typed by a note-taker
            items.append((point.at, Option(Text(label), f"learning_point:{point.id}")))
        for proposal in meeting.proposals:
            items.append(
                (
                    proposal.at,
                    Option(Text(self._proposal_label(proposal, lang)), f"proposal:{proposal.id}"),
                )
            )
        items.sort(key=lambda item: item[0], reverse=True)  # type: ignore[arg-type,return-value]
        return [option for _, option in items]

    def _proposal_label(self, proposal: object, lang: Lang) -> str:
        from caseroom.domain.captures import Proposal

        assert isinstance(proposal, Proposal)
        agreed = "✓ " if proposal.agreed else ""
        area = f"[{proposal.area}] " if proposal.area and not self.by_area else ""
        who = f" → {proposal.responsible}" if proposal.responsible else ""
        prefix = "" if self.by_area else f"{t('list.pr', lang)} {proposal.at:%H:%M} "
        by = f" ({proposal.author})" if proposal.author else ""  # typed by a note-taker
        return f"{prefix}{agreed}{area}{_short(proposal.text)}{who}{by}"

    def _by_area(self, meeting: Meeting, lang: Lang) -> list[Option]:
        options: list[Option] = []
        for area, members in proposals_by_area(meeting.case.areas, meeting.proposals):
            heading = area or t("opsamling.no_area", lang)
            options.append(Option(Text(f"── {heading} ──"), disabled=True))
            for index in members:
                proposal = meeting.proposals[index]
                mark = "◆ " if self.merge_from == proposal.id else ""
                label = mark + self._proposal_label(proposal, lang)
                options.append(Option(Text(label), f"proposal:{proposal.id}"))
        return options

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        """Never rest on a heading: move to the nearest enabled option."""
        index: int | None = super().validate_highlighted(highlighted)
        if index is None or not self.get_option_at_index(index).disabled:
            return index
        count = int(self.option_count)
        for candidate in [*range(index + 1, count), *range(index - 1, -1, -1)]:
            if not self.get_option_at_index(candidate).disabled:
                return int(candidate)
        return None

    def action_act(self, verb: str) -> None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return
        kind, _, note_id = option.id.partition(":")
        self.post_message(self.Act(self, verb, kind, note_id))

    def action_leave(self) -> None:
        self.post_message(self.Leave())

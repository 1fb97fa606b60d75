"""The report's chart in a terminal: each profession's share of the people present beside
its share of the speaking time, as bars (Rich), after the Markdown tables."""

from __future__ import annotations

from rich.bar import Bar
from rich.console import Console
from rich.table import Table
from rich.text import Text

from caseroom.store.export.report import Report, chart_labels, profession_shares

BAR_WIDTH = 30


def chart(report: Report) -> Table:
    title, present, spoken = chart_labels(report.lang)
    table = Table(title=title, show_header=False, box=None, padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(width=BAR_WIDTH, no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    for profession, present_share, spoken_share in profession_shares(report):
        for label, share, colour in (
            (present, present_share, "cyan"),
            (spoken, spoken_share, "magenta"),
        ):
            table.add_row(
                Text(profession if label == present else ""),  # data, never markup
                label,
                Bar(100, 0, share, width=BAR_WIDTH, color=colour),
                f"{share:.0f}%",
            )
    return table


def print_chart(report: Report, console: Console | None = None) -> None:
    (console or Console()).print(chart(report))

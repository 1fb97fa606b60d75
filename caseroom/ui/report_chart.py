"""The report in a terminal (Rich): its tables drawn to the terminal's width, then a chart of
each profession's share of the people present beside its share of the speaking time.

Raw Markdown tables wrap into a tangle of pipes in an 80-column terminal; a pipe or `-o FILE`
still gets the Markdown itself.
"""

from __future__ import annotations

from rich.bar import Bar
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from caseroom.catalogue import t
from caseroom.store.export.report import (
    Report,
    chart_labels,
    heading,
    profession_shares,
    shown,
)
from caseroom.store.export.report import Table as ReportTable

BAR_WIDTH = 30
ID_WIDTH = 12  # a case id wider than this folds in a narrow terminal


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


def drawn(table: ReportTable, report: Report) -> RenderableType:
    """One of the report's tables: its title, its note, its rows; dates, counts and figures
    never wrap (the headers and the words do)."""
    parts: list[RenderableType] = [Text(table.title, style="bold")]
    if table.note:
        parts.append(Text(table.note, style="dim"))
    if not table.rows:
        parts.append(Text(t("report.none", report.lang)))
        return Group(*parts, Text())
    lang = report.lang
    cells = [
        [shown(v, kind, lang) for v, (_, kind) in zip(row, table.columns, strict=True)]
        for row in table.rows
    ]
    grid = Table(box=None, padding=(0, 0, 0, 1), pad_edge=False, header_style="bold")
    for index, (label, kind) in enumerate(table.columns):
        # the words (a clinic, a name, wording) wrap; a date, a figure or (up to ID_WIDTH)
        # an id is as wide as its longest value, and its header wraps over it
        words = kind in ("name", "free") or (
            kind == "text" and " " in "".join(row[index] for row in cells)
        )
        widest = max(len(row[index]) for row in cells)
        grid.add_column(
            Text(label),
            justify="left" if kind in ("text", "name", "free") else "right",
            min_width=None if words else min(widest, ID_WIDTH),
            overflow="fold",
        )
    for row in cells:
        grid.add_row(*(Text(value) for value in row))
    return Group(*parts, grid, Text())


def print_report(report: Report, console: Console | None = None) -> None:
    """The whole report as a terminal shows it, the chart last."""
    console = console or Console()
    title, summary = heading(report)
    console.print(Text(title, style="bold underline"))
    console.print(Text(summary))
    console.print()
    for table in report.tables:
        console.print(drawn(table, report))
    console.print(chart(report))


def print_chart(report: Report, console: Console | None = None) -> None:
    (console or Console()).print(chart(report))

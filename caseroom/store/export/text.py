"""How figures and texts are written in an export: the filters the templates use.

Plain functions (no Jinja): times and durations, percentages, and the Markdown escaping of
captured text (`cell`, `bullet`). Text reaches them already cleaned where it was read
(`domain.captures.plain_text`); these only fit it into a table cell or a list item.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from caseroom.catalogue import Lang, t
from caseroom.domain.agenda import whole_minutes
from caseroom.domain.captures import one_line


def clock(moment: datetime) -> str:
    """'08:30'."""
    return f"{moment:%H:%M}"


def duration(seconds: float) -> str:
    """'6:52', '1:02:10' (h:mm:ss past an hour)."""
    total = int(max(0.0, seconds) + 0.5)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def duration_words(seconds: float, lang: Lang) -> str:
    """'3 min 20 s', '3 min', '1 t 5 min' (hours and minutes past an hour)."""
    total = int(max(0.0, seconds) + 0.5)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return t("md.hours_minutes", lang, h=hours, m=minutes)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


def minutes(seconds: float) -> str:
    """'17 min' (whole minutes, as the agenda counts them)."""
    return f"{whole_minutes(seconds)} min"


def signed_minutes(seconds: float) -> str:
    """'+2 min', '-1 min', or '' for none."""
    value = whole_minutes(seconds)
    return f"{value:+d} min" if value else ""


def percent(part: float, whole: float, lang: Lang) -> str:
    """'25 %' (Danish) / '25%' (English); 0 of nothing."""
    value = int(100 * part / whole + 0.5) if whole > 0 else 0
    return f"{value} %" if lang == "da" else f"{value}%"


def cell(text: str) -> str:
    """Text fit for one Markdown table cell."""
    return one_line(text).replace("|", "\\|") or " "


def bullet(text: str, marker: str = "-") -> str:
    """A list item whose further lines are indented under it (multi-line captures)."""
    lines = text.splitlines() or [""]
    indent = " " * (len(marker) + 1)
    out = [f"{marker} {lines[0]}"]
    out.extend(f"{indent}{line}" if line.strip() else "" for line in lines[1:])
    return "\n".join(out)


def first_line(text: str, width: int = 60) -> str:
    """The first line, cut to `width` with an ellipsis (a heading made from a capture)."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    """A sentence ending once: a list ending in 'Bo B.' does not get a second full stop."""
    return text[:-1] if text.endswith("..") else text


def round_second(moment: datetime) -> datetime:
    return (moment + timedelta(microseconds=500_000)).replace(microsecond=0)

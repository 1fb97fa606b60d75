"""Text for the terminal: the catalogue's messages (re-exported from `caseroom.catalogue`),
and what needs Rich to measure them (cells, fitting), figures as the screens show them.
"""

from __future__ import annotations

import math

from rich.cells import cell_len, set_cell_size

from caseroom.catalogue import MESSAGES as MESSAGES
from caseroom.catalogue import Lang as Lang
from caseroom.catalogue import t as t
from caseroom.domain.errors import DomainError, Verdict


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


def explain(error: Exception, lang: Lang) -> str:
    """An error's message in the UI's language: a domain error by its code, others as they are."""
    if isinstance(error, DomainError):
        return error.text(lang)
    return str(error)


def not_now_reason(verdict: Verdict, lang: Lang) -> str:
    """Why a key does nothing now, from the engine's verdict: the catalogue's wording for a
    key ("notnow.<code>", a hint which key to press) where it has one, else the reason's."""
    key = f"notnow.{verdict.code}"
    if key in MESSAGES:
        return t(key, lang, **verdict.params)
    return verdict.error().text(lang)

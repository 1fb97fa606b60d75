"""Working days: the meetings after a case meeting are held on one, never on a weekend or a
public holiday.

The one rule for every date caseroom proposes in a calendar (the action-plan meeting, the
presentation, the follow-up): a day that is a Saturday, a Sunday or a public holiday of
`HOLIDAY_COUNTRY` moves to the next working day, and says from where (`WorkdayMove`). The
clinics are Danish, so the holidays are Denmark's whatever the language of the meeting. The
`holidays` package knows them (Easter and the days counted from it, Kristi himmelfartsdag,
pinse, jul); it is imported on first use, by the exports only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Literal

HOLIDAY_COUNTRY = "DK"
"""Whose public holidays are not working days: the clinics are Danish (both languages)."""

HolidayLang = Literal["da", "en"]
_HOLIDAY_LANGUAGE: dict[HolidayLang, str] = {"da": "da", "en": "en_US"}


@cache
def _holidays(year: int, lang: HolidayLang) -> dict[date, str]:
    import holidays  # ~0.1 s: only when a date is asked about

    found = holidays.country_holidays(HOLIDAY_COUNTRY, years=year, language=_HOLIDAY_LANGUAGE[lang])
    return dict(found.items())


def holiday_name(day: date, lang: HolidayLang = "da") -> str | None:
    """The public holiday on `day` in `lang` ('Anden juledag'), or None."""
    return _holidays(day.year, lang).get(day)


def is_workday(day: date) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < 5 and holiday_name(day) is None


@dataclass(frozen=True)
class WorkdayMove:
    """A day asked for and the working day it is held on (the same day when it is one)."""

    wanted: date
    day: date

    @property
    def moved(self) -> bool:
        return self.day != self.wanted


def next_workday(day: date) -> WorkdayMove:
    """`day` when it is a working day, else the first working day after it."""
    held = day
    while not is_workday(held):
        held += timedelta(days=1)
    return WorkdayMove(day, held)

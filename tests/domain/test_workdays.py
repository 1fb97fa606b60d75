"""Working days: the meetings after a case meeting never land on a weekend or a Danish public
holiday; such a day moves to the next working day."""

from __future__ import annotations

from datetime import date

import pytest

from caseroom.domain.workdays import (
    HOLIDAY_COUNTRY,
    WorkdayMove,
    holiday_name,
    is_workday,
    next_workday,
)


@pytest.mark.parametrize(
    ("wanted", "held"),
    [
        (date(2026, 12, 23), date(2026, 12, 23)),  # a Wednesday: a working day
        (date(2026, 12, 24), date(2026, 12, 24)),  # juleaftensdag is no public holiday
        (date(2026, 12, 25), date(2026, 12, 28)),  # juledag (Fri), anden juledag (Sat), Sun
        (date(2026, 12, 26), date(2026, 12, 28)),
        (date(2026, 12, 27), date(2026, 12, 28)),
        (date(2026, 12, 28), date(2026, 12, 28)),
        (date(2027, 1, 1), date(2027, 1, 4)),  # nytårsdag on a Friday
        (date(2027, 3, 25), date(2027, 3, 30)),  # skærtorsdag, langfredag, weekend, 2. påskedag
        (date(2027, 3, 29), date(2027, 3, 30)),
        (date(2027, 5, 6), date(2027, 5, 7)),  # Kristi himmelfartsdag
        (date(2027, 5, 17), date(2027, 5, 18)),  # anden pinsedag
        (date(2026, 11, 28), date(2026, 11, 30)),  # a plain Saturday
    ],
)
def test_a_day_off_moves_to_the_next_working_day(wanted: date, held: date) -> None:
    move = next_workday(wanted)
    assert move == WorkdayMove(wanted, held)
    assert move.moved == (wanted != held)
    assert is_workday(held)


def test_the_holidays_are_denmarks_named_in_either_language() -> None:
    assert HOLIDAY_COUNTRY == "DK"
    assert holiday_name(date(2026, 12, 26)) == "Anden juledag"
    assert holiday_name(date(2026, 12, 26), "en") == "Second Day of Christmas"
    assert holiday_name(date(2027, 5, 6)) == "Kristi himmelfartsdag"
    assert holiday_name(date(2027, 3, 28)) == "Påskedag"  # a Sunday, and a holiday
    assert holiday_name(date(2026, 12, 28)) is None
    assert not is_workday(date(2027, 3, 26))  # langfredag

"""Typed letters matched to an area, a profession or a person (the capture panel, the start
screen and the add-person dialog show what these decide)."""

from __future__ import annotations

import pytest

from caseroom.domain.captures import match_typed
from caseroom.domain.people import match_people

AREAS = ("Medicin", "Hjemmepleje", "Hjemmesygepleje", "Samarbejde")
NAMES = ["Anna", "Bo", "Bodil", "Carl"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", ""),
        ("   ", ""),
        ("medicin", "Medicin"),  # in full, any case
        (" sam ", "Samarbejde"),  # the only area it begins
        ("SAMARBEJDE", "Samarbejde"),
        ("hjemme", "hjemme"),  # begins two: kept as typed
        ("Økonomi", "Økonomi"),  # an area of one's own
    ],
)
def test_an_area_is_the_one_typed_or_begun_else_the_text_as_typed(
    typed: str, expected: str
) -> None:
    assert match_typed(typed, AREAS) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("bo", "Bo"),  # in full wins over the longer name it also begins
        ("bod", "Bodil"),
        ("c", "Carl"),
        ("b", None),  # Bo or Bodil: nobody in particular
        ("Dorte", None),  # not on the list
        ("", ""),
    ],
)
def test_a_person_must_be_on_the_list(typed: str, expected: str | None) -> None:
    assert match_typed(typed, NAMES, free=False) == expected


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("", []),
        ("an", ["Anna"]),
        ("bo, car", ["Bo", "Carl"]),  # several, as a merge keeps them
        ("carl,anna, CARL", ["Carl", "Anna"]),  # each once, in the order typed
        ("bo,,", ["Bo"]),  # empty pieces are nothing
    ],
)
def test_people_typed_for_a_proposal(typed: str, names: list[str]) -> None:
    assert match_people(typed, NAMES) == (names, None)


def test_the_first_name_that_matches_nobody_is_given_back_as_typed() -> None:
    assert match_people("anna,  dorte , b", NAMES) == (["Anna"], "dorte")
    assert match_people("b", NAMES) == ([], "b")  # Bo or Bodil

"""Case prose is reflowed: hard breaks inside a paragraph go, meaningful breaks stay."""

from __future__ import annotations

import pytest

from caseroom.domain.prose import reflow


def test_hard_breaks_inside_a_paragraph_are_joined() -> None:
    text = "Karen er 67 år og kommer\ntil årsstatus. Hun har haft\ntype 2-diabetes i 9 år."
    assert reflow(text) == (
        "Karen er 67 år og kommer til årsstatus. Hun har haft type 2-diabetes i 9 år."
    )


def test_a_blank_line_starts_a_new_paragraph_and_runs_of_them_are_one() -> None:
    text = "Første afsnit\nfortsætter.\n\n\n\nAndet afsnit\nher.\n"
    assert reflow(text) == "Første afsnit fortsætter.\n\nAndet afsnit her."


@pytest.mark.parametrize("marker", ["- ", "* ", "• ", "1. ", "12) "])
def test_list_items_keep_their_breaks(marker: str) -> None:
    text = f"Medicin:\n{marker}Metformin\n{marker}Insulin"
    assert reflow(text) == f"Medicin:\n{marker}Metformin\n{marker}Insulin"


def test_an_indented_line_continues_its_list_item_an_unindented_one_does_not() -> None:
    text = "- Metformin 1 g\n  morgen og aften\n- Insulin\nHun spiser uregelmæssigt\nom aftenen."
    assert reflow(text) == (
        "- Metformin 1 g morgen og aften\n- Insulin\nHun spiser uregelmæssigt om aftenen."
    )


def test_table_rows_keep_their_breaks() -> None:
    text = "Værdier:\n| Dato | HbA1c |\n|---|---|\n| 2025 | 58 |\nSiden\nstigende."
    assert reflow(text) == "Værdier:\n| Dato | HbA1c |\n|---|---|\n| 2025 | 58 |\nSiden stigende."


def test_indented_toml_text_is_dedented_and_trailing_spaces_go() -> None:
    text = "\n    Et afsnit   \n    på to linjer\n\n    - et punkt\n      der fortsætter\n"
    assert reflow(text) == "Et afsnit på to linjer\n\n- et punkt der fortsætter"


def test_a_number_or_dash_inside_a_sentence_is_no_list() -> None:
    text = "Hun tager\n2 tabletter og\n-20 % af dosis"
    # "2 tabletter" has no "." after the digit; "-20" has no space after the dash
    assert reflow(text) == "Hun tager 2 tabletter og -20 % af dosis"


def test_empty_and_single_line_text() -> None:
    assert reflow("") == ""
    assert reflow("   \n  ") == ""
    assert reflow("Kun én linje.") == "Kun én linje."


def test_a_line_of_dialogue_keeps_its_break() -> None:
    text = "Han har glemt morgenurinen.\n– Den står på køkkenbordet,\nsiger han."
    assert reflow(text) == "Han har glemt morgenurinen.\n– Den står på køkkenbordet, siger han."


def test_a_quotation_on_its_own_line_keeps_its_break_and_an_indented_reply_its_indent() -> None:
    text = "Eks.:\n»Fødder: OK.«\n»Mål: Pt. vil gå\nmed hunden.«\n\nHaster det:\n  – nu: afbryd"
    assert reflow(text) == (
        "Eks.:\n»Fødder: OK.«\n»Mål: Pt. vil gå med hunden.«\n\nHaster det:\n  – nu: afbryd"
    )

"""Each meeting in its own words (issue 18): the engine's side of a case's closing round and
its action-plan mode, and the bundled agendas' segments that choose proposals."""

from __future__ import annotations

from typing import Any

import pytest

from caseroom.catalogue import ERRORS, t
from caseroom.domain.case import Case
from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import DomainError
from caseroom.domain.meeting import Meeting, MeetingAction
from caseroom.store.cases import open_case


def _case(**format_2: Any) -> Case:
    """A small format-2 case: an opening, an Opsamling and a closing round."""
    return Case.model_validate(
        {
            "format": 2,
            "id": "lille",
            "title": "Et lille møde",
            "language": "da",
            **format_2,
            "segment": [
                {"id": "start", "title": "Start", "minutes": 5},
                {"id": "valg", "title": "Valg", "minutes": 10, "kind": "opsamling"},
                {"id": "slut", "title": "Slut", "minutes": 5, "kind": "evaluation"},
            ],
        }
    )


def _meeting(case: Case, at: str | None = None) -> Meeting:
    meeting = Meeting(case, FakeClock())
    meeting.add_participant("Anna", "læge")
    meeting.add_participant("Bo", "sygeplejerske")
    meeting.start()
    while at is not None and meeting.agenda.current.segment.id != at:
        meeting.next()
    return meeting


def test_a_meeting_that_makes_no_action_plan_refuses_h_and_says_why_in_both_languages() -> None:
    meeting = _meeting(_case(action_plan={"made": "none"}), at="valg")
    verdict = meeting.can(MeetingAction.PLAN)
    assert not verdict and verdict.code == "meeting.no_action_plan"
    assert "meeting.no_action_plan" in ERRORS
    assert t("meeting.no_action_plan", "da") == "dette møde laver ingen handleplan"
    assert t("meeting.no_action_plan", "en") == "this meeting makes no action plan"
    with pytest.raises(DomainError) as raised:
        meeting.set_action_plan("Anna", "")
    assert raised.value.code == "meeting.no_action_plan"


@pytest.mark.parametrize("mode", ["after", "in-meeting"])
def test_a_meeting_that_makes_an_action_plan_allows_h_in_its_opsamling(mode: str) -> None:
    meeting = _meeting(_case(action_plan={"made": mode}))
    assert meeting.can(MeetingAction.PLAN).code == "step.not_opsamling"
    meeting.next()
    assert meeting.can(MeetingAction.PLAN)
    meeting.set_action_plan("Bo", "2026-12-01")
    assert meeting.opsamling.action_plan_drafter == "Bo"


@pytest.mark.parametrize(("closing", "kept"), [({}, 3), ({"closing": {"points": 1}}, 1)])
def test_the_evaluation_keeps_as_many_points_as_the_closing_round_gives(
    closing: dict[str, Any], kept: int
) -> None:
    meeting = _meeting(_case(**closing), at="slut")
    typed = ["en", "", "to", "tre", "fire"]
    assert meeting.set_evaluation("Anna", typed).points == ["en", "to", "tre", "fire"][:kept]
    assert meeting.evaluation_of("Anna") == ["en", "to", "tre", "fire"][:kept]
    assert not meeting.evaluation_differs("Anna", [*meeting.evaluation_of("Anna"), "fem"][:kept])


@pytest.mark.parametrize(
    ("case_id", "segments"),
    [("idemoede", ["valg", "afrunding"]), ("retrospektiv", ["anderledes"])],
)
def test_the_bundled_meetings_that_choose_proposals_can_record_who_takes_them_forward(
    case_id: str, segments: list[str]
) -> None:
    case = open_case(case_id)[0]
    assert case.plan_mode == "in-meeting"
    meeting = _meeting(case)
    allowed = set()
    while meeting.status == "running":
        if meeting.can(MeetingAction.PLAN):
            allowed.add(meeting.agenda.current.segment.id)
        meeting.next()
    assert allowed == set(segments)


def test_the_bundled_cluster_meeting_makes_no_action_plan_and_names_its_notes() -> None:
    case = open_case("klyngemoede")[0]
    assert case.plan_mode == "none"
    assert case.leader_notes == "Noter til mødelederen"
    groups = {s.id: case.group_by(s) for s in case.segments if s.small_groups}
    assert groups == {"partale": "clinics", "gruppearbejde": "clinic"}


def test_the_bundled_retrospective_asks_for_one_word() -> None:
    case = open_case("retrospektiv")[0]
    assert (case.closing.prompt, case.closing.points) == ("Ét ord om mødet i dag", 1)
    assert all(open_case(c)[0].leader_notes for c in ("idemoede", "klyngemoede", "retrospektiv"))

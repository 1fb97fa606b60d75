"""Clinics, roles on the command line, groups formed by clinic, and the hierarchy round."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from caseroom.domain.clock import FakeClock
from caseroom.domain.errors import DomainError
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant, hierarchy_order, parse_roster, propose_groups
from caseroom.store.cases import open_case
from caseroom.store.session_file import load, save

CLINICS = ("Lægehuset", "Åkanden", "Byens Læger", "")

# --- parse_roster: NAME:PROFESSION[@CLINIC][:ROLE] ------------------------------------------


def test_roster_reads_clinics_and_roles_in_both_languages_any_case() -> None:
    people, roles = parse_roster(
        "Anna:læge@Lægehuset:Mødeleder, Bo:sygeplejerske@Åkanden:TIMEKEEPER,"
        "Cille:sekretær:note-taker,Dorte:læge@Lægehuset"
    )
    assert [(p.name, p.profession, p.clinic) for p in people] == [
        ("Anna", "læge", "Lægehuset"),
        ("Bo", "sygeplejerske", "Åkanden"),
        ("Cille", "sekretær", ""),
        ("Dorte", "læge", "Lægehuset"),
    ]
    assert (roles.leader, roles.timekeeper, roles.note_taker) == ("Anna", "Bo", "Cille")


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("mødeleder", "leader"),
        ("leader", "leader"),
        ("Tidsholder", "timekeeper"),
        ("timekeeper", "timekeeper"),
        ("referent", "note_taker"),
        ("Note-Taker", "note_taker"),
        ("notetaker", "note_taker"),
    ],
)
def test_every_role_word_names_its_role(word: str, role: str) -> None:
    _, roles = parse_roster(f"Anna:læge:{word}")
    assert roles.holder(role) == "Anna"


def test_one_person_may_hold_several_roles() -> None:
    _, roles = parse_roster("Anna:læge:leader+referent,Bo:sekretær")
    assert (roles.leader, roles.timekeeper, roles.note_taker) == ("Anna", "", "Anna")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        pytest.param(
            "Anna:læge:chef",
            "entry 1 'Anna:læge:chef': unknown role 'chef'; use mødeleder/leader, "
            "tidsholder/timekeeper, referent/note-taker",
            id="unknown-role",
        ),
        pytest.param(
            "Anna:læge:mødeleder,Bo:læge:leader",
            "entry 2 'Bo:læge:leader': the role leader is already given in entry 1",
            id="two-leaders",
        ),
        pytest.param(
            "Anna:læge,:læge:referent",
            "entry 2 ':læge:referent': a role for someone without a name (not on the list)",
            id="role-for-nobody",
        ),
        pytest.param("Anna:læge@:leader", "entry 1 'Anna:læge@:leader': the clinic", id="at-end"),
        pytest.param("Anna:læge@ ", "entry 1 'Anna:læge@': the clinic after one '@'", id="blank"),
        pytest.param("Anna:læge@A@B", "entry 1 'Anna:læge@A@B': the clinic", id="two-ats"),
        pytest.param("Anna:læge@A\x1b[2J", "entry 1: the clinic cannot contain", id="escape"),
    ],
)
def test_bad_roster_entries_are_named_in_one_line(spec: str, message: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_roster(spec)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert caught.value.text("da").startswith("--people: punkt")


# --- groups by clinic ------------------------------------------------------------------------


def clinic_composition(seed: int) -> tuple[list[Participant], int]:
    gen = random.Random(seed)
    n = gen.randint(2, 30)
    weights = [gen.randint(0, 5) for _ in CLINICS]
    if not any(weights):
        weights[0] = 1
    clinics = gen.choices(CLINICS, weights=weights, k=n)
    jobs = gen.choices(("læge", "sygeplejerske", "sekretær"), k=n)
    people = [
        Participant(f"P{i}", job, clinic=c)
        for i, (job, c) in enumerate(zip(jobs, clinics, strict=True))
    ]
    return people, gen.randint(2, 6)


@pytest.mark.parametrize("block", range(4))
def test_groups_mixing_clinics_spread_each_clinic_evenly(block: int) -> None:
    for seed in range(block * 250, block * 250 + 250):
        people, size = clinic_composition(seed)
        groups = propose_groups(people, size, random.Random(seed), "clinics")
        where = f"seed {seed}: {len(people)} people, size {size}"
        assert sorted(p.name for g in groups for p in g) == sorted(p.name for p in people), where
        sizes = [len(g) for g in groups]
        assert max(sizes) - min(sizes) <= 1 and min(sizes) >= 2, where
        for clinic in {p.clinic for p in people}:  # "" (unknown) is one clinic too
            counts = [sum(p.clinic == clinic for p in g) for g in groups]
            assert max(counts) - min(counts) <= 1, f"{where}: {clinic!r} {counts}"


@pytest.mark.parametrize("block", range(4))
def test_groups_by_clinic_keep_a_clinic_together(block: int) -> None:
    for seed in range(block * 250, block * 250 + 250):
        people, size = clinic_composition(seed)
        groups = propose_groups(people, size, random.Random(seed), "clinic")
        where = f"seed {seed}: {len(people)} people, size {size}"
        assert sorted(p.name for g in groups for p in g) == sorted(p.name for p in people), where
        assert min(len(g) for g in groups) >= 2, where
        members = {c: sum(p.clinic == c for p in people) for c in {p.clinic for p in people}}
        # a clinic big enough for a group of its own never shares one with another such
        for group in groups:
            own = {
                p.clinic for p in group if members[p.clinic] >= 2 and 2 * members[p.clinic] >= size
            }
            assert len(own) <= 1, f"{where}: {[(p.name, p.clinic) for p in group]}"


def test_a_large_clinic_is_split_and_small_ones_are_joined() -> None:
    people = [
        Participant(f"L{i}", "læge" if i % 2 else "sekretær", clinic="Lægehuset") for i in range(8)
    ]
    people += [Participant("Å1", "læge", clinic="Åkanden")]
    people += [Participant("B1", "læge", clinic="Byens"), Participant("B2", "læge", clinic="byens")]
    groups = propose_groups(people, 4, random.Random(5), "clinic")
    clinics = sorted(sorted({p.clinic.casefold() for p in g}) for g in groups)
    # Lægehuset (8) in two groups of its own; Åkanden's one person joins Byens (two, any case)
    assert clinics == [["byens", "åkanden"], ["lægehuset"], ["lægehuset"]]
    for group in groups:  # a split clinic mixes its professions in each part
        if group[0].clinic == "Lægehuset":
            assert {p.profession for p in group} == {"læge", "sekretær"}


def test_small_clinics_go_together_two_and_two_not_all_in_one() -> None:
    """Three clinics of two in a cluster meeting's groups of five: two clinics share a group,
    the third keeps its own, rather than one group of six that is no clinic's."""
    people = [
        Participant(name, profession, clinic=clinic)
        for name, profession, clinic in (
            ("Anna", "læge", "Nord"),
            ("Bo", "sygeplejerske", "Nord"),
            ("Cille", "sekretær", "Syd"),
            ("Dorte", "læge", "Syd"),
            ("Erik", "bioanalytiker", "Vest"),
            ("Fie", "sekretær", "Vest"),
        )
    ]
    for seed in range(20):
        groups = propose_groups(people, 5, random.Random(seed), "clinic")
        assert sorted(len(g) for g in groups) == [2, 4], seed
        for group in groups:
            assert all(sum(p.clinic == c for p in group) in (0, 2) for c in ("Nord", "Syd", "Vest"))


def test_people_without_a_clinic_count_as_one_clinic() -> None:
    people = [Participant(f"A{i}", "læge", clinic="A") for i in range(3)]
    people += [Participant(f"U{i}", "læge") for i in range(3)]
    groups = propose_groups(people, 3, random.Random(2), "clinic")
    assert sorted(sorted(p.name for p in g) for g in groups) == [
        ["A0", "A1", "A2"],
        ["U0", "U1", "U2"],
    ]
    mixed = propose_groups(people, 3, random.Random(2), "clinics")
    assert all(sorted(p.name[0] for p in g) == ["A", "U", "U"] or len(g) == 3 for g in mixed)
    assert all({p.name[0] for p in g} == {"A", "U"} for g in mixed)


def test_the_same_seed_gives_the_same_clinic_groups() -> None:
    people, size = clinic_composition(11)

    def names(seed: int) -> list[list[str]]:
        return [
            [p.name for p in g] for g in propose_groups(people, size, random.Random(seed), "clinic")
        ]

    assert names(3) == names(3)


# --- the meeting's groups: they last while the step does ------------------------------------


def cluster_meeting(clock: FakeClock) -> Meeting:
    case, source, _ = open_case("klyngemoede")
    meeting = Meeting(case, clock, case_source=source, rng=random.Random(4))
    for i, clinic in enumerate(
        ("Lægehuset", "Lægehuset", "Lægehuset", "Åkanden", "Åkanden", "Åkanden", "Byens Læger")
    ):
        meeting.add_participant(f"P{i}", ("læge", "sygeplejerske", "sekretær")[i % 3], clinic)
    meeting.start()
    while meeting.agenda.current.segment.id != "gruppearbejde":
        meeting.next()
    return meeting


def test_the_steps_groups_stay_until_reshuffled_and_go_with_the_step(tmp_path: Path) -> None:
    clock = FakeClock()
    meeting = cluster_meeting(clock)
    assert meeting.current_groups() is None
    first = meeting.groups()
    assert first.by == "clinic"  # the segment's `groups`
    assert meeting.groups() is first  # shown again, not drawn again
    assert meeting.current_groups() is first
    again = meeting.propose_groups()  # the explicit reshuffle
    assert meeting.current_groups() is again and len(meeting.group_proposals) == 2
    # the clinic's people are together: each group holds one clinic of three, Byens joined
    for group in again.groups:
        clinics = {meeting.participant(n).clinic for n in group}
        assert len(clinics - {"Byens Læger"}) == 1
    path = tmp_path / "s.toml"
    save(meeting, path)
    back = load(path, FakeClock(start=clock.now(), monotonic=5_000.0))
    assert back.current_groups() is not None
    assert back.current_groups().groups == again.groups  # type: ignore[union-attr]
    assert back.current_groups().by == "clinic"  # type: ignore[union-attr]
    assert [p.clinic for p in back.participants] == [p.clinic for p in meeting.participants]
    meeting.next()
    assert meeting.current_groups() is None


def test_a_meeting_without_clinics_saves_no_clinic_key(tmp_path: Path) -> None:
    case, source, _ = open_case("t2d-aarsstatus")
    meeting = Meeting(case, FakeClock(), case_source=source)
    meeting.add_participant("Anna", "læge")
    path = tmp_path / "s.toml"
    save(meeting, path)
    assert "clinic" not in path.read_text(encoding="utf-8")


# --- the round's order ----------------------------------------------------------------------

HIERARCHY_PEOPLE = (
    ("Anna", "læge"),
    ("Bo", "sekretær"),
    ("Cille", "sygeplejerske"),
    ("Dorte", "Læge"),
    ("Eve", "fysioterapeut"),
    ("Finn", "uddannelseslæge"),
)


def t2d_meeting() -> Meeting:
    case, source, _ = open_case("t2d-aarsstatus")
    meeting = Meeting(case, FakeClock(), case_source=source)
    for name, job in HIERARCHY_PEOPLE:
        meeting.add_participant(name, job)
    meeting.start()
    return meeting


def test_a_hierarchy_round_lets_those_who_usually_speak_first_speak_last() -> None:
    meeting = t2d_meeting()
    assert meeting.case.people.round_order == "hierarchy"
    talk_round = meeting.start_round("Anna")  # the case's order
    # unlisted first, then from the last listed (sekretær) to the first (læge, any case)
    assert talk_round.order == ["Eve", "Bo", "Cille", "Finn", "Anna", "Dorte"]
    assert talk_round.current == "Eve"


def test_within_a_profession_the_seating_order_from_the_first_chosen_holds() -> None:
    meeting = t2d_meeting()
    assert meeting.start_round("Dorte").order == ["Eve", "Bo", "Cille", "Finn", "Dorte", "Anna"]


def test_the_leader_can_choose_seating_order_instead() -> None:
    meeting = t2d_meeting()
    talk_round = meeting.start_round("Cille", order="seating")
    assert talk_round.order == ["Cille", "Dorte", "Eve", "Finn", "Anna", "Bo"]


def test_a_seating_case_can_have_a_hierarchy_round() -> None:
    case, source, _ = open_case("klyngemoede")
    assert case.people.round_order == "seating" and not case.people.professions
    people = [Participant(n, j) for n, j in HIERARCHY_PEOPLE]
    assert hierarchy_order(people, case.profession_rank) == people  # nothing listed: seating


def test_the_evaluation_round_uses_the_cases_order() -> None:
    meeting = t2d_meeting()
    while meeting.agenda.current.segment.kind != "evaluation":
        meeting.next()
    talk_round = meeting.talk.round or meeting.start_evaluation_round()
    assert talk_round is not None
    assert talk_round.order == ["Eve", "Bo", "Cille", "Finn", "Anna", "Dorte"]


def test_the_dominance_hint_is_quiet_inside_a_round() -> None:
    meeting = t2d_meeting()
    clock = meeting.clock
    assert isinstance(clock, FakeClock)
    meeting.speak("Anna")
    clock.advance(120)
    assert meeting.dominant_speaker() is not None and meeting.dominant_speaker()[0] == "Anna"  # type: ignore[index]
    meeting.start_round("Anna", order="seating")
    clock.advance(30)
    assert meeting.dominant_speaker() is None  # the order decides who speaks
    meeting.end_round()
    assert meeting.dominant_speaker() is not None


# --- the summary's participant table ------------------------------------------------------


def test_the_summary_has_a_clinic_column_only_when_a_clinic_is_given() -> None:
    from caseroom.store.export import to_markdown

    case, source, _ = open_case("klyngemoede")
    people, roles = parse_roster("Anna:læge@Lægehuset:mødeleder,Bo:sekretær:referent")
    meeting = Meeting(case, FakeClock(), people, roles, case_source=source)
    meeting.start()
    text = to_markdown(meeting)
    assert "| Navn | Faggruppe | Klinik | Rolle |" in text
    assert "| Anna | læge | Lægehuset | mødeleder |" in text
    assert "| Bo | sekretær | – | referent |" in text  # roles from --people: never blank
    without = Meeting(case, FakeClock(), parse_roster("Anna:læge,Bo:sekretær")[0])
    without.start()
    plain = to_markdown(without)
    assert "| Navn | Faggruppe | Rolle |" in plain and "Klinik" not in plain

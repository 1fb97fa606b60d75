"""Who is in the room: the --people list, and small groups that mix professions."""

from __future__ import annotations

import random

import pytest

from caseroom.domain.errors import DomainError
from caseroom.domain.people import (
    MAX_PARTICIPANTS,
    Participant,
    add_participant,
    parse_people,
    propose_groups,
)

PROFESSIONS = ("læge", "sygeplejerske", "sekretær", "bioanalytiker", "uddannelseslæge")
DOCTOR = "læge"

# --- parse_people -------------------------------------------------------------------------


def test_parse_people_keeps_seating_order_and_professions() -> None:
    people = parse_people(" Anna:læge , Bo:sygeplejerske,Carl : sekretær,Dorte")
    assert [(p.name, p.profession) for p in people] == [
        ("Anna", "læge"),
        ("Bo", "sygeplejerske"),
        ("Carl", "sekretær"),
        ("Dorte", "?"),  # no profession given
    ]
    assert all(p.present for p in people)


def test_parse_people_takes_exactly_the_maximum() -> None:
    spec = ",".join(f"P{i}:læge" for i in range(MAX_PARTICIPANTS))
    assert len(parse_people(spec)) == MAX_PARTICIPANTS == 30


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        pytest.param("", "--people: the list is empty", id="empty-list"),
        pytest.param("  ", "--people: the list is empty", id="blank-list"),
        pytest.param("Anna:læge,,Bo", "entry 2 is empty", id="empty-entry"),
        pytest.param("Anna:læge,", "entry 2 is empty", id="trailing-comma"),
        pytest.param("Anna:læge,Anna:læge", "entry 2: 'Anna' is already on the list", id="dup"),
        pytest.param("Anna:læge,ANNA:sekretær", "entry 2: 'ANNA' is already", id="dup-case"),
        pytest.param(":læge", "entry 1: a participant needs a name", id="empty-name"),
        pytest.param(" :læge", "entry 1: a participant needs a name", id="blank-name"),
        pytest.param("A\x1b[2J:læge", "control characters", id="control-char"),
        pytest.param(
            "Anna:læge;Bo:sygeplejerske",
            "entry 1 'Anna:læge;Bo:sygeplejerske': separate people with ','",
            id="semicolons",
        ),
        pytest.param(
            "Anna:læge,Bo:nurse:leader:extra",
            "entry 2 'Bo:nurse:leader:extra': at most two ':'",
            id="two-colons",
        ),
        pytest.param("x" * 201 + ":læge", "longer than 200", id="long-name"),
        pytest.param(
            ",".join(f"P{i}:læge" for i in range(31)),
            "entry 31: at most 30 participants",
            id="31-people",
        ),
    ],
)
def test_parse_people_refuses_with_a_reason(spec: str, message: str) -> None:
    with pytest.raises(DomainError, match=message.replace("[", r"\[")) as caught:
        parse_people(spec)
    assert "\n" not in str(caught.value)


def test_add_participant_leaves_the_list_alone_when_refused() -> None:
    people = [Participant("Anna", "læge")]
    with pytest.raises(DomainError):
        add_participant(people, "anna", "sekretær")
    assert [p.name for p in people] == ["Anna"]


# --- propose_groups -----------------------------------------------------------------------


def composition(seed: int) -> tuple[list[Participant], int]:
    """2-30 people of random professions (doctors often over-represented), a group size 2-6."""
    gen = random.Random(seed)
    n = gen.randint(2, MAX_PARTICIPANTS)
    weights = [gen.randint(0, 4) + (3 if p == DOCTOR else 0) for p in PROFESSIONS]
    jobs = gen.choices(PROFESSIONS, weights=weights, k=n)
    return [Participant(f"P{i}", job) for i, job in enumerate(jobs)], gen.randint(2, 6)


@pytest.mark.parametrize("block", range(10))
def test_groups_property_over_many_seeds_and_compositions(block: int) -> None:
    for seed in range(block * 200, block * 200 + 200):
        people, size = composition(seed)
        groups = propose_groups(people, size, random.Random(seed))
        where = f"seed {seed}: {len(people)} people, size {size}"
        sizes = [len(g) for g in groups]
        # every person exactly once
        assert sorted(p.name for g in groups for p in g) == sorted(p.name for p in people), where
        # sizes differ by at most one, and nobody is a group of one
        assert max(sizes) - min(sizes) <= 1, where
        assert min(sizes) >= 2, where
        # about the asked size: as many groups as the size gives (rounded), never empty
        assert len(groups) == max(1, min(round(len(people) / size), len(people) // 2)), where
        # each profession is spread evenly over the groups
        for job in {p.profession for p in people}:
            counts = [sum(p.profession == job for p in g) for g in groups]
            assert max(counts) - min(counts) <= 1, f"{where}: {job} {counts}"
        # no group of doctors only, as long as there are enough others to go round
        others = sum(p.profession != DOCTOR for p in people)
        doctors_only = sum(all(p.profession == DOCTOR for p in g) for g in groups)
        assert doctors_only <= max(0, len(groups) - others), where
        if others >= len(groups):
            assert doctors_only == 0, where


def test_an_all_doctor_group_only_when_it_cannot_be_helped() -> None:
    """4 doctors and 1 nurse in groups of 2: two groups, one of them necessarily all doctors."""
    people = [Participant(f"D{i}", DOCTOR) for i in range(4)] + [Participant("N", "sygeplejerske")]
    groups = propose_groups(people, 2, random.Random(1))
    assert sorted(len(g) for g in groups) == [2, 3]
    assert sum(any(p.name == "N" for p in g) for g in groups) == 1


def test_professions_are_compared_without_case() -> None:
    people = [Participant(f"D{i}", "Læge" if i % 2 else "læge") for i in range(4)]
    people += [Participant(f"S{i}", "sekretær") for i in range(4)]
    for seed in range(20):
        for group in propose_groups(people, 4, random.Random(seed)):
            assert sum(p.name.startswith("D") for p in group) == 2


def test_the_same_seed_gives_the_same_groups() -> None:
    people, _ = composition(3)

    def names(seed: int) -> list[list[str]]:
        return [[p.name for p in g] for g in propose_groups(people, 3, random.Random(seed))]

    assert names(42) == names(42)


def test_reshuffle_gives_a_different_grouping() -> None:
    people = [Participant(f"P{i}", PROFESSIONS[i % 3]) for i in range(12)]

    def grouping(rng: random.Random) -> frozenset[frozenset[str]]:
        return frozenset(frozenset(p.name for p in g) for g in propose_groups(people, 3, rng))

    assert grouping(random.Random(1)) != grouping(random.Random(2))
    # pressing `g` again draws from the same generator: a new proposal each time
    rng = random.Random(7)
    proposals = [grouping(rng) for _ in range(5)]
    assert len(set(proposals)) == 5


@pytest.mark.parametrize(
    ("count", "size", "message"),
    [(1, 3, "at least two people"), (5, 1, "at least two people"), (0, 2, "two people")],
)
def test_propose_groups_refuses_impossible_requests(count: int, size: int, message: str) -> None:
    people = [Participant(f"P{i}", DOCTOR) for i in range(count)]
    with pytest.raises(DomainError, match=message):
        propose_groups(people, size, random.Random(0))

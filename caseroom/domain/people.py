"""Who is in the room: participants in seating order, the three roles, and small groups."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from caseroom.domain.captures import plain_text, unsafe_codes
from caseroom.domain.errors import DomainError

MAX_PARTICIPANTS = 30
MAX_NAME_LENGTH = 200
PROFESSIONS_DA = ("læge", "sygeplejerske", "bioanalytiker", "sekretær", "uddannelseslæge", "andet")
PROFESSIONS_EN = ("doctor", "nurse", "lab technician", "secretary", "trainee doctor", "other")
ROLE_KEYS = ("leader", "timekeeper", "note_taker")


@dataclass
class Participant:
    name: str
    profession: str
    present: bool = True


@dataclass
class Roles:
    leader: str = ""
    timekeeper: str = ""
    note_taker: str = ""


def parse_people(spec: str) -> list[Participant]:
    """'Anna:læge,Bo:sygeplejerske' -> participants in that seating order."""
    if not spec.strip():
        raise DomainError("cli.people_empty")
    people: list[Participant] = []
    for position, raw in enumerate(spec.split(","), start=1):
        item = raw.strip()
        if not item:
            raise DomainError("cli.people_blank_entry", position=position)
        shown = plain_text(item, multiline=False)  # never echo an escape to the terminal
        if ";" in item:
            raise DomainError("cli.people_semicolon", position=position, shown=shown)
        name, _, profession = item.partition(":")
        if ":" in profession:
            raise DomainError("cli.people_colon", position=position, shown=shown)
        try:
            add_participant(people, name, profession)
        except DomainError as exc:
            raise DomainError("cli.people_entry", position=position, reason=exc) from None
    return people


def add_participant(people: list[Participant], name: str, profession: str) -> Participant:
    """Append a participant after checking the name; raises DomainError with the reason."""
    name, profession = name.strip(), profession.strip()
    if not name:
        raise DomainError("people.no_name")
    if len(name) > MAX_NAME_LENGTH:
        raise DomainError("people.name_too_long", n=MAX_NAME_LENGTH)
    # shown in seating order, on the sidebar and in exports: never an escape or reversed text
    if codes := unsafe_codes(name):
        raise DomainError("people.name_unsafe", codes=codes)
    if codes := unsafe_codes(profession):
        raise DomainError("people.profession_unsafe", codes=codes)
    if any(p.name.casefold() == name.casefold() for p in people):
        raise DomainError("people.already_listed", name=name)
    if len(people) >= MAX_PARTICIPANTS:
        raise DomainError("people.too_many", n=MAX_PARTICIPANTS)
    person = Participant(name, profession or "?")
    people.append(person)
    return person


def propose_groups(
    people: list[Participant], size: int, rng: random.Random
) -> list[list[Participant]]:
    """Split people into groups of about `size` that mix professions as evenly as possible.

    People are dealt out profession by profession (largest profession first) onto groups in
    turn, so each profession is spread over the groups and group sizes differ by at most one.
    """
    if size < 2:
        raise DomainError("groups.size_too_small")
    if len(people) < 2:
        raise DomainError("groups.too_few")
    count = max(1, min(round(len(people) / size), len(people) // 2))  # nobody alone
    by_profession: dict[str, list[Participant]] = defaultdict(list)
    for person in people:
        by_profession[person.profession.casefold()].append(person)
    professions = list(by_profession.values())
    rng.shuffle(professions)
    professions.sort(key=len, reverse=True)
    groups: list[list[Participant]] = [[] for _ in range(count)]
    offset = rng.randrange(count)
    dealt = 0
    for members in professions:
        rng.shuffle(members)
        for person in members:
            groups[(offset + dealt) % count].append(person)
            dealt += 1
    return groups

"""Who is in the room: participants in seating order, the three roles, and small groups."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from caseroom.domain.captures import match_typed, plain_text, unsafe_codes
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
    """Who holds each of the three roles ("": nobody); one person may hold several."""

    leader: str = ""
    timekeeper: str = ""
    note_taker: str = ""

    def holder(self, role: str) -> str:
        """Who holds `role` (one of `ROLE_KEYS`); "" when nobody does."""
        return str(getattr(self, _role_key(role)))

    def assign(self, role: str, name: str) -> None:
        """`name` holds `role` from now on (whoever held it before no longer does)."""
        setattr(self, _role_key(role), name)

    def clear(self, role: str) -> None:
        """Nobody holds `role`."""
        self.assign(role, "")

    def release(self, name: str) -> list[str]:
        """`name` holds no role any more (they left the list); returns the roles they held."""
        held = [role for role in ROLE_KEYS if name and self.holder(role) == name]
        for role in held:
            self.clear(role)
        return held


def _role_key(role: str) -> str:
    if role not in ROLE_KEYS:
        raise DomainError("people.unknown_role", role=role)
    return role


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
    person = new_participant(people, name, profession)
    people.append(person)
    return person


def new_participant(people: list[Participant], name: str, profession: str) -> Participant:
    """The participant `name` would be among `people`, who are left as they are; raises
    DomainError with the reason they cannot join."""
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
    return Participant(name, profession or "?")


def match_people(typed: str, names: Sequence[str]) -> tuple[list[str], str | None]:
    """The people typed for a proposal (responsible, proposed by): one, or several separated
    by commas as a merge keeps them ("Bo, Dorte"). Each name typed may be a unique beginning
    of a name, in any case (`match_typed`); each person is listed once, in the order typed.

    Returns the names matched and None, or, when a name typed matches nobody (or more than
    one person), the names matched before it and that name as typed (stripped).
    """
    matched: list[str] = []
    for typed_name in typed.split(","):
        person = match_typed(typed_name, names, free=False)
        if person is None:
            return matched, typed_name.strip()
        if person and person not in matched:
            matched.append(person)
    return matched, None


def move_participant(people: list[Participant], index: int, offset: int) -> int:
    """Move the person at `index` `offset` seats on (negative: back) in the seating order.

    Returns where they sit now: where they were when the move would leave the list.
    """
    if not 0 <= index < len(people):
        raise DomainError("people.no_such_seat", n=index + 1)
    target = index + offset
    if not 0 <= target < len(people):
        return index
    people.insert(target, people.pop(index))
    return target


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

"""Who is in the room: participants in seating order, the three roles, and small groups."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from caseroom.domain.captures import match_typed, plain_text, unsafe_codes
from caseroom.domain.errors import DomainError

if TYPE_CHECKING:  # the case's models (pydantic) are not needed to parse --people
    from caseroom.domain.case import Case, GroupBy

MAX_PARTICIPANTS = 30
MAX_NAME_LENGTH = 200
PROFESSIONS_DA = ("læge", "sygeplejerske", "bioanalytiker", "sekretær", "uddannelseslæge", "andet")
PROFESSIONS_EN = ("doctor", "nurse", "lab technician", "secretary", "trainee doctor", "other")
ROLE_KEYS = ("leader", "timekeeper", "note_taker")


def suggested_professions(case: Case, lang: str) -> tuple[str, ...]:
    """The professions to suggest when people are added: the case's list, else the usual
    ones of the language."""
    if case.people.professions:
        return tuple(case.people.professions)
    return PROFESSIONS_DA if lang == "da" else PROFESSIONS_EN


@dataclass
class Participant:
    name: str
    profession: str
    present: bool = True
    clinic: str = ""  # "" when not given


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


# the roles as people write them on the command line (any case): Danish and English
ROLE_WORDS: dict[str, str] = {
    "mødeleder": "leader",
    "leader": "leader",
    "tidsholder": "timekeeper",
    "timekeeper": "timekeeper",
    "referent": "note_taker",
    "note-taker": "note_taker",
    "notetaker": "note_taker",
    "note_taker": "note_taker",
}
ROLES_SHOWN = "mødeleder/leader, tidsholder/timekeeper, referent/note-taker"


def role_of(word: str) -> str | None:
    """The role key `word` names ("Mødeleder", "note-taker"), any case; None: no role."""
    return ROLE_WORDS.get(word.strip().casefold())


def _role_key(role: str) -> str:
    if role not in ROLE_KEYS:
        raise DomainError("people.unknown_role", role=role)
    return role


def parse_people(spec: str) -> list[Participant]:
    """'Anna:læge,Bo:sygeplejerske' -> participants in that seating order (`parse_roster`
    without the roles)."""
    return parse_roster(spec)[0]


def parse_roster(spec: str) -> tuple[list[Participant], Roles]:
    """'Anna:læge@Lægehuset:mødeleder,Bo:sygeplejerske' -> participants in that seating
    order, and who holds which role.

    Each entry is NAME[:PROFESSION[@CLINIC][:ROLE]]; a role in Danish or English, any case
    (`ROLE_WORDS`), several joined by '+'. Each role has one holder.
    """
    if not spec.strip():
        raise DomainError("cli.people_empty")
    people: list[Participant] = []
    roles = Roles()
    held_at: dict[str, int] = {}  # role -> the entry that gave it
    for position, raw in enumerate(spec.split(","), start=1):
        item = raw.strip()
        if not item:
            raise DomainError("cli.people_blank_entry", position=position)
        shown = plain_text(item, multiline=False)  # never echo an escape to the terminal
        if ";" in item:
            raise DomainError("cli.people_semicolon", position=position, shown=shown)
        name, _, rest = item.partition(":")
        profession, _, role_text = rest.partition(":")
        if ":" in role_text:
            raise DomainError("cli.people_colon", position=position, shown=shown)
        profession, at, clinic = profession.partition("@")
        if at and (not clinic.strip() or "@" in clinic):
            raise DomainError("cli.people_clinic", position=position, shown=shown)
        wanted: list[str] = []
        for word in role_text.split("+") if role_text.strip() else []:
            role = role_of(word)
            if role is None:
                raise DomainError(
                    "cli.people_unknown_role",
                    position=position,
                    shown=shown,
                    role=plain_text(word.strip(), multiline=False),
                    roles=ROLES_SHOWN,
                )
            if role in held_at:
                raise DomainError(
                    "cli.people_role_taken",
                    position=position,
                    shown=shown,
                    role=role.replace("_", "-"),
                    other=held_at[role],
                )
            wanted.append(role)
        if wanted and not name.strip():
            raise DomainError("cli.people_role_nobody", position=position, shown=shown)
        try:
            person = add_participant(people, name, profession, clinic)
        except DomainError as exc:
            raise DomainError("cli.people_entry", position=position, reason=exc) from None
        for role in wanted:
            held_at[role] = position
            roles.assign(role, person.name)
    return people, roles


def add_participant(
    people: list[Participant], name: str, profession: str, clinic: str = ""
) -> Participant:
    """Append a participant after checking the name; raises DomainError with the reason."""
    person = new_participant(people, name, profession, clinic)
    people.append(person)
    return person


def new_participant(
    people: list[Participant], name: str, profession: str, clinic: str = ""
) -> Participant:
    """The participant `name` would be among `people`, who are left as they are; raises
    DomainError with the reason they cannot join."""
    name, profession, clinic = name.strip(), profession.strip(), clinic.strip()
    if not name:
        raise DomainError("people.no_name")
    if len(name) > MAX_NAME_LENGTH:
        raise DomainError("people.name_too_long", n=MAX_NAME_LENGTH)
    # shown in seating order, on the sidebar and in exports: never an escape or reversed text
    if codes := unsafe_codes(name):
        raise DomainError("people.name_unsafe", codes=codes)
    if codes := unsafe_codes(profession):
        raise DomainError("people.profession_unsafe", codes=codes)
    if codes := unsafe_codes(clinic):
        raise DomainError("people.clinic_unsafe", codes=codes)
    if len(clinic) > MAX_NAME_LENGTH:
        raise DomainError("people.clinic_too_long", n=MAX_NAME_LENGTH)
    if any(p.name.casefold() == name.casefold() for p in people):
        raise DomainError("people.already_listed", name=name)
    if len(people) >= MAX_PARTICIPANTS:
        raise DomainError("people.too_many", n=MAX_PARTICIPANTS)
    return Participant(name, profession or "?", clinic=clinic)


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
    people: list[Participant],
    size: int,
    rng: random.Random,
    by: GroupBy = "professions",
) -> list[list[Participant]]:
    """Split people into groups of about `size`, formed as `by` says:

    - "professions": each group mixes professions as evenly as possible;
    - "clinics": each group mixes clinics as evenly as possible;
    - "clinic": a clinic's people together; a clinic too large for one group is split (its
      professions mixed), a very small one (less than half a group) joins another.

    People without a clinic count as one clinic of their own ("unknown"). Nobody is alone.
    """
    if size < 2:
        raise DomainError("groups.size_too_small")
    if len(people) < 2:
        raise DomainError("groups.too_few")
    if by == "clinic":
        return _by_clinic(people, size, rng)
    count = max(1, min(round(len(people) / size), len(people) // 2))  # nobody alone
    if by == "clinics":
        return _deal(people, count, rng, key=_clinic_key)
    return _deal(people, count, rng, key=_profession_key)


def _profession_key(person: Participant) -> str:
    return person.profession.casefold()


def _clinic_key(person: Participant) -> str:
    return person.clinic.strip().casefold()  # "": the people whose clinic is unknown


def _deal(
    people: list[Participant],
    count: int,
    rng: random.Random,
    *,
    key: Callable[[Participant], str],
) -> list[list[Participant]]:
    """`count` groups of `people`, dealt out kind by kind (largest kind first) onto the groups
    in turn, so each kind is spread over the groups and group sizes differ by at most one."""
    by_kind: dict[str, list[Participant]] = defaultdict(list)
    for person in people:
        by_kind[key(person)].append(person)
    kinds = list(by_kind.values())
    rng.shuffle(kinds)
    kinds.sort(key=len, reverse=True)
    groups: list[list[Participant]] = [[] for _ in range(count)]
    offset = rng.randrange(count)
    dealt = 0
    for members in kinds:
        rng.shuffle(members)
        for person in members:
            groups[(offset + dealt) % count].append(person)
            dealt += 1
    return groups


def _by_clinic(people: list[Participant], size: int, rng: random.Random) -> list[list[Participant]]:
    by_clinic: dict[str, list[Participant]] = defaultdict(list)
    for person in people:
        by_clinic[_clinic_key(person)].append(person)
    clinics = list(by_clinic.values())
    rng.shuffle(clinics)
    clinics.sort(key=len, reverse=True)
    groups: list[list[Participant]] = []
    for members in clinics:
        count = max(1, min(round(len(members) / size), len(members) // 2))
        groups += _deal(members, count, rng, key=_profession_key)
    # very small groups (a clinic of one, or of less than half a group) join the smallest
    # other group, smallest first: two small clinics go together, but a clinic of two or
    # more stays on its own rather than swell another group past the size; one person alone
    # always joins
    while len(groups) > 1:
        small = min(groups, key=len)
        if len(small) >= 2 and 2 * len(small) >= size:
            break
        others = [group for group in groups if group is not small]
        host = min(others, key=len)
        if len(small) >= 2 and len(host) + len(small) > size:
            break
        groups.remove(small)
        host.extend(small)
    return groups


def hierarchy_order(
    people: Sequence[Participant], rank: Callable[[str], int | None]
) -> list[Participant]:
    """`people` (in seating order) reordered so the professions that usually speak first
    speak last: `rank` is where a profession is in the case's list (0: usually speaks first;
    None: not listed). Unlisted professions come first, then the listed ones from the last
    listed to the first; people of one profession keep their seating order."""

    def key(person: Participant) -> tuple[int, int]:
        place = rank(person.profession)
        return (0, 0) if place is None else (1, -place)

    return sorted(people, key=key)

"""Who is in the room: the --people list, and small groups that mix professions."""

from __future__ import annotations

import random

import pytest

from caseroom.domain.people import (
    MAX_PARTICIPANTS,
    Participant,
    add_participant,
    parse_people,
    propose_groups,
)
from caseroom.errors_compat import DomainError  # type: ignore[import-not-found]

"""`caseroom new`: a commented case file to start from, or a copy of a case under a new id.

The starting files are `case_templates/da.toml` and `en.toml` beside this module: valid case
files themselves (a test checks them), whose comments explain each key in the file's language
for the case author. A new file gets its id by the same one-line change as a copy.
"""

from __future__ import annotations

import codecs
import re
from importlib import resources
from pathlib import Path

from caseroom.catalogue import Lang
from caseroom.domain.case import ID_PATTERN, KeyLines
from caseroom.domain.errors import CaseFileError

# a case file holds no notes and no real people (the team's 0600 is for sessions and exports):
# it is made to be read, shared between clinics and kept with other documents
NEW_CASE_MODE = 0o644

_ID_LINE = re.compile(r"""(\s*(?:id|"id"|'id')\s*=\s*)("[a-z0-9-]*"|'[a-z0-9-]*')(\s*(?:#.*)?)""")


def is_case_id(text: str) -> bool:
    return re.fullmatch(ID_PATTERN, text) is not None


def template(lang: Lang) -> bytes:
    """The commented starting file in `lang`, as it is stored (id "ny-case"/"new-case")."""
    return (resources.files("caseroom.store") / "case_templates" / f"{lang}.toml").read_bytes()


def with_id(data: bytes, case_id: str, *, name: str = "case file") -> bytes:
    """`data` (a valid case file's bytes) with its top-level `id` set to `case_id`: that one
    line changes (its spacing and comment kept), every other byte stays as it was."""
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    text = data[len(bom) :].decode("utf-8")
    number = KeyLines(text).lines.get(("id",))
    lines = text.splitlines(keepends=True)  # the same line breaks KeyLines counts
    if number is None:
        raise CaseFileError([f"{name}: no id line to change"])
    line = lines[number - 1]
    body = line.rstrip("\r\n")
    found = _ID_LINE.fullmatch(body)
    if found is None:
        raise CaseFileError([f'{name}:{number}: id: not a plain id = "…" line to change'])
    value, rest = f'"{case_id}"', found[3]
    if rest.lstrip().startswith("#"):  # the comment keeps its column where it can
        gap = len(rest) - len(rest.lstrip()) + len(found[2]) - len(value)
        rest = " " * max(gap, 1) + rest.lstrip()
    lines[number - 1] = f"{found[1]}{value}{rest}{line[len(body) :]}"
    return bom + "".join(lines).encode("utf-8")


def new_case(case_id: str, lang: Lang) -> bytes:
    """The commented starting file in `lang` with the id `case_id`."""
    return with_id(template(lang), case_id)


def copy_case(source: Path, case_id: str) -> bytes:
    """The case file `source` (already checked valid) with the id `case_id`."""
    return with_id(source.read_bytes(), case_id, name=str(source))

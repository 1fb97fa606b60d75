"""The chain of meetings a session continues (`caseroom history SESSION`).

A follow-up's `[continues]` names the meeting it continues (contract of issue #20, §3): its
file's path on the machine it was held on, and its case id and start. From the file given,
each link is found by that path when the file there is that meeting (same case id and start),
else by case id + start among the session files in the same folder as the later file and in
the sessions folder (`paths.sessions_dir`): files move between machines. A link that cannot be
found ends the chain there ("not found"); the files are only read, as plain TOML (no meeting is
rebuilt, so a session whose case file has changed or gone still shows).
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from caseroom.catalogue import Lang, t
from caseroom.domain.followup import ITEM_STATUSES, STATUS_LABEL_KEYS
from caseroom.store.paths import sessions_dir
from caseroom.store.session_file import MAX_SESSION_BYTES, read_document

MeetingKey = tuple[str, datetime]
"""What a follow-up names the meeting it continues by: (case id, start)."""


@dataclass(frozen=True)
class Link:
    """One meeting of the chain, as its session file records it."""

    path: Path
    case_id: str
    case_title: str
    started: datetime | None  # started_at, else created_at (None: neither recorded)
    follow_up: bool  # it continues another meeting
    statuses: dict[str, int]  # a follow-up's items by status ("none": not reviewed)
    proposals: int  # its own new proposals
    agreed: int


@dataclass(frozen=True)
class Missing:
    """A meeting the chain names but whose file was not found: where the chain stops."""

    case_id: str
    case_title: str
    started: datetime
    path: str  # as the later file recorded it
    # why it was not found: '' (no file at its path), 'other' (the file there is another
    # meeting), 'unreadable' (no session), 'loop' (every file found is already in the chain)
    unreadable: str = ""


@dataclass
class Chain:
    """The meetings from the file given back to the first (newest first); `missing`: the link
    that was not found, if the chain stops short."""

    links: list[Link] = field(default_factory=list)
    missing: Missing | None = None


def _moment(doc: dict[str, Any], *keys: str) -> datetime | None:
    for key in keys:
        value = doc.get(key)
        if isinstance(value, datetime) and value.tzinfo is not None:
            return value
    return None


def _text(doc: dict[str, Any], key: str) -> str:
    value = doc.get(key)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _tables(doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = doc.get(key)
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def link_of(path: Path, doc: dict[str, Any]) -> Link:
    """The chain's view of one session file's document."""
    statuses: Counter[str] = Counter()
    for item in _tables(doc, "item"):
        status = item.get("status")
        statuses[status if status in ITEM_STATUSES else "none"] += 1
    proposals = _tables(doc, "proposal")
    return Link(
        path=path,
        case_id=_text(doc, "case_id"),
        case_title=_text(doc, "case_title") or _text(doc, "case_id"),
        started=_moment(doc, "started_at", "created_at"),
        follow_up=isinstance(doc.get("continues"), dict),
        statuses=dict(statuses),
        proposals=len(proposals),
        agreed=sum(1 for p in proposals if p.get("agreed") is True),
    )


def _continues(doc: dict[str, Any]) -> tuple[MeetingKey, str, str] | None:
    """(case id, start), the recorded path and the case title of the meeting `doc` continues;
    None when it continues nothing (or its [continues] names no meeting it can be found by)."""
    table = doc.get("continues")
    if not isinstance(table, dict):
        return None
    started = _moment(table, "started_at")
    case_id = _text(table, "case_id")
    if started is None or not case_id:
        return None
    return (case_id, started), _text(table, "path"), _text(table, "case_title") or case_id


class _Finder:
    """Session files by the meeting they hold, read once each (plain TOML, small files)."""

    def __init__(self) -> None:
        self._docs: dict[Path, dict[str, Any] | None] = {}

    def doc(self, path: Path) -> dict[str, Any] | None:
        real = path.resolve()
        if real not in self._docs:
            self._docs[real] = self._read(real)
        return self._docs[real]

    @staticmethod
    def _read(path: Path) -> dict[str, Any] | None:
        try:
            if not path.is_file() or path.stat().st_size > MAX_SESSION_BYTES:
                return None
            doc = tomllib.loads(path.read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
            return None
        return doc if isinstance(doc.get("case_id"), str) else None

    @staticmethod
    def key(doc: dict[str, Any]) -> MeetingKey | None:
        started = _moment(doc, "started_at", "created_at")
        return (doc["case_id"], started) if started is not None else None

    def search(self, key: MeetingKey, folders: list[Path]) -> Iterator[Path]:
        """Session files among `folders`' *.toml (not their subfolders) holding meeting `key`."""
        seen: set[Path] = set()
        for folder in folders:
            try:
                paths = sorted(folder.glob("*.toml")) if folder.is_dir() else []
            except OSError:
                continue
            for path in paths:
                real = path.resolve()
                if real in seen:
                    continue
                seen.add(real)
                doc = self.doc(path)
                if doc is not None and self.key(doc) == key:
                    yield path


def chain(path: Path) -> Chain:
    """The chain from session file `path` back to the first meeting. Raises SessionFileError
    with one line when `path` itself is not a session file; a link not found ends the chain."""
    doc = read_document(path)
    finder = _Finder()
    found = Chain()
    seen: set[Path] = set()
    while True:
        seen.add(path.resolve())
        found.links.append(link_of(path, doc))
        earlier = _continues(doc)
        if earlier is None:
            return found
        key, recorded, title = earlier
        unreadable = ""
        candidates: list[Path] = []
        if recorded:
            at = Path(recorded)
            at_doc = finder.doc(at)
            if at_doc is not None and finder.key(at_doc) == key:
                candidates.append(at)
            elif at.exists():
                unreadable = "other" if at_doc is not None else "unreadable"
        folders = [path.parent, sessions_dir()]
        candidates += [p for p in finder.search(key, folders) if p not in candidates]
        next_path = next((p for p in candidates if p.resolve() not in seen), None)
        if next_path is None:
            if candidates:  # each one already in the chain: copies that name each other
                unreadable = "loop"
            found.missing = Missing(key[0], title, key[1], recorded, unreadable)
            return found
        next_doc = finder.doc(next_path)
        assert next_doc is not None  # found by its key
        path, doc = next_path, next_doc


# --- the lines `caseroom history` prints -----------------------------------------------------


def _when(moment: datetime | None, lang: Lang) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment is not None else t("history.no_date", lang)


def _counts(link: Link, lang: Lang) -> str:
    if not link.follow_up:
        return t("history.proposals", lang, n=link.proposals, agreed=link.agreed)
    parts = [
        f"{link.statuses[status]} {t(STATUS_LABEL_KEYS[status], lang)}"
        for status in ITEM_STATUSES
        if link.statuses.get(status)
    ]
    if link.statuses.get("none"):
        parts.append(f"{link.statuses['none']} {t('status.none', lang)}")
    if not parts:
        parts.append(t("history.no_items", lang))
    if link.proposals:
        parts.append(t("history.new_proposals", lang, n=link.proposals))
    return ", ".join(parts)


def lines(found: Chain, lang: Lang) -> list[str]:
    """One line per meeting, newest first: date, case title, file, and what it recorded (a
    follow-up: its items by status); then the link not found, if the chain stops short."""
    out = [
        f"{_when(link.started, lang)}  {link.case_title}  {link.path}  – {_counts(link, lang)}"
        for link in found.links
    ]
    if (missing := found.missing) is not None:
        name = Path(missing.path).name if missing.path else "?"
        why = t(f"history.not_found_{missing.unreadable or 'absent'}", lang)
        out.append(
            f"{_when(missing.started, lang)}  {missing.case_title}  {name}  – "
            + t("history.not_found", lang, why=why)
        )
    return out

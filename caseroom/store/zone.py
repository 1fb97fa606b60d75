"""The local time zone's IANA name ('Europe/Copenhagen'), which a new session records.

A session's times carry only a UTC offset (+01:00), which says nothing about daylight saving:
a calendar event eight weeks on at the meeting's time of day needs the zone's name. Python has
no portable way to ask for it (and `tzlocal` is not a dependency), so this looks where the
systems keep it: the `TZ` variable (a name, or `:name`), the `/etc/localtime` link into a
zoneinfo folder (Linux, macOS, the BSDs), Debian's `/etc/timezone`. A name is taken only when
zoneinfo knows it and it gives the clock's offset at that moment; otherwise there is none
(Windows, a POSIX `TZ` rule, a fake clock in another zone) and the exports use the offset.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*")
"""What an IANA zone name looks like (no '..', no leading '/'): 'America/Argentina/Salta'."""

LOCALTIME = Path("/etc/localtime")
TIMEZONE_FILE = Path("/etc/timezone")


def zone(name: str) -> ZoneInfo | None:
    """The zone of an IANA name, or None when the name is malformed or unknown here."""
    if not ZONE_NAME.fullmatch(name) or len(name) > 64:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _candidates(localtime: Path, timezone_file: Path) -> Iterator[str]:
    tz = os.environ.get("TZ")
    if tz:
        yield tz.removeprefix(":")
        return  # TZ set: the C library follows it, not /etc/localtime
    try:
        target = os.readlink(localtime)
    except OSError:
        target = ""
    _, found, name = target.partition("zoneinfo/")
    if found and name:
        yield name.removeprefix("posix/").removeprefix("right/")
    try:
        yield timezone_file.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        pass


def local_zone_name(
    now: datetime, *, localtime: Path = LOCALTIME, timezone_file: Path = TIMEZONE_FILE
) -> str | None:
    """The IANA name of the local zone, if found and it agrees with `now`'s offset (the
    meeting's clock), else None."""
    offset = now.utcoffset()
    if offset is None:
        return None
    for name in _candidates(localtime, timezone_file):
        found = zone(name)
        if found is not None and now.astimezone(found).utcoffset() == offset:
            return name
    return None

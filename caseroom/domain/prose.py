"""Case prose as the room reads it: hard line breaks inside a paragraph are reflowed.

A case file's text is often written with a line break every 70 or so characters (as a text
editor wraps); on a screen of another width those breaks cut lines in half. `reflow` joins the
lines of a paragraph, so the widget wraps them at its own width, and keeps the breaks that mean
something: a blank line starts a new paragraph, a list item (`-`, `*`, `•`, `1.`, `1)`), a
table row (`|`), a reply (`– `) or a quotation (`»`) starts its own line. Pure: the screens
call it wherever case prose is shown.
"""

from __future__ import annotations

import re
import textwrap

# a line that starts a list item or a table row keeps the break before it, and so does one that
# starts a reply or a quotation (Danish prose starts a reply with a dash, "– Den står på
# køkkenbordet", and a case quotes a record note on its own line, "»Fødder: …«")
_DIALOGUE = re.compile(r"[–—]\s|[»«“”„\"]")
_BLOCK_START = re.compile(r"(?:[-*•+]\s|\d{1,3}[.)]\s|\|)")


def _starts_block(line: str) -> bool:
    return _BLOCK_START.match(line.lstrip()) is not None or line.lstrip() in ("-", "*", "|")


def reflow(text: str) -> str:
    """`text` with each paragraph on one line.

    - a blank line (or several) ends a paragraph: one blank line in the result;
    - a line that begins a list item or a table row starts a new line, its indent kept;
    - a line that begins a reply (`– `) or a quotation (`»`, `“`) starts a new line, its indent
      kept; the lines after it join it;
    - the line after a list item or table row is joined to it only when it is indented (the
      item's wrapped continuation); an unindented line after a list starts a new line;
    - other lines are joined to the line before with one space; trailing spaces go.
    The text is dedented (a TOML string indented as a whole) and stripped.
    """
    paragraphs: list[list[str]] = []
    lines: list[str] = []  # the current paragraph's output lines
    in_block = False  # the last output line is a list item or a table row
    for raw in textwrap.dedent(text).strip().splitlines():
        line = raw.rstrip()
        if not line.strip():
            if lines:
                paragraphs.append(lines)
                lines = []
            in_block = False
            continue
        block = _starts_block(line)
        if not lines or block or _DIALOGUE.match(line.lstrip()):
            lines.append(line if len(lines) else line.strip())
            in_block = block  # a reply's next lines are its own: joined to it
        elif in_block and (not line[:1].isspace() or lines[-1].lstrip().startswith("|")):
            lines.append(line.strip())  # after a list or a table, an unindented line is new
            in_block = False
        else:
            lines[-1] = f"{lines[-1]} {line.strip()}"
    if lines:
        paragraphs.append(lines)
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)

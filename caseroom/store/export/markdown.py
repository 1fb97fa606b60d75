"""The Markdown renderings: a meeting's view through a Jinja2 template (imported only here).

`meeting.md.j2` (the summary) and `plan.md.j2` (the action-plan draft) share the macros of
`_common.md.j2`. Templates are found first in the user's templates folder
(`user_templates_dir()`), then among those bundled in `templates/`: a clinic's own file may
replace a bundled one whole, or build on it with `{% extends "bundled/plan.md.j2" %}` and
blocks of its own (a block per section of the summary; `intro`, `changes`, `background` and
`followups` in the plan).

A template sees `v` (the `MeetingView`), `lang` and `t(key, **values)` (the one catalogue,
`caseroom/catalogue.py`); it words and arranges what it is given. It runs sandboxed, an unknown
name is an error (StrictUndefined), and every value it prints passes `plain_text` once more, so
no template brings a control character back into an export. Its filters write figures and Markdown
(`text`): `cell`, `bullet`, `clock`, `duration`, `minutes`, `long_date`, `percent`, ….
A template that fails to compile or to render raises ExportError naming its file and line.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import platformdirs
from jinja2.sandbox import ImmutableSandboxedEnvironment

from caseroom import catalogue
from caseroom.catalogue import Lang, duration_words, format_date
from caseroom.domain.captures import plain_text
from caseroom.store.export import text
from caseroom.store.export.view import ExportError, MeetingView

BUNDLED = Path(__file__).with_name("templates")


def user_templates_dir() -> Path:
    """CASEROOM_CONFIG/templates, else CASEROOM_HOME/templates (one folder for a portable
    setup and for tests), else the platform's config folder: `~/.config/caseroom/templates`
    on Linux."""
    base = os.environ.get("CASEROOM_CONFIG") or os.environ.get("CASEROOM_HOME")
    if not base:
        base = platformdirs.user_config_dir("caseroom", appauthor=False)
    return Path(base) / "templates"


def render_template(name: str, view: MeetingView) -> str:
    """`name` filled from `view`, ending with exactly one newline."""
    user_dir = user_templates_dir()
    env = _environment(str(user_dir))
    lang = view.lang

    def t(key: str, **values: object) -> str:
        if key not in catalogue.MESSAGES:  # a clinic's own template: say which key, plainly
            raise LookupError(f"t('{key}'): no such text in caseroom/catalogue.py")
        return catalogue.t(key, lang, **values)

    try:
        rendered = env.get_template(name).render(v=view, lang=lang, t=t)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise ExportError(f"{where}:{exc.lineno}: {_one_line(exc.message or '')}") from None
    except jinja2.TemplateNotFound as exc:
        raise ExportError(f"template '{exc.name}' not found (asked for by {name})") from None
    except OSError as exc:
        raise ExportError(f"{exc.filename}: cannot read the template: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ExportError(f"{name}: a template is not UTF-8 text") from None
    except Exception as exc:
        located = _template_line(exc.__traceback__, (user_dir, BUNDLED))
        if located is None:
            raise
        raise ExportError(f"{located[0]}:{located[1]}: {_one_line(str(exc))}") from None
    return rendered.rstrip("\n") + "\n"


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _template_line(tb: TracebackType | None, folders: tuple[Path, ...]) -> tuple[str, int] | None:
    """The innermost template frame of an error's traceback (Jinja gives it the template's
    file and line), or None when the error did not happen in a template of `folders`."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if any(Path(filename).is_relative_to(folder) for folder in folders):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


@functools.cache
def _environment(user_dir: str) -> jinja2.Environment:
    bundled = jinja2.FileSystemLoader(BUNDLED)
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(user_dir),
                bundled,
                jinja2.PrefixLoader({"bundled": bundled}),
            ]
        ),
        autoescape=False,  # Markdown, not HTML: the filters do its escaping
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_clean,
    )
    env.filters.update(
        cell=text.cell,
        bullet=text.bullet,
        clock=text.clock,
        duration=text.duration,
        minutes=text.minutes,
        signed_minutes=text.signed_minutes,
        first_line=text.first_line,
        capitalised=text.capitalised,
        sentence=text.sentence,
        long_date=_long_date,
        duration_words=_duration_words,
        percent=_percent,
    )
    return env


def _clean(value: Any) -> str:
    """Every printed value, cleaned: what a template prints cannot carry a control character."""
    return plain_text(str(value))


@jinja2.pass_context
def _long_date(context: jinja2.runtime.Context, day: Any) -> str:
    return format_date(day, _lang_of(context))


@jinja2.pass_context
def _duration_words(context: jinja2.runtime.Context, seconds: float) -> str:
    return duration_words(seconds, _lang_of(context))


@jinja2.pass_context
def _percent(context: jinja2.runtime.Context, part: float, whole: float) -> str:
    return text.percent(part, whole, _lang_of(context))


def _lang_of(context: jinja2.runtime.Context) -> Lang:
    return "en" if context.get("lang") == "en" else "da"

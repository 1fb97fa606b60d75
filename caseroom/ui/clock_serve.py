"""`caseroom clock --serve`: the same clock in a web browser, through textual-serve.

Every browser that connects gets its own `caseroom clock SESSION` process (read-only, like the
terminal clock); nothing else of the meeting is reachable. Bound to 127.0.0.1 unless a host is
given explicitly; any other address gets a one-line warning. The page is caseroom's own
template (`serve_templates/app_index.html`): textual-serve's asks a public font host for its
font; ours takes the same font from the files textual-serve serves itself.
"""

from __future__ import annotations

import errno
import ipaddress
import shlex
import socket
import sys
from pathlib import Path

from caseroom.domain.errors import CaseroomError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TEMPLATES = Path(__file__).with_name("serve_templates")
"""The served page's template folder: `app_index.html`, with no URL off this server."""


class ServeError(CaseroomError):
    """The clock cannot be served (port in use, bad host)."""


def served_command(path: Path, *, lang: str | None, theme: str) -> str:
    """The shell command textual-serve starts for each browser: `caseroom clock SESSION`."""
    words = [sys.executable, "-m", "caseroom", "clock", str(path.resolve()), "--theme", theme]
    if lang is not None:
        words += ["--lang", lang]
    return shlex.join(words)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_port(host: str, port: int) -> None:
    """Raise ServeError with one clear line when `host:port` cannot be listened on."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ServeError(
            f"--host {host}: not an address of this machine ({exc.strerror})"
        ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        # the same option the web server uses, so a port in TIME_WAIT is not reported busy
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
            probe.listen(1)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ServeError(
                    f"port {port} on {host} is in use; choose another with --port"
                ) from None
            if exc.errno == errno.EACCES:
                raise ServeError(f"port {port} needs privileges; choose one above 1023") from None
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def _outward_address() -> str:
    """The address other machines in the room reach this one at (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: only selects the outgoing interface
            return str(probe.getsockname()[0])
        except OSError:
            return socket.gethostname()


def public_url(host: str, port: int) -> str:
    """The URL the served page uses for its websocket and static files."""
    name = host
    if host in ("0.0.0.0", "::", ""):
        name = _outward_address()
    if ":" in name:
        name = f"[{name}]"
    return f"http://{name}:{port}"


def serve_clock(
    path: Path, *, host: str, port: int, lang: str | None, theme: str
) -> int:  # pragma: no cover - runs a web server until Ctrl+C; tested in a subprocess
    check_port(host, port)
    url = public_url(host, port)
    if not is_loopback(host):
        print(
            f"caseroom: warning: {url} is open to the room's network: anyone on it can see "
            "the clock (only the clock, never notes, case plot or captures)",
            file=sys.stderr,
        )
    from textual_serve.server import Server

    server = Server(
        served_command(path, lang=lang, theme=theme),
        host=host,
        port=port,
        title="caseroom clock",
        public_url=url,
        templates_path=TEMPLATES,
    )
    server.serve()
    return 0

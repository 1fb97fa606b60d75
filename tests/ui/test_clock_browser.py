"""`caseroom clock --serve` in a real browser: Debian's chromium, headless, driven by Playwright.

The page draws the countdown on a canvas, in the Roboto Mono that textual-serve serves itself,
and asks nothing of any host but the server's own (the README: nothing leaves the machine).
Every request the page makes is recorded, websockets included; any that would leave 127.0.0.1
is aborted, so the test sends nothing out either way. A control visit to textual-serve's stock
page shows that the same recording catches the public font host that page asks for.

chromium is a system package (`.ci/run` installs it with apt-get); Playwright never downloads
a browser here. Without chromium the tests fail and say so: they are never skipped. Each test
has one time budget for all its waits; the screenshot is kept as `clock.png` in its tmp_path.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, ViewportSize, WebSocket, sync_playwright

from caseroom.domain.clock import SystemClock
from caseroom.domain.meeting import Meeting
from caseroom.domain.people import Participant
from caseroom.store.cases import open_case
from caseroom.store.session_file import save
from caseroom.ui.clock_serve import TEMPLATES, served_command

CHROMIUM = os.environ.get("CASEROOM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
"""Debian's chromium (`apt-get install chromium`); CASEROOM_CHROMIUM names another binary."""

BUDGET = 25.0
"""Seconds for everything one test waits for: the server, the page, the countdown drawn."""

VIEWPORT: ViewportSize = {"width": 960, "height": 600}
FONT = "/static/fonts/RobotoMono-VariableFont_wght.ttf"
ANSI = re.compile(rb"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|[@-Z\\-_])")
BLOCKS = ("█", "▀", "▄")
"""What the big countdown is drawn with (caseroom.ui.widgets.bigclock)."""

SERVE_STOCK_PAGE = """\
import sys
from textual_serve.server import Server
Server(sys.argv[1], host="127.0.0.1", port=int(sys.argv[2]), title="caseroom clock").serve()
"""
"""The control: the same clock behind textual-serve's own page (no templates_path)."""


class Budget:
    """One deadline shared by every wait of a test."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def left(self, what: str) -> float:
        """Seconds left; fails the test, naming `what` it waited for, when none are."""
        left = self.deadline - time.monotonic()
        assert left > 0, f"out of time waiting for {what}"
        return left


def is_local(url: str) -> bool:
    return urlsplit(url).hostname == "127.0.0.1"


@pytest.fixture
def budget() -> Budget:
    return Budget(BUDGET)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"no chromium at {CHROMIUM}: these tests drive Debian's chromium "
            "(apt-get install chromium, as .ci/run does) or the binary CASEROOM_CHROMIUM names",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, timeout=BUDGET * 1000
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def session(tmp_path: Path) -> tuple[Path, Path]:
    """(CASEROOM_HOME, the session file of a running meeting on its first step, "Opstart")."""
    case, source, _ = open_case("t2d-aarsstatus")
    people = [Participant("Anna", "læge"), Participant("Bo", "sygeplejerske")]
    meeting = Meeting(case, SystemClock(), participants=people, case_source=source)
    meeting.start()
    home = tmp_path / "home"
    path = home / "sessions" / "2026-11-24_0830-t2d-aarsstatus.toml"
    save(meeting, path)
    return home, path


def serve(argv: list[str], home: Path, log: Path, budget: Budget) -> Iterator[int]:
    """Run a server on a free port of 127.0.0.1 while the caller needs it; yield the port.

    The server is a process group of its own: on the way out it and the clock processes it
    started for the browser are ended, whatever state the page was left in.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    env = {**os.environ, "CASEROOM_HOME": str(home), "LANG": "C.UTF-8"}
    env.pop("TEXTUAL", None)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*argv, str(port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        while True:
            assert process.poll() is None, f"the server ended: {log.read_text()[-2000:]}"
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            budget.left(f"the server to listen on {port}")
            time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=5)


@pytest.fixture
def caseroom_server(session: tuple[Path, Path], tmp_path: Path, budget: Budget) -> Iterator[int]:
    """`caseroom clock SESSION --serve --port PORT`, exactly as a timekeeper runs it."""
    home, path = session
    argv = [sys.executable, "-m", "caseroom", "clock", str(path), "--serve", "--port"]
    yield from serve(argv, home, tmp_path / "serve.log", budget)


@pytest.fixture
def stock_server(session: tuple[Path, Path], tmp_path: Path, budget: Budget) -> Iterator[int]:
    """The same clock served with textual-serve's own page."""
    home, path = session
    argv = [sys.executable, "-c", SERVE_STOCK_PAGE, served_command(path, lang=None, theme="dark")]
    yield from serve(argv, home, tmp_path / "serve.log", budget)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page; closed (its websocket too) before the server of the test is stopped."""
    page = browser.new_page(viewport=VIEWPORT)
    try:
        yield page
    finally:
        page.close()


@dataclass
class Visit:
    """What one page load did: every URL it asked for and what the terminal was sent."""

    page: Page
    requests: list[str] = field(default_factory=list)
    received: bytearray = field(default_factory=bytearray)

    def watch(self, websocket: WebSocket) -> None:
        self.requests.append(websocket.url)
        websocket.on("framereceived", self.receive)

    def receive(self, payload: str | bytes) -> None:
        self.received += payload.encode() if isinstance(payload, str) else payload

    def shown(self) -> str:
        """The text the server has sent to the terminal so far, escape sequences dropped."""
        return ANSI.sub(b"", bytes(self.received)).decode("utf-8", "replace")


def visit(page: Page, port: int, budget: Budget) -> Visit:
    """Open the served page, recording every request; return once the countdown was sent."""
    seen = Visit(page)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("websocket", seen.watch)
    # nothing leaves the machine during the test, whatever the page asks for
    page.route(
        "**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort()
    )
    page.goto(f"http://127.0.0.1:{port}/", timeout=budget.left("the page") * 1000)
    while not ("Opstart" in seen.shown() and any(b in seen.shown() for b in BLOCKS)):
        budget.left(f"the countdown; the terminal was sent {seen.shown()[-300:]!r}")
        page.wait_for_timeout(50)
    return seen


def ink(png: bytes) -> tuple[int, int, int]:
    """(pixels, pixels unlike the background, green pixels) of a screenshot.

    The background is the most common colour; "unlike" differs from it by more than 48 in some
    channel; green is the running countdown's colour, which it paints in solid blocks.
    """
    image = Image.open(io.BytesIO(png)).convert("RGB")
    total = image.width * image.height
    colours: list[tuple[int, tuple[int, int, int]]] = image.getcolors(total)  # type: ignore
    background = max(colours)[1]

    def differs(colour: tuple[int, int, int]) -> bool:
        return max(abs(a - b) for a, b in zip(colour, background, strict=True)) > 48

    unlike = sum(n for n, colour in colours if differs(colour))
    green = sum(n for n, (r, g, b) in colours if g > 110 and g > r + 40 and g > b + 40)
    return total, unlike, green


def drawn(page: Page, budget: Budget) -> tuple[int, int, int]:
    """Screenshot the terminal until the countdown shows on its canvas; return its `ink`."""
    terminal = page.locator(".xterm-screen")
    while True:
        png = terminal.screenshot(animations="disabled", timeout=budget.left("a screenshot") * 1e3)
        total, unlike, green = counts = ink(png)
        if unlike > total // 20 and green > total // 20:
            return counts
        budget.left(f"the canvas to show the clock; (pixels, unlike background, green) {counts}")
        page.wait_for_timeout(100)


def test_the_served_clock_draws_its_countdown_and_asks_nothing_of_other_hosts(
    caseroom_server: int, page: Page, budget: Budget, tmp_path: Path
) -> None:
    seen = visit(page, caseroom_server, budget)
    # the canvas holds the clock: at least a twentieth of it the big green figure
    total, unlike, green = drawn(page, budget)
    page.screenshot(path=tmp_path / "clock.png")
    assert unlike > total // 20 and green > total // 20

    # every request, the websocket's too, went to this machine's server
    assert f"ws://127.0.0.1:{caseroom_server}/ws" in {url.split("?")[0] for url in seen.requests}
    elsewhere = [url for url in seen.requests if not is_local(url)]
    assert not elsewhere, f"the page asked other hosts: {elsewhere}"

    # the terminal font is textual-serve's own Roboto Mono, here before the terminal opened
    font = f"http://127.0.0.1:{caseroom_server}{FONT}"
    assert font in seen.requests
    assert page.evaluate("document.fonts.check('16px \"Roboto Mono\"')")
    arrived, opened = page.evaluate(
        f"""() => [
            performance.getEntriesByName({font!r})[0].responseEnd,
            performance.getEntriesByType("navigation")[0].loadEventStart,
        ]"""
    )
    assert 0 < arrived <= opened, (arrived, opened)  # textual.js opens the terminal on load


def test_the_check_catches_the_font_host_of_textual_serves_own_page(
    stock_server: int, page: Page, budget: Budget
) -> None:
    seen = visit(page, stock_server, budget)
    elsewhere = [url for url in seen.requests if not is_local(url)]
    assert [urlsplit(url).hostname for url in elsewhere] == ["fonts.googleapis.com"], elsewhere


def test_the_page_template_names_no_host() -> None:
    """Every URL in caseroom's page is built from the server's own address."""
    page = (TEMPLATES / "app_index.html").read_text(encoding="utf-8")
    assert "//" not in page.replace("{{ config.static.url }}", "")
    assert page.count("{{ config.static.url }}fonts/RobotoMono") == 3  # preload, two faces

"""How caseroom ends on `kill` (SIGTERM), a hangup (SIGHUP) or a terminal that went away.

The clean way out is the app's own, on its event loop: save, leave the app's screen, give the
terminal back. But once the terminal is gone, Textual's shutdown can block for good writing
to it (its writer thread dies on the first write, its queue fills and nothing empties it; the
SIGCONT that comes with a hangup even has Textual's driver start its screen over), and with the
event loop blocked nothing that runs on the loop runs again: the process would hang, holding
the session's lock, deaf to further signals. A key's frame being written when the terminal
goes is enough.

So the way out does not depend on the event loop. A watcher thread, started before the app,
wakes on
- SIGTERM or SIGHUP: `signal.set_wakeup_fd` has C's signal handler write the signal's number
  to a socket whatever the main thread is doing (the Python-level handler, which runs in the
  main thread between two bytecodes, writes it again in case someone took the wakeup fd);
- the terminal going away: `poll` reports POLLHUP or POLLERR on it (a closed window or a pty
  whose other side was closed, also when no SIGHUP comes because it is not our controlling
  terminal).

On Windows there is no SIGHUP, `poll` or `termios`: SIGBREAK (Ctrl+Break) ends caseroom as
SIGTERM does, the watcher waits on the socket alone (with `select`, which takes only sockets
there, hence a socket pair and not a pipe, on every platform), and the console is Textual's
driver's to give back.

It then asks the app (thread-safe, on the loop) to end as on a signal, and one of these comes
first:
- the app's clean exit finishes: the process ends as the CLI returns (should one of Textual's
  threads hold up the interpreter's exit, the watcher ends it shortly after);
- the terminal is gone and the app has saved: there is nothing left to restore, and Textual's
  shutdown could only write to the dead terminal, so the watcher ends the process at once;
- GRACE_SECONDS pass: the app is stuck. The watcher saves from its own thread
  (`SessionKeeper.last_save`, under the keeper's lock, which it then keeps), releases the
  session's lock, restores what it can of a terminal that is still there and ends the process
  with `os._exit(128 + signum)`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import signal
import socket
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn

from caseroom.store.keeper import SessionKeeper
from caseroom.store.lock import SessionLock

try:
    import termios
except ImportError:  # Windows
    HAVE_TERMIOS = False
else:
    HAVE_TERMIOS = True

if TYPE_CHECKING:
    from caseroom.ui.app import CaseroomApp


def ending_signals(names: object = signal) -> tuple[int, ...]:
    """The signals that end caseroom among those `names` (the signal module) has: SIGTERM, and
    SIGHUP on POSIX, SIGBREAK (Ctrl+Break) on Windows."""
    found = (getattr(names, name, None) for name in ("SIGTERM", "SIGHUP", "SIGBREAK"))
    return tuple(int(signum) for signum in found if signum is not None)


ENDING_SIGNALS = ending_signals()
HANGUP = int(getattr(signal, "SIGHUP", signal.SIGTERM))  # what a lost terminal counts as
HAVE_POLL = hasattr(select, "poll")  # not on Windows: no watching the terminal there
GRACE_SECONDS = 1.5  # for the app's clean exit, from the signal on
LAST_SAVE_WAIT = 0.3  # for a save under way, before the watcher's own
EXIT_SECONDS = 0.3  # for the interpreter's own exit after the clean exit, at most
CHECK_SECONDS = 0.05  # while waiting: is the terminal gone meanwhile?
GONE = select.POLLHUP | select.POLLERR if HAVE_POLL else 0
# what Textual's LinuxDriver.stop_application_mode undoes (and the modes it enabled), for a
# terminal still there when the app could not give it back itself
RESTORE_TERMINAL = (
    "\x1b[<u"  # the Kitty keyboard protocol off, before leaving the alternate screen
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l"  # mouse reports off
    "\x1b[?2004l"  # bracketed paste off
    "\x1b[?1004l"  # focus reports off
    "\x1b[?7h"  # line wrap on
    "\x1b[?1049l"  # leave the alternate screen
    "\x1b[?25h"  # show the cursor
)


class Ending:
    """Ends the CLI's caseroom within about GRACE_SECONDS of a signal or a lost terminal,
    saved and unlocked, also when the app's event loop is stuck (see the module's docstring).

    `install()` before `app.run()` (in the main thread); the app `attach()`es its loop and
    its own way to end on a signal once it runs; `finish(code)` after `app.run()` returns.
    """

    def __init__(
        self, keeper: SessionKeeper, lock: SessionLock, *, grace: float = GRACE_SECONDS
    ) -> None:
        self.keeper = keeper
        self.lock = lock
        self.grace = grace
        self._state = threading.Condition()
        self._request: Callable[[int], None] | None = None
        self._answered = False  # the app ran its end-on-a-signal (and saved, if it could)
        self._finished: int | None = None  # the exit code, once the clean exit is done
        self._forcing = False
        self._wake_read: socket.socket | None = None
        self._wake_write: socket.socket | None = None
        self._ttys: list[int] = []
        self._tty_modes: list[Any] | None = None
        self._thread: threading.Thread | None = None

    # --- the main thread ----------------------------------------------------------------------

    def install(self) -> Ending:
        """Catch SIGTERM and SIGHUP, and start watching for them and for the terminal."""
        self._ttys = [fd for fd in (0, 1, 2) if HAVE_POLL and _isatty(fd)]
        if 0 in self._ttys and HAVE_TERMIOS:
            with contextlib.suppress(termios.error):
                self._tty_modes = termios.tcgetattr(0)  # as the shell left it
        wake_write = self.open_wakeup()
        signal.set_wakeup_fd(wake_write.fileno(), warn_on_full_buffer=False)
        for signum in ENDING_SIGNALS:
            signal.signal(signum, self._on_signal)
        self._thread = threading.Thread(target=self._watch, name="caseroom-ending", daemon=True)
        self._thread.start()
        return self

    def open_wakeup(self) -> socket.socket:
        """The socket pair a signal's number comes through; its writing end."""
        self._wake_read, self._wake_write = socket.socketpair()
        self._wake_read.setblocking(False)
        self._wake_write.setblocking(False)
        return self._wake_write

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        """Python's handler: no lock, no allocation to wait for, just one byte more."""
        if self._wake_write is not None:
            with contextlib.suppress(OSError):
                self._wake_write.send(bytes([signum]))

    def attach(self, loop: asyncio.AbstractEventLoop, end: Callable[[int], None]) -> None:
        """The running app: on a signal, `end(signum)` is called on `loop` (it saves and exits)."""

        def request(signum: int) -> None:
            loop.call_soon_threadsafe(self._answer, end, signum)

        with self._state:
            self._request = request
            self._state.notify_all()

    def detach(self) -> None:
        """The app is closing: nothing on its loop is to be asked any more."""
        with self._state:
            self._request = None

    def _answer(self, end: Callable[[int], None], signum: int) -> None:
        try:
            end(signum)
        finally:
            with self._state:
                self._answered = True
                self._state.notify_all()

    def finish(self, code: int) -> None:
        """`app.run()` returned: release the session's lock, unless the watcher is ending the
        process already (it then saves and releases itself)."""
        with self._state:
            forcing = self._forcing
            if not forcing:
                self._finished = code
                self._state.notify_all()
        if forcing and self._thread is not None:
            self._thread.join(self.grace)  # it ends the process
        self.lock.release()

    # --- the watcher's thread -----------------------------------------------------------------

    def _watch(self) -> None:
        signum = self._wait_for_the_end()
        try:
            self._end(signum)
        finally:
            os._exit(128 + signum)  # only if something went wrong on the way: end all the same

    def _end(self, signum: int) -> NoReturn:
        deadline = time.monotonic() + self.grace
        asked = False
        with self._state:
            while self._finished is None:
                if self._request is not None and not asked:
                    asked = True
                    with contextlib.suppress(RuntimeError):  # a loop closed meanwhile
                        self._request(signum)
                gone = self._answered and self.keeper.saved and self._terminal_gone()
                left = deadline - time.monotonic()
                if gone or left <= 0:
                    self._forcing = True
                    break
                self._state.wait(min(left, CHECK_SECONDS))
            code = self._finished
        if code is None:
            self._force(signum)
        # the clean exit is done and the lock released: the interpreter should end by itself
        time.sleep(max(deadline - time.monotonic(), 0.0) + EXIT_SECONDS)
        os._exit(code)

    def _wait_for_the_end(self) -> int:
        """Block until SIGTERM or SIGHUP comes, or the terminal goes (SIGHUP then)."""
        assert self._wake_read is not None, "open_wakeup() first"
        wake = self._wake_read.fileno()
        if not HAVE_POLL:  # Windows: the signals only
            while True:
                select.select([wake], [], [])
                if (signum := self._ending_signal()) is not None:
                    return signum
        poller = select.poll()
        poller.register(wake, select.POLLIN)
        for fd in self._ttys:
            poller.register(fd, 0)  # POLLHUP and POLLERR are always reported
        while True:
            for fd, events in poller.poll():
                if fd == wake:
                    if (signum := self._ending_signal()) is not None:
                        return signum
                elif events & GONE:
                    return HANGUP
                else:
                    poller.unregister(fd)  # POLLNVAL: closed under us, nothing to watch

    def _ending_signal(self) -> int | None:
        """The first ending signal among the numbers that came, if any."""
        assert self._wake_read is not None
        try:
            data = self._wake_read.recv(256)
        except BlockingIOError:
            return None
        for byte in data:
            if byte in ENDING_SIGNALS:
                return byte
        return None  # another signal with a Python handler (SIGWINCH, SIGCONT...): not ours

    def _terminal_gone(self) -> bool:
        if not self._ttys:
            return False
        poller = select.poll()
        for fd in self._ttys:
            poller.register(fd, 0)
        return any(events & GONE for _, events in poller.poll(0))

    def _force(self, signum: int) -> NoReturn:
        """The app did not end in time (or the terminal is gone): end the process from here."""
        saved = self.keeper.last_save(LAST_SAVE_WAIT)
        self.lock.release()
        if not self._terminal_gone():
            error = None if saved else self.keeper.error
            self._restore_terminal(f"caseroom: {error}\n" if error else "")
        os._exit(128 + signum)

    def _restore_terminal(self, message: str) -> None:
        """Best effort, and never blocking: the terminal may not be reading."""
        if self._tty_modes is not None and HAVE_TERMIOS:
            with contextlib.suppress(termios.error, OSError):
                termios.tcsetattr(0, termios.TCSANOW, self._tty_modes)
        if 2 not in self._ttys:
            return
        with contextlib.suppress(OSError, ValueError):
            _, ready, _ = select.select([], [2], [], 0)
            if ready:
                os.write(2, (RESTORE_TERMINAL + message).encode("utf-8", "replace"))


def _isatty(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False


def run_to_the_end(app: CaseroomApp, lock: SessionLock) -> int:
    """Run the CLI's app until it ends, however it ends; its exit code. The session's lock is
    released on the way out (by the watcher when the exit had to be forced)."""
    ending = Ending(app.keeper, lock).install()
    app.ending = ending
    code = 1  # should app.run() raise
    try:
        app.run()
        code = app.return_code or 0
    finally:
        ending.finish(code)
    return code

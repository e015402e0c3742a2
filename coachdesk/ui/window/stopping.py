"""Ending cleanly when the system asks: SIGTERM (a logout, `kill`) and SIGHUP (the
terminal closed).

Python runs a signal handler only when the interpreter gets control, and Qt's event loop
may sleep in C++ for as long as nothing happens on screen. The handler's wake-up byte is
written to a socket that Qt watches, so the loop wakes, the handler runs, and the app
quits the ordinary way: the 1:1 being typed is saved, the journal closed, a demo
journal's temporary folder removed.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class StopOnSignals(QObject):
    """Call ``stop`` once when a stop signal arrives; :attr:`requested` says if one did."""

    def __init__(self, stop: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.requested = False
        self._stop = stop
        self._previous: dict[int, object] = {}
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._old_wakeup = signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        for number in STOP_SIGNALS:
            self._previous[number] = signal.signal(number, self._handle)

    def _handle(self, number: int, frame: FrameType | None) -> None:
        if not self.requested:
            self.requested = True
            # From the event loop: a signal during start-up (the window still being
            # built) would otherwise ask Qt to quit before its loop runs, which Qt
            # ignores, and the app would stay open.
            QTimer.singleShot(0, self, self._stop)

    def _woken(self) -> None:
        # Reading the byte is all: Python has already run (or now runs) the handler.
        with contextlib.suppress(OSError):
            self._reader.recv(64)

    def close(self) -> None:
        """Put the previous handlers back and stop watching."""
        self._notifier.setEnabled(False)
        for number, handler in self._previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]
        signal.set_wakeup_fd(self._old_wakeup)
        self._reader.close()
        self._writer.close()

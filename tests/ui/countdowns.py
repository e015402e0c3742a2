"""Timers on a clock the test moves, for the autosaver: no test waits for real time."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject


class ManualCountdown:
    """A one-shot timer that runs out when :class:`ManualTime` passes its deadline."""

    def __init__(
        self, time: ManualTime, interval_ms: int, on_timeout: Callable[[], object]
    ) -> None:
        self.time, self.interval_ms, self.on_timeout = time, interval_ms, on_timeout
        self.deadline: int | None = None

    def start(self) -> None:
        self.deadline = self.time.now_ms + self.interval_ms

    def stop(self) -> None:
        self.deadline = None

    def isActive(self) -> bool:  # as QTimer names it
        return self.deadline is not None


class ManualTime:
    """Makes :class:`ManualCountdown` s (pass it as ``countdowns=``) and moves their clock."""

    def __init__(self) -> None:
        self.now_ms = 0
        self.countdowns: list[ManualCountdown] = []

    def __call__(
        self, _parent: QObject, interval_ms: int, on_timeout: Callable[[], object]
    ) -> ManualCountdown:
        countdown = ManualCountdown(self, interval_ms, on_timeout)
        self.countdowns.append(countdown)
        return countdown

    def advance(self, ms: int) -> None:
        """Move the clock on by ``ms``, running out every countdown due on the way, in order."""
        end = self.now_ms + ms
        while True:
            due = [c for c in self.countdowns if c.deadline is not None and c.deadline <= end]
            if not due:
                break
            first = min(due, key=lambda c: c.deadline or 0)
            self.now_ms = first.deadline or self.now_ms
            first.deadline = None
            first.on_timeout()
        self.now_ms = end

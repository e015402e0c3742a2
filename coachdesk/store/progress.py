"""How far a long operation is, told to whoever started it, and stopping it when that is safe.

An operation that can take seconds (protecting the journal, a restore, a large import)
takes an optional ``progress`` callback: ``progress(done, total) -> bool``, in the
convention the prep-sheet pack uses. It is always called on the thread that started the
operation (the window's, in the app), at most about fifty times a second, so it may
repaint a window; ``total`` is :data:`SCALE` for these operations. Returning False asks
the operation to stop: where stopping leaves nothing half-done (a new file not yet
renamed into place, an import's transaction not yet committed) it raises
:class:`Cancelled` with everything as it was; past that point it carries on to the end.

The work itself either runs on the calling thread and reports between its steps (an
import, row by row), or runs on a worker thread that opens connections of its own while
the calling thread waits, reports and keeps its window painting (a conversion, a
restore): a SQLite connection is only ever used by the thread that opened it, and the
caller's thread is never inside SQLite while it reports.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from coachdesk.store.errors import sqlite_errors

Progress = Callable[[int, int], bool]
"""``progress(done, total)``: False asks the operation to stop."""

SCALE = 1000
# The caller hears at most this often; the rest of the time goes to the work.
TELL_EVERY_S = 0.02
# How often a waiting caller looks at a worker's progress.
POLL_S = 0.025
# SQLite virtual-machine steps between two looks at a stop request (a few ms).
HANDLER_STEPS = 10_000

T = TypeVar("T")


class Cancelled(Exception):
    """The operation stopped on request before it changed anything."""


class Tracker:
    """One operation's progress: its stages, how far the current one is, a stop request.

    ``stages`` are (name, weight) pairs in the order they run; a weight is the stage's
    share of the whole (measured times, roughly). Stages and parts may be set from any
    thread; only the thread that made the tracker calls ``progress``.
    """

    def __init__(self, progress: Progress | None, stages: Sequence[tuple[str, float]]) -> None:
        self._progress = progress
        self._owner = threading.get_ident()
        whole = sum(weight for _, weight in stages) or 1.0
        self._spans: dict[str, tuple[float, float]] = {}
        start = 0.0
        for name, weight in stages:
            self._spans[name] = (start / whole, weight / whole)
            start += weight
        self._span = (0.0, 0.0)
        self._part = 0.0
        self._measure: Callable[[], float] | None = None
        self._told = -1.0
        self.stoppable = True
        self.stop_requested = False

    @property
    def reporting(self) -> bool:
        """True when somebody listens (a progress callback was given)."""
        return self._progress is not None

    # ----------------------------------------------------------------- where it is

    def stage(self, name: str, measure: Callable[[], float] | None = None) -> None:
        """Begin stage ``name``; ``measure()``, if given, says how far it is (0 to 1)."""
        self._span = self._spans[name]
        self._part = 0.0
        self._measure = measure

    def part(self, fraction: float) -> None:
        """Say how far the current stage is, from 0 to 1."""
        self._part = fraction

    def done(self) -> int:
        """How far the whole operation is, out of :data:`SCALE`."""
        fraction = self._part
        measure = self._measure
        if measure is not None:
            with contextlib.suppress(OSError, ValueError, ZeroDivisionError):
                fraction = max(fraction, measure())
        start, width = self._span
        return int(SCALE * (start + width * min(max(fraction, 0.0), 1.0)))

    # ----------------------------------------------------------------- telling

    def tell(self, *, now: bool = False) -> None:
        """Report to the caller (on its thread, not too often); raise :class:`Cancelled`
        if a stop was asked for while stopping is safe."""
        self._report(now=now)
        self.check()

    def _report(self, *, now: bool = False) -> None:
        if self._progress is not None and threading.get_ident() == self._owner:
            moment = time.monotonic()
            if now or moment - self._told >= TELL_EVERY_S:
                self._told = moment
                if not self._progress(self.done(), SCALE):
                    self.stop_requested = True

    def each(self, items: Sequence[T]) -> Iterator[T]:
        """Go through ``items``, the current stage going by one item at a time.

        Tells as it goes, so a stop asked for between two items raises :class:`Cancelled`.
        """
        total = len(items)
        for n, item in enumerate(items):
            self.part(n / total)
            self.tell()
            yield item
        self.part(1.0)

    def relay(self, stage: str) -> Progress:
        """A ``progress`` for a step of this operation that reports on its own: its
        ``done`` of ``total`` becomes how far ``stage`` is, and a stop asked of this
        tracker is passed on to it."""

        def progress(done: int, total: int) -> bool:
            if self._span != self._spans[stage]:
                self.stage(stage)
            self.part(done / total if total else 0.0)
            self._report()
            return not self.stop_requested

        return progress

    def finish(self) -> None:
        """Report the whole operation done."""
        self._span, self._part, self._measure = (1.0, 0.0), 0.0, None
        if self._progress is not None and threading.get_ident() == self._owner:
            self._progress(SCALE, SCALE)

    def check(self) -> None:
        """Raise :class:`Cancelled` if a stop was asked for while stopping is safe."""
        if self.stop_requested and self.stoppable:
            raise Cancelled

    def no_way_back(self) -> None:
        """Stop now if asked to; from here on the operation finishes whatever is asked."""
        self.check()
        self.stoppable = False

    # ----------------------------------------------------------------- running

    def run(self, work: Callable[[], T]) -> T:
        """Run ``work`` and return what it returns, reporting meanwhile.

        With somebody listening, on the tracker's own thread, ``work`` runs on a worker
        thread (it must open every connection it uses itself) while this thread reports
        every few hundredths of a second; otherwise it simply runs here. Whatever
        ``work`` raises is raised here, after it has ended.
        """
        if self._progress is None or threading.get_ident() != self._owner:
            return work()
        outcome: list[T] = []
        failure: list[BaseException] = []

        def target() -> None:
            try:
                outcome.append(work())
            except BaseException as exc:  # handed to the waiting thread
                failure.append(exc)

        worker = threading.Thread(target=target, name="coachdesk-work", daemon=True)
        worker.start()
        try:
            while worker.is_alive():
                worker.join(POLL_S)
                if worker.is_alive() and not self._progress(self.done(), SCALE):
                    self.stop_requested = True
        finally:
            # Whatever happened here, the work is never left running on its own.
            if worker.is_alive():
                self.stop_requested = True
                worker.join()
        if failure:
            raise failure[0]
        return outcome[0]

    @contextlib.contextmanager
    def watching(self, conn: sqlite3.Connection) -> Iterator[None]:
        """Let a stop request interrupt the SQLite statements run on ``conn`` in the block.

        For a connection the work opened itself (never the journal's own: its statements
        may be in the middle of a transaction). An interrupted statement is raised as
        :class:`Cancelled`.
        """

        def handler() -> int:
            return 1 if self.stop_requested and self.stoppable else 0

        conn.set_progress_handler(handler, HANDLER_STEPS)
        try:
            yield
        except sqlite_errors() as exc:
            if self.stop_requested and self.stoppable:
                raise Cancelled from exc
            raise
        finally:
            conn.set_progress_handler(None, 0)


def file_share(path: Path, expected: int) -> Callable[[], float]:
    """A measure for :meth:`Tracker.stage`: how much of ``expected`` bytes ``path`` holds."""

    def measure() -> float:
        return path.stat().st_size / expected if expected > 0 else 0.0

    return measure


def watched(
    tracker: Tracker | None, conn: sqlite3.Connection
) -> contextlib.AbstractContextManager[None]:
    """:meth:`Tracker.watching` when there is a tracker; nothing otherwise."""
    return tracker.watching(conn) if tracker is not None else contextlib.nullcontext()

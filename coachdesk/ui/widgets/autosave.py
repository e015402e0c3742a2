"""Autosave: every edit reaches the journal within a second, without ever asking.

An edit starts two timers: a short idle timer, restarted by each keystroke, and a
maximum-wait timer that is not restarted, so continuous typing is still written at
least once a second. Focus changes, switching reps and closing flush at once. A write
that fails keeps the text (both in the editor and here), says so, and retries.

The timers are Qt's unless others are passed in (``countdowns``): tests pass timers
that run on a clock of their own, so they never wait for real time to pass.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from coachdesk.store.errors import KnownProblem

IDLE_MS = 400
MAX_WAIT_MS = 1000
RETRY_MS = 2000

Value = str | Callable[[], str]
SaveFn = Callable[[int, dict[str, str]], None]


class Countdown(Protocol):
    """A one-shot timer: ``start`` (again) counts its interval down from the start."""

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def isActive(self) -> bool: ...


# Makes a countdown of ``interval_ms`` that calls ``on_timeout`` when it runs out.
Countdowns = Callable[[QObject, int, Callable[[], object]], Countdown]


def qt_countdown(parent: QObject, interval_ms: int, on_timeout: Callable[[], object]) -> QTimer:
    """A single-shot :class:`QTimer` owned by ``parent``."""
    timer = QTimer(parent, singleShot=True, interval=interval_ms)
    timer.timeout.connect(on_timeout)
    return timer


class SaveState(Enum):
    """What the indicator says."""

    SAVED = "saved"
    PENDING = "pending"
    SAVING = "saving"
    FAILED = "failed"


class Autosaver(QObject):
    """Collects changed fields per record and writes them through ``save``."""

    state_changed = Signal(object, str)  # SaveState, message

    def __init__(
        self,
        save: SaveFn,
        parent: QObject | None = None,
        *,
        idle_ms: int = IDLE_MS,
        max_wait_ms: int = MAX_WAIT_MS,
        retry_ms: int = RETRY_MS,
        countdowns: Countdowns = qt_countdown,
    ) -> None:
        super().__init__(parent)
        self._save = save
        # (record id, field) -> a getter while the editor shows it, or the text itself
        self._pending: dict[tuple[int, str], Value] = {}
        self.state = SaveState.SAVED
        self.message = ""
        self._idle = countdowns(self, idle_ms, self.flush)
        self._max_wait = countdowns(self, max_wait_ms, self.flush)
        self._retry = countdowns(self, retry_ms, self.flush)

    @property
    def has_pending(self) -> bool:
        """True while some edit has not reached the journal."""
        return bool(self._pending)

    def changed(self, record_id: int, field: str, value: Value) -> None:
        """Note that ``field`` of ``record_id`` changed; ``value`` may be a getter."""
        self._pending[(record_id, field)] = value
        self._idle.start()
        if not self._max_wait.isActive():
            self._max_wait.start()
        if self.state is not SaveState.FAILED:
            self._set_state(SaveState.PENDING, "")

    def detach(self, record_id: int) -> None:
        """Freeze the current text of a record's fields (its editor is about to change)."""
        for key, value in list(self._pending.items()):
            if key[0] == record_id and callable(value):
                self._pending[key] = value()

    def flush(self) -> bool:
        """Write everything pending now; return True when nothing is left unsaved."""
        self._idle.stop()
        self._max_wait.stop()
        if not self._pending:
            return True
        snapshot = {
            key: (value() if callable(value) else value) for key, value in self._pending.items()
        }
        by_record: dict[int, dict[str, str]] = {}
        for (record_id, field), text in snapshot.items():
            by_record.setdefault(record_id, {})[field] = text
        self._set_state(SaveState.SAVING, "")
        for record_id, changes in by_record.items():
            try:
                self._save(record_id, changes)
            except KnownProblem as problem:
                self._keep(record_id, changes)
                self._set_state(SaveState.FAILED, str(problem))
                self._retry.start()
                return False
            except BaseException:
                # A bug: the text is kept and the indicator says it is not saved; the
                # problem log gets the error. No retry: the same bug would only repeat.
                self._keep(record_id, changes)
                self._set_state(
                    SaveState.FAILED,
                    self.tr(
                        "Something went wrong. Your text is kept; it is saved again "
                        "with your next change."
                    ),
                )
                raise
            for field in changes:
                self._pending.pop((record_id, field), None)
        self._retry.stop()
        self._set_state(SaveState.SAVED, "")
        return True

    def _keep(self, record_id: int, changes: dict[str, str]) -> None:
        """Keep a record's text as it is now, so a later editor change cannot lose it."""
        for field, text in changes.items():
            current = self._pending.get((record_id, field))
            if not callable(current):
                self._pending[(record_id, field)] = text

    def _set_state(self, state: SaveState, message: str) -> None:
        if state is self.state and message == self.message:
            return
        self.state, self.message = state, message
        self.state_changed.emit(state, message)


class SaveIndicator(QLabel):
    """Says what an :class:`Autosaver` is doing: Saved, Saving…, Not saved — retrying.

    The reason a save failed is in the tooltip.
    """

    def __init__(
        self, autosaver: Autosaver, accessible_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        autosaver.state_changed.connect(self.show_state)
        self.show_state(autosaver.state, autosaver.message)

    def show_state(self, state: SaveState, message: str) -> None:
        """Show ``state`` in words, with ``message`` as the tooltip."""
        self.setText(
            {
                SaveState.SAVED: self.tr("Saved"),
                SaveState.PENDING: self.tr("Saving…"),
                SaveState.SAVING: self.tr("Saving…"),
                SaveState.FAILED: self.tr("Not saved — retrying"),
            }[state]
        )
        self.setToolTip(message)

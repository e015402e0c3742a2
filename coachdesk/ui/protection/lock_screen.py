"""Locking the window of a protected journal: now (Ctrl+L), or after idle minutes.

Locking saves what is being typed, closes dialogs, puts an unlock screen in place of
everything the window shows, and closes the journal's connection, forgetting its key.
The writer lock stays held while locked: the journal is still this window's, so a
second coachdesk is told it is open rather than taking it over underneath unsaved work.

Idle time is measured by the wall clock (``time.time``), not by a timer's own count:
timers stop while the computer sleeps, so the first tick after waking sees the whole
time away and locks at once when it was longer than the limit.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled import settings_schema as schema
from coachdesk.store.errors import KnownProblem, WrongPassphrase

if TYPE_CHECKING:
    from coachdesk.ui.window.main_window import MainWindow

TICK_MS = 15_000
SUSPEND_RETRY_MS = 200

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.HoverMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatch(QObject):
    """Emits :attr:`idle` once the user has been away ``idle_seconds`` by the wall clock."""

    idle = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        idle_seconds: float = 600,
        tick_ms: int = TICK_MS,
        now: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self.idle_seconds = idle_seconds
        self.now = now
        self.last_input = now()
        self._timer = QTimer(self, interval=tick_ms)
        self._timer.timeout.connect(self.tick)

    @property
    def running(self) -> bool:
        """True while watching."""
        return self._timer.isActive()

    def start(self) -> None:
        """Watch input from now on, starting the count afresh."""
        self.last_input = self.now()
        if not self._timer.isActive():
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self._timer.start()

    def stop(self) -> None:
        """Stop watching."""
        if self._timer.isActive():
            self._timer.stop()
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)

    def set_tick_ms(self, tick_ms: int) -> None:
        """How often the wall clock is looked at."""
        self._timer.setInterval(tick_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self.last_input = self.now()
        return False

    def tick(self) -> None:
        """Look at the clock; emit :attr:`idle` if the user has been away long enough."""
        moment = self.now()
        if moment < self.last_input:
            self.last_input = moment  # the clock was set back: count from now
        if moment - self.last_input >= self.idle_seconds:
            self.idle.emit()


class LockScreen(QWidget):
    """All a locked window shows: the passphrase field and nothing of the journal."""

    unlocked = Signal()

    def __init__(self, attempt: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._attempt = attempt
        title = QLabel(self.tr("coachdesk is locked"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        body = QLabel(
            self.tr(
                "The journal is closed. Type its passphrase to continue. A forgotten "
                "passphrase cannot be recovered."
            ),
            self,
        )
        body.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(self.tr("Passphrase"))
        self.field.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhSensitiveData
        )
        self.field.setMaximumWidth(360)
        self.field.returnPressed.connect(self.submit)
        self.button = QPushButton(self.tr("&Unlock"), self)
        self.button.setAccessibleName(self.tr("Unlock"))
        self.button.clicked.connect(self.submit)
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Problem with the passphrase"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(body)
        layout.addSpacing(12)
        layout.addWidget(self.field)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error)
        layout.addStretch(2)

    def submit(self) -> None:
        """Try the typed passphrase; stay locked with a message if it does not fit."""
        passphrase = self.field.text()
        if not passphrase:
            return
        try:
            self._attempt(passphrase)
        except WrongPassphrase as wrong:
            self.error.setText(wrong.what)
            self.field.selectAll()
            self.field.setFocus()
            return
        except KnownProblem as problem:
            self.error.setText(str(problem))
            return
        finally:
            passphrase = ""
        self.field.clear()
        self.error.clear()
        self.unlocked.emit()


class WindowLock(QObject):
    """Locks and unlocks a :class:`MainWindow` on a protected journal."""

    locked_changed = Signal(bool)

    def __init__(
        self,
        window: MainWindow,
        *,
        now: Callable[[], float] = time.time,
        tick_ms: int = TICK_MS,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.idle = IdleWatch(self, now=now, tick_ms=tick_ms)
        self.idle.idle.connect(self.lock)
        self.locked = False
        self.screen: LockScreen | None = None
        self._content: QWidget | None = None
        self._enabled: dict[QAction, bool] = {}
        self._suspend_timer = QTimer(self, singleShot=True, interval=SUSPEND_RETRY_MS)
        self._suspend_timer.timeout.connect(self._suspend_when_safe)
        self.refresh()

    def refresh(self) -> None:
        """Follow the journal: Lock only for a protected one, auto-lock as set."""
        journal = self.window.journal
        protected = journal.protected and not self.locked
        self.window.lock_action.setEnabled(protected)
        minutes = schema.read(journal, schema.AUTO_LOCK_MINUTES) if protected else None
        if minutes:
            self.idle.idle_seconds = minutes * 60
            self.idle.start()
        elif not self.locked:
            self.idle.stop()

    def lock(self) -> None:
        """Save, hide everything, close the journal; the passphrase brings it back."""
        window = self.window
        if self.locked or not window.journal.protected:
            return
        self.locked = True
        self.idle.stop()
        if not window.is_ready:
            # The page chosen after the first paint reads the journal: choose it now,
            # while the journal is still open.
            window.finish_opening()
        window.autosaver.flush()
        for widget in QApplication.topLevelWidgets():
            if widget is window or not widget.isVisible():
                continue
            if isinstance(widget, QDialog):
                widget.reject()  # Cancel: a dialog writes only on OK
            elif isinstance(widget, QMenu):
                widget.close()
            else:
                widget.hide()
        self._enabled = {a: a.isEnabled() for a in window.findChildren(QAction)}
        for action in self._enabled:
            action.setEnabled(False)
        window.menuBar().hide()
        window.toolbar.hide()
        window.statusBar().clearMessage()
        self._content = window.takeCentralWidget()
        if self._content is not None:
            self._content.hide()
        self.screen = LockScreen(self._try_passphrase, window)
        self.screen.unlocked.connect(self.unlock)
        window.setCentralWidget(self.screen)
        # Shown now, not on the next turn of the event loop (where Qt would show a new
        # central widget): there is never a moment with nothing on the window.
        self.screen.show()
        window.setWindowTitle(window.tr("coachdesk — locked"))
        self.screen.field.setFocus()
        self._suspend_when_safe()
        self.locked_changed.emit(True)

    def _suspend_when_safe(self) -> None:
        """Close the journal once nothing is left to save and no dialog is unwinding.

        A dialog rejected by :meth:`lock` returns from its ``exec()`` only after this
        event; the code after it may still read the journal, so the connection closes
        on a later turn. Text that could not be saved (a full disk) keeps the journal
        open and is retried until it is written.
        """
        if not self.locked:
            return
        journal = self.window.journal
        if journal.suspended:
            return
        modal = QApplication.activeModalWidget()
        if (modal is not None and modal.isVisible()) or not self.window.autosaver.flush():
            self._suspend_timer.start()
            return
        journal.suspend()

    def _try_passphrase(self, passphrase: str) -> None:
        journal = self.window.journal
        if journal.suspended:
            journal.resume(passphrase)
        else:
            from coachdesk.store import protection

            protection.check_journal_passphrase(journal, passphrase)

    def unlock(self) -> None:
        """Put the window back as it was (the passphrase was right)."""
        window = self.window
        if not self.locked:
            return
        self._suspend_timer.stop()
        self.locked = False
        screen = window.takeCentralWidget()
        if screen is not None:
            screen.deleteLater()
        self.screen = None
        if self._content is not None:
            window.setCentralWidget(self._content)
            self._content.show()
            self._content = None
        for action, enabled in self._enabled.items():
            action.setEnabled(enabled)
        self._enabled = {}
        window.menuBar().show()
        window.toolbar.show()
        window.reload()
        window.update_title()
        self.refresh()
        self.locked_changed.emit(False)

"""How far a long operation is: a small dialog that shows up only when it takes a while.

The store's long operations (protecting the journal, a restore, an import, an export, the
prep-sheet pack) take a ``progress(done, total) -> bool`` callback
(:mod:`coachdesk.store.progress`). :meth:`ProgressDialog.tell` is that callback: it moves
the bar, lets the window repaint and its timers run, and says whether to go on.

Until the dialog shows (after :data:`SHOW_AFTER_MS`; a quick operation never shows it)
clicks and keys wait: only painting and timers go through, so nothing can be started
on a journal that is half-way through something. Once shown it is modal for the whole
application. Where stopping is safe it has Cancel (Esc too); where it is not, it says
"Please wait", has no button and cannot be closed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# A quicker operation shows no dialog at all; a slower one shows it after this long.
SHOW_AFTER_MS = 700

Steps = Callable[[int, int], str]
"""Words for how far it is ("Sheet 3 of 40"), from ``done`` and ``total``."""


class ProgressDialog(QDialog):
    """A label, a bar and (where stopping is safe) Cancel, for one long operation.

    Pass :meth:`tell` to the operation as its ``progress``; call :meth:`finish` when it
    has ended, whichever way (or use :func:`progress_of`).
    """

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        can_cancel: bool,
        steps: Steps | None = None,
        show_after_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        # Only the title: no close button where closing would mean nothing.
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, can_cancel)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.can_cancel = can_cancel
        self.cancel_requested = False
        self._steps = steps
        self._show_after_ms = SHOW_AFTER_MS if show_after_ms is None else show_after_ms
        self._clock = QElapsedTimer()
        self._clock.start()

        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setText(text if can_cancel else self.tr("Please wait: %s") % text)
        self.label.setAccessibleName(self.tr("What is being done"))
        self.steps_label = QLabel(self)
        self.steps_label.setTextFormat(Qt.TextFormat.PlainText)
        self.steps_label.setAccessibleName(self.tr("How far it is"))
        self.steps_label.setVisible(steps is not None)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("Progress"))
        self.bar.setRange(0, 0)  # busy until the first report says how far
        self.bar.setTextVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.steps_label)
        layout.addWidget(self.bar)
        self.cancel_button: QPushButton | None = None
        if can_cancel:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
            self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
            self.cancel_button.setAccessibleName(self.tr("Cancel"))
            buttons.rejected.connect(self.reject)
            layout.addWidget(buttons)
        self.setMinimumWidth(420)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._cursor_set = True

    # ----------------------------------------------------------------- the callback

    def tell(self, done: int, total: int) -> bool:
        """Show ``done`` of ``total`` and let the window paint; False once Cancel was
        pressed. A ``total`` of 0 shows a busy bar."""
        if total > 0:
            if self.bar.maximum() != total:
                self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if self._steps is not None:
            self.steps_label.setText(self._steps(done, total))
        if not self.isVisible() and self._clock.elapsed() >= self._show_after_ms:
            self.show()
        if self.isVisible():
            QCoreApplication.processEvents()
        else:
            # Not on screen yet, so not modal yet: clicks and keys wait until it is.
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        return not self.cancel_requested

    def value(self) -> int:
        """How far the bar is."""
        return self.bar.value()

    def maximum(self) -> int:
        """The bar's end (0 while busy)."""
        return self.bar.maximum()

    def finish(self) -> None:
        """Close the dialog for good (the operation has ended)."""
        if self._cursor_set:
            QGuiApplication.restoreOverrideCursor()
            self._cursor_set = False
        self.hide()
        self.deleteLater()

    # ----------------------------------------------------------------- stopping

    def reject(self) -> None:
        """Cancel (or Esc): ask the operation to stop; it closes the dialog when it has."""
        if not self.can_cancel or self.cancel_requested:
            return
        self.cancel_requested = True
        self.label.setText(self.tr("Stopping…"))
        if self.cancel_button is not None:
            self.cancel_button.setEnabled(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window's close button is Cancel; the dialog itself closes only in finish().
        self.reject()
        event.ignore()


@contextmanager
def progress_of(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    can_cancel: bool,
    steps: Steps | None = None,
    show_after_ms: int | None = None,
) -> Iterator[ProgressDialog]:
    """A :class:`ProgressDialog` for the block, closed when the block ends."""
    dialog = ProgressDialog(
        parent, title, text, can_cancel=can_cancel, steps=steps, show_after_ms=show_after_ms
    )
    try:
        yield dialog
    finally:
        dialog.finish()

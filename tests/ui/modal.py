"""Answering modal dialogs from inside their event loop, without ever hanging a test."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


class ModalAnswer:
    """Answers the next modal ``kind`` that opens, from inside its event loop.

    If the handler fails, or no such modal opens in time, whatever modal is open is
    closed so that the test fails instead of hanging.
    """

    def __init__(self, kind: type[QWidget], handle: Callable[[QWidget], None]) -> None:
        self.kind, self.handle = kind, handle
        self.done = False
        self.stopped = False
        self.error: BaseException | None = None
        self._tries = 0
        QTimer.singleShot(0, self._attempt)

    def _attempt(self) -> None:
        if self.stopped or self.done:
            return
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, self.kind):
            self._tries += 1
            if self._tries > 250:
                self.error = AssertionError(f"no {self.kind.__name__} opened")
                if isinstance(widget, QDialog):
                    widget.reject()
                return
            QTimer.singleShot(20, self._attempt)
            return
        self.done = True
        try:
            self.handle(widget)
        except BaseException as exc:
            self.error = exc
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()

    def check(self) -> None:
        """Raise what went wrong in the handler; fail if the modal never opened."""
        self.stopped = True
        if self.error is not None:
            raise self.error
        assert self.done, f"no {self.kind.__name__} opened"

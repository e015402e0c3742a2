"""Sharing mode by keyboard, as a manager (or a rep who has the keyboard) drives it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.modal import ModalAnswer

SHARING_SHORTCUT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def press_sharing_shortcut(qtbot: QtBot, window: QWidget) -> None:
    """Ctrl+Shift+H: into sharing mode, or (after a question) out of it."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # a window shortcut needs its window active
    qtbot.keyClick(window, Qt.Key.Key_H, SHARING_SHORTCUT)


def answer_leaving(qtbot: QtBot, window: QWidget, answer: str = "leave") -> str:
    """Press the shortcut and answer "Leave sharing mode?" by keyboard; return what it said.

    ``answer``: "leave" tabs to "Leave sharing mode" and presses Space; "enter" and
    "escape" press that key (both keep sharing).
    """
    seen: list[str] = []

    def respond(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(f"{box.windowTitle()}\n{box.text()}\n{box.informativeText()}")
        try:
            if answer == "enter":
                qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_Return)
            elif answer == "escape":
                qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_Escape)
            else:
                for _ in range(6):
                    focused = box.focusWidget()
                    if isinstance(focused, QPushButton) and focused.text().startswith("&Leave"):
                        break
                    qtbot.keyClick(focused or box, Qt.Key.Key_Tab)
                focused = box.focusWidget()
                assert isinstance(focused, QPushButton) and "Leave" in focused.text()
                qtbot.keyClick(focused, Qt.Key.Key_Space)
            assert not box.isVisible(), "the question stayed open"
        finally:
            if box.isVisible():
                box.reject()

    modal = ModalAnswer(QMessageBox, respond)
    press_sharing_shortcut(qtbot, window)
    modal.check()
    return seen[0]

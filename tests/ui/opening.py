"""Waiting for the main window to finish opening, on its own signal."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coachdesk.ui.window.main_window import MainWindow


def wait_ready(qtbot: QtBot, window: MainWindow) -> None:
    """Return once ``window`` has said ``ready`` (at once if it already has)."""
    if not window.is_ready:
        with qtbot.waitSignal(window.ready, timeout=10_000):
            pass

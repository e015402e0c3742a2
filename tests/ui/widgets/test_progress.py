"""The progress dialog of long operations: late to show, Cancel only where it is safe."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.ui.widgets import progress
from coachdesk.ui.widgets.progress import ProgressDialog, progress_of


def _parent(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_quick_operation_shows_no_dialog(qtbot: QtBot) -> None:
    with progress_of(_parent(qtbot), "Title", "Working…", can_cancel=True) as dialog:
        for done in range(0, 1001, 100):
            assert dialog.tell(done, 1000)
        assert not dialog.isVisible()
        assert dialog.value() == 1000


def test_a_slow_one_shows_after_a_while_and_esc_asks_it_to_stop(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress, "SHOW_AFTER_MS", 100)
    with progress_of(_parent(qtbot), "Title", "Working…", can_cancel=True) as dialog:
        assert dialog.tell(0, 1000)
        assert not dialog.isVisible()
        deadline = time.monotonic() + 0.12
        while time.monotonic() < deadline:
            dialog.tell(10, 1000)
        assert dialog.tell(20, 1000)
        assert dialog.isVisible() and dialog.isModal()
        assert dialog.cancel_button is not None and dialog.cancel_button.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.tell(30, 1000), "the operation hears the stop"
        assert dialog.isVisible(), "it stays up until the operation has stopped"
        assert dialog.label.text() == "Stopping…"
        assert not dialog.cancel_button.isEnabled()
    assert not _visible_progress()


def _visible_progress() -> list[QWidget]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, ProgressDialog) and w.isVisible()
    ]


def test_where_stopping_is_not_safe_it_says_please_wait_and_cannot_be_closed(
    qtbot: QtBot,
) -> None:
    with progress_of(
        _parent(qtbot), "Title", "backing up.", can_cancel=False, show_after_ms=0
    ) as dialog:
        dialog.tell(0, 0)
        assert dialog.isVisible()
        assert dialog.maximum() == 0, "a busy bar until it says how far"
        assert dialog.label.text() == "Please wait: backing up."
        assert dialog.cancel_button is None
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        dialog.close()
        assert dialog.isVisible()
        assert dialog.tell(500, 1000), "nothing can stop it"


def test_steps_say_how_far_in_words(qtbot: QtBot) -> None:
    with progress_of(
        _parent(qtbot),
        "Title",
        "Laying out…",
        can_cancel=True,
        steps=lambda done, total: f"Sheet {done} of {total}",
    ) as dialog:
        dialog.tell(3, 40)
        assert dialog.steps_label.text() == "Sheet 3 of 40"
        assert (dialog.value(), dialog.maximum()) == (3, 40)

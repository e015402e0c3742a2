"""A page's buttons: named for screen readers, never pressed by Enter in a field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from coachdesk.ui.widgets.buttons import push_button


def test_a_button_is_named_for_screen_readers_and_runs_its_action(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    pressed: list[str] = []
    made = push_button(parent, "History and &compare…", lambda: pressed.append("yes"))
    assert made.parent() is parent
    assert made.accessibleName() == "History and compare"
    assert not made.autoDefault()
    qtbot.mouseClick(made, Qt.MouseButton.LeftButton)
    assert pressed == ["yes"]

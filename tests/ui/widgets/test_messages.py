"""Asking before something is lost, and saying why an edit was refused."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.ui.widgets.messages import confirm, show_problems
from tests.ui.modal import ModalAnswer


def test_confirm_is_yes_only_when_yes_is_chosen(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []

    def choose(text: str) -> ModalAnswer:
        def answer(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            seen.append(box.windowTitle() + ": " + box.text())
            assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
            next(b for b in box.buttons() if b.text().replace("&", "") == text).click()

        return ModalAnswer(QMessageBox, answer)

    answer = choose("Yes")
    assert confirm(parent, "Discard the draft?", "Version 2 will be deleted.")
    answer.check()
    answer = choose("Cancel")
    assert not confirm(parent, "Discard the draft?", "Version 2 will be deleted.")
    answer.check()
    assert seen == ["Discard the draft?: Version 2 will be deleted."] * 2


def test_refused_edits_are_listed_and_nothing_refused_says_nothing(qtbot: QtBot) -> None:
    label = QLabel("Saved.")
    qtbot.addWidget(label)
    show_problems(label, [])
    assert label.text() == "Saved."
    show_problems(label, ["Calls: not a number", "Demos: below zero"])
    assert label.text() == "Nothing was changed:\n• Calls: not a number\n• Demos: below zero"

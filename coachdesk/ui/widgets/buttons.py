"""The push button every page and dialog makes the same way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget


def push_button(parent: QWidget, text: str, slot: Callable[[], object]) -> QPushButton:
    """A button that runs ``slot`` when pressed.

    Screen readers hear its text without the mnemonic's "&" and a trailing "…". It never
    becomes a dialog's default button, so Enter in a field does not press it.
    """
    made = QPushButton(text, parent)
    made.setAccessibleName(text.replace("&", "").rstrip("…"))
    made.setAutoDefault(False)
    made.clicked.connect(slot)
    return made

"""Asking the user before something is lost, and telling them why nothing changed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask a yes/no question; Cancel is the default."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_problems(label: QLabel, problems: Sequence[str]) -> None:
    """Say in ``label`` why an edit was refused, one problem a line; none says nothing."""
    if problems:
        label.setText(_tr("Nothing was changed:") + "\n" + "\n".join(f"• {p}" for p in problems))


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
    details: str = "",
) -> None:
    """A modal message in plain text (names and file paths can hold "<" or "&")."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    box.button(QMessageBox.StandardButton.Ok).setAccessibleName(_tr("OK"))
    box.exec()

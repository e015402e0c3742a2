"""Asking the user before something is lost, and telling them why nothing changed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
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

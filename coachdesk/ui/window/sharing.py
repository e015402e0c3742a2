"""Sharing mode's own windows: whose screen it is, and leaving it only on purpose.

Asking whom to share with happens before sharing starts, so the list of names is the
manager's to see. Leaving asks first, with "Keep sharing" the default: a rep who has the
keyboard and presses Enter or Escape stays on their own pages.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from coachdesk.store.records import Rep


class ShareWithDialog(QDialog):
    """Choose the rep to share the screen with, when no 1:1 says who it is."""

    def __init__(self, reps: list[Rep], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Share the screen"))
        self.setAccessibleName(self.windowTitle())
        text = QLabel(
            self.tr(
                "No 1:1 is under way or scheduled. Whose pages do you want to show? "
                "Only that rep's shared pages will be on screen."
            ),
            self,
        )
        text.setWordWrap(True)
        self.reps = QComboBox(self)
        self.reps.setAccessibleName(self.tr("The rep to share the screen with"))
        for rep in reps:
            self.reps.addItem(rep.name, rep.id)
        buttons = QDialogButtonBox(self)
        share = buttons.addButton(self.tr("&Share"), QDialogButtonBox.ButtonRole.AcceptRole)
        share.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.reps)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def chosen(self) -> int | None:
        """The chosen rep's id."""
        value = self.reps.currentData()
        return int(value) if value is not None else None


def confirm_leaving(parent: QWidget, name: str) -> bool:
    """Ask before leaving sharing mode; True to leave. "Keep sharing" is the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(parent.tr("Leave sharing mode?"))
    box.setText(parent.tr("Stop showing only %s's pages?") % name)
    box.setInformativeText(
        parent.tr(
            "Everything else in your journal comes back on screen: other reps, This week, "
            "flags and private notes. Turn the screen away first if it is still being shown."
        )
    )
    leave = box.addButton(parent.tr("&Leave sharing mode"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(parent.tr("&Keep sharing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is leave

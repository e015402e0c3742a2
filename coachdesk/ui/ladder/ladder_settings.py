"""The Ladder tab of Settings: the five rungs' names and descriptions.

Always five rungs, top to bottom; only their words change. An empty field means the
standard wording. Saving goes through the Settings dialog like every other setting.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from coachdesk.assembled import settings_schema as schema
from coachdesk.store.db import Journal


def _schema_text(text: str) -> str:
    return QCoreApplication.translate(schema.CONTEXT, text)


class LadderSettingsPage(QWidget):
    """Names and one-line descriptions of the five rungs."""

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            self.tr(
                "The co-elevation ladder, from the top (1) to the bottom (5). Reword the rungs "
                "in your team's language; there are always five, and ratings keep their rung."
            ),
            self,
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Rung"), self), 0, 0)
        grid.addWidget(QLabel(self.tr("Name"), self), 0, 1)
        grid.addWidget(QLabel(self.tr("In plain words"), self), 0, 2)
        grid.setColumnStretch(2, 1)
        self.fields: dict[schema.Setting[Any], QLineEdit] = {}
        rows = zip(schema.LADDER_NAMES, schema.LADDER_DESCRIPTIONS, strict=True)
        for number, (name_setting, description_setting) in enumerate(rows, start=1):
            grid.addWidget(QLabel(str(number), self), number, 0)
            for column, setting in ((1, name_setting), (2, description_setting)):
                edit = QLineEdit(schema.read(journal, setting), self)
                edit.setMaxLength(setting.max_length or 200)
                edit.setPlaceholderText(setting.default)
                edit.setAccessibleName(_schema_text(setting.label))
                edit.setToolTip(_schema_text(setting.help))
                grid.addWidget(edit, number, column)
                self.fields[setting] = edit
        self.standard_button = QPushButton(self.tr("Use the &standard words"), self)
        self.standard_button.setAccessibleName(self.tr("Use the standard words for every rung"))
        self.standard_button.setAutoDefault(False)
        self.standard_button.clicked.connect(self.use_standard_words)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.standard_button)
        layout.addStretch(1)

    def use_standard_words(self) -> None:
        """Put the standard names and descriptions back in every field."""
        for setting, edit in self.fields.items():
            edit.setText(setting.default)

    def values(self) -> dict[schema.Setting[Any], object]:
        """The rungs as entered (an empty field reads as the standard words)."""
        return {setting: edit.text().strip() for setting, edit in self.fields.items()}

"""Adding, editing and deleting a rep.

The dialogs only collect what the user types; every read and write goes through the
store's functions.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coachdesk.dates import iso_moment, parse_date, parse_moment, today
from coachdesk.store import reps, settings, teams
from coachdesk.store.backups import purge_all_backups
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem
from coachdesk.store.records import Rep, Team
from coachdesk.store.roster import name_key, tidy
from coachdesk.ui.widgets.qdates import date_entry_format, from_qdate, to_qdate
from coachdesk.ui.widgets.translations import count_suffix

# The store's limits on a cadence (CHECK constraint on reps.cadence_days).
MAX_CADENCE_DAYS = 366
FALLBACK_CADENCE_DAYS = 7


def _tr(text: str) -> str:
    return QCoreApplication.translate("rep_dialog", text)


class RepDialog(QDialog):
    """Add a rep (``rep_id`` is ``None``) or edit one; ``saved_rep_id`` tells what was saved."""

    def __init__(self, journal: Journal, rep_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.rep_id = rep_id
        self.saved_rep_id: int | None = None
        self._rep: Rep | None = reps.get_rep(journal, rep_id) if rep_id is not None else None
        if rep_id is not None and self._rep is None:
            raise LookupError(rep_id)
        self._teams: list[Team] = teams.list_teams(journal)
        default = settings.get_setting(journal, "default_cadence_days", FALLBACK_CADENCE_DAYS)
        self._default_cadence = (
            default
            if isinstance(default, int) and 1 <= default <= MAX_CADENCE_DAYS
            else FALLBACK_CADENCE_DAYS
        )
        self.setWindowTitle(self.tr("New rep") if self._rep is None else self.tr("Edit rep"))
        self.setModal(True)
        self._build()
        if self._rep is not None:
            self._fill(self._rep)
        self._name_changed()
        self._team_changed()

    # ----------------------------------------------------------------- building

    def _build(self) -> None:
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.name_edit.setPlaceholderText(self.tr("Required"))
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_edit.setPlaceholderText(self.tr("e.g. Account Executive"))
        self.email_edit = QLineEdit(self)
        self.email_edit.setAccessibleName(self.tr("Email"))

        self.team_combo = QComboBox(self)
        self.team_combo.setEditable(True)
        # Typing a new team name must not add it to the list before it is saved.
        self.team_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.team_combo.addItem("")
        for team in self._teams:
            self.team_combo.addItem(team.name)
        self.team_combo.setCurrentIndex(0)
        self.team_combo.setAccessibleName(self.tr("Team"))
        self.team_combo.setToolTip(self.tr("Choose a team, or type a new one to create it"))
        line = self.team_combo.lineEdit()
        if line is not None:  # always there once the combo is editable
            line.setPlaceholderText(self.tr("No team"))
            line.setAccessibleName(self.tr("Team"))

        self.start_known = QCheckBox(self.tr("Start date &known"), self)
        self.start_known.setAccessibleName(self.tr("Start date known"))
        self.start_edit = QDateEdit(self)
        self.start_edit.setDisplayFormat(date_entry_format())
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDate(to_qdate(today(self.journal.clock)))
        self.start_edit.setAccessibleName(self.tr("Start date"))
        self.start_edit.setEnabled(False)
        self.start_known.toggled.connect(self.start_edit.setEnabled)

        self.territory_edit = QLineEdit(self)
        self.territory_edit.setAccessibleName(self.tr("Territory"))

        self.cadence_spin = QSpinBox(self)
        # 0 stands for "no cadence of their own": the team's applies.
        self.cadence_spin.setRange(0, MAX_CADENCE_DAYS)
        count_suffix(self.cadence_spin, lambda n: self.tr(" day(s)", "", n))
        self.cadence_spin.setAccessibleName(self.tr("Own 1:1 cadence in days"))
        self.cadence_spin.setToolTip(
            self.tr("Leave at the team's cadence unless this person needs their own rhythm")
        )

        self.next_known = QCheckBox(self.tr("Next 1:1 &planned"), self)
        self.next_known.setAccessibleName(self.tr("Next 1:1 planned"))
        self.next_edit = QDateTimeEdit(self)
        self.next_edit.setDisplayFormat(date_entry_format(time=True))
        self.next_edit.setCalendarPopup(True)
        tomorrow = today(self.journal.clock) + dt.timedelta(days=1)
        self.next_edit.setDateTime(QDateTime(to_qdate(tomorrow), QTime(9, 0)))
        self.next_edit.setAccessibleName(self.tr("Next 1:1 date and time"))
        self.next_edit.setEnabled(False)
        self.next_known.toggled.connect(self.next_edit.setEnabled)

        self.reach_edit = QPlainTextEdit(self)
        self.reach_edit.setAccessibleName(self.tr("How they like to be reached"))
        self.reach_edit.setPlaceholderText(self.tr("e.g. Slack for quick things, call if urgent"))
        # Tab moves on, as in every other field, rather than typing a tab character.
        self.reach_edit.setTabChangesFocus(True)
        lines = self.reach_edit.fontMetrics().lineSpacing()
        self.reach_edit.setFixedHeight(lines * 3 + 12)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_row(form, self.tr("&Name:"), self.name_edit)
        self._add_row(form, self.tr("&Title:"), self.title_edit)
        self._add_row(form, self.tr("&Email:"), self.email_edit)
        self._add_row(form, self.tr("T&eam:"), self.team_combo)
        form.addRow(self._pair(self.start_known, self.start_edit))
        self._add_row(form, self.tr("Te&rritory:"), self.territory_edit)
        self._add_row(form, self.tr("1:1 &every:"), self.cadence_spin)
        form.addRow(self._pair(self.next_known, self.next_edit))
        self._add_row(form, self.tr("How they like to be &reached:"), self.reach_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Add rep") if self._rep is None else self.tr("Save"))
        self.ok_button.setAccessibleName(self.ok_button.text())
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.name_edit.textChanged.connect(self._name_changed)
        self.team_combo.currentTextChanged.connect(self._team_changed)
        self.name_edit.setFocus()
        self.setMinimumWidth(460)

    def _add_row(self, form: QFormLayout, text: str, field: QWidget) -> None:
        label = QLabel(text, self)
        label.setBuddy(field)
        form.addRow(label, field)

    def _pair(self, box: QCheckBox, field: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(box)
        row.addWidget(field, 1)
        return row

    def _fill(self, rep: Rep) -> None:
        self.name_edit.setText(rep.name)
        self.title_edit.setText(rep.title)
        self.email_edit.setText(rep.email)
        team_name = next((t.name for t in self._teams if t.id == rep.team_id), "")
        index = self.team_combo.findText(team_name, Qt.MatchFlag.MatchExactly)
        self.team_combo.setCurrentIndex(max(index, 0))
        if rep.start_date:
            try:
                start = parse_date(rep.start_date)
            except ValueError:
                pass  # an unreadable date stays unset rather than being guessed
            else:
                self.start_edit.setDate(to_qdate(start))
                self.start_known.setChecked(True)
        self.territory_edit.setText(rep.territory)
        self.cadence_spin.setValue(rep.cadence_days or 0)
        if rep.next_meeting_at:
            try:
                when = parse_moment(rep.next_meeting_at)
            except ValueError:
                pass  # an unreadable date stays unset rather than being guessed
            else:
                self.next_edit.setDateTime(
                    QDateTime(to_qdate(when.date()), QTime(when.hour, when.minute, when.second))
                )
                self.next_known.setChecked(True)
        self.reach_edit.setPlainText(rep.reach_by)

    # ----------------------------------------------------------------- reacting

    def _name_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.name_edit.text().strip()))

    def _team_changed(self) -> None:
        chosen = name_key(self.team_combo.currentText())
        team = (
            next((t for t in self._teams if name_key(t.name) == chosen), None) if chosen else None
        )
        if team is not None:
            text = self.tr("Team's cadence (%n day(s))", "", team.cadence_days)
        elif chosen:
            text = self.tr("Team's cadence (a new team: %n day(s))", "", self._default_cadence)
        else:
            text = self.tr("Usual cadence (%n day(s))", "", self._default_cadence)
        self.cadence_spin.setSpecialValueText(text)

    # ----------------------------------------------------------------- values

    def values(self) -> dict[str, Any]:
        """Return the rep's fields as the store takes them (the team by name)."""
        start = (
            from_qdate(self.start_edit.date()).isoformat() if self.start_known.isChecked() else None
        )
        next_at: str | None = None
        if self.next_known.isChecked():
            chosen = self.next_edit.dateTime()
            clock = chosen.time()
            next_at = iso_moment(
                dt.datetime.combine(
                    from_qdate(chosen.date()), dt.time(clock.hour(), clock.minute())
                )
            )
        return {
            "name": tidy(self.name_edit.text()),
            "title": self.title_edit.text().strip(),
            "email": self.email_edit.text().strip(),
            "team": tidy(self.team_combo.currentText()),
            "start_date": start,
            "territory": self.territory_edit.text().strip(),
            "cadence_days": self.cadence_spin.value() or None,
            "next_meeting_at": next_at,
            "reach_by": self.reach_edit.toPlainText().strip(),
        }

    def accept(self) -> None:
        """Save the rep, after a warning if someone else already has the name."""
        fields = self.values()
        if not fields["name"]:
            return
        if not self._confirm_duplicate(fields["name"]):
            self.name_edit.setFocus()
            return
        try:
            self.saved_rep_id = self._save(fields)
        except KnownProblem as problem:
            QMessageBox.warning(self, self.tr("Not saved"), str(problem))
            return
        super().accept()

    def _confirm_duplicate(self, name: str) -> bool:
        if self._rep is not None and name_key(self._rep.name) == name_key(name):
            return True  # the name is not being changed
        key = name_key(name)
        others = [
            rep
            for rep in reps.find_reps(self.journal, name)
            if rep.id != self.rep_id and name_key(rep.name) == key
        ]
        if not others:
            return True
        archived = all(rep.archived_at is not None for rep in others)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Same name"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            (
                self.tr("There is already an archived rep called %s.")
                if archived
                else self.tr("There is already a rep called %s.")
            )
            % others[0].name
        )
        box.setInformativeText(
            self.tr(
                "Two people can share a name. If this is someone else, save anyway; "
                "a title or team helps tell them apart."
            )
        )
        save = box.addButton(self.tr("Save anyway"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Go back"), QMessageBox.ButtonRole.RejectRole)
        save.setAccessibleName(self.tr("Save anyway"))
        back.setAccessibleName(self.tr("Go back"))
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is save

    def _save(self, fields: dict[str, Any]) -> int:
        team_name = fields.pop("team")
        # Two writes: a new team is kept even if saving the rep then fails, which is
        # harmless (an empty team) and keeps the store's functions simple.
        fields["team_id"] = (
            teams.ensure_team(self.journal, team_name, self._default_cadence).id
            if team_name
            else None
        )
        if self._rep is None:
            return reps.add_rep(self.journal, reps.NewRep(**fields)).id
        return reps.update_rep(self.journal, self._rep.id, **fields).id


class DeleteRepDialog(QDialog):
    """Confirm deleting a rep by typing their name; optionally purge older backups."""

    def __init__(self, rep: Rep, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rep = rep
        self.setWindowTitle(self.tr("Delete %s") % rep.name)
        self.setModal(True)

        what = QLabel(self)
        what.setTextFormat(Qt.TextFormat.PlainText)
        what.setWordWrap(True)
        what.setText(
            self.tr(
                "Deleting %s removes everything held on them from the journal: their "
                "details, meetings, notes, private notes and commitments."
            )
            % rep.name
        )
        undo = QLabel(self)
        undo.setTextFormat(Qt.TextFormat.PlainText)
        undo.setWordWrap(True)
        undo.setText(
            self.tr(
                "Edit → Undo brings them back until coachdesk is closed. After that the "
                "deletion is final."
            )
        )
        prompt = QLabel(self.tr("To confirm, type their name (%s):") % rep.name, self)
        prompt.setTextFormat(Qt.TextFormat.PlainText)
        prompt.setWordWrap(True)
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("Type the rep's name to confirm"))
        prompt.setBuddy(self.name_edit)

        self.purge_box = QCheckBox(self.tr("Also &purge older backups that still hold them"), self)
        self.purge_box.setAccessibleName(self.tr("Also purge older backups that still hold them"))
        self.purge_box.setChecked(False)
        purge_text = QLabel(self)
        purge_text.setTextFormat(Qt.TextFormat.PlainText)
        purge_text.setWordWrap(True)
        purge_text.setText(
            self.tr(
                "Otherwise the automatic backups keep them for up to six months, until "
                "the backups are rotated away. Purging deletes every older backup and "
                "takes one fresh backup of the journal without them."
            )
        )

        self.buttons = QDialogButtonBox(self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setAccessibleName(self.tr("Delete %s") % rep.name)
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        # Enter presses Delete once the name is typed, and does nothing before that.
        cancel.setAutoDefault(False)
        self.delete_button.setDefault(True)
        self.delete_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._typed)

        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(undo)
        layout.addSpacing(8)
        layout.addWidget(prompt)
        layout.addWidget(self.name_edit)
        layout.addSpacing(8)
        layout.addWidget(self.purge_box)
        layout.addWidget(purge_text)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.name_edit.setFocus()

    @property
    def purge_backups(self) -> bool:
        """True when the older backups are to be purged too."""
        return self.purge_box.isChecked()

    def name_matches(self) -> bool:
        """True once the rep's name has been typed exactly (outer spaces aside)."""
        typed = unicodedata.normalize("NFC", self.name_edit.text().strip())
        return bool(typed) and typed == unicodedata.normalize("NFC", self.rep.name.strip())

    def _typed(self) -> None:
        self.delete_button.setEnabled(self.name_matches())

    def accept(self) -> None:
        """Close as accepted, but only once the name is typed."""
        if self.name_matches():
            super().accept()


def purge_backups(journal: Journal, parent: QWidget | None = None) -> int:
    """Delete every older backup, keeping one fresh one; return how many were deleted.

    A known problem (a full disk, a folder that cannot be written to) is shown to the
    user instead of being raised, and 0 is returned.
    """
    try:
        return purge_all_backups(journal)
    except KnownProblem as problem:
        QMessageBox.warning(
            parent or QApplication.activeWindow(), _tr("Backups not purged"), str(problem)
        )
        return 0

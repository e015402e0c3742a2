"""File menu actions that move data in or out: roster import, export, and restore.

File choosers go through :func:`_ask_open_file` and :func:`_ask_save_file`, so tests
can answer them without a native dialog.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.dates import today
from coachdesk.imports import load_roster
from coachdesk.paths import ensure_private_dir
from coachdesk.store import transfer
from coachdesk.store.backups import BACKUP_SUFFIX, backup_time, list_backups
from coachdesk.store.db import Journal
from coachdesk.store.errors import ImportProblem, KnownProblem
from coachdesk.store.progress import Cancelled
from coachdesk.store.records import Rep
from coachdesk.ui.widgets import files
from coachdesk.ui.widgets.messages import message_box
from coachdesk.ui.widgets.progress import progress_of
from coachdesk.ui.widgets.qdates import moment_text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` without translating it yet.

    Qt's own returns ``object`` to type checkers; this one keeps the ``str``, and the
    translation tools find it by its name all the same.
    """
    return text


# Marked for translation here, translated where they are shown.
CSV_FILTER = QT_TRANSLATE_NOOP(
    "file_actions", "Spreadsheets and CSV files (*.csv *.txt *.xlsx *.xlsm *.xls *.ods)"
)
JSON_FILTER = QT_TRANSLATE_NOOP("file_actions", "JSON files (*.json)")
JOURNAL_FILTER = QT_TRANSLATE_NOOP(
    "file_actions", "coachdesk journals (*.coachdesk);;All files (*)"
)
# More problem lines than this go into the box's scrollable details.
_INLINE_LINES = 8
_SLUG_LENGTH = 60


def _tr(text: str) -> str:
    return QCoreApplication.translate("file_actions", text)


# ----------------------------------------------------------------- file choosers


def _ask_save_file(
    parent: QWidget | None, caption: str, suggested: Path, filters: str
) -> Path | None:
    """Ask where to save, starting at ``suggested``; ``None`` when the user cancels.

    The dialog itself asks before replacing an existing file.
    """
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), filters)
    return Path(name) if name else None


def _show_problem(parent: QWidget | None, title: str, problem: KnownProblem) -> None:
    message_box(parent, QMessageBox.Icon.Warning, title, problem.what, problem.advice)


# ----------------------------------------------------------------- roster import


def import_roster(parent: QWidget | None, journal: Journal) -> bool:
    """Choose a roster (CSV or workbook) and add its reps, all or nothing; True when reps
    were added."""
    path = files.ask_open_file(parent, _tr("Import roster"), Path.home(), _tr(CSV_FILTER))
    if path is None:
        return False
    try:
        # One transaction: stopped at any point, nothing is imported.
        with progress_of(
            parent,
            _tr("Import roster"),
            _tr("Importing the roster from %s…") % path.name,
            can_cancel=True,
        ) as progress:
            result = load_roster(journal, path, progress=progress.tell)
    except Cancelled:
        _say_stopped(parent, _tr("Import stopped: nothing was imported."))
        return False
    except ImportProblem as problem:
        _show_import_problem(parent, path, problem)
        return False
    except KnownProblem as problem:
        _show_problem(parent, _tr("Roster not imported"), problem)
        return False
    reps_text = QCoreApplication.translate("file_actions", "%n rep(s)", "", result.reps_added)
    if result.teams_created == 0:
        teams_text = _tr("no new teams")
    else:
        teams_text = QCoreApplication.translate(
            "file_actions", "%n new team(s)", "", result.teams_created
        )
    message_box(
        parent,
        QMessageBox.Icon.Information,
        _tr("Roster imported"),
        _tr("Imported %s (%s).") % (reps_text, teams_text),
    )
    return result.reps_added > 0


def _say_stopped(parent: QWidget | None, text: str) -> None:
    """Say in the status bar (or a box, without one) that a stopped operation changed nothing."""
    if isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(text, 10000)
    else:
        message_box(parent, QMessageBox.Icon.Information, _tr("Stopped"), text)


def _show_import_problem(parent: QWidget | None, path: Path, problem: ImportProblem) -> None:
    informative = "\n\n".join(part for part in (problem.what, problem.advice) if part)
    details = ""
    lines = problem.lines
    if len(lines) <= _INLINE_LINES:
        shown = lines
    else:
        # A long list would make the box taller than the screen; the details scroll.
        shown = [
            *lines[:5],
            _tr("… and %d more (all of them under Show Details)") % (len(lines) - 5),
        ]
        details = "\n".join(lines)
    if shown:
        informative += "\n\n" + "\n".join(shown)
    message_box(
        parent,
        QMessageBox.Icon.Warning,
        _tr("Roster not imported"),
        _tr("Nothing was imported from %s; the journal is unchanged.") % path.name,
        informative,
        details,
    )


# ----------------------------------------------------------------- export


class ExportDialog(QDialog):
    """What to export: everything or one person, and whether private notes go too."""

    def __init__(self, rep: Rep | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rep = rep
        self.setWindowTitle(self.tr("Export"))
        self.setModal(True)

        self.everything = QRadioButton(self.tr("&Everything in the journal"), self)
        self.everything.setAccessibleName(self.tr("Export everything in the journal"))
        self.one_person = QRadioButton(self)
        if rep is not None:
            self.one_person.setText(
                self.tr("&Only what is held on %s (for a data-access request)") % rep.name
            )
            self.one_person.setAccessibleName(self.tr("Export only what is held on %s") % rep.name)
        else:
            self.one_person.setText(self.tr("&Only one person (select a rep first)"))
            self.one_person.setAccessibleName(self.tr("Export only one person"))
            self.one_person.setEnabled(False)
        group = QButtonGroup(self)
        group.addButton(self.everything)
        group.addButton(self.one_person)
        self.everything.setChecked(True)

        self.private_box = QCheckBox(self.tr("Include &private notes"), self)
        self.private_box.setAccessibleName(self.tr("Include private notes"))
        self.private_box.setChecked(False)
        self.private_warning = QLabel(self)
        self.private_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.private_warning.setWordWrap(True)
        self.private_warning.setText(
            self.tr(
                "Warning: the file will hold your private notes. Anyone who can open the "
                "file can read them."
            )
        )
        font = self.private_warning.font()
        font.setBold(True)
        self.private_warning.setFont(font)
        self.private_warning.setVisible(False)
        self.private_box.toggled.connect(self.private_warning.setVisible)

        plain = QLabel(self)
        plain.setTextFormat(Qt.TextFormat.PlainText)
        plain.setWordWrap(True)
        plain.setText(
            self.tr(
                "The export file is not encrypted: anyone who can open it can read it. "
                "Keep it somewhere safe and delete it when it has served its purpose."
            )
        )
        self.plain_label = plain

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.export_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setAccessibleName(self.tr("Export"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.everything)
        layout.addWidget(self.one_person)
        layout.addSpacing(8)
        layout.addWidget(self.private_box)
        layout.addWidget(self.private_warning)
        layout.addSpacing(8)
        layout.addWidget(plain)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    @property
    def include_private(self) -> bool:
        """True when private notes are to be exported."""
        return self.private_box.isChecked()

    @property
    def rep_id(self) -> int | None:
        """The one person to export, or ``None`` for everything."""
        if self.rep is not None and self.one_person.isChecked():
            return self.rep.id
        return None


def export_file_name(journal: Journal, rep: Rep | None) -> str:
    """Return the suggested export file name, dated today."""
    day = today(journal.clock).isoformat()
    if rep is None:
        return f"coachdesk-export-{day}.json"
    return f"coachdesk-{_slug(rep.name) or f'rep-{rep.id}'}-{day}.json"


def _slug(name: str) -> str:
    # Accents are dropped so "José" becomes "jose"; letters of other scripts stay, as
    # every current file system takes them; emoji and punctuation go.
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = re.findall(r"[^\W_]+", text.casefold())
    return "-".join(words)[:_SLUG_LENGTH].strip("-")


def _exports_folder(journal: Journal) -> Path:
    folder = journal.paths.exports
    try:
        ensure_private_dir(folder)
    except OSError:
        return Path.home()  # still a sensible place to start the file chooser
    return folder


def export_journal(parent: QWidget | None, journal: Journal, rep: Rep | None) -> Path | None:
    """Export everything, or one person, to a JSON file the user chooses; return its path."""
    dialog = ExportDialog(rep, parent)
    if not dialog.exec():
        return None
    include_private, rep_id = dialog.include_private, dialog.rep_id
    chosen_rep = rep if rep_id is not None else None
    suggested = _exports_folder(journal) / export_file_name(journal, chosen_rep)
    path = _ask_save_file(parent, _tr("Export to"), suggested, _tr(JSON_FILTER))
    if path is None:
        return None
    if not path.suffix:
        path = path.with_name(path.name + ".json")
    try:
        with progress_of(
            parent, _tr("Export"), _tr("Exporting to %s…") % path.name, can_cancel=True
        ) as progress:
            transfer.export_file(
                journal,
                path,
                include_private=include_private,
                rep_id=rep_id,
                progress=progress.tell,
            )
    except Cancelled:
        _say_stopped(parent, _tr("Export stopped: no file was written."))
        return None
    except KnownProblem as problem:
        _show_problem(parent, _tr("Export failed"), problem)
        return None
    if isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(
            _tr("Exported to %s. The file is not encrypted.") % path, 10000
        )
    return path


# ----------------------------------------------------------------- restore


REASON_LABELS = {
    "daily": QT_TRANSLATE_NOOP("file_actions", "Daily"),
    "manual": QT_TRANSLATE_NOOP("file_actions", "Backed up by you"),
    "before-update": QT_TRANSLATE_NOOP("file_actions", "Before an update"),
    "before-delete": QT_TRANSLATE_NOOP("file_actions", "Before deleting a rep"),
    "before-restore": QT_TRANSLATE_NOOP("file_actions", "Before a restore"),
    "after-purge": QT_TRANSLATE_NOOP("file_actions", "After purging backups"),
}


def backup_reason(path: Path) -> str:
    """Return why a backup was taken, in words, read from its file name."""
    stem = path.name.removesuffix(BACKUP_SUFFIX)
    parts = stem.split("-", 3)
    reason = parts[3] if len(parts) == 4 else ""
    # A second backup in the same second gets "-2", "-3", … after its reason.
    reason = re.sub(r"-\d+$", "", reason)
    label = REASON_LABELS.get(reason)
    if label is not None:
        return _tr(label)
    return reason.replace("-", " ").capitalize() or _tr("Unknown")


class BackupChooser(QDialog):
    """Pick a backup (newest first) or another journal file to restore."""

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.chosen: Path | None = None
        self.setWindowTitle(self.tr("Restore a backup"))
        self.setModal(True)

        intro = QLabel(self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setText(
            self.tr(
                "Restoring puts the chosen backup in place of your journal. The current "
                "journal is moved aside, not deleted, and a backup of it is taken first."
            )
        )
        self.intro = intro

        # Rotation keeps a few dozen backups at most, so a simple tree widget will do.
        self.backup_list = QTreeWidget(self)
        self.backup_list.setAccessibleName(self.tr("Backups, newest first"))
        self.backup_list.setHeaderLabels([self.tr("Taken"), self.tr("Why"), self.tr("Size")])
        self.backup_list.setRootIsDecorated(False)
        self.backup_list.setAllColumnsShowFocus(True)
        self.backup_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.backup_list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        locale = QLocale()
        for path in list_backups(journal.paths):
            taken = backup_time(path)
            try:
                size = locale.formattedDataSize(path.stat().st_size)
            except OSError:
                continue  # gone since it was listed
            item = QTreeWidgetItem([moment_text(taken) if taken else "", backup_reason(path), size])
            item.setData(0, Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(0, str(path))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.backup_list.addTopLevelItem(item)
        self.empty_label = QLabel(
            self.tr("There are no backups yet. Choose another file to restore from."), self
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(self.backup_list.topLevelItemCount() == 0)

        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.restore_button.setAccessibleName(self.tr("Restore the selected backup"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button = QPushButton(self.tr("Choose &another file…"), self)
        self.other_button.setAccessibleName(self.tr("Choose another file to restore"))
        self.other_button.setAutoDefault(False)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setAutoDefault(False)
        self.restore_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.other_button.clicked.connect(self._choose_other)
        self.backup_list.itemSelectionChanged.connect(self._selection_changed)
        self.backup_list.itemActivated.connect(lambda *_: self.accept())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.backup_list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self.resize(620, 420)

        newest = self.backup_list.topLevelItem(0)
        if newest is not None:
            self.backup_list.setCurrentItem(newest)
        self._selection_changed()
        self.backup_list.setFocus()

    def selected_backup(self) -> Path | None:
        """The backup selected in the list, if any."""
        items = self.backup_list.selectedItems()
        if not items:
            return None
        return Path(str(items[0].data(0, Qt.ItemDataRole.UserRole)))

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    def _choose_other(self) -> None:
        path = files.ask_open_file(
            self, self.tr("Restore from file"), self.journal.paths.backups, _tr(JOURNAL_FILTER)
        )
        if path is not None:
            self.chosen = path
            super().accept()

    def accept(self) -> None:
        """Accept with the selected backup; nothing happens while none is selected."""
        selected = self.selected_backup()
        if selected is None:
            return
        self.chosen = selected
        super().accept()


def choose_backup(parent: QWidget | None, journal: Journal) -> Path | None:
    """Let the user choose a backup (or another journal file) to restore; ``None`` if not."""
    dialog = BackupChooser(journal, parent)
    if dialog.exec():
        return dialog.chosen
    return None

"""The main window: the roster on the left, the selected rep's page on the right."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk import version
from coachdesk.store import meetings, reps, teams
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem
from coachdesk.ui.roster import RosterPanel, RosterRow


class _FirstPaint(QObject):
    """Tells once when the watched widget has painted for the first time."""

    painted = Signal()

    def __init__(self, watched: QWidget) -> None:
        super().__init__(watched)
        self._done = False
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            watched.removeEventFilter(self)
            self.painted.emit()
        return False


class RepPage(QWidget):
    """The selected rep's page: who they are and their story so far."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.heading)
        layout.addWidget(self.details)
        layout.addStretch(1)

    def show_rep(self, journal: Journal, rep_id: int) -> None:
        """Fill the page for one rep."""
        rep = reps.get_rep(journal, rep_id)
        if rep is None:
            self.heading.clear()
            self.details.clear()
            return
        team = teams.get_team(journal, rep.team_id) if rep.team_id else None
        last = meetings.last_meeting(journal, rep_id)
        lines = [
            " · ".join(p for p in (rep.title, team.name if team else "") if p),
            self.tr("Started %s") % rep.start_date if rep.start_date else "",
            self.tr("Meetings: %d") % meetings.count_meetings(journal, rep_id),
            self.tr("Last meeting: %s") % last.held_at.replace("T", " ") if last else "",
            self.tr("Archived") if rep.archived_at else "",
        ]
        self.heading.setText(rep.name)
        self.details.setText("\n".join(line for line in lines if line))


class WelcomePage(QWidget):
    """Shown when the journal has no reps yet."""

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Welcome to coachdesk"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        body = QLabel(self)
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setText(
            self.tr(
                "Your journal lives in one file on this computer:\n%s\n\n"
                "It never leaves this computer unless you export or back it up yourself.\n\n"
                "Notes about people can be requested in a legal or data-access process: "
                "write what you would be comfortable with the rep reading. Formal "
                "performance plans belong in HR's system."
            )
            % journal.path
        )
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(title)
        layout.addWidget(body)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    """The window a manager lives in."""

    first_painted = Signal()

    def __init__(self, journal: Journal, settings: QSettings) -> None:
        super().__init__()
        self.journal = journal
        self.settings = settings
        self.setWindowTitle("coachdesk")
        self.setMinimumSize(720, 480)

        self.roster = RosterPanel(self)
        self.rep_page = RepPage(self)
        self.welcome = WelcomePage(journal, self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.rep_page)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.roster)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self._build_menus()
        self.statusBar().showMessage(self.tr("Journal: %s") % journal.path)

        self.roster.rep_chosen.connect(self._show_rep)
        self._first_paint = _FirstPaint(self.roster.view.viewport())
        self._first_paint.painted.connect(self.first_painted)
        journal.add_listener(self._journal_changed)
        self.reload()
        self._restore_window_state()

    # ----------------------------------------------------------------- building

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.backup_action = self._action(
            file_menu, self.tr("&Back up now"), self.back_up_now, QKeySequence("Ctrl+Shift+B")
        )
        self._action(file_menu, self.tr("Show &data folder"), self.show_data_folder)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self._action(edit_menu, self.tr("&Find rep"), self.find_rep, QKeySequence.StandardKey.Find)

        view_menu = bar.addMenu(self.tr("&View"))
        self._action(
            view_menu, self.tr("&Next rep"), lambda: self._step_rep(1), QKeySequence("Ctrl+Down")
        )
        self._action(
            view_menu,
            self.tr("&Previous rep"),
            lambda: self._step_rep(-1),
            QKeySequence("Ctrl+Up"),
        )

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About coachdesk"), self.show_about)

    def _action(
        self,
        menu: QObject,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    # ----------------------------------------------------------------- data

    def reload(self) -> None:
        """Refill the roster from the journal."""
        team_names = {t.id: t.name for t in teams.list_teams(self.journal)}
        rows = [
            RosterRow(rep, team_names.get(rep.team_id or 0, ""))
            for rep in reps.list_reps(self.journal, include_archived=False)
        ]
        self.roster.set_rows(rows)
        if not rows:
            self.pages.setCurrentWidget(self.welcome)
        elif self.roster.current_rep_id() is None:
            self.roster.select_rep(rows[0].rep.id)

    def _journal_changed(self, subjects: frozenset[str]) -> None:
        if subjects & {"reps", "teams"}:
            self.reload()

    def _show_rep(self, rep_id: int) -> None:
        self.rep_page.show_rep(self.journal, rep_id)
        self.pages.setCurrentWidget(self.rep_page)

    def _step_rep(self, step: int) -> None:
        view = self.roster.view
        count = self.roster.proxy.rowCount()
        if count == 0:
            return
        row = view.currentIndex().row() if view.currentIndex().isValid() else -step
        view.setCurrentIndex(self.roster.proxy.index(max(0, min(count - 1, row + step)), 0))

    # ----------------------------------------------------------------- actions

    def find_rep(self) -> None:
        """Put the cursor in the roster filter."""
        self.roster.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.roster.filter_edit.selectAll()

    def back_up_now(self) -> None:
        """Copy the journal into the backups folder now."""
        try:
            path = self.journal.backup("manual")
        except KnownProblem as problem:
            QMessageBox.warning(self, self.tr("Backup failed"), str(problem))
            return
        self.statusBar().showMessage(self.tr("Backed up to %s") % path, 8000)

    def show_data_folder(self) -> None:
        """Open the data folder in the desktop's file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.journal.paths.data_dir)))

    def show_about(self) -> None:
        """Show the version, the data folder and the SQLite version."""
        QMessageBox.about(
            self,
            self.tr("About coachdesk"),
            self.tr(
                "<h3>coachdesk %s</h3><p>A private coaching journal.</p>"
                "<p>Data folder:<br><code>%s</code></p><p>SQLite %s</p>"
                "<p>Nothing you write leaves this computer unless you export or back it up.</p>"
            )
            % (version(), _escape(str(self.journal.paths.data_dir)), sqlite3.sqlite_version),
        )

    # ----------------------------------------------------------------- window state

    def _restore_window_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([300, 900])

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()
        self.journal.remove_listener(self._journal_changed)
        super().closeEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

"""The main window: the roster on the left, the selected rep's page on the right.

Dialogs live in their own modules and are imported when first used, so start-up only
pays for what the first paint needs.
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QMimeData,
    QObject,
    QPoint,
    QSettings,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QSystemTrayIcon,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from coachdesk import version
from coachdesk.assembled import settings_schema
from coachdesk.dates import iso_moment, today
from coachdesk.store import commitments, meetings, reps
from coachdesk.store.changes import Change, Subject
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem
from coachdesk.store.records import CommitmentStatus, MeetingKind, Rep
from coachdesk.ui import TEAM_MENU
from coachdesk.ui.widgets.audience import Sharing
from coachdesk.ui.widgets.autosave import (
    Autosaver,
    Countdowns,
    SaveIndicator,
    SaveState,
    qt_countdown,
)
from coachdesk.ui.widgets.changes import changes
from coachdesk.ui.widgets.commands import Commands
from coachdesk.ui.widgets.qdates import install_screen_style
from coachdesk.ui.window.roster import RosterPanel, build_roster_rows

if TYPE_CHECKING:
    from coachdesk.ui import TeamMenuEntry
    from coachdesk.ui.rep.rep_page import RepPage
    from coachdesk.ui.week.week_view import WeekView
    from coachdesk.ui.window.reminders import Reminders


# What the roster and This week show: reps, their 1:1s and commitments, and the flags
# every subject raises.
ROSTER_SUBJECTS = (
    Subject.REPS,
    Subject.TEAMS,
    Subject.MEETINGS,
    Subject.COMMITMENTS,
    Subject.SETTINGS,
    Subject.AGREEMENTS,
    Subject.LADDER,
    Subject.NUMBERS,
    Subject.PLANS,
)


def team_menu_entries() -> list[TeamMenuEntry]:
    """The team-wide views (the team agreement, the team grid, where the team stands…).

    Their modules are loaded first: each registers its entry in
    :data:`coachdesk.ui.TEAM_MENU` when it loads. The window calls this right after its
    first paint, so start-up does not pay for them.
    """
    from coachdesk.ui.agreements import team_agreement  # noqa: F401
    from coachdesk.ui.ladder import team_ladder  # noqa: F401
    from coachdesk.ui.numbers import team_grid  # noqa: F401

    return list(TEAM_MENU)


# Where the window remembers whose screen it was showing, so a restart stays in sharing mode.
SHARING_KEY = "sharing/rep"
# What the rep page's timeline shows besides the meetings ("numbers,ratings"): window state.
TIMELINE_KEY = "window/timeline-shows"

_Method = TypeVar("_Method", bound=Callable[..., Any])


def not_while_sharing(method: _Method) -> _Method:
    """Make a window action do nothing in sharing mode: it would show other reps."""

    @functools.wraps(method)
    def guarded(self: MainWindow, *args: Any, **kwargs: Any) -> Any:
        if self.sharing.on:
            return None
        return method(self, *args, **kwargs)

    return guarded  # type: ignore[return-value]


class _FirstPaint(QObject):
    """Tells once when the watched widget has painted for the first time."""

    painted = Signal()

    def __init__(self, watched: QWidget) -> None:
        super().__init__(watched)
        self._done = False
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            watched.removeEventFilter(self)
            self.painted.emit()
        return False


class WelcomePage(QWidget):
    """Shown when the journal has no reps yet."""

    add_rep = Signal()
    import_roster = Signal()
    explore_sample = Signal()

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
        self.add_button = QPushButton(self.tr("Add your first rep"), self)
        self.import_button = QPushButton(self.tr("Import a roster from CSV…"), self)
        self.sample_button = QPushButton(self.tr("Explore the sample team"), self)
        self.sample_button.setToolTip(
            self.tr("Opens a separate window on a generated team; your journal is not touched.")
        )
        self.add_button.clicked.connect(self.add_rep)
        self.import_button.clicked.connect(self.import_roster)
        self.sample_button.clicked.connect(self.explore_sample)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.import_button, self.sample_button):
            button.setAccessibleName(button.text().replace("…", ""))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(title)
        layout.addWidget(body)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    """The window a manager lives in."""

    first_painted = Signal()
    # The window has finished opening: the home view chosen, the Team menu filled.
    ready = Signal()
    restore_requested = Signal(Path)
    sample_requested = Signal()

    def __init__(
        self,
        journal: Journal,
        window_settings: QSettings,
        *,
        countdowns: Countdowns = qt_countdown,
    ) -> None:
        super().__init__()
        # Dates in flags, the roster and the timeline are worded in the locale's style.
        install_screen_style()
        self.journal = journal
        self.settings = window_settings
        self.setWindowTitle("coachdesk")
        self.setMinimumSize(760, 500)

        self.sharing = Sharing(self)
        self._clipboard_kept: QMimeData | None = None
        self.undo_stack = QUndoStack(self)
        self.commands = Commands(journal, self.undo_stack)
        self.autosaver = Autosaver(self._save_meeting_text, self, countdowns=countdowns)
        self.autosaver.state_changed.connect(self._save_state_changed)
        # Long notes are indexed for search once typing has paused, not on every save.
        self._index_timer = QTimer(self, singleShot=True, interval=3000)
        self._index_timer.timeout.connect(self._catch_up_search)

        self.roster = RosterPanel(self.sharing, self)
        # The rep page (editor, timeline, commitments) is built after the first paint:
        # start-up pays only for the roster. Until then an empty page stands in.
        self._rep_page: RepPage | None = None
        self._week_view: WeekView | None = None
        self._week_summary = ""
        self.welcome = WelcomePage(journal, self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.welcome)
        self._placeholder = QWidget(self)
        self.pages.addWidget(self._placeholder)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.roster)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.save_label = SaveIndicator(self.autosaver, self.tr("Save status"), self)
        self.statusBar().addPermanentWidget(self.save_label)
        self._build_actions()
        self.statusBar().showMessage(self.tr("Journal: %s") % journal.path, 10000)

        self.roster.rep_chosen.connect(self._show_rep)
        self.roster.filters_changed.connect(self.reload)
        self.welcome.add_rep.connect(self.add_rep)
        self.welcome.import_roster.connect(self.import_roster)
        self.welcome.explore_sample.connect(self.sample_requested)
        changes(journal).changed.connect(self._journal_changed)
        # The roster is filled before the first paint; the first rep's page right after.
        self._initial_pending = True
        self._team_installed = False
        # Closed while sharing: it opens the same way, before anything is painted.
        self._restore_sharing()
        # The first paint is the roster's, or while sharing (no roster) the page's.
        watched = self.pages if self.sharing.on else self.roster.viewport
        self._first_paint = _FirstPaint(watched)
        self._first_paint.painted.connect(self.first_painted)
        self.reload()
        self.first_painted.connect(lambda: QTimer.singleShot(0, self.finish_opening))
        self._restore_window_state()
        from coachdesk.ui.protection.lock_screen import WindowLock

        self.window_lock = WindowLock(self)
        # Reminders before scheduled 1:1s start once the window is ready.
        self.reminders: Reminders | None = None
        self._tray: QSystemTrayIcon | None = None

    def install_team_actions(self) -> None:
        """Add the team-wide views to the Team menu (once)."""
        if self._team_installed:
            return
        self._team_installed = True
        for install in team_menu_entries():
            added = install(self, self.team_menu)
            assert not added.keys() & self.team_actions.keys(), "two Team actions, one name"
            self.team_actions.update(added)

    @property
    def is_ready(self) -> bool:
        """Whether the window has finished opening (see :attr:`ready`)."""
        return not self._initial_pending

    def finish_opening(self) -> None:
        """Choose the home view and fill the Team menu, once; then say ``ready``.

        Runs right after the first paint; anything that needs the window complete
        sooner (locking it, say) may call it first.
        """
        # The home view is This week (while sharing, the rep's page).
        if self._initial_pending:
            self._initial_pending = False
            self.keep_on_screen()
            self.install_team_actions()
            if self.sharing.rep_id is not None:
                self._show_rep(self.sharing.rep_id)
            elif reps.count_reps(self.journal):
                # the roster's flags were left out before the first paint
                rows = build_roster_rows(
                    self.journal, self.today(), include_archived=self.roster.show_archived
                )
                self.roster.set_rows(rows)
                self.show_week()
            else:
                self.reload()
            self._start_reminders()
            self.ready.emit()

    def _start_reminders(self) -> None:
        """Reminders before scheduled 1:1s (when switched on in Settings)."""
        from coachdesk.ui.window.reminders import Reminders

        self.reminders = Reminders(
            lambda: self.journal,
            now=self.journal.clock.now,
            quiet=lambda: self.sharing.on or self.window_lock.locked,
            parent=self,
        )
        self.reminders.remind.connect(self._show_reminder)

    def _show_reminder(self, title: str, text: str, names_rep: bool) -> None:
        """A desktop notification where the desktop has them; else a line in the window."""
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            if self._tray is None:
                self._tray = QSystemTrayIcon(self.windowIcon(), self)
                self._tray.setToolTip("coachdesk")
                self._tray.messageClicked.connect(self._bring_forward)
            self._tray.show()
            self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 30_000)
        self.statusBar().showMessage(text, 10 * 60 * 1000)
        QApplication.alert(self)

    def _bring_forward(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    @property
    def week_view(self) -> WeekView:
        """The This-week home view, built on first use."""
        if self._week_view is None:
            from coachdesk.ui.week.week_view import WeekView

            view = WeekView(self)
            view.open_rep.connect(self.open_week_item)
            view.open_meeting.connect(self.open_week_meeting)
            view.status_requested.connect(self._set_status)
            view.keep_requested.connect(self.keep_commitment)
            view.print_pack.connect(self.prep_pack)
            self.pages.addWidget(view)
            self._week_view = view
        return self._week_view

    @not_while_sharing
    def show_week(self) -> None:
        """Show This week: 1:1s, commitments due (mine first), prompts."""
        self.autosaver.flush()
        # This week first: the rep page's tabs save what was typed as they are hidden,
        # while the roster still holds their rep (its notice must not pick another).
        self.pages.setCurrentWidget(self.week_view)
        self.roster.clear_selection()
        self._refresh_week()
        self.week_view.take_focus()
        self._update_actions()

    def _refresh_week(self) -> None:
        from coachdesk.assembled.week import build_week

        self.week_view.show_week(build_week(self.journal, self.today()), sharing=self.sharing.on)
        self._week_summary = self.week_view.summary_text
        self.update_title()

    def update_title(self) -> None:
        if self.sharing.on:
            self.setWindowTitle(self.tr("coachdesk — showing %s") % self._shared_name())
        elif self._week_summary:
            self.setWindowTitle(self.tr("coachdesk — %s") % self._week_summary)
        else:
            self.setWindowTitle("coachdesk")

    @not_while_sharing
    def open_search(self) -> None:
        """Search everything (Ctrl+K); Enter opens the hit with its terms highlighted."""
        from coachdesk.ui.week.search_dialog import SearchDialog

        self.autosaver.flush()
        dialog = SearchDialog(self.journal, self.sharing, self)
        dialog.open_hit.connect(self.open_search_hit)
        dialog.exec()

    @not_while_sharing
    def open_search_hit(self, hit: object, text: str) -> None:
        """Open the place a search hit is in, with the searched words highlighted."""
        from coachdesk.store.search import Hit, terms

        if not isinstance(hit, Hit):
            return
        if not hit.rep_id:
            self.statusBar().showMessage(
                self.tr("Found in the team agreement: Team → Team agreement…"), 10000
            )
            return
        if not self.roster.select_rep(hit.rep_id):
            self.roster.filter_edit.clear()
            if not self.roster.select_rep(hit.rep_id):
                self.roster.set_show_archived(True)
                self.roster.select_rep(hit.rep_id)
        page = self.rep_page
        if page.rep is None or page.rep.id != hit.rep_id:
            self._show_rep(hit.rep_id)
        meeting_id: int | None = None
        if hit.kind == "meeting":
            meeting_id = hit.ref_id
        elif hit.kind == "commitment":
            found = commitments.get_commitment(self.journal, hit.ref_id)
            meeting_id = found.meeting_id if found else None
        else:
            page.show_tab(hit.kind.split("_")[0])  # "agreement_item" opens the agreement
            return
        page.show_tab("meeting")
        if meeting_id is not None:
            page.open_meeting(meeting_id)
        page.editor.highlight(terms(text), reveal_private=hit.field == "private_notes")

    @not_while_sharing
    def open_week_item(self, rep_id: int, where: str) -> None:
        """Go to where a This-week line is acted on: the rep, on the right tab."""
        if not self.roster.select_rep(rep_id):
            self.roster.filter_edit.clear()
            self.roster.select_rep(rep_id)
        page = self.rep_page
        if page.rep is None or page.rep.id != rep_id:
            self._show_rep(rep_id)
        page.show_tab(where)

    def open_week_meeting(self, rep_id: int, meeting_id: int) -> None:
        """Open a 1:1 of This week: the rep, with that scheduled 1:1 in the editor."""
        self.open_week_item(rep_id, "meeting")
        self.rep_page.open_meeting(meeting_id)

    @property
    def rep_page(self) -> RepPage:
        """The selected rep's page, built on first use."""
        if self._rep_page is None:
            from coachdesk.ui.rep.rep_page import RepPage
            from coachdesk.ui.rep.timeline_view import groups_from_text

            page = RepPage(self.journal, self.autosaver, self.sharing, self.today, self)
            page.edit_requested.connect(self.edit_rep)
            page.new_meeting_requested.connect(self.new_meeting)
            page.prep_requested.connect(self.prep_sheet)
            editor = page.editor
            editor.status_requested.connect(self._set_status)
            editor.keep_requested.connect(self.keep_commitment)
            editor.close_out_requested.connect(self.close_out)
            page.questions.setVisible(self.questions_action.isChecked())
            state = self.settings.value("window/meetings-splitter")
            if isinstance(state, QByteArray) and not state.isEmpty():
                page.meetings_split.restoreState(state)
            page.set_timeline_groups(groups_from_text(self.settings.value(TIMELINE_KEY)))
            showing_placeholder = self.pages.currentWidget() is self._placeholder
            self.pages.addWidget(page)
            self.pages.removeWidget(self._placeholder)
            self._placeholder.deleteLater()
            if showing_placeholder:
                self.pages.setCurrentWidget(page)
            self._rep_page = page
        return self._rep_page

    def _current_rep(self) -> Rep | None:
        return self._rep_page.rep if self._rep_page is not None else None

    def _toggle_questions(self, shown: bool) -> None:
        if shown or self._rep_page is not None:
            self.rep_page.questions.setVisible(shown)

    def today(self) -> dt.date:
        """Today, from the journal's clock."""
        return today(self.journal.clock)

    # ----------------------------------------------------------------- building

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_rep_action = self._action(
            file_menu, self.tr("New &rep…"), self.add_rep, QKeySequence("Ctrl+Shift+N")
        )
        self.new_meeting_action = self._action(
            file_menu, self.tr("&New 1:1"), self.new_meeting, QKeySequence.StandardKey.New
        )
        file_menu.addSeparator()
        self.import_roster_action = self._action(
            file_menu, self.tr("&Import roster…"), self.import_roster
        )
        self.import_calendar_action = self._action(
            file_menu, self.tr("Import ca&lendar…"), self.import_calendar
        )
        self.import_numbers_action = self._action(
            file_menu, self.tr("Import n&umbers…"), self.import_numbers
        )
        self.export_action = self._action(file_menu, self.tr("&Export…"), self.export)
        file_menu.addSeparator()
        self.prep_action = self._action(
            file_menu, self.tr("&Prep sheet…"), self.prep_sheet, QKeySequence.StandardKey.Print
        )
        self.pack_action = self._action(
            file_menu,
            self.tr("This &week's prep pack…"),
            self.prep_pack,
            QKeySequence("Ctrl+Shift+P"),
        )
        file_menu.addSeparator()
        self.backup_action = self._action(
            file_menu, self.tr("&Back up now"), self.back_up_now, QKeySequence("Ctrl+Shift+B")
        )
        self.restore_action = self._action(file_menu, self.tr("Re&store…"), self.restore)
        self.data_folder_action = self._action(
            file_menu, self.tr("Show &data folder"), self.show_data_folder
        )
        file_menu.addSeparator()
        self.settings_action = self._action(
            file_menu,
            self.tr("Se&ttings…"),
            self.open_settings,
            QKeySequence.StandardKey.Preferences,
        )
        # Enabled only for a journal protected with a passphrase (see WindowLock).
        self.lock_action = self._action(
            file_menu, self.tr("&Lock"), self.lock_now, QKeySequence("Ctrl+L")
        )
        self.lock_action.setToolTip(self.tr("Hide everything until the passphrase is typed"))
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        edit_menu.addSeparator()
        self.find_rep_action = self._action(
            edit_menu, self.tr("&Find rep"), self.find_rep, QKeySequence.StandardKey.Find
        )
        self.search_action = self._action(
            edit_menu, self.tr("&Search everything…"), self.open_search, QKeySequence("Ctrl+K")
        )
        self.search_action.setToolTip(self.tr("Search notes, agendas, commitments… (Ctrl+K)"))
        edit_menu.addSeparator()
        self.edit_rep_action = self._action(
            edit_menu, self.tr("Edit r&ep…"), self._edit_current_rep
        )
        self.archive_action = self._action(edit_menu, self.tr("&Archive rep"), self.toggle_archive)
        self.delete_action = self._action(edit_menu, self.tr("&Delete rep…"), self.delete_rep)
        edit_menu.addSeparator()
        self.done_action = self._action(
            edit_menu,
            self.tr("Mark commitment &done"),
            lambda: self._status_of_selected(CommitmentStatus.DONE),
            QKeySequence("Ctrl+Shift+D"),
        )
        self.drop_action = self._action(
            edit_menu,
            self.tr("Dro&p commitment"),
            lambda: self._status_of_selected(CommitmentStatus.DROPPED),
            QKeySequence("Ctrl+Shift+X"),
        )
        self.close_out_action = self._action(
            edit_menu, self.tr("&Close out 1:1…"), self._close_out_current, QKeySequence("Ctrl+E")
        )

        view_menu = bar.addMenu(self.tr("&View"))
        self.sharing_action = QAction(self.tr("&Sharing mode"), self)
        self.sharing_action.setCheckable(True)
        self.sharing_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.sharing_action.toggled.connect(self._sharing_toggled)
        view_menu.addAction(self.sharing_action)
        self.week_action = self._action(
            view_menu, self.tr("This &week"), self.show_week, QKeySequence("Ctrl+Shift+W")
        )
        self.week_action.setToolTip(self.tr("What needs you this week (Ctrl+Shift+W)"))
        self.questions_action = QAction(self.tr("&Questions to ask"), self)
        self.questions_action.setCheckable(True)
        self.questions_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.questions_action.setToolTip(
            self.tr("Show the coaching questions beside the 1:1 (Ctrl+Shift+Q)")
        )
        self.questions_action.toggled.connect(self._toggle_questions)
        view_menu.addAction(self.questions_action)
        view_menu.addSeparator()
        self.next_rep_action = self._action(
            view_menu, self.tr("&Next rep"), lambda: self._step_rep(1), QKeySequence("Ctrl+Down")
        )
        self.previous_rep_action = self._action(
            view_menu, self.tr("&Previous rep"), lambda: self._step_rep(-1), QKeySequence("Ctrl+Up")
        )
        self.dark_action = QAction(self.tr("&Dark palette"), self)
        self.dark_action.setCheckable(True)
        self.dark_action.setChecked(bool(self.settings.value("view/dark", False, bool)))
        self.dark_action.toggled.connect(self.set_dark)
        view_menu.addAction(self.dark_action)
        self.archived_action = QAction(self.tr("Show &archived reps"), self)
        self.archived_action.setCheckable(True)
        self.archived_action.toggled.connect(self.roster.set_show_archived)
        view_menu.addAction(self.archived_action)

        # Filled right after the first paint: its views load the team-wide features.
        self.team_menu = bar.addMenu(self.tr("&Team"))
        # What the Team menu's entries added, by name ("team_agreement", "team_numbers"…).
        self.team_actions: dict[str, QAction] = {}
        self._team_installed = False
        self.team_menu.aboutToShow.connect(self.install_team_actions)

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About coachdesk"), self.show_about)
        self._action(help_menu, self.tr("&Licences"), self.show_licences)

        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.week_action)
        toolbar.addAction(self.search_action)
        toolbar.addSeparator()
        toolbar.addAction(self.new_meeting_action)
        toolbar.addAction(self.close_out_action)
        toolbar.addSeparator()
        toolbar.addAction(self.new_rep_action)
        toolbar.addSeparator()
        toolbar.addAction(self.questions_action)
        toolbar.addAction(self.sharing_action)
        # Whose screen this is, said in the toolbar while sharing.
        self.sharing_banner = QLabel(self)
        self.sharing_banner.setObjectName("sharing-banner")
        self.sharing_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.sharing_banner.setStyleSheet(
            "QLabel#sharing-banner { color: #1f6f4a; background: #dff3e8; font-weight: bold;"
            " border-radius: 3px; padding: 2px 8px; margin-left: 6px; }"
        )
        self.sharing_banner_action = toolbar.addWidget(self.sharing_banner)
        self.sharing_banner_action.setVisible(False)
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        self._show_sharing_state()

    def _action(
        self,
        menu: QWidget,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # ----------------------------------------------------------------- data

    def reload(self) -> None:
        """Refill the roster from the journal (while sharing there is no roster to fill)."""
        if self.sharing.on:
            self._update_actions()
            return
        rows = build_roster_rows(
            self.journal,
            self.today(),
            include_archived=self.roster.show_archived,
            with_flags=not self._initial_pending,
        )
        self.roster.set_rows(rows)
        any_rep = reps.count_reps(self.journal) > 0
        if not any_rep:
            self.pages.setCurrentWidget(self.welcome)
            if self._rep_page is not None:
                self._rep_page.show_rep(None)
        elif self._initial_pending:
            self.pages.setCurrentWidget(self._rep_page or self._placeholder)
        elif self._week_view is not None and self.pages.currentWidget() is self._week_view:
            self._refresh_week()
        elif self.roster.current_rep_id() is None and not self.roster.select_first():
            self.rep_page.show_rep(None)
        self._update_actions()

    def _journal_changed(self, change: Change) -> None:
        """Refill the roster (and This week) when what they show changed.

        The rep page and every other view listen for what they show themselves.
        """
        if change.touches(*ROSTER_SUBJECTS):
            self.reload()

    def _show_rep(self, rep_id: int) -> None:
        if not self.sharing.shows_rep(rep_id):
            return  # sharing mode shows one rep; another cannot be opened
        self.autosaver.flush()
        self.rep_page.show_rep(rep_id)
        self.pages.setCurrentWidget(self.rep_page)
        self._update_actions()

    def _update_actions(self) -> None:
        rep = self._current_rep()
        page = self._rep_page
        has_rep = rep is not None and page is not None and self.pages.currentWidget() is page
        sharing = self.sharing.on
        for action in (self.new_meeting_action, self.prep_action):
            action.setEnabled(has_rep)
        for action in (self.edit_rep_action, self.archive_action, self.delete_action):
            action.setEnabled(has_rep and not sharing)
        # What would show, or lead to, anyone but the rep whose screen this is.
        for action in (
            self.week_action,
            self.search_action,
            self.new_rep_action,
            self.find_rep_action,
            self.next_rep_action,
            self.previous_rep_action,
            self.archived_action,
            self.import_roster_action,
            self.import_calendar_action,
            self.import_numbers_action,
            self.export_action,
            self.restore_action,
            self.data_folder_action,
            self.settings_action,
            self.pack_action,
            self.team_menu.menuAction(),
            *self.team_menu.actions(),
        ):
            action.setEnabled(not sharing)
        # Undo's own words can name another rep ("Undo archive Chloé"): not while sharing.
        # Nor, in the toolbar the rep is looking at, buttons that cannot be used.
        for action in (
            self.undo_action,
            self.redo_action,
            self.week_action,
            self.search_action,
            self.new_rep_action,
        ):
            action.setVisible(not sharing)
        self.close_out_action.setEnabled(
            has_rep and page is not None and page.editor.meeting is not None
        )
        if rep is not None:
            self.archive_action.setText(
                self.tr("Un&archive rep") if rep.archived_at else self.tr("&Archive rep")
            )

    @not_while_sharing
    def _step_rep(self, step: int) -> None:
        self.roster.step(step)

    def _save_meeting_text(self, meeting_id: int, changes: dict[str, str]) -> None:
        meetings.update_meeting(self.journal, meeting_id, **changes)
        if "notes" in changes and self._rep_page is not None:
            self._rep_page.notes_saved(meeting_id, changes["notes"])

    def _catch_up_search(self) -> None:
        from coachdesk.store.search import catch_up

        if not self.journal.is_open:
            return  # locked or closed: the index catches up before the next search
        if self.autosaver.has_pending or self.journal.conn.in_transaction:
            # Text waits to be saved, or an import holds its transaction open: later.
            self._index_timer.start()
            return
        try:
            catch_up(self.journal)
        except KnownProblem:
            self._index_timer.start()  # the disk may be full: try again later

    def _save_state_changed(self, state: SaveState, message: str) -> None:
        if state is SaveState.SAVED:
            self._index_timer.start()
        if state is SaveState.FAILED and message:
            self.statusBar().showMessage(message, 15000)

    # ----------------------------------------------------------------- 1:1s

    def new_meeting(self) -> None:
        """Start the selected rep's 1:1.

        The one scheduled for today (or one scheduled earlier and never started) starts
        at its scheduled time, with what was written in it ahead; otherwise a new 1:1
        starts now, with my agenda template.
        """
        rep = self.rep_page.rep
        if rep is None:
            return
        self.autosaver.flush()
        tomorrow = (self.today() + dt.timedelta(days=1)).isoformat()
        due = meetings.scheduled_meetings(self.journal, rep.id, end=tomorrow)
        template = settings_schema.agenda_template(self.journal, MeetingKind.ONE_ON_ONE)
        if due:
            started = meetings.start_meeting(self.journal, due[0].id)
            if not started.my_agenda.strip():
                meetings.update_meeting(self.journal, started.id, my_agenda=template)
            self.rep_page.open_meeting(started.id)
            self.rep_page.editor.editors["notes"].setFocus()
            return
        now = self.journal.clock.now().replace(second=0)
        meeting = meetings.add_meeting(
            self.journal, rep.id, iso_moment(now)[:16], MeetingKind.ONE_ON_ONE, my_agenda=template
        )
        self.rep_page.open_meeting(meeting.id)
        self.rep_page.editor.editors["rep_agenda"].setFocus()

    def prep_sheet(self) -> None:
        """Preview, print or save the selected rep's prep sheet."""
        from coachdesk.dates import parse_date
        from coachdesk.ui.rep.printing import PrepDialog

        rep = self.rep_page.rep
        if rep is None:
            return
        self.autosaver.flush()
        day = self.today()
        if rep.next_meeting_at and parse_date(rep.next_meeting_at) >= day:
            day = parse_date(rep.next_meeting_at)
        dialog = PrepDialog(self.journal, [rep.id], day, self, sharing=self.sharing.on)
        dialog.exec()
        dialog.deleteLater()

    @not_while_sharing
    def prep_pack(self) -> None:
        """Preview, print or save the week's pack: every rep with a 1:1 due this week."""
        from coachdesk.ui.rep.printing import PrepDialog

        self.autosaver.flush()
        dialog = PrepDialog(self.journal, None, self.today(), self)
        dialog.exec()
        dialog.deleteLater()

    def _close_out_current(self) -> None:
        meeting = self.rep_page.editor.meeting
        if meeting is not None:
            self.close_out(meeting.id)

    def close_out(self, meeting_id: int) -> None:
        """Review commitments, set the next date and copy the recap."""
        from coachdesk.ui.rep.closeout import CloseOutDialog

        self.autosaver.flush()
        dialog = CloseOutDialog(
            self.journal,
            self.commands,
            meeting_id,
            self.today(),
            self,
            inviting=self.sharing.on,
        )
        dialog.exec()
        dialog.deleteLater()
        self.rep_page.open_meeting(meeting_id)

    def _set_status(self, commitment_id: int, status: object, meeting_id: object) -> None:
        self.commands.set_status(
            commitment_id,
            CommitmentStatus(str(status)),
            meeting_id if isinstance(meeting_id, int) else None,
        )

    def _status_of_selected(self, status: CommitmentStatus) -> None:
        editor = self.rep_page.editor
        for listing in (editor.carry_over, editor.made_here):
            if listing.view.hasFocus() and listing.current_id() is not None:
                self._set_status(
                    listing.current_id() or 0, status, editor.meeting.id if editor.meeting else None
                )
                return
        chosen = editor.carry_over.current_id() or editor.made_here.current_id()
        if chosen is not None:
            self._set_status(chosen, status, editor.meeting.id if editor.meeting else None)

    def keep_commitment(self, commitment_id: int) -> None:
        """Keep a commitment open, asking for a new due date."""
        from coachdesk.ui.rep.commitments import KeepDialog

        found = commitments.get_commitment(self.journal, commitment_id)
        if found is None:
            return
        dialog = KeepDialog(found, self.today() + dt.timedelta(days=7), self)
        if dialog.exec():
            self.commands.keep(commitment_id, dialog.due_iso())

    # ----------------------------------------------------------------- reps

    @not_while_sharing
    def add_rep(self) -> None:
        """Add a rep through the rep dialog."""
        from coachdesk.ui.rep.rep_dialog import RepDialog

        dialog = RepDialog(self.journal, None, self)
        if dialog.exec() and dialog.saved_rep_id is not None:
            self.reload()
            self.roster.select_rep(dialog.saved_rep_id)

    def _edit_current_rep(self) -> None:
        if self.rep_page.rep is not None:
            self.edit_rep(self.rep_page.rep.id)

    @not_while_sharing
    def edit_rep(self, rep_id: int) -> None:
        """Edit a rep's details."""
        from coachdesk.ui.rep.rep_dialog import RepDialog

        RepDialog(self.journal, rep_id, self).exec()

    @not_while_sharing
    def toggle_archive(self) -> None:
        """Archive the selected rep, or bring an archived one back (undoable)."""
        rep = self.rep_page.rep
        if rep is None:
            return
        self.commands.archive(rep.id, archive=rep.archived_at is None)
        self.statusBar().showMessage(
            self.tr("%s archived. Edit → Undo brings them back.") % rep.name
            if rep.archived_at is None
            else self.tr("%s is back on the roster.") % rep.name,
            8000,
        )

    @not_while_sharing
    def delete_rep(self) -> None:
        """Delete the selected rep after they type the name; undoable until the app closes."""
        from coachdesk.ui.rep.rep_dialog import DeleteRepDialog, purge_backups

        rep = self.rep_page.rep
        if rep is None:
            return
        self.autosaver.flush()
        dialog = DeleteRepDialog(rep, self)
        if not dialog.exec():
            return
        self.commands.delete_rep(rep.id)
        if dialog.purge_backups:
            purge_backups(self.journal)
        self.statusBar().showMessage(
            self.tr("%s deleted. Edit → Undo brings everything back until coachdesk closes.")
            % rep.name,
            10000,
        )

    # ----------------------------------------------------------------- files

    @not_while_sharing
    @not_while_sharing
    def import_calendar(self) -> None:
        """Schedule each rep's 1:1s from a calendar export (.ics), after a look at them."""
        from coachdesk.ui.window.calendar_dialog import import_calendar

        self.autosaver.flush()
        import_calendar(self, self.journal, self.today())

    def import_roster(self) -> None:
        """Choose a CSV file and add its reps."""
        from coachdesk.ui.window.file_actions import import_roster

        # Saved first: the import is one transaction that a Cancel rolls back.
        self.autosaver.flush()
        import_roster(self, self.journal)

    @not_while_sharing
    def import_numbers(self) -> None:
        """Choose a CSV export of weekly numbers and import it, all or nothing."""
        from coachdesk.ui.numbers.team_grid import import_numbers

        self.autosaver.flush()  # the import is one transaction that a Cancel rolls back
        import_numbers(self, self.journal)

    @not_while_sharing
    def export(self) -> None:
        """Export everything, or everything held on the selected rep."""
        from coachdesk.ui.window.file_actions import export_journal

        self.autosaver.flush()
        export_journal(self, self.journal, self.rep_page.rep)

    @not_while_sharing
    def restore(self) -> None:
        """Choose a backup; the app restores it after closing the journal."""
        from coachdesk.ui.window.file_actions import choose_backup

        self.autosaver.flush()
        chosen = choose_backup(self, self.journal)
        if chosen is not None:
            self.restore_requested.emit(chosen)

    def back_up_now(self) -> None:
        """Copy the journal into the backups folder now."""
        from coachdesk.ui.widgets.progress import progress_of

        self.autosaver.flush()
        try:
            with progress_of(
                self,
                self.tr("Back up now"),
                self.tr("backing up the journal and checking the copy."),
                can_cancel=False,
            ) as progress:
                path = self.journal.backup("manual", progress=progress.tell)
        except KnownProblem as problem:
            QMessageBox.warning(self, self.tr("Backup failed"), str(problem))
            return
        self.statusBar().showMessage(self.tr("Backed up to %s") % path, 8000)

    @not_while_sharing
    def show_data_folder(self) -> None:
        """Open the data folder in the desktop's file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.journal.paths.data_dir)))

    @not_while_sharing
    def open_settings(self) -> None:
        """Team cadences, the question bank, templates and retention."""
        from coachdesk.ui.settings.settings_dialog import SettingsDialog

        self.autosaver.flush()
        SettingsDialog(self.journal, self).exec()
        if not self.window_lock.locked:
            self.reload()
        self.window_lock.refresh()

    def lock_now(self) -> None:
        """Lock the window of a protected journal until the passphrase is typed."""
        self.window_lock.lock()

    # ----------------------------------------------------------------- view

    def _shared_name(self) -> str:
        rep = reps.get_rep(self.journal, self.sharing.rep_id) if self.sharing.rep_id else None
        return rep.name if rep else ""

    def _rep_to_share(self) -> int | None:
        """The rep on screen; else the rep of the 1:1 under way or next; else None."""
        from coachdesk.coaching.sharing import whose_screen
        from coachdesk.dates import parse_moment

        page = self._rep_page
        if page is not None and page.rep is not None and self.pages.currentWidget() is page:
            return page.rep.id
        now = self.journal.clock.now()
        under_way = meetings.open_meetings_between(
            self.journal,
            iso_moment(now - dt.timedelta(hours=3)),
            iso_moment(now + dt.timedelta(hours=1)),
        )
        scheduled = [
            (r.id, parse_moment(r.next_meeting_at))
            for r in reps.list_reps(self.journal, include_archived=False)
            if r.next_meeting_at
        ]
        return whose_screen(
            [(rep_id, parse_moment(held)) for rep_id, held in under_way], scheduled, now
        )

    def start_sharing(self, rep_id: int | None = None) -> bool:
        """Show the screen to one rep: their shared pages and nobody else's.

        Without ``rep_id``: the rep on screen, else the rep of the 1:1 under way or next,
        else the manager is asked. Returns False if nobody was chosen.
        """
        if self.sharing.on:
            return True
        if rep_id is None:
            rep_id = self._rep_to_share()
        if rep_id is None:
            from coachdesk.ui.window.sharing import ShareWithDialog

            active = reps.list_reps(self.journal, include_archived=False)
            if not active:
                self.statusBar().showMessage(
                    self.tr("Add a rep first: there is nobody to share with."), 8000
                )
                return False
            dialog = ShareWithDialog(active, self)
            accepted = dialog.exec()
            self.activateWindow()
            if not accepted or dialog.chosen() is None:
                return False
            rep_id = dialog.chosen()
        if rep_id is None or reps.get_rep(self.journal, rep_id) is None:
            return False
        self.autosaver.flush()
        self.sharing.start(rep_id)
        self._remember_sharing(rep_id)
        self._put_clipboard_away()
        self._enter_shared_view(rep_id)
        self.statusBar().showMessage(
            self.tr("Showing %s: only what you share with them is on screen.")
            % self._shared_name(),
            8000,
        )
        return True

    def _enter_shared_view(self, rep_id: int) -> None:
        from coachdesk.ui.widgets.files import start_in

        # File choosers start in a folder of the rep's own: no other rep's files listed.
        start_in(self.journal.paths.exports / f"rep-{rep_id}")
        # Team views and other windows open beside this one close: they show other reps.
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        # The roster goes, and with it every other name; the rep's page fills the window.
        self.roster.setVisible(False)
        self.roster.set_rows([])
        page = self._rep_page
        if self._initial_pending:
            self.pages.setCurrentWidget(page or self._placeholder)
        elif page is None or page.rep is None or page.rep.id != rep_id:
            self._show_rep(rep_id)
        else:
            self.pages.setCurrentWidget(page)  # already theirs: stay on the same tab
            self._update_actions()
        self._show_sharing_state()

    def stop_sharing(self, *, confirm: bool = True) -> bool:
        """Leave sharing mode (after asking, when ``confirm``); True if it was left."""
        if not self.sharing.on:
            return True
        if confirm:
            from coachdesk.ui.window.sharing import confirm_leaving

            left = confirm_leaving(self, self._shared_name())
            self.activateWindow()  # keys go back to the window, not to nowhere
            if not left:
                return False
        rep_id = self.sharing.rep_id
        self.autosaver.flush()
        self.sharing.stop()
        self._remember_sharing(None)
        self._bring_clipboard_back()
        from coachdesk.ui.widgets.files import start_in

        start_in(None)
        self.roster.setVisible(True)
        self.reload()
        if rep_id is not None:
            self.roster.select_rep(rep_id, emit=False)
        self.statusBar().clearMessage()
        self._show_sharing_state()
        return True

    def set_sharing(self, on: bool, rep_id: int | None = None) -> None:
        """Turn sharing mode on (for ``rep_id``, or as :meth:`start_sharing` chooses) or off.

        Off does not ask: the toolbar button and the shortcut go through the question.
        """
        if on:
            self.start_sharing(rep_id)
        else:
            self.stop_sharing(confirm=False)
        self._show_sharing_state()

    def _sharing_toggled(self, checked: bool) -> None:
        if checked and not self.sharing.on:
            self.start_sharing()
        elif not checked and self.sharing.on:
            self.stop_sharing()
        self._show_sharing_state()

    def _remember_sharing(self, rep_id: int | None) -> None:
        # Kept with the journal's own path: another data folder (or --demo) has other reps.
        if rep_id is None:
            self.settings.remove(SHARING_KEY)
        else:
            self.settings.setValue(SHARING_KEY, f"{rep_id} {self.journal.path}")
        self.settings.sync()

    def _restore_sharing(self) -> None:
        value = self.settings.value(SHARING_KEY)
        number, _, journal = str(value or "").partition(" ")
        if not number.isdigit() or journal != str(self.journal.path):
            return  # not sharing, or sharing in another journal: that one keeps its state
        rep = reps.get_rep(self.journal, int(number))
        if rep is None:
            self._remember_sharing(None)
            return
        self.sharing.start(rep.id)
        self._put_clipboard_away()
        self._enter_shared_view(rep.id)

    def _put_clipboard_away(self) -> None:
        """Empty the clipboard while sharing, keeping what it held for afterwards.

        A recap copied for another rep must not be pasted into this rep's 1:1.
        """
        from PySide6.QtWidgets import QApplication

        clipboard = QApplication.clipboard()
        held = clipboard.mimeData()
        kept = QMimeData()
        if held is not None:
            for kind in held.formats():
                kept.setData(kind, held.data(kind))
        self._clipboard_kept = kept if kept.formats() else None
        clipboard.clear()

    def _bring_clipboard_back(self) -> None:
        from PySide6.QtWidgets import QApplication

        kept, self._clipboard_kept = self._clipboard_kept, None
        clipboard = QApplication.clipboard()
        current = clipboard.mimeData()
        # Something copied while sharing (the rep's own words) is left where it is.
        if kept is not None and (current is None or not current.formats()):
            clipboard.setMimeData(kept)

    def _show_sharing_state(self) -> None:
        """Bring the toolbar, the actions and the title in line with sharing mode."""
        on = self.sharing.on
        self.sharing_action.blockSignals(True)
        self.sharing_action.setChecked(on)
        self.sharing_action.blockSignals(False)
        if on:
            self.sharing_action.setText(self.tr("Stop &sharing…"))
            self.sharing_action.setToolTip(self.tr("Leave sharing mode; asks first (Ctrl+Shift+H)"))
            self.sharing_banner.setText(self.tr("Showing %s") % self._shared_name())
        else:
            self.sharing_action.setText(self.tr("&Sharing mode"))
            self.sharing_action.setToolTip(
                self.tr("Show the screen to one rep: only their shared pages (Ctrl+Shift+H)")
            )
        self.sharing_banner_action.setVisible(on)
        self._update_actions()
        self.update_title()

    def set_dark(self, on: bool) -> None:
        """Switch between the system palette and the dark one (remembered)."""
        from PySide6.QtWidgets import QApplication

        from coachdesk.ui.widgets.style import apply_dark_palette, apply_system_palette

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        (apply_dark_palette if on else apply_system_palette)(app)
        self.settings.setValue("view/dark", on)

    @not_while_sharing
    def find_rep(self) -> None:
        """Put the cursor in the roster filter."""
        self.roster.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.roster.filter_edit.selectAll()

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

    def show_licences(self) -> None:
        """Every part coachdesk is made of, with its licence text."""
        from coachdesk.ui.window.licences import LicencesDialog

        dialog = LicencesDialog(self)
        dialog.exec()
        dialog.deleteLater()

    # ----------------------------------------------------------------- window state

    def _restore_window_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            # The first time: roomy on a large screen, the whole desktop on a laptop
            # (its frame is taken off once it is known, see keep_on_screen).
            area = self.screen().availableGeometry()
            size = QSize(min(1600, area.width()), min(1000, area.height()))
            self.resize(size)
            self.move(area.center() - QPoint(size.width() // 2, size.height() // 2))
        state = self.settings.value("window/splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)
        if not isinstance(self.settings.value("window/splitter"), QByteArray):
            self.splitter.setSizes([320, 960])
        self.questions_action.setChecked(bool(self.settings.value("window/questions", False, bool)))

    def keep_on_screen(self) -> None:
        """Fit the window, frame and all, into the desktop of its screen (less panels).

        Run once it is shown, when its frame is known: a window opened for the first
        time, or remembered from a larger screen, is never partly off the screen.
        """
        screen = self.screen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        area = screen.availableGeometry()
        frame, inside = self.frameGeometry(), self.geometry()
        extra = QSize(frame.width() - inside.width(), frame.height() - inside.height())
        size = inside.size().boundedTo(area.size() - extra).expandedTo(self.minimumSize())
        if size != inside.size():
            self.resize(size)
        width, height = size.width() + extra.width(), size.height() + extra.height()
        x = max(area.left(), min(frame.left(), area.right() + 1 - width))
        y = max(area.top(), min(frame.top(), area.bottom() + 1 - height))
        if (x, y) != (frame.left(), frame.top()):
            self.move(x, y)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.autosaver.flush():
            answer = QMessageBox.warning(
                self,
                self.tr("Not saved"),
                self.tr("The last changes could not be saved:\n%s\n\nClose anyway and lose them?")
                % self.autosaver.message,
                QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Close:
                event.ignore()
                return
        self._index_timer.stop()
        if self.reminders is not None:
            self.reminders.stop()
        self._catch_up_search()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        if self._rep_page is not None:
            self.settings.setValue(
                "window/meetings-splitter", self._rep_page.meetings_split.saveState()
            )
            from coachdesk.ui.rep.timeline_view import groups_text

            self.settings.setValue(TIMELINE_KEY, groups_text(self._rep_page.timeline_groups()))
        self.settings.setValue("window/questions", self.questions_action.isChecked())
        self.settings.sync()
        super().closeEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

"""Sharing mode shows one rep and nobody else.

Every other rep in a sample team carries a token in every field they have (name, e-mail,
title, notes, agendas, commitments, agreements, plans, ratings). With sharing mode on for
one rep, the test visits every tab and timeline entry, presses every button and menu
action that is enabled, and in each state reads what a person could read: the window and
every open dialog painted into a PDF and read back, the title, the status bar, every
visible model's text and tooltips, every visible label, field, button and tab. No token
may appear. With sharing mode off the same walk finds them (the positive control).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QModelIndex, QPoint, QSettings, QSizeF, Qt
from PySide6.QtGui import QAction, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coachdesk.dates import FixedClock
from coachdesk.paths import resolve
from coachdesk.sample.team import make_sample
from coachdesk.store import meetings, reps
from coachdesk.store.db import Journal
from coachdesk.ui.window.main_window import SHARING_KEY, MainWindow
from tests.ui.opening import wait_ready
from tests.ui.window.sharing_keys import answer_leaving, press_sharing_shortcut

TOKEN_RE = re.compile(r"Zq\d\dx")
# Actions left alone: they end the session, lock it or leave sharing (each has its test).
NOT_PRESSED = ("Quit", "Lock", "Sharing mode", "Stop sharing")


# ----------------------------------------------------------------- the team


def _tokenize(journal: Journal, rep_id: int, token: str) -> None:
    """Put ``token`` at the start of every text field held on one rep."""
    prefix = f"{token} "

    def mark(table: str, columns: list[str], where: str, params: list[Any]) -> None:
        sets = ", ".join(
            f"{c} = CASE WHEN {c} IS NULL OR {c} = '' THEN ? ELSE ? || {c} END" for c in columns
        )
        values: list[Any] = []
        for _ in columns:
            values += [token, prefix]
        db.execute(f"UPDATE {table} SET {sets} WHERE {where}", [*values, *params])

    with journal.write("reps", "meetings", "commitments", "agreements", "plans") as db:
        mark("reps", ["name", "title", "territory", "reach_by"], "id = ?", [rep_id])
        db.execute(
            "UPDATE reps SET email = ? WHERE id = ?", [f"{token.lower()}@example.com", rep_id]
        )
        mark(
            "meetings",
            ["rep_agenda", "my_agenda", "notes", "private_notes"],
            "rep_id = ?",
            [rep_id],
        )
        mark("commitments", ["text"], "rep_id = ?", [rep_id])
        mark(
            "agreements",
            ["more_needed", "open_door", "work_schedule"],
            "scope = 'rep' AND rep_id = ?",
            [rep_id],
        )
        mark(
            "agreement_items",
            ["label", "text"],
            "agreement_id IN (SELECT id FROM agreements WHERE scope = 'rep' AND rep_id = ?)",
            [rep_id],
        )
        mark("agreement_step_uses", ["note"], "rep_id = ?", [rep_id])
        mark("plans", ["review_comments"], "rep_id = ?", [rep_id])
        mark(
            "plan_answers",
            ["answer"],
            "plan_id IN (SELECT id FROM plans WHERE rep_id = ?)",
            [rep_id],
        )
        mark(
            "plan_targets",
            ["label"],
            "plan_id IN (SELECT id FROM plans WHERE rep_id = ?)",
            [rep_id],
        )
        mark("ladder_ratings", ["why"], "rep_id = ?", [rep_id])
        mark("ladder_reads", ["change"], "rep_id = ?", [rep_id])


@pytest.fixture
def shared_rep(journal: Journal, clock: FixedClock) -> int:
    """A sample team where every rep but one carries a token; return the one's id."""
    make_sample(journal, reps=9, weeks=10, seed=7)
    everyone = reps.list_reps(journal)
    active = [r for r in everyone if r.active and r.next_meeting_at]
    shared = max(active, key=lambda r: meetings.count_meetings(journal, r.id))
    others = [r for r in everyone if r.id != shared.id]
    assert len(others) >= 8
    for number, rep in enumerate(others):
        _tokenize(journal, rep.id, f"Zq{number:02d}x")
    # One of their 1:1s is under way right now, so sharing mode starts on them.
    meetings.add_meeting(journal, shared.id, clock.now().isoformat(timespec="minutes"))
    return shared.id


def open_window(qtbot: QtBot, journal: Journal, settings_file: Path) -> MainWindow:
    """The main window at laptop size, past its first paint."""
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = MainWindow(journal, settings)
    qtbot.addWidget(window)
    window.resize(1366, 738)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    wait_ready(qtbot, window)
    return window


# ----------------------------------------------------------------- reading the screen


def pdf_text(widgets: list[QWidget]) -> str:
    """Paint ``widgets`` into a PDF, one page each, and read the text back with pypdf."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(96)
    painter: QPainter | None = None
    for number, widget in enumerate(widgets):
        size = QSizeF(widget.width() * 72 / 96, widget.height() * 72 / 96)
        layout = QPageLayout(
            QPageSize(size, QPageSize.Unit.Point),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
        writer.setPageLayout(layout)
        if painter is None:
            painter = QPainter(writer)
        elif number:
            writer.newPage()
        widget.render(painter, QPoint(0, 0))
    if painter is not None:
        painter.end()
    buffer.close()
    data = bytes(buffer.data().data())
    if not widgets:
        return ""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _columns(model: Any, parent: QModelIndex) -> int:
    try:
        return max(1, int(model.columnCount(parent)))
    except TypeError:  # a list model keeps columnCount to itself
        return 1


def _has_children(model: Any, index: QModelIndex) -> bool:
    try:
        return bool(model.hasChildren(index))
    except TypeError:  # a list or table model has no children
        return False


def _model_text(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    found: list[str] = []
    roles = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
    )

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                for role in roles:
                    value = index.data(role)
                    if value:
                        found.append(str(value))
                if column == 0 and _has_children(model, index):
                    walk(index)

    walk(QModelIndex())
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        count = _columns(model, QModelIndex()) if orientation is Qt.Orientation.Horizontal else 0
        for section in range(count):
            value = model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
            if value:
                found.append(str(value))
    return found


def widget_text(top: QWidget) -> list[str]:
    """What a person can read in ``top`` and its visible children, tooltips included."""
    found = [top.windowTitle()]
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        found += [widget.toolTip(), widget.accessibleName(), widget.statusTip()]
        if isinstance(widget, QLabel | QLineEdit):
            found.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            found.append(widget.toPlainText())
        elif isinstance(widget, QAbstractButton):
            found.append(widget.text())
        elif isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QGroupBox):
            found.append(widget.title())
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                found += [widget.tabText(i), widget.tabToolTip(i)]
        elif isinstance(widget, QAbstractItemView):
            found += _model_text(widget)
        elif isinstance(widget, QMenu):
            found += [a.text() for a in widget.actions() if a.isVisible()]
    return [text for text in found if text]


class Screen:
    """Everything read so far, by state, and the tokens found in it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.found: dict[str, set[str]] = {}
        self.channels: set[str] = set()
        self.states = 0
        self.pdf: dict[str, str] = {}  # state: the text read back from its PDF

    def _note(self, state: str, channel: str, texts: list[str]) -> None:
        for text in texts:
            for token in TOKEN_RE.findall(text):
                self.found.setdefault(token, set()).add(f"{state} [{channel}]: {text[:120]!r}")
                self.channels.add(channel)

    def read(self, state: str, dialogs: list[QWidget] | None = None) -> None:
        """Read the window and ``dialogs`` (and any other visible window) in one state."""
        self.states += 1
        windows = [self.window, *(dialogs or [])]
        windows += [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and w not in windows and not isinstance(w, QMenu)
        ]
        self.pdf[state] = pdf_text(windows)
        self._note(state, "pdf", [self.pdf[state]])
        for top in windows:
            self._note(state, "widgets", widget_text(top))
        self._note(state, "title", [self.window.windowTitle()])
        self._note(state, "status bar", [self.window.statusBar().currentMessage()])
        menus = [a.text() for a in self.window.menuBar().actions()]
        for menu in self.window.menuBar().findChildren(QMenu):
            menus += [a.text() for a in menu.actions() if a.isVisible()]
        self._note(state, "menus", menus)


class Dialogs:
    """Every dialog a click opens is read, then answered "no" — no modal ever blocks.

    ``exec()`` of every dialog class shows the dialog, lets ``screen`` read it and
    returns Rejected; the static message boxes and file choosers are read and answered
    with Cancel; a dialog shown without ``exec`` is read and closed after the click.
    """

    def __init__(self, qtbot: QtBot, screen: Screen, monkeypatch: pytest.MonkeyPatch) -> None:
        self.qtbot, self.screen = qtbot, screen
        self.opened: list[str] = []
        self._state = ""

        def exec_(dialog: QDialog, *args: object) -> int:
            self._read_dialog(dialog)
            return int(QDialog.DialogCode.Rejected)

        for kind in (QDialog, QMessageBox, QFileDialog, QInputDialog, QPrintDialog):
            monkeypatch.setattr(kind, "exec", exec_)

        def preview_exec(dialog: QPrintPreviewDialog, *args: object) -> int:
            return self._preview(dialog)

        monkeypatch.setattr(QPrintPreviewDialog, "exec", preview_exec)

        def static_box(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
            texts = [a for a in [*args, *kwargs.values()] if isinstance(a, str)]
            self.opened.append(f"message: {texts[:1]}")
            self.screen._note(self._state, "message box", texts)
            return QMessageBox.StandardButton.Cancel

        for name in ("question", "warning", "information", "critical", "about"):
            monkeypatch.setattr(QMessageBox, name, staticmethod(static_box))

        def static_file(*args: object, **kwargs: object) -> tuple[str, str]:
            # What the chooser would list: the files in the folder it starts in.
            self.opened.append("file chooser")
            start = next((a for a in args[2:3] if isinstance(a, str)), "")
            folder = Path(start) if start and Path(start).is_dir() else Path(start).parent
            listed = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
            self.screen._note(self._state, "file chooser", [str(folder), *listed])
            return "", ""

        for name in ("getSaveFileName", "getOpenFileName", "getExistingDirectory"):
            monkeypatch.setattr(QFileDialog, name, staticmethod(static_file))

        def open_url(url: object) -> bool:
            # Another program (a file manager) would show it: that is a leak too.
            self.opened.append(f"another program: {url}")
            return True

        from PySide6.QtGui import QDesktopServices

        monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))

    def _read_dialog(self, dialog: QWidget) -> None:
        self.opened.append(f"{type(dialog).__name__}: {dialog.windowTitle()}")
        dialog.show()
        self.qtbot.waitExposed(dialog)
        self.screen.read(f"{self._state} → {type(dialog).__name__}", [dialog])
        # Its own print preview is part of what a prep dialog shows.
        preview = getattr(dialog, "preview", None)
        if callable(preview) and type(dialog).__name__ == "PrepDialog":
            preview()
        # Closed as a person closes it, so the dialog tidies up after itself.
        if isinstance(dialog, QDialog):
            dialog.done(int(QDialog.DialogCode.Rejected))
        else:
            dialog.close()

    def _preview(self, dialog: QPrintPreviewDialog) -> int:
        dialog.resize(900, 700)
        self._read_dialog(dialog)
        return int(QDialog.DialogCode.Rejected)

    def press(self, state: str, trigger: Callable[[], object]) -> None:
        """Run ``trigger`` (a click), then read and close whatever it left open."""
        self._state = state
        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        trigger()
        QApplication.processEvents()
        left = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and id(w) not in before and not isinstance(w, QMenu)
        ]
        self.screen.read(state, left)
        for widget in left:
            self.opened.append(f"{type(widget).__name__}: {widget.windowTitle()}")
            widget.close()


def _files_about_others(tmp_path: Path) -> None:
    """Files a manager keeps, named after other reps, where choosers usually start."""
    for folder in (tmp_path / "home", tmp_path / "home" / "Documents"):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "agreement-Zq01x-v2.pdf").write_bytes(b"%PDF-")
        (folder / "plan-2026-Q4-Zq02x-filled.pdf").write_bytes(b"%PDF-")


# ----------------------------------------------------------------- the walk


def _menu_actions(window: MainWindow) -> Iterator[tuple[str, QAction]]:
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu) or not top.isEnabled():
            continue
        menu.aboutToShow.emit()  # the Team menu fills itself when first shown
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None:
                continue
            yield f"{top.text()} → {action.text()}", action


def _buttons(window: MainWindow) -> list[QAbstractButton]:
    page = window.rep_page
    return [
        b
        for b in page.findChildren(QAbstractButton)
        if b.isVisible() and b.isEnabled() and not isinstance(b.parent(), QTabBar)
    ]


def walk(qtbot: QtBot, window: MainWindow, screen: Screen, dialogs: Dialogs) -> None:
    """Visit every tab and timeline entry, press every button and enabled menu action."""
    page = window.rep_page
    screen.read("start")
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        name = page.tabs.tabText(tab)
        QApplication.processEvents()
        screen.read(f"tab {name}")
        for button in _buttons(window):
            label = button.text() or button.accessibleName() or button.toolTip()
            if not (button.isVisible() and button.isEnabled()):
                continue
            dialogs.press(f"tab {name}: button {label!r}", button.click)
            if page.tabs.currentIndex() != tab:
                page.tabs.setCurrentIndex(tab)
    page.tabs.setCurrentIndex(0)
    model = page.timeline.model()
    for row in range(min(model.rowCount(), 14)):
        page.timeline.setCurrentIndex(model.index(row, 0))
        QApplication.processEvents()
        screen.read(f"timeline row {row}")
    for name, action in list(_menu_actions(window)):
        if not action.isEnabled() or not action.isVisible():
            continue
        if any(name.replace("&", "").endswith(skip) for skip in NOT_PRESSED):
            continue
        if action.text().replace("&", "").startswith(NOT_PRESSED):
            continue
        dialogs.press(f"menu {name}", action.trigger)
    # Keys that would switch to another rep, or leave the page for the team's views.
    for key, modifiers in (
        (Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier),
    ):
        dialogs.press(f"keys {key.name}", lambda k=key, m=modifiers: qtbot.keyClick(window, k, m))


# Painting widgets into a PDF: the style's gradients cannot be written there, and say so.
PDF_PAINTING = pytest.mark.qt_log_ignore("QPdfEngine: unable to create a gradient")


@pytest.mark.slow
@PDF_PAINTING
def test_sharing_mode_shows_one_rep_and_nobody_else(
    qtbot: QtBot,
    journal: Journal,
    shared_rep: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _files_about_others(tmp_path)
    window = open_window(qtbot, journal, tmp_path / "window.ini")
    press_sharing_shortcut(qtbot, window)
    assert window.sharing.rep_id == shared_rep  # their 1:1 is under way
    screen = Screen(window)
    dialogs = Dialogs(qtbot, screen, monkeypatch)
    walk(qtbot, window, screen, dialogs)
    assert window.sharing.rep_id == shared_rep
    assert window.rep_page.rep is not None and window.rep_page.rep.id == shared_rep
    assert screen.states > 40
    # What the walk opened: the shared view's own dialogs, and nothing about the team.
    opened = "\n".join(dialogs.opened)
    assert "PrepDialog" in opened and "QPrintPreviewDialog" in opened
    assert "CloseOutDialog" in opened
    for team_view in ("TeamNumbersWindow", "TeamLadderDialog", "SearchDialog", "SettingsDialog"):
        assert team_view not in opened
    assert "another program" not in opened
    # The PDFs read back hold the rep's own page, and their prep sheet in its preview.
    name = window.rep_page.rep.name.split()[0]
    assert name in screen.pdf["start"].replace("\t", " ")
    previews = [text for state, text in screen.pdf.items() if state.endswith("QPrintPreviewDialog")]
    assert previews and all(name in text.replace("\t", " ") for text in previews)
    assert not screen.found, "\n".join(
        f"{token}: {sorted(places)[:3]}" for token, places in sorted(screen.found.items())
    )


@pytest.mark.slow
@PDF_PAINTING
def test_the_same_walk_finds_the_tokens_with_sharing_off(
    qtbot: QtBot,
    journal: Journal,
    shared_rep: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _files_about_others(tmp_path)
    window = open_window(qtbot, journal, tmp_path / "window.ini")
    assert window.roster.select_rep(shared_rep)
    screen = Screen(window)
    dialogs = Dialogs(qtbot, screen, monkeypatch)
    walk(qtbot, window, screen, dialogs)
    assert len(screen.found) >= 8, sorted(screen.found)
    # Each way of reading the screen is one that can find them.
    assert {"pdf", "widgets", "file chooser"} <= screen.channels


# ----------------------------------------------------------------- by keyboard


def test_leaving_asks_first_and_enter_or_escape_keep_sharing(
    qtbot: QtBot, journal: Journal, shared_rep: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, journal, tmp_path / "window.ini")
    press_sharing_shortcut(qtbot, window)
    assert window.sharing.on
    name = window.rep_page.rep.name if window.rep_page.rep else ""
    assert f"Showing {name}" == window.sharing_banner.text()
    qtbot.waitUntil(window.sharing_banner.isVisible)
    assert not window.roster.isVisible()

    said = answer_leaving(qtbot, window, "enter")
    assert "Leave sharing mode?" in said and name in said
    assert window.sharing.on  # Enter is "Keep sharing"
    answer_leaving(qtbot, window, "escape")
    assert window.sharing.on
    assert not window.roster.isVisible()

    answer_leaving(qtbot, window, "leave")
    assert not window.sharing.on
    assert window.roster.isVisible()
    qtbot.waitUntil(lambda: not window.sharing_banner.isVisible())
    assert TOKEN_RE.search("\n".join(widget_text(window)))  # the others are back


def test_no_rep_switch_while_sharing(
    qtbot: QtBot, journal: Journal, shared_rep: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, journal, tmp_path / "window.ini")
    window.set_sharing(True, shared_rep)
    other = next(r.id for r in reps.list_reps(journal) if r.id != shared_rep)
    window._show_rep(other)
    window.roster.rep_chosen.emit(other)
    window.show_week()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert window.rep_page.rep is not None and window.rep_page.rep.id == shared_rep
    assert window.pages.currentWidget() is window.rep_page
    assert not window.week_action.isEnabled() and not window.search_action.isEnabled()


def test_a_restart_comes_back_in_sharing_mode_on_the_same_rep(
    qtbot: QtBot, journal: Journal, shared_rep: int, tmp_path: Path
) -> None:
    settings_file = tmp_path / "window.ini"
    window = open_window(qtbot, journal, settings_file)
    window.set_sharing(True, shared_rep)
    window.close()

    # Before its first paint the new window has no roster and no other name to show.
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    assert str(settings.value(SHARING_KEY)) == f"{shared_rep} {journal.path}"
    again = MainWindow(journal, settings)
    qtbot.addWidget(again)
    assert again.sharing.rep_id == shared_rep
    assert again.roster.model.rowCount() == 0 and not again.roster.isVisibleTo(again)
    assert not TOKEN_RE.search("\n".join(widget_text(again)))
    again.show()
    qtbot.waitExposed(again)
    wait_ready(qtbot, again)
    qtbot.waitUntil(lambda: again.rep_page.rep is not None)
    assert again.rep_page.rep is not None and again.rep_page.rep.id == shared_rep
    assert not TOKEN_RE.search("\n".join(widget_text(again)))

    # Left for good: the next start is the normal one.
    again.set_sharing(False)
    assert QSettings(str(settings_file), QSettings.Format.IniFormat).value(SHARING_KEY) is None


def test_it_starts_on_the_next_1_1_or_asks(
    qtbot: QtBot,
    journal: Journal,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
    bo = reps.add_rep(journal, reps.NewRep("Bo Chen")).id
    window = open_window(qtbot, journal, tmp_path / "window.ini")
    window.show_week()

    # Nobody's 1:1 is under way or scheduled: it asks, and Cancel leaves it off.
    from coachdesk.ui.window.sharing import ShareWithDialog

    asked: list[list[str]] = []

    def choose(dialog: ShareWithDialog, *args: object) -> int:
        asked.append([dialog.reps.itemText(i) for i in range(dialog.reps.count())])
        return int(QDialog.DialogCode.Rejected) if len(asked) == 1 else _pick(dialog, "Bo Chen")

    monkeypatch.setattr(ShareWithDialog, "exec", choose)
    press_sharing_shortcut(qtbot, window)
    assert not window.sharing.on and not window.sharing_action.isChecked()
    press_sharing_shortcut(qtbot, window)
    assert window.sharing.rep_id == bo
    assert asked == [["Ana Ruiz", "Bo Chen"], ["Ana Ruiz", "Bo Chen"]]
    window.set_sharing(False)

    # Ana's next 1:1 is this afternoon, Bo's tomorrow: from This week it is Ana.
    today = clock.now().date()
    reps.update_rep(journal, ana, next_meeting_at=f"{today}T15:00")
    reps.update_rep(journal, bo, next_meeting_at=f"{today + dt.timedelta(days=1)}T09:00")
    window.show_week()
    press_sharing_shortcut(qtbot, window)
    assert window.sharing.rep_id == ana
    assert len(asked) == 2


def _pick(dialog: Any, name: str) -> int:
    dialog.reps.setCurrentIndex(dialog.reps.findText(name))
    return int(QDialog.DialogCode.Accepted)


def test_late_items_read_as_an_invitation_while_sharing(
    qtbot: QtBot, journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    from coachdesk.store import commitments
    from coachdesk.store.records import Owner

    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
    first = meetings.add_meeting(journal, ana, "2026-11-09T09:00")
    commitments.add_commitment(
        journal,
        ana,
        Owner.REP,
        "Send the Acme proposal",
        due_date="2026-11-17",
        meeting_id=first.id,
    )
    meetings.add_meeting(journal, ana, "2026-11-23T09:00")
    window = open_window(qtbot, journal, tmp_path / "window.ini")
    window.roster.select_rep(ana)
    qtbot.waitUntil(lambda: window.rep_page.editor.meeting is not None)
    carried = window.rep_page.editor.carry_over.model
    assert carried.index(0, 0).data().startswith("Late  ·  ")
    assert "was due Tue, 17 Nov" in carried.index(0, 0).data()
    window.set_sharing(True)
    text = carried.index(0, 0).data()
    assert "open since Tue, 17 Nov — keep, change or drop?" in text and "Late" not in text
    assert carried.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None  # no red
    assert carried.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is None  # no warning


def test_another_journal_does_not_start_in_this_ones_sharing_mode(
    qtbot: QtBot, journal: Journal, shared_rep: int, tmp_path: Path
) -> None:
    settings_file = tmp_path / "window.ini"
    window = open_window(qtbot, journal, settings_file)
    window.set_sharing(True, shared_rep)
    window.close()
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    other = Journal.open(resolve(tmp_path / "other-data"))
    try:
        reps.add_rep(other, reps.NewRep("Someone else"))
        elsewhere = MainWindow(other, settings)
        qtbot.addWidget(elsewhere)
        assert not elsewhere.sharing.on and elsewhere.roster.isVisibleTo(elsewhere)
        elsewhere.close()
    finally:
        other.close()
    # ...and it did not forget this journal's: it still opens sharing the same rep.
    again = MainWindow(journal, QSettings(str(settings_file), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.sharing.rep_id == shared_rep


def test_what_was_copied_before_sharing_cannot_be_pasted_while_sharing(
    qtbot: QtBot, journal: Journal, shared_rep: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, journal, tmp_path / "window.ini")
    clipboard = QApplication.clipboard()
    clipboard.setText("Hi Zq01x, here is what we agreed")
    window.set_sharing(True, shared_rep)
    assert clipboard.text() == ""
    agenda = window.rep_page.editor.editors["rep_agenda"]
    agenda.setFocus()
    qtbot.keyClick(agenda, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "Zq01x" not in agenda.toPlainText()
    window.set_sharing(False)
    assert clipboard.text() == "Hi Zq01x, here is what we agreed"


def test_the_data_folder_is_not_shown_while_sharing(
    qtbot: QtBot, journal: Journal, shared_rep: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    window = open_window(qtbot, journal, tmp_path / "window.ini")
    window.set_sharing(True, shared_rep)
    assert not window.data_folder_action.isEnabled()
    window.show_data_folder()
    assert opened == []

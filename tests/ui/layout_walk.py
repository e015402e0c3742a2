"""A child process for tests/ui/test_layout.py: every screen of the app, laid out and judged.

Usage: python -m tests.ui.layout_walk PALETTE... (``light``, ``dark``), from the
repository's folder, on whatever Qt platform and screen the environment gives (the test
sets up an offscreen screen of the size wanted, or an Xvfb display for ``xcb``).

Opens the sample team (made for Monday 2026-11-23) in the main window, fills the screen's
available area with it, and for each palette visits every main view, every tab of the
rep page (for the rep with the most data) and every dialog, and runs the layout check
(tests/ui/layout_check.py) on each. Prints one JSON line per place:
``{"palette": …, "place": …, "findings": ["rule: path: detail", …]}``, and one per
dialog shown, ``{"dialog": class name}``; then ``done``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMessageLogContext, QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget

from coachdesk.dates import FixedClock
from coachdesk.paths import make_private, resolve
from coachdesk.sample.team import make_sample
from coachdesk.store import agreements, commitments, meetings, numbers, ratings, reps
from coachdesk.store.agreements import AgreementOwner
from coachdesk.store.db import Journal
from coachdesk.store.records import CommitmentStatus, Rep
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.layout_check import Finding, check

TODAY = dt.date(2026, 11, 23)

Place = tuple[str, list[Finding]]


def settle(app: QApplication, window: QWidget | None = None) -> None:
    """Let Qt finish laying out and showing (a real X server answers asynchronously)."""
    deadline = time.monotonic() + 5
    handle = window.windowHandle() if window is not None else None
    while handle is not None and not handle.isExposed() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    # Each turn lays out what the last one changed (a row gone on onto another line, a
    # scroll area fitting its content): a few turns settle every screen here.
    for _ in range(8):
        app.sendPostedEvents()
        app.processEvents()


def fill_screen(app: QApplication, window: QWidget) -> None:
    """Make the window, frame and all, take the screen's whole available area."""
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    inside = window.geometry()
    left, top = inside.x() - frame.x(), inside.y() - frame.y()
    right, bottom = frame.right() - inside.right(), frame.bottom() - inside.bottom()
    window.setGeometry(area.adjusted(left, top, -right, -bottom))
    settle(app, window)


def busiest_rep(journal: Journal) -> int:
    """The rep with the most on record: 1:1s, commitments, ratings, reads, numbers."""

    def amount(rep_id: int) -> int:
        return (
            len(meetings.list_meetings(journal, rep_id))
            + len(commitments.list_commitments(journal, rep_id))
            + 5 * len(ratings.list_ratings(journal, rep_id))
            + 5 * len(ratings.list_reads(journal, rep_id))
            + len(numbers.rep_values(journal, rep_id)) // 4
            + 5 * len(agreements.rep_versions(journal, rep_id))
        )

    return max((r.id for r in reps.list_reps(journal, include_archived=False)), key=amount)


def tabs_of(root: QWidget) -> list[QTabWidget]:
    """The visible tab widgets of ``root`` that are not inside another one."""
    found = []
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        outer = tabs.parentWidget()
        while outer is not None and outer is not root and not isinstance(outer, QTabWidget):
            outer = outer.parentWidget()
        if outer is None or outer is root:
            found.append(tabs)
    return found


def each_tab(app: QApplication, name: str, root: QWidget) -> Iterator[Place]:
    """``root`` as it is, then once on every tab of its (outermost) tab widgets."""
    outer = tabs_of(root)
    if not outer:
        yield name, check(root)
        return
    for tabs in outer:
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            settle(app)
            yield f"{name} — {tabs.tabText(index).replace('&', '')}", check(root)
        tabs.setCurrentIndex(0)


def views(app: QApplication, window: MainWindow, rep_id: int) -> Iterator[Place]:
    """The main window's views: This week, the welcome page, the rep page's tabs."""
    window.show_week()
    settle(app)
    yield "This week", check(window)
    window.pages.setCurrentWidget(window.welcome)
    settle(app)
    yield "Welcome", check(window)
    window.roster.select_rep(rep_id)
    settle(app)
    page = window.rep_page
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        settle(app)
        yield f"Rep page — {page.tabs.tabText(index).replace('&', '')}", check(window)
    page.tabs.setCurrentIndex(0)
    window.questions_action.setChecked(True)
    settle(app)
    yield "Rep page — 1:1s with Questions to ask", check(window)
    page.editor.private_toggle.setChecked(True)
    settle(app)
    yield "Rep page — 1:1s with questions and private notes", check(window)
    page.editor.private_toggle.setChecked(False)
    window.questions_action.setChecked(False)
    settle(app)


def dialogs(window: MainWindow, rep_id: int) -> Iterator[tuple[str, Callable[[], QDialog]]]:
    """Every dialog, made as the window makes it (not yet shown)."""
    from coachdesk.ui.agreements.agreement_page import SignedDialog, StepUseDialog
    from coachdesk.ui.agreements.agreement_parts import CompareDialog
    from coachdesk.ui.agreements.plan_page import PasteReplyDialog
    from coachdesk.ui.agreements.team_agreement import (
        AgreementSettingsDialog,
        TeamAgreementDialog,
    )
    from coachdesk.ui.ladder.ladder_dialogs import MeLadderDialog, TeamLadderDialog
    from coachdesk.ui.numbers.team_grid import MetricsDialog, TeamNumbersWindow
    from coachdesk.ui.protection.protection_dialog import NewPassphraseDialog, PassphraseDialog
    from coachdesk.ui.rep.closeout import CloseOutDialog
    from coachdesk.ui.rep.commitments import KeepDialog
    from coachdesk.ui.rep.printing import PrepDialog
    from coachdesk.ui.rep.rep_dialog import DeleteRepDialog, RepDialog
    from coachdesk.ui.rep.scheduled_bar import WhoseCall
    from coachdesk.ui.settings.settings_dialog import SettingsDialog
    from coachdesk.ui.week.search_dialog import SearchDialog
    from coachdesk.ui.widgets.progress import ProgressDialog
    from coachdesk.ui.window.file_actions import BackupChooser, ExportDialog
    from coachdesk.ui.window.licences import LicencesDialog
    from coachdesk.ui.window.sharing import ShareWithDialog

    journal = window.journal
    rep = reps.get_rep(journal, rep_id)
    assert rep is not None
    first = rep.name.split()[0]
    active = reps.list_reps(journal, include_archived=False)
    # The 1:1 with the most still open to settle: the fullest close-out.
    meeting = max(
        meetings.list_meetings(journal, rep_id),
        key=lambda m: sum(
            1
            for c in commitments.list_commitments(journal, rep_id)
            if c.status is CommitmentStatus.OPEN and (c.meeting_id or 0) <= m.id
        ),
    )
    still_open = [
        c
        for c in commitments.list_commitments(journal, rep_id)
        if c.status is CommitmentStatus.OPEN
    ]
    longest = max(still_open, key=lambda c: len(c.text))
    with_agreement = max(
        (r.id for r in active), key=lambda r: len(agreements.rep_versions(journal, r))
    )
    versions = agreements.rep_versions(journal, with_agreement)
    agreement = agreements.active_agreement(journal, AgreementOwner.rep(with_agreement))
    assert agreement is not None, "the sample has an agreement in force"

    def search() -> QDialog:
        dialog = SearchDialog(journal, window.sharing, window)
        dialog.field.setText("pricing")
        return dialog

    yield "Close out", lambda: CloseOutDialog(journal, window.commands, meeting.id, TODAY, window)
    yield "Keep commitment", lambda: KeepDialog(longest, TODAY, window)
    yield "Prep sheet", lambda: PrepDialog(journal, [rep_id], TODAY, window)
    yield "Prep pack", lambda: PrepDialog(journal, None, TODAY, window)
    yield "New rep", lambda: RepDialog(journal, None, window)
    yield "Edit rep", lambda: RepDialog(journal, rep_id, window)
    yield "Delete rep", lambda: DeleteRepDialog(rep, window)
    yield "Search everything", search
    yield "Settings", lambda: SettingsDialog(journal, window)
    yield "Team agreement", lambda: TeamAgreementDialog(journal, window)
    yield "Agreements and plans settings", lambda: AgreementSettingsDialog(journal, window)
    yield "Compare agreement versions", lambda: CompareDialog(versions, "History", window)
    yield "Record a step we used", lambda: StepUseDialog(agreement, first, TODAY, window)
    yield "Sign-off dates", lambda: SignedDialog(agreement, window)
    yield "Paste the plan reply", lambda: PasteReplyDialog(first, window)
    yield "Where the team stands", lambda: TeamLadderDialog(journal, window.sharing, _today, window)
    yield "Me on the ladder", lambda: MeLadderDialog(journal, window.sharing, _today, window)
    yield "Weekly numbers", lambda: TeamNumbersWindow(journal, _today, window)
    yield "Metrics", lambda: MetricsDialog(journal, window)
    yield "Share with", lambda: ShareWithDialog(active, window)
    yield "Export", lambda: ExportDialog(rep, window)
    yield "Restore", lambda: BackupChooser(journal, window)
    yield "Licences", lambda: LicencesDialog(window)
    yield "Passphrase", lambda: PassphraseDialog("Unlock", "Type the passphrase.", _no, window)
    yield "New passphrase", lambda: NewPassphraseDialog("Protect", "Choose one.", window)
    yield (
        "Progress",
        lambda: ProgressDialog(
            window, "Protect", "Protecting the journal with your passphrase…", can_cancel=True
        ),
    )
    planned = meetings.scheduled_meetings(journal)
    assert planned, "the sample has scheduled 1:1s"
    yield "Move the 1:1", lambda: WhoseCall(planned[0], first, moving=True, parent=window)
    yield "Skip the 1:1", lambda: WhoseCall(planned[0], first, moving=False, parent=window)
    yield "Import calendar", lambda: _calendar_dialog(window, active)
    yield "Report columns", lambda: _columns_dialog(window)
    yield "Import numbers: preview", lambda: _preview_dialog(window, active)


def _calendar_dialog(window: MainWindow, active: list[Rep]) -> QDialog:
    """The calendar import's preview for a weekly 1:1 with each of a few reps."""
    from coachdesk.imports import calendar_import
    from coachdesk.ui.window.calendar_dialog import CalendarDialog

    events = []
    for n, rep in enumerate(r for r in active if r.email):
        if n == 4:
            break
        events += [
            "BEGIN:VEVENT",
            f"UID:walk-{rep.id}@example.com",
            f"DTSTART:202611{24 + n}T10{n}000",
            "DURATION:PT30M",
            "RRULE:FREQ=WEEKLY;INTERVAL=2",
            "ORGANIZER:mailto:manager@example.com",
            f"ATTENDEE:mailto:{rep.email}",
            "SUMMARY:1:1",
            "END:VEVENT",
        ]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//walk//EN", *events, "END:VCALENDAR"]
    data = ("\r\n".join(lines) + "\r\n").encode()
    prepared = calendar_import.prepare(window.journal, data, today=TODAY)
    return CalendarDialog(window.journal, prepared, TODAY, window)


def _report(active: list[Rep], header: str) -> bytes:
    rows = [header]
    for n, rep in enumerate(active[:6]):
        rows.append(
            f'{rep.name},Closed Won,"USD {12500 + 1000 * n:,}.00",11/{2 + n}/2026,11/{9 + n}/2026'
        )
    return ("\n".join(rows) + "\n").encode()


def _columns_dialog(window: MainWindow) -> QDialog:
    """The column-mapping step, for a report whose headings are no CRM's own."""
    from coachdesk.imports import numbers as numbers_import
    from coachdesk.imports.reports import ColumnsNeeded
    from coachdesk.imports.workbook import read_table_file
    from coachdesk.ui.numbers.report_dialogs import ColumnsDialog

    data = _report(reps.list_reps(window.journal), "Seller,Status,Value,Opened,Won on")
    table = read_table_file(data)
    try:
        numbers_import.plan_numbers(window.journal, table)
    except ColumnsNeeded as needed:
        return ColumnsDialog(table, needed, window)
    raise AssertionError("the headings were recognised")


def _preview_dialog(window: MainWindow, active: list[Rep]) -> QDialog:
    """The preview of a Salesforce opportunities report for a few reps."""
    from coachdesk.imports import numbers as numbers_import
    from coachdesk.ui.numbers.report_dialogs import PreviewDialog

    header = "Opportunity Owner,Stage,Amount,Created Date,Close Date"
    plan = numbers_import.plan_numbers(window.journal, _report(active, header))
    return PreviewDialog(plan, window)


def _today() -> dt.date:
    return TODAY


def _no(_passphrase: str) -> None:
    return None


def lock_screen(app: QApplication, window: MainWindow) -> Iterator[Place]:
    """The lock screen, as big as the window it covers."""
    from coachdesk.ui.protection.lock_screen import LockScreen

    screen = LockScreen(_no)
    screen.setGeometry(window.geometry())
    screen.show()
    settle(app, screen)
    yield "Lock screen", check(screen)
    screen.close()
    screen.deleteLater()


def walk(app: QApplication, window: MainWindow, rep_id: int) -> Iterator[Place]:
    """Every place, judged."""
    yield from views(app, window, rep_id)
    for name, make in dialogs(window, rep_id):
        dialog = make()
        dialog.show()
        settle(app, dialog)
        print(json.dumps({"dialog": type(dialog).__name__}), flush=True)
        yield from each_tab(app, name, dialog)
        dialog.reject()
        dialog.deleteLater()
    yield from lock_screen(app, window)


def say_warnings(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's warnings, one a line, for the test to judge (as strict pytest does)."""
    if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg:
        print(f"qt: {message}", flush=True)


def main(palettes: list[str]) -> int:
    """Walk every place in each palette; print the findings as JSON lines."""
    make_private()
    qInstallMessageHandler(say_warnings)
    app = QApplication.instance() or QApplication(["coachdesk"])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        clock = FixedClock(dt.datetime.combine(TODAY, dt.time(9, 0)))
        journal = Journal.open(resolve(data / "data"), clock=clock)
        make_sample(journal)
        window = MainWindow(journal, QSettings(str(data / "w.ini"), QSettings.Format.IniFormat))
        try:
            window.show()
            settle(app, window)
            while not window.is_ready:
                app.processEvents()
            # As it opens the first time: it must fit the screen.
            opened = [str(f) for f in check(window) if f.rule == "too-big"]
            print(json.dumps({"palette": "", "place": "Opening", "findings": opened}), flush=True)
            # Then as a person uses it on a small screen: filling the desktop.
            fill_screen(app, window)
            rep_id = busiest_rep(journal)
            for palette in palettes:
                window.set_dark(palette == "dark")
                settle(app, window)
                for place, findings in walk(app, window, rep_id):
                    line = {
                        "palette": palette,
                        "place": place,
                        "findings": [str(f) for f in findings],
                    }
                    print(json.dumps(line), flush=True)
        finally:
            window.close()
            journal.close()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["light", "dark"]))

"""File → Import numbers… with a CRM report: the questions, the preview, then the import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QListWidget, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.assembled import flags
from coachdesk.assembled.numbers import behind_pace_flags
from coachdesk.store import numbers, reps
from coachdesk.store.db import Journal
from coachdesk.ui.numbers import numbers_page, team_grid
from coachdesk.ui.numbers.report_dialogs import ColumnsDialog, PreviewDialog
from coachdesk.ui.rep import rep_page
from coachdesk.ui.widgets import files
from coachdesk.ui.window import main_window
from tests.imports.test_reports import expected, make_deals, salesforce_csv
from tests.ui.opening import wait_ready

Handler = Callable[[QWidget], None]


@pytest.fixture
def team(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Two reps, and the main window with only the numbers' own extensions."""
    monkeypatch.setattr(main_window, "team_menu_entries", lambda: [team_grid.install])
    monkeypatch.setattr(rep_page, "further_tabs", lambda: [numbers_page.make_page])
    monkeypatch.setattr(flags, "sources", lambda: [behind_pace_flags])
    return {
        "Ana Ruiz": reps.add_rep(journal, reps.NewRep("Ana Ruiz", email="ana@example.com")).id,
        "José Müller": reps.add_rep(journal, reps.NewRep("José Müller")).id,
    }


def open_window(qtbot: QtBot, journal: Journal, tmp_path: Path) -> main_window.MainWindow:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = main_window.MainWindow(journal, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_ready(qtbot, window)
    return window


class Modals:
    """Answers the modal windows an action opens, one handler each, in order."""

    def __init__(self, handlers: list[Handler]) -> None:
        self.handlers = list(handlers)
        self.seen: list[str] = []
        self.last: QWidget | None = None
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or widget is self.last or not self.handlers:
            return
        self.last = widget
        self.seen.append(type(widget).__name__)
        self.handlers.pop(0)(widget)

    def done(self) -> None:
        self.timer.stop()
        assert not self.handlers, f"{len(self.handlers)} modal window(s) never came"


def key(
    qtbot: QtBot,
    widget: QWidget,
    which: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press a key in a modal window, where its focus is."""
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    target = QApplication.focusWidget() or widget
    qtbot.keyClick(target, which, modifier)


def press_enter(qtbot: QtBot, texts: list[str] | None = None) -> Handler:
    def handle(widget: QWidget) -> None:
        if texts is not None and isinstance(widget, QMessageBox):
            texts.append(widget.text())
        key(qtbot, widget, Qt.Key.Key_Return)

    return handle


def stored(journal: Journal) -> dict[tuple[int, str, str], float]:
    return {
        (n.rep_id, n.week, n.metric_key): round(n.value, 2)
        for n in numbers.values_between(journal, "2026-W01", "2026-W53")
    }


def test_a_report_is_previewed_then_imported_by_keyboard(
    qtbot: QtBot,
    journal: Journal,
    team: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deals = make_deals(["Ana Ruiz", "José Müller", "Lee Park"])
    path = tmp_path / "report.csv"
    path.write_bytes(salesforce_csv(deals))
    monkeypatch.setattr(files, "ask_open_file", lambda *_: path)
    window = open_window(qtbot, journal, tmp_path)
    previewed: dict[str, object] = {}
    texts: list[str] = []

    def check_preview(widget: QWidget) -> None:
        assert isinstance(widget, PreviewDialog)
        model = widget.model
        previewed["headers"] = model.headers
        last = model.rowCount() - 1
        previewed["total"] = [model.index(last, c).data() for c in range(model.columnCount())]
        previewed["summary"] = widget.summary.text()
        assert numbers.count_values(journal) == 0  # nothing written before Import
        widget.activateWindow()
        qtbot.waitUntil(widget.import_button.hasFocus)  # Enter imports
        key(qtbot, widget, Qt.Key.Key_Return)

    modals = Modals([press_enter(qtbot, texts), check_preview, press_enter(qtbot, texts)])
    window.import_numbers()
    modals.done()
    assert modals.seen == ["QMessageBox", "PreviewDialog", "QMessageBox"]
    assert (
        texts[0]
        == "1 owner in the report is not on the roster: someone who left, or of another team."
    )
    assert previewed["headers"] == [
        "Week",
        "Rep",
        "Deals closed",
        "Bookings (USD)",
        "Pipeline created (USD)",
    ]
    want = expected(deals, team)
    won = sum(1 for d in deals if d.owner != "Lee Park" and d.stage == "Closed Won")
    booked = sum(v for (_, _, k), v in want.items() if k == "bookings")
    total = previewed["total"]
    assert isinstance(total, list)
    assert total[:4] == ["All weeks", "Total", str(won), f"{booked:,.2f}"]
    assert "Left out:" in str(previewed["summary"])
    assert stored(journal) == want
    assert texts[1].startswith(f"Imported {len(want)} values (2 reps, ")


def test_cancelling_the_preview_writes_nothing(
    qtbot: QtBot,
    journal: Journal,
    team: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(salesforce_csv(make_deals(["Ana Ruiz", "José Müller"])))
    monkeypatch.setattr(files, "ask_open_file", lambda *_: path)
    window = open_window(qtbot, journal, tmp_path)
    revision = journal.revision()

    def escape(widget: QWidget) -> None:
        key(qtbot, widget, Qt.Key.Key_Escape)

    modals = Modals([escape])
    assert team_grid.import_numbers(window, journal) is False
    modals.done()
    assert journal.revision() == revision


OTHER_CRM = (
    "Sales person,Customer,Status,Value,Won on\n"
    "Ana Ruiz,Zephyr Corp,Signed,1000,2026-11-02\n"
    "Ana Ruiz,Zephyr Corp,Dead,4000,2026-11-03\n"
    "José Müller,Zephyr Corp,Signed,250,2026-11-10\n"
)


def test_other_columns_are_mapped_once_and_remembered(
    qtbot: QtBot,
    journal: Journal,
    team: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = tmp_path / "first.csv"
    first.write_text(OTHER_CRM, encoding="utf-8")
    window = open_window(qtbot, journal, tmp_path)

    def choose(dialog: QWidget, mnemonic: Qt.Key, text: str) -> None:
        key(qtbot, dialog, mnemonic, Qt.KeyboardModifier.AltModifier)
        box = QApplication.focusWidget()
        assert isinstance(box, QComboBox), box
        qtbot.keyClicks(box, text.split()[0])  # a space would open the list
        assert box.currentText() == text

    def map_columns(dialog: QWidget) -> None:
        assert isinstance(dialog, ColumnsDialog)
        ok = dialog.buttons.buttons()[0]
        choose(dialog, Qt.Key.Key_O, "Sales person")
        choose(dialog, Qt.Key.Key_S, "Status")
        choose(dialog, Qt.Key.Key_M, "Value")
        choose(dialog, Qt.Key.Key_C, "Won on")
        # The stages of the Status column, none known as won: tick "Signed".
        key(qtbot, dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
        stages = QApplication.focusWidget()
        assert isinstance(stages, QListWidget)
        assert [stages.item(n).text() for n in range(stages.count())] == ["Dead", "Signed"]
        qtbot.keyClick(stages, Qt.Key.Key_End)
        qtbot.keyClick(stages, Qt.Key.Key_Space)
        assert stages.item(1).checkState() == Qt.CheckState.Checked
        assert ok.isEnabled()
        key(qtbot, dialog, Qt.Key.Key_Return)

    monkeypatch.setattr(files, "ask_open_file", lambda *_: first)
    modals = Modals([map_columns, press_enter(qtbot), press_enter(qtbot)])
    window.import_numbers()
    modals.done()
    assert modals.seen == ["ColumnsDialog", "PreviewDialog", "QMessageBox"]
    values = stored(journal)
    assert values[(team["Ana Ruiz"], "2026-W45", "bookings")] == 1000
    assert values[(team["José Müller"], "2026-W46", "bookings")] == 250

    # Next week's export, with the same columns: no question about them.
    second = tmp_path / "second.csv"
    second.write_text(
        OTHER_CRM + "José Müller,Zephyr Corp,Signed,75,2026-11-17\n", encoding="utf-8"
    )
    monkeypatch.setattr(files, "ask_open_file", lambda *_: second)
    modals = Modals([press_enter(qtbot), press_enter(qtbot)])
    window.import_numbers()
    modals.done()
    assert modals.seen == ["PreviewDialog", "QMessageBox"]
    assert stored(journal)[(team["José Müller"], "2026-W47", "bookings")] == 75


def test_dates_that_could_be_either_way_are_asked_once(
    qtbot: QtBot,
    journal: Journal,
    team: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "report.csv"
    path.write_text(
        "Opportunity Owner,Stage,Amount,Close Date,Created Date\n"
        "Ana Ruiz,Closed Won,100,03/11/2026,01/10/2026\n"
        "José Müller,Closed Won,100,05/11/2026,02/10/2026\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(files, "ask_open_file", lambda *_: path)
    window = open_window(qtbot, journal, tmp_path)
    asked: list[str] = []
    modals = Modals([press_enter(qtbot, asked), press_enter(qtbot), press_enter(qtbot)])
    window.import_numbers()
    modals.done()
    assert modals.seen == ["QMessageBox", "PreviewDialog", "QMessageBox"]
    assert "03/11/2026" in asked[0]
    # Enter chose day first: 3 and 5 November.
    assert stored(journal)[(team["Ana Ruiz"], "2026-W45", "deals_closed")] == 1
    assert stored(journal)[(team["José Müller"], "2026-W45", "deals_closed")] == 1

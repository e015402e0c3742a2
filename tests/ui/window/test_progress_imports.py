"""Imports and exports from the File menu show their progress, and Cancel changes nothing."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.store import reps
from coachdesk.store import roster as roster_store
from coachdesk.store.db import Journal
from coachdesk.ui.widgets import files, progress
from coachdesk.ui.widgets.progress import ProgressDialog
from coachdesk.ui.window import file_actions
from tests.ui.rep.test_meeting_flow import open_window

ROWS = 1500


@pytest.fixture(autouse=True)
def _show_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "SHOW_AFTER_MS", 0)


def _shown_progress() -> ProgressDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ProgressDialog) and widget.isVisible():
            return widget
    return None


def _cancel_when(reached: Callable[[ProgressDialog], bool], seen: list[bool]) -> QTimer:
    """Press Cancel on the progress dialog once ``reached`` is true of it; ``seen`` gets
    whether the journal was in the middle of its transaction at that moment."""
    timer = QTimer()
    timer.setInterval(10)

    def look() -> None:
        shown = _shown_progress()
        if shown is None or seen or not reached(shown):
            return
        assert shown.cancel_button is not None
        seen.append(True)
        shown.cancel_button.click()

    timer.timeout.connect(look)
    timer.start()
    return timer


def _roster(tmp_path: Path) -> Path:
    lines = ["Name,Email,Team"] + [f"Person {n},p{n}@example.com,Team {n % 3}" for n in range(ROWS)]
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cancel_while_the_roster_is_written_imports_nothing(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reps.add_rep(journal, reps.NewRep("Already here"))
    window = open_window(qtbot, journal, tmp_path)
    source = _roster(tmp_path)
    monkeypatch.setattr(files, "ask_open_file", lambda *_: source)
    tidy = roster_store.tidy

    def slow_tidy(text: str) -> str:
        time.sleep(0.0003)  # a slower disk: a second or so for the whole roster
        return tidy(text)

    monkeypatch.setattr(roster_store, "tidy", slow_tidy)
    revision = journal.revision()
    in_transaction: list[bool] = []

    def writing(shown: ProgressDialog) -> bool:
        # The last half is the writing, inside the import's one transaction.
        if shown.value() >= 600 and journal.conn.in_transaction:
            in_transaction.append(True)
            return True
        return False

    clicked: list[bool] = []
    timer = _cancel_when(writing, clicked)
    window.import_roster()
    timer.stop()

    assert clicked and in_transaction, "Cancel was pressed while the rows were written"
    assert journal.revision() == revision
    assert [r.name for r in reps.list_reps(journal)] == ["Already here"]
    assert not journal.conn.in_transaction
    assert "nothing was imported" in window.statusBar().currentMessage()


def test_a_roster_import_runs_to_the_end_with_its_progress(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, journal, tmp_path)
    source = _roster(tmp_path)
    monkeypatch.setattr(files, "ask_open_file", lambda *_: source)
    told: list[str] = []
    monkeypatch.setattr(
        file_actions, "message_box", lambda parent, icon, title, text, *rest: told.append(text)
    )
    window.import_roster()
    assert told == [f"Imported {ROWS} reps (3 new teams)."]
    assert len(reps.list_reps(journal)) == ROWS


def test_cancel_during_an_export_writes_no_file(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachdesk.sample.team import make_sample

    make_sample(journal, reps=20, weeks=26, seed=5)
    window = open_window(qtbot, journal, tmp_path)
    out = tmp_path / "exports"
    out.mkdir()
    monkeypatch.setattr(file_actions, "_ask_save_file", lambda *_: out / "all.json")

    def just_export(widget: QWidget) -> None:
        assert isinstance(widget, file_actions.ExportDialog)
        widget.export_button.click()

    QTimer.singleShot(0, lambda: just_export(QApplication.activeModalWidget() or QWidget()))
    clicked: list[bool] = []
    timer = _cancel_when(lambda shown: True, clicked)
    assert file_actions.export_journal(window, journal, None) is None
    timer.stop()
    assert clicked
    assert list(out.iterdir()) == [], "no export, and no temporary file"
    assert "no file was written" in window.statusBar().currentMessage()

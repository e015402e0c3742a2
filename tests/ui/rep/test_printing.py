"""Prep sheets from the window: the dialog, Save as PDF, the week's pack."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coachdesk.store import meetings, reps
from coachdesk.store.db import Journal
from coachdesk.ui.rep import printing
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.opening import wait_ready


def test_save_a_prep_sheet_as_pdf_from_the_window(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz", next_meeting_at="2026-11-25T10:00")).id
    meetings.add_meeting(journal, ana, "2026-11-16T09:00", private_notes="SECRET")
    window = MainWindow(journal, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_ready(qtbot, window)
    window.roster.select_first()
    out = tmp_path / "sheet"
    monkeypatch.setattr(printing, "_ask_save_file", lambda parent, suggested: str(out))
    saved: list[Path | None] = []

    def use_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, printing.PrepDialog)
        assert dialog.chosen_day().isoformat() == "2026-11-25"  # the next 1:1
        assert not dialog.private.isChecked()
        saved.append(dialog.save_pdf())
        dialog.reject()

    QTimer.singleShot(0, use_dialog)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert saved == [tmp_path / "sheet.pdf"]
    text = " ".join(PdfReader(saved[0]).pages[0].extract_text().split())
    assert "Ana Ruiz" in text and "1:1 on Wed 25 Nov 2026" in text and "SECRET" not in text


def test_the_weeks_pack_holds_the_reps_due(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reps.add_rep(journal, reps.NewRep("Due Rep", next_meeting_at="2026-11-26T10:00"))
    later = reps.add_rep(journal, reps.NewRep("Later Rep", next_meeting_at="2026-12-15T10:00")).id
    meetings.add_meeting(journal, later, "2026-11-20T09:00")
    out = tmp_path / "pack.pdf"
    monkeypatch.setattr(printing, "_ask_save_file", lambda parent, suggested: str(out))
    dialog = printing.PrepDialog(journal, None, journal.clock.now().date())
    qtbot.addWidget(dialog)
    assert dialog.save_pdf() == out
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "Due Rep" in text and "Later Rep" not in text

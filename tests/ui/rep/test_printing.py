"""Prep sheets from the window: the dialog, Save as PDF, the week's pack."""

from __future__ import annotations

from collections.abc import Callable
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


def _pack_dialog(
    qtbot: QtBot, journal: Journal, out: Path, monkeypatch: pytest.MonkeyPatch
) -> printing.PrepDialog:
    from coachdesk.sample.team import make_sample

    make_sample(journal, reps=150, weeks=4, seed=7)
    monkeypatch.setattr(printing, "_ask_save_file", lambda parent, suggested: str(out))
    dialog = printing.PrepDialog(journal, None, journal.clock.now().date())
    # Every active rep, not only those due this week: the biggest pack there is.
    active = [r.id for r in reps.list_reps(journal, include_archived=False)]
    monkeypatch.setattr(dialog, "chosen_reps", lambda: active)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_150_rep_pack_keeps_the_window_painting_and_shows_progress(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import itertools
    import time

    out = tmp_path / "pack.pdf"
    dialog = _pack_dialog(qtbot, journal, out, monkeypatch)
    ticks: list[float] = []
    shown: list[int] = []
    timer = QTimer()
    timer.setInterval(10)

    def tick() -> None:
        ticks.append(time.monotonic())
        if dialog.progress_dialog is not None:
            shown.append(dialog.progress_dialog.value())

    timer.timeout.connect(tick)
    timer.start()
    assert dialog.save_pdf() == out
    timer.stop()
    assert len(ticks) > 10, "the event loop ran while the pack was made"
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert max(gaps) <= 0.2, f"longest gap {max(gaps):.3f} s"
    assert shown and max(shown) > 100, "the progress was shown as the sheets were made"
    sheets = len(dialog.chosen_reps())
    assert sheets > 100 and len(PdfReader(out).pages) >= sheets + 1  # and the cover


def test_cancel_halfway_through_the_pack_writes_nothing(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "pack.pdf"
    dialog = _pack_dialog(qtbot, journal, out, monkeypatch)
    pressed: list[int] = []

    def press_cancel_halfway() -> None:
        progress = dialog.progress_dialog
        if progress is not None and progress.value() >= progress.maximum() // 2 and not pressed:
            pressed.append(progress.value())
            qtbot.keyClick(progress, Qt.Key.Key_Escape)  # Esc is Cancel

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(press_cancel_halfway)
    timer.start()
    assert dialog.save_pdf() is None
    timer.stop()
    assert pressed and pressed[0] < len(dialog.chosen_reps())
    assert not out.exists()
    assert list(folder.iterdir()) == [], "no temporary file left either"


def test_the_packs_print_preview_shows_progress_and_stops_on_cancel(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewDialog
    from shiboken6 import isValid

    dialog = _pack_dialog(qtbot, journal, tmp_path / "unused.pdf", monkeypatch)
    seen: list[int] = []
    closed: list[bool] = []

    def look() -> None:
        progress = dialog.progress_dialog
        if progress is not None and isValid(progress) and progress.isVisible():
            seen.append(progress.value())
            if progress.value() >= 10 and not progress.cancel_requested:
                qtbot.keyClick(progress, Qt.Key.Key_Escape)  # Esc is Cancel
            return
        preview = QApplication.activeModalWidget()
        if isinstance(preview, QPrintPreviewDialog) and seen and not closed:
            closed.append(True)
            preview.reject()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(look)
    timer.start()
    dialog.preview()
    timer.stop()
    assert seen and max(seen) >= 10, "the preview's layout showed its progress"
    assert max(seen) < len(dialog.chosen_reps()), "Cancel stopped it before the end"
    assert closed


def test_one_prep_sheet_button_and_the_menu_and_shortcut_reach_the_same_dialog(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QAbstractButton

    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz", next_meeting_at="2026-11-25T10:00")).id
    meetings.add_meeting(journal, ana, "2026-11-16T09:00")
    window = MainWindow(journal, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_ready(qtbot, window)
    assert window.roster.select_rep(ana)
    page = window.rep_page
    qtbot.waitUntil(lambda: page.editor.meeting is not None)
    buttons = [
        b
        for b in page.findChildren(QAbstractButton)
        if b.isVisible() and b.text().replace("&", "").startswith("Prep sheet")
    ]
    # One, in the page's header beside New 1:1 and Edit rep…, not in the 1:1 editor.
    assert buttons == [page.prep_button]
    assert not page.editor.isAncestorOf(page.prep_button)
    assert window.prep_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert window.prep_action.text().replace("&", "") == "Prep sheet…"

    opened: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, printing.PrepDialog)
        opened.append(dialog.chosen_day().isoformat())
        dialog.reject()

    def answered(trigger: Callable[[], object]) -> None:
        QTimer.singleShot(0, look)
        trigger()

    answered(lambda: qtbot.mouseClick(page.prep_button, Qt.MouseButton.LeftButton))
    answered(window.prep_action.trigger)
    # Back from the dialog, as a person would be: in the window, then Ctrl+P.
    qtbot.wait(10)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    answered(lambda: qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier))
    # Each one is for the rep's next scheduled 1:1.
    assert opened == ["2026-11-25"] * 3

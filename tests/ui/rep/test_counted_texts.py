"""Counts on the rep page, its details dialog and the roster read right for one and more."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from coachdesk.store import commitments, reps, teams
from coachdesk.store.db import Journal
from coachdesk.store.records import Owner
from coachdesk.ui.rep.rep_dialog import RepDialog
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.opening import wait_ready


def _details(window: MainWindow) -> dict[str, str]:
    form = window.rep_page.details_form
    shown: dict[str, str] = {}
    for row in range(form.rowCount()):
        label = form.itemAt(row, form.ItemRole.LabelRole).widget()
        field = form.itemAt(row, form.ItemRole.FieldRole).widget()
        assert isinstance(label, QLabel) and isinstance(field, QLabel)
        shown[label.text()] = field.text()
    return shown


def _roster_said(window: MainWindow, name: str) -> str:
    proxy = window.roster.proxy
    for row in range(proxy.rowCount()):
        text = str(proxy.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole))
        if text.startswith(name):
            return text
    raise AssertionError(f"{name} is not in the roster")


def test_one_day_one_commitment_and_more(qtbot: QtBot, journal: Journal, tmp_path: Path) -> None:
    north = teams.add_team(journal, "North", cadence_days=14)
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz", team_id=north.id, cadence_days=1)).id
    bo = reps.add_rep(journal, reps.NewRep("Bo Chen", team_id=north.id)).id
    commitments.add_commitment(journal, ana, Owner.REP, "Send the deck")
    for text in ("Intro to legal", "Share the template"):
        commitments.add_commitment(journal, bo, Owner.MANAGER, text)
    window = MainWindow(journal, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_ready(qtbot, window)

    rows = {r.rep.name: r for r in window.roster.model._rows}
    assert rows["Ana Ruiz"].counts_text == "Theirs 1 · Mine 0"
    assert "open commitments: 1 of theirs, 0 of mine" in _roster_said(window, "Ana Ruiz")
    assert "open commitments: 0 of theirs, 2 of mine" in _roster_said(window, "Bo Chen")

    assert window.roster.select_rep(ana)
    qtbot.waitUntil(lambda: window.rep_page.rep is not None)
    assert _details(window)["1:1 every"] == "1 day (their own)"
    assert window.roster.select_rep(bo)
    qtbot.waitUntil(lambda: window.rep_page.rep is not None and window.rep_page.rep.id == bo)
    assert _details(window)["1:1 every"] == "14 days (the team's)"

    dialog = RepDialog(journal, ana, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.cadence_spin.text() == "1 day"
    dialog.cadence_spin.stepUp()
    assert dialog.cadence_spin.text() == "2 days"
    dialog.cadence_spin.setValue(0)  # none of their own: the team's
    assert dialog.cadence_spin.text() == "Team's cadence (14 days)"
    dialog.reject()

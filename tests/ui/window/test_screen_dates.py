"""One date and time style on screen: no ISO dates, no seconds, anywhere a person reads.

The sample team is opened in the window at laptop size; This week, every rep's page (every
tab, the timeline with everything shown, each of its first entries opened), the rep's
details dialog and the Team menu's views are read the way the sharing-mode walk reads
them: every visible label, field, button, list, tooltip and accessible name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.assembled.timeline import OPTIONAL_GROUPS
from coachdesk.sample.team import make_sample
from coachdesk.store import reps
from coachdesk.store.db import Journal
from coachdesk.ui.rep.rep_dialog import RepDialog
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.opening import wait_ready
from tests.ui.window.test_sharing import widget_text

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # "2026-11-22", also in "2026-11-22T09:00"
WITH_SECONDS = re.compile(r"\d:\d{2}:\d{2}")  # "11:00:00"
TIMELINE_ROWS = 12  # opened one by one on each rep's timeline


class Reader:
    """What was read, by where, and the ISO dates and seconds found in it."""

    def __init__(self) -> None:
        self.places = 0
        self.texts = 0
        self.found: list[str] = []

    def read(self, where: str, top: QWidget) -> None:
        self.places += 1
        for text in widget_text(top):
            self.texts += 1
            for pattern in (ISO_DATE, WITH_SECONDS):
                for match in pattern.finditer(text):
                    start = max(0, match.start() - 40)
                    self.found.append(f"{where}: …{text[start : match.end() + 20]!r}")


def _new_windows(before: set[int]) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and id(w) not in before]


@pytest.mark.slow
def test_the_sample_team_shows_no_iso_date_and_no_seconds(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    make_sample(journal, reps=8, weeks=26, seed=7)
    window = MainWindow(journal, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 738)
    window.show()
    qtbot.waitExposed(window)
    wait_ready(qtbot, window)
    reader = Reader()
    reader.read("This week", window)

    page = window.rep_page
    page.set_timeline_groups(frozenset(OPTIONAL_GROUPS))
    everyone = reps.list_reps(journal, include_archived=True)
    for rep in everyone:
        assert window.roster.select_rep(rep.id) or rep.archived_at
        window._show_rep(rep.id)
        for tab in range(page.tabs.count()):
            page.tabs.setCurrentIndex(tab)
            QApplication.processEvents()
            reader.read(f"{rep.name}, tab {page.tabs.tabText(tab)}", window)
        page.tabs.setCurrentIndex(0)
        model = page.timeline.model()
        for row in range(min(model.rowCount(), TIMELINE_ROWS)):
            page.timeline.setCurrentIndex(model.index(row, 0))
            QApplication.processEvents()
            reader.read(f"{rep.name}, timeline row {row}", window)

    # A rep's details, as the dialog shows them for editing.
    planned = next(r for r in everyone if r.start_date and r.next_meeting_at)
    dialog = RepDialog(journal, planned.id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    reader.read("Edit rep", dialog)
    dialog.reject()

    # The team's views from the Team menu.
    for name, action in window.team_actions.items():
        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        action.trigger()
        QApplication.processEvents()
        for opened in _new_windows(before):
            reader.read(f"Team menu: {name}", opened)
            opened.close()
        reader.read(f"after Team menu: {name}", window)

    assert reader.places > 8 * 6 and reader.texts > 2000
    assert not reader.found, "\n".join(reader.found[:20])

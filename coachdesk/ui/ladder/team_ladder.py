"""Team menu: "Where the team stands…" and "Me on the ladder…".

Loaded when the main window is built, so it stays light: the windows themselves
(:mod:`coachdesk.ui.ladder.ladder_dialogs`) and their charts load when first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from coachdesk.ui import TEAM_MENU

if TYPE_CHECKING:
    from coachdesk.ui.ladder.ladder_dialogs import MeLadderDialog, TeamLadderDialog
    from coachdesk.ui.window.main_window import MainWindow


# ----------------------------------------------------------------- the window


def show_rep_ladder(window: MainWindow, rep_id: int) -> None:
    """Select a rep in the main window and show their Ladder tab."""
    from coachdesk.ui.ladder.ladder_page import LadderPage

    roster = window.roster
    if not roster.select_rep(rep_id):
        # Hidden by the roster's filters: clear them so the rep can be shown.
        roster.filter_edit.clear()
        roster.team_combo.setCurrentIndex(0)
        roster.select_rep(rep_id)
    page = window.rep_page
    for index in range(page.tabs.count()):
        if isinstance(page.tabs.widget(index), LadderPage):
            page.tabs.setCurrentIndex(index)
            break
    window.activateWindow()


def open_team_view(window: MainWindow) -> TeamLadderDialog:
    """Open "Where the team stands" beside the main window."""
    from coachdesk.ui.ladder.ladder_dialogs import TeamLadderDialog

    window.autosaver.flush()
    dialog = TeamLadderDialog(window.journal, window.sharing, window.today, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.rep_chosen.connect(lambda rep_id: show_rep_ladder(window, rep_id))
    dialog.show()
    return dialog


def open_me(window: MainWindow) -> MeLadderDialog:
    """Open "Me on the ladder"."""
    from coachdesk.ui.ladder.ladder_dialogs import MeLadderDialog

    window.autosaver.flush()
    dialog = MeLadderDialog(window.journal, window.sharing, window.today, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def install(window: MainWindow, menu: QMenu) -> dict[str, QAction]:
    """Add the ladder's views to the Team menu.

    Returns the actions as "team_ladder" (where the team stands) and "my_ladder".
    """
    team = QAction(window.tr("&Where the team stands…"), window)
    team.triggered.connect(lambda: open_team_view(window))
    menu.addAction(team)
    me = QAction(window.tr("&Me on the ladder…"), window)
    me.triggered.connect(lambda: open_me(window))
    menu.addAction(me)
    return {"team_ladder": team, "my_ladder": me}


# After the team agreement's entries (10) and the numbers' (20).
TEAM_MENU.register(install, order=30)

"""The Qt user interface, and the two places where a subject's package adds to the window.

* :data:`REP_PAGE_TABS`: the rep page's further tabs (Agreement, Plan, Numbers,
  Ladder…). An entry ``make_page(rep_page) -> (title, widget)`` builds one tab; the
  widget has ``show_rep(rep_id: int | None) -> None`` and is refreshed only while its
  tab is shown. :class:`~coachdesk.ui.rep.rep_page.RepPage` loads the tabs' modules
  when it is first built.
* :data:`TEAM_MENU`: the team-wide views (the team grid, the team agreement, where the
  team stands…). An entry ``install(window, menu) -> {name: action}`` adds its actions
  to the Team menu and returns them by name; the main window keeps them in
  ``team_actions``. The window loads these modules right after its first paint.

Each subject's module registers its entry when it loads; both registries live here,
below every package of the ui, so a subject never imports the window or the rep page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from coachdesk import Registry

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu, QWidget

    from coachdesk.ui.rep.rep_page import RepPage
    from coachdesk.ui.window.main_window import MainWindow

RepPageTab = Callable[["RepPage"], tuple[str, "QWidget"]]
TeamMenuEntry = Callable[["MainWindow", "QMenu"], dict[str, "QAction"]]

# In the order the tabs are shown, after 1:1s and Details (each entry gives its ``order``).
REP_PAGE_TABS: Registry[RepPageTab] = Registry("rep-page tab")
# In the order the entries' actions appear in the Team menu.
TEAM_MENU: Registry[TeamMenuEntry] = Registry("Team-menu entry")

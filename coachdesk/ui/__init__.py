"""The Qt user interface, and the two places where a subject's package adds to the window.

* :data:`REP_PAGE_TABS`: the rep page's further tabs (Agreement, Plan, Numbers,
  Ladder…). An entry ``make_page(rep_page) -> (title, tab)`` builds one tab, a
  :class:`~coachdesk.ui.widgets.rep_tab.RepTab`, whose ``show_rep(rep_id)`` is called
  only while it is on screen. :class:`~coachdesk.ui.rep.rep_page.RepPage` loads the tabs' modules
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
    from PySide6.QtWidgets import QMenu

    from coachdesk.ui.rep.rep_page import RepPage
    from coachdesk.ui.widgets.rep_tab import RepTab
    from coachdesk.ui.window.main_window import MainWindow

RepPageTab = Callable[["RepPage"], tuple[str, "RepTab"]]
TeamMenuEntry = Callable[["MainWindow", "QMenu"], dict[str, "QAction"]]

# In the order the tabs are shown, after 1:1s and Details (each entry gives its ``order``).
REP_PAGE_TABS: Registry[RepPageTab] = Registry("rep-page tab")
# In the order the entries' actions appear in the Team menu.
TEAM_MENU: Registry[TeamMenuEntry] = Registry("Team-menu entry")

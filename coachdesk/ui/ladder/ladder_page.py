"""The ladder on screen: where someone places themselves, over time, and my own part in it.

The trend (``widgets.LadderTrend``) shows one line — a rep's self-ratings, or the
manager's own ("Me") — as a step chart on the five rungs, lets the manager record a new
self-rating by keyboard (1–5 picks the rung), and, for a rep, the manager's own private
read of the working relationship. That read is shown beside their self-rating only to ask "what
will I change?", and never in sharing mode, in a PNG or in print.

:func:`make_page` puts it on the rep page as the "Ladder" tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout

from coachdesk.store import reps
from coachdesk.store.changes import Change, Subject
from coachdesk.ui import REP_PAGE_TABS
from coachdesk.ui.ladder.widgets import LadderTrend
from coachdesk.ui.widgets.changes import changes
from coachdesk.ui.widgets.rep_tab import RepTab

if TYPE_CHECKING:
    from coachdesk.ui.rep.rep_page import RepPage


class LadderPage(RepTab):
    """The rep page's "Ladder" tab."""

    def __init__(self, rep_page: RepPage) -> None:
        super().__init__(rep_page)
        self.rep_page = rep_page
        self.trend = LadderTrend(rep_page.journal, rep_page.sharing, rep_page.today, parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.trend)
        self.setAccessibleName(self.tr("Ladder"))
        # Changed while another tab was on screen: shown again when this one is.
        self._stale = False
        changes(rep_page.journal).changed.connect(self._journal_changed)

    def show_rep(self, rep_id: int | None) -> None:
        """Show this rep's line (called when the tab is shown)."""
        rep = reps.get_rep(self.rep_page.journal, rep_id) if rep_id is not None else None
        self.trend.show_subject(rep.id if rep else None, rep.name if rep else "")

    def _journal_changed(self, change: Change) -> None:
        # (The rep page shows self-ratings on its timeline and flags in its header itself.)
        if change.touches(Subject.LADDER, Subject.SETTINGS, Subject.MEETINGS):
            if self.isVisible():
                self._refresh()
            else:
                self._stale = True

    def _refresh(self) -> None:
        self._stale = False
        self.trend.entry.refresh()
        self.trend.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._refresh()


def make_page(rep_page: RepPage) -> tuple[str, RepTab]:
    """The "Ladder" tab of the rep page."""
    page = LadderPage(rep_page)
    return page.tr("Ladder"), page


# After Agreement (10), Plan (20) and Numbers (30).
REP_PAGE_TABS.register(make_page, order=40)

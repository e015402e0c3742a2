"""The one thing the rep page asks of a tab a subject adds to it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class RepTab(QWidget):
    """A tab of the rep page (Agreement, Plan, Numbers, Ladder…).

    The rep page calls :meth:`show_rep` when the tab comes on screen for a rep it has
    not shown since the rep (or what the tab shows) changed.
    """

    def show_rep(self, rep_id: int | None) -> None:
        """Show this rep's part (``None``: nobody's)."""
        raise NotImplementedError

"""Fitting the screen: windows no larger than the desktop, views that fit their width.

Every list, table and editor is meant to fit its width, without a horizontal scroll bar;
a view whose content is wide by design (a column a week) says so with
:func:`allow_sideways_scrolling`, and the layout check in the tests reads it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

# The property a view carries when it may scroll sideways by design.
SIDEWAYS_PROPERTY = "scrollsSideways"


def allow_sideways_scrolling(view: QAbstractScrollArea) -> None:
    """Say that ``view``'s content is wide by design, so a horizontal scroll bar is right."""
    view.setProperty(SIDEWAYS_PROPERTY, True)


def scrolls_sideways(view: QAbstractScrollArea) -> bool:
    """Whether ``view`` said its content may be wider than it."""
    return bool(view.property(SIDEWAYS_PROPERTY))


def fit_to_screen(window: QWidget, width: int, height: int, *, margin: int = 40) -> None:
    """Resize ``window`` to ``width`` × ``height``, or less where the desktop is smaller.

    The desktop is the available area of the screen its parent (or itself) is on, less
    ``margin`` for the window's frame; never below the window's own minimum size.
    """
    holder = window.parentWidget() or window
    screen = holder.screen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width() - margin)
        height = min(height, area.height() - margin)
    window.resize(QSize(width, height).expandedTo(window.minimumSize()))

"""Fitting the screen: windows no larger than the desktop, views that fit their width,
rows that go on onto another line when narrow.

Every list, table and editor is meant to fit its width, without a horizontal scroll bar;
a view whose content is wide by design (a column a week) says so with
:func:`allow_sideways_scrolling`, and the layout check in the tests reads it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHBoxLayout,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

# The property a view carries when it may scroll sideways by design.
SIDEWAYS_PROPERTY = "scrollsSideways"


def allow_sideways_scrolling(view: QAbstractScrollArea) -> None:
    """Say that ``view``'s content is wide by design, so a horizontal scroll bar is right."""
    view.setProperty(SIDEWAYS_PROPERTY, True)


def scrolls_sideways(view: QAbstractScrollArea) -> bool:
    """Whether ``view`` said its content may be wider than it."""
    return bool(view.property(SIDEWAYS_PROPERTY))


def size_to_text(button: QPushButton) -> None:
    """Make ``button`` as wide as its text needs, with room either side, whatever the
    font: for a short label (an arrow) that a style's usual button width would dwarf."""
    style = button.style()
    metrics = button.fontMetrics()
    text = metrics.size(Qt.TextFlag.TextShowMnemonic, button.text()).width()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
    frame = style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, button)
    room = 2 * metrics.averageCharWidth()
    button.setFixedWidth(max(text + 2 * (margin + frame) + room, button.sizeHint().height()))


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


class WrappingRow(QWidget):
    """A row of widgets, some kept to its end, that goes on onto a second line when narrow.

    On one line when there is room, the end widgets after a stretch, as in a plain row;
    when the row is narrower than that, the end widgets go on below, still at the end.
    The row may be as narrow as the wider of its two parts, so a page that scrolls down
    never has to scroll sideways for it.

    (A widget, not a custom layout: a layout written in Python keeps wrappers of the
    items Qt hands it, which PySide can lose track of.)
    """

    # Pixels past the one-line width before going back to one line: a scroll bar coming
    # or going must not flip the row to and fro.
    HYSTERESIS = 16

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start = QWidget(self)
        self._start_row = QHBoxLayout(self._start)
        self._start_row.setContentsMargins(0, 0, 0, 0)
        self._end = QWidget(self)
        self._end_row = QHBoxLayout(self._end)
        self._end_row.setContentsMargins(0, 0, 0, 0)
        self._first = QHBoxLayout()
        self._first.addWidget(self._start)
        self._first.addStretch(1)
        self._first.addWidget(self._end)
        self._second = QHBoxLayout()
        self._second.addStretch(1)
        lines = QVBoxLayout(self)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.addLayout(self._first)
        lines.addLayout(self._second)
        self._wrapped = False

    def add(self, widget: QWidget, *, at_end: bool = False) -> None:
        """Add ``widget`` after the others at the start (or at the end, with ``at_end``)."""
        (self._end_row if at_end else self._start_row).addWidget(widget)

    @property
    def wrapped(self) -> bool:
        """Whether the end widgets have gone on below."""
        return self._wrapped

    def one_line_width(self) -> int:
        """The width the row needs to stay on one line."""
        gap = max(self._first.spacing(), 0)
        return self._start.sizeHint().width() + gap + self._end.sizeHint().width()

    def minimumSizeHint(self) -> QSize:
        width = max(self._start.minimumSizeHint().width(), self._end.minimumSizeHint().width())
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = self.one_line_width()
        wrap = self.width() < needed + (self.HYSTERESIS if self._wrapped else 0)
        if wrap == self._wrapped:
            return
        self._wrapped = wrap
        if wrap:
            self._first.removeWidget(self._end)
            self._second.addWidget(self._end)
        else:
            self._second.removeWidget(self._end)
            self._first.addWidget(self._end)
        self.updateGeometry()

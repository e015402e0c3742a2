"""A chart on screen: a thin widget around :func:`coachdesk.render.charts.paint`.

Colours come from the widget's palette (dark palettes work). Clickable parts of a chart
(the bars of a bar chart) can be chosen with the mouse or, once the chart has the
focus, with the arrow keys and Enter. "Save as PNG" draws the same chart black on white.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from coachdesk.render import charts


class ChartView(QWidget):
    """Shows one chart; emits :attr:`clicked` with a hit area's key when one is chosen."""

    clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chart: charts.Chart | None = None
        self._hits: list[charts.HitArea] = []
        self._current = -1  # the hit area chosen by keyboard
        self._clickable = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 180)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(self.tr("Chart"))

    def sizeHint(self) -> QSize:
        return QSize(640, 300)

    # ----------------------------------------------------------------- content

    def chart(self) -> charts.Chart | None:
        """The chart shown, if any."""
        return self._chart

    def set_chart(self, chart: charts.Chart | None) -> None:
        """Show ``chart`` (or nothing)."""
        self._chart = chart
        self._current = -1
        self.setAccessibleDescription(charts.describe(chart) if chart is not None else "")
        self.update()

    def set_clickable(self, clickable: bool) -> None:
        """Let clicks on the chart's parts emit :attr:`clicked` (off by default)."""
        self._clickable = clickable
        self.setCursor(Qt.CursorShape.ArrowCursor)
        self.setMouseTracking(clickable)
        self.update()

    def hit_areas(self) -> list[charts.HitArea]:
        """The clickable parts of the chart at the widget's present size."""
        if self._chart is None:
            return []
        # Laid out afresh (on a scratch image, with this widget's font) so that a click
        # never depends on whether a paint has happened since the last change.
        scratch = QImage(max(self.width(), 1), max(self.height(), 1), QImage.Format.Format_ARGB32)
        # The same resolution as the screen, so text measures as it does on screen.
        scratch.setDotsPerMeterX(round(self.logicalDpiX() / 0.0254))
        scratch.setDotsPerMeterY(round(self.logicalDpiY() / 0.0254))
        painter = QPainter(scratch)
        try:
            painter.setFont(self.font())
            colours = charts.ChartColours.from_palette(self.palette())
            self._hits = charts.paint(painter, QRectF(self.rect()), self._chart, colours)
        finally:
            painter.end()
        return list(self._hits)

    def save_png(self, path: Path, *, scale: float = 1.0) -> bool:
        """Save the chart as a PNG, black on white, at this widget's size.

        False when there is no chart; raises :class:`~coachdesk.store.errors.WriteFailed`
        when the file cannot be written.
        """
        if self._chart is None:
            return False
        size = QSizeF(max(self.width(), 480), max(self.height(), 220))
        charts.save_png(self._chart, path, size, scale=scale, font=self.font())
        return True

    # ----------------------------------------------------------------- drawing

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._chart is None:
            return
        painter = QPainter(self)
        try:
            colours = charts.ChartColours.from_palette(self.palette())
            self._hits = charts.paint(painter, QRectF(self.rect()), self._chart, colours)
            if self.hasFocus() and 0 <= self._current < len(self._hits):
                pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
                pen.setStyle(Qt.PenStyle.DotLine)
                painter.setPen(pen)
                painter.drawRect(self._hits[self._current].rect.adjusted(1, 1, -1, -1))
        finally:
            painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.update()
        super().changeEvent(event)

    # ----------------------------------------------------------------- choosing

    def _hit_at(self, x: float, y: float) -> int:
        for index, hit in enumerate(self.hit_areas()):
            if hit.rect.contains(x, y):
                return index
        return -1

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._clickable:
            over = self._hit_at(event.position().x(), event.position().y()) >= 0
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor
            )
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._clickable and event.button() == Qt.MouseButton.LeftButton:
            index = self._hit_at(event.position().x(), event.position().y())
            if index >= 0:
                self._current = index
                self.clicked.emit(self._hits[index].key)
                return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._clickable and self._hits:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                self._current = max(0, min(len(self._hits) - 1, self._current + step))
                self.setAccessibleDescription(self._hits[self._current].label)
                self.update()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
                if 0 <= self._current < len(self._hits):
                    self.clicked.emit(self._hits[self._current].key)
                return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self._clickable and self._current < 0 and self._hits:
            self._current = 0
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

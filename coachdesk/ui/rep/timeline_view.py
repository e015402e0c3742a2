"""The timeline on screen: a thin model over :class:`TimelineEvent` and its delegate."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from coachdesk.assembled.timeline import TimelineEvent
from coachdesk.dates import parse_moment

EventRole = Qt.ItemDataRole.UserRole + 3


def when_label(when: str) -> str:
    """Return "Mon 23 Nov 2026 09:00" (or without time for a bare date)."""
    moment = parse_moment(when)
    pattern = "%a %d %b" if moment.year == dt.date.today().year else "%a %d %b %Y"
    label = moment.strftime(pattern).replace(" 0", " ")
    if len(when) > 10:
        label += moment.strftime("  %H:%M")
    return label


class TimelineModel(QAbstractListModel):
    """Events, newest first; replaced whole through :meth:`set_rows`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TimelineEvent] = []

    def set_rows(self, rows: list[TimelineEvent]) -> None:
        """Show ``rows``."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def event_at(self, row: int) -> TimelineEvent:
        """Return the event on ``row``."""
        return self._rows[row]

    def update_summary(self, kind: str, ref_id: int, summary: str) -> None:
        """Change one event's summary in place (no reset: selection and scroll stay)."""
        row = self.find(kind, ref_id)
        if row >= 0 and self._rows[row].summary != summary:
            self._rows[row] = replace(self._rows[row], summary=summary)
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def find(self, kind: str, ref_id: int) -> int:
        """Return the row of an event, or -1."""
        for row, event in enumerate(self._rows):
            if event.kind == kind and event.ref_id == ref_id:
                return row
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        event = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{when_label(event.when)} — {event.title}"
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            state = " (open)" if event.open else ""
            return f"{when_label(event.when)}, {event.title}{state}. {event.summary}"
        if role == EventRole:
            return event
        return None


class TimelineDelegate(QStyledItemDelegate):
    """Two lines per event: date and kind in bold, then the start of the notes."""

    PADDING = 6

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = QFontMetrics(option.font)
        # As narrow as a row may be: rows span the list and elide what does not fit.
        return QSize(self.PADDING * 3, metrics.height() * 2 + self.PADDING * 2 + 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        event = index.data(EventRole)
        if not isinstance(event, TimelineEvent):
            super().paint(painter, option, index)
            return
        painter.save()
        # The view is our parent. QStyleOptionViewItem.widget is not read: PySide6
        # returns None from it without a reference, which crashes after many paints.
        view = self.parent()
        assert isinstance(view, QWidget)
        view.style().drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, view
        )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        rect: QRect = option.rect.adjusted(
            self.PADDING * 2, self.PADDING, -self.PADDING, -self.PADDING
        )
        metrics = QFontMetrics(option.font)
        bold = QFont(option.font)
        bold.setBold(True)
        head = f"{when_label(event.when)}  ·  {event.title}"
        if event.open:
            head += "  ·  open"
        painter.setFont(bold)
        painter.drawText(
            rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            QFontMetrics(bold).elidedText(head, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.setFont(option.font)
        summary_rect = rect.adjusted(0, metrics.height() + 2, 0, 0)
        if not selected:
            painter.setPen(
                option.palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            )
        painter.drawText(
            summary_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            metrics.elidedText(event.summary or "—", Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()


class TimelineView(QListView):
    """The list of events, smooth with hundreds of meetings (uniform rows, one model)."""

    LEAST_CHARACTERS = 22

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = TimelineModel(self)
        self.setModel(self.model_)
        self.setItemDelegate(TimelineDelegate(self))
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("Timeline"))
        # Wide enough for a day, a time and a kind of meeting in bold.
        bold = QFont(self.font())
        bold.setBold(True)
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        characters = QFontMetrics(bold).averageCharWidth() * self.LEAST_CHARACTERS
        self.setMinimumWidth(characters + 3 * TimelineDelegate.PADDING + bar)

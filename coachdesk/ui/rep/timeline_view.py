"""The timeline on screen: a thin model over :class:`TimelineEvent`, its delegate, and
the filter above it (1:1s and meetings always; numbers, ratings and agreements on demand)."""

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
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled.timeline import OPTIONAL_GROUPS, TimelineEvent, TimelineGroup
from coachdesk.ui.widgets.qdates import moment_text

EventRole = Qt.ItemDataRole.UserRole + 3


def when_label(when: str, today: dt.date | None = None) -> str:
    """Return "Mon, 23 Nov 09:00" in the locale's style (a bare date: its day only)."""
    return moment_text(when, today)


class TimelineModel(QAbstractListModel):
    """Events, newest first; replaced whole through :meth:`set_rows`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TimelineEvent] = []
        self.today: dt.date | None = None  # this year's dates are shown without the year

    def set_rows(self, rows: list[TimelineEvent], today: dt.date | None = None) -> None:
        """Show ``rows``; ``today`` says which year goes without saying."""
        self.beginResetModel()
        self._rows = list(rows)
        self.today = today
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
            if not event.dated:
                return event.title
            return f"{when_label(event.when, self.today)} — {event.title}"
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            state = " (open)" if event.open else ""
            when = when_label(event.when, self.today)
            head = f"{when}, {event.title}" if event.dated else event.title
            return f"{head}{state}. {event.summary}"
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
        model = index.model()
        today = model.today if isinstance(model, TimelineModel) else None
        head = f"{when_label(event.when, today)}  ·  {event.title}" if event.dated else event.title
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


def groups_text(groups: frozenset[TimelineGroup]) -> str:
    """The groups as kept in the window's settings: "numbers,ratings"."""
    return ",".join(g.value for g in OPTIONAL_GROUPS if g in groups)


def groups_from_text(value: object) -> frozenset[TimelineGroup]:
    """The groups kept by :func:`groups_text`; none for a missing or unknown value."""
    # An INI file reads "numbers,ratings" back as a list of two.
    parts = value if isinstance(value, list | tuple) else str(value or "").split(",")
    words = {str(part).strip() for part in parts}
    return frozenset(g for g in OPTIONAL_GROUPS if g.value in words)


class TimelineFilter(QWidget):
    """Which events the timeline shows besides the meetings: one toggle a group.

    The 1:1s and other meetings are always shown; numbers (one line a quarter),
    self-ratings and agreement events each have a toggle, off until chosen.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        labels = {
            TimelineGroup.NUMBERS: (
                self.tr("Numbers"),
                self.tr("Show the weekly numbers on the timeline, one line a quarter"),
            ),
            TimelineGroup.RATINGS: (
                self.tr("Ratings"),
                self.tr("Show their self-ratings on the ladder on the timeline"),
            ),
            TimelineGroup.AGREEMENTS: (
                self.tr("Agreements"),
                self.tr("Show agreed versions and steps used on the timeline"),
            ),
        }
        self.toggles: dict[TimelineGroup, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(4)
        caption = QLabel(self.tr("Also show:"), self)
        caption.setToolTip(self.tr("1:1s and meetings are always shown"))
        layout.addWidget(caption)
        for group in OPTIONAL_GROUPS:
            label, tip = labels[group]
            toggle = QToolButton(self)
            toggle.setText(label)
            toggle.setCheckable(True)
            toggle.setToolTip(tip + self.tr(" (1:1s and meetings are always shown)"))
            toggle.setAccessibleName(tip)
            toggle.toggled.connect(self._toggled)
            layout.addWidget(toggle)
            self.toggles[group] = toggle
        layout.addStretch(1)
        self.setAccessibleName(self.tr("What the timeline shows besides 1:1s and meetings"))

    def groups(self) -> frozenset[TimelineGroup]:
        """The groups chosen, besides the meetings (always shown)."""
        return frozenset(group for group, toggle in self.toggles.items() if toggle.isChecked())

    def set_groups(self, groups: frozenset[TimelineGroup]) -> None:
        """Choose the groups shown (``changed`` is emitted once, if anything changed)."""
        if groups == self.groups():
            return
        for group, toggle in self.toggles.items():
            toggle.blockSignals(True)
            toggle.setChecked(group in groups)
            toggle.blockSignals(False)
        self.changed.emit()

    def _toggled(self, _checked: bool) -> None:
        self.changed.emit()


class TimelinePanel(QWidget):
    """The filter above the list of events."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = TimelineFilter(self)
        self.view = TimelineView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)

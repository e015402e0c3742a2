"""The ladder's widgets: the rung picker, a self-rating and a read entry, the history and
the trend with its chart, PNG and PDF. The rep's Ladder tab (:mod:`.ladder_page`), "Me on
the ladder" and where the team stands (:mod:`.ladder_dialogs`) are built from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled.ladder import current_ladder
from coachdesk.coaching import ladder as rules
from coachdesk.dates import iso_date, parse_date
from coachdesk.render.ladder_charts import trend_chart
from coachdesk.store import meetings, ratings
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem
from coachdesk.store.records import (
    MEETING_KIND_LABELS,
    OCCASION_LABELS,
    LadderRead,
    Occasion,
    Rating,
    row_audience,
)
from coachdesk.ui.widgets.audience import AudienceTag, Sharing
from coachdesk.ui.widgets.chart_view import ChartView
from coachdesk.ui.widgets.files import ask_save_file
from coachdesk.ui.widgets.qdates import (
    date_entry_format,
    day_text,
    from_qdate,
    moment_text,
    to_qdate,
)

if TYPE_CHECKING:
    pass

_Index = QModelIndex | QPersistentModelIndex
# The day a 1:1 in the list was held (ISO), to link the one held on the chosen day.
_HELD_ON = Qt.ItemDataRole.UserRole + 1

# Qt's "no maximum" for a widget's size.
QWIDGETSIZE_MAX = (1 << 24) - 1

# Print resolution for "Save chart as PNG": 300 dots per inch.
PNG_SCALE = 300 / 96
_RUNG_KEYS = {
    Qt.Key.Key_1: 1,
    Qt.Key.Key_2: 2,
    Qt.Key.Key_3: 3,
    Qt.Key.Key_4: 4,
    Qt.Key.Key_5: 5,
}


def with_suffix(path: Path, suffix: str) -> Path:
    """``path``, ending in ``suffix`` (a name typed without one gets it)."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


# ----------------------------------------------------------------- picking a rung


class RungPicker(QListWidget):
    """The five rungs, top first; the keys 1–5 pick one."""

    picked = Signal(int)
    confirmed = Signal()  # Enter: the rung is chosen, move on

    def __init__(self, ladder: rules.Ladder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName(self.tr("Rung: press 1 to 5"))
        self.setToolTip(self.tr("Press 1 (Collaboration, the top) to 5 (the bottom)"))
        # One line per rung, so all five are always in view; the description is in the
        # tooltip when it does not fit.
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.currentRowChanged.connect(self._row_changed)
        self.set_ladder(ladder)

    def set_ladder(self, ladder: rules.Ladder) -> None:
        """Show the rungs as named in Settings, keeping the choice."""
        chosen = self.rung()
        self.blockSignals(True)
        try:
            self.clear()
            for rung in ladder.rungs:
                item = QListWidgetItem(f"{rung.number}   {rung.name} — {rung.description}")
                item.setData(Qt.ItemDataRole.UserRole, rung.number)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{rung.number}, {rung.name}")
                item.setToolTip(f"{rung.number} {rung.name}: {rung.description}")
                self.addItem(item)
        finally:
            self.blockSignals(False)
        self.set_rung(chosen)
        rows = self.sizeHintForRow(0) * len(ladder.rungs) if ladder.rungs else 0
        self.setFixedHeight(rows + 2 * self.frameWidth() + 2)

    def rung(self) -> int | None:
        """The rung picked (1–5), or ``None``."""
        item = self.currentItem()
        if item is None or not item.isSelected():
            return None
        return int(item.data(Qt.ItemDataRole.UserRole))

    def set_rung(self, rung: int | None) -> None:
        """Pick ``rung`` (or nothing)."""
        if rung is None:
            self.clearSelection()
            self.setCurrentRow(-1)
            return
        self.setCurrentRow(rung - 1)
        item = self.currentItem()
        if item is not None:
            item.setSelected(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        rung = _RUNG_KEYS.get(Qt.Key(event.key()))
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if rung is not None and plain:
            self.set_rung(rung)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Kept here: in a dialog, Enter would otherwise press its default button.
            self.confirmed.emit()
            return
        super().keyPressEvent(event)

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.picked.emit(row + 1)


# ----------------------------------------------------------------- entering


class RatingEntry(QGroupBox):
    """Record a self-rating: the rung (1–5), why, the day, and where it was given."""

    recorded = Signal(object)  # the Rating

    def __init__(
        self,
        journal: Journal,
        today: Callable[[], dt.date],
        *,
        mine: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(
            self.tr("Where I place myself") if mine else self.tr("Where they place themselves")
        )
        self.journal = journal
        self.today = today
        self.mine = mine
        self.rep_id: int | None = None

        self.picker = RungPicker(current_ladder(journal), self)
        self.why = QLineEdit(self)
        self.why.setPlaceholderText(
            self.tr("Why, in my own words") if mine else self.tr("Why, in their words")
        )
        self.why.setAccessibleName(self.tr("Why"))
        self.why.returnPressed.connect(self.record)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat(date_entry_format())
        self.day.setAccessibleName(self.tr("Day of the rating"))
        self.day.dateChanged.connect(self._match_meeting)
        self.occasion = QComboBox(self)
        self.occasion.setAccessibleName(self.tr("Where it was given"))
        choices = (
            (Occasion.MANAGER_GROUP, Occasion.ON_MY_OWN)
            if mine
            else (Occasion.ONE_ON_ONE, Occasion.AGREEMENT_REVIEW)
        )
        for occasion in choices:
            self.occasion.addItem(self.tr(OCCASION_LABELS[occasion]), occasion)
        self.meeting = QComboBox(self)
        self.meeting.setAccessibleName(self.tr("Linked 1:1"))
        self.record_button = QPushButton(self.tr("Record"), self)
        self.record_button.setAccessibleName(self.tr("Record the self-rating"))
        self.record_button.setAutoDefault(False)
        self.record_button.clicked.connect(self.record)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName(self.tr("Rating entry message"))

        hint = QLabel(
            self.tr(
                "How I show up with my peer managers and with my team. Press 1 to 5 to "
                "pick a rung, then say why."
            )
            if mine
            else self.tr("Ask where they'd place themselves. Press 1 to 5, then their why."),
            self,
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Why:"), self.why)
        form.addRow(self.tr("&Day:"), self.day)
        form.addRow(self.tr("Gi&ven:"), self.occasion)
        if not mine:
            form.addRow(self.tr("&1:1:"), self.meeting)
        else:
            self.meeting.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.picker)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.setTabOrder(self.picker, self.why)
        self.picker.confirmed.connect(self.why.setFocus)

    def set_subject(self, rep_id: int | None) -> None:
        """Record for this rep (``None``: for me)."""
        self.rep_id = rep_id
        self.day.setMaximumDate(to_qdate(self.today()))
        self.day.setDate(to_qdate(self.today()))
        self.refresh()
        self.message.clear()

    def refresh(self) -> None:
        """Re-read the rung names and the rep's meetings."""
        self.picker.set_ladder(current_ladder(self.journal))
        self.meeting.blockSignals(True)
        try:
            self.meeting.clear()
            self.meeting.addItem(self.tr("No 1:1"), None)
            if self.rep_id is not None:
                today = self.today()
                for m in meetings.list_meetings(self.journal, self.rep_id)[:40]:
                    label = f"{moment_text(m.held_at, today)} · {MEETING_KIND_LABELS[m.kind]}"
                    self.meeting.addItem(label, m.id)
                    self.meeting.setItemData(self.meeting.count() - 1, m.held_at[:10], _HELD_ON)
        finally:
            self.meeting.blockSignals(False)
        self._match_meeting()

    def _match_meeting(self, *_: object) -> None:
        """Link the 1:1 held on the chosen day, if there was one."""
        day = iso_date(from_qdate(self.day.date()))
        for index in range(1, self.meeting.count()):
            if self.meeting.itemData(index, _HELD_ON) == day:
                self.meeting.setCurrentIndex(index)
                return
        self.meeting.setCurrentIndex(0)

    def record(self) -> Rating | None:
        """Record what is entered; say what is missing instead if a rung is not picked."""
        rung = self.picker.rung()
        if rung is None:
            self.message.setText(self.tr("Pick a rung first: press 1 to 5."))
            self.picker.setFocus()
            return None
        new = ratings.NewRating(
            rep_id=self.rep_id,
            rated_on=iso_date(from_qdate(self.day.date())),
            rung=rung,
            why=self.why.text(),
            occasion=Occasion(self.occasion.currentData()),
            meeting_id=self.meeting.currentData() if not self.mine else None,
        )
        try:
            saved = ratings.add_rating(self.journal, new)
        except KnownProblem as problem:
            self.message.setText(str(problem))
            return None
        name = current_ladder(self.journal).name(rung)
        self.message.setText(
            self.tr("Recorded: %d %s on %s.") % (rung, name, day_text(saved.rated_on, self.today()))
        )
        self.why.clear()
        self.picker.set_rung(None)
        self.recorded.emit(saved)
        return saved


class ReadEntry(QGroupBox):
    """My own, private read of our working relationship, and what I'll change."""

    recorded = Signal(object)  # the LadderRead

    def __init__(
        self, journal: Journal, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("My read of our working relationship"))
        self.journal = journal
        self.today = today
        self.rep_id: int | None = None
        self.tag = AudienceTag(row_audience("ladder_reads"), self)
        hint = QLabel(
            self.tr(
                "Optional, and only for me: where I think we stand. It sits beside their "
                "own rating to ask one question — what will I change?"
            ),
            self,
        )
        hint.setWordWrap(True)
        self.picker = RungPicker(current_ladder(journal), self)
        self.picker.setAccessibleName(self.tr("My read: press 1 to 5"))
        self.change = QLineEdit(self)
        self.change.setPlaceholderText(self.tr("What I'll change"))
        self.change.setAccessibleName(self.tr("What I'll change"))
        self.change.returnPressed.connect(self.record)
        self.picker.confirmed.connect(self.change.setFocus)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat(date_entry_format())
        self.day.setAccessibleName(self.tr("Day of my read"))
        self.record_button = QPushButton(self.tr("Record my read"), self)
        self.record_button.setAccessibleName(self.tr("Record my private read"))
        self.record_button.setAutoDefault(False)
        self.record_button.clicked.connect(self.record)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)

        top = QHBoxLayout()
        top.addWidget(hint, 1)
        top.addWidget(self.tag, 0, Qt.AlignmentFlag.AlignTop)
        form = QFormLayout()
        form.addRow(self.tr("What I'll &change:"), self.change)
        form.addRow(self.tr("D&ay:"), self.day)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.picker)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def set_subject(self, rep_id: int | None) -> None:
        """Record reads of this rep."""
        self.rep_id = rep_id
        self.day.setMaximumDate(to_qdate(self.today()))
        self.day.setDate(to_qdate(self.today()))
        self.picker.set_ladder(current_ladder(self.journal))
        self.message.clear()

    def record(self) -> LadderRead | None:
        """Record my read of the rep."""
        rung = self.picker.rung()
        if self.rep_id is None:
            return None
        if rung is None:
            self.message.setText(self.tr("Pick a rung first: press 1 to 5."))
            self.picker.setFocus()
            return None
        try:
            saved = ratings.add_read(
                self.journal,
                ratings.NewRead(
                    self.rep_id, iso_date(from_qdate(self.day.date())), rung, self.change.text()
                ),
            )
        except KnownProblem as problem:
            self.message.setText(str(problem))
            return None
        self.message.setText(self.tr("My read is recorded (private)."))
        self.change.clear()
        self.picker.set_rung(None)
        self.recorded.emit(saved)
        return saved


# ----------------------------------------------------------------- the history


@dataclass(frozen=True)
class HistoryRow:
    """One line of the history: a self-rating, or one of my reads."""

    kind: str  # "rating" or "read"
    id: int
    day: str
    rung: int
    text: str  # their why, or what I'll change
    occasion: str = ""


class HistoryModel(QAbstractListModel):
    """The self-ratings (and, when allowed, my reads), newest first: a thin list model."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryRow] = []
        self._ladder = rules.Ladder()
        self._today: dt.date | None = None

    def set_rows(
        self, rows: list[HistoryRow], ladder: rules.Ladder, today: dt.date | None = None
    ) -> None:
        """Show ``rows`` (already in order); ``today`` says which year goes without saying."""
        self.beginResetModel()
        self._rows = list(rows)
        self._ladder = ladder
        self._today = today
        self.endResetModel()

    def row_at(self, row: int) -> HistoryRow:
        """The history line at ``row``."""
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        rung = f"{row.rung} {self._ladder.name(row.rung)}"
        day = day_text(row.day, self._today)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if row.kind == "read":
                change = self.tr("I'll change: %s") % row.text if row.text else ""
                parts = [day, self.tr("My read (private): %s") % rung, change]
            else:
                why = f"“{row.text}”" if row.text else ""
                parts = [day, rung, why, f"({row.occasion})" if row.occasion else ""]
            return "  ·  ".join(p for p in parts if p)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self.tr("Double-click to edit what I'll change")
                if row.kind == "read"
                else self.tr("Double-click to edit why")
            )
        return None


# ----------------------------------------------------------------- the trend


def _column(parent: QWidget, *parts: QWidget | QLayout) -> QWidget:
    """``parts`` one above the other in a widget of their own, with no margins."""
    column = QVBoxLayout()
    column.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, QLayout):
            column.addLayout(part)
        else:
            column.addWidget(part, 1 if isinstance(part, ChartView | QListView) else 0)
    holder = QWidget(parent)
    holder.setLayout(column)
    return holder


class LadderTrend(QWidget):
    """One person's line on the ladder: chart, history, entry (and my reads, for a rep)."""

    def __init__(
        self,
        journal: Journal,
        sharing: Sharing,
        today: Callable[[], dt.date],
        *,
        mine: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.sharing = sharing
        self.today = today
        self.mine = mine
        self.rep_id: int | None = None
        self._name = ""

        self.chart_view = ChartView(self)
        self.chart_view.setAccessibleName(
            self.tr("My line on the ladder") if mine else self.tr("Their line on the ladder")
        )
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setAccessibleName(self.tr("A question for me"))
        self.png_button = QPushButton(self.tr("Save chart as PNG…"), self)
        self.png_button.setToolTip(
            self.tr("Self-ratings only: my private reads are never in the picture.")
        )
        self.png_button.setAccessibleName(self.tr("Save chart as PNG"))
        self.png_button.setAutoDefault(False)
        self.png_button.clicked.connect(self.save_png)
        self.pdf_button = QPushButton(self.tr("Save as PDF…"), self)
        self.pdf_button.setToolTip(self.tr("The chart and the self-ratings, ready to print."))
        self.pdf_button.setAccessibleName(self.tr("Save the trend as PDF"))
        self.pdf_button.setAutoDefault(False)
        self.pdf_button.clicked.connect(self.save_pdf)

        self.history_model = HistoryModel(self)
        self.history = QListView(self)
        self.history.setModel(self.history_model)
        self.history.setAccessibleName(self.tr("Ladder history"))
        self.history.setWordWrap(True)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.doubleClicked.connect(self._edit_row)
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.delete_button.setAccessibleName(self.tr("Delete the selected entry"))
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete_selected)

        self.entry = RatingEntry(journal, today, mine=mine, parent=self)
        self.read_entry = ReadEntry(journal, today, self)
        self.read_entry.setVisible(not mine)
        self.entry.recorded.connect(lambda _r: self.refresh())
        self.read_entry.recorded.connect(lambda _r: self.refresh())

        chart_buttons = QHBoxLayout()
        chart_buttons.addStretch(1)
        chart_buttons.addWidget(self.png_button)
        chart_buttons.addWidget(self.pdf_button)
        history_buttons = QHBoxLayout()
        history_buttons.addStretch(1)
        history_buttons.addWidget(self.delete_button)
        self._chart_side = _column(self, self.chart_view, self.question, chart_buttons)
        self._history_side = _column(self, self.history, history_buttons)
        # The entries: one above the other beside the chart, side by side below it.
        self._entries = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._entries.setContentsMargins(0, 0, 0, 0)
        self._entries.addWidget(self.entry, 0, Qt.AlignmentFlag.AlignTop)
        self._entries.addWidget(self.read_entry, 0, Qt.AlignmentFlag.AlignTop)
        self._entries.addStretch(1)
        self._entry_side = QWidget(self)
        self._entry_side.setLayout(self._entries)
        self._columns = QGridLayout()
        content = QWidget(self)
        content.setLayout(self._columns)
        # Taller than the room on screen (a laptop's, with the entries below the chart):
        # the page scrolls down, and nothing is drawn over anything else.
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area)
        self._side_by_side: bool | None = None
        self._arrange(side_by_side=True)

        sharing.changed.connect(lambda _on: self.refresh())

    # ----------------------------------------------------------------- arranging

    # Widest the entries get beside the chart; narrowest the chart may be beside them.
    ENTRY_WIDTH = 420
    CHART_WIDTH = 440
    # Pixels past the switching width before switching back: a scroll bar coming or
    # going must not flip the arrangement to and fro.
    HYSTERESIS = 24

    @property
    def side_by_side(self) -> bool:
        """Whether the entries are beside the chart (else below it)."""
        return bool(self._side_by_side)

    def side_by_side_width(self) -> int:
        """The width from which the chart and the entries fit side by side."""
        entries = min(self.ENTRY_WIDTH, max(self.entry.sizeHint().width(), 340))
        margins = self._columns.contentsMargins()
        spacing = max(self._columns.horizontalSpacing(), 0)
        # The scroll bar's own size: asked while the app changes style, the style is not.
        bar = self.area.verticalScrollBar().sizeHint().width()
        return self.CHART_WIDTH + spacing + entries + margins.left() + margins.right() + bar

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = self.side_by_side_width()
        if self.side_by_side:
            self._arrange(side_by_side=self.width() >= needed)
        else:
            self._arrange(side_by_side=self.width() >= needed + self.HYSTERESIS)

    def _arrange(self, *, side_by_side: bool) -> None:
        """The entries beside the chart and the history (one above the other), or
        between the chart and the history (side by side), so that recording a rating
        stays in view on a short screen."""
        if side_by_side == self._side_by_side:
            return
        self._side_by_side = side_by_side
        grid = self._columns
        for part in (self._chart_side, self._history_side, self._entry_side):
            grid.removeWidget(part)
        if side_by_side:
            grid.addWidget(self._chart_side, 0, 0)
            grid.addWidget(self._history_side, 1, 0)
            grid.addWidget(self._entry_side, 0, 1, 2, 1)
            stretches = ((3, 2, 0), (1, 0))
            self._entries.setDirection(QBoxLayout.Direction.TopToBottom)
            self._entry_side.setMaximumWidth(self.ENTRY_WIDTH)
        else:
            grid.addWidget(self._chart_side, 0, 0)
            grid.addWidget(self._entry_side, 1, 0)
            grid.addWidget(self._history_side, 2, 0)
            stretches = ((3, 0, 2), (1, 0))
            self._entries.setDirection(QBoxLayout.Direction.LeftToRight)
            self._entry_side.setMaximumWidth(QWIDGETSIZE_MAX)
        rows, columns = stretches
        for row, stretch in enumerate(rows):
            grid.setRowStretch(row, stretch)
        for column, stretch in enumerate(columns):
            grid.setColumnStretch(column, stretch)

    # ----------------------------------------------------------------- showing

    @property
    def reads_shown(self) -> bool:
        """Whether my private reads may be on screen now (never in sharing mode)."""
        return not self.mine and self.sharing.shows(row_audience("ladder_reads"))

    def show_subject(self, rep_id: int | None, name: str = "") -> None:
        """Show a rep's line, or (``None``) my own."""
        self.rep_id = rep_id
        self._name = name
        self.entry.set_subject(rep_id)
        self.read_entry.set_subject(rep_id)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the line from the journal."""
        ladder = current_ladder(self.journal)
        has_subject = self.mine or self.rep_id is not None
        own = ratings.list_ratings(self.journal, self.rep_id) if has_subject else []
        reads = (
            ratings.list_reads(self.journal, self.rep_id)
            if self.reads_shown and self.rep_id is not None
            else []
        )
        today = self.today()
        self.chart_view.set_chart(
            trend_chart(ladder, own, reads if self.reads_shown else None, today, mine=self.mine)
        )
        rows = [
            HistoryRow(
                "rating", r.id, r.rated_on, r.rung, r.why, self.tr(OCCASION_LABELS[r.occasion])
            )
            for r in own
        ] + [HistoryRow("read", r.id, r.read_on, r.rung, r.change) for r in reads]
        rows.sort(key=lambda row: (row.day, row.kind == "read", row.id), reverse=True)
        self.history_model.set_rows(rows, ladder, today)
        self.read_entry.setVisible(self.reads_shown and self.rep_id is not None)
        self.entry.setEnabled(has_subject)
        self.entry.picker.set_ladder(ladder)
        self.read_entry.picker.set_ladder(ladder)
        self._show_question(ladder, own, reads)

    def _show_question(
        self, ladder: rules.Ladder, own: list[Rating], reads: list[LadderRead]
    ) -> None:
        """Beside their self-rating, my read asks one thing: what will I change?"""
        text = ""
        if self.reads_shown and own and reads:
            theirs = [rules.Point(parse_date(r.rated_on), r.rung) for r in own]
            mine = [rules.Point(parse_date(r.read_on), r.rung) for r in reads]
            found = rules.gaps(theirs, mine)
            if found and found[-1].wide:
                latest = found[-1]
                change = next((r.change for r in reversed(reads) if r.change), "")
                text = self.tr(
                    "Two rungs apart — what will I change? They place themselves at %s; "
                    "my read is %s."
                ) % (ladder.name(latest.self_rung), ladder.name(latest.read_rung))
                if change:
                    text += " " + self.tr("I said I'd change: %s") % change
                else:
                    text += " " + self.tr("Write what I'll change with my next read.")
        self.question.setText(text)
        self.question.setVisible(bool(text))

    # ----------------------------------------------------------------- acting

    def _selected_row(self) -> HistoryRow | None:
        index = self.history.currentIndex()
        return self.history_model.row_at(index.row()) if index.isValid() else None

    def _edit_row(self, index: QModelIndex) -> None:
        row = self.history_model.row_at(index.row())
        if row.kind == "read":
            text, ok = QInputDialog.getText(
                self, self.tr("What I'll change"), self.tr("What I'll change:"), text=row.text
            )
            if ok:
                ratings.update_change(self.journal, row.id, text)
        else:
            prompt = (
                self.tr("Why, in my own words:") if self.mine else self.tr("Why, in their words:")
            )
            text, ok = QInputDialog.getText(self, self.tr("Why"), prompt, text=row.text)
            if ok:
                ratings.update_why(self.journal, row.id, text)
        self.refresh()

    def delete_selected(self) -> None:
        """Delete the selected entry after asking."""
        row = self._selected_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete?"),
            self.tr("Delete the entry of %s? This cannot be undone.") % day_text(row.day),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if row.kind == "read":
            ratings.delete_read(self.journal, row.id)
        else:
            ratings.delete_rating(self.journal, row.id)
        self.refresh()

    def shareable_chart(self) -> Any:
        """The chart as it may leave the screen: self-ratings only, never my reads."""
        own = ratings.list_ratings(self.journal, self.rep_id)
        return trend_chart(
            current_ladder(self.journal),
            own,
            None,
            self.today(),
            mine=self.mine,
            title=self._title(),
        )

    def _title(self) -> str:
        if self.mine:
            return self.tr("Me on the ladder")
        return self.tr("%s on the ladder") % self._name if self._name else self.tr("The ladder")

    def _file_stem(self) -> str:
        base = "me" if self.mine else (self._name or "ladder")
        return "".join(c if c.isalnum() or c in "-_" else "-" for c in base).strip("-") + "-ladder"

    def save_png_to(self, path: Path, *, scale: float = PNG_SCALE) -> bool:
        """Save the shareable chart as a PNG (print resolution by default).

        Raises :class:`~coachdesk.store.errors.WriteFailed` when it cannot be written.
        """
        from PySide6.QtCore import QSizeF

        from coachdesk.render import charts

        size = QSizeF(max(self.chart_view.width(), 640), max(self.chart_view.height(), 300))
        charts.save_png(
            self.shareable_chart(), path, size, scale=scale, font=self.chart_view.font()
        )
        return True

    def save_png(self) -> Path | None:
        """Ask where, then save the chart as a PNG; return where, or None."""
        chosen = ask_save_file(
            self,
            self.tr("Save chart as PNG"),
            Path(self._file_stem() + ".png"),
            self.tr("PNG (*.png)"),
        )
        if chosen is None:
            return None
        path = with_suffix(chosen[0], ".png")
        try:
            self.save_png_to(path)
        except KnownProblem as problem:
            QMessageBox.warning(self, self.tr("Not saved"), str(problem))
            return None
        return path

    def save_pdf(self) -> Path | None:
        """Ask where, then save the trend (self-ratings only) as a PDF; return where."""
        from coachdesk.render.ladder_charts import trend_document, write_pdf

        chosen = ask_save_file(
            self, self.tr("Save as PDF"), Path(self._file_stem() + ".pdf"), self.tr("PDF (*.pdf)")
        )
        if chosen is None:
            return None
        path = with_suffix(chosen[0], ".pdf")
        document = trend_document(
            self._title(),
            current_ladder(self.journal),
            ratings.list_ratings(self.journal, self.rep_id),
            self.today(),
            mine=self.mine,
        )
        try:
            write_pdf(document, path)
        except KnownProblem as problem:
            QMessageBox.warning(self, self.tr("Not saved"), str(problem))
            return None
        return path


# ----------------------------------------------------------------- the rep-page tab

"""The roster: rows built from the journal, a thin model, a delegate and the panel.

Each row: name, title and team, then the next scheduled 1:1 or the days since the last
one (marked only when past the rep's cadence), and open commitments counted separately:
theirs and mine. The "past cadence" mark is a flag: it hides in sharing mode.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled import settings_schema
from coachdesk.assembled.flags import collect as collect_flags
from coachdesk.coaching.cadence import DueStatus, due_status, effective_cadence
from coachdesk.store import commitments, meetings, reps, teams
from coachdesk.store.db import Journal
from coachdesk.store.records import MeetingKind, Rep
from coachdesk.ui.widgets.audience import Sharing

RepRole = Qt.ItemDataRole.UserRole + 1
FilterRole = Qt.ItemDataRole.UserRole
TeamRole = Qt.ItemDataRole.UserRole + 4
RowRole = Qt.ItemDataRole.UserRole + 5


@dataclass(frozen=True)
class RosterRow:
    """One line of the roster: the rep and what the list shows about them."""

    rep: Rep
    team_name: str
    due: DueStatus | None = None
    theirs: int = 0
    mine: int = 0
    flags: tuple[str, ...] = ()  # prompts for the manager; never shown when sharing

    @property
    def subtitle(self) -> str:
        """The second line: title and team."""
        parts = [self.rep.title, self.team_name]
        if self.rep.archived_at:
            parts.append("archived")
        return " · ".join(part for part in parts if part)

    @property
    def counts_text(self) -> str:
        """Open commitments, theirs and mine, e.g. "Theirs 2 · Mine 1"."""
        theirs = QCoreApplication.translate("roster", "Theirs %n", "", self.theirs)
        mine = QCoreApplication.translate("roster", "Mine %n", "", self.mine)
        return f"{theirs} · {mine}"

    @property
    def counts_said(self) -> str:
        """The open commitments in words, e.g. "open commitments: 2 of theirs, 1 of mine"."""
        theirs = QCoreApplication.translate(
            "roster", "open commitments: %n of theirs", "", self.theirs
        )
        mine = QCoreApplication.translate("roster", "%n of mine", "", self.mine)
        return f"{theirs}, {mine}"

    def status_line(self, *, show_flags: bool) -> str:
        """The rhythm of 1:1s, marked when past the cadence (a flag: not when sharing)."""
        parts = []
        if self.due is not None:
            if show_flags and self.due.overdue:
                # Said first, so a narrow roster cuts the days off, not the word.
                past = QCoreApplication.translate("roster", "Past cadence")
                parts.append(f"⚑ {past}: {self.due.text}")
            else:
                parts.append(self.due.text)
        if show_flags and self.flags:
            more = f" (+{len(self.flags) - 1})" if len(self.flags) > 1 else ""
            parts.append("⚑ " + self.flags[0] + more)
        return "  ·  ".join(parts)


def build_roster_rows(
    journal: Journal, today: dt.date, *, include_archived: bool, with_flags: bool = True
) -> list[RosterRow]:
    """Read what the roster shows for every rep (a handful of queries, not one per rep).

    Flags take longest to gather; start-up leaves them out and adds them after the
    first paint.
    """
    team_list = teams.list_teams(journal)
    names = {t.id: t.name for t in team_list}
    cadences = {t.id: t.cadence_days for t in team_list}
    default = settings_schema.read(journal, settings_schema.DEFAULT_CADENCE_DAYS)
    last = meetings.last_held_by_rep(journal, exclude=(MeetingKind.SKIP_LEVEL,))
    counts = commitments.open_counts(journal)
    flagged = collect_flags(journal, today) if with_flags else {}
    rows = []
    for rep in reps.list_reps(journal, include_archived=include_archived):
        cadence = effective_cadence(rep.cadence_days, cadences.get(rep.team_id or 0), default)
        due = due_status(
            today,
            cadence,
            last_one_on_one=last.get(rep.id),
            next_meeting_at=rep.next_meeting_at,
        )
        theirs, mine = counts.get(rep.id, (0, 0))
        flags = tuple(f.text for f in flagged.get(rep.id, ()))
        rows.append(RosterRow(rep, names.get(rep.team_id or 0, ""), due, theirs, mine, flags))
    return rows


class RosterModel(QAbstractListModel):
    """Rows of the roster; replaced whole through :meth:`set_rows`."""

    def __init__(self, sharing: Sharing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RosterRow] = []
        self._sharing = sharing

    def set_rows(self, rows: list[RosterRow]) -> None:
        """Show ``rows`` instead of the current ones."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RosterRow:
        """Return the roster row at ``row``."""
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        show_flags = not self._sharing.on
        if role == Qt.ItemDataRole.DisplayRole:
            return row.rep.name
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            parts = (
                row.rep.name,
                row.subtitle,
                row.status_line(show_flags=show_flags),
                row.counts_said,
                "; ".join(row.flags) if show_flags else "",
            )
            return ", ".join(p for p in parts if p)
        if role == RepRole:
            return row.rep.id
        if role == TeamRole:
            return row.rep.team_id or 0
        if role == RowRole:
            return row
        if role == FilterRole:
            rep = row.rep
            return " ".join((rep.name, rep.title, row.team_name, rep.email, rep.territory))
        return None


class RosterDelegate(QStyledItemDelegate):
    """Three lines: the name in bold, title and team, then rhythm and commitments."""

    PADDING = 6

    def __init__(self, sharing: Sharing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sharing = sharing

    # How much of a name always shows beside the counts, in average characters: a
    # typical full name ("Declan O'Brien"); longer ones are elided only at this width.
    NAME_CHARACTERS = 15

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        height = QFontMetrics(option.font).height()
        # As narrow as a row may be: rows span the list's width, so it never scrolls
        # sideways.
        return QSize(self.PADDING * 3, height * 3 + self.PADDING * 2 + 4)

    def least_width(self, font: QFont, rows: list[RosterRow]) -> int:
        """The narrowest a row may be: every count in full and a typical name beside it."""
        bold = QFont(font)
        bold.setBold(True)
        name = QFontMetrics(bold).averageCharWidth() * self.NAME_CHARACTERS
        metrics = QFontMetrics(font)
        counts = max((metrics.horizontalAdvance(row.counts_text) for row in rows), default=0)
        return self.PADDING * 4 + name + counts

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row = index.data(RowRole)
        if not isinstance(row, RosterRow):
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
        palette = option.palette
        main = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = (
            main
            if selected
            else palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        )
        rect = option.rect.adjusted(self.PADDING * 2, self.PADDING, -self.PADDING, -self.PADDING)
        metrics = QFontMetrics(option.font)
        line = metrics.height() + 2
        bold = QFont(option.font)
        bold.setBold(True)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        counts = row.counts_text
        counts_width = metrics.horizontalAdvance(counts) + self.PADDING
        painter.setPen(muted)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, counts)
        painter.setPen(main)
        painter.setFont(bold)
        name_width = max(0, rect.width() - counts_width)
        painter.drawText(
            rect,
            flags,
            QFontMetrics(bold).elidedText(row.rep.name, Qt.TextElideMode.ElideRight, name_width),
        )
        painter.setFont(option.font)
        painter.setPen(muted)
        painter.drawText(
            rect.adjusted(0, line, 0, 0),
            flags,
            metrics.elidedText(row.subtitle, Qt.TextElideMode.ElideRight, rect.width()),
        )
        show_flags = not self._sharing.on
        status = row.status_line(show_flags=show_flags)
        if show_flags and row.due is not None and row.due.overdue and not selected:
            painter.setPen(palette.color(QPalette.ColorRole.Link))
        painter.drawText(
            rect.adjusted(0, 2 * line, 0, 0),
            flags,
            metrics.elidedText(status, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()


class _RosterFilter(QSortFilterProxyModel):
    """Text filter plus team filter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.team_id: int | None = None

    def set_team(self, team_id: int | None) -> None:
        self.beginFilterChange()
        self.team_id = team_id
        self.endFilterChange()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self.team_id is not None and index.data(TeamRole) != self.team_id:
            return False
        return super().filterAcceptsRow(source_row, source_parent)


class RosterPanel(QWidget):
    """The filter box, team choice, archived switch and the list of reps."""

    rep_chosen = Signal(int)
    filters_changed = Signal()

    def __init__(self, sharing: Sharing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sharing = sharing
        self.show_archived = False
        self.model = RosterModel(sharing, self)
        self.proxy = _RosterFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(FilterRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Find a rep…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self.tr("Filter the roster"))
        self.filter_edit.textChanged.connect(self._filter_text)
        self.filter_edit.returnPressed.connect(self._focus_list)

        self.team_combo = QComboBox(self)
        self.team_combo.setAccessibleName(self.tr("Show one team"))
        self.team_combo.addItem(self.tr("All teams"), None)
        self.team_combo.currentIndexChanged.connect(self._team_chosen)
        self.archived_box = QCheckBox(self.tr("Archived"), self)
        self.archived_box.setAccessibleName(self.tr("Show archived reps"))
        self.archived_box.toggled.connect(self.set_show_archived)

        self.view = QListView(self)
        # The list's viewport made here, so Python holds it: asking Qt for it instead
        # (viewport()) makes the binding identify the widget by trying every widget
        # class it knows, some 15 ms at start-up.
        self.viewport = QWidget(self.view)
        # As Qt sets up a viewport of its own: the list's background, not the window's.
        self.viewport.setBackgroundRole(QPalette.ColorRole.Base)
        self.viewport.setAutoFillBackground(True)
        self.view.setViewport(self.viewport)
        self.view.setModel(self.proxy)
        self.delegate = RosterDelegate(sharing, self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setUniformItemSizes(True)
        # Rows elide what does not fit; the list is kept wide enough for them instead.
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setAccessibleName(self.tr("Roster"))
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        sharing.changed.connect(lambda _on: self.viewport.update())

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.team_combo, 1)
        filters.addWidget(self.archived_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.filter_edit)
        layout.addLayout(filters)
        layout.addWidget(self.view)

    def set_rows(self, rows: list[RosterRow]) -> None:
        """Replace the roster, keeping the current rep selected if it is still there."""
        current = self.current_rep_id()
        self._refresh_teams(rows)
        self._fit_width(rows)
        self.view.selectionModel().blockSignals(True)
        try:
            self.model.set_rows(rows)
            if current is not None:
                self.select_rep(current, emit=False)
        finally:
            self.view.selectionModel().blockSignals(False)

    def _fit_width(self, rows: list[RosterRow]) -> None:
        """Never narrower than its rows need: names readable, counts in full."""
        style = self.view.style()
        bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.view)
        frame = 2 * self.view.frameWidth()
        least = self.delegate.least_width(self.view.font(), rows)
        self.view.setMinimumWidth(least + bar + frame)

    def _refresh_teams(self, rows: list[RosterRow]) -> None:
        chosen = self.team_combo.currentData()
        found = sorted(
            {(r.team_name, r.rep.team_id) for r in rows if r.rep.team_id},
            key=lambda t: t[0].casefold(),
        )
        self.team_combo.blockSignals(True)
        try:
            self.team_combo.clear()
            self.team_combo.addItem(self.tr("All teams"), None)
            for name, team_id in found:
                self.team_combo.addItem(name, team_id)
            index = self.team_combo.findData(chosen) if chosen is not None else 0
            self.team_combo.setCurrentIndex(max(0, index))
        finally:
            self.team_combo.blockSignals(False)
        self.proxy.set_team(self.team_combo.currentData())

    def set_show_archived(self, shown: bool) -> None:
        """Include archived reps (they are marked as such)."""
        if shown == self.show_archived:
            return
        self.show_archived = shown
        self.archived_box.setChecked(shown)
        self.filters_changed.emit()

    def current_rep_id(self) -> int | None:
        """Return the id of the selected rep, if any."""
        index = self.view.currentIndex()
        return int(index.data(RepRole)) if index.isValid() else None

    def select_rep(self, rep_id: int, *, emit: bool = True) -> bool:
        """Select the rep with ``rep_id``; return whether it is shown."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RepRole) == rep_id:
                if not emit:
                    self.view.selectionModel().setCurrentIndex(
                        index, self.view.selectionModel().SelectionFlag.ClearAndSelect
                    )
                else:
                    self.view.setCurrentIndex(index)
                return True
        return False

    def clear_selection(self) -> None:
        """Select no rep (This week is showing); choosing any rep then opens it."""
        self.view.selectionModel().blockSignals(True)
        try:
            self.view.selectionModel().clear()
            self.view.setCurrentIndex(QModelIndex())
        finally:
            self.view.selectionModel().blockSignals(False)

    def select_first(self) -> bool:
        """Select the first rep shown; return False if none is."""
        if self.proxy.rowCount() == 0:
            return False
        self.view.setCurrentIndex(self.proxy.index(0, 0))
        return True

    def step(self, step: int) -> None:
        """Move the selection up or down by ``step`` reps."""
        count = self.proxy.rowCount()
        if count == 0:
            return
        current = self.view.currentIndex()
        row = current.row() if current.isValid() else (-1 if step > 0 else count)
        self.view.setCurrentIndex(self.proxy.index(max(0, min(count - 1, row + step)), 0))

    def _filter_text(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if not self.view.currentIndex().isValid():
            self.select_first()

    def _team_chosen(self) -> None:
        self.proxy.set_team(self.team_combo.currentData())
        if not self.view.currentIndex().isValid():
            self.select_first()

    def _focus_list(self) -> None:
        if not self.view.currentIndex().isValid():
            self.select_first()
        self.view.setFocus()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.rep_chosen.emit(int(current.data(RepRole)))

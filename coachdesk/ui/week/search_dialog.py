"""Search (Ctrl+K): results as you type, grouped by rep, terms highlighted.

Private notes are searched too; while sharing, a private hit shows no snippet.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPainter, QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QRadioButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.store import reps
from coachdesk.store.db import Journal
from coachdesk.store.search import MARK_END, MARK_START, Hit, search
from coachdesk.ui.widgets.audience import Sharing
from coachdesk.ui.widgets.qdates import day_text

HitRole = Qt.ItemDataRole.UserRole + 7
RESULT_LIMIT = 100  # the best hundred; a narrower search beats scrolling
FIELD_LABELS = {
    "rep_agenda": "their agenda",
    "my_agenda": "my agenda",
    "notes": "notes",
    "private_notes": "private notes",
    "text": "commitment",
}


def where_label(hit: Hit) -> str:
    """Where a hit is, in the manager's words: "notes", "their plan", "agreement"…"""
    if hit.kind == "meeting":
        return FIELD_LABELS.get(hit.field, hit.field)
    return {
        "commitment": "commitment",
        "agreement": "agreement",
        "agreement_item": "agreement",
        "agreement_step": "agreement step used",
        "plan": "my plan review",
        "plan_answer": "their plan",
    }.get(hit.kind, hit.kind.replace("_", " "))


def _day(iso: str) -> str:
    """The hit's day in the screen's style (its text as stored if it is not a date)."""
    try:
        return day_text(iso)
    except ValueError:
        return iso


@dataclass(frozen=True)
class _Heading:
    text: str


def snippet_html(snippet: str) -> str:
    """The FTS snippet as safe HTML with the matched terms in bold."""
    escaped = html.escape(" ".join(snippet.split()), quote=False)
    return escaped.replace(MARK_START, "<b><u>").replace(MARK_END, "</u></b>")


class ResultModel(QAbstractListModel):
    """Hits grouped under their rep's name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Hit | _Heading] = []
        self._sharing = False

    def set_hits(self, hits: list[Hit], names: dict[int, str], *, sharing: bool) -> None:
        """Group ``hits`` by rep, keeping each rep where its best hit ranks."""
        groups: dict[int, list[Hit]] = {}
        for hit in hits:
            groups.setdefault(hit.rep_id, []).append(hit)
        rows: list[Hit | _Heading] = []
        for rep_id, found in groups.items():
            rows.append(_Heading(f"{names.get(rep_id, 'Unknown rep')} ({len(found)})"))
            rows.extend(found)
        self.beginResetModel()
        self._rows = rows
        self._sharing = sharing
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self._rows[index.row()], _Heading):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if isinstance(row, _Heading):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return row.text
            return None
        if role == HitRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{_day(row.day)} · {where_label(row)}: {self.plain_snippet(row)}"
        return None

    def html_for(self, row: int) -> str:
        """The rich text a row shows."""
        item = self._rows[row]
        if isinstance(item, _Heading):
            return f"<b>{html.escape(item.text)}</b>"
        where = html.escape(f"{_day(item.day)} · {where_label(item)}")
        if item.private and self._sharing:
            return f"&nbsp;&nbsp;{where}: <i>a private note matches (hidden while sharing)</i>"
        return f"&nbsp;&nbsp;{where}: {snippet_html(item.snippet)}"

    def plain_snippet(self, hit: Hit) -> str:
        """The snippet without marks (hidden for private hits while sharing)."""
        if hit.private and self._sharing:
            return "a private note matches (hidden while sharing)"
        return " ".join(hit.snippet.replace(MARK_START, "").replace(MARK_END, "").split())


class _RichDelegate(QStyledItemDelegate):
    def __init__(self, model: ResultModel, parent: QWidget) -> None:
        super().__init__(parent)
        self._model = model

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(200, option.fontMetrics.height() + 8)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        view = self.parent()
        assert isinstance(view, QWidget)
        painter.save()
        view.style().drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, view
        )
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        document.setDefaultStyleSheet(f"body {{ color: {colour.name()}; }}")
        document.setHtml(f"<body>{self._model.html_for(index.row())}</body>")
        one_line = QTextOption()
        one_line.setWrapMode(QTextOption.WrapMode.NoWrap)  # one line per hit; clipped
        document.setDefaultTextOption(one_line)
        painter.translate(option.rect.left() + 4, option.rect.top() + 4)
        painter.setClipRect(0, 0, option.rect.width() - 8, option.rect.height() - 4)
        document.drawContents(painter)
        painter.restore()


class _Results(QListView):
    chosen = Signal(object)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            hit = self.currentIndex().data(HitRole)
            if isinstance(hit, Hit):
                self.chosen.emit(hit)
                return
        super().keyPressEvent(event)


class SearchDialog(QDialog):
    """Type to search; Enter opens the hit. ``open_hit(hit, text)`` is emitted."""

    open_hit = Signal(object, str)

    def __init__(self, journal: Journal, sharing: Sharing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.sharing = sharing
        self.setWindowTitle(self.tr("Search"))
        self.resize(760, 520)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Search notes, agendas, commitments, agreements…"))
        self.field.setAccessibleName(self.tr("Search for"))
        self.field.setClearButtonEnabled(True)
        self.relevance = QRadioButton(self.tr("&Best match"), self)
        self.newest = QRadioButton(self.tr("&Newest first"), self)
        self.relevance.setChecked(True)
        order = QButtonGroup(self)
        order.addButton(self.relevance)
        order.addButton(self.newest)
        self.relevance.toggled.connect(self._run)
        self.status = QLabel(self)
        self.model = ResultModel(self)
        self.results = _Results(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(_RichDelegate(self.model, self.results))
        self.results.setUniformItemSizes(True)
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.chosen.connect(self._open)
        self.results.doubleClicked.connect(
            lambda index: self._open(index.data(HitRole)) if index.data(HitRole) else None
        )
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self._run)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.field.returnPressed.connect(self._enter_from_field)
        options = QHBoxLayout()
        options.addWidget(self.relevance)
        options.addWidget(self.newest)
        options.addStretch(1)
        options.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addLayout(options)
        layout.addWidget(self.results, 1)
        self.hits: list[Hit] = []
        # Names are read once: the roster does not change while searching.
        self._names = {r.id: r.name for r in reps.list_reps(journal)}

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self.field.hasFocus():
            self.results.setFocus()
            return
        super().keyPressEvent(event)

    def _run(self) -> None:
        text = self.field.text()
        self.hits = search(
            self.journal, text, newest_first=self.newest.isChecked(), limit=RESULT_LIMIT
        )
        self.model.set_hits(self.hits, self._names, sharing=self.sharing.on)
        count = len(self.hits)
        self.status.setText(
            ""
            if not text.strip()
            else self.tr("%d found") % count
            if count
            else self.tr("Nothing found")
        )
        for row in range(self.model.rowCount()):
            if self.model.index(row, 0).data(HitRole):
                self.results.setCurrentIndex(self.model.index(row, 0))
                break

    def _enter_from_field(self) -> None:
        self._timer.stop()
        self._run()
        hit = self.results.currentIndex().data(HitRole)
        if isinstance(hit, Hit):
            self._open(hit)

    def _open(self, hit: object) -> None:
        if isinstance(hit, Hit):
            self.open_hit.emit(hit, self.field.text())
            self.accept()

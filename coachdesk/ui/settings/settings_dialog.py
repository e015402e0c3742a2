"""Settings: teams and cadences, the question bank, templates, and privacy.

Nothing is written while the dialog is open, so Cancel leaves the journal as it was.
OK checks everything first, then saves each subject that changed in one transaction of
its own (teams, settings, questions) through the store, which tells the views. The
retention rule, when it has just been switched on or shortened, is applied last, after
the manager has seen how many meetings it clears and agreed.

Every setting's type, limits, label and help come from :mod:`coachdesk.assembled.settings_schema`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled import settings_schema as schema
from coachdesk.assembled.retention import apply_retention
from coachdesk.store import retention, settings, teams
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem
from coachdesk.store.records import MEETING_KIND_LABELS, CoachingQuestion, MeetingKind, Team
from coachdesk.store.settings import QuestionEdit
from coachdesk.store.teams import TeamEdit
from coachdesk.ui.widgets.qdates import day_text
from coachdesk.ui.widgets.translations import count_suffix

# The store's own limit on a team's cadence (the CHECK on teams.cadence_days).
TEAM_CADENCE_MAX = 366
NEW_TEAM_CADENCE = 7

_Index = QModelIndex | QPersistentModelIndex


def _schema_text(text: str) -> str:
    """Translate a label or help text declared in the settings schema."""
    return QCoreApplication.translate(schema.CONTEXT, text)


def _mnemonic(text: str) -> str:
    """Give a translated label a mnemonic on its first letter (for Alt+letter)."""
    return "&" + text.replace("&", "&&")


def _problem_text(error: schema.SettingInvalid) -> str:
    params = dict(error.params)
    if "label" in params:
        params["label"] = _schema_text(str(params["label"]))
    return _schema_text(error.template).format(**params)


def _nocase(name: str) -> str:
    """Compare team names as SQLite's NOCASE does: ASCII letters only fold."""
    return "".join(c.lower() if c.isascii() else c for c in name.strip())


def _hint(text: str, parent: QWidget) -> QLabel:
    """A wrapped explanatory label in the palette's own colours (dark themes work)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


@dataclass(frozen=True)
class Problem:
    """Something that stops OK: what to tell the user and where to take them."""

    message: str
    widget: QWidget


# ----------------------------------------------------------------- teams


@dataclass
class _TeamRow:
    team: Team | None  # None for a team added in this dialog
    name: QLineEdit
    cadence: QSpinBox


class TeamsPage(QWidget):
    """Each team's name and 1:1 cadence, the journal default, and adding a team."""

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        setting = schema.DEFAULT_CADENCE_DAYS
        self.default_cadence = QSpinBox(self)
        self.default_cadence.setRange(setting.minimum or 1, setting.maximum or TEAM_CADENCE_MAX)
        self.default_cadence.setValue(schema.read(journal, setting))
        count_suffix(self.default_cadence, lambda n: self.tr(" day(s)", "", n))
        self.default_cadence.setAccessibleName(_schema_text(setting.label))
        self.default_cadence.setToolTip(_schema_text(setting.help))
        default_label = QLabel(_mnemonic(_schema_text(setting.label)) + ":", self)
        default_label.setBuddy(self.default_cadence)

        default_row = QHBoxLayout()
        default_row.addWidget(default_label)
        default_row.addWidget(self.default_cadence)
        default_row.addStretch(1)

        # Reminders before a scheduled 1:1: off unless switched on.
        reminder = schema.REMINDER_MINUTES
        chosen = schema.read(journal, reminder)
        self.remind = QCheckBox(self.tr("&Remind me before a scheduled 1:1:"), self)
        self.remind.setAccessibleName(_schema_text(reminder.label))
        self.remind.setToolTip(_schema_text(reminder.help))
        self.remind.setChecked(chosen is not None)
        self.remind_minutes = QSpinBox(self)
        self.remind_minutes.setRange(reminder.minimum or 1, reminder.maximum or 120)
        self.remind_minutes.setSuffix(self.tr(" minutes"))
        self.remind_minutes.setValue(chosen if chosen is not None else reminder.suggested or 10)
        self.remind_minutes.setAccessibleName(self.tr("Minutes before a scheduled 1:1"))
        self.remind_minutes.setEnabled(self.remind.isChecked())
        self.remind.toggled.connect(self.remind_minutes.setEnabled)
        remind_row = QHBoxLayout()
        remind_row.addWidget(self.remind)
        remind_row.addWidget(self.remind_minutes)
        remind_row.addStretch(1)

        heading = QLabel(self.tr("Teams and their 1:1 cadence"), self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)

        self._rows: list[_TeamRow] = []
        self._grid_host = QWidget(self)
        host_layout = QVBoxLayout(self._grid_host)
        host_layout.setContentsMargins(0, 0, 0, 0)
        self._grid = QGridLayout()
        host_layout.addLayout(self._grid)
        host_layout.addStretch(1)  # rows stay at the top, however few
        self._grid.addWidget(QLabel(self.tr("Team"), self._grid_host), 0, 0)
        self._grid.addWidget(QLabel(self.tr("1:1 every"), self._grid_host), 0, 1)
        self._grid.setColumnStretch(0, 1)
        self.no_teams = QLabel(self.tr("No teams yet."), self._grid_host)
        self._grid.addWidget(self.no_teams, 1, 0, 1, 2)
        self.team_area = QScrollArea(self)
        self.team_area.setWidgetResizable(True)
        self.team_area.setFrameShape(QFrame.Shape.NoFrame)
        self.team_area.setWidget(self._grid_host)
        # The scroll area itself holds no input; Tab goes straight to the fields.
        self.team_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.add_button = QPushButton(self.tr("&Add team"), self)
        self.add_button.setAccessibleName(self.tr("Add team"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_team)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)

        hint = _hint(
            self.tr(
                "A rep's own cadence, when set, comes before their team's. Skip-level "
                "conversations (a second-line manager meeting a first-line manager's reps) "
                "are monthly, whatever the cadences here, and never make a rep look overdue."
            ),
            self,
        )

        layout = QVBoxLayout(self)
        layout.addLayout(default_row)
        layout.addLayout(remind_row)
        layout.addWidget(_hint(_schema_text(reminder.help), self))
        layout.addSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(self.team_area, 1)
        layout.addLayout(add_row)
        layout.addWidget(hint)

        for team in teams.list_teams(journal):
            self._add_row(team)
        self._fix_tab_order()

    def reminder_value(self) -> int | None:
        """Minutes before a scheduled 1:1 to remind, or None when reminders are off."""
        return self.remind_minutes.value() if self.remind.isChecked() else None

    def _add_row(self, team: Team | None) -> _TeamRow:
        name = QLineEdit(team.name if team else "", self._grid_host)
        cadence = QSpinBox(self._grid_host)
        # A value the store allows but the usual range does not must survive a save.
        cadence.setRange(1, max(TEAM_CADENCE_MAX, team.cadence_days if team else 1))
        cadence.setValue(team.cadence_days if team else NEW_TEAM_CADENCE)
        count_suffix(cadence, lambda n: self.tr(" day(s)", "", n))
        if team is not None:
            name.setAccessibleName(self.tr("Name of team %s") % team.name)
            cadence.setAccessibleName(self.tr("Days between 1:1s for team %s") % team.name)
        else:
            name.setAccessibleName(self.tr("Name of the new team"))
            name.setPlaceholderText(self.tr("Name of the new team"))
            cadence.setAccessibleName(self.tr("Days between 1:1s for the new team"))
        row = len(self._rows) + 1
        self._grid.addWidget(name, row, 0)
        self._grid.addWidget(cadence, row, 1)
        self.no_teams.hide()
        entry = _TeamRow(team, name, cadence)
        self._rows.append(entry)
        return entry

    def _fix_tab_order(self) -> None:
        # Widgets added later join the end of the focus chain (after OK and Cancel);
        # keep the order the eye reads: default, each team's name and cadence, Add.
        chain: list[QWidget] = [self.default_cadence, self.remind, self.remind_minutes]
        for row in self._rows:
            chain += [row.name, row.cadence]
        chain.append(self.add_button)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def add_team(self) -> None:
        """Add a row for a new team and put the cursor in its name."""
        row = self._add_row(None)
        self._fix_tab_order()
        # A widget added to a visible layout is shown only on the next event loop
        # turn, and a hidden widget cannot take the focus.
        row.name.show()
        row.cadence.show()
        row.name.setFocus()
        self.team_area.ensureWidgetVisible(row.name)

    @property
    def rows(self) -> list[_TeamRow]:
        """The team rows in the order shown."""
        return list(self._rows)

    def default_cadence_value(self) -> int:
        """The journal default cadence as entered."""
        return self.default_cadence.value()

    def edits(self) -> list[TeamEdit]:
        """Teams that were changed or added (new rows left empty are ignored)."""
        found: list[TeamEdit] = []
        for row in self._rows:
            name, days = row.name.text().strip(), row.cadence.value()
            if row.team is None:
                if name:
                    found.append(TeamEdit(None, name, days))
            elif (name, days) != (row.team.name, row.team.cadence_days):
                found.append(TeamEdit(row.team.id, name, days))
        return found

    def problem(self) -> Problem | None:
        """Why the teams cannot be saved as they are, if they cannot."""
        seen: dict[str, str] = {}
        for row in self._rows:
            name = row.name.text().strip()
            if not name:
                if row.team is None:
                    continue  # an added row left empty is simply not added
                return Problem(self.tr("Every team needs a name."), row.name)
            key = _nocase(name)
            if key in seen:
                return Problem(
                    self.tr("Two teams cannot both be called “%s”.") % seen[key], row.name
                )
            seen[key] = name
        return None


# ----------------------------------------------------------------- questions


@dataclass
class _QuestionDraft:
    id: int | None
    text: str
    topic: str
    active: bool


class QuestionBankModel(QAbstractListModel):
    """The question bank being edited: a thin list model over drafts.

    Each row is checkable (on = offered beside the 1:1 editor) and its text editable.
    """

    def __init__(self, questions: list[CoachingQuestion], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = [_QuestionDraft(q.id, q.text, q.topic, q.active) for q in questions]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return row.text
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row.active else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.text
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.tr("Offered in 1:1s") if row.active else self.tr("Switched off")
        if role == Qt.ItemDataRole.ToolTipRole and row.topic:
            return self.tr("Topic: %s") % row.topic
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.EditRole:
            text = str(value).strip()
            # An empty edit keeps the old text: a question cannot be blank.
            if not text or text == row.text:
                return False
            row.text = text
        elif role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
            if checked == row.active:
                return False
            row.active = checked
        else:
            return False
        self.dataChanged.emit(index, index, [role])
        return True

    def add(self) -> QModelIndex:
        """Append an empty, switched-on question and return its index."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(_QuestionDraft(None, "", "", True))
        self.endInsertRows()
        return self.index(row, 0)

    def drop_blank_new(self) -> None:
        """Forget added questions that were left without text."""
        for row in reversed(range(len(self._rows))):
            draft = self._rows[row]
            if draft.id is None and not draft.text.strip():
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()

    def move(self, row: int, step: int) -> int:
        """Move a question one place up (-1) or down (+1); return where it is now."""
        target = row + step
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)) or step == 0:
            return row
        # beginMoveRows wants the destination as "insert before": one past when going down.
        destination = target + 1 if step > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(row))
        self.endMoveRows()
        return target

    def toggle(self, row: int) -> None:
        """Switch a question on or off."""
        if 0 <= row < len(self._rows):
            index = self.index(row, 0)
            state = Qt.CheckState.Unchecked if self._rows[row].active else Qt.CheckState.Checked
            self.setData(index, state, Qt.ItemDataRole.CheckStateRole)

    def bank(self) -> list[QuestionEdit]:
        """The bank as it should be saved, in order."""
        return [QuestionEdit(r.id, r.text, r.topic, r.active) for r in self._rows]


class QuestionsPage(QWidget):
    """The "Ask, don't tell" question bank: add, edit, switch on or off, reorder."""

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        questions = settings.list_questions(journal, active_only=False)
        self._initial = [QuestionEdit(q.id, q.text, q.topic, q.active) for q in questions]
        self.model = QuestionBankModel(questions, self)

        intro = _hint(
            self.tr(
                "Ask, don't tell: questions that are switched on are offered beside the 1:1 "
                "editor. A switched-off question is kept but not offered. Double-click or "
                "press F2 to edit a question; Space switches the selected one on or off."
            ),
            self,
        )
        list_label = QLabel(self.tr("Questions in the &order they are offered:"), self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Question bank"))
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        list_label.setBuddy(self.view)

        self.add_button = QPushButton(self.tr("A&dd question"), self)
        self.edit_button = QPushButton(self.tr("&Edit text"), self)
        self.toggle_button = QPushButton(self.tr("Switch o&n or off"), self)
        self.up_button = QPushButton(self.tr("Move &up"), self)
        self.down_button = QPushButton(self.tr("Move do&wn"), self)
        buttons = QVBoxLayout()
        for button, name in (
            (self.add_button, self.tr("Add question")),
            (self.edit_button, self.tr("Edit question text")),
            (self.toggle_button, self.tr("Switch question on or off")),
            (self.up_button, self.tr("Move question up")),
            (self.down_button, self.tr("Move question down")),
        ):
            button.setAccessibleName(name)
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.add_button.clicked.connect(self.add_question)
        self.edit_button.clicked.connect(self.edit_current)
        self.toggle_button.clicked.connect(self.toggle_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.view.itemDelegate().closeEditor.connect(self._editor_closed)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)
        self.model.rowsMoved.connect(self._update_buttons)
        self.model.rowsInserted.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)

        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(list_label)
        layout.addLayout(body, 1)

        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
        self._update_buttons()

    def _current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def _update_buttons(self, *_: object) -> None:
        row, count = self._current_row(), self.model.rowCount()
        self.edit_button.setEnabled(row >= 0)
        self.toggle_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def _editor_closed(self, *_: object) -> None:
        self.model.drop_blank_new()

    def add_question(self) -> None:
        """Add a question at the end and start typing its text."""
        index = self.model.add()
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()
        self.view.edit(index)

    def edit_current(self) -> None:
        """Start editing the selected question's text."""
        index = self.view.currentIndex()
        if index.isValid():
            self.view.setFocus()
            self.view.edit(index)

    def toggle_current(self) -> None:
        """Switch the selected question on or off."""
        self.model.toggle(self._current_row())

    def move_current(self, step: int) -> None:
        """Move the selected question up (-1) or down (+1), keeping it selected."""
        row = self._current_row()
        if row < 0:
            return
        target = self.model.move(row, step)
        index = self.model.index(target, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self._update_buttons()

    def bank(self) -> list[QuestionEdit] | None:
        """The bank to save, or ``None`` if nothing changed."""
        bank = self.model.bank()
        return None if bank == self._initial else bank


# ----------------------------------------------------------------- templates


class TemplatesPage(QWidget):
    """ "My agenda" for each kind of meeting, and the recap's opening line."""

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        recap = schema.RECAP_INTRO
        # Each kind's text as edited so far; the box shows the kind chosen.
        self._texts = {
            kind: schema.read(journal, setting) for kind, setting in schema.AGENDA_TEMPLATES.items()
        }
        self.kind = QComboBox(self)
        for kind in schema.AGENDA_TEMPLATES:
            self.kind.addItem(self.tr(MEETING_KIND_LABELS[kind]), kind)
        self.kind.setAccessibleName(self.tr("Kind of meeting whose agenda is shown"))
        self.kind.view().setAccessibleName(self.tr("Kinds of meeting"))
        kind_label = QLabel(self.tr("My agenda for new meetings of &kind:"), self)
        kind_label.setBuddy(self.kind)
        self._shown = MeetingKind.ONE_ON_ONE

        self.agenda = QPlainTextEdit(self)
        self.agenda.setPlainText(self._texts[self._shown])
        # Tab moves on, as in every other field of the dialog; the template is Markdown
        # and indents with spaces.
        self.agenda.setTabChangesFocus(True)
        self._name_agenda()
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        kind_row = QHBoxLayout()
        kind_row.addWidget(kind_label)
        kind_row.addWidget(self.kind)
        kind_row.addStretch(1)

        self.recap = QLineEdit(schema.read(journal, recap), self)
        self.recap.setMaxLength(recap.max_length or 32767)
        self.recap.setAccessibleName(_schema_text(recap.label))
        self.recap.setAccessibleDescription(_schema_text(recap.help))
        recap_label = QLabel(_mnemonic(_schema_text(recap.label)) + ":", self)
        recap_label.setBuddy(self.recap)

        layout = QVBoxLayout(self)
        layout.addLayout(kind_row)
        layout.addWidget(self.agenda, 1)
        layout.addWidget(_hint(_schema_text(schema.AGENDA_TEMPLATES[MeetingKind.QBR].help), self))
        layout.addSpacing(8)
        layout.addWidget(recap_label)
        layout.addWidget(self.recap)
        layout.addWidget(_hint(_schema_text(recap.help), self))

    def _name_agenda(self) -> None:
        setting = schema.AGENDA_TEMPLATES[self._shown]
        self.agenda.setAccessibleName(_schema_text(setting.label))
        self.agenda.setAccessibleDescription(_schema_text(setting.help))

    def _kind_chosen(self) -> None:
        self._texts[self._shown] = self.agenda.toPlainText()
        self._shown = MeetingKind(self.kind.currentData())
        self.agenda.setPlainText(self._texts[self._shown])
        self._name_agenda()

    def show_kind(self, kind: MeetingKind) -> None:
        """Show the agenda of ``kind`` in the box."""
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def values(self) -> dict[schema.Setting[Any], object]:
        """The templates as entered."""
        self._texts[self._shown] = self.agenda.toPlainText()
        found: dict[schema.Setting[Any], object] = {
            setting: self._texts[kind] for kind, setting in schema.AGENDA_TEMPLATES.items()
        }
        found[schema.RECAP_INTRO] = self.recap.text()
        return found

    def widget_for(self, setting: schema.Setting[Any]) -> QWidget:
        """The field that edits ``setting`` (a kind's agenda is brought forward first)."""
        for kind, agenda in schema.AGENDA_TEMPLATES.items():
            if setting == agenda:
                self.show_kind(kind)
                return self.agenda
        return self.recap


# ----------------------------------------------------------------- privacy


class PrivacyPage(QWidget):
    """The opt-in retention rule for private notes, and where the journal lives."""

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        setting = schema.PRIVATE_NOTES_RETENTION_MONTHS
        current = schema.read(journal, setting)

        self.retention_on = QCheckBox(_mnemonic(_schema_text(setting.label)), self)
        self.retention_on.setAccessibleName(_schema_text(setting.label))
        self.retention_on.setChecked(current is not None)
        self.months = QSpinBox(self)
        self.months.setRange(setting.minimum or 1, setting.maximum or 120)
        self.months.setValue(current if current is not None else setting.suggested or 24)
        count_suffix(self.months, lambda n: self.tr(" month(s)", "", n))
        self.months.setAccessibleName(self.tr("Months to keep private notes"))
        self.months.setEnabled(current is not None)
        rule = QHBoxLayout()
        rule.addWidget(self.retention_on)
        rule.addWidget(self.months)
        rule.addStretch(1)

        self.preview = _hint("", self)
        self.preview.setAccessibleName(self.tr("What the rule would clear now"))
        warning = _hint(
            self.tr(
                "Deleted private notes cannot be brought back, except by restoring a backup "
                "taken before they were deleted. Backups already taken keep them until they "
                "are rotated out."
            ),
            self,
        )
        font = warning.font()
        font.setBold(True)
        warning.setFont(font)

        location = _hint(
            self.tr("Your journal is this one file on this computer:\n%s\n\nBackups are in:\n%s")
            % (journal.path, journal.paths.backups),
            self,
        )
        location.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        location.setAccessibleName(self.tr("Where the journal lives"))

        layout = QVBoxLayout(self)
        layout.addLayout(rule)
        layout.addWidget(_hint(_schema_text(setting.help), self))
        layout.addWidget(self.preview)
        layout.addWidget(warning)
        layout.addSpacing(12)
        layout.addWidget(location)
        layout.addStretch(1)

        self.retention_on.toggled.connect(self.months.setEnabled)
        self.retention_on.toggled.connect(self._update_preview)
        self.months.valueChanged.connect(self._update_preview)
        self._update_preview()

    def value(self) -> int | None:
        """The rule as entered: months, or ``None`` for off."""
        return self.months.value() if self.retention_on.isChecked() else None

    def _update_preview(self, *_: object) -> None:
        months = self.value()
        self.preview.setVisible(months is not None)
        if months is None:
            self.preview.clear()
            return
        count = retention.count_private_notes_older_than(self.journal, months)
        cutoff = _long_date(retention.retention_cutoff(self.journal, months))
        self.preview.setText(
            self.tr("Meetings whose private notes this would clear now: %d (held before %s).")
            % (count, cutoff)
        )


def _long_date(day: dt.date) -> str:
    return day_text(day)


# ----------------------------------------------------------------- the dialog


class SettingsDialog(QDialog):
    """Teams, the question bank, templates and privacy; OK saves, Cancel changes nothing."""

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.cleared_count = 0  # meetings whose private notes OK cleared
        self.setWindowTitle(self.tr("Settings"))
        self.setModal(True)

        # The tabs exist before the pages so that Tab reaches the tab bar first, then
        # the page, then OK and Cancel (the focus chain follows creation order).
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        self.teams_page = TeamsPage(journal, self.tabs)
        self.questions_page = QuestionsPage(journal, self.tabs)
        self.templates_page = TemplatesPage(journal, self.tabs)
        self.privacy_page = PrivacyPage(journal, self.tabs)
        self.tabs.addTab(self.teams_page, self.tr("&Teams"))
        self.tabs.addTab(self.questions_page, self.tr("&Questions"))
        self.tabs.addTab(self.templates_page, self.tr("Tem&plates"))
        self.tabs.addTab(self.privacy_page, self.tr("Pri&vacy"))
        from coachdesk.ui.ladder.ladder_settings import LadderSettingsPage

        self.ladder_page = LadderSettingsPage(journal, self.tabs)
        self.tabs.addTab(self.ladder_page, self.tr("&Ladder"))
        from coachdesk.ui.protection.protection_dialog import ProtectionPage

        self.protection_page = ProtectionPage(journal, self.tabs)
        self.tabs.addTab(self.protection_page, self.tr("P&assphrase"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName(
            self.tr("Save settings")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel without saving")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

        # Fits a 1366×768 screen with room for the taskbar; the lists scroll inside.
        self.resize(720, 560)
        self.teams_page.default_cadence.setFocus()

    # ----------------------------------------------------------------- saving

    def _problem(self) -> Problem | None:
        problem = self.teams_page.problem()
        if problem is not None:
            return problem
        for setting, value in self._setting_values().items():
            try:
                setting.validate(value)
            except schema.SettingInvalid as error:
                return Problem(_problem_text(error), self._widget_for(setting))
        return None

    def _setting_values(self) -> dict[schema.Setting[Any], object]:
        values: dict[schema.Setting[Any], object] = {
            schema.DEFAULT_CADENCE_DAYS: self.teams_page.default_cadence_value(),
            schema.REMINDER_MINUTES: self.teams_page.reminder_value(),
            schema.PRIVATE_NOTES_RETENTION_MONTHS: self.privacy_page.value(),
        }
        values.update(self.templates_page.values())
        values.update(self.ladder_page.values())
        values.update(self.protection_page.values())
        return values

    def _widget_for(self, setting: schema.Setting[Any]) -> QWidget:
        if setting == schema.DEFAULT_CADENCE_DAYS:
            return self.teams_page.default_cadence
        if setting == schema.REMINDER_MINUTES:
            return self.teams_page.remind_minutes
        if setting == schema.PRIVATE_NOTES_RETENTION_MONTHS:
            return self.privacy_page.months
        if setting in self.ladder_page.fields:
            return self.ladder_page.fields[setting]
        if setting == schema.AUTO_LOCK_MINUTES:
            return self.protection_page.auto_lock
        return self.templates_page.widget_for(setting)

    def _show_problem(self, problem: Problem) -> None:
        pages = [self.tabs.widget(i) for i in range(self.tabs.count())]
        page = next((p for p in pages if p is not None and p.isAncestorOf(problem.widget)), None)
        if page is not None:
            self.tabs.setCurrentWidget(page)
        QMessageBox.warning(self, self.tr("Settings not saved"), problem.message)
        problem.widget.setFocus()

    def _confirm_retention(self, months: int) -> bool:
        count = retention.count_private_notes_older_than(self.journal, months)
        cutoff = _long_date(retention.retention_cutoff(self.journal, months))
        text = "\n\n".join(
            [
                self.tr(
                    "From now on, the private notes of meetings held more than %n month(s) ago "
                    "are deleted: now, and each time coachdesk starts.",
                    "",
                    months,
                ),
                self.tr("Meetings whose private notes this clears now: %d (held before %s).")
                % (count, cutoff),
                self.tr(
                    "This cannot be undone, except by restoring a backup taken before now. "
                    "Agendas, shared notes and commitments are kept."
                ),
            ]
        )
        answer = QMessageBox.question(
            self,
            self.tr("Delete old private notes?"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def save(self) -> bool:
        """Check, confirm and save everything; return False if the dialog should stay."""
        problem = self._problem()
        if problem is not None:
            self._show_problem(problem)
            return False

        retention_setting = schema.PRIVATE_NOTES_RETENTION_MONTHS
        old_months = schema.read(self.journal, retention_setting)
        new_months = self.privacy_page.value()
        # Any new "on" value is confirmed, even one that clears nothing today: the rule
        # keeps deleting at every start from now on.
        if (
            new_months is not None
            and new_months != old_months
            and not self._confirm_retention(new_months)
        ):
            self.tabs.setCurrentWidget(self.privacy_page)
            self.privacy_page.retention_on.setFocus()
            return False

        changed_settings = {
            setting: value
            for setting, value in self._setting_values().items()
            if schema.read(self.journal, setting) != value
        }
        team_edits = self.teams_page.edits()
        bank = self.questions_page.bank()
        try:
            if team_edits:
                teams.save_teams(self.journal, team_edits)
            if changed_settings:
                schema.write(self.journal, changed_settings)
            if bank is not None:
                settings.save_question_bank(self.journal, bank)
            if retention_setting in changed_settings and new_months is not None:
                self.cleared_count = apply_retention(self.journal)
        except KnownProblem as problem_on_disk:
            QMessageBox.warning(self, self.tr("Settings not saved"), str(problem_on_disk))
            return False
        return True

    def accept(self) -> None:
        """Save, then close; stay open if something needs the user first."""
        if self.save():
            super().accept()

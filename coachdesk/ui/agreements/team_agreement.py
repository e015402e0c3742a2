"""Team menu: the team agreement, and the settings of agreements and plans.

A team agreement (how we work together, what the team can expect from me) is reviewed
each quarter and versioned like a rep's: revising makes a draft, activating it puts it
in force and keeps the old one in the history (the same workflow, in ``controller.py``).
There is one for the whole team, and one per team if the manager wants them.

The settings dialog holds the default agreement template, each team's own template and
the day the manager took a team over, and the core areas of a rep's quarterly plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QAction, QHideEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled import settings_schema
from coachdesk.coaching.agreements import unknown_headings
from coachdesk.dates import today
from coachdesk.store import agreements, teams
from coachdesk.store.agreements import AgreementOwner
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem
from coachdesk.store.records import Agreement, AgreementScope
from coachdesk.ui import TEAM_MENU
from coachdesk.ui.agreements.agreement_parts import (
    AgreementEditor,
    DateField,
    bold_label,
    hint_label,
    slug,
)
from coachdesk.ui.agreements.controller import AgreementController, WhoseAgreement
from coachdesk.ui.widgets.messages import confirm

if TYPE_CHECKING:
    from coachdesk.ui.widgets.markdown_view import MarkdownView
    from coachdesk.ui.window.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("TeamAgreement", text)


class TeamAgreementDialog(QDialog):
    """The whole team's agreement (or one team's): in force, a draft, the history."""

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.setWindowTitle(self.tr("Team agreement"))
        self.viewer: MarkdownView | None = None
        self.controller = AgreementController(journal, self._whose, self._show_agreement, self)
        self.autosaver = self.controller.autosaver

        self.team = QComboBox(self)
        self.team.setAccessibleName(self.tr("Whose agreement"))
        self.team.addItem(self.tr("The whole team"), None)
        for team in teams.list_teams(journal):
            self.team.addItem(team.name, team.id)
        self.team.currentIndexChanged.connect(self._team_changed)
        team_label = QLabel(self.tr("&For"), self)
        team_label.setBuddy(self.team)
        controls = self.controller.make_controls(self, self.controller.activate)
        self.status_label, self.save_label = controls.status, controls.saved
        self.start_button, self.revise_button = controls.blank, controls.revise
        self.activate_button, self.discard_button = controls.activate, controls.discard
        self.compare_button, self.pdf_button = controls.compare, controls.pdf

        top = QHBoxLayout()
        top.addWidget(team_label)
        top.addWidget(self.team, 1)
        top.addWidget(self.save_label)
        actions = QHBoxLayout()
        for button in (
            self.start_button,
            self.revise_button,
            self.activate_button,
            self.discard_button,
            self.compare_button,
            self.pdf_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)

        self.stack = QStackedWidget(self)
        self.empty = hint_label(
            self.tr(
                "Write down how you work together as a team, and what the team can expect "
                "from you. Review it every quarter."
            ),
            self.stack,
        )
        self.editor = AgreementEditor(AgreementScope.TEAM, self.stack)
        self.controller.edit_with(self.editor)
        self.shown = QWidget(self.stack)
        self.shown_layout = QVBoxLayout(self.shown)
        self.shown_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.empty, self.editor, self.shown):
            self.stack.addWidget(widget)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        layout.addLayout(actions)
        layout.addWidget(self.stack, 1)
        layout.addWidget(buttons)
        self.resize(900, 680)
        self.controller.refresh()

    def _whose(self) -> WhoseAgreement:
        name = self.team.currentText()
        return WhoseAgreement(
            AgreementOwner.team(self.team.currentData()),
            rep_name="",
            team_name=name,
            history_title=self.tr("Team agreement history — %s") % name,
            file_stem=f"team-agreement-{slug(name)}",
        )

    def _team_changed(self, _index: int) -> None:
        self.controller.switch()
        self.controller.refresh()

    def _show_agreement(self) -> None:
        """Show where the chosen team's agreement stands, as the controller last read it."""
        draft, active = self.controller.draft, self.controller.active
        if draft is not None:
            self.status_label.setText(
                self.tr("Version %d is a draft: it is saved as you type.") % draft.version
            )
            self.stack.setCurrentWidget(self.editor)
        elif active is not None:
            from coachdesk.ui.widgets.qdates import day_text_or_dash

            self.status_label.setText(
                self.tr("Version %d, in force: agreed %s, next review %s.")
                % (
                    active.version,
                    day_text_or_dash(active.agreed_on),
                    day_text_or_dash(active.review_on),
                )
            )
            self._show_document(active)
            self.stack.setCurrentWidget(self.shown)
        else:
            self.status_label.setText(self.tr("No team agreement yet."))
            self.stack.setCurrentWidget(self.empty)
        self.start_button.setVisible(draft is None)
        self.revise_button.setVisible(draft is None and active is not None)
        self.activate_button.setVisible(draft is not None)
        self.discard_button.setVisible(draft is not None)
        self.compare_button.setVisible(bool(self.controller.versions))
        self.pdf_button.setVisible(draft is not None or active is not None)

    def _show_document(self, agreement: Agreement) -> None:
        from coachdesk.ui.widgets.markdown_view import MarkdownView

        if self.viewer is None:
            self.viewer = MarkdownView(self.shown)
            self.viewer.setAccessibleName(self.tr("The team agreement in force"))
            self.shown_layout.addWidget(self.viewer)
        self.viewer.setHtml(self.controller.document_html(agreement))

    def hideEvent(self, event: QHideEvent) -> None:
        self.autosaver.flush()
        super().hideEvent(event)

    def done(self, result: int) -> None:
        """Close only once the draft is saved (or the manager chooses to lose it)."""
        if not self.autosaver.flush() and not confirm(
            self,
            self.tr("Not saved"),
            self.tr("The draft could not be saved: %s\n\nClose anyway?") % self.autosaver.message,
        ):
            return
        super().done(result)


# ----------------------------------------------------------------- settings


class AgreementSettingsDialog(QDialog):
    """Templates for agreements, the day a team was taken over, the plan's core areas."""

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.setWindowTitle(self.tr("Agreements and plans"))
        template, areas = settings_schema.AGREEMENT_TEMPLATE, settings_schema.PLAN_AREAS
        tr = QCoreApplication.translate

        # --- the default template
        self.template = QPlainTextEdit(self)
        self.template.setPlainText(settings_schema.read(journal, template))
        self.template.setTabChangesFocus(True)
        self.template.setAccessibleName(tr(settings_schema.CONTEXT, template.label))
        self.template.setAccessibleDescription(tr(settings_schema.CONTEXT, template.help))
        template_page = QWidget(self)
        template_layout = QVBoxLayout(template_page)
        label = bold_label(tr(settings_schema.CONTEXT, template.label), template_page)
        label.setBuddy(self.template)
        template_layout.addWidget(label)
        template_layout.addWidget(self.template, 1)
        template_layout.addWidget(
            hint_label(tr(settings_schema.CONTEXT, template.help), template_page)
        )

        # --- teams: their own template and the day I took them over
        self.team_list = teams.list_teams(journal)
        taken = agreements.taken_over_dates(journal)
        own = agreements.team_templates(journal)
        self.team_values: dict[int, tuple[str | None, str]] = {
            t.id: (taken.get(t.id), own.get(t.id, "")) for t in self.team_list
        }
        self._initial = dict(self.team_values)
        self._current_team: int | None = None
        teams_page = QWidget(self)
        teams_layout = QVBoxLayout(teams_page)
        self.team_choice = QComboBox(teams_page)
        self.team_choice.setAccessibleName(self.tr("Team"))
        for team in self.team_list:
            self.team_choice.addItem(team.name, team.id)
        self.taken_over = QCheckBox(self.tr("I &took this team over on"), teams_page)
        self.taken_over.setAccessibleName(self.tr("I took this team over on a date"))
        self.taken_on = DateField(self.tr("The day I took the team over"), teams_page)
        self.team_template = QPlainTextEdit(teams_page)
        self.team_template.setTabChangesFocus(True)
        self.team_template.setAccessibleName(self.tr("The team's own agreement template"))
        self.team_template.setPlaceholderText(self.tr("Empty: the default template is used."))
        form = QFormLayout()
        form.addRow(self.tr("Te&am"), self.team_choice)
        taken_row = QHBoxLayout()
        taken_row.addWidget(self.taken_over)
        taken_row.addWidget(self.taken_on)
        taken_row.addStretch(1)
        form.addRow(taken_row)
        teams_layout.addLayout(form)
        teams_layout.addWidget(
            hint_label(
                self.tr(
                    "Every rep on a team you took over is due an expectations conversation "
                    "until you have agreed an agreement together since that day."
                ),
                teams_page,
            )
        )
        team_template_label = bold_label(self.tr("The team's own agreement te&mplate"), teams_page)
        team_template_label.setBuddy(self.team_template)
        teams_layout.addWidget(team_template_label)
        teams_layout.addWidget(self.team_template, 1)
        if not self.team_list:
            teams_layout.addWidget(hint_label(self.tr("There are no teams yet."), teams_page))
            for widget in (self.team_choice, self.taken_over, self.taken_on, self.team_template):
                widget.setEnabled(False)
        self.team_choice.currentIndexChanged.connect(self._team_chosen)
        self.taken_over.toggled.connect(self.taken_on.setEnabled)

        # --- plans
        self.areas = QPlainTextEdit(self)
        self.areas.setPlainText(settings_schema.read(journal, areas))
        self.areas.setTabChangesFocus(True)
        self.areas.setAccessibleName(tr(settings_schema.CONTEXT, areas.label))
        self.areas.setAccessibleDescription(tr(settings_schema.CONTEXT, areas.help))
        plans_page = QWidget(self)
        plans_layout = QVBoxLayout(plans_page)
        areas_label = bold_label(tr(settings_schema.CONTEXT, areas.label), plans_page)
        areas_label.setBuddy(self.areas)
        plans_layout.addWidget(areas_label)
        plans_layout.addWidget(self.areas, 1)
        plans_layout.addWidget(hint_label(tr(settings_schema.CONTEXT, areas.help), plans_page))

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Sections"))
        self.tabs.addTab(template_page, self.tr("&Default template"))
        self.tabs.addTab(teams_page, self.tr("T&eams"))
        self.tabs.addTab(plans_page, self.tr("P&lans"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 560)
        self._team_chosen(0)

    def _keep_team(self) -> None:
        if self._current_team is None:
            return
        day = self.taken_on.value() if self.taken_over.isChecked() else None
        self.team_values[self._current_team] = (day, self.team_template.toPlainText())

    def _team_chosen(self, _index: int) -> None:
        self._keep_team()
        team_id = self.team_choice.currentData()
        self._current_team = team_id
        if team_id is None:
            return
        day, template = self.team_values[team_id]
        self.taken_over.setChecked(day is not None)
        self.taken_on.setEnabled(day is not None)
        if day is not None:
            self.taken_on.set_value(day)
        else:
            now = today(self.journal.clock)
            self.taken_on.setDate(QDate(now.year, now.month, now.day))
        self.team_template.setPlainText(template)

    def choose_team(self, team_id: int) -> None:
        """Show one team's settings."""
        index = self.team_choice.findData(team_id)
        if index >= 0:
            self.team_choice.setCurrentIndex(index)
        self.tabs.setCurrentIndex(1)

    def save(self) -> bool:
        """Check and save everything; return False when the dialog should stay open."""
        self._keep_team()
        values: dict[Any, object] = {
            settings_schema.AGREEMENT_TEMPLATE: self.template.toPlainText(),
            settings_schema.PLAN_AREAS: self.areas.toPlainText(),
        }
        lost = unknown_headings(self.template.toPlainText())
        if lost and not confirm(
            self,
            self.tr("Unknown headings"),
            self.tr(
                "These headings are not part of an agreement and their text will not be "
                "used: %s. Save anyway?"
            )
            % "; ".join(lost),
        ):
            return False
        if not self.areas.toPlainText().strip():
            QMessageBox.warning(
                self, self.tr("Not saved"), self.tr("A plan needs at least one area.")
            )
            self.tabs.setCurrentIndex(2)
            self.areas.setFocus()
            return False
        changed_teams = {k: v for k, v in self.team_values.items() if self._initial.get(k) != v}
        changed_settings = {
            setting: value
            for setting, value in values.items()
            if settings_schema.read(self.journal, setting) != value
        }
        try:
            if changed_settings:
                settings_schema.write(self.journal, changed_settings)
            if changed_teams:
                agreements.save_team_settings(self.journal, changed_teams)
        except KnownProblem as problem:  # a setting out of range, or the disk
            QMessageBox.warning(self, self.tr("Not saved"), str(problem))
            return False
        return True

    def accept(self) -> None:
        """Save, then close."""
        if self.save():
            super().accept()


# ----------------------------------------------------------------- the menu


def install(window: MainWindow, menu: QMenu) -> dict[str, QAction]:
    """Add "Team agreement…" and "Agreements and plans settings…" to the Team menu.

    Returns them as "team_agreement" and "agreement_settings".
    """
    agreement_action = QAction(_tr("Team &agreement…"), window)
    agreement_action.triggered.connect(lambda: open_team_agreement(window))
    menu.addAction(agreement_action)
    settings_action = QAction(_tr("Agreements and plans se&ttings…"), window)
    settings_action.setToolTip(
        _tr("Agreement templates, the day you took a team over, the plan's core areas")
    )
    settings_action.triggered.connect(lambda: open_agreement_settings(window))
    menu.addAction(settings_action)
    return {"team_agreement": agreement_action, "agreement_settings": settings_action}


# The first entries of the Team menu.
TEAM_MENU.register(install, order=10)


def open_team_agreement(window: MainWindow) -> TeamAgreementDialog:
    """Open the team agreement (modal; returns once it is shown)."""
    window.autosaver.flush()
    dialog = TeamAgreementDialog(window.journal, window)
    # Gone once closed: a closed dialog must not go on following the journal.
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def open_agreement_settings(window: MainWindow) -> AgreementSettingsDialog:
    """Open the agreements and plans settings (modal; returns once it is shown)."""
    window.autosaver.flush()
    dialog = AgreementSettingsDialog(window.journal, window)
    # Saving writes "teams" and "settings": the window refreshes the roster and flags.
    dialog.open()
    return dialog

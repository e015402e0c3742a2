"""The "Agreement" tab of a rep's page: expectations written both ways, versioned.

The version in force is shown as the document it prints as. Revising it starts a
draft, edited here and saved as it is typed; activating the draft puts it in force and
keeps the old one in the history. Steps of either side's ladder that were used are
recorded with a note and appear on the timeline. "How I'm doing on my end" holds the
manager to the same standard: my promises beside my commitments to this rep, per quarter.

The draft workflow itself is the one the team agreement uses, in ``controller.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled import settings_schema
from coachdesk.coaching.agreements import Keeping, my_end, parse_template, review_due
from coachdesk.dates import Quarter, iso_date
from coachdesk.store import agreements, commitments, meetings, reps, teams
from coachdesk.store.agreements import AgreementOwner
from coachdesk.store.db import Journal
from coachdesk.store.records import (
    Agreement,
    AgreementContent,
    AgreementScope,
    AgreementSection,
    Rep,
)
from coachdesk.ui import REP_PAGE_TABS
from coachdesk.ui.agreements.agreement_parts import (
    AgreementEditor,
    DateField,
    bold_label,
    hint_label,
    run_safely,
    slug,
)
from coachdesk.ui.agreements.controller import AgreementController, WhoseAgreement
from coachdesk.ui.widgets.buttons import push_button
from coachdesk.ui.widgets.messages import confirm
from coachdesk.ui.widgets.rep_tab import RepTab

if TYPE_CHECKING:
    from coachdesk.ui.rep.rep_page import RepPage
    from coachdesk.ui.widgets.markdown_view import MarkdownView


def _tr(text: str) -> str:
    return QCoreApplication.translate("AgreementPage", text)


def first_name(rep: Rep | None) -> str:
    """The rep's first name, for "In Ana's own words"."""
    return rep.name.split()[0] if rep is not None and rep.name.split() else ""


def template_for(journal: Journal, team_id: int | None) -> AgreementContent:
    """The team's own agreement template, or the journal's default one."""
    text = agreements.team_templates(journal).get(team_id or 0, "") if team_id else ""
    if not text.strip():
        text = settings_schema.read(journal, settings_schema.AGREEMENT_TEMPLATE)
    return parse_template(text)


# ----------------------------------------------------------------- dialogs


class StepUseDialog(QDialog):
    """Record that a step was used: which one, on which day, and a note."""

    def __init__(self, agreement: Agreement, rep_first: str, day: dt.date, parent: QWidget):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a step we used"))
        self.step = QComboBox(self)
        self.step.setAccessibleName(self.tr("Which step"))
        whose = rep_first or self.tr("Their")
        for item in agreement.section(AgreementSection.THEIR_STEPS):
            self.step.addItem(
                self.tr("%s's step %d: %s") % (whose, item.position + 1, item.text), item.id
            )
        for item in agreement.section(AgreementSection.MY_STEPS):
            self.step.addItem(self.tr("My step %d: %s") % (item.position + 1, item.text), item.id)
        self.used_on = DateField(self.tr("Used on"), self)
        self.used_on.set_value(iso_date(day))
        self.note = QLineEdit(self)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("We're at step 2, as you asked."))
        form = QFormLayout()
        form.addRow(self.tr("&Step"), self.step)
        form.addRow(self.tr("&On"), self.used_on)
        form.addRow(self.tr("&Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                self.tr("The steps are the ones each of you chose, in the order you chose them."),
                self,
            )
        )
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 0)


class SignedDialog(QDialog):
    """When each side signed a version."""

    def __init__(self, agreement: Agreement, parent: QWidget):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign-off dates"))
        self.rep_signed = DateField(self.tr("Rep signed on"), self, optional=True)
        self.manager_signed = DateField(self.tr("I signed on"), self, optional=True)
        self.rep_signed.set_value(agreement.rep_signed_on)
        self.manager_signed.set_value(agreement.manager_signed_on)
        form = QFormLayout()
        if agreement.scope is AgreementScope.REP:
            form.addRow(self.tr("&Rep signed on"), self.rep_signed)
        form.addRow(self.tr("&I signed on"), self.manager_signed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


# ----------------------------------------------------------------- my end


class MyEndView(QWidget):
    """How I'm doing on my end: my promises beside my commitments to this rep, per quarter."""

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.rep_id: int | None = None
        self.quarter: Quarter | None = None
        self.today = dt.date.today()

        self.previous_button = QPushButton("◀", self)
        self.previous_button.setAccessibleName(self.tr("Previous quarter"))
        self.previous_button.setToolTip(self.tr("Previous quarter"))
        self.next_button = QPushButton("▶", self)
        self.next_button.setAccessibleName(self.tr("Next quarter"))
        self.next_button.setToolTip(self.tr("Next quarter"))
        self.quarter_label = bold_label("", self)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        top = QHBoxLayout()
        top.addWidget(self.previous_button)
        top.addWidget(self.quarter_label)
        top.addWidget(self.next_button)
        top.addStretch(1)

        self.promises = QListWidget(self)
        self.promises.setWordWrap(True)
        self.promises.setSpacing(2)
        self.promises.setAccessibleName(self.tr("What you can expect from me"))
        self.my_steps = QListWidget(self)
        self.my_steps.setWordWrap(True)
        self.my_steps.setSpacing(2)
        self.my_steps.setAccessibleName(self.tr("If I slip, call me on it by"))
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        promises_label = bold_label(self.tr("What you can expect from me"), left)
        promises_label.setBuddy(self.promises)
        steps_label = bold_label(self.tr("If I slip, call me on it by…"), left)
        steps_label.setBuddy(self.my_steps)
        left_layout.addWidget(promises_label)
        left_layout.addWidget(self.promises, 2)
        left_layout.addWidget(steps_label)
        left_layout.addWidget(self.my_steps, 1)

        self.summary = bold_label("", self)
        self.summary.setAccessibleName(self.tr("My commitments this quarter, counted"))
        self.kept = QListWidget(self)
        self.kept.setWordWrap(True)
        self.kept.setSpacing(2)
        self.kept.setAccessibleName(self.tr("My commitments to this rep this quarter"))
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        commitments_label = bold_label(self.tr("My commitments to this rep"), right)
        commitments_label.setBuddy(self.kept)
        right_layout.addWidget(commitments_label)
        right_layout.addWidget(self.summary)
        self.rhythm = QLabel(right)
        self.rhythm.setWordWrap(True)
        self.rhythm.setAccessibleName(self.tr("Our 1:1s this quarter, and my moves and skips"))
        right_layout.addWidget(self.rhythm)
        right_layout.addWidget(self.kept, 1)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Kept: done on or before the day it was due. Late: done after it, or "
                    "still open past it. Open: not due yet."
                ),
                self,
            )
        )
        layout.addWidget(split, 1)

    def show_for(self, rep_id: int | None, active: Agreement | None, today: dt.date) -> None:
        """Show one rep's quarter (this quarter on first showing)."""
        if rep_id != self.rep_id or self.quarter is None:
            self.quarter = Quarter.of(today)
        self.rep_id, self.active, self.today = rep_id, active, today
        self.refresh()

    def step(self, quarters: int) -> None:
        """Show an earlier or later quarter."""
        if self.quarter is not None:
            self.quarter = self.quarter.shifted(quarters)
            self.refresh()

    def refresh(self) -> None:
        """Re-read the agreement in force and my commitments."""
        quarter = self.quarter or Quarter.of(self.today)
        self.quarter_label.setText(str(quarter))
        self.promises.clear()
        self.my_steps.clear()
        self.kept.clear()
        active = getattr(self, "active", None)
        if active is not None:
            for text in active.texts(AgreementSection.EXPECT_OF_ME):
                self.promises.addItem(text)
            for n, text in enumerate(active.texts(AgreementSection.MY_STEPS), start=1):
                self.my_steps.addItem(f"{n}. {text}")
        if self.promises.count() == 0:
            self.promises.addItem(self.tr("No agreement in force yet."))
        if self.rep_id is None:
            self.summary.clear()
            self.rhythm.clear()
            return
        # Our 1:1s: only my own moves and skips count here; the rep's are theirs.
        rhythm = meetings.on_my_end(
            self.journal,
            quarter.first_day().isoformat(),
            (quarter.last_day() + dt.timedelta(days=1)).isoformat(),
            self.rep_id,
        )
        if rhythm.planned:
            self.rhythm.setText(
                self.tr("1:1s planned this quarter: %1 · I moved %2 of them · I skipped %3")
                .replace("%1", str(rhythm.planned))
                .replace("%2", str(rhythm.moved_by_me))
                .replace("%3", str(rhythm.skipped_by_me))
            )
        else:
            self.rhythm.setText(self.tr("No 1:1s planned ahead in %s yet.") % quarter)
        end = my_end(commitments.list_commitments(self.journal, self.rep_id), quarter, self.today)
        words = {
            Keeping.KEPT: self.tr("Kept"),
            Keeping.LATE: self.tr("Late"),
            Keeping.OPEN: self.tr("Open"),
            Keeping.DROPPED: self.tr("Dropped"),
        }
        self.summary.setText(
            self.tr("%d kept · %d late · %d open · %d dropped")
            % tuple(
                end.count(k) for k in (Keeping.KEPT, Keeping.LATE, Keeping.OPEN, Keeping.DROPPED)
            )
        )
        from coachdesk.ui.widgets.qdates import day_text_or_dash

        for commitment, kind in end.rows:
            due = (
                self.tr(", due %s") % day_text_or_dash(commitment.due_date)
                if commitment.due_date
                else ""
            )
            done = (
                self.tr(", done %s") % day_text_or_dash(commitment.closed_at[:10])
                if commitment.closed_at and kind is not Keeping.DROPPED
                else ""
            )
            item = QListWidgetItem(f"{words[kind]} — {commitment.text}{due}{done}")
            item.setData(Qt.ItemDataRole.UserRole, str(kind))
            self.kept.addItem(item)
        if not end.rows:
            self.kept.addItem(self.tr("No commitments of mine to this rep in %s.") % quarter)


# ----------------------------------------------------------------- the page


class AgreementPage(RepTab):
    """One rep's working agreement: in force, being revised, and its history."""

    def __init__(self, rep_page: RepPage) -> None:
        super().__init__(rep_page)
        self.rep_page = rep_page
        self.journal: Journal = rep_page.journal
        self.rep: Rep | None = None
        self.viewer: MarkdownView | None = None
        self.controller = AgreementController(self.journal, self._whose, self._show_agreement, self)
        self.autosaver = self.controller.autosaver

        controls = self.controller.make_controls(self, self.activate)
        self.status_label, self.save_label = controls.status, controls.saved
        self.blank_button, self.revise_button = controls.blank, controls.revise
        self.activate_button, self.discard_button = controls.activate, controls.discard
        self.compare_button, self.pdf_button = controls.compare, controls.pdf
        self.template_button = push_button(
            self, self.tr("Start from the team te&mplate"), self.start_from_template
        )
        self.signed_button = push_button(self, self.tr("Sign-off &dates…"), self.sign_off)
        self.step_button = push_button(self, self.tr("Record a &step we used…"), self.record_step)

        top = QHBoxLayout()
        top.addWidget(self.status_label, 1)
        top.addWidget(self.save_label)
        actions = QHBoxLayout()
        for button in (
            self.revise_button,
            self.blank_button,
            self.template_button,
            self.activate_button,
            self.discard_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        documents = QHBoxLayout()
        for button in (self.compare_button, self.signed_button, self.pdf_button, self.step_button):
            documents.addWidget(button)
        documents.addStretch(1)

        # --- the agreement: nothing yet, the draft being written, or the version in force
        self.stack = QStackedWidget(self)
        self.empty = hint_label("", self.stack)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.editor = AgreementEditor(AgreementScope.REP, self.stack)
        self.controller.edit_with(self.editor)
        # The document in force above, the steps we used below, the split movable.
        self.shown = QSplitter(Qt.Orientation.Vertical, self.stack)
        self.shown.setChildrenCollapsible(False)
        self.viewer_box = QWidget(self.shown)
        self.viewer_holder = QVBoxLayout(self.viewer_box)
        self.viewer_holder.setContentsMargins(0, 0, 0, 0)
        steps_box = QWidget(self.shown)
        self.step_list = QListWidget(steps_box)
        self.step_list.setWordWrap(True)
        self.step_list.setAccessibleName(self.tr("Steps we used"))
        self.remove_step_button = push_button(
            self, self.tr("Remove the selected record"), self.remove_step
        )
        self.remove_step_button.setToolTip(self.tr("For a step recorded by mistake"))
        steps_layout = QVBoxLayout(steps_box)
        steps_layout.setContentsMargins(0, 4, 0, 0)
        steps_label = bold_label(self.tr("Steps we used"), steps_box)
        steps_label.setBuddy(self.step_list)
        steps_layout.addWidget(steps_label)
        steps_layout.addWidget(self.step_list, 1)
        steps_layout.addWidget(self.remove_step_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.shown.addWidget(self.viewer_box)
        self.shown.addWidget(steps_box)
        self.shown.setStretchFactor(0, 4)
        self.shown.setStretchFactor(1, 1)
        for widget in (self.empty, self.editor, self.shown):
            self.stack.addWidget(widget)

        self.my_end = MyEndView(self.journal, self)
        self.inner = QTabWidget(self)
        self.inner.setAccessibleName(self.tr("Agreement sections"))
        self.inner.addTab(self.stack, self.tr("The agreement"))
        self.inner.addTab(self.my_end, self.tr("How I'm doing on my end"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addLayout(documents)
        layout.addWidget(self.inner, 1)

    # ----------------------------------------------------------------- showing

    def show_rep(self, rep_id: int | None) -> None:
        """Show one rep's agreement (or nothing)."""
        self.controller.switch()
        self.rep = reps.get_rep(self.journal, rep_id) if rep_id is not None else None
        self.controller.refresh()

    def _whose(self) -> WhoseAgreement | None:
        rep = self.rep
        if rep is None:
            return None
        return WhoseAgreement(
            AgreementOwner.rep(rep.id),
            rep_name=rep.name,
            team_name=self._team_name(),
            history_title=self.tr("Agreement history — %s") % rep.name,
            file_stem=f"agreement-{slug(rep.name)}",
        )

    def _show_agreement(self) -> None:
        """Show where the agreement stands, as the controller last read it."""
        rep, controller = self.rep, self.controller
        draft, active, today = controller.draft, controller.active, controller.today()
        self.editor.set_rep_name(first_name(rep))
        if draft is not None:
            self.status_label.setText(
                self.tr("Version %d is a draft: it is saved as you type.") % draft.version
                + (
                    self.tr(" Version %d stays in force until you activate this one.")
                    % active.version
                    if active is not None
                    else ""
                )
            )
            self.stack.setCurrentWidget(self.editor)
        elif active is not None:
            from coachdesk.ui.widgets.qdates import day_text_or_dash

            text = self.tr("Version %d, in force: agreed %s, next review %s.") % (
                active.version,
                day_text_or_dash(active.agreed_on),
                day_text_or_dash(active.review_on),
            )
            if review_due(active.review_on, today):
                text += " " + self.tr("The review is due: revise it together.")
            self.status_label.setText(text)
            self._show_document(active)
            self.stack.setCurrentWidget(self.shown)
        else:
            self.status_label.setText(
                self.tr("No agreement yet.") if rep is not None else self.tr("No rep chosen.")
            )
            self.empty.setText(
                self.tr(
                    "Write down what you expect of each other, both ways, and the steps each "
                    "of you would like the other to take if one of you slips. Start blank or "
                    "from your team's template."
                )
            )
            self.stack.setCurrentWidget(self.empty)
        has_rep = rep is not None
        if active is not None:
            self.blank_button.setText(self.tr("Start over &blank"))
            self.template_button.setText(self.tr("Start over from the team te&mplate"))
        else:
            self.blank_button.setText(self.tr("Start &blank"))
            self.template_button.setText(self.tr("Start from the team te&mplate"))
        for button in (self.blank_button, self.template_button):
            button.setAccessibleName(button.text().replace("&", ""))
        self.blank_button.setVisible(has_rep and draft is None)
        self.template_button.setVisible(has_rep and draft is None)
        # Hidden rather than disabled: a disabled button reads poorly on the dark palette.
        self.revise_button.setVisible(has_rep and draft is None and active is not None)
        self.activate_button.setVisible(draft is not None)
        self.discard_button.setVisible(draft is not None)
        self.compare_button.setVisible(bool(controller.versions))
        shown = draft or active
        self.signed_button.setVisible(active is not None and draft is None)
        self.pdf_button.setVisible(shown is not None)
        steps = active is not None and any(
            i.section in (AgreementSection.THEIR_STEPS, AgreementSection.MY_STEPS)
            for i in active.items
        )
        self.step_button.setVisible(steps)
        self._fill_steps()
        self.my_end.show_for(rep.id if rep else None, active, today)

    def _show_document(self, agreement: Agreement) -> None:
        from coachdesk.ui.widgets.markdown_view import MarkdownView

        if self.viewer is None:
            self.viewer = MarkdownView(self.viewer_box)
            self.viewer.setAccessibleName(self.tr("The agreement in force"))
            self.viewer_holder.addWidget(self.viewer)
        self.viewer.setHtml(self.controller.document_html(agreement))

    def _team_name(self) -> str:
        if self.rep is None or self.rep.team_id is None:
            return ""
        team = teams.get_team(self.journal, self.rep.team_id)
        return team.name if team else ""

    def _fill_steps(self) -> None:
        from coachdesk.ui.widgets.qdates import day_text_or_dash

        self.step_list.clear()
        if self.rep is None:
            return
        whose_first = first_name(self.rep) or self.tr("Their")
        for use in agreements.step_uses(self.journal, self.rep.id):
            whose = (
                self.tr("%s's step %d") % (whose_first, use.step_number)
                if use.section is AgreementSection.THEIR_STEPS
                else self.tr("my step %d") % use.step_number
            )
            text = f"{day_text_or_dash(use.used_on)} · {whose} (“{use.step_text}”)"
            if use.note:
                text += f": {use.note}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, use.id)
            self.step_list.addItem(item)
        self.remove_step_button.setVisible(self.step_list.count() > 0)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # My commitments may have changed on the 1:1 tab since this page was filled.
        if self.rep is not None:
            self.my_end.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        self.autosaver.flush()
        super().hideEvent(event)

    # ----------------------------------------------------------------- actions

    def start_from_template(self) -> None:
        """Start a draft from the rep's team template (or the default one)."""
        if self.rep is not None:
            self.controller.start(template_for(self.journal, self.rep.team_id))

    def activate(self) -> None:
        """Put the draft in force, and show the agreement (not my end) again."""
        if self.controller.activate():
            self.inner.setCurrentIndex(0)

    def sign_off(self) -> None:
        """Record when each side signed the version in force."""
        active = self.controller.active
        if active is None:
            return
        dialog = SignedDialog(active, self)
        if dialog.exec():
            run_safely(
                self,
                self.tr("Not saved"),
                lambda: agreements.set_signed(
                    self.journal,
                    active.id,
                    rep_signed_on=dialog.rep_signed.value(),
                    manager_signed_on=dialog.manager_signed.value(),
                ),
            )

    def record_step(self) -> None:
        """Record that a step of either ladder was used, with a note."""
        active, today = self.controller.active, self.controller.today()
        if active is None or self.rep is None:
            return
        dialog = StepUseDialog(active, first_name(self.rep), today, self)
        if not dialog.exec():
            return
        item_id = dialog.step.currentData()
        used_on = dialog.used_on.value() or iso_date(today)
        note = dialog.note.text()
        run_safely(
            self,
            self.tr("Not recorded"),
            lambda: agreements.record_step_use(self.journal, int(item_id), used_on, note),
        )

    def remove_step(self) -> None:
        """Delete the selected step record, after asking."""
        item = self.step_list.currentItem()
        if item is None:
            return
        use_id = item.data(Qt.ItemDataRole.UserRole)
        if use_id is None or not confirm(
            self, self.tr("Remove this record?"), self.tr("“%s” will be removed.") % item.text()
        ):
            return
        run_safely(
            self,
            self.tr("Not removed"),
            lambda: agreements.delete_step_use(self.journal, int(use_id)),
        )


def make_page(rep_page: RepPage) -> tuple[str, RepTab]:
    """The "Agreement" tab of the rep page."""
    page = AgreementPage(rep_page)

    def open_from_timeline(index: QModelIndex) -> None:
        from coachdesk.assembled.timeline import TimelineEvent
        from coachdesk.ui.rep.timeline_view import EventRole

        event = index.data(EventRole)
        if isinstance(event, TimelineEvent) and event.kind.startswith("agreement"):
            rep_page.tabs.setCurrentWidget(page)

    rep_page.timeline.activated.connect(open_from_timeline)
    return _tr("Agreement"), page


# After 1:1s and Details, the first of the further tabs.
REP_PAGE_TABS.register(make_page, order=10)

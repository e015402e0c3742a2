"""The "Plan" tab of a rep's page: the rep's own quarterly plan, in their words.

The manager frames the plan and hands out the blank framework (PDF, Markdown or plain
text); the rep writes it. Their answers are pasted back verbatim, area by area or as a
whole reply, and shown as theirs ("In Ana's words"). The targets they set are stored
as their targets for the quarter. My review comments are my own: kept apart, never
printed, hidden in sharing mode. Last quarter's plan sits beside this one.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled import settings_schema
from coachdesk.coaching.plans import (
    TARGETS_HEADING,
    framework_markdown,
    framework_text,
    parse_areas,
    parse_reply,
)
from coachdesk.dates import Quarter
from coachdesk.store import outputs, plans, reps
from coachdesk.store.db import Journal
from coachdesk.store.errors import InvalidInput, KnownProblem
from coachdesk.store.records import Audience, Plan, PlanStatus, Rep, audience
from coachdesk.ui import REP_PAGE_TABS
from coachdesk.ui.agreements.agreement_parts import (
    GrowingTextEdit,
    RepWordsFrame,
    bold_label,
    hint_label,
    run_safely,
    scrolling,
    slug,
)
from coachdesk.ui.widgets.audience import AudienceTag
from coachdesk.ui.widgets.autosave import Autosaver, SaveIndicator
from coachdesk.ui.widgets.buttons import push_button
from coachdesk.ui.widgets.files import ask_save_file, documents_folder
from coachdesk.ui.widgets.messages import confirm
from coachdesk.ui.widgets.qdates import day_text_or_dash
from coachdesk.ui.widgets.rep_tab import RepTab

if TYPE_CHECKING:
    from coachdesk.ui.rep.rep_page import RepPage

FRAMEWORK_FILTERS = "PDF (*.pdf);;Markdown (*.md);;Plain text (*.txt)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlanPage", text)


def _first(rep: Rep | None) -> str:
    return rep.name.split()[0] if rep is not None and rep.name.split() else ""


def _number_text(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def export_framework(
    parent: QWidget, rep_name: str, quarter: str, areas: list[tuple[str, str]]
) -> Path | None:
    """Ask where, then write the blank framework as PDF, Markdown or plain text.

    The format follows the file's extension, or else the filter chosen.
    """
    from coachdesk.render.agreements import framework_html, save_pdf

    suggested = documents_folder() / f"plan-{quarter}-{slug(rep_name)}.pdf"
    chosen = ask_save_file(parent, _tr("Save the blank plan"), suggested, FRAMEWORK_FILTERS)
    if chosen is None:
        return None
    path, filter_chosen = chosen
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".md", ".txt"):
        suffix = (
            ".md" if "*.md" in filter_chosen else ".txt" if "*.txt" in filter_chosen else ".pdf"
        )
        path = path.with_name(path.name + suffix)
    try:
        if suffix == ".pdf":
            save_pdf(
                framework_html(rep_name, quarter, areas),
                path,
                title=_tr("Your plan for %s") % quarter,
            )
        else:
            text = (
                framework_markdown(rep_name, quarter, areas)
                if suffix == ".md"
                else framework_text(rep_name, quarter, areas)
            )
            data = text.encode("utf-8")
            outputs.write_file(
                path, data, what=_tr("The blank plan"), verify=outputs.verify_text(data)
            )
    except KnownProblem as problem:
        QMessageBox.warning(parent, _tr("Not saved"), str(problem))
        return None
    return path


class PasteReplyDialog(QDialog):
    """Paste the rep's whole reply as it came; each area's words are found in it."""

    def __init__(self, rep_first: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Paste the reply"))
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(self.tr("The reply, exactly as it came"))
        self.text.setPlaceholderText(
            self.tr("Paste %s's reply here, headings and all.") % (rep_first or self.tr("the rep"))
        )
        self.text.setTabChangesFocus(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Use this reply"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                self.tr(
                    "The text under each area's heading is kept word for word as their answer; "
                    "lines like “calls: 60” under “%s” become their targets."
                )
                % TARGETS_HEADING,
                self,
            )
        )
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 560)


class PlanView(QWidget):
    """One quarter's plan: the rep's words per area, their targets, and my review.

    Editable for the quarter on screen; read-only for the one beside it.
    """

    def __init__(self, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editable = editable
        self.plan: Plan | None = None
        self.answers: dict[int, GrowingTextEdit] = {}
        self.review: GrowingTextEdit | None = None
        self.review_box: QWidget | None = None
        self.targets: QTableWidget | None = None
        self.targets_problem: QLabel | None = None
        self.body = QWidget(self)
        self.form = QVBoxLayout(self.body)
        self.form.setContentsMargins(8, 4, 8, 8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(self.body, self))

    def clear(self) -> None:
        """Remove every field."""
        while self.form.count():
            item = self.form.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.answers, self.review, self.review_box, self.targets = {}, None, None, None
        self.targets_problem = None
        self.plan = None

    def show_message(self, text: str) -> None:
        """Show a line of text instead of a plan."""
        self.clear()
        self.form.addWidget(hint_label(text, self.body))
        self.form.addStretch(1)

    def show_plan(self, plan: Plan, rep_first: str, title: str) -> None:
        """Build the fields of one plan."""
        self.clear()
        self.plan = plan
        body = self.body
        self.form.addWidget(bold_label(title, body))
        caption = _tr("In %s's words") % rep_first if rep_first else _tr("In the rep's words")
        for answer in plan.answers:
            self.form.addSpacing(6)
            edit = GrowingTextEdit(body, min_lines=4 if self.editable else 1)
            edit.setPlainText(answer.answer)
            edit.setReadOnly(not self.editable)
            edit.setAccessibleName(_tr("%s, in the rep's words") % answer.area)
            heading = bold_label(answer.area, body)
            heading.setBuddy(edit)
            self.form.addWidget(heading)
            if answer.prompt:
                self.form.addWidget(hint_label(answer.prompt, body))
            if self.editable:
                edit.setPlaceholderText(_tr("Paste their answer here, exactly as they wrote it."))
            self.form.addWidget(RepWordsFrame(caption, edit, body))
            self.answers[answer.id] = edit

        self.form.addSpacing(8)
        table = QTableWidget(0, 2, body)
        table.setHorizontalHeaderLabels([_tr("What is counted"), _tr("Target")])
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        table.setAccessibleName(_tr("Targets for the quarter"))
        table.setTabKeyNavigation(False)
        if not self.editable:
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for target in plan.targets:
            row = table.rowCount()
            table.insertRow(row)
            table.setItem(row, 0, QTableWidgetItem(target.label or target.metric_key))
            table.setItem(row, 1, QTableWidgetItem(_number_text(target.target)))
        self.targets = table
        heading = bold_label(_tr("Targets for the quarter, as they set them"), body)
        heading.setBuddy(table)
        self.form.addWidget(heading)
        self.form.addWidget(table)
        self.fit_targets()
        if self.editable:
            self.targets_problem = QLabel(body)
            self.targets_problem.setWordWrap(True)
            self.targets_problem.setAccessibleName(_tr("Problem with the targets"))
            self.form.addWidget(self.targets_problem)

        review = GrowingTextEdit(body, min_lines=3 if self.editable else 1)
        review.setPlainText(plan.review_comments)
        review.setReadOnly(not self.editable)
        review.setAccessibleName(_tr("My review comments"))
        self.review = review
        box = QWidget(body)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 8, 0, 0)
        head = QHBoxLayout()
        review_label = bold_label(_tr("My review comments"), box)
        review_label.setWordWrap(False)
        review_label.setBuddy(review)
        head.addWidget(review_label)
        head.addWidget(AudienceTag(audience("plans", "review_comments"), box))
        head.addStretch(1)
        box_layout.addLayout(head)
        box_layout.addWidget(review)
        if self.editable:
            box_layout.addWidget(
                hint_label(
                    _tr("Yours alone: never printed with the plan or shown when sharing."), box
                )
            )
        self.review_box = box
        self.form.addWidget(box)
        self.form.addStretch(1)

    def fit_targets(self) -> None:
        """Make the targets table tall enough for its rows (at least a few)."""
        table = self.targets
        if table is None:
            return
        rows = max(3, table.rowCount() + (1 if self.editable else 0))
        height = (
            table.horizontalHeader().height() + rows * table.verticalHeader().defaultSectionSize()
        )
        table.setFixedHeight(height + 2 * table.frameWidth() + 2)

    def target_rows(self) -> list[tuple[str, str]]:
        """The targets as typed: (what is counted, number text); blank rows left out."""
        table = self.targets
        if table is None:
            return []
        rows = []
        for row in range(table.rowCount()):
            cells = [table.item(row, col) for col in (0, 1)]
            label, number = ((c.text().strip() if c is not None else "") for c in cells)
            if label or number:
                rows.append((label, number))
        return rows

    def set_sharing(self, sharing_on: bool) -> None:
        """Hide my review comments while sharing."""
        if self.review_box is not None:
            self.review_box.setVisible(
                not sharing_on or audience("plans", "review_comments") is Audience.SHARED
            )


def parse_targets(rows: list[tuple[str, str]]) -> list[tuple[str, float]]:
    """Read typed target rows; :class:`InvalidInput` says what is wrong."""
    found = []
    for label, number in rows:
        text = number.replace(",", "").replace(" ", "")
        try:
            value = float(text)
        except ValueError:
            raise InvalidInput(
                _tr("The target for “%s” needs a number.") % (label or "?")
            ) from None
        found.append((label, value))
    plans.check_targets(found)
    return found


class PlanPage(RepTab):
    """A rep's plan for a quarter, beside last quarter's."""

    def __init__(self, rep_page: RepPage) -> None:
        super().__init__(rep_page)
        self.rep_page = rep_page
        self.journal: Journal = rep_page.journal
        self.rep: Rep | None = None
        self.quarter: Quarter = Quarter.of(rep_page.today())
        self.plan: Plan | None = None
        self._built_for: tuple[int, str] | None = None
        self.autosaver = Autosaver(self._save, self)

        self.previous_button = push_button(self, "◀", lambda: self.step(-1))
        self.previous_button.setAccessibleName(self.tr("Previous quarter"))
        self.previous_button.setToolTip(self.tr("Previous quarter"))
        self.next_button = push_button(self, "▶", lambda: self.step(1))
        self.next_button.setAccessibleName(self.tr("Next quarter"))
        self.next_button.setToolTip(self.tr("Next quarter"))
        self.this_button = push_button(self, self.tr("This &quarter"), self.this_quarter)
        self.quarter_label = bold_label("", self)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Where this plan stands"))
        self.save_label = SaveIndicator(self.autosaver, self.tr("Save status of the plan"), self)

        self.framework_button = push_button(
            self, self.tr("Hand out the blank frame&work…"), self.export_framework
        )
        self.framework_button.setToolTip(
            self.tr(
                "Save the plan's headings as PDF, Markdown or plain text for the rep to fill in"
            )
        )
        self.start_button = push_button(self, self.tr("&Start this quarter's plan"), self.start)
        self.paste_button = push_button(self, self.tr("&Paste their reply…"), self.paste_reply)
        self.review_button = push_button(self, self.tr("Mark &reviewed"), self.toggle_reviewed)
        self.add_target_button = push_button(self, self.tr("Add tar&get"), self.add_target)
        self.remove_target_button = push_button(self, self.tr("Remove target"), self.remove_target)
        self.pdf_button = push_button(self, self.tr("Save plan &as PDF…"), self.save_plan_pdf)
        self.compare_box = QCheckBox(self.tr("Show &last quarter beside it"), self)
        self.compare_box.setAccessibleName(self.tr("Show last quarter's plan beside this one"))
        self.compare_box.setChecked(True)
        self.compare_box.toggled.connect(self._compare_toggled)

        top = QHBoxLayout()
        for widget in (
            self.previous_button,
            self.quarter_label,
            self.next_button,
            self.this_button,
        ):
            top.addWidget(widget)
        top.addWidget(self.status_label, 1)
        top.addWidget(self.save_label)
        top.addWidget(self.compare_box)
        actions = QHBoxLayout()
        for widget in (
            self.framework_button,
            self.start_button,
            self.paste_button,
            self.review_button,
            self.add_target_button,
            self.remove_target_button,
            self.pdf_button,
        ):
            actions.addWidget(widget)
            # Until a rep's plan is on screen, only what can be done without one shows:
            # the hidden tab is held to the width of its widest row of buttons.
            widget.setVisible(widget is self.framework_button)
        actions.addStretch(1)

        self.current = PlanView(True, self)
        self.previous = PlanView(False, self)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.addWidget(self.current)
        self.split.addWidget(self.previous)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.split, 1)
        rep_page.sharing.changed.connect(self._apply_sharing)

    # ----------------------------------------------------------------- showing

    def show_rep(self, rep_id: int | None) -> None:
        """Show one rep's plan for the quarter on screen."""
        self.autosaver.flush()
        if self.rep is None or rep_id != self.rep.id:
            self.quarter = Quarter.of(self.rep_page.today())
        self.rep = reps.get_rep(self.journal, rep_id) if rep_id is not None else None
        self._built_for = None
        self.refresh()

    def step(self, quarters: int) -> None:
        """Show an earlier or later quarter."""
        self.autosaver.flush()
        self.quarter = self.quarter.shifted(quarters)
        self.refresh()

    def this_quarter(self) -> None:
        """Go back to the current quarter."""
        self.autosaver.flush()
        self.quarter = Quarter.of(self.rep_page.today())
        self.refresh()

    def areas(self) -> list[tuple[str, str]]:
        """The framework's areas: the plan's own if started, else those in Settings."""
        if self.plan is not None:
            return [(a.area, a.prompt) for a in self.plan.answers]
        return parse_areas(settings_schema.read(self.journal, settings_schema.PLAN_AREAS))

    def refresh(self) -> None:
        """Re-read this quarter's plan and last quarter's."""
        rep = self.rep
        quarter = str(self.quarter)
        self.quarter_label.setText(quarter)
        self.plan = plans.plan_for(self.journal, rep.id, quarter) if rep else None
        plan = self.plan
        first = _first(rep)
        key = (plan.id, quarter) if plan else None
        if plan is None:
            self.current.show_message(
                self.tr(
                    "No plan for %s yet. Hand out the blank framework, then start the plan "
                    "and paste in what they wrote."
                )
                % quarter
                if rep
                else self.tr("No rep chosen.")
            )
            self._built_for = None
        elif key != self._built_for and not self.autosaver.has_pending:
            self.current.show_plan(plan, first, self.tr("%s's plan for %s") % (first, quarter))
            self._connect_fields()
            self._built_for = key
        if plan is None:
            self.status_label.setText("")
        elif plan.status is PlanStatus.REVIEWED:
            self.status_label.setText(
                self.tr("Reviewed on %s.")
                % day_text_or_dash(plan.reviewed_on, self.rep_page.today())
            )
        else:
            self.status_label.setText(self.tr("Draft: not reviewed yet."))
        self.start_button.setVisible(rep is not None and plan is None)
        self.framework_button.setEnabled(rep is not None)
        for button in (self.paste_button, self.review_button, self.add_target_button):
            button.setVisible(plan is not None)
        self.remove_target_button.setVisible(plan is not None)
        self.pdf_button.setVisible(plan is not None)
        self.review_button.setText(
            self.tr("Back to &draft")
            if plan is not None and plan.status is PlanStatus.REVIEWED
            else self.tr("Mark &reviewed")
        )
        self.review_button.setAccessibleName(self.review_button.text().replace("&", ""))

        last_quarter = str(self.quarter.shifted(-1))
        last = plans.plan_for(self.journal, rep.id, last_quarter) if rep else None
        if last is None:
            self.previous.show_message(self.tr("No plan for %s.") % last_quarter)
        else:
            state = self.tr("reviewed") if last.status is PlanStatus.REVIEWED else self.tr("draft")
            self.previous.show_plan(
                last, first, self.tr("Last quarter: %s (%s)") % (last_quarter, state)
            )
        self.previous.setVisible(self.compare_box.isChecked())
        self._apply_sharing(self.rep_page.sharing.on)

    def _connect_fields(self) -> None:
        view = self.current
        plan = view.plan
        if plan is None:
            return
        for answer_id, edit in view.answers.items():
            edit.textChanged.connect(
                lambda a=answer_id, e=edit, p=plan.id: self.autosaver.changed(
                    p, f"answer:{a}", e.toPlainText
                )
            )
            edit.focus_left.connect(self.autosaver.flush)
        if view.review is not None:
            review = view.review
            review.textChanged.connect(
                lambda p=plan.id: self.autosaver.changed(p, "review", review.toPlainText)
            )
            review.focus_left.connect(self.autosaver.flush)
        if view.targets is not None:
            view.targets.itemChanged.connect(self._targets_edited)

    def _apply_sharing(self, on: bool) -> None:
        self.current.set_sharing(on)
        self.previous.set_sharing(on)

    def _compare_toggled(self, shown: bool) -> None:
        self.previous.setVisible(shown)

    def hideEvent(self, event: QHideEvent) -> None:
        self.autosaver.flush()
        super().hideEvent(event)

    # ----------------------------------------------------------------- saving

    def _targets_edited(self, *_: object) -> None:
        plan, view = self.plan, self.current
        if plan is None or view.targets_problem is None:
            return
        view.fit_targets()
        try:
            parse_targets(view.target_rows())
        except InvalidInput as problem:
            view.targets_problem.setText(str(problem))
            return
        view.targets_problem.setText("")
        self.autosaver.changed(plan.id, "targets", lambda: json.dumps(view.target_rows()))

    def _save(self, plan_id: int, changes: dict[str, str]) -> None:
        answers = {
            int(field.partition(":")[2]): text
            for field, text in changes.items()
            if field.startswith("answer:")
        }
        if answers:
            plans.save_answers(self.journal, plan_id, answers)
        if "review" in changes:
            plans.save_review_comments(self.journal, plan_id, changes["review"])
        if "targets" in changes:
            # Targets that cannot be used are a known problem (InvalidInput): the autosaver
            # says so and keeps them. Anything else is a bug, and is logged.
            rows = [tuple(row) for row in json.loads(changes["targets"])]
            plans.set_targets(self.journal, plan_id, parse_targets([(r[0], r[1]) for r in rows]))

    # ----------------------------------------------------------------- actions

    def export_framework(self) -> Path | None:
        """Save the blank framework for the rep to fill in."""
        if self.rep is None:
            return None
        return export_framework(self, self.rep.name, str(self.quarter), self.areas())

    def start(self) -> None:
        """Start the plan for the quarter on screen, with the areas in Settings."""
        if self.rep is None:
            return
        rep_id, quarter, areas = self.rep.id, str(self.quarter), self.areas()
        if run_safely(
            self,
            self.tr("Not started"),
            lambda: plans.start_plan(self.journal, rep_id, quarter, areas),
        ):
            self.refresh()
            if self.current.answers:
                next(iter(self.current.answers.values())).setFocus()

    def paste_reply(self) -> None:
        """Paste the rep's whole reply; each area gets the words under its heading."""
        if self.plan is None:
            return
        dialog = PasteReplyDialog(_first(self.rep), self)
        if dialog.exec():
            self.use_reply(dialog.text.toPlainText())

    def use_reply(self, text: str) -> bool:
        """Fill the areas and targets from a pasted reply; return True if anything was found."""
        plan = self.plan
        if plan is None:
            return False
        self.autosaver.flush()
        areas = [(a.area, a.prompt) for a in plan.answers]
        reply = parse_reply(text, areas)
        found = {n: words for n, words in reply.answers.items() if words.strip()}
        if not found and not reply.targets:
            QMessageBox.information(
                self,
                self.tr("No headings found"),
                self.tr(
                    "None of the plan's headings were found in the reply. Paste each answer "
                    "into its area instead."
                ),
            )
            return False
        replacing = [
            plan.answers[n].area
            for n, words in found.items()
            if plan.answers[n].answer.strip() and plan.answers[n].answer != words
        ]
        if replacing and not confirm(
            self,
            self.tr("Replace what is there?"),
            self.tr("These areas already have an answer: %s. Replace them with the reply?")
            % ", ".join(replacing),
        ):
            return False
        answers = {plan.answers[n].id: words for n, words in found.items()}
        targets = reply.targets

        def store() -> None:
            plans.save_answers(self.journal, plan.id, answers)
            if targets:
                plans.set_targets(self.journal, plan.id, targets)

        if not run_safely(self, self.tr("Not saved"), store):
            return False
        self._built_for = None
        self.refresh()
        if reply.unreadable_targets:
            view = self.current
            if view.targets_problem is not None:
                view.targets_problem.setText(
                    self.tr("Not read as targets (no number found): %s")
                    % "; ".join(reply.unreadable_targets)
                )
        return True

    def toggle_reviewed(self) -> None:
        """Mark the plan reviewed, or back to draft."""
        plan = self.plan
        if plan is None:
            return
        self.autosaver.flush()
        status = PlanStatus.DRAFT if plan.status is PlanStatus.REVIEWED else PlanStatus.REVIEWED
        day: dt.date = self.rep_page.today()
        if run_safely(
            self, self.tr("Not saved"), lambda: plans.set_status(self.journal, plan.id, status, day)
        ):
            self.refresh()

    def add_target(self) -> None:
        """Add an empty target row and start typing in it."""
        table = self.current.targets
        if table is None:
            return
        row = table.rowCount()
        table.insertRow(row)
        self.current.fit_targets()
        table.setCurrentCell(row, 0)
        table.setFocus()
        table.editItem(table.item(row, 0) or _new_item(table, row, 0))

    def remove_target(self) -> None:
        """Remove the selected target row."""
        table = self.current.targets
        if table is None or table.currentRow() < 0:
            return
        table.removeRow(table.currentRow())
        self._targets_edited()

    def save_plan_pdf(self) -> Path | None:
        """Save the plan in the rep's words as PDF; my review comments stay out of it."""
        from coachdesk.render.agreements import plan_html, save_pdf

        self.autosaver.flush()
        self.refresh()
        if self.plan is None or self.rep is None:
            return None
        suggested = (
            documents_folder() / f"plan-{self.plan.quarter}-{slug(self.rep.name)}-filled.pdf"
        )
        chosen = ask_save_file(self, self.tr("Save the plan as PDF"), suggested, "PDF (*.pdf)")
        if chosen is None:
            return None
        path = chosen[0] if chosen[0].suffix else chosen[0].with_suffix(".pdf")
        try:
            save_pdf(
                plan_html(self.plan, self.rep.name),
                path,
                title=self.tr("Plan %s") % self.plan.quarter,
            )
        except KnownProblem as problem:
            QMessageBox.warning(self, self.tr("Not saved"), str(problem))
            return None
        return path


def _new_item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = QTableWidgetItem("")
    table.setItem(row, column, item)
    return item


def make_page(rep_page: RepPage) -> tuple[str, RepTab]:
    """The "Plan" tab of the rep page."""
    return _tr("Plan"), PlanPage(rep_page)


# After the Agreement tab (10), before Numbers (30).
REP_PAGE_TABS.register(make_page, order=20)

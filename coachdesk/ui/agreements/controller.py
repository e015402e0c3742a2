"""The draft workflow of an agreement, one for a rep's and the team's.

Whoever an agreement is for, its versions are worked the same way: a draft is started
(blank or from a template) or revised from the version in force, edited and saved as it
is typed, then activated (the old version stays in the history) or discarded; any two
versions can be compared, and the one on screen saved as a PDF. The rep's page and the
team agreement dialog each keep an :class:`AgreementController`, tell it whose agreement
is on screen (:class:`WhoseAgreement`) and show where it stands; the controller does
the rest. Today is always the journal clock's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget

from coachdesk.dates import today
from coachdesk.store import agreements
from coachdesk.store.agreements import AgreementOwner
from coachdesk.store.changes import Change, Subject
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem
from coachdesk.store.records import Agreement, AgreementContent, AgreementStatus
from coachdesk.ui.agreements.agreement_parts import (
    AgreementEditor,
    CompareDialog,
    bold_label,
    content_from_json,
    content_to_json,
    run_safely,
)
from coachdesk.ui.widgets.autosave import Autosaver, SaveIndicator
from coachdesk.ui.widgets.buttons import push_button
from coachdesk.ui.widgets.changes import changes
from coachdesk.ui.widgets.files import ask_save_file, documents_folder
from coachdesk.ui.widgets.messages import confirm

PDF_FILTER = "PDF (*.pdf)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("AgreementController", text)


def save_agreement_pdf(
    parent: QWidget, agreement: Agreement, *, rep_name: str, team_name: str, file_stem: str
) -> Path | None:
    """Ask where, then print one version to PDF through the safe rendering policy."""
    from coachdesk.render.agreements import agreement_html, save_pdf

    suggested = documents_folder() / f"{file_stem}-v{agreement.version}.pdf"
    chosen = ask_save_file(parent, _tr("Save the agreement as PDF"), suggested, PDF_FILTER)
    if chosen is None:
        return None
    path = chosen[0] if chosen[0].suffix else chosen[0].with_suffix(".pdf")
    html = agreement_html(agreement, rep_name=rep_name, team_name=team_name)
    title = _tr("Working agreement — %s") % (rep_name or team_name)
    try:
        save_pdf(html, path, title=title)
    except KnownProblem as problem:
        QMessageBox.warning(parent, _tr("Not saved"), str(problem))
        return None
    return path


@dataclass(frozen=True)
class WhoseAgreement:
    """Whose agreement is on screen, and what it is called on paper and in titles."""

    owner: AgreementOwner
    rep_name: str  # the rep's full name; empty for a team's agreement
    team_name: str  # the rep's team, or the team the agreement is for
    history_title: str  # the title of the history and comparison dialog
    file_stem: str  # the PDF's file name before "-v2.pdf"


@dataclass(frozen=True)
class DraftControls:
    """Where the agreement stands, whether the draft is saved, and the draft's buttons."""

    status: QLabel
    saved: SaveIndicator
    blank: QPushButton
    revise: QPushButton
    activate: QPushButton
    discard: QPushButton
    compare: QPushButton
    pdf: QPushButton


class AgreementController(QObject):
    """Start, revise, activate, discard, compare and save one agreement's versions.

    ``whose`` says whose agreement is on screen now (``None``: nobody's, and nothing is
    done); ``show`` puts the versions last read (:attr:`versions`, :attr:`draft`,
    :attr:`active`) on screen. Messages and dialogs open over ``page``. The draft is
    edited in the editor given to :meth:`edit_with`.
    """

    def __init__(
        self,
        journal: Journal,
        whose: Callable[[], WhoseAgreement | None],
        show: Callable[[], None],
        page: QWidget,
    ) -> None:
        super().__init__(page)
        self.journal = journal
        self._whose = whose
        self._show = show
        self._page = page
        self.versions: list[Agreement] = []
        self.draft: Agreement | None = None
        self.active: Agreement | None = None
        self.editor: AgreementEditor | None = None
        # The draft the editor holds: it is loaded again only when another draft is shown.
        self._editor_draft_id: int | None = None
        self.autosaver = Autosaver(self._save_draft, self)
        changes(journal).changed.connect(self._journal_changed)

    def make_controls(self, page: QWidget, activate: Callable[[], object]) -> DraftControls:
        """The draft's controls as every agreement shows them, on ``page``.

        ``activate`` runs for "Activate this version" (a page may do more after it).
        """

        def tr(text: str) -> str:
            return QCoreApplication.translate("AgreementController", text)

        status = bold_label("", page)
        status.setAccessibleName(tr("Where this agreement stands"))
        activate_button = push_button(page, tr("&Activate this version"), activate)
        activate_button.setToolTip(
            tr("Put the draft in force; the version in force now is kept in the history")
        )
        return DraftControls(
            status=status,
            saved=SaveIndicator(self.autosaver, tr("Save status of the draft"), page),
            blank=push_button(page, tr("Start &blank"), self.start_blank),
            revise=push_button(page, tr("&Revise (start from the current version)"), self.revise),
            activate=activate_button,
            discard=push_button(page, tr("&Discard draft"), self.discard),
            compare=push_button(page, tr("History and &compare…"), self.compare),
            pdf=push_button(page, tr("Save as &PDF…"), self.save_pdf),
        )

    def edit_with(self, editor: AgreementEditor) -> None:
        """Edit drafts in ``editor``, saving what is typed as it is typed."""
        self.editor = editor
        editor.changed.connect(self._edited)

    def today(self) -> dt.date:
        """Today, by the journal's clock."""
        return today(self.journal.clock)

    # ----------------------------------------------------------------- showing

    def switch(self) -> None:
        """Before another agreement is shown: save what was typed, let go of the draft."""
        self.autosaver.flush()
        self._editor_draft_id = None

    def refresh(self) -> None:
        """Re-read the versions and show where the agreement stands."""
        whose = self._whose()
        self.versions = agreements.versions(self.journal, whose.owner) if whose else []
        self.draft = next((v for v in self.versions if v.status is AgreementStatus.DRAFT), None)
        self.active = next((v for v in self.versions if v.status is AgreementStatus.ACTIVE), None)
        draft, editor = self.draft, self.editor
        # Loaded once per draft, and never over typing that has not reached the journal.
        if (
            draft is not None
            and editor is not None
            and self._editor_draft_id != draft.id
            and not self.autosaver.has_pending
        ):
            editor.set_content(draft.content(), self.today())
            self._editor_draft_id = draft.id
        self._show()

    def document_html(self, agreement: Agreement) -> str:
        """One version as the document it prints as."""
        from coachdesk.render.agreements import agreement_html

        whose = self._whose()
        if whose is None:
            return agreement_html(agreement)
        return agreement_html(agreement, rep_name=whose.rep_name, team_name=whose.team_name)

    def _journal_changed(self, change: Change) -> None:
        # Every write to an agreement — from here, the page, an undo — shows it again;
        # only the draft's own text, saved as it is typed, is on screen already.
        if change.touches(Subject.AGREEMENTS) and not change.made_by(self):
            self.refresh()

    # ----------------------------------------------------------------- saving

    def _edited(self) -> None:
        if self.draft is not None and self.editor is not None:
            editor = self.editor
            self.autosaver.changed(
                self.draft.id, "content", lambda: content_to_json(editor.content())
            )

    def _save_draft(self, draft_id: int, changes: dict[str, str]) -> None:
        # What the store refuses in a draft is a known problem (InvalidInput): the
        # autosaver says so and keeps the text. Anything else is a bug, and is logged.
        with self.journal.made_by(self):
            agreements.save_draft(self.journal, draft_id, content_from_json(changes["content"]))

    # ----------------------------------------------------------------- actions

    def start_blank(self) -> None:
        """Start a draft with nothing in it."""
        self.start(None)

    def start(self, content: AgreementContent | None) -> None:
        """Start a draft holding ``content`` (a template), or nothing."""
        whose = self._whose()
        if whose is None:
            return
        owner = whose.owner
        if run_safely(
            self._page,
            self.tr("Not started"),
            lambda: agreements.start_draft(self.journal, owner, content),
        ):
            self._edit_first_field()

    def revise(self) -> None:
        """Start a draft from the version in force."""
        active = self.active
        if active is not None and run_safely(
            self._page, self.tr("Not started"), lambda: agreements.revise(self.journal, active.id)
        ):
            self._edit_first_field()

    def activate(self) -> bool:
        """Put the draft in force; the old version stays in the history.

        Returns True when the draft was activated.
        """
        draft = self.draft
        if draft is None:
            return False
        self.autosaver.flush()
        day = self.today()
        if not run_safely(
            self._page,
            self.tr("Not activated"),
            lambda: agreements.activate(self.journal, draft.id, day),
        ):
            return False
        self._editor_draft_id = None
        return True

    def discard(self) -> None:
        """Delete the draft after asking; the version in force is untouched."""
        draft = self.draft
        if draft is None or not confirm(
            self._page,
            self.tr("Discard the draft?"),
            self.tr("Version %d and everything written in it will be deleted.") % draft.version,
        ):
            return
        self.autosaver.flush()
        if run_safely(
            self._page,
            self.tr("Not discarded"),
            lambda: agreements.discard_draft(self.journal, draft.id),
        ):
            self._editor_draft_id = None

    def compare(self) -> CompareDialog | None:
        """Show the history, and any two versions side by side."""
        self.autosaver.flush()
        whose = self._whose()
        if whose is None:
            return None
        versions = agreements.versions(self.journal, whose.owner)
        dialog = CompareDialog(versions, whose.history_title, self._page)
        dialog.open()
        return dialog

    def save_pdf(self) -> Path | None:
        """Save the version on screen (the draft, else the one in force) as a PDF."""
        self.autosaver.flush()
        self.refresh()
        whose = self._whose()
        shown = self.draft or self.active
        if shown is None or whose is None:
            return None
        return save_agreement_pdf(
            self._page,
            shown,
            rep_name=whose.rep_name,
            team_name=whose.team_name,
            file_stem=whose.file_stem,
        )

    def _edit_first_field(self) -> None:
        # The new draft is in the editor: typing goes to its first field.
        if self.editor is not None:
            next(iter(self.editor.fields.values())).setFocus()

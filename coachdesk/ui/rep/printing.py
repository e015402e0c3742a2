"""Print preview, Print… and Save as PDF… for prep sheets and the week's pack."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled.prep import reps_due_this_week, scheduled_day
from coachdesk.render.prep_sheet import (
    make_printer,
    paper_for_locale,
    print_pack,
    write_pdf,
)
from coachdesk.store import reps
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem
from coachdesk.ui.widgets.files import ask_save_file, documents_folder
from coachdesk.ui.widgets.progress import ProgressDialog
from coachdesk.ui.widgets.qdates import date_edit_format


def _ask_save_file(parent: QWidget, suggested: str) -> str:
    """Ask where to save a PDF (tests replace this)."""
    chosen = ask_save_file(
        parent, parent.tr("Save as PDF"), Path(suggested), parent.tr("PDF files (*.pdf)")
    )
    return str(chosen[0]) if chosen else ""


class PrepDialog(QDialog):
    """Choose the day, a private copy and the paper; then preview, print or save."""

    def __init__(
        self,
        journal: Journal,
        rep_ids: list[int] | None,
        day: dt.date,
        parent: QWidget | None = None,
        *,
        sharing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.pack = rep_ids is None
        self.rep_ids = rep_ids
        # While a pack is laid out: its progress, with Cancel.
        self.progress_dialog: ProgressDialog | None = None
        if self.pack:
            self.setWindowTitle(self.tr("This week's prep pack"))
        else:
            rep = reps.get_rep(journal, rep_ids[0]) if rep_ids else None
            self.setWindowTitle(self.tr("Prep sheet — %s") % (rep.name if rep else ""))
            if rep is not None:
                day = scheduled_day(journal, rep.id, day)  # their next 1:1, when scheduled
        self.day = QDateEdit(QDate(day.year, day.month, day.day), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat(date_edit_format())
        self.day.setAccessibleName(self.tr("Day of the 1:1"))
        self.private = QCheckBox(self.tr("Include private notes (a copy for me only)"), self)
        self.private.setAccessibleName(self.tr("Include private notes"))
        self.private.toggled.connect(self._private_toggled)
        self.private_hint = QLabel(
            self.tr("The sheet will say PRIVATE in its header. Don't hand this one over."), self
        )
        self.private_hint.setWordWrap(True)
        self.private_hint.setVisible(False)
        self.paper = QComboBox(self)
        self.paper.addItem(self.tr("A4"), QPageSize.PageSizeId.A4)
        self.paper.addItem(self.tr("Letter"), QPageSize.PageSizeId.Letter)
        self.paper.setCurrentIndex(self.paper.findData(paper_for_locale()))
        self.paper.setAccessibleName(self.tr("Paper size"))
        form = QFormLayout()
        form.addRow(self.tr("&Day of the 1:1"), self.day)
        form.addRow(self.tr("&Paper"), self.paper)
        form.addRow(self.private)
        form.addRow(self.private_hint)
        # With the rep looking, a private copy is not on offer (sharing mode).
        self.private.setVisible(not sharing)
        buttons = QDialogButtonBox(self)
        self.preview_button = QPushButton(self.tr("Pre&view…"), self)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"), self)
        for button in (self.preview_button, self.print_button, self.pdf_button):
            button.setAccessibleName(button.text().replace("&", "").replace("…", ""))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.preview_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _private_toggled(self, on: bool) -> None:
        self.private_hint.setVisible(on)

    def chosen_day(self) -> dt.date:
        """The day chosen for the 1:1."""
        value = self.day.date().toPython()
        assert isinstance(value, dt.date)
        return value

    def chosen_reps(self) -> list[int]:
        """The reps printed: the one given, or those with a 1:1 due that week."""
        if self.rep_ids is not None:
            return self.rep_ids
        return reps_due_this_week(self.journal, self.chosen_day())

    def _render_into(self, printer: QPrinter) -> None:
        """Lay out and draw the sheet(s) on ``printer``, with progress for a pack."""
        rep_ids = self.chosen_reps()
        progress = self._progress(len(rep_ids)) if len(rep_ids) > 1 else None
        try:
            done = print_pack(
                self.journal,
                rep_ids,
                self.chosen_day(),
                printer,
                include_private=self.private.isChecked(),
                pack_title=self.tr("1:1 prep") if self.pack else None,
                follow_schedule=self.pack,
                progress=progress.tell if progress is not None else None,
            )
        finally:
            if progress is not None:
                progress.finish()
        if not done and printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
            printer.abort()  # nothing half-printed goes to the printer

    def preview(self) -> None:
        """Show Qt's print preview of the sheet(s)."""
        printer = make_printer(self.paper.currentData())
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(self.windowTitle())
        dialog.paintRequested.connect(self._render_into)
        dialog.exec()

    def print_(self) -> None:
        """Print through the system's print dialog."""
        printer = make_printer(self.paper.currentData())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._render_into(printer)

    def save_pdf(self) -> Path | None:
        """Save the sheet(s) as a PDF file; return where, or None if cancelled."""
        day = self.chosen_day()
        name = f"coachdesk-prep-{day.isoformat()}.pdf"
        chosen = _ask_save_file(self, str(documents_folder() / name))
        if not chosen:
            return None
        out = Path(chosen)
        if out.suffix.lower() != ".pdf":
            out = out.with_suffix(".pdf")
        rep_ids = self.chosen_reps()
        progress = self._progress(len(rep_ids)) if len(rep_ids) > 1 else None
        try:
            pages = write_pdf(
                self.journal,
                rep_ids,
                day,
                out,
                include_private=self.private.isChecked(),
                paper=self.paper.currentData(),
                pack_title=self.tr("1:1 prep") if self.pack else None,
                follow_schedule=self.pack,
                progress=progress.tell if progress is not None else None,
            )
        except (KnownProblem, OSError) as problem:
            QMessageBox.warning(self, self.tr("Not saved"), str(problem))
            return None
        finally:
            if progress is not None:
                progress.finish()
        parent = self.parent()
        if pages is None:
            if isinstance(parent, QMainWindow):
                parent.statusBar().showMessage(self.tr("Cancelled: nothing was saved."), 8000)
            return None
        if isinstance(parent, QMainWindow):
            parent.statusBar().showMessage(self.tr("Saved %s") % out, 8000)
        return out

    def _progress(self, total: int) -> ProgressDialog:
        """The pack's progress: Sheet N of M, with Cancel (nothing is written until the
        end), shown at once."""

        def sheets(done: int, total: int) -> str:
            return QCoreApplication.translate("PrepDialog", "Sheet %d of %d") % (done, total)

        dialog = ProgressDialog(
            self,
            self.windowTitle(),
            self.tr("Laying out the sheets…"),
            can_cancel=True,
            steps=sheets,
            show_after_ms=0,
        )
        self.progress_dialog = dialog  # for tests and the keyboard
        return dialog

"""PDFs are drawn in memory with QPdfWriter: no printer, every page counted and checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6 import QtPrintSupport
from PySide6.QtGui import QPageSize, QTextDocument
from PySide6.QtWidgets import QApplication

from coachdesk.coaching.ladder import Ladder
from coachdesk.render import agreements as agreement_documents
from coachdesk.render.ladder_charts import trend_document
from coachdesk.render.ladder_charts import write_pdf as write_trend_pdf
from coachdesk.render.pdf import PdfInMemory, print_to_pdf
from coachdesk.render.prep_sheet import write_pdf as write_prep_pdf
from coachdesk.store import meetings, outputs, reps
from coachdesk.store.db import Journal


class NoPrinter:
    """Stands in for QPrinter: making one fails the test."""

    def __init__(self, *_args: object) -> None:
        raise AssertionError("a QPrinter was made: that asks the print system for printers")


def test_saving_a_pdf_never_makes_a_printer(
    qapp: QApplication, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QtPrintSupport, "QPrinter", NoPrinter)
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
    meetings.add_meeting(journal, ana, "2026-11-16T09:00", notes="Shared")
    day = dt.date(2026, 11, 23)
    pages = write_prep_pdf(journal, [ana], day, tmp_path / "sheet.pdf")
    assert pages == len(PdfReader(tmp_path / "sheet.pdf").pages) == 1
    pages = write_prep_pdf(
        journal,
        [ana, ana],
        day,
        tmp_path / "pack.pdf",
        paper=QPageSize.PageSizeId.Letter,
        pack_title="1:1 prep",
    )
    reader = PdfReader(tmp_path / "pack.pdf")
    assert pages == len(reader.pages) == 3
    assert round(float(reader.pages[0].mediabox.width)) == 612  # Letter, as asked
    agreement_documents.save_pdf(
        "<h1>Working agreement</h1><p>Answers within 24 hours.</p>",
        tmp_path / "agreement.pdf",
        title="Working agreement — Ana Ruiz",
    )
    reader = PdfReader(tmp_path / "agreement.pdf")
    assert reader.metadata is not None and reader.metadata.title == "Working agreement — Ana Ruiz"
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4, as QPrinter gave
    write_trend_pdf(trend_document("Ana", Ladder(), [], day), tmp_path / "trend.pdf")
    assert len(PdfReader(tmp_path / "trend.pdf").pages) == 1
    for name in ("sheet.pdf", "pack.pdf", "agreement.pdf", "trend.pdf"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
    assert outputs.leftovers(tmp_path) == []


def test_the_page_count_checked_is_the_number_of_pages_drawn(
    qapp: QApplication, tmp_path: Path
) -> None:
    document = QTextDocument()
    document.setPlainText("\n".join(f"Line {n}" for n in range(400)))
    pdf = PdfInMemory()
    assert pdf.pages == 0 and pdf.data() == b""  # nothing drawn yet
    out = tmp_path / "long.pdf"
    pages = print_to_pdf(document, out, title="Long")
    assert pages > 1
    assert len(PdfReader(out).pages) == pages

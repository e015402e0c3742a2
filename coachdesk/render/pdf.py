"""PDFs drawn in memory and written through the one safe writer, never via the print system.

Making a ``QPrinter`` asks the print system (CUPS, over TCP) for its default printer,
even when all it will ever write is a PDF file. A PDF needs no printer: ``QPdfWriter``
is the same PDF engine, at the same resolution, with the same page layout, and it draws
into memory. The bytes then go to disk through :mod:`coachdesk.store.outputs` — a private
temporary file beside the target, checked to hold every page that was drawn, renamed over
the old file only when whole. ``QPrinter`` is for Print… and print preview only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from coachdesk.store import outputs

# What QPrinter's high-resolution PDF output draws at, in dots per inch.
RESOLUTION = 1200


def _tr(text: str) -> str:
    return QCoreApplication.translate("Outputs", text)


def default_layout() -> QPageLayout:
    """The page QPrinter gave a PDF when nobody chose one: A4, 10 pt margins."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(10, 10, 10, 10),
        QPageLayout.Unit.Point,
    )


class _CountingWriter(QPdfWriter):
    """A PDF writer that counts the pages it is asked to start."""

    def __init__(self, device: QIODevice) -> None:
        super().__init__(device)
        self.new_pages = 0

    def newPage(self) -> bool:
        """Start a new page (Qt's document printing calls this too)."""
        started = super().newPage()
        if started:
            self.new_pages += 1
        return started


class PdfInMemory:
    """A PDF drawn into memory: paint on :attr:`writer`, then :meth:`save` it.

    The page count the file is checked against is the number of pages actually drawn
    (the first, plus every ``newPage``), not one read back from the bytes.
    """

    def __init__(self, layout: QPageLayout | None = None, *, title: str = "") -> None:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self._writer = _CountingWriter(buffer)
        # The writer owns the buffer, so the buffer outlives every use the writer makes of it.
        buffer.setParent(self._writer)
        self._buffer = buffer
        self._writer.setResolution(RESOLUTION)
        self._writer.setCreator("coachdesk")
        if title:
            self._writer.setTitle(title)
        self._writer.setPageLayout(layout or default_layout())

    @property
    def writer(self) -> QPdfWriter:
        """The paint device to lay out on and draw into."""
        return self._writer

    @property
    def pages(self) -> int:
        """How many pages were drawn (none before anything was)."""
        return self._writer.new_pages + 1 if self._buffer.size() else 0

    def data(self) -> bytes:
        """The PDF's bytes (whole once the painter that drew it has ended)."""
        return bytes(self._buffer.data().data())

    def save(self, out: Path, *, what: str | None = None) -> int:
        """Write the PDF to ``out`` the one safe way; return its page count.

        Raises :class:`~coachdesk.store.errors.WriteFailed` (a known problem) when the
        file could not be written whole; the old file, if any, is then untouched.
        """
        pages = self.pages
        outputs.write_file(
            Path(out),
            self.data(),
            what=what or _tr("The PDF"),
            verify=outputs.verify_pdf(pages),
        )
        return pages


def print_to_pdf(
    document: QTextDocument,
    out: Path,
    *,
    title: str = "",
    layout: QPageLayout | None = None,
    what: str | None = None,
) -> int:
    """Print ``document`` (Qt's own pagination) to a PDF at ``out``; return its page count."""
    pdf = PdfInMemory(layout, title=title)
    document.print_(pdf.writer)
    return pdf.save(out, what=what)

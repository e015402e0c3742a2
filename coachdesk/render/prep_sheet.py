"""Prep sheets on paper and in PDF: HTML through the one safe document, Qt printing.

Paper is A4 or Letter from the locale (Qt itself keeps A4), type is the shipped print
font, and a sheet is held to two pages: if it runs longer it is gathered again with
tighter limits. Charts are drawn as vector objects inside the document, never as
pictures.

The layout works on any paged paint device. A PDF is laid out on and drawn into a
``QPdfWriter`` in memory and written through the one safe writer; only Print… and
print preview make a ``QPrinter`` (which asks the print system for its printers).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QTextCursor,
    QTextDocument,
)

from coachdesk.assembled.flag_sources import Flag
from coachdesk.assembled.prep import PrepSheet
from coachdesk.render.fonts import print_font
from coachdesk.render.markdown import SafeDocument
from coachdesk.store.db import Journal

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

MAX_PAGES = 2
# Below each page's text: whose sheet it is, the 1:1's day and "page N of M", so a
# dropped or shuffled stack sorts itself out (in points).
FOOTER_PT = 18
MIN_NOTE_LINES, MAX_NOTE_LINES = 4, 30

# Territories whose offices use US Letter.
_LETTER = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
    QLocale.Country.CostaRica,
    QLocale.Country.Guatemala,
    QLocale.Country.Panama,
    QLocale.Country.Philippines,
    QLocale.Country.PuertoRico,
    QLocale.Country.Venezuela,
    QLocale.Country.ElSalvador,
    QLocale.Country.DominicanRepublic,
    QLocale.Country.Nicaragua,
    QLocale.Country.Belize,
}

# Placeholders in a section's HTML that become chart objects; see ChartInserter.
ChartInserter = Callable[[QTextDocument, dict[str, object]], None]
_chart_inserter: ChartInserter | None = None


def set_chart_inserter(inserter: ChartInserter) -> None:
    """Let the chart module turn ``[[chart:…]]`` placeholders into vector charts."""
    global _chart_inserter
    _chart_inserter = inserter


def paper_for_locale(locale: QLocale | None = None) -> QPageSize.PageSizeId:
    """Letter where the locale's territory uses it, A4 everywhere else."""
    territory = (locale or QLocale()).territory()
    return QPageSize.PageSizeId.Letter if territory in _LETTER else QPageSize.PageSizeId.A4


def page_layout(paper: QPageSize.PageSizeId | None = None) -> QPageLayout:
    """The sheet's page: ``paper`` (else the locale's), portrait, with our margins."""
    return QPageLayout(
        QPageSize(paper or paper_for_locale()),
        QPageLayout.Orientation.Portrait,
        QMarginsF(16, 14, 16, 14),
        QPageLayout.Unit.Millimeter,
    )


def make_printer(paper: QPageSize.PageSizeId | None = None) -> QPrinter:
    """A high-resolution printer with our page, for Print… and print preview only.

    Making one asks the print system for its printers; a PDF never needs one (see
    :func:`write_pdf`).
    """
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(paper))
    printer.setCreator("coachdesk")
    return printer


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _day(day: dt.date | None) -> str:
    if day is None:
        return "—"
    return day.strftime("%a %d %b %Y").replace(" 0", " ")


def _commitment_items(items: Sequence[object], more: int, empty: str) -> str:
    rows = []
    for item in items:
        text, due, late = item.text, item.due, item.late  # type: ignore[attr-defined]
        when = f" — due {_day(due)}" if due else ""
        if late and due:
            # In words and in bold, never by colour alone; and, since the rep may well see
            # the sheet, as a question rather than a charge.
            rows.append(
                f"<li>{_esc(text)} — <b>open since {_esc(_day(due))}</b>: "
                "keep, change or drop?</li>"
            )
        else:
            rows.append(f"<li>{_esc(text)}{_esc(when)}</li>")
    if more:
        rows.append(f"<li><i>and {more} more</i></li>")
    if not rows:
        return f"<p class='quiet'>{_esc(empty)}</p>"
    return "<ul>" + "".join(rows) + "</ul>"


def _columns(left: tuple[str, str], right: tuple[str, str]) -> str:
    """Two titled halves side by side (escaped titles, safe HTML bodies)."""
    cells = "".join(
        f"<td width='50%' valign='top'><h2>{_esc(title)}</h2>{body}</td>"
        for title, body in (left, right)
    )
    return (
        f"<table class='head' width='100%' cellspacing='0' cellpadding='0'><tr>{cells}</tr></table>"
    )


def sheet_html(sheet: PrepSheet, *, note_lines: int = 4) -> str:
    """One rep's sheet as safe HTML (every value escaped here)."""
    first = sheet.name.split()[0] if sheet.name.split() else sheet.name
    facts = " · ".join(p for p in (sheet.title, sheet.team, sheet.tenure) if p)
    parts = []
    if sheet.private_notes is not None:
        parts.append(
            "<p class='private'><b>PRIVATE — includes private notes. "
            "Keep this copy; do not share it.</b></p>"
        )
    parts.append(
        "<table class='head' width='100%' border='0' cellspacing='0' cellpadding='0'><tr>"
        f"<td><h1>{_esc(sheet.name)}</h1><p class='quiet'>{_esc(facts)}</p></td>"
        f"<td align='right' valign='top'><p>1:1 on <b>{_esc(_day(sheet.day))}</b><br>"
        f"<span class='quiet'>last one: {_esc(_day(sheet.last_day))}</span></p></td>"
        "</tr></table>"
    )
    parts.append("<h2>Their agenda</h2>")
    if sheet.agenda:
        lines = "<br>".join(_esc(line) for line in sheet.agenda.splitlines())
        parts.append(f"<p>{lines}</p>")
    else:
        parts.append(
            f"<p class='quiet'>No talking points yet: ask what {_esc(first)} wants to cover.</p>"
        )
    parts.append(
        _columns(
            (
                "My commitments to them",
                _commitment_items(sheet.mine, sheet.more_mine, "Nothing open on my side."),
            ),
            (
                f"{first}'s commitments",
                _commitment_items(sheet.theirs, sheet.more_theirs, "Nothing open on their side."),
            ),
        )
    )
    # Sections in order; the plan and the agreement in brief share a row when both exist.
    sections = list(sheet.sections)
    paired = {s.key: s for s in sections if s.key in ("plan", "agreement")}
    for section in sections:
        if section.key == "agreement" and "plan" in paired:
            continue
        if section.key == "plan" and "agreement" in paired:
            agreement = paired["agreement"]
            parts.append(_columns((section.title, section.html), (agreement.title, agreement.html)))
            continue
        parts.append(f"<h2>{_esc(section.title)}</h2>{section.html}")
    parts.append("<h2>Questions to ask</h2><ol>")
    parts.extend(f"<li>{_esc(q)}</li>" for q in sheet.questions)
    parts.append("</ol>")
    if sheet.private_notes:
        lines = "<br>".join(_esc(line) for line in sheet.private_notes.splitlines())
        parts.append(f"<h2>Private notes (last 1:1)</h2><p>{lines}</p>")
    parts.append("<h2>Notes</h2>")
    parts.append("<p class='rule'>&nbsp;</p><hr>" * note_lines)
    return "".join(parts)


STYLE = """
h1 { font-size: 15pt; margin: 0; }
h2 { font-size: 10pt; margin-top: 6px; margin-bottom: 1px; }
p, li { font-size: 8.5pt; margin-top: 0px; margin-bottom: 1px; }
ul, ol { margin-top: 0px; margin-bottom: 1px; -qt-list-indent: 1; }
.quiet { color: #555555; }
.private { color: #000000; font-size: 10pt; }
.cover-total { font-size: 12pt; }
.rule { font-size: 8pt; margin: 0; }
table.head, table.head td { border: none; padding: 0; }
table.numbers { border-collapse: collapse; }
table.numbers th, table.numbers td {
    border: none; border-bottom: 1px solid #999999; font-size: 8pt; padding: 1px 4px;
}
"""


def _document(body: str, device: QPagedPaintDevice, charts: dict[str, object]) -> QTextDocument:
    # The device and the page come first, so the HTML is laid out once, for the page;
    # the charts then take their placeholders' places in one edit (one more layout).
    document = SafeDocument()
    document.setDefaultFont(print_font(10))
    document.documentLayout().setPaintDevice(device)
    # The printable part of the page in the device's own pixels (what QPrinter's
    # pageRect(DevicePixel) gives), so a PDF and paper lay out the same.
    page = device.pageLayout().paintRectPixels(device.logicalDpiX())
    document.setPageSize(QSizeF(page.width(), page.height() - _footer_height(device)))
    document.setHtml(f"<html><head><style>{STYLE}</style></head><body>{body}</body></html>")
    if charts:
        _insert_charts(document, charts)
    document.markContentsDirty(0, document.characterCount())
    return document


def _insert_charts(document: QTextDocument, charts: dict[str, object]) -> None:
    """Replace each placeholder with its chart, drawn as vector graphics when printed."""
    from coachdesk.render.charts import insert_chart, install_chart_handler

    install_chart_handler(document)
    edit = QTextCursor(document)
    edit.beginEditBlock()
    try:
        for placeholder, chart in charts.items():
            cursor = document.find(placeholder)
            if cursor.isNull():
                continue
            cursor.removeSelectedText()
            insert_chart(cursor, chart, QSizeF(CHART_WIDTH, CHART_HEIGHT))  # type: ignore[arg-type]
    finally:
        edit.endEditBlock()


# The chart on a sheet, in CSS pixels (1/96 inch): beside the numbers' table.
CHART_WIDTH, CHART_HEIGHT = 290, 130


def _drop_placeholders(document: QTextDocument, charts: dict[str, object]) -> None:
    for placeholder in charts:
        cursor = document.find(placeholder)
        while not cursor.isNull():
            cursor.removeSelectedText()
            cursor = document.find(placeholder, cursor.position())


def sheet_document(
    sheet: PrepSheet, device: QPagedPaintDevice, note_lines: int = 0
) -> QTextDocument:
    """Lay one sheet out on the pages of ``device`` (a PDF writer or a printer)."""
    charts: dict[str, object] = {}
    for section in sheet.sections:
        charts.update(section.charts)
    return _document(sheet_html(sheet, note_lines=note_lines), device, charts)


def pages_of(sheet: PrepSheet, device: QPagedPaintDevice, note_lines: int = MIN_NOTE_LINES) -> int:
    """How many pages one sheet takes on ``device``."""
    return sheet_document(sheet, device, note_lines).pageCount()


# The sheet fit_sheet measured last, the device and its layout (a sheet is fitted, then
# laid out for printing, straight after: one layout fewer a sheet).
_last_measured: tuple[PrepSheet, QPagedPaintDevice, QTextDocument] | None = None


def laid_out_sheet(sheet: PrepSheet, device: QPagedPaintDevice) -> QTextDocument:
    """The sheet laid out with as many ruled lines as fit on its last page (a few at least).

    Two layouts measure how tall a line is and how much room is left; the answer is
    laid out and checked, and that very layout is the one printed (every layout of a
    sheet costs a few milliseconds, and a pack has many).
    """
    last = _last_measured
    if last is not None and last[0] is sheet and last[1] is device:
        few = last[2]  # fit_sheet has just laid it out
    else:
        few = sheet_document(sheet, device, MIN_NOTE_LINES)
    pages = few.pageCount()
    page_height = few.pageSize().height()
    more = sheet_document(sheet, device, MIN_NOTE_LINES + 2)
    per_line = (more.size().height() - few.size().height()) / 2
    if per_line <= 0 or more.pageCount() != pages:
        return few
    room = pages * page_height - few.size().height() - per_line  # keep a line's margin
    lines = min(MAX_NOTE_LINES, MIN_NOTE_LINES + max(0, int(room // per_line)))
    known = {MIN_NOTE_LINES: few, MIN_NOTE_LINES + 2: more}
    document = known.get(lines) or sheet_document(sheet, device, lines)
    while lines > MIN_NOTE_LINES and document.pageCount() != pages:
        lines -= 1
        document = known.get(lines) or sheet_document(sheet, device, lines)
    return document


def _footer_height(device: QPagedPaintDevice) -> float:
    return FOOTER_PT * device.logicalDpiY() / 72


def sheet_label(sheet: PrepSheet) -> str:
    """What every page of a sheet says at its foot (the page number follows)."""
    return f"{sheet.name} · 1:1 on {_day(sheet.day)}"


def pack_parts(
    sheets: Iterable[PrepSheet], device: QPagedPaintDevice, cover: tuple[str, str] | None = None
) -> Iterator[tuple[QTextDocument, str]]:
    """A cover (its HTML and foot line), then each sheet: laid out one at a time."""
    if cover is not None:
        yield _document(cover[0], device, {}), cover[1]
    for sheet in sheets:
        yield laid_out_sheet(sheet, device), sheet_label(sheet)


def print_parts(
    parts: Iterable[tuple[QTextDocument, str]],
    device: QPagedPaintDevice,
    *,
    each: Callable[[], bool] | None = None,
) -> bool:
    """Print laid-out documents one after another, each page with its foot line.

    The pages are drawn from the very layout that was measured (to hold a sheet to two
    pages); ``QTextDocument.print_`` would lay the text out again and can push the last
    lines of a full page onto a page it then does not print. ``each`` is called after
    every part; when it returns False printing stops there and False is returned.
    """
    painter = QPainter(device)
    footer_font = print_font(7.5)
    first = True
    try:
        for document, label in parts:
            page = QRectF(QPointF(0, 0), document.pageSize())
            count = document.pageCount()
            for index in range(count):
                if not first:
                    device.newPage()
                first = False
                painter.save()
                painter.translate(0, -index * page.height())
                document.drawContents(painter, page.translated(0, index * page.height()))
                painter.restore()
                foot = QRectF(0, page.height(), page.width(), _footer_height(device))
                painter.setFont(footer_font)
                text = f"{label} — page {index + 1} of {count}" if label else ""
                painter.drawText(
                    foot, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), text
                )
            if each is not None and not each():
                return False
    finally:
        painter.end()
    return True


def print_document(document: QTextDocument, device: QPagedPaintDevice, label: str = "") -> None:
    """Print one laid-out document (see :func:`print_parts`)."""
    print_parts([(document, label)], device)


def move_to_end(document: QTextDocument) -> QTextCursor:
    """A cursor at the end of ``document`` (used by tests and the chart inserter)."""
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    return cursor


def fit_sheet(
    journal: Journal,
    rep_id: int,
    day: dt.date,
    device: QPagedPaintDevice,
    *,
    include_private: bool = False,
    flags: dict[int | None, list[Flag]] | None = None,
) -> PrepSheet:
    """Gather a sheet that fits in two pages, tightening the limits as long as needed."""
    from coachdesk.assembled.prep import build_prep_sheet
    from coachdesk.coaching.prep import LIMITS
    from coachdesk.render.prep_sections import SECTIONS

    sections = tuple(SECTIONS)

    def build(limits: dict[str, int]) -> PrepSheet:
        return build_prep_sheet(
            journal,
            rep_id,
            day,
            include_private=include_private,
            limits=limits,
            flags=flags,
            sections=sections,
        )

    def measured(sheet: PrepSheet) -> int:
        # The layout that measured the sheet is kept for laid_out_sheet, which starts
        # from the very same one.
        global _last_measured
        document = sheet_document(sheet, device, MIN_NOTE_LINES)
        _last_measured = (sheet, device, document)
        return document.pageCount()

    limits = dict(LIMITS)
    sheet = build(limits)
    pages = measured(sheet)
    if pages == 2:
        # One page is worth a little less of the plan or agreement in brief.
        tighter = build({key: max(1, value * 2 // 3) for key, value in limits.items()})
        if measured(tighter) == 1:
            return tighter
        measured(sheet)  # the one returned is the one measured last
    for _ in range(4):
        if pages <= MAX_PAGES:
            return sheet
        limits = {key: max(1, value // 2) for key, value in limits.items()}
        sheet = build(limits)
        pages = measured(sheet)
    return sheet


def cover_html(title: str, lines: Sequence[str], totals_html: str = "") -> str:
    """The pack's cover: the week, how many sheets, and team totals (never per rep)."""
    items = "".join(f"<li>{_esc(line)}</li>" for line in lines)
    return f"<h1>{_esc(title)}</h1><ul>{items}</ul>{totals_html}"


def _cover_totals(journal: Journal, day: dt.date, rep_ids: Sequence[int]) -> str:
    """Team totals for the cover from later subjects (the numbers), as safe HTML."""
    from coachdesk.render.prep_sections import cover_totals

    return cover_totals(journal, day, rep_ids)


def print_pack(
    journal: Journal,
    rep_ids: Sequence[int],
    day: dt.date,
    device: QPagedPaintDevice,
    *,
    include_private: bool = False,
    pack_title: str | None = None,
    follow_schedule: bool = False,
    progress: Callable[[int, int], bool] | None = None,
) -> bool:
    """Lay out and print one sheet, or a pack with a cover, a sheet at a time.

    ``progress(done, total)`` is told before the first sheet and after each one; when it
    returns False printing stops and False is returned. With ``follow_schedule``, each
    sheet is for its rep's next scheduled 1:1 on or after ``day`` (``day`` for a rep with
    none). The flags that choose questions are gathered once, for these reps only.
    """
    from coachdesk.assembled.flags import collect
    from coachdesk.assembled.prep import scheduled_day

    flags = collect(journal, day, rep_ids)

    def sheets() -> Iterator[PrepSheet]:
        for rep_id in rep_ids:
            when = scheduled_day(journal, rep_id, day) if follow_schedule else day
            yield fit_sheet(
                journal, rep_id, when, device, include_private=include_private, flags=flags
            )

    cover = None
    if pack_title is not None:
        week_of = _day(day - dt.timedelta(days=day.weekday()))
        count = len(rep_ids)
        lines = [f"Week of {week_of}", f"{count} prep sheet{'s' if count != 1 else ''}"]
        if include_private:
            lines.append("PRIVATE — includes private notes. Keep this copy; do not share it.")
        html_ = cover_html(pack_title, lines, _cover_totals(journal, day, rep_ids))
        cover = (html_, f"{pack_title} · week of {week_of}")
    printed = 0  # parts: the cover (if any), then the sheets

    def each() -> bool:
        nonlocal printed
        printed += 1
        sheets_done = printed - (1 if cover is not None else 0)
        return progress is None or progress(max(sheets_done, 0), len(rep_ids))

    if progress is not None and not progress(0, len(rep_ids)):
        return False
    return print_parts(pack_parts(sheets(), device, cover), device, each=each)


def write_pdf(
    journal: Journal,
    rep_ids: Sequence[int],
    day: dt.date,
    out: Path,
    *,
    include_private: bool = False,
    paper: QPageSize.PageSizeId | None = None,
    pack_title: str | None = None,
    follow_schedule: bool = False,
    progress: Callable[[int, int], bool] | None = None,
) -> int | None:
    """Write one sheet, or a pack with a cover, to ``out``; return the page count.

    As :func:`print_pack`; when ``progress`` cancels, nothing is written and None is
    returned. The PDF is laid out and drawn in memory, a sheet at a time, then written
    the one safe way: a private file, never through a link, replacing ``out`` only once
    it is whole. Raises :class:`~coachdesk.store.errors.WriteFailed` (a known problem)
    when it cannot be.
    """
    from coachdesk.render.pdf import PdfInMemory

    pdf = PdfInMemory(page_layout(paper))
    done = print_pack(
        journal,
        rep_ids,
        day,
        pdf.writer,
        include_private=include_private,
        pack_title=pack_title,
        follow_schedule=follow_schedule,
        progress=progress,
    )
    return pdf.save(out) if done else None

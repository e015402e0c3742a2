"""Reading a spreadsheet workbook (.xlsx, .xls, .ods) as a table, and any import file.

CRMs and HR systems export reports as Excel workbooks as often as CSV, and asking the
user to re-save one as CSV loses time and, worse, dates: a CSV written by a spreadsheet
writes them in the computer's own order. A workbook's date cells are dates, so they are
read as such.

The reader is python-calamine (a binding of the Rust library calamine) rather than
openpyxl: it reads all three formats people get from CRMs — .xlsx, the old binary .xls
that some CRMs still export, and LibreOffice's .ods — where openpyxl reads only .xlsx
(and .xls would need xlrd, .ods yet another library). It is also many times faster on a
report of tens of thousands of rows, ships a self-contained wheel for Linux, Windows and
macOS with no dependencies, and adds about 2.3 MB to the installed app. It is imported
only when a workbook is opened, so start-up does not pay for it.

A workbook becomes the same :class:`~coachdesk.imports.csvfile.CsvTable` as a CSV file:
the first row with two or more values holds the headings (a "formatted" report has its
title and filters above them), and each row keeps its spreadsheet row number, so that
problems are reported as "line N" of what the user sees in their spreadsheet.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from coachdesk.imports.csvfile import (
    _OLE_MAGIC,
    _ZIP_MAGIC,
    CsvRow,
    CsvTable,
    _headings,
    read_table,
)
from coachdesk.store.errors import ImportProblem

__all__ = ["WORKBOOK_SUFFIXES", "read_table_file", "read_workbook"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")

SAVE_AGAIN = (
    "Open it in your spreadsheet and save it again as an Excel workbook (.xlsx) or as "
    'UTF-8 CSV ("CSV UTF-8" in Excel), then import that file.'
)

Cell = int | float | str | bool | dt.date | dt.datetime | dt.time | dt.timedelta


def read_table_file(source: Path | bytes) -> CsvTable:
    """Read an import file, CSV or workbook, into a :class:`CsvTable`.

    A workbook is recognised by its content (a zip or an old Office file), not its name,
    so an .xlsx renamed .csv is read all the same. Raises :class:`ImportProblem` for a
    file that cannot be read.
    """
    if isinstance(source, Path):
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise ImportProblem(
                f"Could not read {source} ({exc.strerror or exc}).",
                "Check that the file exists and that you may open it.",
            ) from exc
        label = source.name
    else:
        data, label = bytes(source), "The file"
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC):
        return read_workbook(data, label)
    # The path, not the bytes, so that the CSV reader's messages name the file.
    return read_table(source)


def read_workbook(data: bytes, label: str = "The file") -> CsvTable:
    """Read the first worksheet with data in the workbook ``data`` into a :class:`CsvTable`."""
    from python_calamine import (
        CalamineError,
        CalamineWorkbook,
        SheetTypeEnum,
        SheetVisibleEnum,
    )

    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
            rows: list[list[Cell]] | None = None
            for index, meta in enumerate(book.sheets_metadata):
                if meta.visible != SheetVisibleEnum.Visible or meta.typ != SheetTypeEnum.WorkSheet:
                    continue
                found = book.get_sheet_by_index(index).to_python(skip_empty_area=False)
                if any(any(_text(cell) for cell in row) for row in found):
                    rows = found
                    break
    except CalamineError as exc:
        problem = (
            f"{label} is protected with a password."
            if "password" in type(exc).__name__.lower()
            else f"{label} could not be read as a spreadsheet workbook ({exc})."
        )
        raise ImportProblem(problem, SAVE_AGAIN) from exc
    except (ValueError, OSError) as exc:  # not a workbook after all (say, a .numbers file)
        raise ImportProblem(
            f"{label} is not a workbook coachdesk can read ({exc}).", SAVE_AGAIN
        ) from exc
    if rows is None:
        raise ImportProblem(
            f"{label} has no worksheet with data.",
            "Export the report again, with a header line and its rows.",
        )

    records = [
        (number, [_text(cell) for cell in row])
        for number, row in enumerate(rows, start=1)
        if any(_text(cell) for cell in row)
    ]
    # A formatted report starts with its title and filters, one value a line.
    widest = max(sum(1 for value in fields if value) for _, fields in records)
    start = next(
        n
        for n, (_, fields) in enumerate(records)
        if sum(1 for value in fields if value) >= min(2, widest)
    )
    header_line, header_fields = records[start]
    headers, columns = _headings(header_fields, header_line, label)
    table_rows = [
        CsvRow(
            line=line,
            values={
                name: fields[index] if index < len(fields) else ""
                for name, index in zip(headers, columns, strict=True)
            },
        )
        for line, fields in records[start + 1 :]
    ]
    kind = {b"PK": "xlsx"}.get(data[:2], "xls")
    if kind == "xlsx" and b"mimetypeapplication/vnd.oasis" in data[:200]:
        kind = "ods"
    return CsvTable(headers=headers, rows=table_rows, encoding=kind, delimiter="")


def _text(cell: Cell) -> str:
    """A cell as the text a CSV export would hold, dates written YYYY-MM-DD."""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()  # a week is made of days; the time adds nothing
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float):
        if cell.is_integer() and abs(cell) < 1e15:
            return str(int(cell))
        text = repr(cell)
        return f"{cell:f}".rstrip("0").rstrip(".") if "e" in text else text
    return str(cell)

"""Reading a CSV file exported by a spreadsheet, a CRM or an HR system.

Such files arrive in whatever encoding and separator the exporting program and its
locale chose: Excel's "CSV UTF-8" has a byte-order mark, its "Unicode Text" is UTF-16
with tabs, a European Excel separates with semicolons, and an older export is often
Windows-1252. :func:`read_table` works out which, and gives back the rows keyed by
their column headings, each with the line of the file it starts on so that problems can
be reported in terms the user can find in the file.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from coachdesk.store.errors import ImportProblem

# Checked in this order when the header line has as many of one as of another: a tab or
# a semicolon in a heading is rarer than a comma, so it says more about the separator.
DELIMITERS = ("\t", ";", ",")

SAVE_AS_UTF8 = (
    "Open it in your spreadsheet and save it as UTF-8 CSV "
    '("CSV UTF-8" in Excel), then import that file.'
)

_ZIP_MAGIC = b"PK\x03\x04"  # .xlsx, .ods, .numbers and other zipped documents
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and other old Office files
_BLANK_LINES = re.compile(r"(?:[ \t]*(?:\r\n|\r|\n))*")

# Shares of an import's time: reading the file, checking its rows, writing them.
IMPORT_STAGES = (("read", 10), ("check", 40), ("write", 50))


@dataclass(frozen=True)
class CsvRow:
    """One record of the file: where it starts and its values by column heading."""

    line: int  # physical line of the file the record starts on; the first line is 1
    values: dict[str, str]


@dataclass(frozen=True)
class CsvTable:
    """A whole CSV file: its headings, its records and how it was written."""

    headers: list[str]
    rows: list[CsvRow]
    encoding: str  # a Python codec name: utf-8, utf-8-sig, utf-16-le, utf-16-be, cp1252
    delimiter: str


def read_table(source: Path | bytes) -> CsvTable:
    """Read a CSV file (a path, or its bytes) into a :class:`CsvTable`.

    The first line that is not blank holds the headings. Headings and values lose their
    surrounding whitespace; blank lines are skipped; a column without a heading is left
    out; a record with fewer values than there are headings gets empty ones. Raises
    :class:`ImportProblem` for a file that cannot be read, is empty, is not text, has
    the same heading twice, or has records with more values than headings.
    """
    if isinstance(source, Path):
        label = source.name
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise ImportProblem(
                f"Could not read {source} ({exc.strerror or exc}).",
                "Check that the file exists and that you may open it.",
            ) from exc
    else:
        label = "The file"
        data = bytes(source)

    text, encoding = decode(data, label)
    delimiter = detect_delimiter(text)
    records = _parse(text, delimiter, label)
    if not records:
        raise ImportProblem(
            f"{label} is empty.", "Export the file again, with a header line and its rows."
        )

    header_line, header_fields = records[0]
    headers, columns = _headings(header_fields, header_line, label)
    rows: list[CsvRow] = []
    too_long: list[str] = []
    for line, fields in records[1:]:
        extra = fields[len(header_fields) :]
        if any(value.strip() for value in extra):
            too_long.append(
                f"line {line}: {len(fields)} values, but the header line has "
                f"{len(header_fields)} columns"
            )
            continue
        rows.append(
            CsvRow(
                line=line,
                values={
                    name: fields[index].strip() if index < len(fields) else ""
                    for name, index in zip(headers, columns, strict=True)
                },
            )
        )
    if too_long:
        separator = {"\t": "a tab", ";": "a semicolon", ",": "a comma"}[delimiter]
        raise ImportProblem(
            f"{label} has rows with more values than there are column headings.",
            f"A value there probably contains {separator}: put the value in double quotes, "
            "or export the file again from your spreadsheet.",
            too_long,
        )
    return CsvTable(headers=headers, rows=rows, encoding=encoding, delimiter=delimiter)


def decode(data: bytes, label: str = "The file") -> tuple[str, str]:
    """Return the text of ``data`` and the name of the encoding it was in.

    Tries, in order: a byte-order mark (UTF-8, UTF-16 LE/BE), UTF-16 without one
    (recognised by the NUL bytes of its ASCII characters), UTF-8, then Windows-1252,
    the usual encoding of an older Excel on Windows in western Europe and America.
    """
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC):
        raise ImportProblem(f"{label} is a spreadsheet workbook, not a CSV file.", SAVE_AS_UTF8)
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = [("utf-8-sig", data)]
    elif data.startswith(b"\xff\xfe"):
        candidates = [("utf-16-le", data[2:])]
    elif data.startswith(b"\xfe\xff"):
        candidates = [("utf-16-be", data[2:])]
    elif b"\x00" in data:
        candidates = [(_utf16_without_bom(data, label), data)]
    else:
        # Text that decodes as UTF-8 almost never is anything else; Windows-1252 text
        # with accented letters almost never decodes as UTF-8.
        candidates = [("utf-8", data), ("cp1252", data)]

    failure: UnicodeDecodeError | None = None
    for encoding, payload in candidates:
        try:
            text = payload.decode(encoding)
        except UnicodeDecodeError as exc:
            failure = exc
            continue
        if "\x00" in text:
            raise ImportProblem(f"{label} does not look like a CSV text file.", SAVE_AS_UTF8)
        # A second mark (a file saved twice by a careless tool) would stick to the
        # first heading and stop it from being recognised.
        return text.lstrip("\ufeff"), encoding
    assert failure is not None
    raise ImportProblem(
        f"{label} is not in a text encoding coachdesk can read "
        f"(byte 0x{failure.object[failure.start]:02X} at position {failure.start}).",
        SAVE_AS_UTF8,
    ) from failure


def _utf16_without_bom(data: bytes, label: str) -> str:
    """Tell UTF-16 LE from BE by where the NUL bytes fall, or refuse a binary file.

    Headings and most values are ASCII, and an ASCII character in UTF-16 is one NUL
    byte and one character byte: NULs at odd offsets mean little-endian, at even
    offsets big-endian. A file with NULs in neither pattern is not text.
    """
    sample = data[:4096]
    pairs = len(sample) // 2
    nul_even = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0)
    nul_odd = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0)
    if pairs and nul_odd >= pairs * 0.3 and nul_even <= pairs * 0.05:
        return "utf-16-le"
    if pairs and nul_even >= pairs * 0.3 and nul_odd <= pairs * 0.05:
        return "utf-16-be"
    raise ImportProblem(f"{label} does not look like a CSV text file.", SAVE_AS_UTF8)


def detect_delimiter(text: str) -> str:
    """Return the separator of the header line: a tab, a semicolon or a comma.

    Only characters outside double quotes count, so a heading such as
    ``"Name, full"`` does not make a semicolon file look comma-separated. A header
    with none of them is a single column, read as comma-separated.
    """
    start = _BLANK_LINES.match(text)
    header = _first_line(text, start.end() if start else 0)
    # Whitespace around the header line is not a separator, even a stray trailing tab.
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header.strip():
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])  # the first of equals wins
    return best if counts[best] else ","


def _first_line(text: str, position: int) -> str:
    """Return the line starting at ``position``; a quoted line break does not end it."""
    quoted = False
    for end in range(position, len(text)):
        char = text[end]
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            return text[position:end]
    return text[position:]


def _parse(text: str, delimiter: str, label: str) -> list[tuple[int, list[str]]]:
    """Split ``text`` into records, each with the line it starts on; blank ones skipped.

    Parsed strictly first, because only then does a quote that is never closed show up
    as an error instead of silently swallowing the rest of the file. Files with other
    quoting slips (text after a closing quote) are then read leniently, the way a
    spreadsheet would.
    """
    try:
        return _records(text, delimiter, strict=True)
    except _UnclosedQuote as exc:
        raise ImportProblem(
            f'{label} has a double quote (") on line {exc.line} that is never closed, '
            "so the rest of the file would be read as one value.",
            "Close or remove that quote, then import the file again.",
        ) from None
    except csv.Error:
        pass  # another quoting slip: read leniently below
    try:
        return _records(text, delimiter, strict=False)
    except csv.Error as exc:  # a value longer than the csv module allows, for one
        raise ImportProblem(f"{label} could not be read as CSV ({exc}).", SAVE_AS_UTF8) from exc


class _UnclosedQuote(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _records(text: str, delimiter: str, *, strict: bool) -> list[tuple[int, list[str]]]:
    # newline="" keeps line breaks inside quoted values as they are, and the reader's
    # line_num counts physical lines, so a record starts one line after the previous
    # record ended, however many lines that one spanned.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
    records: list[tuple[int, list[str]]] = []
    start = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                raise _UnclosedQuote(start) from exc
            raise
        if any(value.strip() for value in fields):
            records.append((start, fields))
        start = reader.line_num + 1
    return records


def _headings(fields: list[str], line: int, label: str) -> tuple[list[str], list[int]]:
    """Return the non-empty headings and the column index of each."""
    headers: list[str] = []
    columns: list[int] = []
    first_column: dict[str, int] = {}
    for index, raw in enumerate(fields):
        name = raw.strip()
        if not name:
            continue  # spreadsheets export a trailing empty column now and then
        if name in first_column:
            raise ImportProblem(
                f'{label} has the heading "{name}" twice on line {line} '
                f"(columns {first_column[name] + 1} and {index + 1}).",
                "Rename or remove one of those columns, then import the file again.",
            )
        first_column[name] = index
        headers.append(name)
        columns.append(index)
    return headers, columns

"""Reading spreadsheet workbooks (.xlsx, .xls, .ods) for the roster and numbers imports."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from coachdesk.cli import run
from coachdesk.imports import load_roster
from coachdesk.imports.numbers import load_numbers
from coachdesk.imports.workbook import read_table_file
from coachdesk.store import numbers, reps
from coachdesk.store.db import Journal
from coachdesk.store.errors import ImportProblem

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def xlsx(path: Path, rows: list[list[object]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def ods(path: Path, rows: list[list[object]]) -> Path:
    """A minimal OpenDocument spreadsheet, as LibreOffice writes one (strings and dates)."""

    def cell(value: object) -> str:
        if isinstance(value, dt.date):
            return (
                f'<table:table-cell office:value-type="date" office:date-value="{value}">'
                f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>"
            )
        if isinstance(value, float | int):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return (
            '<table:table-cell office:value-type="string">'
            f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
        )

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2"><manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


ROSTER = [
    ["Full Name", "Email", "Team", "Hire Date"],
    ["Ana Ruiz", "ana@example.com", "West", dt.date(2024, 3, 1)],
    ["José Müller", "jose@example.com", "West", dt.date(2023, 11, 20)],
]


def added(journal: Journal) -> list[tuple[str, str, str | None]]:
    return [(r.name, r.email, r.start_date) for r in reps.list_reps(journal)]


WANT = [
    ("Ana Ruiz", "ana@example.com", "2024-03-01"),
    ("José Müller", "jose@example.com", "2023-11-20"),
]


def test_a_roster_as_xlsx(journal: Journal, tmp_path: Path) -> None:
    result = load_roster(journal, xlsx(tmp_path / "roster.xlsx", ROSTER))
    assert result.reps_added == 2 and result.teams_created == 1
    assert added(journal) == WANT


def test_a_roster_as_ods(journal: Journal, tmp_path: Path) -> None:
    load_roster(journal, ods(tmp_path / "roster.ods", ROSTER))
    assert added(journal) == WANT


def test_a_roster_as_old_xls(journal: Journal) -> None:
    load_roster(journal, FIXTURES / "roster.xls")
    assert added(journal) == WANT


def test_the_roster_command_reads_a_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = xlsx(tmp_path / "roster.xlsx", ROSTER)
    assert run(["import-roster", str(path), "--data-dir", str(tmp_path / "d")]) == 0
    assert "Imported 2 reps (1 new team)." in capsys.readouterr().out


def test_an_opportunities_report_as_old_xls(journal: Journal) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
    jose = reps.add_rep(journal, reps.NewRep("José Müller")).id
    load_numbers(journal, FIXTURES / "opportunities.xls")
    values = {
        (n.rep_id, n.week, n.metric_key): n.value
        for n in numbers.values_between(journal, "2026-W40", "2026-W53")
    }
    assert values[(ana, "2026-W47", "bookings")] == 13734.5
    assert values[(ana, "2026-W47", "deals_closed")] == 2
    assert values[(jose, "2026-W46", "deals_closed")] == 0
    assert values[(jose, "2026-W47", "bookings")] == 0


def test_cells_read_as_a_csv_export_would_write_them(tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "cells.xlsx",
        [
            ["Report of the quarter"],  # a title above the headings
            [],
            ["Name", "Whole", "Part", "Yes", "When", "At"],
            [
                "  Ana  ",
                12500.0,
                12500.5,
                True,
                dt.date(2026, 3, 31),
                dt.datetime(2026, 3, 31, 10, 15),
            ],
        ],
    )
    table = read_table_file(path)
    assert table.headers == ["Name", "Whole", "Part", "Yes", "When", "At"]
    assert [(row.line, row.values) for row in table.rows] == [
        (
            4,
            {
                "Name": "Ana",
                "Whole": "12500",
                "Part": "12500.5",
                "Yes": "TRUE",
                "When": "2026-03-31",
                "At": "2026-03-31",
            },
        )
    ]
    assert table.encoding == "xlsx"


def test_a_csv_with_a_workbook_name_is_read_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_text("Name,Email\nAna Ruiz,ana@example.com\n", encoding="utf-8")
    assert read_table_file(path).rows[0].values == {"Name": "Ana Ruiz", "Email": "ana@example.com"}


def test_a_damaged_workbook_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00rest-of-an-xlsx")
    with pytest.raises(ImportProblem) as caught:
        read_table_file(path)
    assert "broken.xlsx" in caught.value.what
    assert "save it again as an Excel workbook (.xlsx)" in caught.value.advice

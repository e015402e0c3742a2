"""Reading CSV files as spreadsheets, CRMs and HR systems export them."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachdesk.imports.csvfile import CsvRow, read_table
from coachdesk.store.errors import ImportProblem


def lines_of(table_rows: list[CsvRow]) -> list[int]:
    return [row.line for row in table_rows]


def test_utf8_with_bom_comma_separated() -> None:
    table = read_table("\ufeffName,Email\nAna Ruiz,ana@example.com\n".encode())

    assert table.encoding == "utf-8-sig"
    assert table.delimiter == ","
    # The mark must not stick to the first heading, or "Name" would not be recognised.
    assert table.headers == ["Name", "Email"]
    assert table.rows == [CsvRow(line=2, values={"Name": "Ana Ruiz", "Email": "ana@example.com"})]


def test_utf8_without_bom() -> None:
    table = read_table("Name\nZoë Ægir\n".encode())

    assert table.encoding == "utf-8"
    assert table.rows[0].values == {"Name": "Zoë Ægir"}


def test_semicolon_separated_european_excel_export() -> None:
    data = "First Name;Last Name;E-Mail;Team\r\nJosé;Müller;jose@example.com;Süd, West\r\n"
    table = read_table(data.encode("cp1252"))

    assert table.delimiter == ";"
    assert table.encoding == "cp1252"
    assert table.headers == ["First Name", "Last Name", "E-Mail", "Team"]
    assert table.rows[0].values["Team"] == "Süd, West"


def test_utf16_le_unicode_text_from_excel_is_tab_separated() -> None:
    # Excel's "Unicode Text": UTF-16 little-endian with a byte-order mark, tabs, CRLF.
    text = "Name\tTeam\r\nليلى حداد\tEast\r\nZoë\tWest\r\n"
    table = read_table(b"\xff\xfe" + text.encode("utf-16-le"))

    assert table.encoding == "utf-16-le"
    assert table.delimiter == "\t"
    assert [row.values["Name"] for row in table.rows] == ["ليلى حداد", "Zoë"]
    assert lines_of(table.rows) == [2, 3]


def test_utf16_be_with_bom() -> None:
    table = read_table(b"\xfe\xff" + "Name\tTeam\nAna\tEast\n".encode("utf-16-be"))

    assert table.encoding == "utf-16-be"
    assert table.rows[0].values == {"Name": "Ana", "Team": "East"}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(codec: str) -> None:
    table = read_table("Name,Team\nJosé Müller,East\n".encode(codec))

    assert table.encoding == codec
    assert table.rows[0].values == {"Name": "José Müller", "Team": "East"}


def test_windows_1252_when_not_utf8() -> None:
    data = "Name;Title\nJosé Müller;Account Executive – Nord\nZoë;SDR\n".encode("cp1252")
    table = read_table(data)

    assert table.encoding == "cp1252"
    assert [row.values["Name"] for row in table.rows] == ["José Müller", "Zoë"]
    assert table.rows[0].values["Title"] == "Account Executive – Nord"


def test_bytes_no_known_encoding_can_read_are_refused() -> None:
    # 0x81 and 0x8D are undefined in Windows-1252 and invalid alone in UTF-8.
    with pytest.raises(ImportProblem) as caught:
        read_table(b"Name\nAna \x81\x8d\n")

    assert "not in a text encoding" in caught.value.what
    assert "save it as UTF-8 CSV" in caught.value.advice


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x06\x00rest-of-an-xlsx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest-of-an-xls",
    ],
)
def test_a_workbook_is_refused_with_advice(data: bytes) -> None:
    with pytest.raises(ImportProblem) as caught:
        read_table(data)

    assert "spreadsheet workbook, not a CSV file" in caught.value.what
    assert "UTF-8 CSV" in caught.value.advice


def test_a_binary_file_is_refused() -> None:
    with pytest.raises(ImportProblem, match="does not look like a CSV text file"):
        read_table(bytes(range(256)) * 4)


def test_delimiter_comes_from_the_header_outside_quotes() -> None:
    table = read_table(b'"Name, full";Email\n"Ruiz, Ana";ana@example.com\n')

    assert table.delimiter == ";"
    assert table.rows[0].values == {"Name, full": "Ruiz, Ana", "Email": "ana@example.com"}


def test_delimiter_is_not_taken_from_the_rows() -> None:
    # Many semicolons in the values, but the header says comma.
    table = read_table(b"Name,Note\nAna,a;b;c;d;e\n")

    assert table.delimiter == ","
    assert table.rows[0].values["Note"] == "a;b;c;d;e"


def test_a_single_column_file() -> None:
    table = read_table(b"Name\nAna\nBo\n")

    assert table.delimiter == ","
    assert table.headers == ["Name"]
    assert [row.values for row in table.rows] == [{"Name": "Ana"}, {"Name": "Bo"}]


def test_multiline_quoted_values_keep_line_numbers_right() -> None:
    data = (
        b"Name,Title,Team\n"  # line 1
        b'Ana,"Account Executive\nEnterprise\nNorth",East\n'  # lines 2-4
        b"Bo,SDR,West\n"  # line 5
        b'Cy,"Two\r\nlines",East\n'  # lines 6-7
        b"Di,AE,East\n"  # line 8
    )
    table = read_table(data)

    assert lines_of(table.rows) == [2, 5, 6, 8]
    assert table.rows[0].values["Title"] == "Account Executive\nEnterprise\nNorth"


def test_blank_lines_are_skipped_and_lines_still_counted() -> None:
    data = b"\n  \nName,Team\n\nAna,East\n,,\n \t \r\nBo,West\n\n"
    table = read_table(data)

    assert table.headers == ["Name", "Team"]
    assert lines_of(table.rows) == [5, 8]


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", b"\xef\xbb\xbf", b",,,\n,\n \t \n"])
def test_an_empty_file_is_a_clear_problem(data: bytes) -> None:
    with pytest.raises(ImportProblem) as caught:
        read_table(data)

    assert caught.value.what == "The file is empty."


def test_a_header_only_file_has_no_rows() -> None:
    table = read_table(b"Name,Email,Team\r\n")

    assert table.headers == ["Name", "Email", "Team"]
    assert table.rows == []


def test_rows_with_more_values_than_headings_are_all_listed() -> None:
    data = b"Name,Team\nAna,East\nRuiz, Ana,East\nBo,West\nLee, Cy,West,x\n"
    with pytest.raises(ImportProblem) as caught:
        read_table(data)

    assert "more values than there are column headings" in caught.value.what
    assert "a comma" in caught.value.advice
    assert caught.value.lines == [
        "line 3: 3 values, but the header line has 2 columns",
        "line 5: 4 values, but the header line has 2 columns",
    ]


def test_empty_values_past_the_last_heading_are_ignored() -> None:
    # Spreadsheets pad rows with separators when some other row is wider.
    table = read_table(b"Name,Team\nAna,East,,\nBo,West, \n")

    assert [row.values for row in table.rows] == [
        {"Name": "Ana", "Team": "East"},
        {"Name": "Bo", "Team": "West"},
    ]


def test_short_rows_get_empty_values() -> None:
    table = read_table(b"Name,Email,Team\nAna\n")

    assert table.rows[0].values == {"Name": "Ana", "Email": "", "Team": ""}


def test_headings_and_values_lose_surrounding_whitespace() -> None:
    table = read_table(b"  Name , Team\t\n  Ana Ruiz  ,\xc2\xa0East \n")

    assert table.headers == ["Name", "Team"]
    assert table.rows[0].values == {"Name": "Ana Ruiz", "Team": "East"}


def test_a_column_without_a_heading_is_left_out() -> None:
    table = read_table(b"Name,,Team,\nAna,x,East,\n")

    assert table.headers == ["Name", "Team"]
    assert table.rows[0].values == {"Name": "Ana", "Team": "East"}


def test_the_same_heading_twice_is_refused() -> None:
    with pytest.raises(ImportProblem) as caught:
        read_table(b"Name,Email,Email\nAna,a@x,b@x\n")

    assert caught.value.what == (
        'The file has the heading "Email" twice on line 1 (columns 2 and 3).'
    )


def test_a_quote_never_closed_is_reported_at_its_line() -> None:
    with pytest.raises(ImportProblem) as caught:
        read_table(b'Name,Team\nAna,East\n"Bo,West\nCy,East\n')

    assert 'double quote (") on line 3 that is never closed' in caught.value.what


def test_text_after_a_closing_quote_is_read_leniently() -> None:
    table = read_table(b'Name,Team\n"Ana" Ruiz,East\n')

    assert table.rows[0].values == {"Name": "Ana Ruiz", "Team": "East"}


def test_reads_a_path_and_names_it_in_problems(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"Name\nAna\n")
    assert read_table(path).rows[0].values == {"Name": "Ana"}

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ImportProblem, match=r"^empty\.csv is empty\."):
        read_table(empty)


def test_a_missing_file_is_a_known_problem(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="Could not read"):
        read_table(tmp_path / "nowhere.csv")

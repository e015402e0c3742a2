"""Importing weekly numbers from a CRM export: `coachdesk import-numbers`, all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
from pathlib import Path

import pytest

from coachdesk.cli import run
from coachdesk.dates import IsoWeek
from coachdesk.imports.csvfile import read_table
from coachdesk.imports.numbers import load_numbers, parse_numbers, parse_week
from coachdesk.paths import resolve
from coachdesk.store import numbers, reps
from coachdesk.store.db import Journal
from coachdesk.store.errors import ImportProblem, InvalidInput

TODAY = dt.date(2026, 11, 23)


def make_team(data: Path) -> None:
    with Journal.open(resolve(data)) as journal:
        reps.add_rep(journal, reps.NewRep("José Müller", email="jose@example.com"))
        reps.add_rep(journal, reps.NewRep("Zoë Lefèvre"))
        reps.add_rep(journal, reps.NewRep("Ana Ruiz", email="ana@example.com"))


def stored(data: Path) -> list[tuple[str, str, str, float]]:
    """Every weekly value on disk: (rep, week, metric, value)."""
    conn = sqlite3.connect(resolve(data).journal)
    try:
        return conn.execute(
            "SELECT r.name, n.week, n.metric_key, n.value FROM weekly_numbers n "
            "JOIN reps r ON r.id = n.rep_id ORDER BY r.name, n.week, n.metric_key"
        ).fetchall()
    finally:
        conn.close()


def revision(data: Path) -> int:
    conn = sqlite3.connect(resolve(data).journal)
    try:
        return int(conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0])
    finally:
        conn.close()


GOOD = (
    "Rep,Week,Deals Closed,bookings,Pipeline created,Region\n"
    'José Müller,2026-W46,2,"$48,000",120 000,West\n'
    'zoë lefèvre,2026-11-13,1,"12,5",,East\n'  # a Friday of W46; "12,5" is 12.5
    'ANA@EXAMPLE.COM,2026-W47,0,0,"$3,400",\n'
)


# ----------------------------------------------------------------- the command


def test_a_good_file_imports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d"
    make_team(data)
    path = tmp_path / "crm.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert run(["import-numbers", str(path), "--data-dir", str(data)]) == 0
    assert "Imported 8 values, 0 replaced (3 reps, 2 weeks)." in capsys.readouterr().out
    by_key = {(name, week, key): value for name, week, key, value in stored(data)}
    assert by_key == {
        ("Ana Ruiz", "2026-W47", "bookings"): 0.0,
        ("Ana Ruiz", "2026-W47", "deals_closed"): 0.0,
        ("Ana Ruiz", "2026-W47", "pipeline_created"): 3400.0,
        ("José Müller", "2026-W46", "bookings"): 48000.0,
        ("José Müller", "2026-W46", "deals_closed"): 2.0,
        ("José Müller", "2026-W46", "pipeline_created"): 120000.0,
        ("Zoë Lefèvre", "2026-W46", "bookings"): 12.5,
        ("Zoë Lefèvre", "2026-W46", "deals_closed"): 1.0,
    }  # Zoë's empty pipeline cell set nothing


def test_the_same_week_again_replaces_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d"
    make_team(data)
    first = tmp_path / "first.csv"
    first.write_text(GOOD, encoding="utf-8")
    assert run(["import-numbers", str(first), "--data-dir", str(data)]) == 0
    again = tmp_path / "again.csv"
    again.write_text("Email;Week;Bookings\njose@example.com;2026-W46;50 000\n", encoding="utf-8")
    capsys.readouterr()
    assert run(["import-numbers", str(again), "--data-dir", str(data)]) == 0
    assert "Imported 1 value, 1 replaced (1 rep, 2026-W46)." in capsys.readouterr().out
    by_key = {(name, week, key): value for name, week, key, value in stored(data)}
    assert by_key[("José Müller", "2026-W46", "bookings")] == 50000.0
    assert by_key[("José Müller", "2026-W46", "deals_closed")] == 2.0  # not in the file: kept


def test_a_bad_row_on_line_3_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d"
    make_team(data)
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    assert run(["import-numbers", str(good), "--data-dir", str(data)]) == 0
    before, rows_before = revision(data), stored(data)

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Rep,Week,Bookings\nJosé Müller,2026-W47,1000\nZoë Lefèvre,2026-W47,lots\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run(["import-numbers", str(bad), "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "line 3: Bookings: 'lots' is not a number" in err
    assert "line 2" not in err
    assert err.startswith("coachdesk: Nothing was imported")
    assert revision(data) == before
    assert stored(data) == rows_before


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("cp1252", ";"), ("utf-16", "\t"), ("utf-8-sig", ",")],
)
def test_excel_encodings_and_delimiters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str, delimiter: str
) -> None:
    data = tmp_path / "d"
    make_team(data)
    lines = [
        ["Rep Name", "Week Starting", "Deals closed", "Bookings"],
        ["José Müller", "16/11/2026", "3", "€ 7.500,00"],
        ["Zoë Lefèvre", "2026-W47", "1", "900"],
    ]
    path = tmp_path / f"export-{encoding}.csv"
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(lines)
    path.write_bytes(text.getvalue().encode(encoding))
    assert run(["import-numbers", str(path), "--data-dir", str(data)]) == 0
    assert "Imported 4 values, 0 replaced (2 reps, 2026-W47)." in capsys.readouterr().out
    by_key = {(name, week, key): value for name, week, key, value in stored(data)}
    assert by_key[("José Müller", "2026-W47", "bookings")] == 7500.0
    assert by_key[("Zoë Lefèvre", "2026-W47", "deals_closed")] == 1.0


# ----------------------------------------------------------------- the rules


def test_every_problem_is_listed_by_line(journal: Journal) -> None:
    reps.add_rep(journal, reps.NewRep("Ana Ruiz"))
    reps.add_rep(journal, reps.NewRep("Sam Lee"))
    reps.add_rep(journal, reps.NewRep("Sam Lee", email="sam.two@example.com"))
    text = (
        "Rep,Week,Bookings,Demos\n"
        "Ana Ruiz,2026-W47,100,1\n"  # 2: fine
        "Nobody,2026-W47,100,\n"  # 3
        "Ana Ruiz,03/04/2026,100,\n"  # 4: ambiguous date
        "Ana Ruiz,2025-W53,100,\n"  # 5: 2025 has no week 53
        "Ana Ruiz,2026-W50,100,\n"  # 6: not started
        "Sam Lee,2026-W47,100,\n"  # 7: two reps of that name
        "Ana Ruiz,2026-W47,5,\n"  # 8: same rep and week as line 2
        ",2026-W47,1,\n"  # 9: no rep
        "Ana Ruiz,,1,\n"  # 10: no week
    )
    with pytest.raises(ImportProblem) as caught:
        load_numbers(journal, text.encode())
    assert caught.value.lines == [
        "line 3: Nobody is not on the roster",
        "line 4: week 03/04/2026 could be 2026-04-03 (3 April) or 2026-03-04 (4 March); "
        "write it as YYYY-MM-DD",
        "line 5: week 2025-W53 does not exist in 2025",
        "line 6: week 2026-W50 has not started yet",
        "line 7: 2 reps are called Sam Lee; add an Email column",
        "line 8: Ana Ruiz's 2026-W47 is also on line 2",
        "line 9: the rep is empty",
        "line 10: the week is empty",
    ]
    assert numbers.count_values(journal) == 0


def test_missing_columns_are_named(journal: Journal) -> None:
    with pytest.raises(ImportProblem) as caught:
        load_numbers(journal, b"Owner,Amount\nAna,3\n")
    message = str(caught.value)
    assert "no column for the week" in message
    assert "at least one metric" in message
    assert '"Owner", "Amount"' in message


def test_two_columns_for_one_metric_are_refused(journal: Journal) -> None:
    table = read_table(b"Rep,Week,Bookings,bookings_\nAna,2026-W47,1,2\n")
    with pytest.raises(ImportProblem, match="both Bookings"):
        parse_numbers(table, numbers.list_metrics(journal), [], TODAY)


def test_weeks_and_dates() -> None:
    assert parse_week("2026-W53") == IsoWeek(2026, 53)
    assert parse_week("2026w5") == IsoWeek(2026, 5)
    assert parse_week("2027-01-03") == IsoWeek(2026, 53)  # a Sunday of week 53
    assert parse_week("28.12.2026") == IsoWeek(2026, 53)
    assert parse_week("12/28/2026") == IsoWeek(2026, 53)
    assert parse_week("2026-11-23", TODAY) == IsoWeek(2026, 48)  # this week has started
    with pytest.raises(InvalidInput, match="neither a week"):
        parse_week("last week")
    with pytest.raises(InvalidInput, match="does not exist in 2025"):
        parse_week("2025-W53")
    with pytest.raises(InvalidInput, match="has not started yet"):
        parse_week("2026-11-30", TODAY)

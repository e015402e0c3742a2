"""Importing a roster of reps from a CSV file: reading, checking, and all-or-nothing writing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coachdesk.imports import load_roster
from coachdesk.imports.csvfile import read_table
from coachdesk.imports.roster import RosterEntry, parse_roster, parse_start_date
from coachdesk.store.changes import Change
from coachdesk.store.db import Journal
from coachdesk.store.errors import ImportProblem, InvalidInput
from coachdesk.store.records import Rep
from coachdesk.store.reps import NewRep, add_rep, archive_rep, list_reps
from coachdesk.store.roster import RosterImportResult, import_roster
from coachdesk.store.settings import set_setting
from coachdesk.store.teams import add_team, list_teams


def write(tmp_path: Path, data: bytes, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def entries_of(data: bytes) -> list[RosterEntry]:
    return parse_roster(read_table(data))


def team_of(journal: Journal, rep: Rep) -> str:
    names = {team.id: team.name for team in list_teams(journal)}
    return names[rep.team_id] if rep.team_id is not None else ""


def roster(journal: Journal) -> list[tuple[str, str]]:
    """What the roster shows: each rep's name and team."""
    return [(rep.name, team_of(journal, rep)) for rep in list_reps(journal)]


class Untouched:
    """Remembers a journal's state, to show later that a failed import left it alone."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.revision = journal.revision()
        self.reps = list_reps(journal)
        self.teams = list_teams(journal)

    def check(self) -> None:
        assert self.journal.revision() == self.revision
        assert list_reps(self.journal) == self.reps
        assert list_teams(self.journal) == self.teams


# ----------------------------------------------------------------- whole imports


def test_utf8_file_with_bom_is_imported(journal: Journal, tmp_path: Path) -> None:
    data = (
        "\ufeffFull Name,Email,Job Title,Team,Hire Date,Region\r\n"
        "Ana Ruiz,ana@example.com,Account Executive,Enterprise,2024-03-01,West\r\n"
        "Bo Chen,bo@example.com,SDR,enterprise,15/04/2023,East\r\n"
        "Cy Lee,,,,,\r\n"
    ).encode()
    changes: list[Change] = []
    journal.add_listener(changes.append)
    revision = journal.revision()

    result = load_roster(journal, write(tmp_path, data))

    assert result == RosterImportResult(reps_added=3, teams_created=1)
    assert journal.revision() == revision + 1  # one transaction
    assert [c.subjects for c in changes] == [frozenset({"reps", "teams"})]
    ana, bo, cy = list_reps(journal)
    assert (ana.name, ana.email, ana.title, ana.start_date, ana.territory) == (
        "Ana Ruiz",
        "ana@example.com",
        "Account Executive",
        "2024-03-01",
        "West",
    )
    assert bo.start_date == "2023-04-15"
    assert (cy.email, cy.team_id, cy.start_date) == ("", None, None)
    # "Enterprise" and "enterprise" are the same team, created once.
    assert [team.name for team in list_teams(journal)] == ["Enterprise"]
    assert ana.team_id == bo.team_id
    assert ana.created_at == journal.now()


def test_semicolon_european_excel_export(journal: Journal, tmp_path: Path) -> None:
    data = (
        "First Name;Last Name;E-Mail;Team\r\n"
        "José;Müller;jose.mueller@example.de;Vertrieb Süd\r\n"
        "Zoë;;zoe@example.de;Vertrieb Süd\r\n"
        ";Okafor;;Vertrieb Nord\r\n"
    ).encode("cp1252")

    result = load_roster(journal, write(tmp_path, data))

    assert result == RosterImportResult(reps_added=3, teams_created=2)
    assert roster(journal) == [
        ("José Müller", "Vertrieb Süd"),
        ("Okafor", "Vertrieb Nord"),
        ("Zoë", "Vertrieb Süd"),
    ]
    assert list_reps(journal)[0].email == "jose.mueller@example.de"


def test_utf16_unicode_text_from_excel(journal: Journal, tmp_path: Path) -> None:
    text = (
        "Rep Name\tWork Email\tDepartment\tStart Date\r\n"
        "ليلى حداد\tlayla@example.com\tMENA\t2022/11/30\r\n"
        "Zoë Ægir\tzoe@example.com\tNordics\t1.2.2021\r\n"
    )
    data = b"\xff\xfe" + text.encode("utf-16-le")

    result = load_roster(journal, write(tmp_path, data, "roster.txt"))

    assert result == RosterImportResult(reps_added=2, teams_created=2)
    layla, zoe = sorted(list_reps(journal), key=lambda rep: rep.email)
    assert (layla.name, team_of(journal, layla), layla.start_date) == (
        "ليلى حداد",
        "MENA",
        "2022-11-30",
    )
    assert (zoe.name, zoe.start_date) == ("Zoë Ægir", "2021-02-01")


def test_windows_1252_accented_names(journal: Journal, tmp_path: Path) -> None:
    data = "Name,Title\nJosé Müller,Account Executive\nZoë,SDR\nFrançois Ørsted,AE\n"

    load_roster(journal, write(tmp_path, data.encode("cp1252")))

    assert [rep.name for rep in list_reps(journal)] == ["François Ørsted", "José Müller", "Zoë"]


def test_names_with_quotes_sql_emoji_and_arabic_are_kept_exactly(
    journal: Journal, tmp_path: Path
) -> None:
    names = [
        'Ana "La Jefa" Ruiz',
        "Robert'); DROP TABLE reps;--",
        "O'Brien, Siobhán",
        "Sam 🚀 Lee",
        "ليلى حداد",
        "Dana\u200fLevi",
    ]
    lines = ["Name,Team"]
    for name in names:
        lines.append('"' + name.replace('"', '""') + '",Team ' + "🚀")
    data = "\r\n".join(lines).encode("utf-8-sig")

    result = load_roster(journal, write(tmp_path, data))

    assert result == RosterImportResult(reps_added=6, teams_created=1)
    assert sorted(rep.name for rep in list_reps(journal)) == sorted(names)
    assert [team.name for team in list_teams(journal)] == ["Team 🚀"]
    assert journal.check().ok


def test_existing_teams_are_matched_ignoring_case(journal: Journal, tmp_path: Path) -> None:
    east = add_team(journal, "East Coast")
    sud = add_team(journal, "Équipe Sud")
    data = "Name,Team\nAna,east coast\nBo,ÉQUIPE  SUD\nCy,West\nDi,west\n".encode()

    result = load_roster(journal, write(tmp_path, data))

    assert result == RosterImportResult(reps_added=4, teams_created=1)
    assert [team.name for team in list_teams(journal)] == ["East Coast", "West", "Équipe Sud"]
    reps = {rep.name: rep.team_id for rep in list_reps(journal)}
    assert reps["Ana"] == east.id
    assert reps["Bo"] == sud.id
    assert reps["Cy"] == reps["Di"] is not None


def test_new_teams_get_the_journals_default_cadence(journal: Journal) -> None:
    set_setting(journal, "default_cadence_days", 14)

    import_roster(journal, [RosterEntry(line=2, name="Ana", team="East")])

    assert [team.cadence_days for team in list_teams(journal)] == [14]


def test_nothing_to_import_writes_nothing(journal: Journal) -> None:
    untouched = Untouched(journal)

    assert import_roster(journal, []) == RosterImportResult(reps_added=0, teams_created=0)
    untouched.check()


# ----------------------------------------------------------------- problems: nothing imported


def test_a_file_without_a_name_column(journal: Journal, tmp_path: Path) -> None:
    add_rep(journal, NewRep(name="Already Here"))
    untouched = Untouched(journal)
    data = b"Email,Team,Phone\nana@example.com,East,555\n"

    with pytest.raises(ImportProblem) as caught:
        load_roster(journal, write(tmp_path, data))

    problem = caught.value
    assert problem.what == "The file has no column with the reps' names."
    assert 'Columns found: "Email", "Team", "Phone".' in problem.advice
    assert '"Full Name", "Name", "Rep Name", "Rep" or "Employee Name"' in problem.advice
    assert '"First Name" and "Last Name"' in problem.advice
    untouched.check()


def test_duplicate_names_within_the_file(journal: Journal, tmp_path: Path) -> None:
    untouched = Untouched(journal)
    data = (
        b"Name,Email\n"
        b"Ana Ruiz,ana@example.com\n"  # 2
        b"Bo Chen,bo@example.com\n"  # 3
        b"ANA  RUIZ,ana2@example.com\n"  # 4
        b"Cy,cy@example.com\n"  # 5
        b"bo chen,\n"  # 6
        b"Ana Ruiz,\n"  # 7
    )

    with pytest.raises(ImportProblem) as caught:
        load_roster(journal, write(tmp_path, data))

    assert caught.value.what == "Nothing was imported: the file has 2 problems."
    assert caught.value.lines == [
        "line 4: Ana Ruiz is in the file 3 times (lines 2, 4 and 7)",
        "line 6: Bo Chen is in the file twice (lines 3 and 6)",
    ]
    untouched.check()


def test_a_name_already_on_the_roster(journal: Journal, tmp_path: Path) -> None:
    add_rep(journal, NewRep(name="Ana Ruiz"))
    gone = add_rep(journal, NewRep(name="Old Timer"))
    archive_rep(journal, gone.id)
    untouched = Untouched(journal)
    data = (
        b"Name,Team\n"
        b"Bo Chen,East\n"  # 2
        b"Cy Lee,East\n"  # 3
        b"ana ruiz,West\n"  # 4
        b"OLD TIMER,West\n"  # 5
    )

    with pytest.raises(ImportProblem) as caught:
        load_roster(journal, write(tmp_path, data))

    assert caught.value.lines == [
        "line 4: ana ruiz is already on the roster",
        "line 5: OLD TIMER is already in the journal (archived)",
    ]
    assert "Nothing was imported" in caught.value.what
    untouched.check()


def test_every_bad_row_is_reported_at_once(journal: Journal, tmp_path: Path) -> None:
    untouched = Untouched(journal)
    data = (
        b"Name,Email,Start Date\n"  # 1
        b"Ana,ana@example.com,2024-03-01\n"  # 2
        b",nobody@example.com,\n"  # 3
        b"Bo,bo.example.com,03/04/2024\n"  # 4
        b"Cy,,next monday\n"  # 5
        b"Di,,2023-02-30\n"  # 6
        b"Ed,,13/13/2024\n"  # 7
    )

    with pytest.raises(ImportProblem) as caught:
        load_roster(journal, write(tmp_path, data))

    assert caught.value.what == "Nothing was imported: the file has 6 problems."
    assert caught.value.lines == [
        "line 3: the name is empty",
        "line 4: email bo.example.com has no @ in it",
        "line 4: start date 03/04/2024 could be 2024-04-03 (3 April) or 2024-03-04 "
        "(4 March); write it as YYYY-MM-DD",
        "line 5: start date next monday is not a date; write it as YYYY-MM-DD",
        "line 6: start date 2023-02-30 is not a real date",
        "line 7: start date 13/13/2024 is not a real date",
    ]
    untouched.check()


def test_line_numbers_stay_right_after_a_multiline_value(journal: Journal, tmp_path: Path) -> None:
    untouched = Untouched(journal)
    data = (
        b"Name,Title,Email\r\n"  # 1
        b'Ana,"Account Executive\r\nEnterprise, North\r\n(on leave)",ana@example.com\r\n'  # 2-4
        b"Bo,SDR,bo-at-example.com\r\n"  # 5
        b'"Cy\nLee",AE,cy@example.com\r\n'  # 6-7
        b"Ana,AE,\r\n"  # 8
    )

    with pytest.raises(ImportProblem) as caught:
        load_roster(journal, write(tmp_path, data))

    assert caught.value.lines == [
        "line 5: email bo-at-example.com has no @ in it",
        "line 8: Ana is in the file twice (lines 2 and 8)",
    ]
    untouched.check()

    # Once fixed, the multi-line title is kept and the name's line break becomes a space.
    fixed = data.replace(b"bo-at-example.com", b"bo@example.com").replace(b"Ana,AE", b"Di,AE")
    assert load_roster(journal, write(tmp_path, fixed)).reps_added == 4
    reps = {rep.name: rep for rep in list_reps(journal)}
    assert reps["Ana"].title == "Account Executive\r\nEnterprise, North\r\n(on leave)"
    assert "Cy Lee" in reps


def test_unreadable_encoding_imports_nothing(journal: Journal, tmp_path: Path) -> None:
    untouched = Untouched(journal)

    with pytest.raises(ImportProblem) as caught:
        load_roster(journal, write(tmp_path, b"Name\nAna\x81\n"))

    assert "save it as UTF-8 CSV" in str(caught.value)
    untouched.check()


def test_a_header_only_file_imports_nothing(journal: Journal, tmp_path: Path) -> None:
    untouched = Untouched(journal)

    with pytest.raises(ImportProblem, match="no reps under them"):
        load_roster(journal, write(tmp_path, b"Name,Email\n"))
    untouched.check()


def test_the_store_refuses_bad_entries_on_its_own(journal: Journal) -> None:
    # import_roster is public: it must not trust that its entries were checked.
    add_rep(journal, NewRep(name="Zoë"))
    untouched = Untouched(journal)
    entries = [
        RosterEntry(line=2, name="Ana", team="East"),
        RosterEntry(line=3, name="  "),
        RosterEntry(line=4, name="ZOË"),
        RosterEntry(line=5, name="ana"),
        RosterEntry(line=6, name="Bo", start_date="3/1/2024"),
    ]

    with pytest.raises(ImportProblem) as caught:
        import_roster(journal, entries)

    assert caught.value.lines == [
        "line 3: the name is empty",
        "line 4: ZOË is already on the roster",
        "line 5: ana is also on line 2",
        "line 6: start date 3/1/2024 is not a YYYY-MM-DD date",
    ]
    untouched.check()


def test_a_failure_while_writing_leaves_nothing_behind(journal: Journal) -> None:
    untouched = Untouched(journal)
    # A name the store's checks let through but the table refuses: proves that the
    # teams and reps written before the failure are rolled back with it.
    journal.db.conn.execute(
        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON reps WHEN new.name = 'Cy' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    entries = [
        RosterEntry(line=2, name="Ana", team="East"),
        RosterEntry(line=3, name="Bo", team="West"),
        RosterEntry(line=4, name="Cy", team="North"),
    ]

    with pytest.raises(sqlite3.IntegrityError, match="refused"):
        import_roster(journal, entries)

    untouched.check()


# ----------------------------------------------------------------- columns


@pytest.mark.parametrize(
    ("header", "field", "value"),
    [
        ("full_name", "name", "Ana"),
        ("NAME", "name", "Ana"),
        ("Rep", "name", "Ana"),
        ("rep-name", "name", "Ana"),
        ("Employee Name", "name", "Ana"),
        ("E-mail", "email", "a@x"),
        ("email_address", "email", "a@x"),
        ("Work Email", "email", "a@x"),
        ("Job Title", "title", "AE"),
        ("role", "title", "AE"),
        ("Team Name", "team", "East"),
        ("DEPARTMENT", "team", "East"),
        ("Group", "team", "East"),
        ("hire_date", "start_date", "2024-01-31"),
        ("Started", "start_date", "2024-01-31"),
        ("REGION", "territory", "West"),
    ],
)
def test_column_synonyms(header: str, field: str, value: str) -> None:
    data = f"{header},Surname\n{value},Ruiz\n" if field != "name" else f"{header}\n{value}\n"
    (entry,) = entries_of(data.encode())

    assert getattr(entry, field) == value


def test_a_full_name_column_wins_over_first_and_last() -> None:
    data = b"First Name,Last Name,Name\nAna,Ruiz,Ana Ruiz-Soto\nBo,Chen,\n"

    assert [entry.name for entry in entries_of(data)] == ["Ana Ruiz-Soto", "Bo Chen"]


def test_team_is_preferred_to_department() -> None:
    (entry,) = entries_of(b"Name,Department,Team\nAna,Sales,East\n")

    assert entry.team == "East"


def test_two_columns_for_the_same_field_are_refused() -> None:
    with pytest.raises(ImportProblem) as caught:
        entries_of(b"Name,E-mail,Email\nAna,a@x,b@x\n")

    assert caught.value.what == 'The columns "E-mail" and "Email" both look like the email column.'


def test_other_columns_are_ignored() -> None:
    (entry,) = entries_of(b"Name,Phone,Quota\nAna,555,100000\n")

    assert entry == RosterEntry(line=2, name="Ana")


# ----------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01", "2024-03-01"),
        ("2024/3/1", "2024-03-01"),
        ("2024-03-01T00:00:00Z", "2024-03-01"),
        ("2024-03-01 09:30", "2024-03-01"),
        ("25/12/2023", "2023-12-25"),  # day first: 25 cannot be a month
        ("12/25/2023", "2023-12-25"),  # month first: 25 cannot be a month
        ("12-25-2023", "2023-12-25"),
        ("5/5/2024", "2024-05-05"),  # both ways the same day
        ("3/31/2024 0:00", "2024-03-31"),
        ("1/30/2024 12:00 AM", "2024-01-30"),
        ("01.02.2024", "2024-02-01"),  # dots: always day first
    ],
)
def test_start_dates_that_are_accepted(text: str, expected: str) -> None:
    assert parse_start_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("03/04/2024", "could be 2024-04-03 (3 April) or 2024-03-04 (4 March)"),
        ("1-2-2024", "could be 2024-02-01 (1 February) or 2024-01-02 (2 January)"),
        ("3/1/24", "is not a date; write it as YYYY-MM-DD"),
        ("2024-13-01", "is not a real date"),
        ("31/31/2024", "is not a real date"),
        ("31/02/2024", "is not a real date"),
        ("0/5/2024", "is not a real date"),
        ("March 1, 2024", "is not a date"),
        ("2024-03-01 later", "is not a date"),
    ],
)
def test_start_dates_that_are_refused(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_start_date(text)

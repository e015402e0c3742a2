"""Turning a CSV roster (a CRM or HR export) into reps to add.

Exports name their columns differently ("Full Name", "Employee Name", "E-mail",
"Hire Date", "Department"…), so headings are matched loosely against the synonyms
below. Every row is checked before anything is added, and every problem is reported
at once, by line, so the user can fix the file in one go.
"""

from __future__ import annotations

import datetime as dt
import re

from coachdesk.imports.csvfile import CsvTable
from coachdesk.store.errors import ImportProblem, InvalidInput
from coachdesk.store.progress import Progress, Tracker
from coachdesk.store.roster import RosterEntry, name_key, tidy

__all__ = ["COLUMNS", "RosterEntry", "parse_roster", "parse_start_date"]

# Field -> the headings that mean it, best first: when a file has two of them
# (say "Team" and "Department"), the earlier one is used.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("Full Name", "Name", "Rep Name", "Rep", "Employee Name"),
    "first_name": ("First Name", "Given Name"),
    "last_name": ("Last Name", "Surname", "Family Name"),
    "email": ("Email", "E-mail", "Email Address", "Work Email"),
    "title": ("Title", "Job Title", "Role"),
    "team": ("Team", "Team Name", "Department", "Group"),
    "start_date": ("Start Date", "Hire Date", "Started"),
    "territory": ("Territory", "Region"),
}

_ISO = re.compile(r"(?P<year>\d{4})(?P<sep>[-/])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})")
_DOTTED = re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})")
_SLASHED = re.compile(r"(?P<first>\d{1,2})(?P<sep>[-/])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4})")
# Spreadsheets write a date cell that holds a time as "3/1/2024 0:00" and HR systems
# as "2024-03-01T00:00:00Z"; a start date is a calendar day, so the time is dropped.
_TIME = re.compile(
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def parse_roster(table: CsvTable, *, progress: Progress | None = None) -> list[RosterEntry]:
    """Return one :class:`RosterEntry` per row of ``table``.

    Raises :class:`ImportProblem` if no column holds the rep's name, if two columns
    claim the same field, if there are no rows, or if any row is wrong (no name, a
    start date that cannot be read or could be two dates, an email without "@", a
    name the file has twice); then every wrong row is listed as "line N: …".
    ``progress`` hears how many rows are checked and may stop it (``Cancelled``).
    """
    tracker = Tracker(progress, [("rows", 1)])
    tracker.stage("rows")
    columns = _match_columns(table.headers)
    if not table.rows:
        raise ImportProblem(
            "The file has column headings but no reps under them.",
            "Export the roster again with its rows.",
        )

    entries: list[RosterEntry] = []
    problems: list[tuple[int, str]] = []
    for row in tracker.each(table.rows):

        def value(field: str, values: dict[str, str] = row.values) -> str:
            """Return this row's value for ``field``; empty if the file has no such column."""
            return values.get(columns[field], "") if field in columns else ""

        name = tidy(value("name")) or tidy(f"{value('first_name')} {value('last_name')}")
        if not name:
            problems.append((row.line, f"line {row.line}: the name is empty"))
        email = value("email")
        if email and "@" not in email:
            problems.append((row.line, f"line {row.line}: email {email} has no @ in it"))
        start_date: str | None = None
        raw_date = value("start_date")
        if raw_date:
            try:
                start_date = parse_start_date(raw_date)
            except InvalidInput as exc:
                problems.append((row.line, f"line {row.line}: {exc}"))
        entries.append(
            RosterEntry(
                line=row.line,
                name=name,
                email=email,
                title=value("title"),
                team=tidy(value("team")),
                start_date=start_date,
                territory=value("territory"),
            )
        )

    problems += _duplicates(entries)
    if problems:
        problems.sort(key=lambda problem: problem[0])
        count = len(problems)
        raise ImportProblem(
            f"Nothing was imported: the file has {count} "
            f"{'problem' if count == 1 else 'problems'}.",
            "Fix them in the file (or in your spreadsheet, then export it again) and "
            "import it again.",
            [text for _, text in problems],
        )
    return entries


def parse_start_date(text: str, what: str = "start date") -> str:
    """Return ``text`` as a YYYY-MM-DD date, or raise :class:`InvalidInput` saying why not.

    Accepts YYYY-MM-DD and YYYY/MM/DD, D.M.YYYY (always day first, as written in much
    of Europe), and D/M/YYYY or M/D/YYYY only when one part is over 12 or both are
    equal; anything else could be two different days and is refused. A time after
    the date is ignored. ``what`` names the value in the messages.
    """
    stripped = text.strip()
    for pattern in (_ISO, _DOTTED, _SLASHED):
        match = pattern.match(stripped)
        if match is None or not _TIME.fullmatch(stripped, match.end()):
            continue
        parts = {key: int(part) for key, part in match.groupdict().items() if key != "sep"}
        year = parts["year"]
        if pattern is not _SLASHED:
            month, day = parts["month"], parts["day"]
        else:
            first, second = parts["first"], parts["second"]
            if not first or not second:
                raise InvalidInput(f"{what} {stripped} is not a real date")
            if first > 12 >= second or first == second:
                day, month = first, second
            elif second > 12 >= first:
                month, day = first, second
            elif first <= 12 and second <= 12:
                # Both readings are real days (a day of 12 or less exists in every
                # month), and guessing wrong would file the rep's start a month off.
                raise InvalidInput(
                    f"{what} {stripped} could be {_iso(year, second, first)} "
                    f"({first} {_MONTHS[second - 1]}) or {_iso(year, first, second)} "
                    f"({second} {_MONTHS[first - 1]}); write it as YYYY-MM-DD"
                )
            else:
                raise InvalidInput(f"{what} {stripped} is not a real date")
        if not _is_real(year, month, day):
            raise InvalidInput(f"{what} {stripped} is not a real date")
        return _iso(year, month, day)
    raise InvalidInput(f"{what} {stripped} is not a date; write it as YYYY-MM-DD")


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _is_real(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _normal(heading: str) -> str:
    """Return a heading as compared: no case, spaces, underscores or hyphens."""
    return re.sub(r"[\s_\-]+", "", heading).casefold()


def _match_columns(headers: list[str]) -> dict[str, str]:
    """Return field -> the heading that holds it, for the fields the file has."""
    by_normal: dict[str, list[str]] = {}
    for heading in headers:
        by_normal.setdefault(_normal(heading), []).append(heading)

    columns: dict[str, str] = {}
    for field, synonyms in COLUMNS.items():
        for synonym in synonyms:
            found = by_normal.get(_normal(synonym), [])
            if len(found) > 1:
                named = " and ".join(f'"{heading}"' for heading in found)
                raise ImportProblem(
                    f"The columns {named} both look like the {_label(field)} column.",
                    "Rename or remove one of them, then import the file again.",
                )
            if found:
                columns[field] = found[0]
                break

    if not {"name", "first_name", "last_name"} & columns.keys():
        found_text = ", ".join(f'"{h}"' for h in headers) if headers else "none"
        raise ImportProblem(
            "The file has no column with the reps' names.",
            f"Columns found: {found_text}. Needed: a name column called "
            + _alternatives(COLUMNS["name"])
            + ', or "First Name" and "Last Name". Optional: '
            + "; ".join(
                _alternatives(COLUMNS[field])
                for field in ("email", "title", "team", "start_date", "territory")
            )
            + ".",
        )
    return columns


def _label(field: str) -> str:
    return {"first_name": "first name", "last_name": "last name", "start_date": "start date"}.get(
        field, field
    )


def _alternatives(names: tuple[str, ...]) -> str:
    quoted = [f'"{name}"' for name in names]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]


def _duplicates(entries: list[RosterEntry]) -> list[tuple[int, str]]:
    """Report each name the file has more than once, at its second line."""
    lines: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for entry in entries:
        if entry.name:
            key = name_key(entry.name)
            lines.setdefault(key, []).append(entry.line)
            names.setdefault(key, entry.name)
    problems: list[tuple[int, str]] = []
    for key, found in lines.items():
        if len(found) > 1:
            where = ", ".join(str(n) for n in found[:-1]) + f" and {found[-1]}"
            times = "twice" if len(found) == 2 else f"{len(found)} times"
            problems.append(
                (found[1], f"line {found[1]}: {names[key]} is in the file {times} (lines {where})")
            )
    return problems

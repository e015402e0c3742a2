"""Turning a CRM export of weekly numbers into values for the journal, all or nothing.

One row per rep and week: the rep by name or email, the week as ``2026-W47`` or as
any date in it, and one column per metric, named by the metric's key or label
("bookings", "Deals closed"…, ignoring case, spaces, underscores and hyphens). Other
columns are ignored. Every row is checked before anything is written, and every
problem is reported at once as "line N: …", a line the user can find in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from coachdesk.coaching.amounts import NotANumber, parse_amount
from coachdesk.dates import IsoWeek
from coachdesk.imports.csvfile import IMPORT_STAGES, CsvTable, read_table
from coachdesk.imports.roster import parse_start_date
from coachdesk.store import numbers as store
from coachdesk.store.db import Journal
from coachdesk.store.errors import ImportProblem, InvalidInput
from coachdesk.store.numbers import ValueChange
from coachdesk.store.progress import Progress, Tracker
from coachdesk.store.records import Metric, Rep
from coachdesk.store.reps import list_reps
from coachdesk.store.roster import name_key

# The headings that name the rep and the week, best first.
REP_COLUMNS = (
    "Rep",
    "Rep Name",
    "Name",
    "Full Name",
    "Sales Rep",
    "Owner",
    "Owner Name",
    "Opportunity Owner",
    "Account Executive",
    "Employee Name",
)
EMAIL_COLUMNS = ("Email", "E-mail", "Email Address", "Work Email", "Rep Email", "Owner Email")
WEEK_COLUMNS = (
    "Week",
    "ISO Week",
    "Week Of",
    "Week Starting",
    "Week Start",
    "Week Beginning",
    "Week Ending",
    "Date",
)

_ISO_WEEK = re.compile(r"(?P<year>\d{4})-?W(?P<week>\d{1,2})(?:-?[1-7])?", re.IGNORECASE)
_MAX_LISTED = 30


@dataclass(frozen=True)
class NumbersImportResult:
    """What an import wrote: values (and how many replaced one), reps and weeks."""

    values: int
    replaced: int
    reps: int
    weeks: list[str]


def load_numbers(
    journal: Journal, path: Path | bytes, *, progress: Progress | None = None
) -> NumbersImportResult:
    """Import the weekly numbers in the CSV file at ``path``, all or nothing.

    Raises :class:`ImportProblem`, with nothing written, when the file cannot be read,
    lacks a rep, week or metric column, or has any row that is wrong. ``progress``
    hears how far it is, row by row, and may stop it at any point
    (:class:`~coachdesk.store.progress.Cancelled`: nothing written).
    """
    tracker = Tracker(progress, IMPORT_STAGES)
    tracker.stage("read")
    tracker.tell(now=True)
    table = read_table(path)
    today = journal.clock.now().date()
    changes = parse_numbers(
        table,
        store.list_metrics(journal),
        list_reps(journal, include_archived=True),
        today,
        progress=tracker.relay("check"),
    )
    saved = store.set_values(journal, changes, progress=tracker.relay("write"))
    tracker.finish()
    return NumbersImportResult(
        values=saved.written,
        replaced=saved.replaced,
        reps=len({change.rep_id for change in changes}),
        weeks=sorted({change.week for change in changes}),
    )


def parse_week(text: str, today: dt.date | None = None) -> IsoWeek:
    """Return the ISO week in ``text``: ``2026-W47`` or any date of that week.

    Dates are read as in the roster import (YYYY-MM-DD always; D/M/YYYY or M/D/YYYY
    only when only one reading is possible). With ``today``, a week that has not
    started yet is refused. Raises :class:`InvalidInput` saying why.
    """
    stripped = text.strip()
    match = _ISO_WEEK.fullmatch(stripped)
    if match is not None:
        try:
            week = IsoWeek(int(match["year"]), int(match["week"]))
            week.monday()  # the calendar's ValueError for a week the year does not have
        except ValueError:
            raise InvalidInput(f"week {stripped} does not exist in {match['year']}") from None
    else:
        try:
            day = parse_start_date(stripped, "week")
        except InvalidInput as exc:
            if "is not a date" in str(exc):
                raise InvalidInput(
                    f"week {stripped} is neither a week like 2026-W47 nor a date like 2026-11-16"
                ) from None
            raise
        week = IsoWeek.of(dt.date.fromisoformat(day))
    if today is not None and week.monday() > today:
        raise InvalidInput(f"week {week} has not started yet")
    return week


def _normal(heading: str) -> str:
    """Return a heading as compared: no case, spaces, underscores or hyphens."""
    return re.sub(r"[\s_\-]+", "", heading).casefold()


def _find(headers: list[str], names: tuple[str, ...]) -> str | None:
    normal = {_normal(h): h for h in reversed(headers)}
    for name in names:
        if _normal(name) in normal:
            return normal[_normal(name)]
    return None


def _metric_columns(headers: list[str], metrics: list[Metric]) -> dict[str, Metric]:
    """Return heading -> metric for every heading naming a metric by key or label."""
    by_name: dict[str, Metric] = {}
    for metric in metrics:
        by_name.setdefault(_normal(metric.key), metric)
        by_name.setdefault(_normal(metric.label), metric)
    found: dict[str, Metric] = {}
    claimed: dict[str, str] = {}
    for heading in headers:
        named = by_name.get(_normal(heading))
        if named is None:
            continue
        if named.key in claimed:
            raise ImportProblem(
                f'The columns "{claimed[named.key]}" and "{heading}" are both {named.label}.',
                "Remove or rename one of them, then import the file again.",
            )
        claimed[named.key] = heading
        found[heading] = named
    return found


def parse_numbers(
    table: CsvTable,
    metrics: list[Metric],
    reps: list[Rep],
    today: dt.date | None = None,
    *,
    progress: Progress | None = None,
) -> list[ValueChange]:
    """Return the values the file sets, or raise :class:`ImportProblem` listing every bad row.

    An empty cell sets nothing (the journal keeps what it had for that metric and week).
    ``progress`` hears how many rows are checked and may stop it (``Cancelled``).
    """
    tracker = Tracker(progress, [("rows", 1)])
    tracker.stage("rows")
    rep_column = _find(table.headers, REP_COLUMNS)
    email_column = _find(table.headers, EMAIL_COLUMNS)
    week_column = _find(table.headers, WEEK_COLUMNS)
    columns = _metric_columns(table.headers, metrics)
    missing = []
    if rep_column is None and email_column is None:
        missing.append('the rep ("Rep", "Name" or "Email")')
    if week_column is None:
        missing.append('the week ("Week" or "Date")')
    if not columns:
        missing.append("at least one metric (" + ", ".join(m.label for m in metrics) + ")")
    if missing:
        found = ", ".join(f'"{h}"' for h in table.headers) or "none"
        raise ImportProblem(
            "The file has no column for " + " and no column for ".join(missing) + ".",
            f"Columns found: {found}. A metric column is named by the metric's name or key; "
            "the week is a week like 2026-W47 or any date in that week.",
        )
    if not table.rows:
        raise ImportProblem(
            "The file has column headings but no rows under them.",
            "Export the numbers again with their rows.",
        )

    by_name: dict[str, list[Rep]] = {}
    by_email: dict[str, list[Rep]] = {}
    for known in reps:
        by_name.setdefault(name_key(known.name), []).append(known)
        if known.email.strip():
            by_email.setdefault(known.email.strip().casefold(), []).append(known)

    changes: list[ValueChange] = []
    problems: list[str] = []
    first_line: dict[tuple[int, str], int] = {}
    for row in tracker.each(table.rows):
        where = f"line {row.line}"
        rep, why = _rep_of(
            row.values.get(rep_column, "") if rep_column else "",
            row.values.get(email_column, "") if email_column else "",
            by_name,
            by_email,
        )
        if rep is None:
            problems.append(f"{where}: {why}")
        week: IsoWeek | None = None
        raw_week = row.values.get(week_column or "", "")
        if not raw_week:
            problems.append(f"{where}: the week is empty")
        else:
            try:
                week = parse_week(raw_week, today)
            except InvalidInput as exc:
                problems.append(f"{where}: {exc}")
        row_changes = []
        for heading, metric in columns.items():
            try:
                value = parse_amount(row.values.get(heading, ""))
            except NotANumber as exc:
                problems.append(f"{where}: {metric.label}: {exc}")
                continue
            if value is not None and rep is not None and week is not None:
                row_changes.append(ValueChange(rep.id, str(week), metric.key, value))
        if rep is not None and week is not None:
            earlier = first_line.setdefault((rep.id, str(week)), row.line)
            if earlier != row.line:
                problems.append(f"{where}: {rep.name}'s {week} is also on line {earlier}")
                continue
        changes.extend(row_changes)

    if problems:
        count = len(problems)
        listed = problems[:_MAX_LISTED]
        if count > len(listed):
            listed.append(f"… and {count - len(listed)} more")
        raise ImportProblem(
            f"Nothing was imported: the file has {count} "
            f"{'problem' if count == 1 else 'problems'}.",
            "Fix them in the file (or in your spreadsheet, then export it again) and "
            "import it again.",
            listed,
        )
    return changes


def _rep_of(
    name: str, email: str, by_name: dict[str, list[Rep]], by_email: dict[str, list[Rep]]
) -> tuple[Rep | None, str]:
    """Find the rep a row is about, by email first (it is unique), else by name.

    A CRM's owner column often holds the email itself, so a "name" with an @ in it is
    looked up as an email.
    """
    if not email.strip() and "@" in name:
        email, name = name, ""
    if email.strip():
        found = by_email.get(email.strip().casefold(), [])
        if len(found) == 1:
            return found[0], ""
        if not name.strip():
            if found:
                return None, f"{len(found)} reps have the email {email.strip()}"
            return None, f"no rep has the email {email.strip()}"
    if not name.strip():
        return None, "the rep is empty"
    found = by_name.get(name_key(name), [])
    if len(found) == 1:
        return found[0], ""
    if found:
        return None, f"{len(found)} reps are called {name.strip()}; add an Email column"
    return None, f"{name.strip()} is not on the roster"

"""Adding a whole roster of reps at once, all or nothing.

The entries come from a file the user exported elsewhere (see
:mod:`coachdesk.imports.roster`); each keeps the line it came from so that every
problem can be reported as "line N: …", a place the user can find in the file.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from coachdesk.store.changes import Subject
from coachdesk.store.db import Journal
from coachdesk.store.errors import ImportProblem
from coachdesk.store.progress import Progress, Tracker
from coachdesk.store.settings import get_setting

FALLBACK_CADENCE_DAYS = 7


@dataclass(frozen=True)
class RosterEntry:
    """One rep to add, as read from line ``line`` of an import file."""

    line: int
    name: str
    email: str = ""
    title: str = ""
    team: str = ""  # a team name; empty for no team
    start_date: str | None = None  # YYYY-MM-DD
    territory: str = ""


@dataclass(frozen=True)
class RosterImportResult:
    """What an import added to the journal."""

    reps_added: int
    teams_created: int


def name_key(name: str) -> str:
    """Return the form of a rep's or team's name under which two names are the same.

    Case is ignored for every script, not only for ASCII as SQLite's ``NOCASE`` does,
    and so are runs of spaces and the two ways Unicode can write an accented letter
    (macOS tools tend to write "é" as "e" plus an accent).
    """
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def tidy(text: str) -> str:
    """Return ``text`` with its whitespace collapsed to single spaces, as a name is kept."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def import_roster(
    journal: Journal, entries: list[RosterEntry], *, progress: Progress | None = None
) -> RosterImportResult:
    """Add ``entries`` as reps, creating their teams as needed, in one transaction.

    Teams are matched to existing ones by name, ignoring case. Nothing is written if
    any entry has no name, names a rep already in the journal (archived ones count) or
    the same rep as an earlier entry, or has a start date that is not YYYY-MM-DD: an
    :class:`ImportProblem` then lists every such entry by its line.

    ``progress`` hears how many entries are written; a stop it asks for rolls the
    transaction back (:class:`~coachdesk.store.progress.Cancelled`: nothing added).
    """
    tracker = Tracker(progress, [("write", 1)])
    tracker.stage("write")
    tracker.tell(now=True)
    problems = _problems(journal, entries)
    if problems:
        count = len(problems)
        raise ImportProblem(
            f"Nothing was imported: {count} {'row' if count == 1 else 'rows'} of the file "
            "cannot be added to the journal.",
            "Remove or correct those rows in the file and import it again; reps already "
            "on the roster can be edited in coachdesk.",
            problems,
        )
    if not entries:
        return RosterImportResult(reps_added=0, teams_created=0)

    cadence = _default_cadence(journal)
    now = journal.now()
    teams_created = 0
    with journal.write(Subject.REPS, Subject.TEAMS) as db:
        team_ids = {
            name_key(name): int(team_id)
            for team_id, name in db.conn.execute("SELECT id, name FROM teams")
        }
        for entry in tracker.each(entries):
            team_id: int | None = None
            team = tidy(entry.team)
            if team:
                key = name_key(team)
                if key not in team_ids:
                    cur = db.conn.execute(
                        "INSERT INTO teams(name, cadence_days, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?)",
                        [team, cadence, now, now],
                    )
                    team_ids[key] = int(cur.lastrowid or 0)
                    teams_created += 1
                team_id = team_ids[key]
            db.conn.execute(
                "INSERT INTO reps(name, title, email, team_id, start_date, territory, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    tidy(entry.name),
                    entry.title.strip(),
                    entry.email.strip(),
                    team_id,
                    entry.start_date,
                    entry.territory.strip(),
                    now,
                    now,
                ],
            )
    tracker.finish()
    return RosterImportResult(reps_added=len(entries), teams_created=teams_created)


def _problems(journal: Journal, entries: list[RosterEntry]) -> list[str]:
    """Return every reason, line by line, why ``entries`` cannot be added."""
    on_file: dict[str, bool] = {}  # name key -> archived
    for name, archived_at in journal.conn.execute("SELECT name, archived_at FROM reps"):
        key = name_key(name)
        # An active rep of the same name says more than an archived one.
        on_file[key] = on_file.get(key, True) and archived_at is not None

    problems: list[tuple[int, str]] = []
    first_line: dict[str, int] = {}
    for entry in entries:
        name = tidy(entry.name)
        key = name_key(name)
        if not name:
            problems.append((entry.line, f"line {entry.line}: the name is empty"))
        elif key in on_file:
            where = "in the journal (archived)" if on_file[key] else "on the roster"
            problems.append((entry.line, f"line {entry.line}: {name} is already {where}"))
        elif key in first_line:
            problems.append(
                (
                    entry.line,
                    f"line {entry.line}: {name} is also on line {first_line[key]}",
                )
            )
        else:
            first_line[key] = entry.line
        if entry.start_date is not None and not _is_iso_date(entry.start_date):
            problems.append(
                (
                    entry.line,
                    f"line {entry.line}: start date {entry.start_date} is not a YYYY-MM-DD date",
                )
            )
    problems.sort(key=lambda problem: problem[0])
    return [text for _, text in problems]


def _is_iso_date(text: str) -> bool:
    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _default_cadence(journal: Journal) -> int:
    """Return the cadence a new team starts with: the journal's default setting."""
    value = get_setting(journal, "default_cadence_days", FALLBACK_CADENCE_DAYS)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 366:
        return value
    return FALLBACK_CADENCE_DAYS

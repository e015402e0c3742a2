"""The opt-in retention rule: private notes older than N months are emptied.

Off by default. When the manager switches it on, the Settings dialog applies it at
once (after saying how many meetings it touches); after that it runs at each start-up.
Only the private text of a meeting goes: the meeting, its agendas, shared notes and
commitments stay, so the rep's history is whole.

Which columns are private is asked of :func:`coachdesk.store.records.private_columns`,
the one list that sharing mode, printing and export also use.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from coachdesk.dates import add_months, iso_date, today
from coachdesk.store.changes import Subject
from coachdesk.store.db import Journal
from coachdesk.store.errors import sqlite_errors
from coachdesk.store.records import private_columns


def retention_cutoff(journal: Journal, older_than_months: int) -> dt.date:
    """Return the first day that is kept: today (journal clock) minus N months.

    A meeting held on this day is exactly N months old and is kept; one held the day
    before is older and is cleared.
    """
    if older_than_months < 0:
        raise ValueError("older_than_months cannot be negative")
    return add_months(today(journal.clock), -older_than_months)


def _has_private_text() -> str:
    columns = sorted(private_columns("meetings"))
    return "(" + " OR ".join(f"\"{name}\" <> ''" for name in columns) + ")"


def count_private_notes_older_than(journal: Journal, older_than_months: int) -> int:
    """Return how many meetings' private notes :func:`purge_private_notes` would clear."""
    cutoff = iso_date(retention_cutoff(journal, older_than_months))
    row = journal.conn.execute(
        f"SELECT count(*) FROM meetings WHERE held_at < ? AND {_has_private_text()}",
        [cutoff],
    ).fetchone()
    return int(row[0])


def purge_private_notes(journal: Journal, older_than_months: int) -> int:
    """Empty the private notes of meetings held before the cutoff; return how many.

    One transaction (subject "meetings"). ``secure_delete`` is on for the journal, so
    the old text is overwritten rather than left in free pages; the write-ahead log is
    then checkpointed so the file itself no longer holds it either. Backups taken
    before still do.
    """
    # Nothing to clear means no write: no change notice, no revision step, so the
    # start-up run does not make every view reload for nothing.
    if count_private_notes_older_than(journal, older_than_months) == 0:
        return 0
    cutoff = iso_date(retention_cutoff(journal, older_than_months))
    columns = sorted(private_columns("meetings"))
    sets = ", ".join(f"\"{name}\" = ''" for name in columns)
    # held_at is "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM…"; either sorts before the cutoff
    # date exactly when its day does.
    with journal.write(Subject.MEETINGS) as db:
        cursor = db.conn.execute(
            f"UPDATE meetings SET {sets}, updated_at = ? "
            f"WHERE held_at < ? AND {_has_private_text()}",
            [journal.now(), cutoff],
        )
        cleared = int(cursor.rowcount)
    if cleared:
        # Until a checkpoint, the old page versions sit in the journal file and in
        # earlier log frames. A checkpoint that cannot finish now (a reader holds an
        # old snapshot) finishes at a later one, at the latest when the journal closes.
        with contextlib.suppress(*sqlite_errors()):
            journal.checkpoint()
    return cleared

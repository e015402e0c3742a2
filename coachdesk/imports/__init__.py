"""Bringing data in from files made by other programs (CRM and HR exports, spreadsheets,
calendar exports).

Reading a file and checking its rows happen here; writing them is the store's job, so
all SQL stays in :mod:`coachdesk.store`.
"""

from __future__ import annotations

from pathlib import Path

from coachdesk.imports.csvfile import IMPORT_STAGES
from coachdesk.imports.roster import parse_roster
from coachdesk.imports.workbook import read_table_file
from coachdesk.store.db import Journal
from coachdesk.store.progress import Progress, Tracker
from coachdesk.store.roster import RosterImportResult, import_roster

__all__ = ["load_roster"]


def load_roster(
    journal: Journal, path: Path, *, progress: Progress | None = None
) -> RosterImportResult:
    """Add the reps listed in the file at ``path`` (CSV or workbook), all or nothing.

    Raises :class:`~coachdesk.store.errors.ImportProblem`, with nothing imported, when
    the file cannot be read, has no name column, or has rows that are wrong or already
    on the roster. ``progress`` hears how far it is, row by row, and may stop it at any
    point (:class:`~coachdesk.store.progress.Cancelled`: nothing imported).
    """
    tracker = Tracker(progress, IMPORT_STAGES)
    tracker.stage("read")
    tracker.tell(now=True)
    table = read_table_file(path)
    entries = parse_roster(table, progress=tracker.relay("check"))
    result = import_roster(journal, entries, progress=tracker.relay("write"))
    tracker.finish()
    return result

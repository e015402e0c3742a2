"""Bringing data in from files made by other programs (CRM and HR exports, spreadsheets).

Reading a file and checking its rows happen here; writing them is the store's job, so
all SQL stays in :mod:`coachdesk.store`.
"""

from __future__ import annotations

from pathlib import Path

from coachdesk.imports.roster import parse_roster
from coachdesk.imports.workbook import read_table_file
from coachdesk.store.db import Journal
from coachdesk.store.roster import RosterImportResult, import_roster

__all__ = ["load_roster"]


def load_roster(journal: Journal, path: Path) -> RosterImportResult:
    """Add the reps listed in the file at ``path`` (CSV or workbook), all or nothing.

    Raises :class:`~coachdesk.store.errors.ImportProblem`, with nothing imported, when
    the file cannot be read, has no name column, or has rows that are wrong or already
    on the roster.
    """
    return import_roster(journal, parse_roster(read_table_file(path)))

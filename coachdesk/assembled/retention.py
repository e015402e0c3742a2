"""The retention rule as the journal sets it: read the setting, then clear through the store.

The clearing itself (which rows, one transaction, the checkpoint) is
:mod:`coachdesk.store.retention`; the months come from the setting's one declaration.
"""

from __future__ import annotations

from coachdesk.assembled import settings_schema
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem
from coachdesk.store.retention import purge_private_notes


def retention_months(journal: Journal) -> int | None:
    """Return the retention rule's months, or ``None`` when it is off.

    Read through the setting's one declaration, so a stored value outside its limits
    (a journal edited by hand) reads as the default, off: deleting text on a value no
    one chose would be the worst way to fail.
    """
    return settings_schema.read(journal, settings_schema.PRIVATE_NOTES_RETENTION_MONTHS)


def apply_retention(journal: Journal) -> int:
    """Apply the journal's retention rule, if it is on; return how many were cleared."""
    months = retention_months(journal)
    if months is None:
        return 0
    return purge_private_notes(journal, months)


def apply_retention_quietly(journal: Journal) -> int:
    """Apply the rule at start-up without asking or interrupting; return the count.

    A read-only journal is left alone. A known problem (disk full, folder read-only)
    only means the rule waits for the next start; anything else is a bug and is
    raised, to be logged like any other.
    """
    if journal.readonly:
        return 0
    try:
        return apply_retention(journal)
    except KnownProblem:
        return 0

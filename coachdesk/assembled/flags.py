"""Flags: short prompts for the manager about a rep ("review due", "behind pace…").

Flags are the manager's own working signals, never shown in sharing mode, never printed
on a prep sheet. Each subject (agreements, the ladder, numbers) contributes a *source*:
a function reading the journal that returns flags by rep. A source lives in its
subject's module and registers itself in
:data:`coachdesk.assembled.flag_sources.FLAG_SOURCES`; this module loads the subjects'
modules when flags are first asked for, not at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING

from coachdesk.store.db import Journal

if TYPE_CHECKING:
    from coachdesk.assembled.flag_sources import Flag, FlagSource


def sources() -> list[FlagSource]:
    """Every flag source, in display order; the subjects' modules are loaded first."""
    # Each of these registers its source when it loads (the roster loads this module
    # before the first paint; they wait until flags are gathered).
    from coachdesk.assembled import agreements, ladder, numbers  # noqa: F401
    from coachdesk.assembled.flag_sources import FLAG_SOURCES

    return list(FLAG_SOURCES)


def collect(
    journal: Journal, today: dt.date, rep_ids: Collection[int] | None = None
) -> dict[int | None, list[Flag]]:
    """Return every flag, grouped by rep id (None for flags about the manager).

    Flags follow from the journal's content and the day only, so an answer is reused
    until the journal changes (its revision moves) or the day does. With ``rep_ids``,
    only those reps' flags (and the manager's) are sure to be there: a few sheets printed
    from the command line need not gather the whole team's.
    """
    # The roster, a rep's page and This week all ask, and gathering takes tens of
    # milliseconds on a large journal: the last answer is kept on the journal itself.
    revision = journal.revision()
    last = journal.memo.get("flags")
    if isinstance(last, tuple) and last[:2] == (revision, today):
        return {key: list(value) for key, value in last[2].items()}
    grouped: dict[int | None, list[Flag]] = {}
    for source in sources():
        for flag in source(journal, today, rep_ids):
            grouped.setdefault(flag.rep_id, []).append(flag)
    if rep_ids is None:
        journal.memo["flags"] = (revision, today, grouped)
    return {key: list(value) for key, value in grouped.items()}

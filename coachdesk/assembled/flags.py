"""Flags: short prompts for the manager about a rep ("review due", "behind pace…").

Flags are the manager's own working signals, never shown in sharing mode, never printed
on a prep sheet. Each subject (agreements, the ladder, numbers) contributes a *source*:
a function reading the journal that returns flags by rep. A source lives in its
subject's module and is named in :data:`SOURCE_MODULES`, so this module never imports
a subject's code until flags are first asked for.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass

from coachdesk.store.db import Journal


@dataclass(frozen=True)
class Flag:
    """One prompt about one rep (or about the manager, rep_id None)."""

    rep_id: int | None
    kind: str  # e.g. "expectations_due", "review_due", "behind_pace", "ladder_attention"
    text: str  # worded as a prompt to the manager, e.g. "Review due (agreed 3 months ago)"
    where: str = ""  # the rep-page tab that acts on it, e.g. "agreement"


FlagSource = Callable[[Journal, dt.date], list[Flag]]

# "module:function" names of flag sources, in display order.
SOURCE_MODULES: list[str] = []
SOURCE_MODULES.append("coachdesk.assembled.numbers:behind_pace_flags")
SOURCE_MODULES.append("coachdesk.assembled.agreements:agreement_flags")
SOURCE_MODULES.append("coachdesk.assembled.ladder:ladder_flags")


def _sources() -> list[FlagSource]:
    found: list[FlagSource] = []
    for name in SOURCE_MODULES:
        module_name, _, function = name.partition(":")
        found.append(getattr(importlib.import_module(module_name), function))
    return found


def collect(journal: Journal, today: dt.date) -> dict[int | None, list[Flag]]:
    """Return every flag, grouped by rep id (None for flags about the manager).

    Flags follow from the journal's content and the day only, so an answer is reused
    until the journal changes (its revision moves) or the day does.
    """
    # The roster, a rep's page and This week all ask, and gathering takes tens of
    # milliseconds on a large journal: the last answer is kept on the journal itself.
    revision = journal.revision()
    last = journal.memo.get("flags")
    if isinstance(last, tuple) and last[:2] == (revision, today):
        return {key: list(value) for key, value in last[2].items()}
    grouped: dict[int | None, list[Flag]] = {}
    for source in _sources():
        for flag in source(journal, today):
            grouped.setdefault(flag.rep_id, []).append(flag)
    journal.memo["flags"] = (revision, today, grouped)
    return {key: list(value) for key, value in grouped.items()}

"""What a flag is, and the registry each subject's flag source joins.

A subject (agreements, the ladder, numbers) adds its flags with a *source*: a function
reading the journal that returns flags by rep, registered in :data:`FLAG_SOURCES` by the
subject's own module. This module imports no subject, so every subject can import it;
:mod:`coachdesk.assembled.flags` loads the subjects and gathers their flags.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from coachdesk import Registry
from coachdesk.store.db import Journal


@dataclass(frozen=True)
class Flag:
    """One prompt about one rep (or about the manager, rep_id None)."""

    rep_id: int | None
    kind: str  # e.g. "expectations_due", "review_due", "behind_pace", "ladder_attention"
    text: str  # worded as a prompt to the manager, e.g. "Review due (agreed 3 months ago)"
    where: str = ""  # the rep-page tab that acts on it, e.g. "agreement"


FlagSource = Callable[[Journal, dt.date], list[Flag]]

# Every flag source, in display order (the roster shows a rep's first flag): each is
# registered with an ``order`` by its subject's module when that module loads.
FLAG_SOURCES: Registry[FlagSource] = Registry("flag source")

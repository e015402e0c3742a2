"""What the sample team's parts share: the context an extension is given, the registry
each subject's extension joins, and the names they all use.

Later subjects (numbers, agreements, the ladder…) extend the core team of
:mod:`coachdesk.sample.team`: each has a module here that registers its extension in
:data:`EXTENSIONS`. This module imports none of them, so each can import it;
:func:`coachdesk.sample.team.make_sample` loads them and runs them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from coachdesk import Registry
from coachdesk.store.db import Journal

VP_NAME = "Renée"  # the manager's own manager, who comes up in notes and agreements


@dataclass(frozen=True)
class SampleContext:
    """What a sample extension gets: the journal as filled so far, the seed and today."""

    journal: Journal
    seed: int
    today: dt.date
    weeks: int


# Each extension reads the journal as filled so far and adds its own rows through the
# store, returning counts.
SampleExtension = Callable[[SampleContext], dict[str, int]]

# Every extension, in the order they run (by their ``order``), after the core team is
# in place. The order matters: a part may read what an earlier one wrote, and every
# row's id depends on it.
EXTENSIONS: Registry[SampleExtension] = Registry("sample extension")

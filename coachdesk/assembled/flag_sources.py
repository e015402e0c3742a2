"""What a flag is, and the registry each subject's flag source joins.

A subject (agreements, the ladder, numbers) adds its flags with a *source*: a function
reading the journal that returns flags by rep, registered in :data:`FLAG_SOURCES` by the
subject's own module. This module imports no subject, so every subject can import it;
:mod:`coachdesk.assembled.flags` loads the subjects and gathers their flags.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol, TypeVar

from coachdesk import Registry
from coachdesk.store.db import Journal

R = TypeVar("R")


@dataclass(frozen=True)
class Flag:
    """One prompt about one rep (or about the manager, rep_id None)."""

    rep_id: int | None
    kind: str  # e.g. "expectations_due", "review_due", "behind_pace", "ladder_attention"
    text: str  # worded as a prompt to the manager, e.g. "Review due (agreed 3 months ago)"
    where: str = ""  # the rep-page tab that acts on it, e.g. "agreement"


class FlagSource(Protocol):
    """Reads the journal and returns flags; ``rep_ids`` limits them to those reps.

    With ``rep_ids`` a source may still return flags about the manager (rep_id None); it
    reads only what those reps need, so a sheet or two cost no more than their share.
    """

    def __call__(
        self, journal: Journal, today: dt.date, rep_ids: Collection[int] | None = None
    ) -> list[Flag]: ...


def only(people: list[R], rep_ids: Collection[int] | None) -> list[R]:
    """The people among ``rep_ids`` (all of them when it is None)."""
    if rep_ids is None:
        return people
    wanted = set(rep_ids)
    return [person for person in people if getattr(person, "id", None) in wanted]


# Every flag source, in display order (the roster shows a rep's first flag): each is
# registered with an ``order`` by its subject's module when that module loads.
FLAG_SOURCES: Registry[FlagSource] = Registry("flag source")

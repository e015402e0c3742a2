"""What a committed write changed, as the journal tells its listeners.

Every write names the subjects it touched; listeners (in the app, one object that turns
each notice into a Qt signal) decide from them what to show again. A write may also name
who made it — the view that saved — so that view can skip re-reading what it has just
written. Nothing here knows about Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Subject(StrEnum):
    """A part of the journal that views show and writes change."""

    TEAMS = "teams"
    REPS = "reps"
    MEETINGS = "meetings"
    # Only a 1:1's text fields (notes, agendas): one timeline line changes, nothing else.
    MEETING_TEXT = "meeting_text"
    COMMITMENTS = "commitments"
    QUESTIONS = "questions"
    SETTINGS = "settings"
    # The search index alone (rebuilt or caught up), no row anyone sees.
    SEARCH = "search"
    NUMBERS = "numbers"
    LADDER = "ladder"
    AGREEMENTS = "agreements"
    PLANS = "plans"


@dataclass(frozen=True)
class Change:
    """One committed write: the subjects it touched and who made it (if anyone said)."""

    subjects: frozenset[Subject]
    initiator: object | None = None

    def touches(self, *subjects: Subject) -> bool:
        """Whether the write changed any of ``subjects``."""
        return not self.subjects.isdisjoint(subjects)

    def made_by(self, who: object) -> bool:
        """Whether ``who`` made the write (a view skipping what it has just saved)."""
        return self.initiator is not None and self.initiator is who

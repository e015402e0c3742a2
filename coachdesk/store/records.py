"""Frozen records the store hands out, and who each text field is for.

Views, printing and export never read rows: they get these dataclasses. Each text
field that holds the manager's words is classed by :data:`FIELD_AUDIENCE` as shared
with the rep, the manager's own, or private; sharing mode, printing and export all
ask that one table instead of keeping lists of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Audience(StrEnum):
    """Who a piece of text is for."""

    SHARED = "shared"  # shared with the rep: fine on a shared screen or a prep sheet
    MINE = "mine"  # the manager's own working text: not secret, not shown when sharing
    PRIVATE = "private"  # private: hidden when sharing, never printed or exported by default


# table -> column -> audience; text columns not listed are SHARED.
FIELD_AUDIENCE: dict[str, dict[str, Audience]] = {
    "meetings": {
        "rep_agenda": Audience.SHARED,
        "my_agenda": Audience.MINE,
        "notes": Audience.SHARED,
        "private_notes": Audience.PRIVATE,
    },
}


def audience(table: str, column: str) -> Audience:
    """Return who ``table.column`` is for."""
    return FIELD_AUDIENCE.get(table, {}).get(column, Audience.SHARED)


def private_columns(table: str) -> frozenset[str]:
    """Return the columns of ``table`` that are private."""
    return frozenset(
        col for col, aud in FIELD_AUDIENCE.get(table, {}).items() if aud is Audience.PRIVATE
    )


class MeetingKind(StrEnum):
    """The kinds of conversation a manager has with a rep."""

    ONE_ON_ONE = "one_on_one"
    EXPECTATIONS = "expectations"
    QBR = "qbr"
    ROLE_PLAY = "role_play"
    PIPELINE_REVIEW = "pipeline_review"
    SKIP_LEVEL = "skip_level"


MEETING_KIND_LABELS: dict[MeetingKind, str] = {
    MeetingKind.ONE_ON_ONE: "1:1",
    MeetingKind.EXPECTATIONS: "Expectations talk",
    MeetingKind.QBR: "QBR",
    MeetingKind.ROLE_PLAY: "Role play",
    MeetingKind.PIPELINE_REVIEW: "Pipeline review",
    MeetingKind.SKIP_LEVEL: "Skip-level",
}


class Owner(StrEnum):
    """Who keeps a commitment: accountability runs both ways."""

    REP = "rep"
    MANAGER = "manager"


class CommitmentStatus(StrEnum):
    """Where a commitment stands."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


@dataclass(frozen=True)
class Team:
    """A team of reps with its default 1:1 cadence."""

    id: int
    name: str
    cadence_days: int
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Rep:
    """A person the manager coaches."""

    id: int
    name: str
    title: str
    email: str
    team_id: int | None
    start_date: str | None
    territory: str
    cadence_days: int | None  # the rep's own cadence; None means the team's
    next_meeting_at: str | None
    reach_by: str
    archived_at: str | None
    created_at: str
    updated_at: str

    @property
    def active(self) -> bool:
        """True unless the rep is archived."""
        return self.archived_at is None


@dataclass(frozen=True)
class Meeting:
    """One conversation with a rep: a 1:1, a QBR, a skip-level…"""

    id: int
    rep_id: int
    held_at: str
    kind: MeetingKind
    rep_agenda: str
    my_agenda: str
    notes: str
    private_notes: str
    closed_at: str | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class MeetingSummary:
    """What the timeline needs of a meeting: no private text, only the notes' start."""

    id: int
    held_at: str
    kind: MeetingKind
    closed_at: str | None
    notes_start: str
    commitments_made: int


@dataclass(frozen=True)
class Commitment:
    """A promise made in a meeting, by the rep or by the manager."""

    id: int
    rep_id: int
    meeting_id: int | None
    owner: Owner
    text: str
    due_date: str | None
    status: CommitmentStatus
    closed_at: str | None
    closed_in_meeting_id: int | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class CoachingQuestion:
    """A question from the bank: the manager asks rather than tells."""

    id: int
    text: str
    topic: str
    position: int
    active: bool

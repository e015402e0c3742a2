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


class MeetingStatus(StrEnum):
    """Where a meeting stands: planned ahead, held, or skipped."""

    SCHEDULED = "scheduled"
    HELD = "held"
    SKIPPED = "skipped"


class Party(StrEnum):
    """Whose choice a move or a skip was: mine (it counts on my end) or the rep's."""

    ME = "me"
    REP = "rep"


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
    """One conversation with a rep: a 1:1, a QBR, a skip-level…

    A 1:1 is a record before it happens (``status`` scheduled, ``held_at`` its start);
    starting it makes it held, at its scheduled time unless changed. ``planned_at`` is
    the time it was first set for (a moved 1:1 differs); ``moved_by``/``skipped_by`` say
    whose choice a move or skip was.
    """

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
    status: MeetingStatus
    minutes: int | None
    planned_at: str | None
    moved_by: Party | None
    skipped_by: Party | None
    calendar_key: str | None

    @property
    def scheduled(self) -> bool:
        """True until the 1:1 is started (or skipped)."""
        return self.status is MeetingStatus.SCHEDULED


@dataclass(frozen=True)
class MeetingSummary:
    """What the timeline needs of a meeting: no private text, only the notes' start."""

    id: int
    held_at: str
    kind: MeetingKind
    closed_at: str | None
    notes_start: str
    commitments_made: int
    status: MeetingStatus = MeetingStatus.HELD
    skipped_by: Party | None = None


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


class MetricKind(StrEnum):
    """Outcomes are the default; activity metrics appear only where a plan asks for them."""

    OUTCOME = "outcome"
    ACTIVITY = "activity"


class MetricUnit(StrEnum):
    """How a metric's values are counted and shown."""

    COUNT = "count"
    CURRENCY = "currency"


class TargetSource(StrEnum):
    """Where a quarterly target came from."""

    PLAN = "plan"  # as agreed in the rep's own plan
    MANUAL = "manual"  # set by the manager on the Numbers page


@dataclass(frozen=True)
class Metric:
    """One entry of the manager's metric catalogue."""

    key: str
    label: str  # "Bookings"
    short_label: str  # "bookings", as in "2 deals, $48k bookings"
    unit: MetricUnit
    higher_is_better: bool
    active: bool  # on for every rep (activity metrics are usually off)
    kind: MetricKind
    position: int


@dataclass(frozen=True)
class WeeklyNumber:
    """One rep's value of one metric for one ISO week ("2026-W47")."""

    rep_id: int
    week: str
    metric_key: str
    value: float


@dataclass(frozen=True)
class Target:
    """One rep's target for one metric over one quarter ("2026-Q4")."""

    rep_id: int
    quarter: str
    metric_key: str
    target: float
    source: TargetSource


# ----------------------------------------------------------------- rows private as a whole

# table -> who its rows are for, as a whole. Some records are private not only in their
# text: that they exist at all is the manager's own business (a read of a working
# relationship, say). Sharing mode, printing and export leave such rows out entirely,
# dates and ids included, unless private things are asked for. Tables not listed here
# are judged column by column through FIELD_AUDIENCE.
ROW_AUDIENCE: dict[str, Audience] = {}


def row_audience(table: str) -> Audience:
    """Return who the rows of ``table`` are for, as a whole."""
    return ROW_AUDIENCE.get(table, Audience.SHARED)


# ----------------------------------------------------------------- the ladder


class Occasion(StrEnum):
    """Where a self-rating on the ladder was given."""

    ONE_ON_ONE = "one_on_one"
    AGREEMENT_REVIEW = "agreement_review"  # the quarterly review of the written agreement
    MANAGER_GROUP = "manager_group"  # "Me": managers mapping themselves as a group
    ON_MY_OWN = "on_my_own"  # "Me": the manager's own reflection


OCCASION_LABELS: dict[Occasion, str] = {
    Occasion.ONE_ON_ONE: "1:1",
    Occasion.AGREEMENT_REVIEW: "Agreement review",
    Occasion.MANAGER_GROUP: "With my peer managers",
    Occasion.ON_MY_OWN: "On my own",
}


@dataclass(frozen=True)
class Rating:
    """A self-rating on the ladder: where someone places themselves, and why.

    ``rep_id`` is ``None`` for the manager's own rating ("Me"). Rungs run from 1
    (Collaboration, the top) to 5 (Resentment).
    """

    id: int
    rep_id: int | None
    rated_on: str
    rung: int
    why: str  # in their own words; shared with them
    occasion: Occasion
    meeting_id: int | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class LadderRead:
    """My own, private read of the working relationship with a rep, on the same ladder.

    It exists only to sit beside their self-rating and ask "what will I change?".
    """

    id: int
    rep_id: int
    read_on: str
    rung: int
    change: str  # what I'll change
    created_at: str
    updated_at: str


FIELD_AUDIENCE["ladder_ratings"] = {"why": Audience.SHARED}
FIELD_AUDIENCE["ladder_reads"] = {"rung": Audience.PRIVATE, "change": Audience.PRIVATE}
ROW_AUDIENCE["ladder_reads"] = Audience.PRIVATE


# ----------------------------------------------------------------- agreements and plans


class AgreementScope(StrEnum):
    """Whose working agreement: one rep's, or a team's (no team: the whole team)."""

    REP = "rep"
    TEAM = "team"


class AgreementStatus(StrEnum):
    """Where a version of an agreement stands."""

    DRAFT = "draft"  # being written or revised; nothing is in force yet
    ACTIVE = "active"  # the version in force
    SUPERSEDED = "superseded"  # an earlier version, kept for the history


class AgreementSection(StrEnum):
    """The lists an agreement is made of."""

    EXPECT_OF_THEM = "expect_of_them"  # what I expect of you
    EXPECT_OF_ME = "expect_of_me"  # what you can expect from me
    COMMUNICATION = "communication"  # how we reach each other, by urgency
    THEIR_STEPS = "their_steps"  # "if I don't hold up my end, I'd like you to…"
    MY_STEPS = "my_steps"  # "if I slip, call me on it by…"
    HOW_WE_WORK = "how_we_work"  # a team agreement: how we work together


STEP_SECTIONS = frozenset({AgreementSection.THEIR_STEPS, AgreementSection.MY_STEPS})


@dataclass(frozen=True)
class AgreementItem:
    """One line of one list of an agreement version."""

    id: int
    agreement_id: int
    section: AgreementSection
    position: int  # 0-based order within the section; a ladder's step n is position n-1
    label: str  # the urgency of a communication line ("Emergency"); empty elsewhere
    text: str


@dataclass(frozen=True)
class AgreementContent:
    """What an agreement says: everything a person writes, without its bookkeeping."""

    expect_of_them: tuple[str, ...] = ()
    expect_of_me: tuple[str, ...] = ()
    more_needed: str = ""
    communication: tuple[tuple[str, str], ...] = ()  # (urgency, how)
    open_door: str = ""
    work_schedule: str = ""
    their_steps: tuple[str, ...] = ()
    my_steps: tuple[str, ...] = ()
    how_we_work: tuple[str, ...] = ()
    agreed_on: str | None = None
    review_on: str | None = None
    rep_signed_on: str | None = None
    manager_signed_on: str | None = None


@dataclass(frozen=True)
class Agreement:
    """One version of a working agreement, written both ways, with its lists."""

    id: int
    scope: AgreementScope
    rep_id: int | None
    team_id: int | None
    version: int
    status: AgreementStatus
    more_needed: str
    open_door: str
    work_schedule: str
    agreed_on: str | None
    review_on: str | None
    rep_signed_on: str | None
    manager_signed_on: str | None
    based_on_id: int | None
    activated_at: str | None
    superseded_at: str | None
    created_at: str
    updated_at: str
    items: tuple[AgreementItem, ...] = ()

    def section(self, section: AgreementSection) -> list[AgreementItem]:
        """Return the items of one list, in order."""
        return [item for item in self.items if item.section is section]

    def texts(self, section: AgreementSection) -> tuple[str, ...]:
        """Return the texts of one list, in order."""
        return tuple(item.text for item in self.section(section))

    def content(self) -> AgreementContent:
        """Return what this version says, ready to be copied into a new draft."""
        return AgreementContent(
            expect_of_them=self.texts(AgreementSection.EXPECT_OF_THEM),
            expect_of_me=self.texts(AgreementSection.EXPECT_OF_ME),
            more_needed=self.more_needed,
            communication=tuple(
                (item.label, item.text) for item in self.section(AgreementSection.COMMUNICATION)
            ),
            open_door=self.open_door,
            work_schedule=self.work_schedule,
            their_steps=self.texts(AgreementSection.THEIR_STEPS),
            my_steps=self.texts(AgreementSection.MY_STEPS),
            how_we_work=self.texts(AgreementSection.HOW_WE_WORK),
            agreed_on=self.agreed_on,
            review_on=self.review_on,
            rep_signed_on=self.rep_signed_on,
            manager_signed_on=self.manager_signed_on,
        )


@dataclass(frozen=True)
class StepUse:
    """A step of an agreement's ladder that was used, as the person asked for it."""

    id: int
    rep_id: int
    item_id: int
    used_on: str
    note: str  # "We're at step 2, as you asked."
    created_at: str
    updated_at: str
    # Of the step itself, for showing without another look-up:
    section: AgreementSection
    step_number: int  # 1-based
    step_text: str
    version: int


class PlanStatus(StrEnum):
    """Whether the manager has reviewed a rep's plan."""

    DRAFT = "draft"
    REVIEWED = "reviewed"


@dataclass(frozen=True)
class PlanAnswer:
    """One core area of a plan, as framed by the manager, and the rep's answer verbatim."""

    id: int
    plan_id: int
    position: int
    area: str
    prompt: str
    answer: str  # the rep's words, exactly as they wrote them


@dataclass(frozen=True)
class PlanTarget:
    """A target the rep set in their plan for the quarter ("calls": 60)."""

    id: int
    plan_id: int
    position: int
    metric_key: str  # "calls", "meetings_booked": for the numbers to match on
    label: str  # as the rep wrote it: "Meetings booked"
    target: float


@dataclass(frozen=True)
class Plan:
    """A rep's own plan for one quarter, with the manager's review kept apart."""

    id: int
    rep_id: int
    quarter: str  # "2026-Q4"
    status: PlanStatus
    review_comments: str  # the manager's, never the rep's words
    reviewed_on: str | None
    created_at: str
    updated_at: str
    answers: tuple[PlanAnswer, ...] = ()
    targets: tuple[PlanTarget, ...] = ()


FIELD_AUDIENCE["agreements"] = {
    "more_needed": Audience.SHARED,
    "open_door": Audience.SHARED,
    "work_schedule": Audience.SHARED,
}
FIELD_AUDIENCE["agreement_items"] = {"label": Audience.SHARED, "text": Audience.SHARED}
FIELD_AUDIENCE["agreement_step_uses"] = {"note": Audience.SHARED}
FIELD_AUDIENCE["plans"] = {"review_comments": Audience.MINE}
FIELD_AUDIENCE["plan_answers"] = {
    "area": Audience.SHARED,
    "prompt": Audience.SHARED,
    "answer": Audience.SHARED,
}
FIELD_AUDIENCE["plan_targets"] = {"label": Audience.SHARED}

"""The sample team on the ladder: a believable story, the same for the same seed.

* someone improving, one rung at a time, from Resistance to Collaboration;
* someone slipping: two rungs down within a quarter, recently;
* someone three times in a row at Resistance or Resentment;
* the rest steady-ish, asked about once a quarter (some not yet this quarter);
* the manager's own line ("Me"), begun when the managers mapped themselves as a group;
* a few of the manager's private reads, one of them two rungs from the rep's own view.

Self-ratings are linked to the 1:1 held closest to their day, when there is one.
Every person and remark here is invented.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from coachdesk.dates import parse_date
from coachdesk.sample.extensions import EXTENSIONS, SampleContext
from coachdesk.store import meetings, ratings, reps
from coachdesk.store.records import Meeting, MeetingKind, Occasion, Rep

# The story spans about five months; shorter samples squeeze it.
STORY_DAYS = 160
_SHORTEST = 14  # fewer days of history than this: no ladder story

# In the rep's own voice, per rung (1 Collaboration … 5 Resentment).
_WHY: dict[int, tuple[str, ...]] = {
    1: (
        "We built my plan together and I own my number.",
        "I brought the territory idea and we ran with it.",
        "It feels like my plan, not yours.",
    ),
    2: (
        "I'm on board with the plan and helping where I can.",
        "Happy to run the new sequence; I can see why we're doing it.",
        "Going along with the changes — they make sense.",
    ),
    3: (
        "Doing the call blocks because they're required.",
        "I fill in the CRM because I have to, not because it helps me.",
        "Following the playbook, but I'm not sold on it yet.",
    ),
    4: (
        "The new forecast rules feel like busywork; I've been putting them off.",
        "Pushing back on the territory split — it doesn't feel fair.",
        "Doing the minimum on the pipeline reviews.",
    ),
    5: (
        "Every deal gets second-guessed.",
        "I feel checked on rather than helped.",
        "Tired of being told how to run my calls.",
    ),
}


@dataclass(frozen=True)
class _Step:
    days_ago: int
    rung: int
    why: str = ""  # empty: one of _WHY


@dataclass(frozen=True)
class _MyRead:
    days_ago: int
    rung: int
    change: str


_IMPROVING = (
    _Step(150, 4, "The ramp plan felt done to me, not with me."),
    _Step(105, 3, "Doing the call reviews; still not convinced they're for me."),
    _Step(60, 2, "The call reviews are helping — I asked for two more."),
    _Step(12, 1, "We wrote my Q4 plan together and I own it."),
)
_IMPROVING_READS = (
    _MyRead(60, 2, "Keep the call reviews theirs: they pick the call, I ask the questions."),
)
_SLIPPING = (
    _Step(140, 1, "We built the plan together; I'm excited about this half."),
    _Step(70, 2, "Fine with the changes, going along with them."),
    _Step(13, 4, "Since the territory split I've stopped arguing; I just do less."),
)
_SLIPPING_READS = (
    _MyRead(
        13,
        2,
        "I've been rewriting their forecast calls without asking. Ask first, and let "
        "them lead the next big renewal call.",
    ),
)
_LOW = (
    _Step(145, 4, "The forecast calls feel like an interrogation."),
    _Step(90, 5, "I feel policed: CRM checked daily, every deal questioned."),
    _Step(20, 4, "A bit better since we agreed one weekly review, but I'm holding back."),
)
_LOW_READS = (_MyRead(90, 4, "Stop the daily CRM checks; agree one weekly review and keep to it."),)
# The rest: (days ago, rung) patterns, asked about quarterly.
_STEADY = (
    (_Step(130, 2), _Step(45, 2)),
    (_Step(120, 3), _Step(80, 2)),  # not asked yet this quarter
    (_Step(135, 2), _Step(50, 3), _Step(16, 2)),
    (_Step(110, 3), _Step(40, 3)),
    (_Step(125, 2), _Step(85, 1)),  # not asked yet this quarter
)
_STEADY_READS = (_MyRead(45, 2, "Keep out of their way on the Q4 renewals."),)

# The manager's own line: how I show up with my peer managers and with my team.
_ME = (
    _Step(
        155,
        3,
        "First time we mapped ourselves as a management team: I pass targets down "
        "without questioning them.",
    ),
    _Step(100, 3, "Still carrying decisions down to the team rather than shaping them."),
    _Step(
        42,
        2,
        "Took the territory question to the managers' meeting instead of complaining "
        "about it afterwards.",
    ),
    _Step(6, 2, "Asking the team before I decide; not yet deciding together."),
)
_ME_OCCASIONS = (
    Occasion.MANAGER_GROUP,
    Occasion.ON_MY_OWN,
    Occasion.MANAGER_GROUP,
    Occasion.ON_MY_OWN,
)


def extend(context: SampleContext) -> dict[str, int]:
    """Add the ladder story to the sample team; return counts of what was added."""
    span = context.weeks * 7
    if span < _SHORTEST:
        return {"ladder_ratings": 0, "ladder_reads": 0}
    squeeze = min(1.0, (span - 1) / STORY_DAYS)
    rng = random.Random(context.seed * 7919 + 3)
    today = context.today

    def day(days_ago: int) -> dt.date:
        return today - dt.timedelta(days=max(1, round(days_ago * squeeze)))

    journal = context.journal
    oldest = day(STORY_DAYS)

    def started(rep: Rep) -> dt.date:
        return parse_date(rep.start_date) if rep.start_date else oldest

    # The three stories need people who were there all along; the steady lines take
    # anyone who started before the last month (their earlier steps are left out).
    active = sorted(reps.list_reps(journal, include_archived=False), key=lambda r: r.id)
    rng.shuffle(active)
    veterans = [r for r in active if started(r) <= oldest]
    others = [r for r in active if oldest < started(r) <= day(30)]

    new_ratings: list[ratings.NewRating] = []
    new_reads: list[ratings.NewRead] = []

    def rate(rep: Rep, steps: tuple[_Step, ...]) -> dict[int, dt.date]:
        """Add a rep's self-ratings; return the day each step landed on."""
        held = meetings.list_meetings(journal, rep.id)
        landed: dict[int, dt.date] = {}
        for step in steps:
            on = day(step.days_ago)
            if on < started(rep):
                continue
            meeting = _closest(held, on, today)
            if meeting is not None:
                on = parse_date(meeting.held_at)
            occasion = (
                Occasion.AGREEMENT_REVIEW
                if meeting is not None and meeting.kind is MeetingKind.QBR
                else Occasion.ONE_ON_ONE
            )
            new_ratings.append(
                ratings.NewRating(
                    rep_id=rep.id,
                    rated_on=on.isoformat(),
                    rung=step.rung,
                    why=step.why or rng.choice(_WHY[step.rung]),
                    occasion=occasion,
                    meeting_id=meeting.id if meeting is not None else None,
                )
            )
            landed[step.days_ago] = on
        return landed

    def read(rep: Rep, my_reads: tuple[_MyRead, ...], landed: dict[int, dt.date]) -> None:
        # A read made in the same conversation as a self-rating carries its day.
        for my_read in my_reads:
            on = landed.get(my_read.days_ago, day(my_read.days_ago))
            new_reads.append(ratings.NewRead(rep.id, on.isoformat(), my_read.rung, my_read.change))

    stories = [
        (_IMPROVING, _IMPROVING_READS),
        (_SLIPPING, _SLIPPING_READS),
        (_LOW, _LOW_READS),
    ]
    for rep, (steps, my_reads) in zip(veterans, stories, strict=False):
        read(rep, my_reads, rate(rep, steps))
    for index, rep in enumerate(veterans[len(stories) :] + others):
        landed = rate(rep, _STEADY[index % len(_STEADY)])
        if index == 0:
            read(rep, _STEADY_READS, landed)

    for step, occasion in zip(_ME, _ME_OCCASIONS, strict=True):
        new_ratings.append(
            ratings.NewRating(
                rep_id=None,
                rated_on=day(step.days_ago).isoformat(),
                rung=step.rung,
                why=step.why,
                occasion=occasion,
            )
        )

    added, read_count = ratings.add_many(journal, new_ratings, new_reads)
    return {"ladder_ratings": added, "ladder_reads": read_count}


EXTENSIONS.register(extend, order=30)


def _closest(held: list[Meeting], on: dt.date, today: dt.date) -> Meeting | None:
    """The meeting held nearest to ``on`` (within ten days, before today), if any."""
    best: Meeting | None = None
    best_distance = 11
    for meeting in held:
        when = parse_date(meeting.held_at)
        distance = abs((when - on).days)
        if when < today and distance < best_distance:
            best, best_distance = meeting, distance
    return best

"""This week, for a journal built with known dates (the clock is Mon 2026-11-23)."""

from __future__ import annotations

import datetime as dt

import pytest

from coachdesk.assembled import flags
from coachdesk.assembled.flag_sources import Flag
from coachdesk.assembled.week import DueCommitment, Prompt, RepCommitments, build_week
from coachdesk.store import commitments, meetings, reps, teams
from coachdesk.store.db import Journal
from coachdesk.store.records import CommitmentStatus, MeetingKind, Owner

TODAY = dt.date(2026, 11, 23)


def test_the_weeks_1_1s_today_first_then_by_day_then_the_unbooked(journal: Journal) -> None:
    fortnightly = teams.add_team(journal, "Enterprise", cadence_days=14)
    thursday = reps.add_rep(journal, reps.NewRep("Thursday", next_meeting_at="2026-11-26T10:00"))
    late_today = reps.add_rep(
        journal, reps.NewRep("Late today", next_meeting_at="2026-11-23T16:30")
    )
    early_today = reps.add_rep(
        journal, reps.NewRep("Early today", next_meeting_at="2026-11-23T09:30")
    )
    no_time = reps.add_rep(journal, reps.NewRep("Wednesday", next_meeting_at="2026-11-25"))
    weekly = reps.add_rep(journal, reps.NewRep("Weekly")).id
    meetings.add_meeting(journal, weekly, "2026-11-16T09:00")  # due by the 23rd, not booked
    slow = reps.add_rep(journal, reps.NewRep("Fortnightly", team_id=fortnightly.id)).id
    meetings.add_meeting(journal, slow, "2026-11-18T09:00")  # not due before 2 Dec
    later = reps.add_rep(journal, reps.NewRep("Later", next_meeting_at="2026-12-14T10:00")).id
    meetings.add_meeting(journal, later, "2026-11-02T09:00")  # scheduled later: not this week
    never = reps.add_rep(journal, reps.NewRep("Never met")).id
    skip = reps.add_rep(journal, reps.NewRep("Skip level only")).id
    meetings.add_meeting(journal, skip, "2026-11-22T09:00", MeetingKind.SKIP_LEVEL)
    commitments.add_commitment(journal, early_today.id, Owner.REP, "A", due_date="2026-12-20")
    commitments.add_commitment(journal, early_today.id, Owner.REP, "B")
    commitments.add_commitment(journal, early_today.id, Owner.MANAGER, "C")
    done = commitments.add_commitment(journal, early_today.id, Owner.MANAGER, "D")
    commitments.set_status(journal, done.id, CommitmentStatus.DONE)

    week = build_week(journal, TODAY)

    today = week.meetings_today()
    assert [m.name for m in today] == ["Early today", "Late today"]
    assert today[0].time == dt.time(9, 30) and today[0].day == TODAY
    assert (today[0].theirs, today[0].mine) == (2, 1), "open ones only, theirs and mine"
    assert (today[1].theirs, today[1].mine) == (0, 0)
    assert today[1].rep_id == late_today.id and today[1].time == dt.time(16, 30)
    by_day = week.meetings_by_day()
    assert [(day, [m.name for m in on]) for day, on in by_day] == [
        (dt.date(2026, 11, 25), ["Wednesday"]),
        (dt.date(2026, 11, 26), ["Thursday"]),
    ]
    assert by_day[0][1][0].time is None, "a 1:1 booked without a time has none"
    assert by_day[0][1][0].rep_id == no_time.id and by_day[1][1][0].rep_id == thursday.id
    unbooked = week.meetings_unbooked()
    assert [m.name for m in unbooked] == ["Never met", "Skip level only", "Weekly"]
    assert [m.rep_id for m in unbooked] == [never, skip, weekly]
    assert unbooked[2].last_held == dt.date(2026, 11, 16)
    assert unbooked[0].last_held is None
    assert week.meetings_earlier() == []
    assert slow not in [m.rep_id for m in week.meetings]
    assert later not in [m.rep_id for m in week.meetings]


def test_a_1_1_scheduled_earlier_this_week_stays_until_the_next_is_set(journal: Journal) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana", next_meeting_at="2026-11-24T10:00")).id
    week = build_week(journal, dt.date(2026, 11, 26))  # Thursday
    assert [m.rep_id for m in week.meetings_earlier()] == [ana]
    assert week.meetings_today() == [] and week.meetings_by_day() == []


def test_commitments_past_due_are_grouped_by_rep_mine_first_the_oldest_first(
    journal: Journal,
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana")).id
    bo = reps.add_rep(journal, reps.NewRep("Bo")).id
    cy = reps.add_rep(journal, reps.NewRep("Cy")).id
    gone = reps.add_rep(journal, reps.NewRep("Gone")).id
    add = commitments.add_commitment
    a1 = add(journal, ana, Owner.REP, "Ana late", due_date="2026-11-17")
    a2 = add(journal, ana, Owner.REP, "Ana later late", due_date="2026-11-20")
    a3 = add(journal, ana, Owner.REP, "Ana due Friday", due_date="2026-11-27")
    add(journal, ana, Owner.REP, "Ana next month", due_date="2026-12-20")
    add(journal, ana, Owner.REP, "Ana no date")
    b1 = add(journal, bo, Owner.REP, "Bo much later", due_date="2026-11-02")
    c1 = add(journal, cy, Owner.REP, "Cy due today", due_date="2026-11-23")
    m1 = add(journal, bo, Owner.MANAGER, "Intro for Bo", due_date="2026-11-19")
    m2 = add(journal, ana, Owner.MANAGER, "Intro for Ana", due_date="2026-11-10")
    closed = add(journal, bo, Owner.REP, "Closed", due_date="2026-11-01")
    commitments.set_status(journal, closed.id, CommitmentStatus.DONE)
    add(journal, gone, Owner.REP, "Archived rep's", due_date="2026-11-01")
    reps.archive_rep(journal, gone)

    week = build_week(journal, TODAY)

    assert [(g.name, g.owner) for g in week.mine] == [
        ("Ana", Owner.MANAGER),  # the oldest past due first: 10 Nov
        ("Bo", Owner.MANAGER),
    ]
    assert [c.id for c in week.mine[0].commitments] == [m2.id]
    assert [c.id for c in week.mine[1].commitments] == [m1.id]
    # Bo's oldest is older than Ana's; Cy has nothing past due, so comes last.
    assert [g.name for g in week.theirs] == ["Bo", "Ana", "Cy"]
    ana_group = week.theirs[1]
    assert [c.id for c in ana_group.commitments] == [a1.id, a2.id, a3.id]
    assert (ana_group.late, ana_group.due, ana_group.oldest_late) == (2, 1, dt.date(2026, 11, 17))
    assert ana_group.commitments[2].late is False
    assert [c.id for c in week.theirs[0].commitments] == [b1.id]
    cy_group = week.theirs[2]
    assert [c.id for c in cy_group.commitments] == [c1.id]
    assert (cy_group.late, cy_group.due, cy_group.oldest_late) == (0, 1, None)
    assert week.late == 5 and week.due == 2


def test_a_reps_group_counts_what_it_holds() -> None:
    def due(number: int, day: int, late: bool) -> DueCommitment:
        return DueCommitment(number, 1, Owner.REP, "x", dt.date(2026, 11, day), late)

    group = RepCommitments(
        1, "Dana", Owner.REP, (due(1, 17, True), due(2, 12, True), due(3, 27, False))
    )
    assert (group.late, group.due, group.oldest_late) == (2, 1, dt.date(2026, 11, 12))
    assert RepCommitments(1, "Dana", Owner.REP, ()).oldest_late is None


def test_prompts_come_from_every_subject(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana")).id
    # Another rep, with a commitment: read after Ana, a prompt about Ana must still open Ana.
    zoe = reps.add_rep(journal, reps.NewRep("Zoë")).id
    commitments.add_commitment(journal, zoe, Owner.REP, "Call back", due_date="2026-11-20")

    def source(j: Journal, today: dt.date, rep_ids: object = None) -> list[Flag]:
        return [
            Flag(ana, "review_due", "Agreement review due", "agreement"),
            Flag(None, "review_due", "Team agreement review due", "team_agreement"),
            Flag(zoe, "ask", "Ask where they'd place themselves"),
        ]

    monkeypatch.setattr(flags, "sources", lambda: [source])
    week = build_week(journal, TODAY)
    assert list(week.prompts) == [
        Prompt(ana, "Ana", "Agreement review due", "agreement"),
        Prompt(None, "", "Team agreement review due", "team_agreement"),
        Prompt(zoe, "Zoë", "Ask where they'd place themselves", "meeting"),
    ]

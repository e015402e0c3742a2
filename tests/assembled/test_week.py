"""This week, for a journal built with known dates (the clock is Mon 2026-11-23)."""

from __future__ import annotations

import datetime as dt

import pytest

from coachdesk.assembled import flags
from coachdesk.assembled.flag_sources import Flag
from coachdesk.assembled.week import build_week, title_counts
from coachdesk.store import commitments, meetings, reps, teams
from coachdesk.store.db import Journal
from coachdesk.store.records import MeetingKind, Owner

TODAY = dt.date(2026, 11, 23)


def test_the_week_lists_the_right_things_mine_first(journal: Journal) -> None:
    fortnightly = teams.add_team(journal, "Enterprise", cadence_days=14)
    reps.add_rep(journal, reps.NewRep("Scheduled", next_meeting_at="2026-11-26T10:00"))
    weekly = reps.add_rep(journal, reps.NewRep("Weekly")).id
    meetings.add_meeting(journal, weekly, "2026-11-18T09:00")  # due by the 25th
    slow = reps.add_rep(journal, reps.NewRep("Fortnightly", team_id=fortnightly.id)).id
    meetings.add_meeting(journal, slow, "2026-11-18T09:00")  # not due before 2 Dec
    later = reps.add_rep(journal, reps.NewRep("Later", next_meeting_at="2026-12-14T10:00")).id
    meetings.add_meeting(journal, later, "2026-11-02T09:00")  # scheduled later: not this week
    skip = reps.add_rep(journal, reps.NewRep("Skip level only")).id
    meetings.add_meeting(journal, skip, "2026-11-22T09:00", MeetingKind.SKIP_LEVEL)

    commitments.add_commitment(journal, weekly, Owner.REP, "Their late", due_date="2026-11-20")
    commitments.add_commitment(journal, weekly, Owner.MANAGER, "My due", due_date="2026-11-27")
    commitments.add_commitment(journal, slow, Owner.MANAGER, "My late", due_date="2026-11-10")
    commitments.add_commitment(journal, slow, Owner.REP, "Their next month", due_date="2026-12-20")

    items = build_week(journal, TODAY)
    meeting_names = [i.text.split(" — ")[0] for i in items if i.section == "meetings"]
    assert set(meeting_names) == {"Scheduled", "Weekly", "Skip level only"}
    sections = [i.section for i in items]
    assert sections.index("mine") < sections.index("theirs")
    mine = [i.text for i in items if i.section == "mine"]
    assert mine == [
        "My due — for Weekly, due Fri, 27 Nov",
        "My late — for Fortnightly, late since Tue, 10 Nov",
    ] or sorted(mine) == sorted(
        [
            "My due — for Weekly, due Fri, 27 Nov",
            "My late — for Fortnightly, late since Tue, 10 Nov",
        ]
    )
    theirs = [i for i in items if i.section == "theirs"]
    assert [i.text for i in theirs] == ["Weekly: Their late — late since Fri, 20 Nov"]
    assert theirs[0].late and theirs[0].rep_id == weekly
    assert title_counts(items, sharing=False) == "3 1:1s · 3 due"


def test_prompts_come_from_every_subject_and_hide_when_sharing(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana")).id
    # Another rep, with a commitment: read after Ana, a prompt about Ana must still open Ana.
    zoe = reps.add_rep(journal, reps.NewRep("Zoë")).id
    commitments.add_commitment(journal, zoe, Owner.REP, "Call back", due_date="2026-11-20")

    def source(j: Journal, today: dt.date) -> list[Flag]:
        return [
            Flag(ana, "review_due", "Agreement review due", "agreement"),
            Flag(None, "review_due", "Team agreement review due", "team_agreement"),
        ]

    monkeypatch.setattr(flags, "sources", lambda: [source])
    items = build_week(journal, TODAY)
    prompts = [i for i in items if i.section == "prompts"]
    assert [(p.text, p.rep_id, p.where, p.private) for p in prompts] == [
        ("Ana: Agreement review due", ana, "agreement", True),
        ("Me: Team agreement review due", None, "team_agreement", True),
    ]
    assert "prompt" in title_counts(items, sharing=False)
    assert "prompt" not in title_counts(items, sharing=True)

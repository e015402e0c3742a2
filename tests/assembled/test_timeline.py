"""The timeline's groups: every source tags its events, and the filter keeps the meetings."""

from __future__ import annotations

import datetime as dt

from coachdesk.assembled.timeline import (
    OPTIONAL_GROUPS,
    TimelineGroup,
    build_timeline,
    shown,
)
from coachdesk.store import agreements, meetings, numbers, ratings, reps
from coachdesk.store.agreements import AgreementOwner
from coachdesk.store.db import Journal
from coachdesk.store.records import AgreementContent


def test_each_kind_of_event_has_its_group_and_the_filter_keeps_the_meetings(
    journal: Journal,
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana")).id
    meetings.add_meeting(journal, ana, "2026-11-16T09:00")
    numbers.set_values(journal, [numbers.ValueChange(ana, "2026-W46", "deals_closed", 1)])
    ratings.add_rating(journal, ratings.NewRating(ana, "2026-11-18", 2))
    draft = agreements.start_draft(
        journal, AgreementOwner.rep(ana), AgreementContent(expect_of_them=("CRM",))
    )
    agreements.activate(journal, draft.id, dt.date(2026, 11, 17))

    events = build_timeline(journal, ana)
    assert {(e.kind, e.group) for e in events} == {
        ("meeting", TimelineGroup.MEETINGS),
        ("numbers", TimelineGroup.NUMBERS),
        ("ladder", TimelineGroup.RATINGS),
        ("agreement", TimelineGroup.AGREEMENTS),
    }
    assert [e.kind for e in shown(events, frozenset())] == ["meeting"]
    assert [e.kind for e in shown(events, {TimelineGroup.RATINGS})] == ["ladder", "meeting"]
    assert shown(events, OPTIONAL_GROUPS) == events
    agreed = next(e for e in events if e.kind == "agreement")
    # Counted and dated in words: one expectation, the review's day (next year's).
    assert agreed.summary.startswith("1 expectation of them, 0 of me; review ")
    assert "2027" in agreed.summary and "-" not in agreed.summary

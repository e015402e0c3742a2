"""Scheduled 1:1s: records before they happen, started, moved, skipped, removed."""

from __future__ import annotations

import sqlite3

import pytest

from coachdesk.store import meetings, reps
from coachdesk.store.db import Journal
from coachdesk.store.records import MeetingStatus, Party


def _rep(journal: Journal, name: str = "Dana Parker", **fields: object) -> int:
    return reps.add_rep(journal, reps.NewRep(name, **fields)).id  # type: ignore[arg-type]


def _next(journal: Journal, rep_id: int) -> str | None:
    rep = reps.get_rep(journal, rep_id)
    assert rep is not None
    return rep.next_meeting_at


def test_a_scheduled_1_1_is_a_record_with_talking_points_before_it_happens(
    journal: Journal,
) -> None:
    dana = _rep(journal)
    planned = meetings.schedule_meeting(
        journal, dana, "2026-11-27T16:00", minutes=30, rep_agenda="- the Harbourview renewal"
    )
    assert planned.status is MeetingStatus.SCHEDULED and planned.scheduled
    assert (planned.planned_at, planned.minutes) == ("2026-11-27T16:00", 30)
    assert _next(journal, dana) == "2026-11-27T16:00"
    assert meetings.meetings_on(journal, dana, "2026-11-27") == [planned]
    assert meetings.scheduled_meetings(journal, dana) == [planned]


def test_starting_keeps_the_scheduled_time_unless_changed(journal: Journal) -> None:
    dana = _rep(journal)
    first = meetings.schedule_meeting(journal, dana, "2026-11-27T16:00")
    later = meetings.schedule_meeting(journal, dana, "2026-12-04T16:00")
    held = meetings.start_meeting(journal, first.id)
    assert (held.status, held.held_at) == (MeetingStatus.HELD, "2026-11-27T16:00")
    assert _next(journal, dana) == later.held_at, "the next one is the next scheduled"
    moved_on = meetings.start_meeting(journal, later.id, at="2026-12-04T16:20")
    assert moved_on.held_at == "2026-12-04T16:20"
    assert _next(journal, dana) is None
    with pytest.raises(ValueError, match="not scheduled"):
        meetings.start_meeting(journal, first.id)


def test_only_my_own_moves_and_skips_count_on_my_end(journal: Journal) -> None:
    dana, bo = _rep(journal), _rep(journal, "Bo Larsen")
    plans = [meetings.schedule_meeting(journal, dana, f"2026-11-{d:02d}T10:00") for d in (2, 9, 16)]
    plans += [meetings.schedule_meeting(journal, bo, f"2026-11-{d:02d}T11:00") for d in (3, 10)]
    meetings.move_meeting(journal, plans[0].id, "2026-11-02T15:00", by=Party.ME)
    meetings.move_meeting(journal, plans[1].id, "2026-11-10T10:00", by=Party.REP)
    meetings.skip_meeting(journal, plans[2].id, by=Party.ME)
    meetings.skip_meeting(journal, plans[3].id, by=Party.REP)
    moved = meetings.get_meeting(journal, plans[0].id)
    assert moved is not None
    assert (moved.held_at, moved.planned_at, moved.moved_by) == (
        "2026-11-02T15:00",
        "2026-11-02T10:00",
        Party.ME,
    )
    end = meetings.on_my_end(journal, "2026-11-01", "2026-12-01")
    assert end == meetings.OnMyEnd(planned=5, moved_by_me=1, skipped_by_me=1)
    assert _next(journal, bo) == "2026-11-10T11:00", "a skipped 1:1 is no longer next"


def test_removing_never_touches_a_held_or_skipped_meeting(journal: Journal) -> None:
    dana = _rep(journal)
    held = meetings.add_meeting(journal, dana, "2026-11-20T10:00", notes="we talked")
    skipped = meetings.schedule_meeting(journal, dana, "2026-11-23T10:00")
    meetings.skip_meeting(journal, skipped.id, by=Party.REP)
    ahead = meetings.schedule_meeting(journal, dana, "2026-11-30T10:00")
    assert meetings.remove_scheduled(journal, [held.id, skipped.id, ahead.id]) == 1
    assert {m.id for m in meetings.list_meetings(journal, dana)} == {held.id, skipped.id}
    assert _next(journal, dana) is None


def test_the_next_1_1_typed_on_a_rep_is_a_scheduled_meeting(journal: Journal) -> None:
    dana = _rep(journal, next_meeting_at="2026-11-27T16:00")
    [planned] = meetings.scheduled_meetings(journal, dana)
    assert planned.held_at == "2026-11-27T16:00"
    reps.update_rep(journal, dana, next_meeting_at="2026-11-28T09:00")
    [moved] = meetings.scheduled_meetings(journal, dana)
    assert (moved.id, moved.held_at, moved.moved_by) == (planned.id, "2026-11-28T09:00", None)
    reps.update_rep(journal, dana, next_meeting_at=None)
    assert meetings.scheduled_meetings(journal, dana) == []
    # One with talking points in it is kept when the next 1:1 is cleared.
    reps.update_rep(journal, dana, next_meeting_at="2026-12-01T09:00")
    [kept] = meetings.scheduled_meetings(journal, dana)
    meetings.update_meeting(journal, kept.id, rep_agenda="pricing question")
    reps.update_rep(journal, dana, next_meeting_at=None)
    assert [m.id for m in meetings.scheduled_meetings(journal, dana)] == [kept.id]


def test_a_calendar_event_is_one_meeting(journal: Journal) -> None:
    dana = _rep(journal)
    key = "uid-123@example.com|2026-11-27T15:00:00Z"
    meetings.schedule_meeting(journal, dana, "2026-11-27T16:00", calendar_key=key)
    assert set(meetings.with_calendar_keys(journal)) == {key}
    with pytest.raises(sqlite3.IntegrityError):
        meetings.schedule_meeting(journal, dana, "2026-11-27T16:00", calendar_key=key)

"""The generated sample team: deterministic, believable, and safe to put in a journal."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
from collections import Counter

import pytest

from coachdesk.sample.team import SampleTeam, generate, make_sample
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem
from coachdesk.store.reps import NewRep, add_rep, list_reps

TODAY = dt.date(2026, 11, 23)  # the conftest clock's Monday


@pytest.fixture(scope="module")
def team() -> SampleTeam:
    """The default sample team (12 reps, 26 weeks), built once for the read-only checks."""
    return generate(today=TODAY)


def _kinds_allowed_by_schema(conn: sqlite3.Connection) -> set[str]:
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'meetings'").fetchone()[0]
    check = re.search(r"kind IN \(([^)]*)\)", sql)
    assert check is not None
    return set(re.findall(r"'([a-z_]+)'", check.group(1)))


def test_same_seed_and_day_give_identical_rows(team: SampleTeam) -> None:
    assert generate(today=TODAY) == team


def test_another_seed_or_day_gives_other_rows(team: SampleTeam) -> None:
    other_seed = generate(seed=8, today=TODAY)
    assert [r.name for r in other_seed.reps] != [r.name for r in team.reps]
    assert [m.notes for m in other_seed.meetings] != [m.notes for m in team.meetings]
    later = generate(today=TODAY + dt.timedelta(days=7))
    assert [m.held_at for m in later.meetings] != [m.held_at for m in team.meetings]


def test_counts_are_sensible_for_a_dozen_reps_over_half_a_year(team: SampleTeam) -> None:
    assert len(team.reps) == 12
    assert 2 <= len(team.teams) <= 3
    assert {t.cadence_days for t in team.teams} <= {7, 14}
    assert 100 <= len(team.meetings) <= 300
    assert len(team.meetings) <= len(team.commitments) <= 4 * len(team.meetings)
    per_rep = Counter(m.rep_key for m in team.meetings)
    assert max(per_rep.values()) <= 27  # weekly at most, over 26 weeks
    assert len({r.name for r in team.reps}) == 12
    assert len({r.email for r in team.reps}) == 12


def test_names_include_accents_or_apostrophes_and_are_mostly_latin(team: SampleTeam) -> None:
    names = [r.name for r in team.reps]
    assert any("'" in n or any(ord(c) > 127 for c in n) for n in names)
    latin = [n for n in names if all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in n)]
    assert len(latin) >= len(names) * 2 // 3
    assert all(re.fullmatch(r"[a-z0-9.]+@brightline\.example", r.email) for r in team.reps)


def test_no_meeting_before_start_or_after_today(team: SampleTeam) -> None:
    starts = {r.key: r.start_date for r in team.reps}
    for m in team.meetings:
        start = starts[m.rep_key]
        assert start is not None and m.held_at[:10] >= start
        assert m.held_at[:10] < TODAY.isoformat()


def test_nothing_is_stamped_today_or_later(team: SampleTeam) -> None:
    rows = [*team.teams, *team.reps, *team.meetings, *team.commitments]
    for row in rows:
        assert row.created_at <= row.updated_at < TODAY.isoformat()
        for name in ("held_at", "closed_at", "archived_at"):
            stamp = getattr(row, name, None)
            assert stamp is None or stamp < TODAY.isoformat()


def test_new_reps_a_future_start_and_next_meetings(team: SampleTeam) -> None:
    starts = [dt.date.fromisoformat(r.start_date or "") for r in team.reps]
    assert sum(1 for s in starts if TODAY - dt.timedelta(days=14) <= s < TODAY) >= 2
    assert sum(1 for s in starts if s > TODAY) == 1
    active = [r for r in team.reps if r.archived_at is None]
    booked = [r for r in active if r.next_meeting_at is not None]
    assert len(booked) >= len(active) * 2 // 3
    week_ahead = (TODAY + dt.timedelta(days=8)).isoformat()
    assert all(TODAY.isoformat() < (r.next_meeting_at or "") < week_ahead for r in booked)


def test_at_least_one_rep_is_archived_and_nothing_after(team: SampleTeam) -> None:
    archived = [r for r in team.reps if r.archived_at is not None]
    assert archived
    for rep in archived:
        assert rep.next_meeting_at is None
        assert all(
            m.held_at < (rep.archived_at or "") and m.closed_at is not None
            for m in team.meetings
            if m.rep_key == rep.key
        )
        assert all(c.status != "open" for c in team.commitments if c.rep_key == rep.key)


def test_only_each_active_reps_latest_meeting_is_open(team: SampleTeam) -> None:
    archived = {r.key for r in team.reps if r.archived_at is not None}
    latest: dict[int, str] = {}
    for m in team.meetings:
        latest[m.rep_key] = max(latest.get(m.rep_key, ""), m.held_at)
    for m in team.meetings:
        newest = m.held_at == latest[m.rep_key] and m.rep_key not in archived
        assert (m.closed_at is None) == newest


def test_both_sides_have_overdue_open_commitments(team: SampleTeam) -> None:
    overdue = Counter(
        c.owner
        for c in team.commitments
        if c.status == "open" and (c.due_date or "9999") < TODAY.isoformat()
    )
    assert overdue["rep"] >= 2
    assert overdue["manager"] >= 2


def test_most_older_commitments_are_closed_in_a_later_meeting(team: SampleTeam) -> None:
    held = {m.key: m.held_at for m in team.meetings}
    statuses = Counter(c.status for c in team.commitments)
    assert statuses["done"] > statuses["open"] and statuses["dropped"] > 0
    for c in team.commitments:
        assert c.meeting_key is not None
        if c.status == "open":
            assert c.closed_at is None and c.closed_in_meeting_key is None
            continue
        assert c.closed_at is not None and c.closed_in_meeting_key is not None
        assert held[c.closed_in_meeting_key] >= held[c.meeting_key]
        assert c.closed_at >= c.created_at


def test_private_notes_on_some_meetings_only(team: SampleTeam) -> None:
    private = [m for m in team.meetings if m.private_notes]
    assert 5 <= len(private) <= len(team.meetings) // 3


def test_notes_are_markdown_and_not_all_alike(team: SampleTeam) -> None:
    notes = [m.notes for m in team.meetings]
    assert len(set(notes)) == len(notes)
    assert sum(1 for n in notes if "### " in n or "**" in n) > len(notes) // 2
    assert sum(1 for n in notes if re.search(r"[$€£]\d+k", n)) > len(notes) // 3
    assert any(line.startswith("## ") for n in notes for line in n.splitlines())
    assert any(m.rep_agenda for m in team.meetings)
    assert any(m.my_agenda for m in team.meetings)


def test_meeting_kinds_fit_the_schema(team: SampleTeam, journal: Journal) -> None:
    allowed = _kinds_allowed_by_schema(journal.db.conn)
    kinds = {m.kind for m in team.meetings}
    assert kinds <= allowed
    assert {"one_on_one", "expectations", "qbr", "pipeline_review"} <= kinds


def test_make_sample_fills_an_empty_journal(journal: Journal) -> None:
    counts = make_sample(journal)
    expected = generate(today=TODAY)
    # Sample extensions (agreements, numbers…) add counts of their own after these.
    core = {key: counts[key] for key in ("teams", "reps", "meetings", "commitments")}
    assert core == {
        "teams": len(expected.teams),
        "reps": len(expected.reps),
        "meetings": len(expected.meetings),
        "commitments": len(expected.commitments),
    }
    # Each rep's next 1:1 is a scheduled meeting of its own.
    scheduled = sum(1 for r in expected.reps if r.next_meeting_at and not r.archived_at)
    assert 0 < counts["scheduled 1:1s"] <= scheduled
    assert journal.counts()["meetings"] == counts["meetings"] + counts["scheduled 1:1s"]
    assert journal.check().ok
    names = [r.name for r in list_reps(journal)]
    assert sorted(names, key=str.casefold) == sorted(
        (r.name for r in expected.reps), key=str.casefold
    )


def test_make_sample_refuses_a_journal_with_reps_and_leaves_it_alone(journal: Journal) -> None:
    add_rep(journal, NewRep(name="Priya Raman"))
    before = (journal.counts(), journal.revision())
    with pytest.raises(KnownProblem, match="make-sample fills only a journal with no reps"):
        make_sample(journal, reps=3, weeks=2)
    assert (journal.counts(), journal.revision()) == before


def test_make_sample_refuses_nonsense_sizes(journal: Journal) -> None:
    with pytest.raises(KnownProblem):
        make_sample(journal, reps=0)
    assert journal.counts()["reps"] == 0


@pytest.mark.parametrize(("reps", "weeks"), [(1, 0), (2, 1), (3, 4), (5, 9), (40, 60)])
def test_other_sizes_still_fit_the_journal(journal: Journal, reps: int, weeks: int) -> None:
    counts = make_sample(journal, reps=reps, weeks=weeks, seed=reps * 31 + weeks)
    assert counts["reps"] == reps
    assert journal.check().ok


def test_insert_reuses_a_team_the_manager_already_made(journal: Journal) -> None:
    from coachdesk.store.bulk import insert_sample
    from coachdesk.store.teams import add_team, list_teams

    add_team(journal, "mid-market", 14)
    sample = generate(reps=6, weeks=4, today=TODAY)
    counts = insert_sample(journal, sample)
    assert counts["teams"] == len(sample.teams) - 1
    assert [t.name for t in list_teams(journal)].count("mid-market") == 1
    assert len(list_teams(journal)) == len(sample.teams)


def test_insert_with_a_broken_reference_writes_nothing(journal: Journal) -> None:
    from dataclasses import replace

    from coachdesk.store.bulk import insert_sample

    sample = generate(reps=4, weeks=4, today=TODAY)
    broken = replace(sample, meetings=[replace(sample.meetings[0], rep_key=999)])
    before = journal.counts()
    with pytest.raises(ValueError, match="unknown rep"):
        insert_sample(journal, broken)
    assert journal.counts() == before

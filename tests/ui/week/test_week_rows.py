"""This week's words: counts, days the reader's way, a rep's group, prompts' dates."""

from __future__ import annotations

import datetime as dt

from coachdesk.assembled.week import DueCommitment, Prompt, RepCommitments, Week, WeekMeeting
from coachdesk.store.records import Owner
from coachdesk.ui.week.week_rows import (
    RowKind,
    day_label,
    follow_up_rows,
    group_label,
    meeting_rows,
    open_counts,
    summary,
)

TODAY = dt.date(2026, 11, 23)


def plain(text: str) -> str:
    return text.replace("\u2068", "").replace("\u2069", "")


def due(number: int, day: dt.date, *, owner: Owner = Owner.REP) -> DueCommitment:
    return DueCommitment(number, 7, owner, f"Promise {number}", day, day < TODAY)


def test_days_are_the_locale_s_names_with_the_year_only_when_another() -> None:
    # (The folder's conftest reads them in British English.)
    assert day_label(dt.date(2026, 12, 8), TODAY) == "Tue, 8 Dec"
    assert day_label(dt.date(2026, 11, 17), TODAY, weekday=False) == "17 Nov"
    assert day_label(dt.date(2025, 12, 30), TODAY) == "Tue, 30 Dec 2025"


def test_counts_of_open_commitments() -> None:
    assert open_counts(2, 1) == "Theirs 2 · Mine 1"
    assert open_counts(0, 3) == "Theirs 0 · Mine 3"
    assert open_counts(0, 0) == "nothing open"


def test_a_rep_s_group_says_how_many_are_past_due_and_since_when() -> None:
    group = RepCommitments(
        7,
        "Dana Parker",
        Owner.REP,
        (due(1, dt.date(2026, 11, 17)), due(2, dt.date(2026, 11, 20)), due(3, TODAY)),
    )
    assert plain(group_label(group, TODAY)) == (
        "Dana Parker · 2 open past due, oldest 17 Nov · 1 due this week"
    )
    only_due = RepCommitments(7, "Dana Parker", Owner.REP, (due(3, TODAY),))
    assert plain(group_label(only_due, TODAY)) == "Dana Parker · 1 due this week"


def test_the_rows_today_first_mine_before_theirs_and_prompts_in_local_dates() -> None:
    week = Week(
        today=TODAY,
        meetings=(
            WeekMeeting(1, "Ana", TODAY, dt.time(9, 30), None, 1, 0),
            WeekMeeting(2, "Bo", dt.date(2026, 11, 25), None, None, 0, 0),
            WeekMeeting(3, "Cy", None, None, dt.date(2026, 11, 12), 0, 2),
        ),
        mine=(RepCommitments(7, "Dana", Owner.MANAGER, (due(4, dt.date(2026, 11, 2)),)),),
        theirs=(),
        prompts=(Prompt(None, "", "Team agreement review due (Mon, 30 Nov)", "team_agreement"),),
    )
    meetings = meeting_rows(week)
    assert [plain(r.text) for r in meetings] == [
        "Today · Mon, 23 Nov (1)",
        "Wed, 25 Nov",
        "Due by cadence, not booked yet (1)",
    ]
    assert plain(meetings[1].children[0].text) == "Bo · nothing open"
    assert plain(meetings[2].children[0].text) == "Cy · last 1:1 Thu, 12 Nov · Theirs 0 · Mine 2"
    rows = follow_up_rows(week, sharing=False)
    assert [plain(r.text) for r in rows] == [
        "My commitments, past due or due this week (1)",
        "Their commitments, past due or due this week (0)",
        "Prompts for me (1)",
    ]
    promise = rows[0].children[0].children[0]
    assert promise.kind is RowKind.COMMITMENT and promise.late and promise.commitment_id == 4
    assert promise.text == "past due since Mon, 2 Nov · Promise 4"
    assert rows[1].children[0].kind is RowKind.NOTE
    assert rows[2].children[0].text == "Me · Team agreement review due (Mon, 30 Nov)"
    assert [r.key for r in follow_up_rows(week, sharing=True)] == [
        ("section", "manager"),
        ("section", "rep"),
    ]
    assert summary(week, sharing=False) == (
        "1:1s this week: 3 (today: 1) · open past due: 1 · prompts: 1"
    )
    assert "prompts" not in summary(week, sharing=True)
    nobody_today = Week(TODAY, week.meetings[1:], (), (), ())
    today = meeting_rows(nobody_today)[0]
    assert today.text == "Today · Mon, 23 Nov"
    assert [(c.kind, c.text) for c in today.children] == [(RowKind.NOTE, "No 1:1 scheduled today.")]

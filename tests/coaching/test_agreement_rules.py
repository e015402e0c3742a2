"""Agreement rules: lists typed one per line, the text form, comparing versions, my end."""

from __future__ import annotations

import datetime as dt

from coachdesk.coaching.agreements import (
    Change,
    Keeping,
    content_lines,
    keeping,
    my_end,
    parse_template,
    side_by_side,
    split_communication,
    split_items,
    template_text,
    unknown_headings,
)
from coachdesk.dates import Quarter
from coachdesk.store.records import (
    AgreementContent,
    AgreementScope,
    Commitment,
    CommitmentStatus,
    Owner,
)

TODAY = dt.date(2026, 11, 23)


def test_numbers_and_bullets_typed_in_front_are_not_the_words() -> None:
    text = "1. A gentle reminder\n2) Take me to lunch\n\n  - A formal plan\n• Coffee\n2026 targets"
    assert split_items(text) == (
        "A gentle reminder",
        "Take me to lunch",
        "A formal plan",
        "Coffee",
        "2026 targets",
    )


def test_communication_lines_split_at_the_first_colon() -> None:
    assert split_communication("Emergency: text: any hour\nEmail me\n: odd") == (
        ("Emergency", "text: any hour"),
        ("", "Email me"),
        ("", ": odd"),
    )


def test_a_template_round_trips_through_its_text_form() -> None:
    content = AgreementContent(
        expect_of_them=("CRM by Friday", "Own agenda"),
        expect_of_me=("Answers in 24 h",),
        more_needed="Air cover\nwith legal",
        communication=(("Emergency", "text"), ("", "chat")),
        open_door="Tue 14–16",
        work_schedule="Mon–Thu office",
        their_steps=("Reminder", "Lunch"),
        my_steps=("Tell me straight",),
    )
    text = template_text(content)
    assert "## If I don't hold up my end, I'd like you to…\n1. Reminder\n2. Lunch" in text
    assert parse_template(text) == content


def test_template_headings_are_forgiving_and_unknown_ones_are_reported() -> None:
    text = (
        "Intro text is ignored\n# what i expect of you:\n- A\n### If I slip, call me on it by...\n"
        "1. B\n## Something else\n- lost\n"
    )
    parsed = parse_template(text)
    assert parsed.expect_of_them == ("A",)
    assert parsed.my_steps == ("B",)
    assert unknown_headings(text) == ["Something else"]


def test_team_text_form_uses_team_headings() -> None:
    lines = content_lines(
        AgreementContent(how_we_work=("On time",), expect_of_me=("Fridays free",)),
        AgreementScope.TEAM,
    )
    assert lines == [
        "## How we work together",
        "- On time",
        "",
        "## What the team can expect from me",
        "- Fridays free",
    ]


def test_side_by_side_pairs_changes_and_keeps_the_rest() -> None:
    rows = side_by_side(["a", "b", "c", "d"], ["a", "B", "c", "e", "f"])
    assert [(r.change, r.left, r.right) for r in rows] == [
        (Change.SAME, "a", "a"),
        (Change.CHANGED, "b", "B"),
        (Change.SAME, "c", "c"),
        (Change.CHANGED, "d", "e"),
        (Change.ADDED, None, "f"),
    ]
    assert [r.change for r in side_by_side(["x", "y"], ["y"])] == [Change.REMOVED, Change.SAME]


def _mine(
    cid: int,
    due: str | None,
    status: CommitmentStatus = CommitmentStatus.OPEN,
    closed: str | None = None,
    created: str = "2026-10-01T09:00:00",
    owner: Owner = Owner.MANAGER,
) -> Commitment:
    return Commitment(
        cid, 1, None, owner, f"c{cid}", due, status, closed, None, created, closed or created
    )


def test_kept_late_open_at_the_edges() -> None:
    done = CommitmentStatus.DONE
    assert keeping(_mine(1, "2026-11-20", done, "2026-11-20T17:00:00"), TODAY) is Keeping.KEPT
    assert keeping(_mine(2, "2026-11-20", done, "2026-11-21T08:00:00"), TODAY) is Keeping.LATE
    assert keeping(_mine(3, "2026-11-22"), TODAY) is Keeping.LATE
    assert keeping(_mine(4, "2026-11-23"), TODAY) is Keeping.OPEN
    assert keeping(_mine(5, None), TODAY) is Keeping.OPEN
    assert keeping(_mine(6, None, done, "2026-11-01T10:00:00"), TODAY) is Keeping.KEPT
    assert keeping(_mine(7, "2026-11-01", CommitmentStatus.DROPPED), TODAY) is Keeping.DROPPED


def test_my_end_of_a_quarter_counts_only_my_commitments_in_it() -> None:
    rows = [
        _mine(1, "2026-11-20", CommitmentStatus.DONE, "2026-11-19T10:00:00"),
        _mine(2, "2026-11-02"),
        _mine(3, "2026-12-31"),
        _mine(4, "2027-01-01"),  # next quarter
        _mine(5, "2026-09-30"),  # last quarter
        _mine(6, None, created="2026-10-01T00:00:00"),  # made in it, no date
        _mine(7, "2026-11-02", owner=Owner.REP),  # theirs
    ]
    end = my_end(rows, Quarter(2026, 4), TODAY)
    assert [(c.id, k) for c, k in end.rows] == [
        (2, Keeping.LATE),
        (6, Keeping.OPEN),
        (3, Keeping.OPEN),
        (1, Keeping.KEPT),
    ]
    assert (end.count(Keeping.KEPT), end.count(Keeping.LATE), end.count(Keeping.OPEN)) == (1, 1, 2)

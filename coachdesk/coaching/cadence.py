"""When a rep's next conversation is due: cadences, and how the roster says it.

A rep's cadence is their own when set, else their team's, else the journal default.
Skip-level conversations (a second-line manager with a first-line manager's reps)
run monthly whatever the weekly cadence, so they never make a rep look overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coachdesk.dates import moment_words, parse_date, parse_moment, time_words

DEFAULT_CADENCE_DAYS = 7
SKIP_LEVEL_CADENCE_DAYS = 30


def effective_cadence(
    rep_cadence: int | None, team_cadence: int | None, default: int = DEFAULT_CADENCE_DAYS
) -> int:
    """Return the cadence in days that applies to a rep."""
    for value in (rep_cadence, team_cadence):
        if value:
            return int(value)
    return default


@dataclass(frozen=True)
class DueStatus:
    """How the roster describes a rep's rhythm of 1:1s."""

    text: str  # "Next 1:1 Tue 24 Nov", "8 days since last 1:1", "No 1:1 yet"
    overdue: bool  # only when past the rep's cadence
    next_at: str | None
    days_since: int | None


def due_status(
    today: dt.date,
    cadence_days: int,
    *,
    last_one_on_one: str | None,
    next_meeting_at: str | None,
) -> DueStatus:
    """Describe when the rep's next 1:1 is, or how long since the last one.

    A scheduled 1:1 today or later is shown as such and is never overdue. Otherwise the
    days since the last 1:1 are shown, marked overdue only past the cadence.
    """
    if next_meeting_at:
        when = parse_moment(next_meeting_at)
        if when.date() >= today:
            if when.date() == today:
                label = "today" + (
                    f" {time_words(when.time())}" if len(next_meeting_at) > 10 else ""
                )
            else:
                label = moment_words(next_meeting_at, today)
            return DueStatus(f"Next 1:1 {label}", False, next_meeting_at, None)
    if last_one_on_one is None:
        return DueStatus("No 1:1 yet", False, None, None)
    days = (today - parse_date(last_one_on_one)).days
    if days <= 0:
        text = "1:1 today"
    elif days == 1:
        text = "1 day since last 1:1"
    else:
        text = f"{days} days since last 1:1"
    return DueStatus(text, days > cadence_days, None, days)


def is_due_by(today: dt.date, cadence_days: int, last_one_on_one: str | None, by: dt.date) -> bool:
    """True when a 1:1 falls due (by cadence) on or before ``by``."""
    if last_one_on_one is None:
        return True
    return parse_date(last_one_on_one) + dt.timedelta(days=cadence_days) <= by

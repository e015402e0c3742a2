"""The ladder as the rest of the app reads it: rung names, timeline events and flags.

* :func:`current_ladder` gives the five rungs as named in Settings.
* :func:`self_rating_events` puts a rep's self-ratings on their timeline. They are
  shared with the rep (their own words); my private reads never appear there.
* :func:`ladder_flags` asks for a self-rating once a quarter and prompts *me* when a
  rep's self-rating falls steeply or stays low: "what will I change?".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from coachdesk.assembled import settings_schema
from coachdesk.assembled.events import (
    TIMELINE_SOURCES,
    TimelineEvent,
    TimelineGroup,
    first_line,
)
from coachdesk.assembled.flag_sources import FLAG_SOURCES, Flag, only
from coachdesk.coaching import ladder as rules
from coachdesk.dates import parse_date
from coachdesk.store import ratings, reps
from coachdesk.store.db import Journal
from coachdesk.store.records import OCCASION_LABELS, Audience, Rating

FLAG_ASK = "ladder_ask"
FLAG_ATTENTION = "ladder_attention"
WHERE = "ladder"


def current_ladder(journal: Journal) -> rules.Ladder:
    """Return the five rungs as named in Settings (blanks read as the standard names)."""
    return rules.Ladder.from_texts(
        [settings_schema.read(journal, s) for s in settings_schema.LADDER_NAMES],
        [settings_schema.read(journal, s) for s in settings_schema.LADDER_DESCRIPTIONS],
    )


def points(items: list[Rating]) -> list[rules.Point]:
    """Turn stored self-ratings into points for the rules."""
    return [rules.Point(parse_date(r.rated_on), r.rung) for r in items]


def self_rating_events(journal: Journal, rep_id: int) -> list[TimelineEvent]:
    """A rep's self-ratings as timeline events, shared with the rep."""
    ladder = current_ladder(journal)
    return [
        TimelineEvent(
            kind="ladder",
            ref_id=r.id,
            when=r.rated_on,
            title=f"Ladder: {ladder.name(r.rung)}",
            summary=first_line(r.why) or OCCASION_LABELS[r.occasion],
            audience=Audience.SHARED,
            group=TimelineGroup.RATINGS,
        )
        for r in ratings.list_ratings(journal, rep_id)
    ]


TIMELINE_SOURCES.register(self_rating_events)


def ladder_flags(
    journal: Journal, today: dt.date, rep_ids: Collection[int] | None = None
) -> list[Flag]:
    """Prompts for me about active reps: ask quarterly; a steep fall; three low in a row.

    The quarterly "ask" starts once the ladder is in use (any self-rating in the
    journal), so a new journal does not greet every rep with a flag.
    """
    if ratings.count_ratings(journal) == 0:
        return []
    ladder = current_ladder(journal)
    by_rep = ratings.ratings_by_rep(journal)
    found: list[Flag] = []
    for rep in only(reps.list_reps(journal, include_archived=False), rep_ids):
        line = points(by_rep.get(rep.id, []))
        # Attention first: the roster shows the first flag of a rep.
        fall = rules.fall_within_quarter(line, today)
        if fall is not None:
            found.append(
                Flag(
                    rep.id,
                    FLAG_ATTENTION,
                    f"Their self-rating fell from {ladder.name(fall.before.rung)} to "
                    f"{ladder.name(fall.after.rung)} within a quarter — what will I change?",
                    WHERE,
                )
            )
        if rules.low_in_a_row(line, today) is not None:
            low = " or ".join(ladder.name(n) for n in sorted(rules.LOW_RUNGS))
            found.append(
                Flag(
                    rep.id,
                    FLAG_ATTENTION,
                    f"Three self-ratings in a row at {low} — what will I change?",
                    WHERE,
                )
            )
        started = parse_date(rep.start_date) if rep.start_date else None
        ask = rules.ask_this_quarter(line, today, started)
        if ask is not None:
            months = ask.months_ago(today)
            if months is None:
                text = "Ask where they'd place themselves on the ladder (not asked yet)"
            else:
                unit = "month" if months == 1 else "months"
                text = f"Ask where they'd place themselves (last asked {months} {unit} ago)"
            found.append(Flag(rep.id, FLAG_ASK, text, WHERE))
    return found


# After the numbers' flags (10) and the agreements' (20).
FLAG_SOURCES.register(ladder_flags, order=30)

"""Agreements beyond their own tab: the prompts they raise, and their timeline events.

Flags (an expectations conversation due, a review due) come from a source registered in
:data:`coachdesk.assembled.flag_sources.FLAG_SOURCES`; like every flag they are prompts for
the manager and never appear in sharing mode. The rules themselves are in
:mod:`coachdesk.coaching.agreements`; this module only reads what they need, in a few
queries for the whole roster.

Timeline events (each version agreed, each step used) come from a source registered in
:data:`coachdesk.assembled.events.TIMELINE_SOURCES`. Everything they show is shared with
the rep: an agreement is written with them, and a step is used because they asked for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from coachdesk.assembled.events import TIMELINE_SOURCES, TimelineEvent, TimelineGroup
from coachdesk.assembled.flag_sources import FLAG_SOURCES, Flag, only
from coachdesk.coaching.agreements import (
    expectations_due_for_start,
    review_due,
    takeover_pending,
)
from coachdesk.coaching.amounts import plural
from coachdesk.dates import day_words
from coachdesk.dates import today as clock_today
from coachdesk.store import agreements, reps
from coachdesk.store.db import Journal
from coachdesk.store.records import AgreementSection, AgreementStatus

# ----------------------------------------------------------------- flags

EXPECTATIONS_DUE = "expectations_due"
REVIEW_DUE = "review_due"
WHERE = "agreement"


def _day(iso: str | None, today: dt.date) -> str:
    """A day in the screen's words ("Mon, 30 Nov"), or "—"."""
    return day_words(iso, today) if iso else "—"


def agreement_flags(
    journal: Journal, today: dt.date, rep_ids: Collection[int] | None = None
) -> list[Flag]:
    """Return the agreement flags of every active rep (and of team agreements)."""
    in_force = agreements.rep_agreements_in_force(journal)
    taken_over = agreements.taken_over_dates(journal)
    flags: list[Flag] = []
    for rep in only(reps.list_reps(journal, include_archived=False), rep_ids):
        current = in_force.get(rep.id)
        taken_on = taken_over.get(rep.team_id) if rep.team_id is not None else None
        if takeover_pending(taken_on, current.agreed_on if current else None, today):
            flags.append(
                Flag(
                    rep.id,
                    EXPECTATIONS_DUE,
                    "Expectations conversation due "
                    f"(you took over the team on {_day(taken_on, today)})",
                    WHERE,
                )
            )
        elif expectations_due_for_start(rep.start_date, today, has_agreement=current is not None):
            starts = "starts" if (rep.start_date or "") > today.isoformat() else "started"
            flags.append(
                Flag(
                    rep.id,
                    EXPECTATIONS_DUE,
                    f"Expectations conversation due ({starts} {_day(rep.start_date, today)})",
                    WHERE,
                )
            )
        if current is not None and review_due(current.review_on, today):
            flags.append(
                Flag(
                    rep.id,
                    REVIEW_DUE,
                    f"Agreement review due ({_day(current.review_on, today)})",
                    WHERE,
                )
            )
    for team_agreement in agreements.team_agreements_in_force(journal):
        if review_due(team_agreement.review_on, today):
            flags.append(
                Flag(
                    None,
                    REVIEW_DUE,
                    f"Team agreement review due ({_day(team_agreement.review_on, today)})",
                    "team_agreement",
                )
            )
    return flags


# After the numbers' flags (10), before the ladder's (30).
FLAG_SOURCES.register(agreement_flags, order=20)


# ----------------------------------------------------------------- the timeline

AGREEMENT = "agreement"
STEP_USED = "agreement_step"


def agreement_events(journal: Journal, rep_id: int) -> list[TimelineEvent]:
    """Return the rep's agreed versions and used steps as timeline events."""
    events: list[TimelineEvent] = []
    day = clock_today(journal.clock)
    for version in agreements.rep_versions(journal, rep_id):
        if version.status is AgreementStatus.DRAFT or version.agreed_on is None:
            continue
        expectations = len(version.section(AgreementSection.EXPECT_OF_THEM))
        mine = len(version.section(AgreementSection.EXPECT_OF_ME))
        events.append(
            TimelineEvent(
                kind=AGREEMENT,
                ref_id=version.id,
                when=version.agreed_on,
                title=f"Agreement v{version.version} agreed",
                summary=(
                    f"{plural(expectations, 'expectations')} of them, {mine} of me; "
                    f"review {_day(version.review_on, day)}"
                ),
                group=TimelineGroup.AGREEMENTS,
            )
        )
    for use in agreements.step_uses(journal, rep_id):
        # The step is named in the person's own words: it is what they asked for.
        whose = "their" if use.section is AgreementSection.THEIR_STEPS else "my"
        events.append(
            TimelineEvent(
                kind=STEP_USED,
                ref_id=use.id,
                when=use.used_on,
                title=f"Step {use.step_number} of {whose} ladder: {use.step_text}",
                summary=use.note or use.step_text,
                group=TimelineGroup.AGREEMENTS,
            )
        )
    return events


TIMELINE_SOURCES.register(agreement_events)

"""Flags about agreements: an expectations conversation due, a review due.

Named in :data:`coachdesk.flags.SOURCE_MODULES`. Like every flag these are prompts for
the manager and never appear in sharing mode. The rules themselves are in
:mod:`coachdesk.coaching.agreements`; this module only reads what they need, in a few
queries for the whole roster.
"""

from __future__ import annotations

import datetime as dt

from coachdesk.coaching.agreements import (
    expectations_due_for_start,
    review_due,
    takeover_pending,
)
from coachdesk.flags import Flag
from coachdesk.store import agreements, reps
from coachdesk.store.db import Journal

EXPECTATIONS_DUE = "expectations_due"
REVIEW_DUE = "review_due"
WHERE = "agreement"


def agreement_flags(journal: Journal, today: dt.date) -> list[Flag]:
    """Return the agreement flags of every active rep (and of team agreements)."""
    in_force = agreements.rep_agreements_in_force(journal)
    taken_over = agreements.taken_over_dates(journal)
    flags: list[Flag] = []
    for rep in reps.list_reps(journal, include_archived=False):
        current = in_force.get(rep.id)
        taken_on = taken_over.get(rep.team_id) if rep.team_id is not None else None
        if takeover_pending(taken_on, current.agreed_on if current else None, today):
            flags.append(
                Flag(
                    rep.id,
                    EXPECTATIONS_DUE,
                    f"Expectations conversation due (you took over the team on {taken_on})",
                    WHERE,
                )
            )
        elif expectations_due_for_start(rep.start_date, today, has_agreement=current is not None):
            starts = "starts" if (rep.start_date or "") > today.isoformat() else "started"
            flags.append(
                Flag(
                    rep.id,
                    EXPECTATIONS_DUE,
                    f"Expectations conversation due ({starts} {rep.start_date})",
                    WHERE,
                )
            )
        if current is not None and review_due(current.review_on, today):
            flags.append(
                Flag(rep.id, REVIEW_DUE, f"Agreement review due ({current.review_on})", WHERE)
            )
    for team_agreement in agreements.team_agreements_in_force(journal):
        if review_due(team_agreement.review_on, today):
            flags.append(
                Flag(
                    None,
                    REVIEW_DUE,
                    f"Team agreement review due ({team_agreement.review_on})",
                    "team_agreement",
                )
            )
    return flags

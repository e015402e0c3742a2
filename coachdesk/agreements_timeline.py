"""Agreements on a rep's timeline: each version agreed, and each step that was used.

A source of :data:`coachdesk.timeline.SOURCES`. Everything it shows is shared with the
rep: an agreement is written with them, and a step is used because they asked for it.
"""

from __future__ import annotations

from coachdesk.store import agreements
from coachdesk.store.db import Journal
from coachdesk.store.records import AgreementSection, AgreementStatus
from coachdesk.timeline import TimelineEvent

AGREEMENT = "agreement"
STEP_USED = "agreement_step"


def agreement_events(journal: Journal, rep_id: int) -> list[TimelineEvent]:
    """Return the rep's agreed versions and used steps as timeline events."""
    events: list[TimelineEvent] = []
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
                    f"{expectations} expectations of them, {mine} of me; "
                    f"review {version.review_on or '—'}"
                ),
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
            )
        )
    return events

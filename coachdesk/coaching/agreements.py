"""Rules for working agreements, with no I/O: text forms, differences, due dates, my end.

* An agreement's lists are written one item per line; a ladder is one step per line,
  in the order the person chose. Numbers and bullets typed in front are not part of
  the words and are dropped.
* The *text form* of an agreement (Markdown headings and lists) is what a template
  is written in, what two versions are compared on, and what a Markdown copy holds.
* When an expectations conversation or a review is due, and how the manager is doing
  on their own end of an agreement, are decided here from plain values.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from coachdesk.dates import Quarter, parse_date
from coachdesk.store.records import (
    Agreement,
    AgreementContent,
    AgreementScope,
    Commitment,
    CommitmentStatus,
    Owner,
)

# A rep who started (or starts) this close to today needs the expectations talk.
NEW_REP_WINDOW_DAYS = 14

# "1. ", "2) ", "- ", "* ", "• ", "– " in front of a line are list markup, not words.
_MARKER = re.compile(r"^\s*(?:\d{1,3}[.)]|[-*•–—+])\s+")


def split_items(text: str) -> tuple[str, ...]:
    """Return the items of a list written one per line, without bullets or numbers."""
    items = []
    for line in text.splitlines():
        item = _MARKER.sub("", line, count=1).strip()
        if item:
            items.append(item)
    return tuple(items)


def items_text(items: Iterable[str]) -> str:
    """Return a list as one item per line (the inverse of :func:`split_items`)."""
    return "\n".join(items)


def split_communication(text: str) -> tuple[tuple[str, str], ...]:
    """Return ``(urgency, how)`` pairs from lines like "Emergency: text me".

    A line without a colon is a way to reach each other with no urgency given.
    """
    pairs = []
    for item in split_items(text):
        label, colon, how = item.partition(":")
        if colon and label.strip() and how.strip():
            pairs.append((label.strip(), how.strip()))
        else:
            pairs.append(("", item))
    return tuple(pairs)


def communication_text(pairs: Iterable[tuple[str, str]]) -> str:
    """Return communication lines as typed: "Urgency: how", one per line."""
    return "\n".join(f"{label}: {how}" if label else how for label, how in pairs)


# ----------------------------------------------------------------- the text form


class Heading(StrEnum):
    """The headings of an agreement's text form (and of a template)."""

    EXPECT_OF_THEM = "What I expect of you"
    EXPECT_OF_ME = "What you can expect from me"
    MORE_NEEDED = "What else do you need from me?"
    COMMUNICATION = "How we communicate"
    OPEN_DOOR = "Open-door hours"
    WORK_SCHEDULE = "Work schedule"
    THEIR_STEPS = "If I don't hold up my end, I'd like you to…"
    MY_STEPS = "If I slip, call me on it by…"
    HOW_WE_WORK = "How we work together"
    TEAM_EXPECT_OF_ME = "What the team can expect from me"
    DATES = "Dates"


def _heading_key(text: str) -> str:
    # Headings match ignoring case, punctuation at the ends and "..." for "…".
    return re.sub(r"[\s.…:?!]+$", "", text.replace("...", "…").strip()).casefold()


_HEADINGS = {_heading_key(h.value): h for h in Heading}


def _list_lines(items: Sequence[str], *, numbered: bool) -> list[str]:
    if numbered:
        return [f"{n}. {item}" for n, item in enumerate(items, start=1)]
    return [f"- {item}" for item in items]


def content_lines(content: AgreementContent, scope: AgreementScope) -> list[str]:
    """Return the text form of what an agreement says, one line per list item.

    Empty sections are left out. Dates come last, so that comparing two versions
    shows first what changed in the words.
    """
    sections: list[tuple[Heading, list[str]]]
    if scope is AgreementScope.TEAM:
        sections = [
            (Heading.HOW_WE_WORK, _list_lines(content.how_we_work, numbered=False)),
            (Heading.TEAM_EXPECT_OF_ME, _list_lines(content.expect_of_me, numbered=False)),
            (Heading.EXPECT_OF_THEM, _list_lines(content.expect_of_them, numbered=False)),
        ]
    else:
        sections = [
            (Heading.EXPECT_OF_THEM, _list_lines(content.expect_of_them, numbered=False)),
            (Heading.EXPECT_OF_ME, _list_lines(content.expect_of_me, numbered=False)),
            (Heading.MORE_NEEDED, content.more_needed.splitlines()),
            (
                Heading.COMMUNICATION,
                ["- " + line for line in communication_text(content.communication).splitlines()],
            ),
            (Heading.OPEN_DOOR, content.open_door.splitlines()),
            (Heading.WORK_SCHEDULE, content.work_schedule.splitlines()),
            (Heading.THEIR_STEPS, _list_lines(content.their_steps, numbered=True)),
            (Heading.MY_STEPS, _list_lines(content.my_steps, numbered=True)),
        ]
    dates = [
        f"- {label}: {value}"
        for label, value in (
            ("Agreed on", content.agreed_on),
            ("Next review", content.review_on),
            ("Rep signed", content.rep_signed_on),
            ("Manager signed", content.manager_signed_on),
        )
        if value
    ]
    sections.append((Heading.DATES, dates))
    lines: list[str] = []
    for heading, body in sections:
        if not any(line.strip() for line in body):
            continue
        if lines:
            lines.append("")
        lines.append(f"## {heading.value}")
        lines.extend(body)
    return lines


def agreement_lines(agreement: Agreement) -> list[str]:
    """Return the text form of one version (see :func:`content_lines`)."""
    return content_lines(agreement.content(), agreement.scope)


def template_text(content: AgreementContent, scope: AgreementScope = AgreementScope.REP) -> str:
    """Return a template as the Settings show it: the text form without dates."""
    undated = AgreementContent(
        expect_of_them=content.expect_of_them,
        expect_of_me=content.expect_of_me,
        more_needed=content.more_needed,
        communication=content.communication,
        open_door=content.open_door,
        work_schedule=content.work_schedule,
        their_steps=content.their_steps,
        my_steps=content.my_steps,
        how_we_work=content.how_we_work,
    )
    return "\n".join(content_lines(undated, scope)) + "\n"


def parse_template(text: str) -> AgreementContent:
    """Read a template (or any text form) back into what an agreement says.

    Text under a heading coachdesk does not know is ignored, as is text before the
    first heading; see :func:`unknown_headings` to tell the person.
    """
    bodies: dict[Heading, list[str]] = {}
    current: Heading | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            current = _HEADINGS.get(_heading_key(stripped.lstrip("#")))
            if current is not None:
                bodies.setdefault(current, [])
            continue
        if current is not None:
            bodies[current].append(line)

    def items(heading: Heading) -> tuple[str, ...]:
        return split_items("\n".join(bodies.get(heading, [])))

    def prose(heading: Heading) -> str:
        return "\n".join(bodies.get(heading, [])).strip()

    expect_of_me = items(Heading.EXPECT_OF_ME) or items(Heading.TEAM_EXPECT_OF_ME)
    return AgreementContent(
        expect_of_them=items(Heading.EXPECT_OF_THEM),
        expect_of_me=expect_of_me,
        more_needed=prose(Heading.MORE_NEEDED),
        communication=split_communication("\n".join(bodies.get(Heading.COMMUNICATION, []))),
        open_door=prose(Heading.OPEN_DOOR),
        work_schedule=prose(Heading.WORK_SCHEDULE),
        their_steps=items(Heading.THEIR_STEPS),
        my_steps=items(Heading.MY_STEPS),
        how_we_work=items(Heading.HOW_WE_WORK),
    )


def unknown_headings(text: str) -> list[str]:
    """Return the headings of a template that coachdesk does not know (their text is lost)."""
    return [
        line.strip().lstrip("#").strip()
        for line in text.splitlines()
        if line.strip().startswith("#") and _heading_key(line.strip().lstrip("#")) not in _HEADINGS
    ]


# ----------------------------------------------------------------- comparing versions


class Change(StrEnum):
    """How a line differs between two versions."""

    SAME = "same"
    CHANGED = "changed"
    REMOVED = "removed"  # only in the older (left) version
    ADDED = "added"  # only in the newer (right) version


@dataclass(frozen=True)
class DiffRow:
    """One row of a side-by-side comparison; a missing side is ``None``."""

    change: Change
    left: str | None
    right: str | None


def side_by_side(left: Sequence[str], right: Sequence[str]) -> list[DiffRow]:
    """Line up two versions' text forms for reading side by side."""
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=list(left), b=list(right), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(DiffRow(Change.SAME, line, line) for line in left[i1:i2])
        elif tag == "delete":
            rows.extend(DiffRow(Change.REMOVED, line, None) for line in left[i1:i2])
        elif tag == "insert":
            rows.extend(DiffRow(Change.ADDED, None, line) for line in right[j1:j2])
        else:
            # A replaced block: pair lines up, the longer side's extra lines stand alone.
            olds, news = left[i1:i2], right[j1:j2]
            for n in range(max(len(olds), len(news))):
                old = olds[n] if n < len(olds) else None
                new = news[n] if n < len(news) else None
                if old is None:
                    rows.append(DiffRow(Change.ADDED, None, new))
                elif new is None:
                    rows.append(DiffRow(Change.REMOVED, old, None))
                else:
                    rows.append(DiffRow(Change.CHANGED, old, new))
    return rows


# ----------------------------------------------------------------- what is due


def expectations_due_for_start(
    start_date: str | None, today: dt.date, *, has_agreement: bool
) -> bool:
    """True for a rep with no agreement who started within 14 days, or starts within 14."""
    if has_agreement or not start_date:
        return False
    try:
        start = parse_date(start_date)
    except ValueError:
        return False
    return abs((start - today).days) <= NEW_REP_WINDOW_DAYS


def review_due(review_on: str | None, today: dt.date) -> bool:
    """True from the day of the review on: the agreement is due to be looked at again."""
    if not review_on:
        return False
    try:
        return parse_date(review_on) <= today
    except ValueError:
        return False


def takeover_pending(taken_over_on: str | None, agreed_on: str | None, today: dt.date) -> bool:
    """True when the manager took the rep's team over and they have not agreed since.

    An agreement made on the day of the takeover counts as made with the new manager.
    """
    if not taken_over_on:
        return False
    try:
        taken = parse_date(taken_over_on)
    except ValueError:
        return False
    if taken > today:
        return False
    return agreed_on is None or agreed_on[:10] < taken.isoformat()


# ----------------------------------------------------------------- my end of it


class Keeping(StrEnum):
    """How the manager kept one of their commitments to a rep."""

    KEPT = "kept"  # done on or before the day it was due (or done, with no due date)
    LATE = "late"  # done after it was due, or still open past it
    OPEN = "open"  # not due yet
    DROPPED = "dropped"  # dropped: shown, not hidden, so the count stays honest


def keeping(commitment: Commitment, today: dt.date) -> Keeping:
    """Classify one commitment as kept, late, open or dropped."""
    due = commitment.due_date[:10] if commitment.due_date else None
    if commitment.status is CommitmentStatus.DROPPED:
        return Keeping.DROPPED
    if commitment.status is CommitmentStatus.DONE:
        closed = (commitment.closed_at or commitment.updated_at)[:10]
        return Keeping.LATE if due is not None and closed > due else Keeping.KEPT
    if due is not None and due < today.isoformat():
        return Keeping.LATE
    return Keeping.OPEN


def in_quarter(commitment: Commitment, quarter: Quarter) -> bool:
    """True when a commitment belongs to a quarter: by its due date, else when it was made."""
    day = (commitment.due_date or commitment.created_at)[:10]
    return quarter.first_day().isoformat() <= day <= quarter.last_day().isoformat()


@dataclass(frozen=True)
class MyEnd:
    """The manager's commitments to one rep over a quarter, classified."""

    quarter: Quarter
    rows: tuple[tuple[Commitment, Keeping], ...]

    def count(self, kind: Keeping) -> int:
        """How many commitments were kept, late, open or dropped."""
        return sum(1 for _, k in self.rows if k is kind)


_ORDER = {Keeping.LATE: 0, Keeping.OPEN: 1, Keeping.KEPT: 2, Keeping.DROPPED: 3}


def my_end(commitments: Iterable[Commitment], quarter: Quarter, today: dt.date) -> MyEnd:
    """Return the manager's commitments in ``quarter``: late first, then open, kept, dropped."""
    mine = [
        (c, keeping(c, today))
        for c in commitments
        if c.owner is Owner.MANAGER and in_quarter(c, quarter)
    ]
    mine.sort(key=lambda pair: (_ORDER[pair[1]], pair[0].due_date or "", pair[0].id))
    return MyEnd(quarter, tuple(mine))

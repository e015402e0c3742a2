"""Working agreements: written both ways, versioned, and the steps that were used.

A rep's agreement (or a team's) is a series of versions. At most one is a *draft*
(being written or revised) and at most one is *active* (in force); the rest are
*superseded* and kept for the history. A version in force is never edited: revising
it starts a draft copy, and activating the draft supersedes it, in one transaction.

Every write sends the change notice ``"agreements"``; the team columns kept here
(``taken_over_on``, ``agreement_template``) send ``"teams"``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from coachdesk.dates import add_months, iso_date, parse_date
from coachdesk.store._rows import select_list
from coachdesk.store.changes import Subject
from coachdesk.store.db import Journal
from coachdesk.store.errors import InvalidInput, KnownProblem
from coachdesk.store.records import (
    STEP_SECTIONS,
    Agreement,
    AgreementContent,
    AgreementItem,
    AgreementScope,
    AgreementSection,
    AgreementStatus,
    StepUse,
)

# A review is due a quarter after the agreement was made, unless agreed otherwise.
REVIEW_AFTER_MONTHS = 3

_FIELDS = [
    "id",
    "scope",
    "rep_id",
    "team_id",
    "version",
    "status",
    "more_needed",
    "open_door",
    "work_schedule",
    "agreed_on",
    "review_on",
    "rep_signed_on",
    "manager_signed_on",
    "based_on_id",
    "activated_at",
    "superseded_at",
    "created_at",
    "updated_at",
]
_SELECT = f"SELECT {', '.join(_FIELDS)} FROM agreements"
_ITEM_SELECT = (
    f"SELECT {select_list(AgreementItem)} FROM agreement_items "
    "WHERE agreement_id IN ({ids}) ORDER BY agreement_id, section, position"
)


class AgreementNotEditable(KnownProblem):
    """Raised when something other than a draft is asked to change.

    The manager can act on it (revise the agreement to start a draft), so it is said
    in words rather than logged as a bug.
    """


@dataclass(frozen=True)
class AgreementOwner:
    """Whose agreement: a rep's, a team's, or (no ids) the whole team's."""

    scope: AgreementScope
    rep_id: int | None = None
    team_id: int | None = None

    @classmethod
    def rep(cls, rep_id: int) -> AgreementOwner:
        """One rep's agreement."""
        return cls(AgreementScope.REP, rep_id=rep_id)

    @classmethod
    def team(cls, team_id: int | None) -> AgreementOwner:
        """A team's agreement; ``None`` means the whole team, every rep."""
        return cls(AgreementScope.TEAM, team_id=team_id)

    def where(self) -> tuple[str, list[Any]]:
        """The condition (and its values) that picks this owner's versions."""
        return (
            "scope = ? AND ifnull(rep_id, 0) = ? AND ifnull(team_id, 0) = ?",
            [str(self.scope), self.rep_id or 0, self.team_id or 0],
        )


# ----------------------------------------------------------------- reading


def _build(journal: Journal, rows: list[tuple[Any, ...]]) -> list[Agreement]:
    if not rows:
        return []
    ids = [int(row[0]) for row in rows]
    items: dict[int, list[AgreementItem]] = {i: [] for i in ids}
    sql = _ITEM_SELECT.format(ids=", ".join("?" for _ in ids))
    for item_row in journal.conn.execute(sql, ids):
        values = list(item_row)
        values[2] = AgreementSection(values[2])
        item = AgreementItem(*values)
        items[item.agreement_id].append(item)
    built = []
    for row in rows:
        values = list(row)
        values[1] = AgreementScope(values[1])
        values[5] = AgreementStatus(values[5])
        built.append(replace(Agreement(*values), items=tuple(items[int(row[0])])))
    return built


def _query(journal: Journal, where: str, params: list[Any]) -> list[Agreement]:
    rows = journal.conn.execute(f"{_SELECT} WHERE {where}", params).fetchall()
    return _build(journal, rows)


def get_agreement(journal: Journal, agreement_id: int) -> Agreement | None:
    """Return one version with its lists, or ``None``."""
    found = _query(journal, "id = ?", [agreement_id])
    return found[0] if found else None


def versions(journal: Journal, owner: AgreementOwner) -> list[Agreement]:
    """Return every version of an owner's agreement, oldest first (the draft last)."""
    where, params = owner.where()
    return _query(journal, where + " ORDER BY version", params)


def rep_versions(journal: Journal, rep_id: int) -> list[Agreement]:
    """Return every version of a rep's agreement, oldest first."""
    return versions(journal, AgreementOwner.rep(rep_id))


def _one(journal: Journal, owner: AgreementOwner, status: AgreementStatus) -> Agreement | None:
    where, params = owner.where()
    found = _query(journal, where + " AND status = ?", [*params, str(status)])
    return found[0] if found else None


def active_agreement(journal: Journal, owner: AgreementOwner) -> Agreement | None:
    """Return the version in force, or ``None``."""
    return _one(journal, owner, AgreementStatus.ACTIVE)


def draft_agreement(journal: Journal, owner: AgreementOwner) -> Agreement | None:
    """Return the draft being written, or ``None``."""
    return _one(journal, owner, AgreementStatus.DRAFT)


@dataclass(frozen=True)
class InForce:
    """The dates of one rep's agreement in force, for flags and the roster."""

    rep_id: int
    version: int
    agreed_on: str
    review_on: str | None


def rep_agreements_in_force(journal: Journal) -> dict[int, InForce]:
    """Return ``{rep_id: InForce}`` for every rep with an active agreement (one query)."""
    return {
        int(row[0]): InForce(int(row[0]), int(row[1]), str(row[2]), row[3])
        for row in journal.conn.execute(
            "SELECT rep_id, version, agreed_on, review_on FROM agreements "
            "WHERE scope = 'rep' AND status = 'active'"
        )
    }


def team_agreements_in_force(journal: Journal) -> list[Agreement]:
    """Return every team agreement in force (one per team, and the whole team's)."""
    return _query(journal, "scope = 'team' AND status = 'active' ORDER BY team_id", [])


# ----------------------------------------------------------------- writing drafts


def clean_lines(lines: Iterable[str]) -> tuple[str, ...]:
    """Return the non-blank lines, trimmed: what a list of an agreement keeps."""
    return tuple(line.strip() for line in lines if line.strip())


def _item_rows(content: AgreementContent) -> list[tuple[str, int, str, str]]:
    rows: list[tuple[str, int, str, str]] = []
    lists = [
        (AgreementSection.EXPECT_OF_THEM, content.expect_of_them),
        (AgreementSection.EXPECT_OF_ME, content.expect_of_me),
        (AgreementSection.THEIR_STEPS, content.their_steps),
        (AgreementSection.MY_STEPS, content.my_steps),
        (AgreementSection.HOW_WE_WORK, content.how_we_work),
    ]
    for section, texts in lists:
        for position, text in enumerate(clean_lines(texts)):
            rows.append((str(section), position, "", text))
    position = 0
    for label, text in content.communication:
        if not text.strip():
            continue  # a channel without an urgency is kept; an urgency alone is not a line
        rows.append((str(AgreementSection.COMMUNICATION), position, label.strip(), text.strip()))
        position += 1
    return rows


def _check_dates(content: AgreementContent) -> None:
    for name in ("agreed_on", "review_on", "rep_signed_on", "manager_signed_on"):
        value = getattr(content, name)
        if value is not None:
            # The dates come from date pickers: one that is not a date is a bug.
            parse_date(value)
    if content.agreed_on and content.review_on and content.review_on < content.agreed_on:
        raise InvalidInput("The next review cannot be before the day it was agreed.")


def _write_content(conn: sqlite3.Connection, agreement_id: int, content: AgreementContent) -> None:
    conn.execute("DELETE FROM agreement_items WHERE agreement_id = ?", [agreement_id])
    conn.executemany(
        "INSERT INTO agreement_items(agreement_id, section, position, label, text) "
        "VALUES (?, ?, ?, ?, ?)",
        [(agreement_id, *row) for row in _item_rows(content)],
    )


def start_draft(
    journal: Journal,
    owner: AgreementOwner,
    content: AgreementContent | None = None,
    *,
    based_on_id: int | None = None,
) -> Agreement:
    """Start a draft for ``owner`` (blank, or holding ``content``) and return it.

    The owner's existing draft is returned unchanged if there is one: there is only
    ever one draft, so starting again never loses what was being written.
    """
    existing = draft_agreement(journal, owner)
    if existing is not None:
        return existing
    content = content or AgreementContent()
    _check_dates(content)
    now = journal.now()
    where, params = owner.where()
    with journal.write(Subject.AGREEMENTS) as db:
        conn = db.conn
        (last,) = conn.execute(
            f"SELECT coalesce(max(version), 0) FROM agreements WHERE {where}", params
        ).fetchone()
        cur = conn.execute(
            "INSERT INTO agreements(scope, rep_id, team_id, version, status, more_needed, "
            "open_door, work_schedule, agreed_on, review_on, rep_signed_on, "
            "manager_signed_on, based_on_id, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                str(owner.scope),
                owner.rep_id,
                owner.team_id,
                int(last) + 1,
                content.more_needed.strip(),
                content.open_door.strip(),
                content.work_schedule.strip(),
                content.agreed_on,
                content.review_on,
                content.rep_signed_on,
                content.manager_signed_on,
                based_on_id,
                now,
                now,
            ],
        )
        new_id = int(cur.lastrowid or 0)
        _write_content(conn, new_id, content)
    found = get_agreement(journal, new_id)
    assert found is not None
    return found


def revise(journal: Journal, agreement_id: int) -> Agreement:
    """Start a draft that copies a version (the one in force, or any earlier one).

    The dates agreed, signed and reviewed are not copied: they belong to the new
    version once it is agreed. An existing draft is returned unchanged.
    """
    source = get_agreement(journal, agreement_id)
    if source is None:
        raise LookupError(agreement_id)
    owner = AgreementOwner(source.scope, source.rep_id, source.team_id)
    content = source.content()
    fresh = AgreementContent(
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
    return start_draft(journal, owner, fresh, based_on_id=source.id)


def _require_draft(conn: sqlite3.Connection, agreement_id: int) -> None:
    row = conn.execute("SELECT status FROM agreements WHERE id = ?", [agreement_id]).fetchone()
    if row is None:
        raise LookupError(agreement_id)
    if row[0] != AgreementStatus.DRAFT:
        raise AgreementNotEditable(
            "Only a draft can be changed: revise the agreement to start one."
        )


def save_draft(journal: Journal, agreement_id: int, content: AgreementContent) -> None:
    """Replace what a draft says (lists, texts and dates) in one transaction."""
    _check_dates(content)
    with journal.write(Subject.AGREEMENTS) as db:
        conn = db.conn
        _require_draft(conn, agreement_id)
        conn.execute(
            "UPDATE agreements SET more_needed = ?, open_door = ?, work_schedule = ?, "
            "agreed_on = ?, review_on = ?, rep_signed_on = ?, manager_signed_on = ?, "
            "updated_at = ? WHERE id = ?",
            [
                content.more_needed.strip(),
                content.open_door.strip(),
                content.work_schedule.strip(),
                content.agreed_on,
                content.review_on,
                content.rep_signed_on,
                content.manager_signed_on,
                journal.now(),
                agreement_id,
            ],
        )
        _write_content(conn, agreement_id, content)


def default_review_on(agreed_on: str) -> str:
    """Return the default next review: three months after the day it was agreed."""
    return iso_date(add_months(parse_date(agreed_on), REVIEW_AFTER_MONTHS))


def activate(journal: Journal, agreement_id: int, today: dt.date) -> Agreement:
    """Put a draft in force; the version in force until now is superseded.

    A draft with no date agreed is agreed ``today``; one with no next review gets the
    default, three months after it was agreed.
    """
    now = journal.now()
    with journal.write(Subject.AGREEMENTS) as db:
        conn = db.conn
        _require_draft(conn, agreement_id)
        scope, rep_id, team_id, agreed_on, review_on = conn.execute(
            "SELECT scope, rep_id, team_id, agreed_on, review_on FROM agreements WHERE id = ?",
            [agreement_id],
        ).fetchone()
        agreed_on = agreed_on or iso_date(today)
        review_on = review_on or default_review_on(agreed_on)
        owner = AgreementOwner(AgreementScope(scope), rep_id, team_id)
        where, params = owner.where()
        # The old one goes first: only one version may be in force at any moment.
        conn.execute(
            f"UPDATE agreements SET status = 'superseded', superseded_at = ?, updated_at = ? "
            f"WHERE {where} AND status = 'active'",
            [now, now, *params],
        )
        conn.execute(
            "UPDATE agreements SET status = 'active', agreed_on = ?, review_on = ?, "
            "activated_at = ?, updated_at = ? WHERE id = ?",
            [agreed_on, review_on, now, now, agreement_id],
        )
    found = get_agreement(journal, agreement_id)
    assert found is not None
    return found


def discard_draft(journal: Journal, agreement_id: int) -> None:
    """Delete a draft; versions that were in force are never deleted."""
    with journal.write(Subject.AGREEMENTS) as db:
        _require_draft(db.conn, agreement_id)
        db.conn.execute("DELETE FROM agreements WHERE id = ?", [agreement_id])


def set_signed(
    journal: Journal,
    agreement_id: int,
    *,
    rep_signed_on: str | None,
    manager_signed_on: str | None,
) -> None:
    """Record when each side signed a version (a draft's or one in force).

    Signing changes nothing the agreement says, so a version in force can take it.
    """
    for value in (rep_signed_on, manager_signed_on):
        if value is not None:
            parse_date(value)
    with journal.write(Subject.AGREEMENTS) as db:
        db.conn.execute(
            "UPDATE agreements SET rep_signed_on = ?, manager_signed_on = ?, updated_at = ? "
            "WHERE id = ?",
            [rep_signed_on, manager_signed_on, journal.now(), agreement_id],
        )


# ----------------------------------------------------------------- steps used

_STEP_USE_SELECT = (
    "SELECT u.id, u.rep_id, u.item_id, u.used_on, u.note, u.created_at, u.updated_at, "
    "i.section, i.position + 1, i.text, a.version "
    "FROM agreement_step_uses u "
    "JOIN agreement_items i ON i.id = u.item_id "
    "JOIN agreements a ON a.id = i.agreement_id"
)


def _step_use(row: tuple[Any, ...]) -> StepUse:
    values = list(row)
    values[7] = AgreementSection(values[7])
    return StepUse(*values)


def record_step_use(journal: Journal, item_id: int, used_on: str, note: str = "") -> StepUse:
    """Record that a step of a rep's agreement in force was used, on a day, with a note."""
    parse_date(used_on)
    now = journal.now()
    with journal.write(Subject.AGREEMENTS) as db:
        conn = db.conn
        row = conn.execute(
            "SELECT a.rep_id, a.status, i.section FROM agreement_items i "
            "JOIN agreements a ON a.id = i.agreement_id WHERE i.id = ?",
            [item_id],
        ).fetchone()
        if row is None:
            raise LookupError(item_id)
        rep_id, status, section = row
        if rep_id is None or AgreementSection(section) not in STEP_SECTIONS:
            # Only steps are offered to choose from: anything else is a bug.
            raise ValueError("Only a step of a rep's agreement can be recorded as used.")
        if status != AgreementStatus.ACTIVE:
            raise AgreementNotEditable("Only a step of the agreement in force can be used.")
        cur = conn.execute(
            "INSERT INTO agreement_step_uses(rep_id, item_id, used_on, note, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            [rep_id, item_id, used_on[:10], note.strip(), now, now],
        )
        use_id = int(cur.lastrowid or 0)
    found = journal.conn.execute(_STEP_USE_SELECT + " WHERE u.id = ?", [use_id]).fetchone()
    return _step_use(found)


def step_uses(journal: Journal, rep_id: int) -> list[StepUse]:
    """Return every step used with a rep, newest first."""
    return [
        _step_use(row)
        for row in journal.conn.execute(
            _STEP_USE_SELECT + " WHERE u.rep_id = ? ORDER BY u.used_on DESC, u.id DESC", [rep_id]
        )
    ]


def delete_step_use(journal: Journal, use_id: int) -> None:
    """Delete a step use recorded by mistake."""
    with journal.write(Subject.AGREEMENTS) as db:
        db.conn.execute("DELETE FROM agreement_step_uses WHERE id = ?", [use_id])


# ----------------------------------------------------------------- teams


def taken_over_dates(journal: Journal) -> dict[int, str]:
    """Return ``{team_id: date}`` for every team the manager took over on a date."""
    return {
        int(team_id): str(day)
        for team_id, day in journal.conn.execute(
            "SELECT id, taken_over_on FROM teams WHERE taken_over_on IS NOT NULL"
        )
    }


def set_taken_over_on(journal: Journal, team_id: int, day: str | None) -> None:
    """Record the day the manager took a team over (``None``: they built it)."""
    if day is not None:
        parse_date(day)
    with journal.write(Subject.TEAMS) as db:
        db.conn.execute(
            "UPDATE teams SET taken_over_on = ?, updated_at = ? WHERE id = ?",
            [day[:10] if day else None, journal.now(), team_id],
        )


def team_templates(journal: Journal) -> dict[int, str]:
    """Return ``{team_id: template}`` for the teams with an agreement template of their own."""
    return {
        int(team_id): str(text)
        for team_id, text in journal.conn.execute(
            "SELECT id, agreement_template FROM teams WHERE agreement_template <> ''"
        )
    }


def save_team_settings(journal: Journal, changes: dict[int, tuple[str | None, str]]) -> None:
    """Save ``{team_id: (taken_over_on, template)}`` for several teams in one transaction."""
    for day, _template in changes.values():
        if day is not None:
            parse_date(day)
    if not changes:
        return
    now = journal.now()
    with journal.write(Subject.TEAMS) as db:
        db.conn.executemany(
            "UPDATE teams SET taken_over_on = ?, agreement_template = ?, updated_at = ? "
            "WHERE id = ?",
            [
                (day[:10] if day else None, template.strip(), now, team_id)
                for team_id, (day, template) in changes.items()
            ],
        )

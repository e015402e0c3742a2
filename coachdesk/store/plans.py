"""Reps' quarterly plans: the areas the manager frames, the rep's own words, their targets.

The manager does not write a plan. A plan holds, for one rep and one quarter, the core
areas as they were framed when it was started (later changes to the framework leave
it alone), the rep's answers exactly as pasted, the targets the rep set, and, kept
apart, the manager's review comments. Every write sends the change notice ``"plans"``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from coachdesk.dates import Quarter, iso_date
from coachdesk.store._rows import select_list
from coachdesk.store.changes import Subject
from coachdesk.store.db import Journal
from coachdesk.store.errors import InvalidInput
from coachdesk.store.records import Plan, PlanAnswer, PlanStatus, PlanTarget

_FIELDS = [
    "id",
    "rep_id",
    "quarter",
    "status",
    "review_comments",
    "reviewed_on",
    "created_at",
    "updated_at",
]
_SELECT = f"SELECT {', '.join(_FIELDS)} FROM plans"
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")


def quarter_key(quarter: Quarter | str) -> str:
    """Return a quarter as stored: ``"2026-Q4"``."""
    text = str(quarter)
    if not _QUARTER.match(text):
        raise ValueError(f"not a quarter: {text!r}")
    return text


def metric_key(label: str) -> str:
    """Return the key a target is matched on: lower case, words joined by ``_``.

    Accents are dropped so that "Démos" and "demos" meet; letters of other scripts
    are kept as they are.
    """
    decomposed = unicodedata.normalize("NFKD", label)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "_", plain.casefold()).strip("_")


def _build(journal: Journal, rows: list[tuple[Any, ...]]) -> list[Plan]:
    if not rows:
        return []
    ids = [int(row[0]) for row in rows]
    marks = ", ".join("?" for _ in ids)
    answers: dict[int, list[PlanAnswer]] = {i: [] for i in ids}
    for row in journal.conn.execute(
        f"SELECT {select_list(PlanAnswer)} FROM plan_answers WHERE plan_id IN ({marks}) "
        "ORDER BY plan_id, position",
        ids,
    ):
        answer = PlanAnswer(*row)
        answers[answer.plan_id].append(answer)
    targets: dict[int, list[PlanTarget]] = {i: [] for i in ids}
    for row in journal.conn.execute(
        f"SELECT {select_list(PlanTarget)} FROM plan_targets WHERE plan_id IN ({marks}) "
        "ORDER BY plan_id, position",
        ids,
    ):
        values = list(row)
        values[5] = float(values[5])
        target = PlanTarget(*values)
        targets[target.plan_id].append(target)
    built = []
    for row in rows:
        values = list(row)
        values[3] = PlanStatus(values[3])
        plan_id = int(row[0])
        plan = Plan(*values)
        built.append(
            replace(plan, answers=tuple(answers[plan_id]), targets=tuple(targets[plan_id]))
        )
    return built


def get_plan(journal: Journal, plan_id: int) -> Plan | None:
    """Return one plan with its answers and targets, or ``None``."""
    rows = journal.conn.execute(_SELECT + " WHERE id = ?", [plan_id]).fetchall()
    found = _build(journal, rows)
    return found[0] if found else None


def plan_for(journal: Journal, rep_id: int, quarter: Quarter | str) -> Plan | None:
    """Return a rep's plan for a quarter, or ``None``."""
    rows = journal.conn.execute(
        _SELECT + " WHERE rep_id = ? AND quarter = ?", [rep_id, quarter_key(quarter)]
    ).fetchall()
    found = _build(journal, rows)
    return found[0] if found else None


def rep_plans(journal: Journal, rep_id: int) -> list[Plan]:
    """Return every plan of a rep, newest quarter first."""
    rows = journal.conn.execute(
        _SELECT + " WHERE rep_id = ? ORDER BY quarter DESC", [rep_id]
    ).fetchall()
    return _build(journal, rows)


def start_plan(
    journal: Journal, rep_id: int, quarter: Quarter | str, areas: Sequence[tuple[str, str]]
) -> Plan:
    """Start a rep's plan for a quarter with the framed ``(area, prompt)`` pairs.

    The rep's existing plan for that quarter is returned unchanged if there is one.
    """
    key = quarter_key(quarter)
    existing = plan_for(journal, rep_id, key)
    if existing is not None:
        return existing
    kept = [(a.strip(), p.strip()) for a, p in areas if a.strip()]
    if not kept:
        raise InvalidInput("A plan needs at least one area.")
    now = journal.now()
    with journal.write(Subject.PLANS) as db:
        cur = db.conn.execute(
            "INSERT INTO plans(rep_id, quarter, created_at, updated_at) VALUES (?, ?, ?, ?)",
            [rep_id, key, now, now],
        )
        plan_id = int(cur.lastrowid or 0)
        db.conn.executemany(
            "INSERT INTO plan_answers(plan_id, position, area, prompt) VALUES (?, ?, ?, ?)",
            [(plan_id, n, area, prompt) for n, (area, prompt) in enumerate(kept)],
        )
    found = get_plan(journal, plan_id)
    assert found is not None
    return found


def save_answers(journal: Journal, plan_id: int, answers: Mapping[int, str]) -> None:
    """Store the rep's answers ``{answer_id: text}`` exactly as given, in one transaction.

    Nothing is trimmed or reflowed: these are the rep's words.
    """
    if not answers:
        return
    now = journal.now()
    with journal.write(Subject.PLANS) as db:
        db.conn.executemany(
            "UPDATE plan_answers SET answer = ? WHERE id = ? AND plan_id = ?",
            [(text, answer_id, plan_id) for answer_id, text in answers.items()],
        )
        db.conn.execute("UPDATE plans SET updated_at = ? WHERE id = ?", [now, plan_id])


def save_review_comments(journal: Journal, plan_id: int, text: str) -> None:
    """Store the manager's review comments (the manager's own, kept apart from the plan)."""
    with journal.write(Subject.PLANS) as db:
        db.conn.execute(
            "UPDATE plans SET review_comments = ?, updated_at = ? WHERE id = ?",
            [text, journal.now(), plan_id],
        )


def check_targets(targets: Sequence[tuple[str, float]]) -> list[tuple[str, str, float]]:
    """Return ``(key, label, target)`` for targets as typed, or say what is wrong.

    Rows with neither a metric nor a number are skipped; a metric needs a number of
    0 or more, and each metric may appear once. :class:`InvalidInput` says what is wrong.
    """
    checked: list[tuple[str, str, float]] = []
    seen: dict[str, str] = {}
    for label, number in targets:
        label = label.strip()
        if not label:
            raise InvalidInput("Each target needs the name of what is counted, e.g. “calls”.")
        key = metric_key(label)
        if not key:
            raise InvalidInput(f"“{label}” cannot name a metric: use a word, e.g. “calls”.")
        value = float(number)
        if not math.isfinite(value) or value < 0:
            raise InvalidInput(f"The target for “{label}” must be a number of 0 or more.")
        if key in seen:
            raise InvalidInput(f"“{label}” appears twice (as “{seen[key]}” too).")
        seen[key] = label
        checked.append((key, label, value))
    return checked


def set_targets(journal: Journal, plan_id: int, targets: Sequence[tuple[str, float]]) -> None:
    """Replace a plan's targets with ``(metric as the rep wrote it, number)`` pairs.

    These become the rep's targets for the plan's quarter (see :func:`quarter_targets`).
    """
    checked = check_targets(targets)
    with journal.write(Subject.PLANS) as db:
        db.conn.execute("DELETE FROM plan_targets WHERE plan_id = ?", [plan_id])
        db.conn.executemany(
            "INSERT INTO plan_targets(plan_id, position, metric_key, label, target) "
            "VALUES (?, ?, ?, ?, ?)",
            [(plan_id, n, key, label, value) for n, (key, label, value) in enumerate(checked)],
        )
        db.conn.execute("UPDATE plans SET updated_at = ? WHERE id = ?", [journal.now(), plan_id])


def set_status(journal: Journal, plan_id: int, status: PlanStatus, today: dt.date) -> None:
    """Mark a plan reviewed (today), or back to draft."""
    status = PlanStatus(status)
    reviewed_on = iso_date(today) if status is PlanStatus.REVIEWED else None
    with journal.write(Subject.PLANS) as db:
        db.conn.execute(
            "UPDATE plans SET status = ?, reviewed_on = ?, updated_at = ? WHERE id = ?",
            [str(status), reviewed_on, journal.now(), plan_id],
        )


def delete_plan(journal: Journal, plan_id: int) -> None:
    """Delete a plan started by mistake, with its answers and targets."""
    with journal.write(Subject.PLANS) as db:
        db.conn.execute("DELETE FROM plans WHERE id = ?", [plan_id])


def quarter_targets(journal: Journal, rep_id: int, quarter: Quarter | str) -> dict[str, float]:
    """Return the targets a rep set in their plan for a quarter, ``{metric_key: target}``.

    This is how the rest of coachdesk (the numbers) reads a rep's own targets.
    """
    return {
        str(key): float(value)
        for key, value in journal.conn.execute(
            "SELECT t.metric_key, t.target FROM plan_targets t JOIN plans p ON p.id = t.plan_id "
            "WHERE p.rep_id = ? AND p.quarter = ? ORDER BY t.position",
            [rep_id, quarter_key(quarter)],
        )
    }


def all_quarter_targets(journal: Journal, quarter: Quarter | str) -> dict[int, dict[str, float]]:
    """Return ``{rep_id: {metric_key: target}}`` for every rep's plan of a quarter."""
    found: dict[int, dict[str, float]] = {}
    for rep_id, key, value in journal.conn.execute(
        "SELECT p.rep_id, t.metric_key, t.target FROM plan_targets t "
        "JOIN plans p ON p.id = t.plan_id WHERE p.quarter = ? ORDER BY p.rep_id, t.position",
        [quarter_key(quarter)],
    ):
        found.setdefault(int(rep_id), {})[str(key)] = float(value)
    return found

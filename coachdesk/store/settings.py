"""Settings that travel with the journal (templates, cadences, the question bank…).

Window state (geometry, splitters) is not here: it belongs to the computer, in Qt's
settings, not to the journal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coachdesk.store.changes import Subject
from coachdesk.store.db import Journal
from coachdesk.store.errors import InvalidInput
from coachdesk.store.records import CoachingQuestion


def get_setting(journal: Journal, key: str, default: Any = None) -> Any:
    """Return a journal setting, decoded from JSON, or ``default``."""
    row = journal.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else default


def all_settings(journal: Journal) -> dict[str, Any]:
    """Return every journal setting."""
    return {
        key: json.loads(value)
        for key, value in journal.conn.execute("SELECT key, value FROM settings ORDER BY key")
    }


def set_setting(journal: Journal, key: str, value: Any) -> None:
    """Store a journal setting (any JSON value)."""
    set_settings(journal, {key: value})


def set_settings(journal: Journal, values: Mapping[str, Any]) -> None:
    """Store several journal settings (any JSON values) in one transaction."""
    if not values:
        return
    with journal.write(Subject.SETTINGS) as db:
        db.conn.executemany(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [(key, json.dumps(value, ensure_ascii=False)) for key, value in values.items()],
        )


def list_questions(journal: Journal, *, active_only: bool = True) -> list[CoachingQuestion]:
    """Return the question bank in its order."""
    where = " WHERE active = 1" if active_only else ""
    return [
        CoachingQuestion(int(r[0]), r[1], r[2], int(r[3]), bool(r[4]))
        for r in journal.conn.execute(
            "SELECT id, text, topic, position, active FROM coaching_questions"
            + where
            + " ORDER BY position, id"
        )
    ]


def add_question(journal: Journal, text: str, topic: str = "") -> CoachingQuestion:
    """Add a question at the end of the bank."""
    with journal.write(Subject.QUESTIONS) as db:
        position = db.conn.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM coaching_questions"
        ).fetchone()[0]
        cur = db.conn.execute(
            "INSERT INTO coaching_questions(text, topic, position) VALUES (?, ?, ?)",
            [text.strip(), topic.strip(), position],
        )
    return CoachingQuestion(int(cur.lastrowid or 0), text.strip(), topic.strip(), position, True)


def set_question_active(journal: Journal, question_id: int, active: bool) -> None:
    """Switch a question on or off without losing it."""
    with journal.write(Subject.QUESTIONS) as db:
        db.conn.execute(
            "UPDATE coaching_questions SET active = ? WHERE id = ?", [int(active), question_id]
        )


@dataclass(frozen=True)
class QuestionEdit:
    """A question as the bank should hold it; ``id`` is ``None`` for a new one."""

    id: int | None
    text: str
    topic: str = ""
    active: bool = True


def save_question_bank(journal: Journal, bank: Sequence[QuestionEdit]) -> None:
    """Write the bank in the order given, in one transaction (subject "questions").

    Texts, on/off and order are saved; questions without an id are added. Questions
    the list leaves out are kept, after the listed ones, in their old order. A question
    without text raises :class:`InvalidInput` and nothing is written.
    """
    if any(not q.text.strip() for q in bank):
        raise InvalidInput("A question needs some text.")
    listed = {q.id for q in bank if q.id is not None}
    with journal.write(Subject.QUESTIONS) as db:
        conn = db.conn
        unlisted = [
            int(r[0])
            for r in conn.execute("SELECT id FROM coaching_questions ORDER BY position, id")
            if int(r[0]) not in listed
        ]
        for position, question in enumerate(bank):
            values = [question.text.strip(), question.topic.strip(), position, int(question.active)]
            if question.id is None:
                conn.execute(
                    "INSERT INTO coaching_questions(text, topic, position, active) "
                    "VALUES (?, ?, ?, ?)",
                    values,
                )
            else:
                conn.execute(
                    "UPDATE coaching_questions SET text = ?, topic = ?, position = ?, active = ? "
                    "WHERE id = ?",
                    [*values, question.id],
                )
        conn.executemany(
            "UPDATE coaching_questions SET position = ? WHERE id = ?",
            [(len(bank) + i, qid) for i, qid in enumerate(unlisted)],
        )

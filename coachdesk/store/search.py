"""Full-text search: one FTS5 index of our own over every kind of text in the journal.

Why not sqlite-utils' ``enable_fts``: it indexes one table at a time, has no prefix
index, gives no snippets across tables, and its triggers vanish when a table is
rebuilt with ``transform``. Here one table, ``search_index``, holds a row per searchable
field of every source; triggers generated from :data:`SOURCES` keep it in step, and
:func:`install` (re)creates index and triggers and refills it — every migration that
changes a source table calls it again.

Queries never reach FTS5 as typed: each word becomes a quoted term (so quotes, ``*``,
``-``, ``AND (``, ``NEAR`` are just words), the last word is a prefix from two letters,
and text in double quotes is a phrase.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coachdesk.store.changes import Subject
from coachdesk.store.errors import sqlite_errors
from coachdesk.store.records import Audience, audience

if TYPE_CHECKING:
    from coachdesk.store.db import Journal


@dataclass(frozen=True)
class Source:
    """A table whose text is searchable."""

    kind: str  # unique per table; its first word says what a hit opens ("agreement_item")
    table: str
    fields: tuple[str, ...]
    rep_sql: str  # SQL giving the rep id from the row (NEW./OLD. prefix added)
    day_sql: str  # SQL giving the ISO date of the row
    row_columns: tuple[str, ...] = ("rep_id",)  # the columns rep_sql and day_sql read


# Later subjects append their sources here and call install() in their migration.
SOURCES: list[Source] = [
    Source(
        "meeting",
        "meetings",
        ("rep_agenda", "my_agenda", "notes", "private_notes"),
        "{row}.rep_id",
        "substr({row}.held_at, 1, 10)",
        ("rep_id", "held_at"),
    ),
    Source(
        "commitment",
        "commitments",
        ("text",),
        "{row}.rep_id",
        "coalesce({row}.due_date, substr({row}.created_at, 1, 10))",
        ("rep_id", "due_date", "created_at"),
    ),
    Source(
        "agreement",
        "agreements",
        ("more_needed", "open_door", "work_schedule"),
        "{row}.rep_id",
        "coalesce({row}.agreed_on, substr({row}.updated_at, 1, 10))",
        ("rep_id", "agreed_on", "updated_at"),
    ),
    Source(
        "agreement_item",
        "agreement_items",
        ("text",),
        "(SELECT a.rep_id FROM agreements a WHERE a.id = {row}.agreement_id)",
        "(SELECT coalesce(a.agreed_on, substr(a.updated_at, 1, 10)) "
        "FROM agreements a WHERE a.id = {row}.agreement_id)",
        ("agreement_id",),
    ),
    Source(
        "agreement_step",
        "agreement_step_uses",
        ("note",),
        "{row}.rep_id",
        "{row}.used_on",
        ("rep_id", "used_on"),
    ),
    Source(
        "plan",
        "plans",
        ("review_comments",),
        "{row}.rep_id",
        "substr({row}.updated_at, 1, 10)",
        ("rep_id",),
    ),
    Source(
        "plan_answer",
        "plan_answers",
        ("answer",),
        "(SELECT p.rep_id FROM plans p WHERE p.id = {row}.plan_id)",
        "(SELECT substr(p.updated_at, 1, 10) FROM plans p WHERE p.id = {row}.plan_id)",
        ("plan_id",),
    ),
]

MARK_START, MARK_END = "\x02", "\x03"

# Only the start of a very long field is indexed (about 8,000 words): re-indexing a
# megabyte on every autosave would stall typing, and notes that long are pasted material.
INDEXED_CHARS = 50_000
# Fields up to this length are re-indexed as they are saved; longer ones are queued.
AT_ONCE_CHARS = 8_000


def _row_sql(source: Source, row: str) -> tuple[str, str]:
    return source.rep_sql.format(row=row), source.day_sql.format(row=row)


def install(conn: sqlite3.Connection) -> None:
    """Create (or recreate) the index and its triggers, and fill it from every source.

    Runs inside the caller's transaction (a migration's).
    """
    conn.execute("DROP TABLE IF EXISTS search_index")
    conn.execute("DROP TABLE IF EXISTS search_pending")
    conn.execute(
        "CREATE TABLE search_pending (kind TEXT NOT NULL, ref_id INTEGER NOT NULL, "
        "field TEXT NOT NULL, PRIMARY KEY (kind, ref_id, field))"
    )
    conn.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "body, kind UNINDEXED, ref_id UNINDEXED, rep_id UNINDEXED, day UNINDEXED, "
        "field UNINDEXED, private UNINDEXED, "
        "prefix='2 3 4', tokenize='unicode61 remove_diacritics 2')"
    )
    for source in SOURCES:
        for name, sql in _triggers(source):
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
            conn.execute(sql)
        rep, day = _row_sql(source, "t")
        for field in source.fields:
            private = int(audience(source.table, field) is Audience.PRIVATE)
            conn.execute(
                "INSERT INTO search_index(body, kind, ref_id, rep_id, day, field, private) "
                f"SELECT substr(t.{field}, 1, {INDEXED_CHARS}), ?, t.id, {rep}, {day}, ?, ? "
                f"FROM {source.table} t "
                f"WHERE t.{field} IS NOT NULL AND t.{field} <> ''",
                [source.kind, field, private],
            )


def _insert(source: Source, field: str, row: str, *, one_row: bool = False) -> str:
    """SQL indexing one field: of a trigger's ``row`` (NEW), or of the row whose id is
    the one parameter (``one_row``)."""
    rep, day = _row_sql(source, row)
    private = int(audience(source.table, field) is Audience.PRIVATE)
    origin = f" FROM {source.table} AS {row}" if one_row else ""
    only = f" AND {row}.id = ?" if one_row else ""
    return (
        "INSERT INTO search_index(body, kind, ref_id, rep_id, day, field, private) "
        f"SELECT substr({row}.{field}, 1, {INDEXED_CHARS}), '{source.kind}', {row}.id, "
        f"{rep}, {day}, '{field}', {private}{origin} "
        f"WHERE {row}.{field} IS NOT NULL AND {row}.{field} <> ''{only};"
    )


def _triggers(source: Source) -> list[tuple[str, str]]:
    """The triggers keeping one source in step: per field, so typing in one field
    re-indexes that field only (an autosave of a long note stays cheap)."""
    table, kind = source.table, source.kind
    found = []
    inserts = " ".join(_insert(source, field, "NEW") for field in source.fields)
    found.append(
        (
            f"search_{table}_insert",
            f"CREATE TRIGGER search_{table}_insert AFTER INSERT ON {table} BEGIN {inserts} END",
        )
    )
    found.append(
        (
            f"search_{table}_delete",
            f"CREATE TRIGGER search_{table}_delete AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM search_index WHERE kind = '{kind}' AND ref_id = OLD.id; END",
        )
    )
    for field in source.fields:
        name = f"search_{table}_update_{field}"
        found.append(
            (
                name,
                f"CREATE TRIGGER {name} AFTER UPDATE OF {field} ON {table} "
                f"WHEN NEW.{field} IS NOT OLD.{field} "
                f"AND length(NEW.{field}) <= {AT_ONCE_CHARS} BEGIN "
                f"DELETE FROM search_index WHERE kind = '{kind}' AND ref_id = OLD.id "
                f"AND field = '{field}'; {_insert(source, field, 'NEW')} END",
            )
        )
        # A long field is queued rather than re-indexed on every autosave: catch_up()
        # indexes it when the app is idle, or just before the next search.
        found.append(
            (
                f"{name}_later",
                f"CREATE TRIGGER {name}_later AFTER UPDATE OF {field} ON {table} "
                f"WHEN NEW.{field} IS NOT OLD.{field} "
                f"AND length(NEW.{field}) > {AT_ONCE_CHARS} BEGIN "
                "INSERT OR IGNORE INTO search_pending(kind, ref_id, field) "
                f"VALUES ('{kind}', NEW.id, '{field}'); END",
            )
        )
    rep, day = _row_sql(source, "NEW")
    found.append(
        (
            f"search_{table}_update_row",
            f"CREATE TRIGGER search_{table}_update_row "
            f"AFTER UPDATE OF {', '.join(source.row_columns)} ON {table} "
            f"BEGIN UPDATE search_index SET rep_id = {rep}, day = {day} "
            f"WHERE kind = '{kind}' AND ref_id = NEW.id; END",
        )
    )
    return found


# ----------------------------------------------------------------- querying

_QUOTED = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"\w+", re.UNICODE)


def to_match(text: str) -> str | None:
    """Turn what a person typed into a safe FTS5 query, or None if nothing to search.

    Words are matched as terms (all must occur), text in double quotes as a phrase, and
    the last word as a prefix once it has two letters. Nothing typed can be an operator.
    """
    parts: list[str] = []
    phrases = _QUOTED.findall(text)
    rest = _QUOTED.sub(" ", text)
    for phrase in phrases:
        words = _WORD.findall(phrase)
        if words:
            parts.append('"' + " ".join(words) + '"')
    words = _WORD.findall(rest)
    for number, word in enumerate(words):
        last = number == len(words) - 1 and not text.rstrip().endswith('"')
        if last and len(word) >= 2 and not text.endswith(" "):
            parts.append(f'"{word}"*')
        elif len(word) >= 1:
            parts.append(f'"{word}"')
    if not parts:
        return None
    return " ".join(parts)


@dataclass(frozen=True)
class Hit:
    """One search result: where it is, and a snippet with the terms marked."""

    kind: str
    ref_id: int
    rep_id: int
    day: str
    field: str
    private: bool
    snippet: str  # terms between MARK_START and MARK_END
    rank: float


def search(
    journal: Journal, text: str, *, newest_first: bool = False, limit: int = 200
) -> list[Hit]:
    """Search everything; best matches first (or newest first)."""
    query = to_match(text)
    if query is None:
        return []
    if not journal.readonly:
        catch_up(journal)
    if newest_first:
        order = "day DESC"
    elif _short_prefix_only(query):
        # Two letters match most of a journal; ranking thousands of rows by bm25 takes
        # longer than typing the third letter, and relevance means little at that
        # point: the most recently written come first instead.
        order = "rowid DESC"
    else:
        order = "rank"
    try:
        rows = journal.conn.execute(
            "SELECT kind, ref_id, rep_id, day, field, private, "
            f"snippet(search_index, 0, '{MARK_START}', '{MARK_END}', '…', 14), "
            "bm25(search_index) AS rank "
            f"FROM search_index WHERE search_index MATCH ? ORDER BY {order} LIMIT ?",
            [query, limit],
        ).fetchall()
    except sqlite_errors("OperationalError"):
        # The query is built from quoted terms only; if FTS5 still refuses it, the
        # honest answer is "no results", never an error in the user's face.
        return []
    return [
        Hit(
            r[0],
            int(r[1]),
            int(r[2]) if r[2] is not None else 0,
            r[3] or "",
            r[4],
            bool(r[5]),
            r[6],
            float(r[7]),
        )
        for r in rows
    ]


def catch_up(journal: Journal) -> int:
    """Index the long fields queued since they were last indexed; return how many.

    Called when the app is idle and before every search, so results never miss what
    was typed.
    """
    pending = journal.conn.execute("SELECT kind, ref_id, field FROM search_pending").fetchall()
    if not pending:
        return 0
    by_kind = {source.kind: source for source in SOURCES}
    with journal.write(Subject.SEARCH) as db:
        for kind, ref_id, field in pending:
            source = by_kind.get(kind)
            db.conn.execute(
                "DELETE FROM search_index WHERE kind = ? AND ref_id = ? AND field = ?",
                [kind, ref_id, field],
            )
            if source is not None and field in source.fields:
                db.conn.execute(_insert(source, field, "t", one_row=True), [ref_id])
        db.conn.execute("DELETE FROM search_pending")
    return len(pending)


def _short_prefix_only(query: str) -> bool:
    """True for a query that is a single prefix of at most two letters."""
    return " " not in query and query.endswith("*") and len(query.strip('"*')) <= 2


def terms(text: str) -> list[str]:
    """The words of a query, for highlighting them where a hit opens."""
    return [w for w in _WORD.findall(text) if len(w) >= 2]

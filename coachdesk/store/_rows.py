"""Small helpers shared by the subject modules: rows to records."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any, TypeVar

from coachdesk.store.db import Journal

T = TypeVar("T")


def columns_of(record: type[Any]) -> list[str]:
    """Return the dataclass field names of ``record`` in order (its SELECT list)."""
    return [f.name for f in fields(record)]


def select_list(record: type[Any], alias: str = "") -> str:
    """Return ``a.col1, a.col2, …`` for the fields of ``record``."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(f"{prefix}{name}" for name in columns_of(record))


def fetch(
    journal: Journal, record: type[T], sql: str, params: Sequence[Any] | dict[str, Any] = ()
) -> list[T]:
    """Run ``sql`` (whose columns follow ``record``'s fields) and build records."""
    cursor: sqlite3.Cursor = journal.conn.execute(sql, params)
    return [record(*row) for row in cursor]


def fetch_one(
    journal: Journal, record: type[T], sql: str, params: Sequence[Any] | dict[str, Any] = ()
) -> T | None:
    """Like :func:`fetch` for at most one row."""
    row = journal.conn.execute(sql, params).fetchone()
    return record(*row) if row is not None else None


def placeholders(values: Iterable[Any]) -> str:
    """Return ``?, ?, ?`` for ``values``."""
    return ", ".join("?" for _ in values)

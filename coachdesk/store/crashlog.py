"""The problem log: where bugs are recorded with their traceback, never with note text.

The log lives in the data folder's ``logs/`` (0600). Only the exception's type and the
code frames are written; an exception's message is kept only for errors that describe
the system (files, SQLite), because other messages could quote what the user wrote.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import traceback
from pathlib import Path
from types import TracebackType

from coachdesk import version
from coachdesk.paths import Paths
from coachdesk.store.errors import sqlite_errors

LOG_NAME = "coachdesk.log"
MAX_LOG_BYTES = 1_000_000

_SAFE_MESSAGE_TYPES: tuple[type[BaseException], ...] = (OSError, sqlite3.Error, ImportError)


def log_path(paths: Paths) -> Path:
    """Return the problem log's path."""
    return paths.logs / LOG_NAME


def describe(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """Return a log entry for an exception: type, safe message and code frames only."""
    lines = [f"{dt.datetime.now().isoformat(timespec='seconds')} coachdesk {version()}"]
    frames = traceback.extract_tb(tb)
    for frame in frames:
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
    safe = (*_SAFE_MESSAGE_TYPES, *sqlite_errors())
    message = str(exc) if isinstance(exc, safe) else "(message not logged)"
    lines.append(f"{exc_type.__module__}.{exc_type.__qualname__}: {message}")
    cause = exc.__cause__ or exc.__context__
    if cause is not None and cause is not exc:
        lines.append(f"  caused by {type(cause).__qualname__}")
    return "\n".join(lines) + "\n\n"


def log_exception(
    paths: Paths,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
) -> Path | None:
    """Append an exception to the log; return the log's path, or ``None`` if it failed."""
    path = log_path(paths)
    try:
        paths.logs.mkdir(mode=0o700, parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_suffix(".log.1"))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(describe(exc_type, exc, tb))
    except OSError:
        return None
    return path

"""Backups of the journal: taking them (verified), finding them, rotating and purging them.

A backup is a copy made with SQLite's backup API into a new file beside its final name,
opened and checked before it takes that name (:mod:`coachdesk.store.outputs`). Rotation
keeps the newest backup of each of the last 7 days, 4 ISO weeks and 6 months, and
everything from the last day.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coachdesk.paths import Paths
from coachdesk.store import faults, outputs
from coachdesk.store.cipher import (
    BUSY_TIMEOUT_MS,
    Key,
    connect,
    looks_protected,
    sync_file,
    wipe_file,
)
from coachdesk.store.errors import KnownProblem, WriteFailed, backup_problem, sqlite_errors
from coachdesk.store.progress import Tracker, watched

if TYPE_CHECKING:
    from coachdesk.store.db import Journal

BACKUP_SUFFIX = ".coachdesk"


BACKUP_STAMP = "%Y%m%d-%H%M%S"

# Backup rotation: the newest backup of each of the last 7 days, 4 ISO weeks and
# 6 months is kept, and everything from the last day.
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 6

# A copy that reports its progress goes this many pages at a time (a few ms each).
STEP_PAGES = 256
# Of a copy's time, the share the copying takes; checking the copy takes the rest.
COPY_SHARE = 0.4


def _connect(path: Path, *, readonly: bool, key: Key | None = None) -> sqlite3.Connection:
    return connect(path, readonly=readonly, key=key, timeout=BUSY_TIMEOUT_MS / 1000)


def backup_into_folder(
    conn: sqlite3.Connection,
    paths: Paths,
    reason: str,
    now: dt.datetime,
    key: Key | None,
    *,
    tracker: Tracker | None = None,
    rotate: bool = True,
) -> Path:
    """Copy into the backups folder under a time-stamped name, then rotate.

    Without ``rotate`` no older backup is deleted (the caller rotates once the backup
    is sure to stay); ``tracker`` hears how far the copy is (:func:`copy_journal`).
    """
    try:
        paths.ensure()
    except OSError as exc:
        problem = backup_problem(exc, paths.backups)
        if problem is None:
            raise
        raise problem from exc
    stamp = now.strftime(BACKUP_STAMP)
    dest = paths.backups / f"journal-{stamp}-{reason}{BACKUP_SUFFIX}"
    n = 1
    while dest.exists():
        n += 1
        dest = paths.backups / f"journal-{stamp}-{reason}-{n}{BACKUP_SUFFIX}"
    copy_journal(conn, dest, key, tracker=tracker)
    if rotate:
        rotate_backups(paths.backups, now)
    return dest


def copy_journal(
    conn: sqlite3.Connection, dest: Path, key: Key | None = None, *, tracker: Tracker | None = None
) -> None:
    """Copy through SQLite's backup API into ``dest``, verified before it gets its name.

    The copy is one self-contained file in rollback-journal mode: it can be checked,
    read or restored (even from read-only media) without ``-wal``/``-shm`` companions.
    The copy of a protected journal is encrypted with the same key (and salt), so the
    same passphrase opens it.

    With a ``tracker`` the current stage's parts go by as pages are copied and the copy
    is checked; a stop it asks for leaves no file behind (:class:`Cancelled`).
    """

    def explain(exc: BaseException) -> KnownProblem | None:
        return backup_problem(exc, dest.parent)

    def copied(status: int, remaining: int, total: int) -> None:
        assert tracker is not None
        tracker.part(COPY_SHARE * (1 - remaining / total) if total else COPY_SHARE)
        tracker.tell()

    def verify(copy: Path) -> None:
        if tracker is None:
            verify_copy(copy, key)
            return
        tracker.part(COPY_SHARE)
        tracker.run(lambda: verify_copy(copy, key, tracker=tracker))

    with outputs.replacing(dest, what="The backup", verify=verify, explain=explain) as partial:
        faults.fail_write_if_asked(partial, "backup")
        with contextlib.closing(_connect(partial, readonly=False, key=key)) as target:
            if tracker is None:
                conn.backup(target)
            else:
                # Synced once, below, on a worker thread: the copy's last step would
                # otherwise wait for the disk on the caller's (the window's) thread.
                target.execute("PRAGMA synchronous = OFF")
                conn.backup(target, pages=STEP_PAGES, progress=copied)
            target.isolation_level = None
            target.execute("PRAGMA journal_mode = DELETE")
        if tracker is not None:
            tracker.run(lambda: sync_file(partial))
    if tracker is not None:
        tracker.part(1.0)


def verify_copy(path: Path, key: Key | None = None, *, tracker: Tracker | None = None) -> None:
    """Open a copy and prove it is a sound journal; raise a SQLite error if not.

    A stop asked of ``tracker`` interrupts the check (:class:`Cancelled`).
    """
    with contextlib.closing(_connect(path, readonly=False, key=key)) as conn:
        with watched(tracker, conn):
            rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
        if rows != ["ok"]:
            raise sqlite3.DatabaseError(f"backup check failed: {rows[:1]}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()


def backup_files(folder: Path) -> list[Path]:
    """Every backup file in ``folder``, half-written ones included, whatever its name."""
    if not folder.is_dir():
        return []
    found = {
        p
        for p in folder.iterdir()
        if p.is_file() and p.name.endswith((BACKUP_SUFFIX, BACKUP_SUFFIX + ".partial"))
    }
    return sorted(found | set(outputs.leftovers(folder)))


def wipe_plain_backups(
    folder: Path, tracker: Tracker | None = None
) -> tuple[list[Path], list[Path]]:
    """Overwrite and delete every unprotected backup in ``folder``.

    Returns (wiped, could not be wiped). Used once a journal is protected: a plain
    backup would keep every note readable beside the encrypted journal. ``tracker``'s
    current stage goes by file.
    """
    wiped: list[Path] = []
    failed: list[Path] = []
    found = backup_files(folder)
    for n, backup in enumerate(found):
        if tracker is not None:
            tracker.part(n / len(found))
        if not looks_protected(backup):
            (wiped if wipe_file(backup) else failed).append(backup)
    return wiped, failed


def list_backups(paths: Paths) -> list[Path]:
    """Return the backups in the backups folder, newest first."""
    if not paths.backups.is_dir():
        return []
    found = [
        p
        for p in paths.backups.iterdir()
        if p.is_file() and p.name.endswith(BACKUP_SUFFIX) and backup_time(p) is not None
    ]
    return sorted(found, key=lambda p: (backup_time(p), p.name), reverse=True)


def newest_backup(paths: Paths, key: Key | None = None) -> Path | None:
    """Return the newest backup that passes ``quick_check``, if any.

    A protected backup counts only when ``key`` opens it: one that needs another
    passphrase cannot be restored without it.
    """
    for candidate in list_backups(paths):
        try:
            verify_copy_readonly(candidate, key if looks_protected(candidate) else None)
        except sqlite_errors("Error", OSError):
            continue
        return candidate
    return None


def verify_copy_readonly(path: Path, key: Key | None = None) -> None:
    with contextlib.closing(_connect(path, readonly=True, key=key)) as conn:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
        if rows != ["ok"]:
            raise sqlite3.DatabaseError("backup check failed")


def backup_time(path: Path) -> dt.datetime | None:
    """Return when a backup was taken, read from its name, or ``None``."""
    parts = path.name.split("-")
    if len(parts) < 4 or parts[0] != "journal":
        return None
    try:
        return dt.datetime.strptime(f"{parts[1]}-{parts[2]}", BACKUP_STAMP)
    except ValueError:
        return None


def backups_to_keep(stamps: list[tuple[Path, dt.datetime]], now: dt.datetime) -> set[Path]:
    """Choose which backups survive rotation (7 daily, 4 weekly, 6 monthly, last 24 h)."""
    keep: set[Path] = set()
    newest_first = sorted(stamps, key=lambda item: item[1], reverse=True)
    buckets: list[tuple[int, Callable[[dt.datetime], object]]] = [
        (KEEP_DAILY, lambda t: t.date()),
        (KEEP_WEEKLY, lambda t: t.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda t: (t.year, t.month)),
    ]
    for limit, bucket_of in buckets:
        seen: list[object] = []
        for path, taken in newest_first:
            bucket = bucket_of(taken)
            if bucket in seen:
                continue
            if len(seen) == limit:
                break
            seen.append(bucket)
            keep.add(path)
    keep.update(path for path, taken in stamps if now - taken < dt.timedelta(days=1))
    return keep


def rotate_backups(folder: Path, now: dt.datetime) -> list[Path]:
    """Delete backups that rotation no longer keeps; return what was deleted."""
    stamps = []
    for path in folder.iterdir():
        taken = backup_time(path)
        if taken is not None and path.name.endswith(BACKUP_SUFFIX):
            stamps.append((path, taken))
    keep = backups_to_keep(stamps, now)
    removed = []
    for path, _ in stamps:
        if path not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


# A copy that was interrupted half-way keeps this suffix; it may hold the person too.
_PARTIAL_SUFFIX = BACKUP_SUFFIX + ".partial"


def purge_all_backups(journal: Journal) -> int:
    """Delete every backup in the backups folder and keep one fresh one instead.

    The fresh backup (reason ``after-purge``) is taken *first*, so that a full disk or
    a read-only folder leaves the old backups in place rather than none at all; in
    that case the backup's :class:`~coachdesk.store.errors.WriteFailed` is raised and
    nothing is deleted. Returns how many older files were deleted. A backup that
    cannot be deleted raises :class:`~coachdesk.store.errors.WriteFailed` after the
    others are gone.
    """
    folder = journal.paths.backups
    # The write-ahead log can still hold pages written before the deletion; moving
    # it into the journal file (where secure_delete has zeroed them) and truncating it
    # leaves no older copy of the person beside the journal either. A busy reader
    # can stop that; the backups are purged all the same.
    with contextlib.suppress(*sqlite_errors()):
        journal.checkpoint()
    fresh = journal.backup("after-purge")
    older = [path for path in list_backups(journal.paths) if path != fresh]
    if folder.is_dir():
        older += [
            path
            for path in folder.iterdir()
            if path.name.endswith(_PARTIAL_SUFFIX) and path.is_file()
        ]
    deleted = 0
    kept: list[str] = []
    for path in older:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            kept.append(f"{path.name}: {exc.strerror or exc}")
            continue
        deleted += 1
    if kept:
        raise WriteFailed(
            f"{len(kept)} of the older backups in {folder} could not be deleted "
            f"({'; '.join(kept[:3])}).",
            f"A fresh backup, {fresh.name}, was taken. Delete the others yourself from "
            "the backups folder, or check its permissions and try again.",
        )
    return deleted

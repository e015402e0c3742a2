"""Restoring a backup in place of the journal; the current journal is kept aside.

Its steps (``copied``, ``backed-up``, ``aside``, ``swapped``) can each be interrupted;
the next open finishes or undoes it (:func:`coachdesk.store.recovery.finish_interrupted`).

With a ``progress`` callback (:mod:`coachdesk.store.progress`) the restore runs on a
worker thread while the caller reports, and it can be stopped until the journal is moved
aside: the copy and the backup it made are then deleted, and nothing else changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path

from coachdesk.dates import Clock, SystemClock
from coachdesk.paths import Paths
from coachdesk.store import faults
from coachdesk.store import migrations as schema
from coachdesk.store.backups import BACKUP_STAMP, backup_into_folder, copy_journal, rotate_backups
from coachdesk.store.cipher import Key, looks_protected, salt_of, wipe_file
from coachdesk.store.db import (
    _NOT_A_DATABASE,
    APPLICATION_ID,
    _applied_names,
    _connect,
    _explained,
    _inspect,
    _key_for,
    _probe,
    _unreadable,
)
from coachdesk.store.errors import (
    JournalFromNewerVersion,
    KnownProblem,
    NotAJournal,
    WouldTurnProtectionOff,
    WrongPassphrase,
    sqlite_errors,
)
from coachdesk.store.layout import RESTORING_SUFFIX, journal_path, sidecars
from coachdesk.store.lock import WriterLock
from coachdesk.store.outputs import sync_folder
from coachdesk.store.progress import Cancelled, Progress, Tracker, watched
from coachdesk.store.recovery import finish_interrupted

# Shares of a restore's time (a two-year protected journal): the key, checking the
# backup, copying it beside the journal, backing up the journal it replaces.
RESTORE_STAGES = (("key", 10), ("check", 25), ("copy", 30), ("aside", 35))


def restore(
    paths: Paths,
    backup: Path,
    *,
    clock: Clock | None = None,
    passphrase: str | None = None,
    current_key: Key | None = None,
    allow_unprotected: bool = False,
    progress: Progress | None = None,
) -> Path | None:
    """Put ``backup`` in place of the journal; the current one is moved aside, never deleted.

    Takes the writer lock for the whole swap. The backup is copied (and checked) beside
    the journal first, so a failed copy changes nothing. A sound current journal is then
    backed up and its log folded into it; an unsound one is not touched. Either way the
    journal and its ``-wal``/``-shm`` are moved aside together, so nothing in an
    un-checkpointed log is lost. Returns where the old journal went, or ``None`` if
    there was none.

    A protected backup needs ``passphrase`` (:class:`PassphraseNeeded`,
    :class:`WrongPassphrase`) and stays protected with it. A protected current journal
    is backed up first when ``current_key`` or ``passphrase`` opens it; otherwise it
    is moved aside exactly as it is. A plain backup over a protected journal would turn
    protection off: it is refused (:class:`WouldTurnProtectionOff`) unless
    ``allow_unprotected``.

    Its steps (``copied``, ``backed-up``, ``aside``, ``swapped``) can each be
    interrupted; the next open finishes or undoes it (:func:`finish_interrupted`).

    ``progress`` hears how far it is and may stop it until the journal is moved aside
    (:class:`~coachdesk.store.progress.Cancelled`: nothing changed).
    """
    clock = clock or SystemClock()
    backup = Path(backup)
    if not backup.is_file():
        raise KnownProblem(f"There is no backup at {backup}.", "Check the file name.")
    if (
        not allow_unprotected
        and looks_protected(journal_path(paths))
        and not looks_protected(backup)
    ):
        raise WouldTurnProtectionOff(backup)
    tracker = Tracker(progress, RESTORE_STAGES)
    tracker.stage("key")
    tracker.tell(now=True)
    moved = tracker.run(
        lambda: _restore(paths, backup, clock.now(), passphrase, current_key, tracker)
    )
    tracker.finish()
    return moved


def _restore(
    paths: Paths,
    backup: Path,
    now: dt.datetime,
    passphrase: str | None,
    current_key: Key | None,
    tracker: Tracker,
) -> Path | None:
    """:func:`restore` once its arguments are checked (on a worker thread, with progress)."""
    key = _key_for(backup, passphrase)
    tracker.stage("check")
    with contextlib.closing(_connect(backup, readonly=True, key=key)) as source:
        _check_backup(source, backup, key, tracker)
        real = journal_path(paths)
        with _explained(real):
            paths.ensure()
            lock = WriterLock(paths.lock, real).acquire()
        try:
            with _explained(real):
                finish_interrupted(paths)
            current = _current_key(real, current_key, passphrase)
            return _swap_in(source, paths, now, key, current, tracker)
        finally:
            lock.release()


def _current_key(path: Path, known: Key | None, passphrase: str | None) -> Key | None:
    """The key that should open the current journal, if it is protected and one is known."""
    if not looks_protected(path):
        return None
    if known is not None and known.salt == salt_of(path):
        return known
    if passphrase is not None:
        return Key.for_file(path, passphrase)
    return None


def check_passphrase(path: Path, passphrase: str) -> None:
    """Raise :class:`WrongPassphrase` unless ``passphrase`` opens the protected file ``path``.

    Reads only: the file is not changed (a restore asks before it starts).
    """
    key = _key_for(path, passphrase)
    if key is None:
        return
    try:
        with contextlib.closing(_connect(path, readonly=True, key=key)) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite_errors() as exc:
        if getattr(exc, "sqlite_errorcode", None) == _NOT_A_DATABASE:
            raise WrongPassphrase(path) from None
        raise _unreadable(exc, path, Paths(path.parent)) from exc
    finally:
        key.forget()


def _check_backup(
    conn: sqlite3.Connection, backup: Path, key: Key | None = None, tracker: Tracker | None = None
) -> None:
    """Prove that ``backup`` is a sound journal this version can open."""
    try:
        with watched(tracker, conn):
            rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
        if rows != ["ok"]:
            raise sqlite3.DatabaseError(rows[0] if rows else "check failed")
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise NotAJournal(backup)
        unknown = [n for n in _applied_names(conn) if n not in schema.known_names()]
    except sqlite_errors() as exc:
        if key is not None and getattr(exc, "sqlite_errorcode", None) == _NOT_A_DATABASE:
            raise WrongPassphrase(backup) from None
        raise KnownProblem(
            f"{backup.name} is not a sound journal backup ({exc}).",
            "Nothing was changed. Choose another backup.",
        ) from exc
    if unknown:
        raise JournalFromNewerVersion(backup, unknown)


def _swap_in(
    source: sqlite3.Connection,
    paths: Paths,
    now: dt.datetime,
    key: Key | None,
    current_key: Key | None,
    tracker: Tracker,
) -> Path | None:
    """With the lock held: copy ``source`` beside the journal, move the journal aside,
    and rename the copy into its place."""
    journal_path_ = journal_path(paths)
    incoming = journal_path_.with_name(journal_path_.name + RESTORING_SUFFIX)
    made: list[Path] = []  # the backup of the journal it replaces, once taken
    try:
        tracker.stage("copy")
        copy_journal(source, incoming, key, tracker=tracker)
        faults.step("restore", "copied")
        if journal_path_.exists():
            tracker.stage("aside")
            made += _back_up_before_restore(journal_path_, paths, now, current_key, tracker)
            faults.step("restore", "backed-up")
        tracker.no_way_back()
    except Cancelled:
        # Stopped on request: the journal was not touched; what was made goes.
        wipe_file(incoming)
        for extra in made:
            extra.unlink(missing_ok=True)
        raise
    moved_to: Path | None = None
    if journal_path_.exists():
        stamp = now.strftime(BACKUP_STAMP)
        moved_to = journal_path_.with_name(f"{journal_path_.name}.replaced-{stamp}")
        n = 1
        while moved_to.exists():
            n += 1
            moved_to = journal_path_.with_name(f"{journal_path_.name}.replaced-{stamp}-{n}")
        # The log goes first: a journal without its log is a journal missing its newest
        # commits, but a stale log beside a new journal would be replayed into it.
        for side in sidecars(journal_path_):
            if side.exists():
                os.replace(side, moved_to.with_name(moved_to.name + side.name[-4:]))
        os.replace(journal_path_, moved_to)
        faults.step("restore", "aside")
    os.replace(incoming, journal_path_)
    sync_folder(journal_path_.parent)
    faults.step("restore", "swapped")
    # Only now: a restore stopped before the swap leaves every older backup in place.
    with contextlib.suppress(OSError):
        rotate_backups(paths.backups, now)
    return moved_to


def _back_up_before_restore(
    path: Path, paths: Paths, now: dt.datetime, key: Key | None, tracker: Tracker
) -> list[Path]:
    """Back up a sound journal and fold its log into it; leave an unsound one as it is.

    Returns the backup taken (none for an unsound journal).
    """
    made: list[Path] = []
    try:
        with contextlib.closing(_probe(path, key)) as probe:
            _inspect(probe, path, paths, check=True, key=key)
            made.append(
                backup_into_folder(
                    probe, paths, "before-restore", now, key, tracker=tracker, rotate=False
                )
            )
        with contextlib.closing(_connect(path, readonly=False, key=key)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite_errors("Error", KnownProblem):
        # A damaged, newer or foreign journal, or a protected one whose key is not
        # known here, is moved aside exactly as it is.
        tracker.check()  # unless it was the stop asked for
    return made

"""Protecting a journal with a passphrase, changing the passphrase, turning it off.

Protecting (and turning protection off) never changes the journal in place. The
journal is exported into a new file beside it (``journal.coachdesk.converting``), that
file is opened again with the passphrase and compared with the journal (integrity
check, and the row count of every table), a verified backup is taken *of the new file*,
and only then is it swapped in. The old file is then overwritten with zeros and deleted,
and so are the plain backups. So when ``protect`` says it is done, a verified encrypted
backup exists; and if that backup cannot be written (a full disk), nothing is swapped
and the journal stays as it was.

The steps, in order, are ``start``, ``copied``, ``verified``, ``backed-up``, ``aside``,
``swapped``, ``plain-backups-wiped`` and ``done``; tests can end the process after any
of them (:mod:`coachdesk.store.faults`).

All of it runs under the writer lock the open :class:`~coachdesk.store.db.Journal`
holds, with the journal's own connection closed for the duration: two copies of SQLite
(Python's and SQLCipher's) must never have the same file open at once, because closing
one copy's file handle drops the other's POSIX locks.

A conversion stopped half-way (a crash, a power cut) is finished or undone the next time
the journal is opened for writing (:func:`coachdesk.store.recovery.finish_interrupted`),
so the journal is always either the old file or the verified new one.

Each change takes an optional ``progress`` callback (:mod:`coachdesk.store.progress`).
With one, the slow part runs on a worker thread with connections of its own while the
calling thread reports. Protecting and turning protection off can be stopped until the
new file is swapped in (its file and its backup are then deleted, and the journal is as
it was); changing the passphrase cannot be stopped once started.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from coachdesk.store import faults
from coachdesk.store.backups import (
    backup_files,
    backup_into_folder,
    rotate_backups,
    wipe_plain_backups,
)
from coachdesk.store.cipher import (
    BUSY_TIMEOUT_MS,
    CONVERTING_SUFFIX,
    PREVIOUS_SUFFIX,
    Key,
    connect,
    looks_protected,
    sync_file,
    wipe_file,
)
from coachdesk.store.db import APPLICATION_ID, Journal
from coachdesk.store.errors import (
    InvalidInput,
    KnownProblem,
    WriteFailed,
    WrongPassphrase,
    sqlite_errors,
    write_problem,
)
from coachdesk.store.layout import RESTORING_SUFFIX, create_private_file, sidecars
from coachdesk.store.outputs import leftovers, sync_folder
from coachdesk.store.progress import Progress, Tracker, file_share, watched

# Nothing stops a one-character passphrase; the interface shows how strong it is.
MINIMUM_LENGTH = 1


@dataclass(frozen=True)
class ProtectionReport:
    """What a change of protection did to the files in the data folder."""

    backup: Path | None
    """The fresh backup taken afterwards (protected like the journal)."""
    wiped: list[Path] = field(default_factory=list)
    """Files overwritten with zeros and deleted: the old journal, plain backups."""
    not_wiped: list[Path] = field(default_factory=list)
    """Plain files that could not be overwritten or deleted; the user should."""
    plain_copies: list[Path] = field(default_factory=list)
    """Plain copies coachdesk keeps on purpose (journals replaced by a restore, exports)."""
    backups_left: list[Path] = field(default_factory=list)
    """Protected backups left as they were (after turning protection off, or ones the
    old passphrase did not open when it changed)."""


# The steps of a protect or unprotect, in order (see the module docstring).
STEPS = (
    "start",
    "copied",
    "verified",
    "backed-up",
    "aside",
    "swapped",
    "plain-backups-wiped",
    "done",
)
REKEY_STEPS = ("start", "rekeyed", "backups-rekeyed", "done")

# How long each stage takes, roughly, in shares of the whole (measured on a two-year
# journal): the key derivation, counting the rows, writing the new file, checking it,
# its backup, and wiping what is left of the old one.
PROTECT_STAGES = (
    ("key", 7),
    ("count", 3),
    ("copy", 15),
    ("check", 33),
    ("backup", 40),
    ("wipe", 2),
)
UNPROTECT_STAGES = (
    ("key", 15),
    ("count", 5),
    ("copy", 45),
    ("check", 15),
    ("backup", 18),
    ("wipe", 2),
)
REKEY_STAGES = (("key", 15), ("rekey", 15), ("check", 20), ("backups", 35), ("backup", 15))


# ----------------------------------------------------------------- the three changes


def protect(
    journal: Journal, passphrase: str, *, progress: Progress | None = None
) -> ProtectionReport:
    """Encrypt the journal with ``passphrase``; remove the plain files afterwards.

    The journal object stays open and usable throughout, on the new file afterwards.
    Raises :class:`KnownProblem` (nothing changed) when it cannot be done. ``progress``
    hears how far it is and may stop it until the new file is swapped in
    (:class:`~coachdesk.store.progress.Cancelled`: nothing changed).
    """
    _check_can_convert(journal)
    if journal.protected:
        raise KnownProblem("This journal is already protected with a passphrase.")
    _check_passphrase(passphrase)
    tracker = Tracker(progress, PROTECT_STAGES)
    tracker.stage("key")
    tracker.tell(now=True)
    new_key = tracker.run(lambda: Key.new(passphrase))
    previous, backup = _convert(
        journal,
        old_key=None,
        new_key=new_key,
        passphrase=passphrase,
        process="protect",
        tracker=tracker,
    )

    def wipe_plain() -> tuple[list[Path], list[Path]]:
        wiped, not_wiped = wipe_plain_backups(journal.paths.backups, tracker)
        # Half-written files and an interrupted restore's copy are plain copies too.
        for leftover in _plain_leftovers(journal):
            (wiped if wipe_file(leftover) else not_wiped).append(leftover)
        faults.step("protect", "plain-backups-wiped")
        # The old journal goes last: while it is there, opening the journal finishes this.
        (wiped if wipe_file(previous) else not_wiped).insert(0, previous)
        return wiped, not_wiped

    tracker.stage("wipe")
    wiped, not_wiped = tracker.run(wipe_plain)
    faults.step("protect", "done")
    tracker.finish()
    return ProtectionReport(
        backup=backup, wiped=wiped, not_wiped=not_wiped, plain_copies=plain_copies(journal)
    )


def change_passphrase(
    journal: Journal, current: str, new: str, *, progress: Progress | None = None
) -> ProtectionReport:
    """Re-encrypt the journal (``PRAGMA rekey``) and its backups with a new passphrase.

    ``progress`` hears how far it is; it cannot stop it (half the backups under one
    passphrase and half under the other would help nobody).
    """
    _check_can_convert(journal)
    tracker = Tracker(progress, REKEY_STAGES)
    tracker.no_way_back()
    tracker.stage("key")
    tracker.tell(now=True)
    old_key = tracker.run(lambda: _checked_key(journal, current))
    _check_passphrase(new)
    # The salt stays: a rekey re-encrypts every page under the new key in one
    # transaction, so a crash half-way leaves the old key in force.
    new_key = tracker.run(lambda: Key.derive(new, old_key.salt))
    faults.step("rekey", "start")
    tracker.stage("rekey")
    tracker.tell()
    # On a connection of its own (the journal's is closed meanwhile), so that it can
    # run on a worker thread while the window keeps painting.
    journal._release_connection()
    try:
        expected = tracker.run(lambda: _rekey(journal.path, old_key, new_key))
    except BaseException as exc:
        journal._swap_connection(_open(journal.path, old_key), old_key)
        if isinstance(exc, sqlite_errors("Error", OSError)):
            raise _explained(exc, journal) from exc
        raise
    journal._swap_connection(_open(journal.path, new_key), new_key)
    faults.step("rekey", "rekeyed")
    # Proof that the new passphrase opens the file, before anything else changes.
    tracker.stage("check")
    tracker.run(lambda: _verify_opens(journal.path, Key.for_file(journal.path, new), expected))
    tracker.stage("backups")
    left = tracker.run(lambda: _rekey_backups(_backup_files(journal), old_key, new_key, tracker))
    old_key.forget()
    faults.step("rekey", "backups-rekeyed")
    tracker.stage("backup")
    fresh = journal._backup("new-passphrase", None, tracker if tracker.reporting else None)
    faults.step("rekey", "done")
    tracker.finish()
    return ProtectionReport(backup=fresh, backups_left=left, plain_copies=plain_copies(journal))


def _rekey(path: Path, old_key: Key, new_key: Key) -> dict[str, int]:
    """Re-encrypt the protected file at ``path`` under ``new_key``, log folded in.

    Returns the rows of every table, counted first (:func:`_every_count`).
    """
    with contextlib.closing(_open(path, old_key)) as conn:
        counted = _every_count(conn)
        conn.execute(f'PRAGMA rekey = "{new_key.pragma_value()}"')
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return counted


def _rekey_backups(backups: list[Path], old_key: Key, new_key: Key, tracker: Tracker) -> list[Path]:
    """Re-encrypt the protected backups the old key opens; return the ones it did not."""
    left: list[Path] = []
    for n, backup in enumerate(backups):
        tracker.part(n / len(backups))
        if not looks_protected(backup):
            continue
        try:
            with contextlib.closing(_keyed(backup, old_key)) as conn:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                conn.execute(f'PRAGMA rekey = "{new_key.pragma_value()}"')
        except sqlite_errors("Error", OSError):
            left.append(backup)  # made under another passphrase, or unreadable
    return left


def unprotect(
    journal: Journal, passphrase: str, *, progress: Progress | None = None
) -> ProtectionReport:
    """Turn protection off: the journal becomes a plain SQLite file again.

    Protected backups stay protected (restoring one asks for the passphrase).
    ``progress`` hears how far it is and may stop it until the new file is swapped in
    (:class:`~coachdesk.store.progress.Cancelled`: nothing changed).
    """
    _check_can_convert(journal)
    tracker = Tracker(progress, UNPROTECT_STAGES)
    tracker.stage("key")
    tracker.tell(now=True)
    old_key = tracker.run(lambda: _checked_key(journal, passphrase))
    previous, backup = _convert(
        journal,
        old_key=old_key,
        new_key=None,
        passphrase=None,
        process="unprotect",
        tracker=tracker,
    )
    faults.step("unprotect", "plain-backups-wiped")  # none to wipe: kept in step
    tracker.stage("wipe")
    tracker.run(lambda: wipe_file(previous))
    faults.step("unprotect", "done")
    tracker.finish()
    left = [p for p in _backup_files(journal) if looks_protected(p)]
    return ProtectionReport(backup=backup, backups_left=left)


def check_journal_passphrase(journal: Journal, passphrase: str) -> None:
    """Raise :class:`WrongPassphrase` unless ``passphrase`` is the open journal's own."""
    _checked_key(journal, passphrase)


# ----------------------------------------------------------------- converting


def _convert(
    journal: Journal,
    *,
    old_key: Key | None,
    new_key: Key | None,
    passphrase: str | None,
    process: str,
    tracker: Tracker,
) -> tuple[Path, Path]:
    """Export into a new file, verify it, back it up, swap it in.

    Returns where the old journal is (the caller wipes it once everything else is done)
    and the verified backup of the new file. If the backup cannot be written, nothing is
    swapped: the journal is as it was, and the problem is raised. Until the swap a stop
    asked of ``tracker`` deletes the new file and its backup and raises ``Cancelled``.
    """
    path = journal.path
    converting = path.with_name(path.name + CONVERTING_SUFFIX)
    previous = path.with_name(path.name + PREVIOUS_SUFFIX)
    tracker.stage("count")
    journal.verify()
    tracker.tell()
    faults.step(process, "start")
    journal._release_connection()
    size = path.stat().st_size  # the log folded in: what the new file will hold
    made: list[Path] = []  # the new file's backup, once taken

    def new_file() -> Path:
        # Counted on a connection of the worker's own, from the journal as it is on disk.
        with contextlib.closing(_open(path, old_key)) as conn, watched(tracker, conn):
            expected = _every_count(conn)
        tracker.stage("copy", file_share(converting, size))
        _export(path, converting, old_key=old_key, new_key=new_key, tracker=tracker)
        sync_file(converting)
        faults.step(process, "copied")
        tracker.stage("check")
        check_key = Key.for_file(converting, passphrase) if passphrase is not None else None
        tracker.check()
        _verify_opens(converting, check_key, expected, tracker)
        faults.step(process, "verified")
        tracker.stage("backup")
        made.append(_back_up_new_file(journal, converting, new_key, process, tracker))
        faults.step(process, "backed-up")
        return made[0]

    try:
        if any(side.exists() for side in sidecars(path)):
            # The last connection to close removes the log; it stayed, so another
            # program (a `coachdesk check` running now?) still has the journal open.
            raise KnownProblem(
                "Another program is reading the journal right now, so it cannot be converted.",
                "Nothing was changed. Close it (another coachdesk command, a backup or "
                "sync tool?) and try again.",
            )
        for stale in (converting, *sidecars(converting), previous):
            if stale.exists():
                wipe_file(stale)
        backup = tracker.run(new_file)
        tracker.no_way_back()
    except BaseException as exc:
        wipe_file(converting)
        for side in (*sidecars(converting), *made):
            wipe_file(side)
        journal._swap_connection(_open(path, old_key), old_key)
        if isinstance(exc, KnownProblem):
            raise
        if isinstance(exc, sqlite_errors("Error", OSError)):
            raise _explained(exc, journal) from exc
        raise

    # The swap: two renames, finished or undone at the next open if stopped between.
    try:
        os.replace(path, previous)
        faults.step(process, "aside")
        os.replace(converting, path)
        sync_folder(path.parent)
    except OSError as exc:
        if not path.exists() and previous.exists():
            os.replace(previous, path)
        journal._swap_connection(_open(path, old_key), old_key)
        raise _explained(exc, journal) from exc
    faults.step(process, "swapped")
    journal._swap_connection(_open(path, new_key), new_key)
    if old_key is not None:
        old_key.forget()
    # Only now: a conversion stopped before its swap leaves every older backup in place.
    with contextlib.suppress(OSError):
        rotate_backups(journal.paths.backups, journal.clock.now())
    return previous, backup


def _back_up_new_file(
    journal: Journal, converted: Path, key: Key | None, process: str, tracker: Tracker
) -> Path:
    """Take the verified backup of the converted file, before it becomes the journal.

    Older backups are rotated only once the new file is in place.
    """
    reason = "protected" if process == "protect" else "unprotected"
    try:
        with contextlib.closing(_open(converted, key)) as conn:
            return backup_into_folder(
                conn, journal.paths, reason, journal.clock.now(), key, tracker=tracker, rotate=False
            )
    except WriteFailed as failed:
        state = "unprotected" if process == "protect" else "protected"
        turned = "on" if process == "protect" else "off"
        raise WriteFailed(
            f"Protection was not turned {turned}: its backup could not be written ({failed.what})",
            f"Your journal is unchanged and still {state}. Free some space and try again.",
        ) from failed


def _export(
    source: Path,
    target: Path,
    *,
    old_key: Key | None,
    new_key: Key | None,
    tracker: Tracker | None = None,
) -> None:
    """Write ``source`` into the new file ``target`` with ``sqlcipher_export``.

    The encrypted side of the pair is the main database of a SQLCipher connection; the
    plain side is attached with an empty key (SQLCipher's way of saying "not
    encrypted"). The export is one statement: a stop asked of ``tracker`` interrupts it.
    """
    create_private_file(target)
    if new_key is not None:
        conn = connect(target, readonly=False, key=new_key, timeout=BUSY_TIMEOUT_MS / 1000)
        into, out_of, other = "main", "other", source
    else:
        assert old_key is not None
        conn = connect(source, readonly=False, key=old_key, timeout=BUSY_TIMEOUT_MS / 1000)
        into, out_of, other = "other", "main", target
    with contextlib.closing(conn):
        conn.isolation_level = None
        conn.execute("ATTACH DATABASE ? AS other KEY ''", [str(other)])
        with watched(tracker, conn):
            conn.execute("SELECT sqlcipher_export(?, ?)", [into, out_of])
        # sqlcipher_export copies the schema and the rows, not the header fields.
        for pragma in ("application_id", "user_version"):
            value = int(conn.execute(f"PRAGMA {out_of}.{pragma}").fetchone()[0])
            conn.execute(f"PRAGMA {into}.{pragma} = {value}")
        conn.execute("DETACH DATABASE other")


def _verify_opens(
    path: Path, key: Key | None, expected: dict[str, int], tracker: Tracker | None = None
) -> None:
    """Open ``path`` afresh and prove it holds what ``expected`` counts, soundly."""
    with contextlib.closing(_open(path, key)) as conn, watched(tracker, conn):
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            raise sqlite3.DatabaseError(f"the new file failed its check: {rows[:1]}")
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise sqlite3.DatabaseError("the new file lost the journal's mark")
        found = _every_count(conn)
    if found != expected:
        differ = sorted(
            t for t in expected.keys() | found.keys() if expected.get(t) != found.get(t)
        )
        raise sqlite3.DatabaseError(f"the new file's rows differ in {', '.join(differ)}")


def _every_count(conn: sqlite3.Connection) -> dict[str, int]:
    """Count the rows of every table, the search index and bookkeeping included."""
    names = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    return {
        name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in names
    }


def _open(path: Path, key: Key | None) -> sqlite3.Connection:
    return connect(path, readonly=False, key=key, timeout=BUSY_TIMEOUT_MS / 1000)


def _keyed(path: Path, key: Key) -> sqlite3.Connection:
    return _open(path, key)


# ----------------------------------------------------------------- checks


def _check_can_convert(journal: Journal) -> None:
    if journal.readonly:
        raise KnownProblem(
            "This journal is open for reading only, so its protection cannot change.",
            "Close the other coachdesk that has it open, and try again.",
        )
    if journal.conn.in_transaction:
        raise KnownProblem("The journal is busy saving. Try again in a moment.")


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MINIMUM_LENGTH:
        raise InvalidInput("A passphrase cannot be empty.", "Type one, twice.")


def _checked_key(journal: Journal, passphrase: str) -> Key:
    """Return the journal's key after proving ``passphrase`` is the journal's own."""
    key = journal.key
    if key is None:
        raise KnownProblem("This journal is not protected with a passphrase.")
    if not Key.derive(passphrase, key.salt).same_as(key):
        raise WrongPassphrase(journal.path)
    return key


def _explained(exc: BaseException, journal: Journal) -> KnownProblem:
    problem = write_problem(exc, journal.path)
    if problem is not None:
        return problem
    return WriteFailed(
        f"The journal's protection could not be changed ({exc}).",
        "Nothing was changed: the journal is as it was.",
    )


# ----------------------------------------------------------------- plain copies


def _plain_leftovers(journal: Journal) -> list[Path]:
    """Half-written files and an interrupted restore's copy that are not encrypted."""
    path = journal.path
    found = [path.with_name(path.name + RESTORING_SUFFIX)]
    for folder in {path.parent, journal.paths.data_dir}:
        found += leftovers(folder)
    return [p for p in found if p.exists() and not looks_protected(p)]


def _backup_files(journal: Journal) -> list[Path]:
    """Every backup file, and any half-written one, in the backups folder."""
    return backup_files(journal.paths.backups)


def plain_copies(journal: Journal) -> list[Path]:
    """Unencrypted copies in the data folder that coachdesk keeps on purpose.

    Journals a restore replaced (``journal.coachdesk.replaced-…``) are kept until the
    user deletes them, and the exports folder holds what the user exported or printed.
    """
    data = journal.paths.data_dir
    found = [
        p
        for p in sorted(data.glob(journal.path.name + ".replaced-*"))
        if p.is_file() and not p.name.endswith(("-wal", "-shm")) and not looks_protected(p)
    ]
    exports = journal.paths.exports
    if exports.is_dir():
        found += sorted(p for p in exports.rglob("*") if p.is_file())
    return found

"""Protecting a journal with a passphrase, changing the passphrase, turning it off.

Protecting (and turning protection off) never changes the journal in place. The
journal is exported into a new file beside it (``journal.coachdesk.converting``), that
file is opened again with the passphrase and compared with the journal (integrity
check, and the row count of every table), and only then swapped in. The old file is
then overwritten with zeros and deleted, and so are the plain backups.

All of it runs under the writer lock the open :class:`~coachdesk.store.db.Journal`
holds, with the journal's own connection closed for the duration: two copies of SQLite
(Python's and SQLCipher's) must never have the same file open at once, because closing
one copy's file handle drops the other's POSIX locks.

A conversion stopped half-way (a crash, a power cut) is finished or undone the next time
the journal is opened for writing (:func:`coachdesk.store.db.finish_interrupted_conversion`),
so the journal is always either the old file or the verified new one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from coachdesk.store.cipher import (
    CONVERTING_SUFFIX,
    PREVIOUS_SUFFIX,
    Key,
    connect,
    looks_protected,
    sync_file,
    wipe_file,
)
from coachdesk.store.db import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    Journal,
    _create_private,
    _sync_folder,
    backup_files,
    sidecars,
    wipe_plain_backups,
)
from coachdesk.store.errors import (
    KnownProblem,
    WriteFailed,
    WrongPassphrase,
    sqlite_errors,
    write_problem,
)

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


def _reached(step: str) -> None:
    """Mark a step of a conversion. Does nothing: the safety tests stop a process here."""


# ----------------------------------------------------------------- the three changes


def protect(journal: Journal, passphrase: str) -> ProtectionReport:
    """Encrypt the journal with ``passphrase``; remove the plain files afterwards.

    The journal object stays open and usable throughout, on the new file afterwards.
    Raises :class:`KnownProblem` (nothing changed) when it cannot be done.
    """
    _check_can_convert(journal)
    if journal.protected:
        raise KnownProblem("This journal is already protected with a passphrase.")
    _check_passphrase(passphrase)
    new_key = Key.new(passphrase)
    previous = _convert(journal, old_key=None, new_key=new_key, passphrase=passphrase)
    backup = journal.backup("protected")
    _reached("backed-up")
    wiped, not_wiped = wipe_plain_backups(journal.paths.backups)
    # The old journal goes last: while it is there, opening the journal finishes this.
    (wiped if wipe_file(previous) else not_wiped).insert(0, previous)
    return ProtectionReport(
        backup=backup, wiped=wiped, not_wiped=not_wiped, plain_copies=plain_copies(journal)
    )


def change_passphrase(journal: Journal, current: str, new: str) -> ProtectionReport:
    """Re-encrypt the journal (``PRAGMA rekey``) and its backups with a new passphrase."""
    _check_can_convert(journal)
    old_key = _checked_key(journal, current)
    _check_passphrase(new)
    # The salt stays: a rekey re-encrypts every page under the new key in one
    # transaction, so a crash half-way leaves the old key in force.
    new_key = Key.derive(new, old_key.salt)
    try:
        journal.conn.execute(f'PRAGMA rekey = "{new_key.pragma_value()}"')
        journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite_errors() as exc:
        raise _explained(exc, journal) from exc
    journal._key = new_key
    # Proof that the new passphrase opens the file, before anything else changes.
    _verify_opens(journal.path, Key.for_file(journal.path, new), _every_count(journal.conn))
    left: list[Path] = []
    for backup in _backup_files(journal):
        if not looks_protected(backup):
            continue
        try:
            with contextlib.closing(_keyed(backup, old_key)) as conn:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                conn.execute(f'PRAGMA rekey = "{new_key.pragma_value()}"')
        except sqlite_errors("Error", OSError):
            left.append(backup)  # made under another passphrase, or unreadable
    old_key.forget()
    fresh = journal.backup("new-passphrase")
    return ProtectionReport(backup=fresh, backups_left=left, plain_copies=plain_copies(journal))


def unprotect(journal: Journal, passphrase: str) -> ProtectionReport:
    """Turn protection off: the journal becomes a plain SQLite file again.

    Protected backups stay protected (restoring one asks for the passphrase).
    """
    _check_can_convert(journal)
    old_key = _checked_key(journal, passphrase)
    previous = _convert(journal, old_key=old_key, new_key=None, passphrase=None)
    backup = journal.backup("unprotected")
    wipe_file(previous)
    left = [p for p in _backup_files(journal) if looks_protected(p)]
    return ProtectionReport(backup=backup, backups_left=left)


def check_journal_passphrase(journal: Journal, passphrase: str) -> None:
    """Raise :class:`WrongPassphrase` unless ``passphrase`` is the open journal's own."""
    _checked_key(journal, passphrase)


# ----------------------------------------------------------------- converting


def _convert(
    journal: Journal, *, old_key: Key | None, new_key: Key | None, passphrase: str | None
) -> Path:
    """Export into a new file, verify it and swap it in; return where the old one is.

    The caller wipes the old file once everything else is done.
    """
    path = journal.path
    converting = path.with_name(path.name + CONVERTING_SUFFIX)
    previous = path.with_name(path.name + PREVIOUS_SUFFIX)
    journal.verify()
    expected = _every_count(journal.conn)
    _reached("start")
    journal._release_connection()
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
        _export(path, converting, old_key=old_key, new_key=new_key)
        sync_file(converting)
        _reached("copied")
        check_key = Key.for_file(converting, passphrase) if passphrase is not None else None
        _verify_opens(converting, check_key, expected)
        _reached("verified")
    except BaseException as exc:
        wipe_file(converting)
        for side in sidecars(converting):
            wipe_file(side)
        journal._swap_connection(_open(path, old_key), old_key)
        if isinstance(exc, sqlite_errors("Error", OSError)):
            raise _explained(exc, journal) from exc
        raise

    # The swap: two renames, finished or undone at the next open if stopped between.
    try:
        os.replace(path, previous)
        _reached("aside")
        os.replace(converting, path)
        _sync_folder(path.parent)
    except OSError as exc:
        if not path.exists() and previous.exists():
            os.replace(previous, path)
        journal._swap_connection(_open(path, old_key), old_key)
        raise _explained(exc, journal) from exc
    _reached("swapped")
    journal._swap_connection(_open(path, new_key), new_key)
    if old_key is not None:
        old_key.forget()
    return previous


def _export(source: Path, target: Path, *, old_key: Key | None, new_key: Key | None) -> None:
    """Write ``source`` into the new file ``target`` with ``sqlcipher_export``.

    The encrypted side of the pair is the main database of a SQLCipher connection; the
    plain side is attached with an empty key (SQLCipher's way of saying "not
    encrypted").
    """
    _create_private(target)
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
        conn.execute("SELECT sqlcipher_export(?, ?)", [into, out_of])
        # sqlcipher_export copies the schema and the rows, not the header fields.
        for pragma in ("application_id", "user_version"):
            value = int(conn.execute(f"PRAGMA {out_of}.{pragma}").fetchone()[0])
            conn.execute(f"PRAGMA {into}.{pragma} = {value}")
        conn.execute("DETACH DATABASE other")


def _verify_opens(path: Path, key: Key | None, expected: dict[str, int]) -> None:
    """Open ``path`` afresh and prove it holds what ``expected`` counts, soundly."""
    with contextlib.closing(_open(path, key)) as conn:
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
        raise KnownProblem("A passphrase cannot be empty.", "Type one, twice.")


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

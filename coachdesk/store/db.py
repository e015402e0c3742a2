"""Opening, checking, writing, backing up and restoring a journal.

A journal is one SQLite file. One :class:`Journal` holds one connection that does all
the writing, behind an operating-system lock (see :mod:`coachdesk.store.lock`).

Opening a journal never writes to it before it has been shown to be sound: the header,
the application id, the migration history (a journal from a newer coachdesk is refused
untouched) and, unless deferred until after the first paint, ``PRAGMA quick_check``.
Only then are the pragmas that write (WAL mode, the application id) set and pending
migrations applied, after a backup.

A journal protected with a passphrase (see :mod:`coachdesk.store.cipher`) opens the same
way once its key is known: :meth:`Journal.open` raises :class:`PassphraseNeeded` without
one and :class:`WrongPassphrase` for a wrong one, leaving the file untouched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coachdesk.dates import Clock, SystemClock, iso_moment
from coachdesk.paths import Paths
from coachdesk.store import faults, outputs
from coachdesk.store import migrations as schema
from coachdesk.store.cipher import (
    CONVERTING_SUFFIX,
    PREVIOUS_SUFFIX,
    Key,
    connect,
    looks_protected,
    salt_of,
    wipe_file,
)
from coachdesk.store.errors import (
    FULL,
    JournalDamaged,
    JournalFromNewerVersion,
    KnownProblem,
    NotAJournal,
    PassphraseNeeded,
    WouldTurnProtectionOff,
    WrongPassphrase,
    backup_problem,
    environment_failure,
    open_problem,
    sqlite_errors,
    write_problem,
)
from coachdesk.store.lock import WriterLock

if TYPE_CHECKING:
    # sqlite-utils is loaded on the first write or migration, not at start-up: its
    # import costs about as much as Qt's widgets.
    from sqlite_utils import Database

# "CDSK": marks a SQLite file as a coachdesk journal (PRAGMA application_id).
APPLICATION_ID = 0x4344534B
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
# SQLITE_NOTADB: what a keyed connection reports when the key does not fit.
_NOT_A_DATABASE = 26

# Backup rotation: the newest backup of each of the last 7 days, 4 ISO weeks and
# 6 months is kept, and everything from the last day.
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 6
BACKUP_SUFFIX = ".coachdesk"
BACKUP_STAMP = "%Y%m%d-%H%M%S"
# A restore copies the backup to ``journal.coachdesk.restoring`` (verified) before the
# swap; a crash leaves it behind, to be finished or wiped at the next open.
RESTORING_SUFFIX = ".restoring"
# The write-ahead log is cut back to this after a checkpoint, so one large write (or a
# failed one on a full disk) does not keep the space for good.
WAL_SIZE_LIMIT = 1024 * 1024

ChangeListener = Callable[[frozenset[str]], None]


@dataclass(frozen=True)
class CheckReport:
    """What ``coachdesk check`` found."""

    ok: bool
    problems: list[str]
    applied: list[str]
    pending: list[str]
    counts: dict[str, int]
    sqlite_version: str


@dataclass
class _State:
    listeners: list[ChangeListener] = field(default_factory=list)
    verified: bool = False


class Journal:
    """An open journal. Use :meth:`open`; close it with :meth:`close`."""

    def __init__(
        self,
        paths: Paths,
        conn: sqlite3.Connection,
        clock: Clock,
        lock: WriterLock | None,
        *,
        path: Path,
        verified: bool,
        key: Key | None = None,
    ) -> None:
        self.paths = paths
        self.path = path
        self.conn = conn
        self._db: Database | None = None
        self.clock = clock
        self._lock = lock
        self._key = key
        self._closed = False
        self._log_to_shrink = False  # a write failed on a full disk: give its space back
        self._state = _State(verified=verified)
        # Answers derived from the journal's content (e.g. flags), reused by callers
        # while :meth:`revision` stays the same.
        self.memo: dict[str, object] = {}

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        paths: Paths,
        *,
        clock: Clock | None = None,
        readonly: bool = False,
        defer_check: bool = False,
        passphrase: str | None = None,
        holder: str = "command",
    ) -> Journal:
        """Open (or create) the journal in ``paths``.

        ``holder`` ("app" or "command") is written into the lock file, so a second
        coachdesk can say whether a window or a command has the journal. A journal
        reached through a symbolic link is used where it really is.

        ``readonly`` opens without the writer lock and refuses a journal that would
        need updating. ``defer_check`` skips ``quick_check`` until :meth:`verify` (the
        GUI runs it right after its first paint); the first write runs it if it has not
        run yet, and a pending migration always runs it first.

        A protected journal needs ``passphrase``: without it :class:`PassphraseNeeded`
        is raised, and :class:`WrongPassphrase` when it does not open the file. Either
        way the file is not touched. For an unprotected journal it is ignored.
        """
        clock = clock or SystemClock()
        path = journal_path(paths)
        if readonly:
            if not path.exists():
                raise KnownProblem(
                    f"There is no journal at {path} yet.",
                    "Start coachdesk once, or choose the data folder that holds your journal.",
                )
            key = _key_for(path, passphrase)
            with _explained(path):
                conn = _connect(path, readonly=True, key=key)
                try:
                    _inspect(conn, path, paths, check=not defer_check, key=key)
                    pending = _pending_names(conn)
                except BaseException:
                    conn.close()
                    raise
            if pending:
                conn.close()
                raise KnownProblem(
                    f"The journal at {path} needs updating before it can be read.",
                    "Open it in coachdesk once (close any other coachdesk first).",
                )
            return cls(paths, conn, clock, None, path=path, verified=not defer_check, key=key)

        with _explained(path):
            paths.ensure()
            lock = WriterLock(paths.lock, path, holder).acquire()
        try:
            with _explained(path):
                finish_interrupted(paths)
            key = _key_for(path, passphrase)
            return cls._open_writer(paths, path, clock, lock, defer_check=defer_check, key=key)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_writer(
        cls,
        paths: Paths,
        path: Path,
        clock: Clock,
        lock: WriterLock,
        *,
        defer_check: bool,
        key: Key | None,
    ) -> Journal:
        existed = path.exists() and path.stat().st_size > 0
        applied: list[str] = []
        verified = not existed
        with _explained(path):
            if existed:
                # Looked at through a connection of its own that is closed before the
                # writer's opens: a journal that is refused is never written to.
                with contextlib.closing(_probe(path, key)) as probe:
                    applied = _inspect(probe, path, paths, check=False, key=key)
                    if not defer_check or _pending_names(probe):
                        _quick_check(probe, path, paths, key)
                        verified = True
            else:
                _create_private(path)
            # A journal copied in with looser permissions is made the user's alone.
            _make_private(path)
            conn = _connect(path, readonly=False, key=key)
        pending = [name for name in schema.known_names() if name not in applied]
        try:
            with _explained(path):
                journal = cls(paths, conn, clock, lock, path=path, verified=verified, key=key)
                journal._set_pragmas()
                if pending:
                    if applied:
                        journal.backup("before-update")
                    schema.migration_set().apply(journal.db)
                return journal
        except BaseException:
            conn.close()
            raise

    def _set_pragmas(self) -> None:
        # Python's sqlite3 opens transactions only before INSERT/UPDATE/DELETE, so these
        # pragmas run outside any transaction, as journal_mode requires.
        conn = self.conn
        assert not conn.in_transaction
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA recursive_triggers = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
        # SQLite makes the log files with the process's umask; they hold notes too.
        for side in sidecars(self.path):
            _make_private(side)
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    @property
    def db(self) -> Database:
        """The sqlite-utils view of the one connection (loaded on first use)."""
        if self._db is None:
            self._db = _database(self.conn)
        return self._db

    def prepare_for_writing(self) -> None:
        """Load what the first write needs now (the GUI calls this when idle)."""
        _ = self.db

    @property
    def readonly(self) -> bool:
        """True when opened for reading only (no writer lock)."""
        return self._lock is None

    @property
    def protected(self) -> bool:
        """True when the journal is encrypted with a passphrase."""
        return self._key is not None

    @property
    def key(self) -> Key | None:
        """The key of a protected journal while it is open (store modules only)."""
        return self._key

    @property
    def is_open(self) -> bool:
        """True while the connection is usable (not closed, not locked)."""
        return not self._closed

    @property
    def suspended(self) -> bool:
        """True while :meth:`suspend` has closed the connection (the window is locked)."""
        return self._closed and self._lock is not None and self._lock.held

    def suspend(self) -> None:
        """Close the connection and forget the key, but keep the writer lock.

        For locking the window: nothing of the journal stays readable in memory, and
        no other coachdesk can take the journal over meanwhile. :meth:`resume` opens
        it again with the passphrase.
        """
        if self._closed:
            return
        self._release_connection()
        if self._key is not None:
            self._key.forget()

    def _release_connection(self) -> None:
        """Checkpoint and close the connection, keeping the key and the writer lock."""
        if not self.readonly:
            with contextlib.suppress(*sqlite_errors()):
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()
        self._db = None
        self._closed = True

    def resume(self, passphrase: str) -> None:
        """Open the connection again after :meth:`suspend`; raise :class:`WrongPassphrase`.

        A wrong passphrase leaves the journal suspended and the file untouched.
        """
        if not self._closed:
            return
        key = _key_for(self.path, passphrase)
        with _explained(self.path):
            if key is None:
                conn = _connect(self.path, readonly=self.readonly, key=None)
            else:
                with contextlib.closing(_probe(self.path, key)) as probe:
                    _inspect(probe, self.path, self.paths, check=False, key=key)
                conn = _connect(self.path, readonly=self.readonly, key=key)
        self._swap_connection(conn, key)

    def _swap_connection(self, conn: sqlite3.Connection, key: Key | None) -> None:
        """Use ``conn`` (keyed with ``key``) from now on; the old one must be closed."""
        self.conn = conn
        self._db = None
        self._key = key
        self._closed = False
        if not self.readonly:
            self._set_pragmas()

    @property
    def verified(self) -> bool:
        """True once ``quick_check`` has passed in this session."""
        return self._state.verified

    def verify(self) -> None:
        """Run the deferred ``quick_check`` if it has not run yet."""
        if not self._state.verified:
            _quick_check(self.conn, self.path, self.paths)
            self._state.verified = True

    def close(self) -> None:
        """Checkpoint, close the connection and release the lock (again is harmless)."""
        try:
            if not self._closed:
                if not self.readonly:
                    with contextlib.suppress(*sqlite_errors()):
                        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self.conn.close()
                self._closed = True
        finally:
            if self._key is not None:
                self._key.forget()
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- writing

    def now(self) -> str:
        """Return the current local moment as stored in ``created_at``/``updated_at``."""
        return iso_moment(self.clock.now())

    def add_listener(self, listener: ChangeListener) -> None:
        """Call ``listener(subjects)`` after every committed write."""
        self._state.listeners.append(listener)

    def remove_listener(self, listener: ChangeListener) -> None:
        """Stop calling ``listener``."""
        with contextlib.suppress(ValueError):
            self._state.listeners.remove(listener)

    @contextlib.contextmanager
    def write(self, *subjects: str) -> Iterator[Database]:
        """Run the block as one transaction; on success tell the listeners.

        A write that fails because of the disk or the folder raises
        :class:`WriteFailed`; nothing of the block is kept and everything committed
        before it is intact.
        """
        if self.readonly:
            raise KnownProblem("This journal is open for reading only.")
        self.verify()
        if self._log_to_shrink:
            self._shrink_log()
        try:
            with self.db.atomic():
                yield self.db
                self.conn.execute(
                    "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'"
                )
        except sqlite_errors("Error", OSError) as exc:
            problem = write_problem(exc, self.path)
            if problem is not None:
                if environment_failure(exc) == FULL:
                    self._shrink_log()
                raise problem from exc
            raise
        changed = frozenset(subjects)
        for listener in list(self._state.listeners):
            listener(changed)

    def _shrink_log(self) -> None:
        """Give back the space a failed write took in the log (a full disk stays full
        otherwise: the log keeps the size its largest transaction gave it).

        While the disk is completely full SQLite cannot even checkpoint; the log's tail
        is then reused by the next writes, and given back at the first write (or the
        close) after some space is free.
        """
        self._log_to_shrink = True
        with contextlib.suppress(*sqlite_errors()):
            busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            self._log_to_shrink = bool(busy)

    def revision(self) -> int:
        """Return the journal's change counter (one step per committed write)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        return int(row[0]) if row else 0

    # ----------------------------------------------------------------- checking

    def check(self) -> CheckReport:
        """Run the full ``integrity_check`` and report schema and counts."""
        conn = self.conn
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        problems = [] if rows == ["ok"] else rows
        problems += [
            f"foreign key: {r[0]} row {r[1]} points at a missing {r[2]}"
            for r in conn.execute("PRAGMA foreign_key_check")
        ]
        applied = _applied_names(conn)
        return CheckReport(
            ok=not problems,
            problems=problems,
            applied=applied,
            pending=[n for n in schema.known_names() if n not in applied],
            counts=self.counts(),
            sqlite_version=conn.execute("SELECT sqlite_version()").fetchone()[0],
        )

    def counts(self) -> dict[str, int]:
        """Return the number of rows in each of the journal's own tables.

        The search index (``search_…`` tables) is left out: it is derived from the rest
        and rebuilt from it, never exported.
        """
        names = [
            r[0]
            for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\' "
                "AND name NOT LIKE 'search\\_%' ESCAPE '\\' "
                "AND name <> 'meta' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
            )
        ]
        return {
            name: self.conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names
        }

    # ----------------------------------------------------------------- backups

    def backup(self, reason: str = "manual", dest: Path | None = None) -> Path:
        """Copy the journal with SQLite's backup API, verify the copy, and rotate.

        Without ``dest`` the copy goes into the backups folder, named by time and
        reason, and old backups are rotated. Returns the copy's path.
        """
        if dest is None:
            dest = _backup_into_folder(self.conn, self.paths, reason, self.clock.now(), self._key)
        else:
            _copy_journal(self.conn, dest, self._key)
        if not self.readonly and dest.parent == self.paths.backups and not self.conn.in_transaction:
            # Bookkeeping only: not a change of the user's data, so no revision step.
            with contextlib.suppress(*sqlite_errors()):
                self.conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('last_backup_revision', ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [str(self.revision())],
                )
                self.conn.commit()
        return dest

    def maybe_daily_backup(self) -> Path | None:
        """Back up if the journal changed since the last backup and none is a day old."""
        if self.readonly:
            return None
        revision = self.revision()
        row = self.conn.execute(
            "SELECT value FROM meta WHERE key = 'last_backup_revision'"
        ).fetchone()
        if revision == 0 or (row and int(row[0]) == revision):
            return None
        newest = newest_backup(self.paths, self._key)
        if newest is not None:
            taken = backup_time(newest)
            if taken is not None and self.clock.now() - taken < dt.timedelta(days=1):
                return None
        return self.backup("daily")

    def checkpoint(self) -> None:
        """Move everything in the write-ahead log into the journal file."""
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


# ----------------------------------------------------------------- helpers


def _connect(path: Path, *, readonly: bool, key: Key | None = None) -> sqlite3.Connection:
    return connect(path, readonly=readonly, key=key, timeout=BUSY_TIMEOUT_MS / 1000)


def _key_for(path: Path, passphrase: str | None) -> Key | None:
    """Return the key for the journal at ``path``: ``None`` when it is not protected.

    Raises :class:`PassphraseNeeded` for a protected journal without a passphrase.
    """
    if not looks_protected(path):
        return None
    if passphrase is None:
        raise PassphraseNeeded(path)
    with _explained(path):
        return Key.for_file(path, passphrase)


def finish_interrupted(paths: Paths) -> list[Path]:
    """Finish or undo whatever a crash stopped half-way; return the plain files wiped.

    Runs with the writer lock held, before the journal is opened. A protect or
    unprotect (:func:`_finish_conversion`) and a restore (:func:`_finish_restore`) each
    end up either done or undone, never in between. Then, for a protected journal, every
    plain copy coachdesk made and no longer needs (the old journal, plain backups, a
    half-written file of any kind) is overwritten and deleted; for a plain one, only
    half-written files are removed.
    """
    path = journal_path(paths)
    wiped = _finish_conversion(path, paths)
    wiped += _finish_restore(path)
    protected = looks_protected(path)
    for folder in (path.parent, paths.data_dir, paths.backups):
        for leftover in outputs.leftovers(folder):
            if protected and not looks_protected(leftover):
                if wipe_file(leftover):
                    wiped.append(leftover)
            else:
                with contextlib.suppress(OSError):
                    leftover.unlink()
    if protected:
        done, _ = wipe_plain_backups(paths.backups)
        wiped += done
    return sorted(set(wiped))


def _finish_conversion(path: Path, paths: Paths) -> list[Path]:
    """Finish or undo a protect/unprotect stopped half-way.

    The new file is written and verified under ``CONVERTING`` and an encrypted backup of
    it taken; the old journal is then moved to ``PREVIOUS`` and the new one renamed into
    place; the old one is wiped last. Stopped before the second rename, the old journal
    goes back. Stopped after it, the cleanup is finished. A leftover ``CONVERTING`` is
    never a journal in use: it is wiped.
    """
    previous = path.with_name(path.name + PREVIOUS_SUFFIX)
    converting = path.with_name(path.name + CONVERTING_SUFFIX)
    wiped: list[Path] = []
    if previous.exists():
        if not path.exists():
            os.replace(previous, path)
            _sync_folder(path.parent)
        else:
            if looks_protected(path) and not looks_protected(previous):
                wiped += wipe_plain_backups(paths.backups)[0]
            if wipe_file(previous):
                wiped.append(previous)
    for stale in (converting, *sidecars(converting)):
        if stale.exists() and wipe_file(stale):
            wiped.append(stale)
    return wiped


def _finish_restore(path: Path) -> list[Path]:
    """Finish or undo a restore stopped half-way.

    ``RESTORING`` exists only once the backup's copy is complete and verified. If the
    journal is gone, the restore had moved it aside: the copy goes into its place. If it
    is still there, the restore had not begun the swap: the copy is wiped, and a log the
    swap had already moved aside comes back beside the journal.
    """
    incoming = path.with_name(path.name + RESTORING_SUFFIX)
    if not incoming.exists():
        return []
    if not path.exists():
        os.replace(incoming, path)
        _sync_folder(path.parent)
        return []
    for moved in sorted(path.parent.glob(path.name + ".replaced-*")):
        stem, side = moved.name[:-4], moved.name[-4:]
        if side in ("-wal", "-shm") and not moved.with_name(stem).exists():
            home = path.with_name(path.name + side)
            if not home.exists():
                os.replace(moved, home)
    return [incoming] if wipe_file(incoming) else []


@contextlib.contextmanager
def _explained(path: Path) -> Iterator[None]:
    """Raise a failure of the environment while opening ``path`` as a known problem."""
    try:
        yield
    except sqlite_errors("Error", OSError) as exc:
        problem = open_problem(exc, path)
        if problem is None:
            raise
        raise problem from exc


def _probe(path: Path, key: Key | None = None) -> sqlite3.Connection:
    """Open a connection for looking at a journal before it is known to be sound.

    Closing the last read-write connection checkpoints the ``-wal`` into the journal,
    which is a write; a read-only connection never does. But a read-only connection
    leaves an empty ``-wal`` and ``-shm`` behind where there were none, so it is used
    only when there is a log to protect; without one, closing writes nothing.
    """
    wal = sidecars(path)[0]
    live_log = wal.exists() and wal.stat().st_size > 0
    return _connect(path, readonly=live_log, key=key)


def _create_private(path: Path) -> None:
    """Create an empty journal file readable by the owner only, whatever the umask."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def journal_path(paths: Paths) -> Path:
    """The journal file itself: where a symbolic link in the data folder points.

    Everything done to the journal (its log, a conversion, a restore) happens beside the
    real file, never to the link: renaming the link would leave the real file behind.
    """
    path = paths.journal
    return path.resolve() if path.is_symlink() else path


def _make_private(path: Path) -> None:
    """Make an existing journal file (or its log) readable and writable by its owner only."""
    with contextlib.suppress(OSError):  # not ours to change, or gone: it still opens
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, mode & 0o700)


def _database(conn: sqlite3.Connection) -> Database:
    from sqlite_utils import Database

    # Plugins are never loaded: nothing outside coachdesk touches the connection.
    return Database(conn, execute_plugins=False, recursive_triggers=True)


def _inspect(
    conn: sqlite3.Connection, path: Path, paths: Paths, *, check: bool, key: Key | None = None
) -> list[str]:
    """Prove, by reading only, that ``path`` is a sound coachdesk journal we can open.

    Returns the names of the applied migrations. For a protected journal the first
    read proves the key: a wrong one raises :class:`WrongPassphrase`.
    """
    if key is None:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header != SQLITE_HEADER:
            raise JournalDamaged(path, "its header is not a SQLite header", newest_backup(paths))
    try:
        objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite_errors("DatabaseError") as exc:
        if key is not None and getattr(exc, "sqlite_errorcode", None) == _NOT_A_DATABASE:
            raise WrongPassphrase(path) from None
        raise _unreadable(exc, path, paths, key) from exc
    # Ours: marked with our id; or unmarked but either empty or holding our history.
    if app_id != APPLICATION_ID and (app_id != 0 or (objects and not _has_our_history(conn))):
        raise NotAJournal(path)
    if check:
        _quick_check(conn, path, paths, key)
    try:
        applied = _applied_names(conn)
    except sqlite_errors("DatabaseError") as exc:
        raise _unreadable(exc, path, paths, key) from exc
    unknown = [name for name in applied if name not in schema.known_names()]
    if unknown:
        raise JournalFromNewerVersion(path, unknown)
    return applied


def _unreadable(
    exc: BaseException, path: Path, paths: Paths, key: Key | None = None
) -> KnownProblem:
    """Explain a failed read: the environment's fault when it is, else damage."""
    return open_problem(exc, path) or JournalDamaged(path, str(exc), newest_backup(paths, key))


def _has_our_history(conn: sqlite3.Connection) -> bool:
    """True if the file records coachdesk migrations (another program's do not count)."""
    try:
        return bool(_applied_names(conn))
    except sqlite_errors("OperationalError"):
        return False  # a _sqlite_migrations table of some other shape


def _quick_check(
    conn: sqlite3.Connection, path: Path, paths: Paths, key: Key | None = None
) -> None:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
    except sqlite_errors("DatabaseError") as exc:
        raise _unreadable(exc, path, paths, key) from exc
    if rows != ["ok"]:
        raise JournalDamaged(path, rows[0] if rows else "check failed", newest_backup(paths, key))


def _applied_names(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            [schema.MIGRATION_SET],
        )
    ]


def _pending_names(conn: sqlite3.Connection) -> list[str]:
    applied = _applied_names(conn)
    return [n for n in schema.known_names() if n not in applied]


def _backup_into_folder(
    conn: sqlite3.Connection, paths: Paths, reason: str, now: dt.datetime, key: Key | None
) -> Path:
    """Copy into the backups folder under a time-stamped name, then rotate."""
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
    _copy_journal(conn, dest, key)
    rotate_backups(paths.backups, now)
    return dest


def _copy_journal(conn: sqlite3.Connection, dest: Path, key: Key | None = None) -> None:
    """Copy through SQLite's backup API into ``dest``, verified before it gets its name.

    The copy is one self-contained file in rollback-journal mode: it can be checked,
    read or restored (even from read-only media) without ``-wal``/``-shm`` companions.
    The copy of a protected journal is encrypted with the same key (and salt), so the
    same passphrase opens it.
    """

    def explain(exc: BaseException) -> KnownProblem | None:
        return backup_problem(exc, dest.parent)

    with outputs.replacing(
        dest, what="The backup", verify=lambda copy: _verify_copy(copy, key), explain=explain
    ) as partial:
        faults.fail_write_if_asked(partial, "backup")
        with contextlib.closing(_connect(partial, readonly=False, key=key)) as target:
            conn.backup(target)
            target.isolation_level = None
            target.execute("PRAGMA journal_mode = DELETE")


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; elsewhere a rename is enough)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _verify_copy(path: Path, key: Key | None = None) -> None:
    """Open a copy and prove it is a sound journal; raise a SQLite error if not."""
    with contextlib.closing(_connect(path, readonly=False, key=key)) as conn:
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


def wipe_plain_backups(folder: Path) -> tuple[list[Path], list[Path]]:
    """Overwrite and delete every unprotected backup in ``folder``.

    Returns (wiped, could not be wiped). Used once a journal is protected: a plain
    backup would keep every note readable beside the encrypted journal.
    """
    wiped: list[Path] = []
    failed: list[Path] = []
    for backup in backup_files(folder):
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
            _verify_copy_readonly(candidate, key if looks_protected(candidate) else None)
        except sqlite_errors("Error", OSError):
            continue
        return candidate
    return None


def _verify_copy_readonly(path: Path, key: Key | None = None) -> None:
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


def sidecars(path: Path) -> list[Path]:
    """Return the journal's ``-wal`` and ``-shm`` companions."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def restore(
    paths: Paths,
    backup: Path,
    *,
    clock: Clock | None = None,
    passphrase: str | None = None,
    current_key: Key | None = None,
    allow_unprotected: bool = False,
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
    key = _key_for(backup, passphrase)
    with contextlib.closing(_connect(backup, readonly=True, key=key)) as source:
        _check_backup(source, backup, key)
        real = journal_path(paths)
        with _explained(real):
            paths.ensure()
            lock = WriterLock(paths.lock, real).acquire()
        try:
            with _explained(real):
                finish_interrupted(paths)
            current = _current_key(real, current_key, passphrase)
            return _swap_in(source, paths, clock.now(), key, current)
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


def _check_backup(conn: sqlite3.Connection, backup: Path, key: Key | None = None) -> None:
    """Prove that ``backup`` is a sound journal this version can open."""
    try:
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
) -> Path | None:
    """With the lock held: copy ``source`` beside the journal, move the journal aside,
    and rename the copy into its place."""
    journal_path_ = journal_path(paths)
    incoming = journal_path_.with_name(journal_path_.name + RESTORING_SUFFIX)
    _copy_journal(source, incoming, key)
    faults.step("restore", "copied")
    moved_to: Path | None = None
    if journal_path_.exists():
        _back_up_before_restore(journal_path_, paths, now, current_key)
        faults.step("restore", "backed-up")
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
    _sync_folder(journal_path_.parent)
    faults.step("restore", "swapped")
    return moved_to


def _back_up_before_restore(
    path: Path, paths: Paths, now: dt.datetime, key: Key | None = None
) -> None:
    """Back up a sound journal and fold its log into it; leave an unsound one as it is."""
    try:
        with contextlib.closing(_probe(path, key)) as probe:
            _inspect(probe, path, paths, check=True, key=key)
            _backup_into_folder(probe, paths, "before-restore", now, key)
        with contextlib.closing(_connect(path, readonly=False, key=key)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite_errors("Error", KnownProblem):
        # A damaged, newer or foreign journal, or a protected one whose key is not
        # known here, is moved aside exactly as it is.
        pass

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
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coachdesk.dates import Clock, SystemClock, iso_moment
from coachdesk.paths import Paths
from coachdesk.store import migrations as schema
from coachdesk.store.changes import Change, Subject
from coachdesk.store.cipher import (
    BUSY_TIMEOUT_MS,
    Key,
    connect,
    looks_protected,
)
from coachdesk.store.errors import (
    FULL,
    JournalDamaged,
    JournalFromNewerVersion,
    KnownProblem,
    NotAJournal,
    PassphraseNeeded,
    WrongPassphrase,
    environment_failure,
    open_problem,
    sqlite_errors,
    write_problem,
)
from coachdesk.store.layout import create_private_file, journal_path, make_private_file, sidecars
from coachdesk.store.lock import WriterLock
from coachdesk.store.recovery import finish_interrupted

if TYPE_CHECKING:
    # sqlite-utils is loaded on the first write or migration, not at start-up: its
    # import costs about as much as Qt's widgets.
    from sqlite_utils import Database

    from coachdesk.store.progress import Progress, Tracker

# "CDSK": marks a SQLite file as a coachdesk journal (PRAGMA application_id).
APPLICATION_ID = 0x4344534B
SQLITE_HEADER = b"SQLite format 3\x00"
# SQLITE_NOTADB: what a keyed connection reports when the key does not fit.
_NOT_A_DATABASE = 26

# The write-ahead log is cut back to this after a checkpoint, so one large write (or a
# failed one on a full disk) does not keep the space for good.
WAL_SIZE_LIMIT = 1024 * 1024

ChangeListener = Callable[[Change], None]


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
    # Who the writes in a ``made_by`` block are made for (the view that saves).
    initiator: object | None = None


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
                create_private_file(path)
            # A journal copied in with looser permissions is made the user's alone.
            make_private_file(path)
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
            make_private_file(side)
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
        """Call ``listener(change)`` after every committed write."""
        self._state.listeners.append(listener)

    def remove_listener(self, listener: ChangeListener) -> None:
        """Stop calling ``listener``."""
        with contextlib.suppress(ValueError):
            self._state.listeners.remove(listener)

    @contextlib.contextmanager
    def made_by(self, initiator: object) -> Iterator[None]:
        """Name ``initiator`` as the maker of every write in the block.

        A view wraps its own saves in this, and skips the notices that name it.
        """
        before = self._state.initiator
        self._state.initiator = initiator
        try:
            yield
        finally:
            self._state.initiator = before

    @contextlib.contextmanager
    def write(self, *subjects: Subject) -> Iterator[Database]:
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
        changed = Change(frozenset(Subject(s) for s in subjects), self._state.initiator)
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

    def backup(
        self, reason: str = "manual", dest: Path | None = None, *, progress: Progress | None = None
    ) -> Path:
        """Copy the journal with SQLite's backup API, verify the copy, and rotate.

        Without ``dest`` the copy goes into the backups folder, named by time and
        reason, and old backups are rotated. Returns the copy's path. ``progress`` hears
        how far the copy is (:mod:`coachdesk.store.progress`); a stop it asks for leaves
        no file behind and raises :class:`~coachdesk.store.progress.Cancelled`.
        """
        if progress is None:
            return self._backup(reason, dest)
        from coachdesk.store.progress import Tracker

        tracker = Tracker(progress, [("copy", 1)])
        tracker.stage("copy")
        tracker.tell(now=True)
        made = self._backup(reason, dest, tracker)
        tracker.finish()
        return made

    def _backup(self, reason: str, dest: Path | None, tracker: Tracker | None = None) -> Path:
        """:meth:`backup`, its copy telling ``tracker`` how far it is (its current stage)."""
        if dest is None:
            from coachdesk.store.backups import backup_into_folder

            dest = backup_into_folder(
                self.conn, self.paths, reason, self.clock.now(), self._key, tracker=tracker
            )
        else:
            from coachdesk.store.backups import copy_journal

            copy_journal(self.conn, dest, self._key, tracker=tracker)
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
        from coachdesk.store.backups import backup_time, newest_backup

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
            raise JournalDamaged(path, "its header is not a SQLite header", _newest_backup(paths))
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
    return open_problem(exc, path) or JournalDamaged(path, str(exc), _newest_backup(paths, key))


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
        raise JournalDamaged(path, rows[0] if rows else "check failed", _newest_backup(paths, key))


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


def _newest_backup(paths: Paths, key: Key | None = None) -> Path | None:
    """The newest good backup, offered when the journal is damaged (loaded only then)."""
    from coachdesk.store.backups import newest_backup

    return newest_backup(paths, key)

"""Opening, checking, writing, backing up and restoring a journal.

A journal is one SQLite file. One :class:`Journal` holds one connection that does all
the writing, behind an operating-system lock (see :mod:`coachdesk.store.lock`).

Opening a journal never writes to it before it has been shown to be sound: the header,
the application id, the migration history (a journal from a newer coachdesk is refused
untouched) and, unless deferred until after the first paint, ``PRAGMA quick_check``.
Only then are the pragmas that write (WAL mode, the application id) set and pending
migrations applied, after a backup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from coachdesk.dates import Clock, SystemClock, iso_moment
from coachdesk.paths import Paths
from coachdesk.store import migrations as schema
from coachdesk.store.errors import (
    JournalDamaged,
    JournalFromNewerVersion,
    KnownProblem,
    NotAJournal,
    WriteFailed,
    write_problem,
)
from coachdesk.store.lock import WriterLock

# "CDSK": marks a SQLite file as a coachdesk journal (PRAGMA application_id).
APPLICATION_ID = 0x4344534B
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

# Backup rotation: the newest backup of each of the last 7 days, 4 ISO weeks and
# 6 months is kept, and everything from the last day.
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 6
BACKUP_SUFFIX = ".coachdesk"
BACKUP_STAMP = "%Y%m%d-%H%M%S"

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
        db: Database,
        clock: Clock,
        lock: WriterLock | None,
        *,
        path: Path,
        verified: bool,
    ) -> None:
        self.paths = paths
        self.path = path
        self.db = db
        self.clock = clock
        self._lock = lock
        self._state = _State(verified=verified)

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        paths: Paths,
        *,
        clock: Clock | None = None,
        readonly: bool = False,
        defer_check: bool = False,
    ) -> Journal:
        """Open (or create) the journal in ``paths``.

        ``readonly`` opens without the writer lock and refuses a journal that would
        need updating. ``defer_check`` skips ``quick_check`` until :meth:`verify` (the
        GUI runs it right after its first paint); the first write runs it if it has not
        run yet, and a pending migration always runs it first.
        """
        clock = clock or SystemClock()
        path = paths.journal
        if readonly:
            if not path.exists():
                raise KnownProblem(
                    f"There is no journal at {path} yet.",
                    "Start coachdesk once, or choose the data folder that holds your journal.",
                )
            conn = _connect(path, readonly=True)
            try:
                _inspect(conn, path, paths, check=not defer_check)
                pending = _pending_names(conn)
                if pending:
                    raise KnownProblem(
                        f"The journal at {path} needs updating before it can be read.",
                        "Open it in coachdesk once (close any other coachdesk first).",
                    )
            except BaseException:
                conn.close()
                raise
            return cls(
                paths, _database(conn), clock, None, path=path, verified=not defer_check
            )

        paths.ensure()
        lock = WriterLock(paths.lock, path).acquire()
        try:
            return cls._open_writer(paths, path, clock, lock, defer_check=defer_check)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_writer(
        cls, paths: Paths, path: Path, clock: Clock, lock: WriterLock, *, defer_check: bool
    ) -> Journal:
        existed = path.exists() and path.stat().st_size > 0
        try:
            conn = _connect(path, readonly=False)
        except sqlite3.Error as exc:
            problem = write_problem(exc, path)
            if problem:
                raise problem from exc
            raise
        try:
            applied: list[str] = []
            if existed:
                applied = _inspect(conn, path, paths, check=False)
            pending = [name for name in schema.known_names() if name not in applied]
            verified = False
            if existed and (pending or not defer_check):
                _quick_check(conn, path, paths)
                verified = True
            db = _database(conn)
            journal = cls(paths, db, clock, lock, path=path, verified=verified or not existed)
            journal._set_pragmas()
            if pending:
                if applied:
                    journal.backup("before-update")
                schema.migrations.apply(db)
            return journal
        except sqlite3.Error as exc:
            conn.close()
            problem = write_problem(exc, path)
            if problem:
                raise problem from exc
            raise
        except BaseException:
            conn.close()
            raise

    def _set_pragmas(self) -> None:
        conn = self.db.conn
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        with self.db.ensure_autocommit_on():
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            with self.db.ensure_autocommit_on():
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    @property
    def readonly(self) -> bool:
        """True when opened for reading only (no writer lock)."""
        return self._lock is None

    @property
    def verified(self) -> bool:
        """True once ``quick_check`` has passed in this session."""
        return self._state.verified

    def verify(self) -> None:
        """Run the deferred ``quick_check`` if it has not run yet."""
        if not self._state.verified:
            _quick_check(self.db.conn, self.path, self.paths)
            self._state.verified = True

    def close(self) -> None:
        """Checkpoint, close the connection and release the lock."""
        try:
            if not self.readonly:
                with contextlib.suppress(sqlite3.Error):
                    self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.db.close()
        finally:
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
        try:
            with self.db.atomic():
                yield self.db
                self.db.conn.execute(
                    "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'"
                )
        except (sqlite3.Error, OSError) as exc:
            problem = write_problem(exc, self.path)
            if problem is not None:
                raise problem from exc
            raise
        changed = frozenset(subjects)
        for listener in list(self._state.listeners):
            listener(changed)

    def revision(self) -> int:
        """Return the journal's change counter (one step per committed write)."""
        row = self.db.conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        return int(row[0]) if row else 0

    # ----------------------------------------------------------------- checking

    def check(self) -> CheckReport:
        """Run the full ``integrity_check`` and report schema and counts."""
        conn = self.db.conn
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
            sqlite_version=sqlite3.sqlite_version,
        )

    def counts(self) -> dict[str, int]:
        """Return the number of rows in each of the journal's own tables."""
        names = [
            r[0]
            for r in self.db.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\' "
                "AND name <> 'meta' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
            )
        ]
        return {
            name: self.db.conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names
        }

    # ----------------------------------------------------------------- backups

    def backup(self, reason: str = "manual", dest: Path | None = None) -> Path:
        """Copy the journal with SQLite's backup API, verify the copy, and rotate.

        Without ``dest`` the copy goes into the backups folder, named by time and
        reason, and old backups are rotated. Returns the copy's path.
        """
        if dest is None:
            dest = _backup_into_folder(self.db.conn, self.paths, reason, self.clock.now())
        else:
            _copy_journal(self.db.conn, dest)
        if not self.readonly and dest.parent == self.paths.backups:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute(
                    "INSERT INTO meta(key, value) VALUES ('last_backup_revision', ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [str(self.revision())],
                )
        return dest

    def maybe_daily_backup(self) -> Path | None:
        """Back up if the journal changed since the last backup and none is a day old."""
        if self.readonly:
            return None
        revision = self.revision()
        row = self.db.conn.execute(
            "SELECT value FROM meta WHERE key = 'last_backup_revision'"
        ).fetchone()
        if revision == 0 or (row and int(row[0]) == revision):
            return None
        newest = newest_backup(self.paths)
        if newest is not None:
            taken = backup_time(newest)
            if taken is not None and self.clock.now() - taken < dt.timedelta(days=1):
                return None
        return self.backup("daily")

    def checkpoint(self) -> None:
        """Move everything in the write-ahead log into the journal file."""
        self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


# ----------------------------------------------------------------- helpers


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    if readonly:
        uri = path.absolute().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    return conn


def _database(conn: sqlite3.Connection) -> Database:
    # Plugins are never loaded: nothing outside coachdesk touches the connection.
    return Database(conn, execute_plugins=False, recursive_triggers=True)


def _inspect(conn: sqlite3.Connection, path: Path, paths: Paths, *, check: bool) -> list[str]:
    """Prove, by reading only, that ``path`` is a sound coachdesk journal we can open.

    Returns the names of the applied migrations.
    """
    with open(path, "rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise JournalDamaged(path, "its header is not a SQLite header", newest_backup(paths))
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise JournalDamaged(path, str(exc), newest_backup(paths)) from exc
    if app_id not in (0, APPLICATION_ID) or (
        tables and "_sqlite_migrations" not in tables and app_id != APPLICATION_ID
    ):
        raise NotAJournal(path)
    if check:
        _quick_check(conn, path, paths)
    try:
        applied = _applied_names(conn)
    except sqlite3.DatabaseError as exc:
        raise JournalDamaged(path, str(exc), newest_backup(paths)) from exc
    unknown = [name for name in applied if name not in schema.known_names()]
    if unknown:
        raise JournalFromNewerVersion(path, unknown)
    return applied


def _quick_check(conn: sqlite3.Connection, path: Path, paths: Paths) -> None:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        raise JournalDamaged(path, str(exc), newest_backup(paths)) from exc
    if rows != ["ok"]:
        raise JournalDamaged(path, rows[0] if rows else "check failed", newest_backup(paths))


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
    conn: sqlite3.Connection, paths: Paths, reason: str, now: dt.datetime
) -> Path:
    """Copy into the backups folder under a time-stamped name, then rotate."""
    paths.ensure()
    stamp = now.strftime(BACKUP_STAMP)
    dest = paths.backups / f"journal-{stamp}-{reason}{BACKUP_SUFFIX}"
    n = 1
    while dest.exists():
        n += 1
        dest = paths.backups / f"journal-{stamp}-{reason}-{n}{BACKUP_SUFFIX}"
    _copy_journal(conn, dest)
    rotate_backups(paths.backups, now)
    return dest


def _copy_journal(conn: sqlite3.Connection, dest: Path) -> None:
    """Copy through SQLite's backup API into ``dest``, verified before it gets its name."""
    partial = dest.with_name(dest.name + ".partial")
    try:
        with contextlib.closing(sqlite3.connect(partial)) as target:
            conn.backup(target)
        _verify_copy(partial)
        os.replace(partial, dest)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        problem = write_problem(exc, dest)
        if problem is not None:
            raise WriteFailed(
                f"The backup could not be written to {dest.parent}.", problem.advice
            ) from exc
        raise


def _verify_copy(path: Path) -> None:
    """Open a copy and prove it is a sound journal; raise ``sqlite3.Error`` if not."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
        if rows != ["ok"]:
            raise sqlite3.DatabaseError(f"backup check failed: {rows[:1]}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()


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


def newest_backup(paths: Paths) -> Path | None:
    """Return the newest backup that passes ``quick_check``, if any."""
    for candidate in list_backups(paths):
        try:
            _verify_copy_readonly(candidate)
        except sqlite3.Error:
            continue
        return candidate
    return None


def _verify_copy_readonly(path: Path) -> None:
    uri = path.absolute().as_uri() + "?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
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


def restore(paths: Paths, backup: Path, *, clock: Clock | None = None) -> Path | None:
    """Put ``backup`` in place of the journal; the current one is moved aside, never deleted.

    Takes the writer lock for the whole swap. A sound current journal is checkpointed
    and closed first (and backed up); then the journal and its ``-wal``/``-shm`` are
    moved aside together, so nothing in an un-checkpointed log is lost even if the
    checkpoint could not run. Returns where the old journal went, or ``None`` if there
    was none.
    """
    clock = clock or SystemClock()
    backup = Path(backup)
    if not backup.is_file():
        raise KnownProblem(f"There is no backup at {backup}.", "Check the file name.")
    try:
        _verify_copy_readonly(backup)
        with contextlib.closing(_connect(backup, readonly=True)) as conn:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise NotAJournal(backup)
            unknown = [n for n in _applied_names(conn) if n not in schema.known_names()]
            if unknown:
                raise JournalFromNewerVersion(backup, unknown)
    except sqlite3.Error as exc:
        raise KnownProblem(
            f"{backup.name} is not a sound journal backup ({exc}).",
            "Nothing was changed. Choose another backup.",
        ) from exc

    paths.ensure()
    with WriterLock(paths.lock, paths.journal):
        journal_path = paths.journal
        moved_to: Path | None = None
        if journal_path.exists():
            try:
                conn = _connect(journal_path, readonly=False)
                try:
                    _inspect(conn, journal_path, paths, check=True)
                    _backup_into_folder(conn, paths, "before-restore", clock.now())
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    conn.close()
            except (KnownProblem, sqlite3.Error):
                pass  # a damaged or foreign journal is simply moved aside as it is
            stamp = clock.now().strftime(BACKUP_STAMP)
            moved_to = journal_path.with_name(f"{journal_path.name}.replaced-{stamp}")
            n = 1
            while moved_to.exists():
                n += 1
                moved_to = journal_path.with_name(f"{journal_path.name}.replaced-{stamp}-{n}")
            for side in sidecars(journal_path):
                if side.exists():
                    os.replace(side, moved_to.with_name(moved_to.name + side.name[-4:]))
            os.replace(journal_path, moved_to)
        partial = journal_path.with_name(journal_path.name + ".restoring")
        shutil.copyfile(backup, partial)
        os.replace(partial, journal_path)
    return moved_to

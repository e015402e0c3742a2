"""Known problems: things in the user's environment or input that the user can act on.

Anything else that goes wrong is a bug: logged with its traceback and met with a short
apology. A known problem is shown as what happened plus what the user can do.

Input the user gave that cannot be used (a date that is not one, a line of a file, a
setting out of range) is an :class:`InvalidInput`. A plain ``ValueError`` is never shown
as a message: it means our own code passed a wrong value, which is a bug.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
import sys
from pathlib import Path


def sqlite_errors(
    name: str = "Error", *also: type[BaseException]
) -> tuple[type[BaseException], ...]:
    """Return SQLite's exception class ``name`` from ``sqlite3`` and, once loaded, SQLCipher.

    ``also`` adds other exception classes to catch with them (``OSError``…).

    A protected journal's connection comes from ``sqlcipher3``, whose exceptions mirror
    ``sqlite3``'s without inheriting from them, so ``except`` clauses name both. SQLCipher
    is loaded only when a protected journal is opened; until then none of its
    exceptions can be raised.
    """
    found: list[type[BaseException]] = [getattr(sqlite3, name)]
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    if cipher is not None:
        found.append(getattr(cipher, name))
    return (*found, *also)


class KnownProblem(Exception):
    """A problem with the user's files or input, explained in plain words.

    ``command_advice`` is what to do when a command (not the window) met the problem,
    where that differs: a command has ended, so it cannot "keep trying".
    """

    def __init__(self, what: str, advice: str = "", command_advice: str | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.advice = advice
        self.command_advice = command_advice

    def __str__(self) -> str:
        return f"{self.what} {self.advice}".strip()

    def for_command(self) -> str:
        """The message as a command says it."""
        advice = self.advice if self.command_advice is None else self.command_advice
        return f"{self.what} {advice}".strip()


class InvalidInput(KnownProblem):
    """Something the user typed, chose or gave in a file cannot be used as it is.

    The message says what is wrong with it, in the user's words; nothing was changed.
    Where a standard-library conversion of the user's text (``int()``,
    ``date.fromisoformat()``…) raises ``ValueError``, the caller turns it into this at
    that spot, so that a ``ValueError`` anywhere else still reaches the problem log.
    """


class JournalLocked(KnownProblem):
    """Another coachdesk already has this journal open for writing.

    ``holder`` says which: ``"app"`` (a window), ``"command"`` (a command still running),
    or ``""`` when the lock file does not say.
    """

    def __init__(self, path: Path, holder: str = "", pid: int | None = None) -> None:
        self.holder = holder
        if holder == "command":
            which = f" (process {pid})" if pid else ""
            super().__init__(
                f"A coachdesk command{which} is using this journal ({path}) right now.",
                "Wait for it to finish, then try again.",
            )
        elif holder == "app":
            super().__init__(
                f"coachdesk is already open on this journal ({path}).",
                "Switch to the window that has it open, or close it and try again.",
            )
        else:
            super().__init__(
                f"Another coachdesk is using this journal ({path}).",
                "Close the other coachdesk window, or wait for its command to finish, "
                "and try again.",
            )


class JournalDamaged(KnownProblem):
    """The journal failed its check; it is kept exactly as it is."""

    def __init__(self, path: Path, detail: str, newest_backup: Path | None = None) -> None:
        self.path = path
        self.detail = detail
        self.newest_backup = newest_backup
        if newest_backup is not None:
            advice = (
                f"Nothing was written to it. The newest good backup is {newest_backup.name}; "
                f'restore it with File → Restore… or `coachdesk restore "{newest_backup}"`.'
            )
        else:
            advice = "Nothing was written to it, and there is no backup to restore."
        super().__init__(f"The journal at {path} is damaged ({one_line(detail)}).", advice)


def one_line(detail: str, limit: int = 160) -> str:
    """SQLite's finding on one line, shortened: it can span many lines and pages.

    ``quick_check`` starts with "*** in database main ***", which says nothing to a
    person; what follows (the first page it found wrong) is kept.
    """
    lines = [
        " ".join(line.split())
        for line in detail.splitlines()
        if line.strip() and not line.strip().startswith("*** in database")
    ]
    text = lines[0] if lines else "the check failed"
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    more = len(lines) - 1
    if more > 0:
        text += f"; {more} more finding{'s' if more > 1 else ''}"
    return text


class NotAJournal(KnownProblem):
    """The file is not a coachdesk journal at all."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is not a coachdesk journal.",
            "Nothing was changed. Choose a different data folder or file.",
        )


class JournalFromNewerVersion(KnownProblem):
    """The journal was written by a newer coachdesk; it is refused untouched."""

    def __init__(self, path: Path, unknown: list[str]) -> None:
        self.unknown = unknown
        super().__init__(
            f"The journal at {path} was written by a newer version of coachdesk.",
            "Nothing was changed. Update coachdesk to open it; your notes are safe.",
        )


class PassphraseNeeded(KnownProblem):
    """The journal is protected: it opens only with its passphrase."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"The journal at {path} is protected with a passphrase.",
            "Type the passphrase to open it: from a terminal, or give --passphrase-file PATH.",
        )


class WrongPassphrase(KnownProblem):
    """The passphrase given does not open the journal (or backup); nothing was changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            "That passphrase doesn't open this journal.",
            "Nothing was changed. Check it and try again: a forgotten passphrase cannot "
            "be recovered. If you are sure it is right, the file may be damaged; a backup "
            "can be restored.",
        )


class WriteFailed(KnownProblem):
    """A write did not reach the disk; what was saved before it is intact."""


class WouldTurnProtectionOff(KnownProblem):
    """A plain backup was about to replace a journal protected with a passphrase."""

    def __init__(self, backup: Path) -> None:
        self.backup = backup
        super().__init__(
            f"{backup.name} is not protected with a passphrase, but your journal is: "
            "restoring it would turn protection off.",
            "Nothing was changed. Restore it anyway and protect the journal again afterwards, "
            "or choose a protected backup.",
            "Nothing was changed. To restore it anyway, add --unprotected (then protect the "
            "journal again with `coachdesk protect`), or choose a protected backup.",
        )


class ImportProblem(KnownProblem):
    """An import file could not be used; nothing was imported."""

    def __init__(self, what: str, advice: str = "", lines: list[str] | None = None) -> None:
        super().__init__(what, advice)
        self.lines = lines or []

    def __str__(self) -> str:
        text = super().__str__()
        if self.lines:
            text += "\n" + "\n".join(self.lines)
        return text


# What went wrong in the environment, as far as SQLite or the OS tell us.
FULL, READ_ONLY, BUSY, DISK = "full", "read-only", "busy", "disk"


def environment_failure(exc: BaseException) -> str | None:
    """Classify a failure the user's environment caused, or return ``None`` (a bug).

    Returns :data:`FULL`, :data:`READ_ONLY`, :data:`BUSY` or :data:`DISK`.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    message = str(exc).lower()
    os_error = exc.errno if isinstance(exc, OSError) else None
    if (
        primary == sqlite3.SQLITE_FULL
        or "disk is full" in message
        or os_error in (errno.ENOSPC, errno.EDQUOT)
    ):
        return FULL
    if (
        primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM)
        or "readonly" in message
        or os_error in (errno.EROFS, errno.EACCES, errno.EPERM)
    ):
        return READ_ONLY
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in message:
        return BUSY
    if (
        primary in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN)
        or "disk i/o" in message
        or os_error == errno.EIO
    ):
        return DISK
    return None


# Less free space than this where a write failed, and "a disk error" was the disk filling.
NEARLY_FULL = 1024 * 1024


def _on_disk(kind: str | None, path: Path) -> str | None:
    """Tell a full disk from another disk error: SQLite reports some of the former (the
    shared-memory index it cannot extend, say) only as an I/O error."""
    if kind != DISK:
        return kind
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        return kind
    return FULL if free < NEARLY_FULL else kind


def write_problem(exc: BaseException, path: Path) -> WriteFailed | None:
    """Translate a failed write into a :class:`WriteFailed`, or ``None`` if it is a bug."""
    kind = _on_disk(environment_failure(exc), path)
    # A command has ended when it says so: nothing is kept to retry, nobody retries.
    undone = "Nothing of it was saved; everything saved before it is safe."
    if kind == FULL:
        return WriteFailed(
            "The disk is full, so the last change could not be saved.",
            "Everything saved before it is safe and the text is kept. "
            "Free some space; coachdesk keeps trying.",
            f"{undone} Free some space and run the command again.",
        )
    if kind == READ_ONLY:
        return WriteFailed(
            f"The journal's folder ({path.parent}) cannot be written to, "
            "so the last change could not be saved.",
            "Everything saved before it is safe and the text is kept. "
            "Check the folder's permissions or that the disk is not read-only.",
            f"{undone} Check the folder's permissions or that the disk is not read-only, "
            "then run the command again.",
        )
    if kind == BUSY:
        return WriteFailed(
            "The journal is busy in another program, so the last change could not be saved.",
            "Everything saved before it is safe; coachdesk keeps trying.",
            f"{undone} Close the other program and run the command again.",
        )
    if kind == DISK:
        return WriteFailed(
            "The disk reported an error, so the last change could not be saved.",
            "Everything saved before it is safe and the text is kept. Check the disk.",
            f"{undone} Check the disk, then run the command again.",
        )
    return None


def open_problem(exc: BaseException, path: Path) -> KnownProblem | None:
    """Translate a failure to open, read or set up the journal at ``path``.

    Returns ``None`` when the environment is not to blame: either the file itself is
    unsound (the caller reports it as damaged) or it is a bug.
    """
    kind = _on_disk(environment_failure(exc), path)
    unchanged = "Nothing was changed."
    if kind == FULL:
        return WriteFailed(
            f"The disk is full, so coachdesk cannot open the journal at {path}.",
            f"{unchanged} Free some space and start coachdesk again.",
        )
    if kind == READ_ONLY:
        # SQLite needs to create its -wal and -shm files beside the journal, even to read.
        return WriteFailed(
            f"coachdesk cannot open the journal at {path}: its folder ({path.parent}) "
            "cannot be written to.",
            f"{unchanged} Check the folder's permissions or that the disk is not read-only; "
            "or copy the journal into a folder you can write to.",
        )
    if kind == BUSY:
        return KnownProblem(
            f"The journal at {path} is in use by another program.",
            f"{unchanged} Close the other program (a backup or sync tool?) and try again.",
        )
    if kind == DISK:
        return KnownProblem(
            f"The disk reported an error while opening the journal at {path} ({exc}).",
            f"{unchanged} Check the disk, then try again.",
        )
    if isinstance(exc, OSError):
        # Something in the way of the data folder itself (a file where a folder should be…).
        where = exc.filename or path.parent
        return KnownProblem(
            f"coachdesk cannot use {where}: {exc.strerror or exc}.",
            f"{unchanged} Choose another data folder with --data-dir, or fix this one.",
        )
    return None


def backup_problem(exc: BaseException, folder: Path) -> WriteFailed | None:
    """Translate a failed backup into a :class:`WriteFailed`, or ``None`` if it is a bug."""
    kind = _on_disk(environment_failure(exc), folder / "backup")
    if kind is None and not isinstance(exc, sqlite_errors("DatabaseError", OSError)):
        return None
    reason = {
        FULL: "the disk is full",
        READ_ONLY: "the folder cannot be written to",
        BUSY: "the journal was busy",
        DISK: "the disk reported an error",
    }.get(kind or "", f"the copy could not be made: {exc}")
    return WriteFailed(
        f"The backup could not be written to {folder} ({reason}).",
        "The journal itself is unchanged. Free some space, check the folder's "
        "permissions, or choose another place.",
    )

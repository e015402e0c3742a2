"""One writer per journal: an operating-system lock that dies with its process.

The lock is taken on a small file beside the journal (``journal.coachdesk.lock``),
never on the journal itself, so it stays held while a restore swaps the journal. The
kernel releases it when the process ends for any reason, including SIGKILL or a power
cut, so a crash never leaves a stale lock behind; the file itself may stay and means
nothing on its own.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path
from types import TracebackType

from coachdesk.store.errors import JournalLocked


class WriterLock:
    """An exclusive, non-blocking lock on ``path``; ``acquire`` raises if it is held."""

    def __init__(self, path: Path, journal: Path, holder: str = "command") -> None:
        self.path = path
        self.journal = journal
        self.holder = holder  # "app" or "command": said to whoever finds the lock taken
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def acquire(self) -> WriterLock:
        """Take the lock or raise :class:`JournalLocked`.

        Any other failure (a read-only folder, a file system without locks) is raised
        as the ``OSError`` it is, for the caller to explain.
        """
        if self._fd is not None:
            return self
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            if _held_elsewhere(exc):
                holder, pid = read_holder(self.path)
                raise JournalLocked(self.journal, holder, pid) from None
            raise
        # Record who holds it ("4242 app"), so a second coachdesk can say whether a window
        # or a command has the journal. A full disk must not stop the journal opening.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()} {self.holder}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        """Let go of the lock (closing the descriptor releases it)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> WriterLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def read_holder(path: Path) -> tuple[str, int | None]:
    """Who holds the lock, as its file says: ("app" | "command" | "", pid or None)."""
    try:
        with open(path, "rb") as handle:
            words = handle.read(64).decode("ascii", "replace").split()
    except OSError:
        return "", None  # Windows keeps a locked byte unreadable: nobody to name
    pid = int(words[0]) if words and words[0].isdigit() else None
    holder = words[1] if len(words) > 1 and words[1] in ("app", "command") else ""
    return holder, pid


def _held_elsewhere(exc: OSError) -> bool:
    """True when locking failed only because another process holds the lock."""
    return exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK)


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

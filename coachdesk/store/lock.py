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

    def __init__(self, path: Path, journal: Path) -> None:
        self.path = path
        self.journal = journal
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
                raise JournalLocked(self.journal) from None
            raise
        # Record who holds it, for a person looking at the folder; nothing reads it, so
        # a full disk must not stop the journal from opening.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
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

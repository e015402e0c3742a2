"""Where a journal's files are, and keeping them the user's own.

The journal is one SQLite file; beside it SQLite keeps its ``-wal`` and ``-shm``, and a
restore or a change of protection keeps its own intermediate files for as long as a step
lasts (see :mod:`coachdesk.store.recovery`).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from coachdesk.paths import Paths

# A restore copies the backup to ``journal.coachdesk.restoring`` (verified) before the
# swap; a crash leaves it behind, to be finished or wiped at the next open.
RESTORING_SUFFIX = ".restoring"


def journal_path(paths: Paths) -> Path:
    """The journal file itself: where a symbolic link in the data folder points.

    Everything done to the journal (its log, a conversion, a restore) happens beside the
    real file, never to the link: renaming the link would leave the real file behind.
    """
    path = paths.journal
    return path.resolve() if path.is_symlink() else path


def sidecars(path: Path) -> list[Path]:
    """Return the journal's ``-wal`` and ``-shm`` companions."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def create_private_file(path: Path) -> None:
    """Create an empty journal file readable by the owner only, whatever the umask."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def make_private_file(path: Path) -> None:
    """Make an existing journal file (or its log) readable and writable by its owner only."""
    with contextlib.suppress(OSError):  # not ours to change, or gone: it still opens
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, mode & 0o700)

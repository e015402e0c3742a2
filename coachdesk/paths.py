"""Every file location coachdesk uses, resolved once.

The data folder comes from platformdirs (``user_data_dir("coachdesk")``) unless
``--data-dir PATH`` or the ``COACHDESK_DATA_DIR`` environment variable names another
one (the option wins over the variable). Everything else lives inside it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from coachdesk import APP_NAME

ENV_DATA_DIR = "COACHDESK_DATA_DIR"
JOURNAL_NAME = "journal.coachdesk"

# Read/write for the owner only, on every folder and file the app creates.
PRIVATE_UMASK = 0o077


def make_private() -> None:
    """Set the process umask so everything written from now on is user-only.

    Called first thing at start-up (GUI and command line alike): SQLite creates
    ``-wal`` and ``-shm`` files itself, and only the umask reaches those.
    """
    os.umask(PRIVATE_UMASK)


@dataclass(frozen=True)
class Paths:
    """The resolved locations of one coachdesk data folder."""

    data_dir: Path

    @property
    def journal(self) -> Path:
        """The journal: one SQLite file."""
        return self.data_dir / JOURNAL_NAME

    @property
    def backups(self) -> Path:
        """Automatic and manual backups, rotated."""
        return self.data_dir / "backups"

    @property
    def logs(self) -> Path:
        """Crash and problem logs (never any note text)."""
        return self.data_dir / "logs"

    @property
    def exports(self) -> Path:
        """The default folder offered for exports and PDFs."""
        return self.data_dir / "exports"

    @property
    def lock(self) -> Path:
        """The one-writer lock file beside the journal."""
        return self.data_dir / (JOURNAL_NAME + ".lock")

    def ensure(self) -> None:
        """Create the data folder (0700) and its sub-folders if they are missing."""
        ensure_private_dir(self.data_dir)
        for sub in (self.backups, self.logs):
            ensure_private_dir(sub)


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) readable by the owner only.

    A folder that already exists is left as it is unless it is coachdesk's own
    (its name says so): then group and others lose their access. The owner's own bits
    are kept, so a folder the user made read-only stays read-only.
    """
    existed = path.exists()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not existed:
        mode = 0o700
    elif path.name in (APP_NAME, "backups", "logs", "exports"):
        mode = stat.S_IMODE(path.stat().st_mode) & 0o700
    else:
        return
    # A folder we cannot chmod (e.g. on some network shares) still works.
    with contextlib.suppress(OSError):
        os.chmod(path, mode)


def default_data_dir() -> Path:
    """Return the platform's user data folder for coachdesk."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resolve(data_dir: str | os.PathLike[str] | None = None) -> Paths:
    """Resolve the data folder: the option, then the environment, then platformdirs."""
    if data_dir:
        chosen = Path(data_dir)
    elif os.environ.get(ENV_DATA_DIR):
        chosen = Path(os.environ[ENV_DATA_DIR])
    else:
        chosen = default_data_dir()
    return Paths(chosen.expanduser().absolute())

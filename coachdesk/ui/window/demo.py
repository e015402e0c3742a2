"""The sample team in a temporary folder (``coachdesk --demo``), and tidying up after it.

A demo ended normally removes its folder. One ended by a power cut or `kill -9` cannot;
the next demo removes every earlier demo folder of this user whose journal nobody has
open (the writer lock is free), so they do not pile up.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from coachdesk.paths import JOURNAL_NAME, Paths
from coachdesk.store.db import Journal
from coachdesk.store.errors import JournalLocked
from coachdesk.store.lock import WriterLock

DEMO_PREFIX = "coachdesk-demo-"


def prepare_demo() -> Paths:
    """Fill a new temporary folder with the sample team and return its paths."""
    from coachdesk.sample.team import make_sample

    folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
    demo = Paths(folder)
    with Journal.open(demo) as journal:
        make_sample(journal)
    return demo


def remove_stale_demos(keep: Path | None = None) -> list[Path]:
    """Remove earlier demo folders that no running coachdesk holds; return them."""
    removed: list[Path] = []
    for folder in sorted(Path(tempfile.gettempdir()).glob(DEMO_PREFIX + "*")):
        if folder == keep or not _ours(folder):
            continue
        lock = WriterLock(folder / (JOURNAL_NAME + ".lock"), folder / JOURNAL_NAME)
        try:
            lock.acquire()
        except (JournalLocked, OSError):
            continue  # another demo is running in it
        try:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            with contextlib.suppress(OSError):
                lock.release()
        if not folder.exists():
            removed.append(folder)
    return removed


def _ours(folder: Path) -> bool:
    """A folder this user made, holding a coachdesk journal (and nothing else's)."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    if not folder.is_dir() or folder.is_symlink():
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return (folder / JOURNAL_NAME).exists() or not any(folder.iterdir())

"""Purging the backups folder after a person has been deleted.

Every automatic backup taken before a deletion still holds the deleted person, and
rotation keeps some of them for up to six months. When the manager asks for it, they
all go at once, and one fresh backup of the journal as it is now takes their place.
"""

from __future__ import annotations

import contextlib

from coachdesk.store.db import BACKUP_SUFFIX, Journal, list_backups
from coachdesk.store.errors import WriteFailed, sqlite_errors

# A copy that was interrupted half-way keeps this suffix; it may hold the person too.
_PARTIAL_SUFFIX = BACKUP_SUFFIX + ".partial"


def purge_all_backups(journal: Journal) -> int:
    """Delete every backup in the backups folder and keep one fresh one instead.

    The fresh backup (reason ``after-purge``) is taken *first*, so that a full disk or
    a read-only folder leaves the old backups in place rather than none at all; in
    that case the backup's :class:`~coachdesk.store.errors.WriteFailed` is raised and
    nothing is deleted. Returns how many older files were deleted. A backup that
    cannot be deleted raises :class:`~coachdesk.store.errors.WriteFailed` after the
    others are gone.
    """
    folder = journal.paths.backups
    # The write-ahead log can still hold pages written before the deletion; moving
    # it into the journal file (where secure_delete has zeroed them) and truncating it
    # leaves no older copy of the person beside the journal either. A busy reader
    # can stop that; the backups are purged all the same.
    with contextlib.suppress(*sqlite_errors()):
        journal.checkpoint()
    fresh = journal.backup("after-purge")
    older = [path for path in list_backups(journal.paths) if path != fresh]
    if folder.is_dir():
        older += [
            path
            for path in folder.iterdir()
            if path.name.endswith(_PARTIAL_SUFFIX) and path.is_file()
        ]
    deleted = 0
    kept: list[str] = []
    for path in older:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            kept.append(f"{path.name}: {exc.strerror or exc}")
            continue
        deleted += 1
    if kept:
        raise WriteFailed(
            f"{len(kept)} of the older backups in {folder} could not be deleted "
            f"({'; '.join(kept[:3])}).",
            f"A fresh backup, {fresh.name}, was taken. Delete the others yourself from "
            "the backups folder, or check its permissions and try again.",
        )
    return deleted

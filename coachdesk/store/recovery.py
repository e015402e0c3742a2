"""Finishing or undoing what a crash stopped half-way, before a journal is opened.

A change of protection (:mod:`coachdesk.store.protection`) and a restore
(:mod:`coachdesk.store.restore`) each pass through named steps whose every intermediate
file is known; :func:`finish_interrupted` looks at which are there and brings the journal
to one whole state: done, or not begun.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from coachdesk.paths import Paths
from coachdesk.store import outputs
from coachdesk.store.cipher import CONVERTING_SUFFIX, PREVIOUS_SUFFIX, looks_protected, wipe_file
from coachdesk.store.layout import RESTORING_SUFFIX, journal_path, sidecars
from coachdesk.store.outputs import sync_folder


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
        from coachdesk.store.backups import wipe_plain_backups

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
            sync_folder(path.parent)
        else:
            if looks_protected(path) and not looks_protected(previous):
                from coachdesk.store.backups import wipe_plain_backups

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
        sync_folder(path.parent)
        return []
    for moved in sorted(path.parent.glob(path.name + ".replaced-*")):
        stem, side = moved.name[:-4], moved.name[-4:]
        if side in ("-wal", "-shm") and not moved.with_name(stem).exists():
            home = path.with_name(path.name + side)
            if not home.exists():
                os.replace(moved, home)
    return [incoming] if wipe_file(incoming) else []

"""Protect, unprotect, re-key and restore, each ended after every one of its steps.

A child process runs the operation with ``COACHDESK_FAULTS=exit-after:PROCESS:STEP``,
which ends it with ``os._exit`` right after that step, as a power cut would. Then the
journal is opened as the app opens it, and must be whole: the old journal or the new
one, every row there, nothing half-written left beside it, no plain copy of the notes
left readable once the journal is protected, and a usable backup.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from coachdesk.dates import FixedClock
from coachdesk.paths import Paths
from coachdesk.store import faults, protection, transfer
from coachdesk.store.backups import list_backups, newest_backup
from coachdesk.store.cipher import Key, looks_protected
from coachdesk.store.db import Journal
from coachdesk.store.errors import WouldTurnProtectionOff, WriteFailed
from coachdesk.store.layout import RESTORING_SUFFIX
from coachdesk.store.restore import restore
from tests.store.journal_files import add_rep, child_code, python
from tests.store.test_protection import (
    NEEDLE,
    PASSPHRASE,
    _files_holding,
    _filled,
    _leftovers,
    _usable,
    posix_only,
)

NEW_PASSPHRASE = "a brand new passphrase"

CONVERT = """
from coachdesk.store import protection
what, passphrase = sys.argv[2], sys.argv[3]
journal = Journal.open(resolve(sys.argv[1]), passphrase=None if what == "protect" else passphrase)
if what == "protect":
    protection.protect(journal, passphrase)
elif what == "unprotect":
    protection.unprotect(journal, passphrase)
else:
    protection.change_passphrase(journal, passphrase, sys.argv[4])
print("done", flush=True)
"""

RESTORE = """
from coachdesk.store.restore import restore
restore(resolve(sys.argv[1]), Path(sys.argv[2]))
print("done", flush=True)
"""


def _run(code: str, *args: str, stop_after: str) -> subprocess.CompletedProcess[str]:
    proc = python(
        child_code("from pathlib import Path\n" + code),
        *args,
        env={faults.ENV: f"exit-after:{stop_after}"},
    )
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _stopped(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == faults.EXIT_CODE, result.stderr
    assert result.stdout == ""


def _has_verified_backup(paths: Paths, passphrase: str | None) -> bool:
    key = Key.for_file(paths.journal, passphrase) if passphrase else None
    try:
        return newest_backup(paths, key) is not None
    finally:
        if key is not None:
            key.forget()


# ----------------------------------------------------------------- protect


@posix_only
@pytest.mark.slow
@pytest.mark.parametrize("step", protection.STEPS)
def test_protect_ended_after_each_step(data_paths: Paths, clock: FixedClock, step: str) -> None:
    before = _filled(data_paths, clock)
    _stopped(
        _run(CONVERT, str(data_paths.data_dir), "protect", PASSPHRASE, stop_after=f"protect:{step}")
    )

    protected, after = _usable(data_paths)
    assert after == before
    # Until the encrypted file is in place the journal is the old, plain one.
    swapped = protection.STEPS.index(step) >= protection.STEPS.index("swapped")
    assert protected == swapped
    assert _leftovers(data_paths) == []
    if protected:
        # The next open finished the clean-up, and the backup protect took exists.
        assert _files_holding(data_paths.data_dir, NEEDLE) == []
        assert _has_verified_backup(data_paths, PASSPHRASE)
    else:
        assert _has_verified_backup(data_paths, None)


def test_protect_on_a_full_disk_changes_nothing_and_says_so(
    data_paths: Paths, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _filled(data_paths, clock)
    monkeypatch.setenv(faults.ENV, "enospc:backup")
    faults.reset()
    try:
        with Journal.open(data_paths, clock=clock) as journal:
            with pytest.raises(WriteFailed) as caught:
                protection.protect(journal, PASSPHRASE)
            said = str(caught.value)
            assert "Protection was not turned on" in said
            assert "the disk is full" in said
            assert "unchanged and still unprotected" in said
            # Still usable, and still the plain journal it was.
            add_rep(journal, "After the failed protect")
    finally:
        monkeypatch.delenv(faults.ENV)
        faults.reset()
    assert not looks_protected(data_paths.journal)
    assert _leftovers(data_paths) == []
    protected, after = _usable(data_paths)
    assert not protected
    names = [r["name"] for r in after["tables"]["reps"]]
    assert names == [r["name"] for r in before["tables"]["reps"]] + ["After the failed protect"]


# ----------------------------------------------------------------- unprotect and re-key


def _protected(paths: Paths, clock: FixedClock) -> dict[str, Any]:
    before = _filled(paths, clock)
    with Journal.open(paths, clock=clock) as journal:
        protection.protect(journal, PASSPHRASE)
    return before


@posix_only
@pytest.mark.slow
@pytest.mark.parametrize("step", protection.STEPS)
def test_unprotect_ended_after_each_step(data_paths: Paths, clock: FixedClock, step: str) -> None:
    before = _protected(data_paths, clock)
    _stopped(
        _run(
            CONVERT,
            str(data_paths.data_dir),
            "unprotect",
            PASSPHRASE,
            stop_after=f"unprotect:{step}",
        )
    )
    protected, after = _usable(data_paths)
    assert after == before
    swapped = protection.STEPS.index(step) >= protection.STEPS.index("swapped")
    assert protected == (not swapped)
    assert _leftovers(data_paths) == []
    assert _has_verified_backup(data_paths, PASSPHRASE if protected else None)


@posix_only
@pytest.mark.slow
@pytest.mark.parametrize("step", protection.REKEY_STEPS)
def test_change_passphrase_ended_after_each_step(
    data_paths: Paths, clock: FixedClock, step: str
) -> None:
    before = _protected(data_paths, clock)
    _stopped(
        _run(
            CONVERT,
            str(data_paths.data_dir),
            "rekey",
            PASSPHRASE,
            NEW_PASSPHRASE,
            stop_after=f"rekey:{step}",
        )
    )
    # The re-key is one transaction: before it the old passphrase opens the journal,
    # after it the new one does; never neither.
    rekeyed = protection.REKEY_STEPS.index(step) >= protection.REKEY_STEPS.index("rekeyed")
    passphrase = NEW_PASSPHRASE if rekeyed else PASSPHRASE
    with Journal.open(data_paths, passphrase=passphrase) as journal:
        assert journal.check().ok
        assert transfer.export_data(journal, include_private=True) == before
    assert _leftovers(data_paths) == []


# ----------------------------------------------------------------- restore

RESTORE_STEPS = ("copied", "backed-up", "aside", "swapped")


@posix_only
@pytest.mark.slow
@pytest.mark.parametrize("step", RESTORE_STEPS)
def test_restore_ended_after_each_step(data_paths: Paths, clock: FixedClock, step: str) -> None:
    with Journal.open(data_paths, clock=clock) as journal:
        add_rep(journal, "In the backup")
        backup = journal.backup("manual")
        add_rep(journal, "Only in the journal")
    _stopped(_run(RESTORE, str(data_paths.data_dir), str(backup), stop_after=f"restore:{step}"))

    with Journal.open(data_paths) as journal:
        assert journal.check().ok
        names = [r["name"] for r in transfer.export_data(journal)["tables"]["reps"]]
    # Once the journal was moved aside the restore is finished; before, it is undone.
    if RESTORE_STEPS.index(step) >= RESTORE_STEPS.index("aside"):
        assert names == ["In the backup"]
        kept = sorted(data_paths.data_dir.glob("journal.coachdesk.replaced-*"))
        assert [p.name for p in kept if not p.name.endswith(("-wal", "-shm"))]
    else:
        assert names == ["In the backup", "Only in the journal"]
    assert not data_paths.journal.with_name("journal.coachdesk" + RESTORING_SUFFIX).exists()
    assert _leftovers(data_paths) == []


def test_a_plain_copy_left_by_a_restore_is_wiped_once_the_journal_is_protected(
    data_paths: Paths, clock: FixedClock
) -> None:
    _protected(data_paths, clock)
    # What a restore killed after its copy leaves: a full plain journal beside the real one.
    plain = data_paths.journal.with_name("journal.coachdesk" + RESTORING_SUFFIX)
    plain.write_bytes(b"SQLite format 3\x00" + NEEDLE.encode() * 100)
    half = data_paths.backups / ".journal-20261123-090000-manual.coachdesk.0123456789abcdef.partial"
    half.write_bytes(b"SQLite format 3\x00" + NEEDLE.encode() * 100)
    assert _files_holding(data_paths.data_dir, NEEDLE)

    with Journal.open(data_paths, passphrase=PASSPHRASE) as journal:
        assert journal.check().ok
    assert not plain.exists() and not half.exists()
    assert _files_holding(data_paths.data_dir, NEEDLE) == []


def test_protect_wipes_and_lists_every_plain_leftover(data_paths: Paths, clock: FixedClock) -> None:
    _filled(data_paths, clock)
    half = data_paths.data_dir / ".notes.json.0123456789abcdef.partial"
    with Journal.open(data_paths, clock=clock) as journal:
        half.write_text(NEEDLE, encoding="utf-8")
        report = protection.protect(journal, PASSPHRASE)
    assert half in report.wiped
    assert data_paths.journal.with_name("journal.coachdesk.previous") in report.wiped
    assert report.not_wiped == []
    assert report.backup is not None and looks_protected(report.backup)
    assert _files_holding(data_paths.data_dir, NEEDLE) == []


def test_a_plain_backup_over_a_protected_journal_is_refused_unless_allowed(
    data_paths: Paths, clock: FixedClock, tmp_path: Path
) -> None:
    _filled(data_paths, clock)
    # A copy kept elsewhere (protect wipes the plain backups in the data folder).
    plain = Path(shutil.copy(list_backups(data_paths)[0], tmp_path / "old.coachdesk"))
    with Journal.open(data_paths, clock=clock) as journal:
        protection.protect(journal, PASSPHRASE)
    with pytest.raises(WouldTurnProtectionOff) as caught:
        restore(data_paths, plain, passphrase=PASSPHRASE)
    assert "restoring it would turn protection off" in str(caught.value)
    assert "--unprotected" in caught.value.for_command()
    assert looks_protected(data_paths.journal)

    restore(data_paths, plain, passphrase=PASSPHRASE, allow_unprotected=True)
    assert not looks_protected(data_paths.journal)


# ----------------------------------------------------------------- the journal file itself


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_an_open_journal_is_made_private_whatever_its_mode_was(data_paths: Paths) -> None:
    with Journal.open(data_paths) as journal:
        add_rep(journal, "Ana")
    data_paths.journal.chmod(0o644)
    with Journal.open(data_paths) as journal:
        add_rep(journal, "Bo")
        for path in (data_paths.journal, *journal_sidecars(data_paths.journal)):
            if path.exists():
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def journal_sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + s) for s in ("-wal", "-shm")]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_journal_reached_through_a_link_is_protected_where_it_lives(
    data_paths: Paths, clock: FixedClock, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "synced"
    elsewhere.mkdir()
    real = elsewhere / "journal.coachdesk"
    with Journal.open(Paths(elsewhere), clock=clock) as journal:
        add_rep(journal, "Ana", notes=f"About {NEEDLE}")
    data_paths.data_dir.mkdir(parents=True)
    data_paths.journal.symlink_to(real)

    with Journal.open(data_paths, clock=clock) as journal:
        assert journal.path == real
        protection.protect(journal, PASSPHRASE)
    assert data_paths.journal.is_symlink()  # the link is left as the user made it
    assert looks_protected(real)
    assert _files_holding(elsewhere, NEEDLE) == []
    with Journal.open(data_paths, passphrase=PASSPHRASE) as journal:
        assert journal.check().ok

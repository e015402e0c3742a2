"""A real full disk: a small tmpfs mounted for the test (Linux, as root; skipped elsewhere).

The fault hooks reach every state deterministically; these run the same stories once on a
file system that really fills up, so nothing relies on the hooks telling the truth.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachdesk.cli import run
from coachdesk.dates import FixedClock
from coachdesk.paths import resolve
from coachdesk.sample.team import make_sample
from coachdesk.store import outputs, protection
from coachdesk.store.cipher import looks_protected
from coachdesk.store.db import Journal
from coachdesk.store.errors import WriteFailed
from tests.store.journal_files import add_rep

CLOCK = FixedClock(dt.datetime(2026, 11, 23, 9, 0))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A fresh 6 MB tmpfs, unmounted afterwards."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small disk needs root on Linux")
    where = tmp_path / "small-disk"
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=6m,mode=0700", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def free_bytes(path: Path) -> int:
    info = os.statvfs(path)
    return info.f_bavail * info.f_frsize


def fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` with one file until only ``leave`` bytes are free."""
    filler = disk / "filler"
    size = max(0, free_bytes(disk) - leave)
    with open(filler, "wb") as handle:
        handle.write(b"\0" * size)
    return filler


def test_a_failed_write_gives_its_space_back(small_disk: Path) -> None:
    paths = resolve(small_disk / "data")
    wal = paths.journal.with_name("journal.coachdesk-wal")
    with Journal.open(paths, clock=CLOCK) as journal:
        add_rep(journal, "Ana")
        filler = fill(small_disk, leave=1_500_000)
        with pytest.raises(WriteFailed, match="disk is full"):
            add_rep(journal, "Bo", notes="A long note. " * 400_000)  # about 5 MB
        # While the disk is full the log keeps the failed write's pages, and reuses them:
        # small writes still go through (the window keeps the long text and retries).
        grown = wal.stat().st_size
        add_rep(journal, "Cleo")
        assert wal.stat().st_size <= grown
        # The user frees some space: the next write gives the log's space back.
        filler.unlink()
        fill(small_disk, leave=600_000)
        add_rep(journal, "Dev")
        assert not wal.exists() or wal.stat().st_size < 200_000
        assert free_bytes(small_disk) > 1_500_000
    with Journal.open(paths, clock=CLOCK) as journal:
        assert journal.check().ok
        names = [r[0] for r in journal.conn.execute("SELECT name FROM reps ORDER BY id")]
    assert names == ["Ana", "Cleo", "Dev"]


def test_protect_on_a_nearly_full_disk_leaves_the_journal_as_it_was(small_disk: Path) -> None:
    paths = resolve(small_disk / "data")
    with Journal.open(paths, clock=CLOCK) as journal:
        make_sample(journal, reps=3, weeks=6, seed=7)
        journal.checkpoint()
        size = paths.journal.stat().st_size
        # Room for the encrypted copy, not for its backup as well.
        fill(small_disk, leave=int(size * 1.4))
        with pytest.raises(WriteFailed) as caught:
            protection.protect(journal, "a passphrase that never takes")
        assert "Protection was not turned on" in str(caught.value)
        add_rep(journal, "After")
    assert not looks_protected(paths.journal)
    leftovers = [
        p.name for p in paths.data_dir.iterdir() if p.name.endswith((".converting", ".previous"))
    ]
    assert leftovers == []
    assert outputs.leftovers(paths.backups) == []
    with Journal.open(paths, clock=CLOCK) as journal:
        assert journal.check().ok


def test_a_pdf_or_an_export_onto_a_full_disk_keeps_the_old_file(
    small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = small_disk / "data"
    with Journal.open(resolve(data), clock=CLOCK) as journal:
        make_sample(journal, reps=6, weeks=12, seed=7)
    out = small_disk / "out"
    out.mkdir()
    pdf, export = out / "pack.pdf", out / "everything.json"
    assert (
        run(
            [
                "prep",
                "--team",
                "--all",
                "--date",
                "2026-11-23",
                "--data-dir",
                str(data),
                "--pdf",
                str(pdf),
            ]
        )
        == 0
    )
    assert run(["export", str(export), "--data-dir", str(data)]) == 0
    good_pdf, good_export = pdf.read_bytes(), export.read_bytes()
    capsys.readouterr()

    fill(small_disk, leave=20_000)
    assert (
        run(
            [
                "prep",
                "--team",
                "--all",
                "--date",
                "2026-11-23",
                "--data-dir",
                str(data),
                "--pdf",
                str(pdf),
            ]
        )
        == 1
    )
    assert "disk is full" in capsys.readouterr().err
    assert run(["export", str(export), "--data-dir", str(data)]) == 1
    assert "disk is full" in capsys.readouterr().err
    assert pdf.read_bytes() == good_pdf
    assert export.read_bytes() == good_export
    assert outputs.leftovers(out) == []

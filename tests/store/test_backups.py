"""Backups: sound copies, taken daily when something changed, rotated, and failing clearly."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from coachdesk.dates import FixedClock
from coachdesk.paths import Paths
from coachdesk.store.backups import (
    backup_time,
    backups_to_keep,
    list_backups,
    newest_backup,
    rotate_backups,
)
from coachdesk.store.db import Journal
from tests.store.journal_files import add_rep, child_code, rep_names, run_python


def _quick_check(path: Path) -> list[str]:
    uri = path.absolute().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        return [r[0] for r in conn.execute("PRAGMA quick_check")]
    finally:
        conn.close()


def _stamped(folder: Path, when: dt.datetime, reason: str = "daily") -> Path:
    return folder / f"journal-{when:%Y%m%d-%H%M%S}-{reason}.coachdesk"


# ----------------------------------------------------------------- rotation


def test_rotation_of_a_year_of_daily_backups() -> None:
    folder = Path("/nowhere")
    now = dt.datetime(2026, 11, 23, 9, 0)  # a Monday
    stamps = []
    day = dt.datetime(2025, 11, 24, 3, 0)
    while day <= now:
        stamps.append((_stamped(folder, day), day))
        day += dt.timedelta(days=1)
    # Three more from this morning: everything of the last 24 hours stays.
    for hour, reason in ((7, "manual"), (8, "before-update"), (8, "manual")):
        taken = now.replace(hour=hour, minute=30 if reason == "manual" and hour == 8 else 0)
        stamps.append((_stamped(folder, taken, reason), taken))
    assert len(stamps) == 368

    kept = backups_to_keep(stamps, now)

    kept_days = sorted({taken.date() for path, taken in stamps if path in kept})
    expected_days = [
        # the newest of each of the last 6 months
        dt.date(2026, 6, 30),
        dt.date(2026, 7, 31),
        dt.date(2026, 8, 31),
        dt.date(2026, 9, 30),
        dt.date(2026, 10, 31),
        # the newest of each of the last 4 ISO weeks (W45 ends Sunday 8th, W46 the 15th,
        # W47 the 22nd; W48 is this week)
        dt.date(2026, 11, 8),
        dt.date(2026, 11, 15),
        # the newest of each of the last 7 days (also this week's and this month's)
        *(dt.date(2026, 11, d) for d in range(17, 24)),
    ]
    assert kept_days == expected_days
    today = [path for path, taken in stamps if taken.date() == now.date()]
    assert len(today) == 4
    assert set(today) <= kept, "everything from the last 24 hours is kept"
    assert len(kept) == len(expected_days) - 1 + 4


def test_rotation_keeps_the_newest_of_an_older_day() -> None:
    folder = Path("/nowhere")
    now = dt.datetime(2026, 11, 23, 9, 0)
    early = dt.datetime(2026, 11, 20, 8, 0)
    late = dt.datetime(2026, 11, 20, 18, 0)
    stamps = [(_stamped(folder, early), early), (_stamped(folder, late, "manual"), late)]
    assert backups_to_keep(stamps, now) == {_stamped(folder, late, "manual")}


def test_rotation_deletes_on_disk_and_leaves_other_files(tmp_path: Path) -> None:
    now = dt.datetime(2026, 11, 23, 9, 0)
    made = []
    for days in range(0, 60):
        path = _stamped(tmp_path, now - dt.timedelta(days=days, hours=1))
        path.write_bytes(b"x")
        made.append(path)
    stranger = tmp_path / "my-notes.txt"
    stranger.write_text("not a backup")

    removed = rotate_backups(tmp_path, now)

    remaining = {p for p in made if p.exists()}
    stamps = [(p, backup_time(p)) for p in made]
    assert all(taken is not None for _, taken in stamps), "every name carries its time"
    assert remaining == backups_to_keep([(p, t) for p, t in stamps if t is not None], now)
    assert {p for p in made if not p.exists()} == set(removed)
    assert len(remaining) == 7 + 2 + 2  # 7 days, 2 older weeks, October and September
    assert stranger.exists()


# ----------------------------------------------------------------- daily backups


def test_daily_backup_once_a_day_and_only_after_a_change(
    data_paths: Paths, clock: FixedClock
) -> None:
    with Journal.open(data_paths, clock=clock) as journal:
        assert journal.maybe_daily_backup() is None, "an untouched journal needs no backup"

        add_rep(journal, "Ana")
        first = journal.maybe_daily_backup()
        assert first is not None and "daily" in first.name
        assert journal.maybe_daily_backup() is None, "nothing changed since"

        add_rep(journal, "Ben")
        clock.advance(hours=23)
        assert journal.maybe_daily_backup() is None, "the last one is less than a day old"

        clock.advance(hours=2)
        second = journal.maybe_daily_backup()
        assert second is not None and second != first

        clock.advance(days=3)
        assert journal.maybe_daily_backup() is None, "days pass, nothing changed"

    backups = list_backups(data_paths)
    assert backups == [second, first]
    assert rep_names(first) == ["Ana"]
    assert rep_names(second) == ["Ana", "Ben"]
    for backup in backups:
        assert _quick_check(backup) == ["ok"]


def test_a_manual_backup_counts_as_the_days_backup(data_paths: Paths, clock: FixedClock) -> None:
    with Journal.open(data_paths, clock=clock) as journal:
        add_rep(journal, "Ana")
        journal.backup("manual")
        add_rep(journal, "Ben")
        clock.advance(hours=2)
        assert journal.maybe_daily_backup() is None
        assert len(list_backups(data_paths)) == 1


def test_every_backup_is_sound_and_leaves_no_companions(
    data_paths: Paths, clock: FixedClock
) -> None:
    with Journal.open(data_paths, clock=clock) as journal:
        for i in range(30):
            add_rep(journal, f"Rep {i}", notes="Quarter review. " * 200)
            clock.advance(hours=6)
            journal.maybe_daily_backup()
        journal.backup("manual")
        assert newest_backup(data_paths) is not None
    backups = list_backups(data_paths)
    assert len(backups) > 3
    for backup in backups:
        assert _quick_check(backup) == ["ok"]
    leftovers = [p.name for p in data_paths.backups.iterdir() if p not in backups]
    assert leftovers == [], "no -wal, -shm or .partial files beside the backups"


def test_a_backup_to_a_chosen_file(data_paths: Paths, clock: FixedClock, tmp_path: Path) -> None:
    dest = tmp_path / "usb" / "copy.coachdesk"
    dest.parent.mkdir()
    with Journal.open(data_paths, clock=clock) as journal:
        add_rep(journal, "Ana")
        assert journal.backup("manual", dest) == dest
    assert rep_names(dest) == ["Ana"]
    assert _quick_check(dest) == ["ok"]
    assert list_backups(data_paths) == []


# ----------------------------------------------------------------- failing backups


FAILING_BACKUP = """
import os
from pathlib import Path
from coachdesk.store.errors import WriteFailed
paths = resolve(sys.argv[1])
journal = Journal.open(paths)
try:
    if sys.argv[2] == "folder":
        journal.backup("manual")
    else:
        journal.backup("manual", Path(sys.argv[2]) / "copy.coachdesk")
except WriteFailed as problem:
    print("WriteFailed", problem, sep="|")
else:
    print("written")
with journal.write() as db:
    db.conn.execute(
        "INSERT INTO reps(name, created_at, updated_at) VALUES ('Later', '2026', '2026')"
    )
journal.close()
"""


@pytest.mark.slow
@pytest.mark.parametrize("where", ["folder", "dest"])
def test_a_backup_into_a_read_only_folder_is_a_write_failed(
    data_paths: Paths, clock: FixedClock, tmp_path: Path, where: str
) -> None:
    with Journal.open(data_paths, clock=clock) as journal:
        add_rep(journal, "Ana")
    read_only = data_paths.backups if where == "folder" else tmp_path / "read-only"
    read_only.mkdir(exist_ok=True)
    read_only.chmod(0o500)
    try:
        out = run_python(
            child_code(FAILING_BACKUP),
            str(data_paths.data_dir),
            where if where == "folder" else str(read_only),
            unprivileged=True,
        ).strip()
    finally:
        read_only.chmod(0o700)
    kind, _, message = out.partition("|")
    assert kind == "WriteFailed", out
    assert "The backup could not be written to" in message
    assert str(read_only) in message
    assert list(read_only.iterdir()) == []
    assert rep_names(data_paths.journal) == ["Ana", "Later"], "the journal works on"

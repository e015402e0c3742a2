"""Purging the backups after a person is deleted: none of the old copies hold them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coachdesk.dates import FixedClock
from coachdesk.store import commitments, meetings, reps
from coachdesk.store.backups import list_backups, purge_all_backups
from coachdesk.store.db import Journal
from coachdesk.store.errors import WriteFailed
from coachdesk.store.records import Owner

SECRET = "thinking-of-leaving-for-a-competitor"


def _rep_names(path: Path) -> list[str]:
    uri = path.absolute().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM reps ORDER BY name")]
    finally:
        conn.close()


def _held_on(path: Path, rep_id: int) -> int:
    uri = path.absolute().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        return sum(
            conn.execute(f"SELECT count(*) FROM {table} WHERE rep_id = ?", [rep_id]).fetchone()[0]
            for table in ("meetings", "commitments")
        )
    finally:
        conn.close()


def _journal_with_ana(journal: Journal, clock: FixedClock) -> int:
    """Ana (with a private note and a commitment) and Bo, and a week of backups."""
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz", email="ana@example.com"))
    reps.add_rep(journal, reps.NewRep("Bo Chen"))
    meeting = meetings.add_meeting(journal, ana.id, "2026-11-20T09:00", private_notes=SECRET)
    commitments.add_commitment(journal, ana.id, Owner.REP, "Call Acme", meeting_id=meeting.id)
    for reason in ("daily", "manual", "daily"):
        journal.backup(reason)
        clock.advance(days=1)
    return ana.id


def test_purge_leaves_one_fresh_backup_that_no_longer_holds_the_person(
    journal: Journal, clock: FixedClock
) -> None:
    ana_id = _journal_with_ana(journal, clock)
    folder = journal.paths.backups
    interrupted = folder / "journal-20261101-030000-daily.coachdesk.partial"
    interrupted.write_bytes(b"half a copy")
    mine = folder / "notes-to-self.txt"
    mine.write_text("not a backup")
    reps.delete_rep(journal, ana_id)  # takes a "before-delete" backup that still holds her
    older = list_backups(journal.paths)
    assert len(older) == 4
    assert all("Ana Ruiz" in _rep_names(path) for path in older)

    deleted = purge_all_backups(journal)

    assert deleted == 5, "four backups and the interrupted copy"
    left = list_backups(journal.paths)
    assert len(left) == 1
    assert "after-purge" in left[0].name
    assert _rep_names(left[0]) == ["Bo Chen"]
    assert _held_on(left[0], ana_id) == 0
    assert SECRET.encode() not in left[0].read_bytes()
    assert not interrupted.exists()
    assert mine.read_text() == "not a backup", "files that are not backups are left alone"


def test_after_a_purge_the_journal_files_no_longer_hold_the_text(
    journal: Journal, clock: FixedClock
) -> None:
    ana_id = _journal_with_ana(journal, clock)
    reps.delete_rep(journal, ana_id)
    purge_all_backups(journal)
    for path in [journal.path, *journal.path.parent.glob(journal.path.name + "-*")]:
        assert SECRET.encode() not in path.read_bytes(), path.name


def test_purge_with_no_backups_still_leaves_one(journal: Journal) -> None:
    reps.add_rep(journal, reps.NewRep("Bo Chen"))
    assert list_backups(journal.paths) == []
    assert purge_all_backups(journal) == 0
    left = list_backups(journal.paths)
    assert len(left) == 1 and _rep_names(left[0]) == ["Bo Chen"]


def test_nothing_is_deleted_when_the_fresh_backup_cannot_be_taken(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _journal_with_ana(journal, clock)
    before = list_backups(journal.paths)

    def disk_full(reason: str = "manual", dest: Path | None = None) -> Path:
        raise WriteFailed("The backup could not be written.", "Free some space.")

    monkeypatch.setattr(journal, "backup", disk_full)
    with pytest.raises(WriteFailed):
        purge_all_backups(journal)
    assert list_backups(journal.paths) == before, "the old backups are better than none"


def test_a_backup_that_cannot_be_deleted_is_reported(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _journal_with_ana(journal, clock)
    stuck = list_backups(journal.paths)[0]
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self == stuck:
            raise PermissionError(13, "Permission denied", str(self))
        real_unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    with pytest.raises(WriteFailed) as caught:
        purge_all_backups(journal)
    assert stuck.name in str(caught.value)
    assert "after-purge" in str(caught.value)
    names = sorted(p.name for p in list_backups(journal.paths))
    assert len(names) == 2 and stuck.name in names

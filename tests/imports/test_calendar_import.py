"""A calendar export brought into the journal: scheduled 1:1s, cadences, again and newer."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coachdesk.dates import FixedClock
from coachdesk.imports import calendar_import
from coachdesk.paths import Paths
from coachdesk.store import meetings, reps
from coachdesk.store.db import Journal
from coachdesk.store.errors import InvalidInput
from coachdesk.store.records import MeetingStatus

FIXTURES = Path(__file__).parent.parent / "fixtures" / "calendars"
OUTLOOK = FIXTURES / "outlook.ics"
TODAY = dt.date(2024, 10, 1)
BERLIN = ZoneInfo("Europe/Berlin")
ROSTER = (
    ("Ana Ruiz", "ana.ruiz@example.com"),
    ("Tomás Novák", "tomas.novak@example.com"),
    ("Lena Fischer", "lena.fischer@example.com"),
    ("Jonas Weber", "jonas.weber@example.com"),
    ("Priya Nair", "priya.nair@example.com"),
    ("Sam Okafor", "sam.okafor@example.com"),
    ("Mia Chen", "mia.chen@example.com"),
)
# Titles of events that are not 1:1s (a team call, a customer meeting, an offsite):
# counted, never stored.
NOT_ONE_ON_ONES = ("Team forecast call", "Nordhafen renewal negotiation", "Offsite with Ana")


@pytest.fixture
def journal(data_paths: Paths) -> Iterator[Journal]:
    opened = Journal.open(data_paths, clock=FixedClock(dt.datetime(2024, 10, 1, 9, 0)))
    reps.add_reps(opened, [reps.NewRep(name, email=email) for name, email in ROSTER])
    yield opened
    opened.close()


def _ids(journal: Journal) -> dict[str, int]:
    return {r.name.split()[0]: r.id for r in reps.list_reps(journal)}


def _import(journal: Journal, source: Path | bytes) -> calendar_import.CalendarImport:
    prepared = calendar_import.prepare(journal, source, today=TODAY, zone=BERLIN)
    calendar_import.apply(journal, prepared)
    return prepared


def test_an_outlook_export_schedules_each_reps_1_1s_and_sets_their_cadence(
    journal: Journal, data_paths: Paths
) -> None:
    prepared = _import(journal, OUTLOOK)
    ids = _ids(journal)
    ana = reps.get_rep(journal, ids["Ana"])
    priya = reps.get_rep(journal, ids["Priya"])
    assert ana is not None and priya is not None
    assert ana.next_meeting_at == "2024-10-01T16:00"
    assert (ana.cadence_days, priya.cadence_days) == (7, 28)  # weekly; the 2nd Tuesday
    ahead = meetings.scheduled_meetings(journal, ids["Ana"])
    assert [m.held_at for m in ahead[:3]] == [
        "2024-10-01T16:00",
        "2024-10-16T09:00",  # moved from the 15th
        "2024-10-22T16:00",  # the 8th is skipped
    ]
    assert all(m.calendar_key and m.minutes == 30 for m in ahead)
    assert len(meetings.scheduled_meetings(journal)) == len(prepared.plan.meetings)
    # The team call (five reps) made no 1:1, and nothing of the events that are not 1:1s
    # is anywhere in the journal's file.
    journal.close()
    stored = b"".join(
        p.read_bytes() for p in data_paths.data_dir.iterdir() if p.name.startswith("journal")
    )
    for title in NOT_ONE_ON_ONES:
        assert title.encode() not in stored


def test_the_same_file_twice_changes_nothing(journal: Journal) -> None:
    _import(journal, OUTLOOK)
    revision = journal.revision()
    again = calendar_import.prepare(journal, OUTLOOK, today=TODAY, zone=BERLIN)
    assert again.changes.empty
    calendar_import.apply(journal, again)
    assert journal.revision() == revision


def test_a_newer_export_moves_and_removes_but_never_a_held_1_1(journal: Journal) -> None:
    # Tomás's one-off 1:1 is on Friday 4 Oct in the first export.
    first = OUTLOOK.read_text(encoding="utf-8").replace("20240920T1", "20241004T1")
    _import(journal, first.encode("utf-8"))
    ids = _ids(journal)
    [tomas_before] = meetings.scheduled_meetings(journal, ids["Tomás"])
    # Today's 1:1 with Ana is held; then her series is deleted from the calendar,
    # Tomás's 1:1 moves to Monday, and Mia's Thursday series to 10:00 New York time.
    today_one = meetings.scheduled_meetings(journal, ids["Ana"])[0]
    meetings.start_meeting(journal, today_one.id)
    blocks = first.split("BEGIN:VEVENT")
    kept = [b for b in blocks[1:] if "Ana / Kim weekly" not in b]
    newer = blocks[0] + "".join("BEGIN:VEVENT" + b for b in kept)
    newer = newer.replace("20241004T1", "20241007T1")
    newer = newer.replace("20240905T090000", "20240905T100000").replace(
        "20240905T093000", "20240905T103000"
    )
    mia_before = [m.held_at for m in meetings.scheduled_meetings(journal, ids["Mia"])]
    prepared = _import(journal, newer.encode("utf-8"))
    assert prepared.changes.remove and prepared.changes.move
    [tomas_after] = meetings.scheduled_meetings(journal, ids["Tomás"])
    assert (tomas_after.id, tomas_after.held_at) == (tomas_before.id, "2024-10-07T10:30")
    assert meetings.scheduled_meetings(journal, ids["Ana"]) == []
    held = meetings.get_meeting(journal, today_one.id)
    assert held is not None and held.status is MeetingStatus.HELD, "a held 1:1 stays"
    # A series moved to another hour is the same 1:1s, an hour later each.
    mia_after = [m.held_at for m in meetings.scheduled_meetings(journal, ids["Mia"])]
    assert len(mia_after) == len(mia_before)
    assert all(a[:10] == b[:10] and a > b for a, b in zip(mia_after, mia_before, strict=True))
    ana = reps.get_rep(journal, ids["Ana"])
    assert ana is not None and ana.next_meeting_at is None


def test_a_typed_next_1_1_is_tied_to_its_event_not_doubled(journal: Journal) -> None:
    ids = _ids(journal)
    reps.update_rep(journal, ids["Tomás"], next_meeting_at="2024-10-04T10:00")
    [typed] = meetings.scheduled_meetings(journal, ids["Tomás"])
    text = OUTLOOK.read_text(encoding="utf-8").replace("20240920T1", "20241004T1")
    _import(journal, text.encode("utf-8"))
    [tied] = meetings.scheduled_meetings(journal, ids["Tomás"])
    assert tied.id == typed.id and tied.calendar_key and tied.held_at == "2024-10-04T10:30"


def test_a_malformed_file_writes_nothing_and_says_so_in_one_line(journal: Journal) -> None:
    revision = journal.revision()
    with pytest.raises(InvalidInput) as raised:
        calendar_import.prepare(journal, FIXTURES / "damaged.ics", today=TODAY, zone=BERLIN)
    assert "\n" not in str(raised.value)
    assert journal.revision() == revision


def test_the_command_line_dry_run_then_the_import(data_paths: Paths, tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "coachdesk", "--data-dir", str(data_paths.data_dir), *args],
            capture_output=True,
            text=True,
            env={"TZ": "Europe/Berlin", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
            check=False,
        )

    roster = tmp_path / "roster.csv"
    roster.write_text("Name,Email\n" + "".join(f"{n},{e}\n" for n, e in ROSTER))
    assert run("import-roster", str(roster)).returncode == 0
    dry = run("import-calendar", str(OUTLOOK), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "nothing written" in dry.stdout
    for title in NOT_ONE_ON_ONES:
        assert title not in dry.stdout
    # The command schedules from the real today: the export's weekly series have no end,
    # so they hold 1:1s in the next 120 days whatever day the test runs.
    done = run("import-calendar", str(OUTLOOK))
    assert done.returncode == 0, done.stderr
    assert "1:1s scheduled" in done.stdout
    again = run("import-calendar", str(OUTLOOK))
    assert "Nothing to change" in again.stdout
    bad = run("import-calendar", str(FIXTURES / "damaged.ics"))
    assert bad.returncode != 0 and "Traceback" not in bad.stderr

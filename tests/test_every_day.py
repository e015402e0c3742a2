"""The date-dependent logic CI relies on, swept over every day of a normal and a leap year.

CI makes its sample for a fixed day, so it gives the same answer on any date. The app's own
sample and ``--demo`` follow the real date, so they must work on every one of them: the
sample team, the note text CI looks for, ISO weeks (2026 has a week 53 that runs into
2027), quarters and 29 February.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachdesk.coaching.pace import last_completed_week, quarter_of_week, weeks_of_quarter
from coachdesk.dates import FixedClock, IsoWeek, Quarter, add_months, weeks_in_year
from coachdesk.paths import resolve
from coachdesk.sample.team import SAMPLE_HOUR, generate, make_sample
from coachdesk.store import transfer
from coachdesk.store.db import Journal
from tests.plaintext import BadNeedle, checked, export_needle, files_holding, note_needle

DAY = dt.timedelta(days=1)
NORMAL_YEAR = [dt.date(2027, 1, 1) + k * DAY for k in range(365)]
LEAP_YEAR = [dt.date(2028, 1, 1) + k * DAY for k in range(366)]
EVERY_DAY = NORMAL_YEAR + LEAP_YEAR
PLAINTEXT = Path(__file__).with_name("plaintext.py")


def test_the_sweep_covers_731_days_with_a_week_53_and_a_29_february() -> None:
    assert len(EVERY_DAY) == len(set(EVERY_DAY)) == 731
    assert dt.date(2028, 2, 29) in EVERY_DAY
    assert IsoWeek.of(dt.date(2027, 1, 1)) == IsoWeek(2026, 53)


def test_weeks_and_quarters_hold_on_every_day() -> None:
    for day in EVERY_DAY:
        week = IsoWeek.of(day)
        assert week.monday() <= day <= week.sunday(), day
        assert 1 <= week.week <= weeks_in_year(week.year), day
        assert IsoWeek.parse(str(week)) == week
        assert week.shifted(1).shifted(-1) == week
        assert week.shifted(1).monday() == week.monday() + 7 * DAY
        quarter = Quarter.of(day)
        assert quarter.first_day() <= day <= quarter.last_day(), day
        # A week belongs to the quarter of its Thursday; every quarter has 12 to 14 weeks.
        owner = quarter_of_week(week)
        assert owner == Quarter.of(week.monday() + 3 * DAY), day
        weeks = weeks_of_quarter(owner)
        assert week in weeks and 12 <= len(weeks) <= 14, day
        done = last_completed_week(day)
        assert done.sunday() < day <= done.sunday() + 7 * DAY, day
        back = add_months(day, -3)
        assert back.day == day.day or back.day < day.day, day
        assert add_months(back, 3) <= day, day


def test_week_53_and_29_february() -> None:
    assert weeks_of_quarter(Quarter(2026, 4))[-1] == IsoWeek(2026, 53)
    assert len(weeks_of_quarter(Quarter(2026, 4))) == 14
    assert last_completed_week(dt.date(2027, 1, 4)) == IsoWeek(2026, 53)
    assert add_months(dt.date(2028, 2, 29), 12) == dt.date(2029, 2, 28)
    assert add_months(dt.date(2028, 3, 31), -1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2027, 3, 31), -1) == dt.date(2027, 2, 28)


def test_the_generated_sample_and_its_needle_on_every_day() -> None:
    for day in EVERY_DAY:
        team = generate(reps=3, weeks=4, seed=7, today=day)
        assert team.reps and team.meetings, day
        assert generate(reps=3, weeks=4, seed=7, today=day) == team, day
        needle = note_needle(m.notes for m in team.meetings)
        assert checked(needle) == needle, day
        # Findable as stored: the needle is part of one line of one note, as written.
        assert any(needle in line for m in team.meetings for line in m.notes.splitlines()), day
        for m in team.meetings:
            held = dt.date.fromisoformat(m.held_at[:10])
            assert held < day or m.closed_at is None, (day, m.held_at)


@pytest.fixture
def fast_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory where the system has one: 731 journals cost fsyncs, not work."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="coachdesk-test-", dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
def test_the_whole_sample_goes_into_a_journal_on_every_day(fast_folder: Path) -> None:
    # The full sample (numbers, agreements, plans, the ladder) as `make-sample --today`
    # writes it. An empty journal is made once and copied, to skip 731 migrations.
    template = resolve(fast_folder / "template")
    Journal.open(template).close()
    for day in EVERY_DAY:
        folder = fast_folder / "day"
        shutil.copytree(template.data_dir, folder)
        clock = FixedClock(dt.datetime.combine(day, SAMPLE_HOUR))
        with Journal.open(resolve(folder), clock=clock) as journal:
            counts = make_sample(journal, reps=3, weeks=4, seed=7)
            assert counts["reps"] == 3 and counts["meetings"] > 0, day
            export = transfer.export_data(journal, include_private=False)
        assert export_needle(export), day
        shutil.rmtree(folder)


# ----------------------------------------------------------------- the needle itself


@pytest.mark.parametrize("needle", ["", "\n", " " * 30, "short words", "two lines of\ntext here"])
def test_an_empty_short_or_multi_line_needle_is_refused(needle: str) -> None:
    with pytest.raises(BadNeedle):
        checked(needle)


def test_markup_is_not_part_of_the_needle() -> None:
    notes = ["## Pipeline review — 5 open, €457k\n\n### Deals\n- Acme renewal slips to March\n"]
    assert note_needle(notes) == "Pipeline review — 5 open, €457k"


def test_a_broken_needle_fails_the_protected_journal_check(tmp_path: Path) -> None:
    # The check as `.ci/run` runs it: with an empty needle (what a line break used to
    # give), or one on two lines, it fails instead of passing for every folder.
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "journal.coachdesk").write_bytes(b"\x00" * 64)
    for needle in ["", "## Pipeline review\n\n### "]:
        for verb in ("absent", "found"):
            run = subprocess.run(
                [sys.executable, str(PLAINTEXT), verb, str(folder), needle],
                capture_output=True,
                text=True,
                check=False,
            )
            assert run.returncode == 2, (verb, needle, run.stdout, run.stderr)
            assert "needle" in run.stderr


def test_the_needle_is_found_in_utf8_and_utf16(tmp_path: Path) -> None:
    needle = "Ask Priya how the Dubois demo went"
    (tmp_path / "a").write_bytes(b"xx" + needle.encode("utf-8") + b"yy")
    (tmp_path / "b").write_bytes(needle.encode("utf-16-le"))
    (tmp_path / "c").write_bytes(b"nothing here")
    assert [p.name for p in files_holding(tmp_path, needle)] == ["a", "b"]
